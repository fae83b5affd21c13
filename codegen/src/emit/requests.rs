//! One request item: its struct, constructor, path function, `Request` impl and body types.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{docs, responses, types};
use crate::model::{Body, Operation, PartValue, Segment};
use crate::name::{OperationNames, TypeRef};

/// Everything one request item adds to its module; `root` is the path to the file's root
/// module (`super::super::` for a request two folders deep).
pub fn operation(operation: &Operation, names: &OperationNames, root: &TokenStream) -> TokenStream {
    let type_name = format_ident!("{}", names.type_name);
    let path_fn = format_ident!("{}", names.path_fn);
    let params: Vec<TokenStream> = names
        .params
        .iter()
        .map(|(_, ident)| types::ident_tokens(ident))
        .collect();

    let struct_docs = docs::attrs(&struct_doc_lines(operation));
    let param_fields = names.params.iter().zip(&params).map(|((name, _), ident)| {
        let param = path_param(operation, name);
        let default = param
            .and_then(|param| param.default.as_deref())
            .filter(|value| !value.is_empty());
        let mut lines = vec![match default {
            Some(value) => format!(
                "Path parameter {}; the collection's value is {}.",
                docs::code(&format!(":{name}")),
                docs::code(value)
            ),
            None => format!("Path parameter {}.", docs::code(&format!(":{name}"))),
        }];
        docs::push_paragraph(
            &mut lines,
            docs::description(param.and_then(|param| param.description.as_ref())),
        );
        let attrs = docs::attrs(&lines);
        quote! { #attrs pub #ident: ::std::string::String, }
    });
    let (body_field, body_init, body_parts, body_types) = body(operation, names, root);
    let (list_fields, list_init) = lists(operation, root);
    let responses = responses::responses(names, root);
    let (response_types, response_defs) = (&responses.associated, &responses.definitions);

    let new_doc = docs::attrs(&[if names.params.is_empty() {
        "The collection's request.".to_owned()
    } else {
        "The collection's request, for these path parameters.".to_owned()
    }]);
    let path_doc = docs::attrs(&[if names.params.is_empty() {
        format!("The path of [`{}`].", names.type_name)
    } else {
        format!(
            "The path of [`{}`], each parameter percent-encoded as one segment.",
            names.type_name
        )
    }]);
    let path_expr = path_expr(operation, names, root);
    let method = &operation.method;
    let origin = &operation.url.origin;
    let args = names
        .params
        .iter()
        .zip(&params)
        .map(|(_, ident)| quote! { &self.#ident });
    let default_impl = names.params.is_empty().then(|| {
        quote! {
            impl ::std::default::Default for #type_name {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });

    quote! {
        #struct_docs
        #[derive(Clone, Debug, PartialEq)]
        pub struct #type_name {
            #(#param_fields)*
            #list_fields
            #body_field
        }

        impl #type_name {
            #new_doc
            pub fn new(#(#params: impl ::std::convert::Into<::std::string::String>),*) -> Self {
                Self { #(#params: #params.into(),)* #list_init #body_init }
            }
        }

        #default_impl

        #path_doc
        pub fn #path_fn(#(#params: &str),*) -> ::std::string::String {
            #path_expr
        }

        impl #root Request for #type_name {
            #response_types

            fn parts(&self) -> ::std::result::Result<#root RequestParts, #root Error> {
                let parts = #root RequestParts::new(#method, #origin, #path_fn(#(#args),*), &self.query, &self.headers);
                #body_parts
            }
        }

        #body_types
        #response_defs
    }
}

fn struct_doc_lines(operation: &Operation) -> Vec<String> {
    let mut lines = vec![docs::title(if operation.name.is_empty() {
        "Request"
    } else {
        &operation.name
    })];
    docs::push_paragraph(
        &mut lines,
        docs::description(operation.description.as_ref()),
    );
    docs::push_paragraph(
        &mut lines,
        [docs::code(&format!(
            "{} {}",
            operation.method, operation.url.display
        ))],
    );
    if let Some(kind) = &operation.unsupported_auth {
        docs::push_paragraph(
            &mut lines,
            [format!(
                "Auth: the collection uses {} auth, which this client does not perform; \
                 add its credentials with `Client::default_header`.",
                docs::code(kind)
            )],
        );
    }
    lines
}

fn path_param<'a>(operation: &'a Operation, name: &str) -> Option<&'a crate::model::PathParam> {
    operation.url.path.iter().find_map(|segment| match segment {
        Segment::Param(param) if param.name == name => Some(param),
        _ => None,
    })
}

/// `["/a/", &encode(id), "/b"].concat()`, merging neighbouring literal text.
fn path_expr(operation: &Operation, names: &OperationNames, root: &TokenStream) -> TokenStream {
    let mut pieces: Vec<TokenStream> = Vec::new();
    let mut literal = String::new();
    for segment in &operation.url.path {
        literal.push('/');
        match segment {
            Segment::Literal(text) => literal.push_str(text),
            Segment::Param(param) => {
                if !literal.is_empty() {
                    pieces.push(quote! { #literal });
                }
                let ident = names
                    .params
                    .iter()
                    .find(|(name, _)| *name == param.name)
                    .map(|(_, ident)| types::ident_tokens(ident));
                pieces.push(quote! { &#root runtime::encode_segment(#ident) });
                literal = param.suffix.clone();
            }
        }
    }
    if pieces.is_empty() {
        return quote! { #literal.to_owned() };
    }
    if !literal.is_empty() {
        pieces.push(quote! { #literal });
    }
    quote! { [#(#pieces),*].concat() }
}

/// The `query` and `headers` fields and their initial values in `new`.
fn lists(operation: &Operation, root: &TokenStream) -> (TokenStream, TokenStream) {
    let query = operation
        .url
        .query
        .iter()
        .filter(|q| q.enabled)
        .map(|param| {
            let key = &param.key;
            let value = optional_str(param.value.as_deref());
            quote! { (#key, #value) }
        });
    let headers = operation
        .headers
        .iter()
        .filter(|h| h.enabled)
        .map(|header| {
            let (name, value) = (&header.name, &header.value);
            quote! { (#name, #value) }
        });
    let basic_auth = operation.basic_auth.as_ref().map(|(username, password)| {
        quote! { .basic_auth(#username, #password) }
    });
    let query_doc = list_doc(
        "Query parameters",
        operation
            .url
            .query
            .iter()
            .filter(|q| !q.enabled)
            .map(|q| q.key.as_str()),
    );
    let headers_doc = list_doc(
        "Headers",
        operation
            .headers
            .iter()
            .filter(|h| !h.enabled)
            .map(|h| h.name.as_str()),
    );
    (
        quote! {
            #query_doc
            pub query: #root Params,
            #headers_doc
            pub headers: #root Params,
        },
        quote! {
            query: #root Params::collection(&[#(#query),*]),
            headers: #root Params::collection_headers(&[#(#headers),*]) #basic_auth,
        },
    )
}

/// Docs of a list field: what `new` sets, and the optional entries the collection disables.
fn list_doc<'a>(what: &str, disabled: impl Iterator<Item = &'a str>) -> TokenStream {
    let mut lines = vec![format!("{what}, in order; `new` sets the collection's.")];
    let mut optional: Vec<String> = Vec::new();
    for name in disabled {
        let name = docs::code(name);
        if !optional.contains(&name) {
            optional.push(name);
        }
    }
    if !optional.is_empty() {
        docs::push_paragraph(
            &mut lines,
            [format!(
                "Optional, sent only when set: {}.",
                optional.join(", ")
            )],
        );
    }
    docs::attrs(&lines)
}

fn optional_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(value) => quote! { ::std::option::Option::Some(#value) },
        None => quote! { ::std::option::Option::None },
    }
}

/// The body field, its initial value in `new`, the end of `parts` and the body's types.
fn body(
    operation: &Operation,
    names: &OperationNames,
    root: &TokenStream,
) -> (TokenStream, TokenStream, TokenStream, TokenStream) {
    let ok = |parts: TokenStream| quote! { ::std::result::Result::Ok(#parts) };
    let none = TokenStream::new();
    match (&operation.body, &names.body) {
        (Body::Json { sample, .. }, Some((ty, defs))) => {
            let ty_tokens = types::type_tokens(ty);
            let field_doc =
                docs::attrs(&["The JSON body; `new` sets the collection's example.".to_owned()]);
            let owner = types::Owner(format!("[`{}`]", names.type_name));
            let defs_tokens = types::definitions(defs, ty, &owner, root);
            let (init, example_impl) = match ty {
                TypeRef::Named(name) => {
                    let name = format_ident!("{}", name);
                    let value = types::example(ty, sample, defs);
                    let doc = docs::attrs(&["The body the collection sends.".to_owned()]);
                    (
                        quote! { body: #name::example(), },
                        quote! { impl #name { #doc pub fn example() -> Self { #value } } },
                    )
                }
                other => {
                    let value = types::example(other, sample, defs);
                    (quote! { body: #value, }, quote! {})
                }
            };
            (
                quote! { #field_doc pub body: #ty_tokens, },
                init,
                quote! { parts.json(&self.body) },
                quote! { #defs_tokens #example_impl },
            )
        }
        (Body::Text { template }, _) => {
            let doc = docs::attrs(&[
                "The body; `None` sends the collection's body with its `{{variables}}` resolved."
                    .to_owned(),
            ]);
            (
                quote! { #doc pub body: ::std::option::Option<::std::string::String>, },
                quote! { body: ::std::option::Option::None, },
                ok(quote! { parts.text(self.body.as_deref(), #template) }),
                none,
            )
        }
        (Body::UrlEncoded { fields }, _) => {
            let enabled = fields.iter().filter(|f| f.enabled).map(|field| {
                let (key, value) = (&field.key, &field.value);
                quote! { (#key, ::std::option::Option::Some(#value)) }
            });
            let doc = list_doc(
                "The urlencoded form fields",
                fields.iter().filter(|f| !f.enabled).map(|f| f.key.as_str()),
            );
            (
                quote! { #doc pub body: #root Params, },
                quote! { body: #root Params::collection(&[#(#enabled),*]), },
                ok(quote! { parts.body(#root Body::Form(self.body.clone())) }),
                none,
            )
        }
        (Body::Multipart { parts }, _) => {
            let enabled = parts.iter().filter(|p| p.enabled).flat_map(|part| {
                let key = &part.key;
                let content_type = optional_str(part.content_type.as_deref());
                match &part.value {
                    PartValue::Text(value) => vec![quote! { .collection_text(#key, #value, #content_type) }],
                    PartValue::Files(paths) if paths.is_empty() => {
                        vec![quote! { .collection_file(#key, ::std::option::Option::None, #content_type) }]
                    }
                    PartValue::Files(paths) => paths
                        .iter()
                        .map(|path| quote! { .collection_file(#key, ::std::option::Option::Some(#path), #content_type) })
                        .collect(),
                }
            });
            let doc = list_doc(
                "The multipart parts",
                parts.iter().filter(|p| !p.enabled).map(|p| p.key.as_str()),
            );
            (
                quote! { #doc pub body: #root Multipart, },
                quote! { body: #root Multipart::default() #(#enabled)*, },
                ok(quote! { parts.body(#root Body::Multipart(self.body.clone())) }),
                none,
            )
        }
        (Body::File { src }, _) => {
            let doc = docs::attrs(&[
                "The file sent as the body; `new` sets the collection's path.".to_owned(),
            ]);
            let init = match src {
                Some(src) => quote! { #root FileSource::Path(#root Text::Template(#src)) },
                None => quote! { #root FileSource::Empty },
            };
            (
                quote! { #doc pub body: #root FileSource, },
                quote! { body: #init, },
                ok(quote! { parts.body(#root Body::File(self.body.clone())) }),
                none,
            )
        }
        _ => (quote! {}, quote! {}, ok(quote! { parts }), none),
    }
}
