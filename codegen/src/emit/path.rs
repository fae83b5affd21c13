//! A request's path in `parts`: the literal path, or `rt::path` joining the literal pieces and
//! the path parameters, laid out so that each statement stays one line where it can.

use proc_macro2::TokenStream;
use quote::quote;

use super::types;
use crate::model::{Operation, Segment};
use crate::name::OperationNames;

/// Whether `line` fits the formatter's width as a statement of `parts` (or of any function
/// in the request's `impl`), which is indented two levels below the module `depth` deep.
pub(super) fn fits_body(depth: usize, line: &str) -> bool {
    4 * (depth + 2) + line.len() <= super::FORMAT_WIDTH
}

/// The start of `parts`: the `rt::Parts::new(METHOD, ORIGIN, PATH)` expression, with the auth
/// where it fits.
pub(super) struct Start {
    /// `let pieces = ...; let path = ...;` when the path does not fit in the expression.
    pub lets: TokenStream,
    /// `rt::Parts::new(...)`, with `.auth(...)` unless that is in `auth`.
    pub parts: TokenStream,
    /// `parts` as formatted, about.
    pub text: String,
    /// The auth still to be added after the lists.
    pub auth: Option<TokenStream>,
}

/// The start of `parts` (see [`Start`]), with the path (and then its literal pieces) from a
/// `let` before it when a line would not fit the formatter's width: each line stays one line
/// where it can. The auth goes where it fits, on the `let parts` line or on the `last` one (as
/// text, without the auth; empty when it is not one line).
pub(super) fn path_let(
    operation: &Operation,
    names: &OperationNames,
    (method, origin): (&str, &str),
    auth: Option<(TokenStream, String)>,
    last: &str,
    depth: usize,
) -> Start {
    let path = path_expr(operation, names);
    let fits = |line: &str| fits_body(depth, line);
    let (auth, auth_text) = match auth {
        Some((tokens, text)) => (Some(tokens), text),
        None => (None, String::new()),
    };
    let expr =
        |path: &str, auth: &str| format!("rt::Parts::new({method:?}, {origin:?}, {path}){auth}");
    let line = |path: &str, auth: &str| format!("let parts = {};", expr(path, auth));
    let start = |lets: TokenStream, path: TokenStream, path_text: &str, auth_here: bool| {
        let (with, after, text) = if auth_here {
            (auth.clone(), None, expr(path_text, &auth_text))
        } else {
            (None, auth.clone(), expr(path_text, ""))
        };
        Start {
            lets,
            parts: quote! { rt::Parts::new(#method, #origin, #path) #with },
            text,
            auth: after,
        }
    };
    // The auth fits after the lists when the last line stays one line with it.
    let auth_last = !last.is_empty() && fits(&format!("{last}{auth_text}"));
    let inline = &path.tokens;
    if fits(&line(&path.text, &auth_text)) {
        return start(TokenStream::new(), inline.clone(), &path.text, true);
    }
    if auth_last && fits(&line(&path.text, "")) {
        return start(TokenStream::new(), inline.clone(), &path.text, false);
    }
    let values = &path.values;
    let pieces = &path.pieces;
    let split = fits(&format!("let path = {};", path.text)) || pieces.is_empty();
    let lets = if split {
        quote! { let path = #inline; }
    } else {
        quote! {
            let pieces = [#(#pieces),*];
            let path = rt::path(&pieces, &[#(#values),*]);
        }
    };
    let auth_here = fits(&line("path", &auth_text)) || !auth_last;
    start(lets, quote! { path }, "path", auth_here)
}

/// The request's path as code: `rt::path(&["/a/", "/b"], &[&self.id])`, or the literal path
/// when it has no parameters.
struct PathExpr {
    tokens: TokenStream,
    /// About as long as `tokens` is when formatted.
    text: String,
    /// The literal pieces around the parameters (none without parameters).
    pieces: Vec<String>,
    /// `&self.id`, ...
    values: Vec<TokenStream>,
}

fn path_expr(operation: &Operation, names: &OperationNames) -> PathExpr {
    let mut pieces: Vec<String> = Vec::new();
    let mut values: Vec<TokenStream> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    let mut literal = String::new();
    for segment in &operation.url.path {
        literal.push('/');
        match segment {
            Segment::Literal(text) => literal.push_str(text),
            Segment::Param(param) => {
                pieces.push(std::mem::take(&mut literal));
                let ident = names
                    .params
                    .iter()
                    .find(|(name, _)| *name == param.name)
                    .map(|(_, ident)| ident);
                texts.push(format!("&self.{}", ident.map_or("", String::as_str)));
                let ident = ident.map(|ident| types::ident_tokens(ident));
                values.push(quote! { &self.#ident });
                literal.clone_from(&param.suffix);
            }
        }
    }
    if values.is_empty() {
        return PathExpr {
            text: format!("{literal:?}"),
            tokens: quote! { #literal },
            pieces,
            values,
        };
    }
    pieces.push(literal);
    PathExpr {
        text: format!("rt::path(&{pieces:?}, &[{}])", texts.join(", ")),
        tokens: quote! { rt::path(&[#(#pieces),*], &[#(#values),*]) },
        pieces,
        values,
    }
}
