//! The `emit` stage: model and names to tokens.
//!
//! Section order of a generated file: `Variables`, the shared runtime (request trait, client,
//! responses, errors, helpers), then the collection's requests and folders in the collection's
//! order, each folder a module. Each top-level section is emitted on its own so that `render`
//! can work on several at once. Emission never looks at Postman JSON.

mod decoding;
mod docs;
mod example;
mod parts;
mod requests;
mod responses;
mod runtime;
pub(crate) mod types;
mod variables;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::{Api, Group, Node};
use crate::name::{GroupNames, Names, NodeNames};

/// A part of the generated file that is emitted on its own: sections can be emitted and
/// rendered in parallel and joined in order.
#[derive(Clone, Copy, Debug)]
pub enum Section<'a> {
    Variables,
    Runtime,
    /// A request or folder at the top level of the collection.
    Node(&'a Node, &'a NodeNames),
}

/// The file's sections, in order.
pub fn sections<'a>(api: &'a Api, names: &'a Names) -> Vec<Section<'a>> {
    let nodes = api.root.children.iter().zip(&names.root.children);
    [Section::Variables, Section::Runtime]
        .into_iter()
        .chain(nodes.map(|(node, names)| Section::Node(node, names)))
        .collect()
}

/// The tokens of one section.
pub fn emit_section(api: &Api, names: &Names, section: Section<'_>) -> TokenStream {
    match section {
        Section::Variables => variables::variables(api, names),
        Section::Runtime => {
            let runtime = runtime::runtime();
            let decoding = decoding::shared();
            quote! { #runtime #decoding }
        }
        Section::Node(node, node_names) => node_items(node, node_names, 0),
    }
}

/// The whole generated file as tokens.
pub fn emit(api: &Api, names: &Names) -> TokenStream {
    sections(api, names)
        .into_iter()
        .map(|section| emit_section(api, names, section))
        .collect()
}

fn group_items(group: &Group, names: &GroupNames, depth: usize) -> TokenStream {
    group
        .children
        .iter()
        .zip(&names.children)
        .map(|(node, names)| node_items(node, names, depth))
        .collect()
}

fn node_items(node: &Node, names: &NodeNames, depth: usize) -> TokenStream {
    let root: TokenStream = (0..depth).map(|_| quote! { super:: }).collect();
    match (node, names) {
        (Node::Operation(operation), NodeNames::Operation(names)) => {
            requests::operation(operation, names, &root)
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
            let items = group_items(group, names, depth + 1);
            quote! {
                #attrs
                pub mod #module { #items }
            }
        }
        _ => TokenStream::new(),
    }
}
