//! The `emit` stage: model and names to tokens.
//!
//! Section order of a generated file: `Variables`, the shared runtime (request trait, client,
//! responses, errors, helpers), then the collection's requests and folders in the collection's
//! order, each folder a module. Emission never looks at Postman JSON.

mod decoding;
mod docs;
mod example;
mod requests;
mod responses;
mod runtime;
pub(crate) mod types;
mod variables;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::{Api, Group, Node};
use crate::name::{GroupNames, NodeNames, Names};

/// The whole generated file as tokens.
pub fn emit(api: &Api, names: &Names) -> TokenStream {
    let variables = variables::variables(api, names);
    let runtime = runtime::runtime();
    let decoding = decoding::shared();
    let items = group_items(&api.root, &names.root, 0);
    quote! {
        #variables
        #runtime
        #decoding
        #items
    }
}

fn group_items(group: &Group, names: &GroupNames, depth: usize) -> TokenStream {
    let root: TokenStream = (0..depth).map(|_| quote! { super:: }).collect();
    group
        .children
        .iter()
        .zip(&names.children)
        .map(|pair| match pair {
            (Node::Operation(operation), NodeNames::Operation(names)) => {
                requests::operation(operation, names, &root)
            }
            (Node::Group(group), NodeNames::Group(names)) => {
                let module = format_ident!("{}", names.module);
                let mut lines = vec![docs::title(if group.name.is_empty() { "Folder" } else { &group.name })];
                docs::push_paragraph(&mut lines, docs::description(group.description.as_ref()));
                let attrs = docs::attrs(&lines);
                let items = group_items(group, names, depth + 1);
                quote! {
                    #attrs
                    pub mod #module { #items }
                }
            }
            _ => TokenStream::new(),
        })
        .collect()
}
