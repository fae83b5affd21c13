//! Header lists that several requests send and that would not fit on the line of their field:
//! each is written once, as a constant at the top of the file, and `new` names it
//! (`rt::Params::headers(HEADERS)`). A header list used once, or short enough, stays where it
//! is used.

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{docs, lists};
use crate::model::{Api, Node};

/// The shared header lists of one file.
#[derive(Debug, Default)]
pub struct Shared {
    /// Each shared text, in the order the collection first uses it, with how many requests
    /// send it.
    texts: Vec<(String, usize)>,
    /// A text's place in `texts`.
    index: HashMap<String, usize>,
}

impl Shared {
    /// The header lists of `api` that more than one request sends and that are too long for
    /// one line where `new` sets them.
    pub fn new(api: &Api) -> Self {
        let mut counts: Vec<(String, usize)> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        // Depth first, in the collection's order, without recursion.
        let mut stack: Vec<std::slice::Iter<'_, Node>> = vec![api.root.children.iter()];
        while let Some(children) = stack.last_mut() {
            let Some(node) = children.next() else {
                stack.pop();
                continue;
            };
            match node {
                Node::Group(group) => stack.push(group.children.iter()),
                Node::Operation(operation) => {
                    let Some(text) = lists::headers_text(operation) else {
                        continue;
                    };
                    if !too_long(&text) {
                        continue;
                    }
                    match index.get(&text) {
                        Some(&at) => {
                            if let Some((_, count)) = counts.get_mut(at) {
                                *count += 1;
                            }
                        }
                        None => {
                            index.insert(text.clone(), counts.len());
                            counts.push((text, 1));
                        }
                    }
                }
            }
        }
        let texts: Vec<(String, usize)> =
            counts.into_iter().filter(|(_, count)| *count > 1).collect();
        let index = texts
            .iter()
            .enumerate()
            .map(|(at, (text, _))| (text.clone(), at))
            .collect();
        Shared { texts, index }
    }

    /// The constant holding `text`, as seen from a module `root` below the file's root.
    pub fn constant(&self, text: &str, root: &TokenStream) -> Option<TokenStream> {
        let at = *self.index.get(text)?;
        let name = self.name(at);
        Some(quote! { #root #name })
    }

    fn name(&self, at: usize) -> proc_macro2::Ident {
        if self.texts.len() == 1 {
            format_ident!("HEADERS")
        } else {
            format_ident!("HEADERS_{}", at + 1)
        }
    }

    /// The constants, at the top of the file.
    pub fn definitions(&self) -> TokenStream {
        self.texts
            .iter()
            .enumerate()
            .map(|(at, (text, count))| {
                let name = self.name(at);
                let doc = docs::attrs(&[format!(
                    "The headers {count} requests send, as `new` sets them."
                )]);
                quote! { #doc const #name: &str = #text; }
            })
            .collect()
    }
}

/// Whether `#[request(new = rt::Params::headers("..."))]` is longer than a line (at the least
/// indentation a field can have).
fn too_long(text: &str) -> bool {
    const INDENT: usize = 4;
    let literal = format!("{text:?}").len();
    INDENT + "#[request(new = rt::Params::headers())]".len() + literal > super::FORMAT_WIDTH
}
