//! A request's body: the field of its struct, the value `new` gives it, the call with which
//! `parts` sends it, and the types of a JSON body.

use proc_macro2::TokenStream;
use quote::quote;

use super::{docs, example, lists, types};
use crate::model::{Body, Operation};
use crate::name::{OperationNames, TypeRef};

/// How `parts` adds the body.
pub(super) enum BodyParts {
    None,
    /// `.json(&self.body)`, which may fail.
    Json,
    /// `.json_or_template(self.body.as_ref(), template)`, which may fail.
    JsonOrTemplate(TokenStream),
    /// `.text(...)`, `.form(&self.body)`, ..., and the call as formatted when it is short.
    Method(TokenStream, Option<&'static str>),
}

pub(super) struct BodyTokens {
    pub field: TokenStream,
    pub init: TokenStream,
    pub parts: BodyParts,
    pub types: TokenStream,
}

/// The body field, its initial value in `new`, how `parts` sends it, and the body's types.
pub(super) fn body(operation: &Operation, names: &OperationNames) -> BodyTokens {
    let field = |doc: &str, ty: TokenStream| {
        let doc = docs::attrs(&[doc]);
        quote! { #doc pub body: #ty, }
    };
    let simple = |doc: &str, ty: TokenStream, init: TokenStream, method: TokenStream| BodyTokens {
        field: field(doc, ty),
        init: quote! { body: #init, },
        parts: BodyParts::Method(method, None),
        types: TokenStream::new(),
    };
    match (&operation.body, &names.body) {
        (
            Body::Json {
                sample,
                template: Some(template),
                ..
            },
            Some((ty, defs)),
        ) => {
            let ty_tokens = types::type_tokens(ty);
            let owner = types::Owner(format!("[`{}`]", names.type_name));
            let mut samples = vec![sample];
            samples.extend(&operation.examples.request_bodies);
            let mut doc = vec![
                "The JSON body; `None`, as `new` sets it, sends the collection's, with its \
                 `{{variables}}` resolved:"
                    .to_owned(),
                String::new(),
            ];
            doc.extend(docs::verbatim(template));
            let doc = docs::attrs(&doc);
            BodyTokens {
                field: quote! { #doc pub body: Option<#ty_tokens>, },
                init: quote! { body: None, },
                parts: BodyParts::JsonOrTemplate(quote! { #template }),
                types: types::definitions(defs, ty, &owner, &samples),
            }
        }
        (Body::Json { sample, .. }, Some((ty, defs))) => {
            let ty_tokens = types::type_tokens(ty);
            let owner = types::Owner(format!("[`{}`]", names.type_name));
            let mut samples = vec![sample];
            samples.extend(&operation.examples.request_bodies);
            let defs_tokens = types::definitions(defs, ty, &owner, &samples);
            let init = match example::json(ty, sample, defs) {
                Some(json) => {
                    let json = example::raw_string(&json);
                    quote! { rt::example(#json) }
                }
                None => quote! { Default::default() },
            };
            let doc = if matches!(ty, TypeRef::Named(_)) {
                "The JSON body; `new` sets the collection's example."
            } else {
                "The JSON body; `new` sets the collection's."
            };
            BodyTokens {
                field: field(doc, ty_tokens),
                init: quote! { body: #init, },
                parts: BodyParts::Json,
                types: defs_tokens,
            }
        }
        (Body::Text { template }, _) => simple(
            "The body; `None` sends the collection's body with its `{{variables}}` resolved.",
            quote! { Option<String> },
            quote! { None },
            quote! { text(self.body.as_deref(), #template) },
        ),
        (Body::UrlEncoded { fields }, _) => {
            let doc = lists::doc(
                "The urlencoded form fields",
                fields.iter().filter(|f| !f.enabled).map(|f| f.key.as_str()),
            );
            let init = lists::form(fields);
            BodyTokens {
                field: quote! { #doc pub body: rt::Params, },
                init: quote! { body: #init, },
                parts: BodyParts::Method(quote! { form(&self.body) }, Some("form(&self.body)")),
                types: TokenStream::new(),
            }
        }
        (Body::Multipart { parts }, _) => {
            let doc = lists::multipart_doc(parts);
            let init = lists::multipart(parts);
            BodyTokens {
                field: quote! { #doc pub body: rt::Multipart, },
                init: quote! { body: #init, },
                parts: BodyParts::Method(
                    quote! { multipart(&self.body) },
                    Some("multipart(&self.body)"),
                ),
                types: TokenStream::new(),
            }
        }
        (Body::File { src }, _) => {
            let (doc, init) = match src {
                Some(src) => (
                    format!(
                        "The file sent as the body; `new` sets the collection's, {}, which the \
                         client reads only from the folder it allows \
                         (`Client::allow_files_in`).",
                        docs::code(src)
                    ),
                    quote! { rt::FileSource::Path(rt::Text::Template(#src)) },
                ),
                None => (
                    "The file sent as the body; the collection chooses none.".to_owned(),
                    quote! { rt::FileSource::Empty },
                ),
            };
            simple(
                &doc,
                quote! { rt::FileSource },
                init,
                quote! { file(&self.body) },
            )
        }
        _ => BodyTokens {
            field: TokenStream::new(),
            init: TokenStream::new(),
            parts: BodyParts::None,
            types: TokenStream::new(),
        },
    }
}
