//! The `emit` stage: model and names to tokens.
//!
//! Section order of a generated file: the runtime import and `Variables` (with the `Client`
//! type of the collection), then the collection's requests and folders in the collection's
//! order, each folder a module, and last, in standalone mode, the runtime's own source. Each
//! top-level section is emitted on its own so that `render` can work on several at once.
//! Emission never looks at Postman JSON.
//!
//! Generated code names the runtime `rt` in every module (`use ::codegen_runtime as rt;` at
//! the root, `use super::rt;` below it) and uses the prelude's `String`, `Option`, `Vec`,
//! `Box` and `Default` by name: the `name` stage keeps every generated name off them.

/// The runtime's `#[derive(Request)]` expansion, run here for standalone output: the file is
/// the derive crate's own.
#[path = "../../runtime/derive/src/expand/mod.rs"]
mod derive;
pub(crate) mod docs;
pub(crate) mod example;
mod lists;
mod request_body;
mod requests;
mod responses;
mod shared;
pub mod standalone;
pub(crate) mod types;
mod variables;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::{Api, Group, Node, WrittenIn};
use crate::name::{GroupNames, Names, NodeNames};

pub use shared::Shared;

/// The line width prettyplease fills.
const FORMAT_WIDTH: usize = 89;

/// Where the generated code finds the runtime.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Runtime {
    /// A crate (or module) at this path, `::codegen_runtime` by default (checked to be a path).
    Path(String),
    /// The runtime's source, written into the file as the module `runtime`.
    Standalone,
    /// A copy of the runtime's source at this path (several collections in standalone mode
    /// name the one their main file holds).
    Copy(String),
}

impl Runtime {
    /// Whether the runtime is the crate, whose `#[derive(Request)]` the generated code can
    /// use; a copy of its source has no derive, so the code carries the derive's expansion.
    fn has_derive(&self) -> bool {
        matches!(self, Runtime::Path(_))
    }
}

/// A part of the generated file that is emitted on its own: sections can be emitted and
/// rendered in parallel and joined in order.
#[derive(Clone, Copy, Debug)]
pub enum Section<'a> {
    /// The runtime import and `Variables`.
    Prelude,
    /// A request or folder at the top level of the collection.
    Node(&'a Node, &'a NodeNames),
    /// The runtime's source (standalone mode only).
    Runtime,
}

/// The file's sections, in order.
pub fn sections<'a>(api: &'a Api, names: &'a Names, runtime: &Runtime) -> Vec<Section<'a>> {
    let nodes = api.root.children.iter().zip(&names.root.children);
    let mut sections = vec![Section::Prelude];
    sections.extend(nodes.map(|(node, names)| Section::Node(node, names)));
    if *runtime == Runtime::Standalone {
        sections.push(Section::Runtime);
    }
    sections
}

/// The tokens of one section.
pub fn emit_section(
    api: &Api,
    names: &Names,
    runtime: &Runtime,
    shared: &Shared,
    section: Section<'_>,
) -> Result<TokenStream, crate::Error> {
    Ok(match section {
        Section::Prelude => {
            let import = match runtime {
                Runtime::Path(path) | Runtime::Copy(path) => {
                    let path: syn::Path = syn::parse_str(path)
                        .map_err(|err| crate::Error::Render(format!("runtime path: {err}")))?;
                    quote! { use #path as rt; }
                }
                Runtime::Standalone => quote! { use self::runtime as rt; },
            };
            let variables = variables::variables(api, names);
            let auths = auths(api);
            let constants = shared.definitions();
            quote! { #import #variables #auths #constants }
        }
        Section::Node(node, node_names) => node_items(node, node_names, shared, runtime, 0)?,
        Section::Runtime => standalone::module()?,
    })
}

/// The collection's auths, one `static` each, which requests name in `parts`: those that the
/// requests kept use (a subset keeps the names the whole collection gives them).
fn auths(api: &Api) -> TokenStream {
    let used = api.root.auths_used();
    api.auths
        .iter()
        .enumerate()
        .filter(|(index, _)| used.contains(index))
        .map(|(index, def)| {
            let name = requests::auth_name(index);
            let scheme = &def.auth.scheme;
            let params = def
                .auth
                .params
                .iter()
                .map(|(key, value)| quote! { (#key, #value) });
            let place = match &def.written_in {
                WrittenIn::Collection => "the collection".to_owned(),
                WrittenIn::Folder(name) => format!("the folder {}", docs::code(name)),
                WrittenIn::Request(name) => format!("the request {}", docs::code(name)),
            };
            let attrs = docs::attrs(&[format!("The {} auth of {place}.", docs::code(scheme))]);
            quote! {
                #attrs
                pub static #name: rt::Auth = rt::Auth::new(#scheme, &[#(#params),*]);
            }
        })
        .collect()
}

fn group_items(
    group: &Group,
    names: &GroupNames,
    shared: &Shared,
    runtime: &Runtime,
    depth: usize,
) -> Result<TokenStream, crate::Error> {
    group
        .children
        .iter()
        .zip(&names.children)
        .map(|(node, names)| node_items(node, names, shared, runtime, depth))
        .collect()
}

fn node_items(
    node: &Node,
    names: &NodeNames,
    shared: &Shared,
    runtime: &Runtime,
    depth: usize,
) -> Result<TokenStream, crate::Error> {
    let root: TokenStream = (0..depth).map(|_| quote! { super:: }).collect();
    Ok(match (node, names) {
        (Node::Operation(operation), NodeNames::Operation(names)) => {
            requests::operation(operation, names, shared, runtime, (&root, depth))?
        }
        (Node::Group(group), NodeNames::Group(names)) => {
            let module = format_ident!("{}", names.module);
            let title = if group.name.is_empty() {
                "Folder"
            } else {
                &group.name
            };
            let mut lines = vec![docs::title(title)];
            docs::push_paragraph(&mut lines, docs::description(group.description.as_ref()));
            let attrs = docs::attrs(&lines);
            let has_requests = group
                .children
                .iter()
                .any(|child| matches!(child, Node::Operation(_)));
            let import = has_requests.then(|| {
                let root = quote! { #root super:: };
                quote! { use #root rt; }
            });
            let items = group_items(group, names, shared, runtime, depth + 1)?;
            quote! {
                #attrs
                pub mod #module { #import #items }
            }
        }
        _ => TokenStream::new(),
    })
}
