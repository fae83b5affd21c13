//! A request's body: the field of its struct, with how it is sent and the value `new` gives
//! it (`#[request(...)]`), and the types of a JSON body.

use proc_macro2::TokenStream;
use quote::quote;

use super::requests::Field;
use super::{docs, example, lists, types};
use crate::model::{Body, Operation};
use crate::name::{OperationNames, TypeRef};

pub(super) struct BodyTokens {
    /// The body field, its attribute saying how it is sent; none without a body.
    pub field: Option<Field>,
    /// The types of a JSON body.
    pub types: TokenStream,
}

/// The body field, with its attribute (how it is sent, and the value `new` gives it), and the
/// body's types.
pub(super) fn body(operation: &Operation, names: &OperationNames) -> BodyTokens {
    let field = |doc: &TokenStream, attr: TokenStream, ty: TokenStream| {
        Some(Field {
            doc: doc.clone(),
            attr: quote! { #[request(#attr)] },
            decl: quote! { pub body: #ty, },
        })
    };
    let with_new = |how: TokenStream, new: Option<TokenStream>| match new {
        Some(new) => quote! { #how, new = #new },
        None => how,
    };
    let simple = |doc: &str, attr: TokenStream, ty: TokenStream| BodyTokens {
        field: field(&docs::attrs(&[doc]), attr, ty),
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
                field: field(
                    &doc,
                    quote! { json_or_template = #template },
                    quote! { Option<#ty_tokens> },
                ),
                types: types::definitions(defs, ty, &owner, &samples),
            }
        }
        (Body::Json { sample, .. }, Some((ty, defs))) => {
            let ty_tokens = types::type_tokens(ty);
            let owner = types::Owner(format!("[`{}`]", names.type_name));
            let mut samples = vec![sample];
            samples.extend(&operation.examples.request_bodies);
            let defs_tokens = types::definitions(defs, ty, &owner, &samples);
            let attr = match example::json(ty, sample, defs) {
                Some(json) => {
                    let json = example::raw_string(&json);
                    quote! { json = #json }
                }
                None => quote! { json },
            };
            let doc = if matches!(ty, TypeRef::Named(_)) {
                "The JSON body; `new` sets the collection's example."
            } else {
                "The JSON body; `new` sets the collection's."
            };
            BodyTokens {
                field: field(&docs::attrs(&[doc]), attr, ty_tokens),
                types: defs_tokens,
            }
        }
        (Body::Text { template }, _) => simple(
            "The body; `None` sends the collection's body with its `{{variables}}` resolved.",
            quote! { text = #template },
            quote! { Option<String> },
        ),
        (Body::UrlEncoded { fields }, _) => {
            let doc = lists::doc(
                "The urlencoded form fields",
                fields.iter().filter(|f| !f.enabled).map(|f| f.key.as_str()),
            );
            let attr = with_new(quote! { form }, lists::form(fields));
            BodyTokens {
                field: field(&doc, attr, quote! { rt::Params }),
                types: TokenStream::new(),
            }
        }
        (Body::Multipart { parts }, _) => {
            let doc = lists::multipart_doc(parts);
            let attr = with_new(quote! { multipart }, lists::multipart(parts));
            BodyTokens {
                field: field(&doc, attr, quote! { rt::Multipart }),
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
                    Some(quote! { rt::FileSource::Path(rt::Text::Template(#src)) }),
                ),
                None => (
                    "The file sent as the body; the collection chooses none.".to_owned(),
                    None,
                ),
            };
            simple(
                &doc,
                with_new(quote! { file }, init),
                quote! { rt::FileSource },
            )
        }
        _ => BodyTokens {
            field: None,
            types: TokenStream::new(),
        },
    }
}
