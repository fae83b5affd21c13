//! A request's ordered lists as literals: query parameters, headers, urlencoded fields and
//! multipart parts, with the entries the collection disables listed in their docs.
//!
//! Query parameters are written as a query string and headers as `Name: value` lines where
//! that is unambiguous (one line each in the generated code); otherwise as pairs.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::shared::Shared;
use crate::model::{FormField, FormPart, Operation, PartValue};

/// The `query` and `headers` fields: each with its docs, and the value `new` gives it unless
/// that is an empty list. A header list that several requests send is named from `shared`,
/// whose constants are at `root`.
pub fn fields(operation: &Operation, shared: &Shared, root: &TokenStream) -> [ListField; 2] {
    let query: Vec<(&str, Option<&str>)> = operation
        .url
        .query
        .iter()
        .filter(|q| q.enabled)
        .map(|q| (q.key.as_str(), q.value.as_deref()))
        .collect();
    let headers = enabled_headers(operation);
    let query_doc = doc(
        "Query parameters",
        operation
            .url
            .query
            .iter()
            .filter(|q| !q.enabled)
            .map(|q| q.key.as_str()),
    );
    let headers_doc = doc(
        "Headers",
        operation
            .headers
            .iter()
            .filter(|h| !h.enabled)
            .map(|h| h.name.as_str()),
    );
    let shared = headers_text(operation).and_then(|text| shared.constant(&text, root));
    let headers_new = match shared {
        Some(constant) => Some(quote! { rt::Params::headers(#constant) }),
        None => (!headers.is_empty()).then(|| headers_init(&headers)),
    };
    [
        ListField {
            doc: query_doc,
            new: (!query.is_empty()).then(|| query_init(&query)),
        },
        ListField {
            doc: headers_doc,
            new: headers_new,
        },
    ]
}

/// A list field of a request struct.
pub struct ListField {
    pub doc: TokenStream,
    /// What `new` sets, when it is not empty.
    pub new: Option<TokenStream>,
}

/// `rt::Params::query("a=1&b")`, or pairs when a name or value would be ambiguous there.
fn query_init(pairs: &[(&str, Option<&str>)]) -> TokenStream {
    let plain = pairs.iter().all(|(key, value)| {
        !key.contains(['&', '='])
            && value.is_none_or(|value| !value.contains('&'))
            && !(key.is_empty() && value.is_none())
    });
    if plain {
        let text = pairs
            .iter()
            .map(|(key, value)| match value {
                Some(value) => format!("{key}={value}"),
                None => (*key).to_owned(),
            })
            .collect::<Vec<_>>()
            .join("&");
        return quote! { rt::Params::query(#text) };
    }
    query_pairs(pairs)
}

fn query_pairs(pairs: &[(&str, Option<&str>)]) -> TokenStream {
    let pairs = pairs.iter().map(|(key, value)| match value {
        Some(value) => quote! { (#key, Some(#value)) },
        None => quote! { (#key, None) },
    });
    quote! { rt::Params::query_pairs(&[#(#pairs),*]) }
}

fn enabled_headers(operation: &Operation) -> Vec<(&str, &str)> {
    operation
        .headers
        .iter()
        .filter(|h| h.enabled)
        .map(|h| (h.name.as_str(), h.value.as_str()))
        .collect()
}

/// The request's enabled headers as `Name: value` lines, if it has some and that is
/// unambiguous.
pub fn headers_text(operation: &Operation) -> Option<String> {
    plain_headers(&enabled_headers(operation))
}

fn plain_headers(pairs: &[(&str, &str)]) -> Option<String> {
    let plain = pairs
        .iter()
        .all(|(name, value)| !name.contains([':', '\n', '\r']) && !value.contains(['\n', '\r']));
    (plain && !pairs.is_empty()).then(|| {
        pairs
            .iter()
            .map(|(name, value)| format!("{name}: {value}"))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// `rt::Params::headers("A: 1\nB: 2")`, or pairs when a name or value would be ambiguous.
fn headers_init(pairs: &[(&str, &str)]) -> TokenStream {
    if let Some(text) = plain_headers(pairs) {
        return quote! { rt::Params::headers(#text) };
    }
    let pairs = pairs.iter().map(|(name, value)| quote! { (#name, #value) });
    quote! { rt::Params::header_pairs(&[#(#pairs),*]) }
}

/// The initial value of an urlencoded body: its enabled fields, if it has some.
pub fn form(fields: &[FormField]) -> Option<TokenStream> {
    let pairs: Vec<(&str, Option<&str>)> = fields
        .iter()
        .filter(|f| f.enabled)
        .map(|f| (f.key.as_str(), Some(f.value.as_str())))
        .collect();
    // Written as the form's text, as a query is (`rt::Params::query`), where that is unambiguous.
    (!pairs.is_empty()).then(|| query_init(&pairs))
}

/// The initial value of a multipart body: its enabled parts, if it has some.
pub fn multipart(parts: &[FormPart]) -> Option<TokenStream> {
    if !parts.iter().any(|p| p.enabled) {
        return None;
    }
    let calls = parts.iter().filter(|p| p.enabled).flat_map(|part| {
        let key = &part.key;
        let content_type = match part.content_type.as_deref() {
            Some(content_type) => quote! { Some(#content_type) },
            None => quote! { None },
        };
        match &part.value {
            PartValue::Text(value) => vec![quote! { .text(#key, #value, #content_type) }],
            PartValue::Files(paths) if paths.is_empty() => {
                vec![quote! { .file(#key, None, #content_type) }]
            }
            PartValue::Files(paths) => paths
                .iter()
                .map(|path| quote! { .file(#key, Some(#path), #content_type) })
                .collect(),
        }
    });
    Some(quote! { rt::Multipart::default() #(#calls)* })
}

/// Docs of a list field: what `new` sets, and the optional entries the collection disables.
pub fn doc<'a>(what: &str, disabled: impl Iterator<Item = &'a str>) -> TokenStream {
    docs::attrs(&[doc_line(what, disabled)])
}

/// Docs of a multipart body: as [`doc`], and the local files its enabled parts read, which the
/// client reads only from the folder it allows.
pub fn multipart_doc(parts: &[FormPart]) -> TokenStream {
    let disabled = parts.iter().filter(|p| !p.enabled).map(|p| p.key.as_str());
    let mut line = doc_line("The multipart parts", disabled);
    let files = distinct_code(
        parts
            .iter()
            .filter(|p| p.enabled)
            .flat_map(|p| match &p.value {
                PartValue::Files(paths) => paths.as_slice(),
                PartValue::Text(_) => &[],
            })
            .map(String::as_str),
    );
    if !files.is_empty() {
        let (noun, pronoun) = if files.len() == 1 {
            ("file", "it")
        } else {
            ("files", "them")
        };
        line.push_str(&format!(
            " They send the local {noun} {}; the client reads {pronoun} only from the folder \
             it allows (`Client::allow_files_in`).",
            files.join(", ")
        ));
    }
    docs::attrs(&[line])
}

fn doc_line<'a>(what: &str, disabled: impl Iterator<Item = &'a str>) -> String {
    let optional = distinct_code(disabled);
    if optional.is_empty() {
        format!("{what}, in order; `new` sets the collection's.")
    } else {
        format!(
            "{what}, in order; `new` sets the collection's. Optional, sent only when set: {}.",
            optional.join(", ")
        )
    }
}

/// Each name once, in order, as inline code.
fn distinct_code<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut distinct: Vec<String> = Vec::new();
    for name in names {
        let name = docs::code(name);
        if !distinct.contains(&name) {
            distinct.push(name);
        }
    }
    distinct
}
