//! One request item: its struct, constructor, path function, `Request` impl and body types.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{docs, responses, types};
use crate::model::{Body, Operation, Segment};
use crate::name::{OperationNames, TypeRef};

/// Everything one request item adds to its module; `root` is the path to the file's root
/// module (`super::super::` for a request two folders deep).
pub fn operation(operation: &Operation, names: &OperationNames, root: &TokenStream) -> TokenStream {
    let type_name = format_ident!("{}", names.type_name);
    let path_fn = format_ident!("{}", names.path_fn);
    let params: Vec<TokenStream> = names.params.iter().map(|(_, ident)| types::ident_tokens(ident)).collect();

    let struct_docs = docs::attrs(&struct_doc_lines(operation));
    let param_fields = names.params.iter().zip(&params).map(|((name, _), ident)| {
        let mut lines = vec![format!("Path parameter {}.", docs::code(&format!(":{name}")))];
        if let Some(param) = path_param(operation, name) {
            if let Some(default) = &param.default {
                docs::push_paragraph(&mut lines, [format!("The collection's value: {}.", docs::code(default))]);
            }
            docs::push_paragraph(&mut lines, docs::description(param.description.as_ref()));
        }
        let attrs = docs::attrs(&lines);
        quote! { #attrs pub #ident: ::std::string::String, }
    });
    let (body_field, body_init, body_parts, body_types) = body(operation, names, root);
    let responses = responses::responses(names, root);
    let (response_types, response_defs) = (&responses.associated, &responses.definitions);

    let new_doc = docs::attrs(&["The collection's request, for these path parameters.".to_owned()]);
    let path_doc = docs::attrs(&[
        format!("The path of [`{}`], each parameter percent-encoded as one segment.", names.type_name),
    ]);
    let path_expr = path_expr(operation, names, root);
    let method = &operation.method;
    let origin = &operation.url.origin;
    let headers = operation.headers.iter().filter(|h| h.enabled).map(|header| {
        let (name, value) = (&header.name, &header.value);
        quote! { .header(#name, #value) }
    });
    let query = operation.url.query.iter().filter(|q| q.enabled).map(|param| {
        let key = &param.key;
        let value = match &param.value {
            Some(value) => quote! { ::std::option::Option::Some(#value) },
            None => quote! { ::std::option::Option::None },
        };
        quote! { .query(#key, #value) }
    });
    let args = names.params.iter().zip(&params).map(|(_, ident)| quote! { &self.#ident });
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
            #body_field
        }

        impl #type_name {
            #new_doc
            pub fn new(#(#params: impl ::std::convert::Into<::std::string::String>),*) -> Self {
                Self { #(#params: #params.into(),)* #body_init }
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
                let parts = #root RequestParts::new(#method, #origin, #path_fn(#(#args),*))
                    #(#headers)*
                    #(#query)*;
                #body_parts
            }
        }

        #body_types
        #response_defs
    }
}

fn struct_doc_lines(operation: &Operation) -> Vec<String> {
    let mut lines = vec![docs::title(if operation.name.is_empty() { "Request" } else { &operation.name })];
    docs::push_paragraph(&mut lines, docs::description(operation.description.as_ref()));
    docs::push_paragraph(
        &mut lines,
        [docs::code(&format!("{} {}", operation.method, operation.url.display))],
    );
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

/// The body field, its initial value in `new`, the end of `parts` and the body's types.
fn body(
    operation: &Operation,
    names: &OperationNames,
    root: &TokenStream,
) -> (TokenStream, TokenStream, TokenStream, TokenStream) {
    match (&operation.body, &names.body) {
        (Body::Json { sample, .. }, Some((ty, defs))) => {
            let ty_tokens = types::type_tokens(ty);
            let field_doc = docs::attrs(&["The JSON body; `new` sets the collection's example.".to_owned()]);
            let owner = types::Owner(format!("[`{}`]", names.type_name));
            let defs_tokens = types::definitions(defs, ty, &owner, root);
            let (init, example_impl) = match ty {
                TypeRef::Named(name) => {
                    let name = format_ident!("{}", name);
                    let value = types::example(ty, sample, defs);
                    let doc = docs::attrs(&["The body the collection sends.".to_owned()]);
                    (quote! { body: #name::example(), }, quote! { impl #name { #doc pub fn example() -> Self { #value } } })
                }
                other => {
                    let value = types::example(other, sample, defs);
                    (quote! { body: #value, }, quote! {})
                }
            };
            (
                quote! { #field_doc pub body: #ty_tokens, },
                init,
                quote! { parts.json_body(&self.body) },
                quote! { #defs_tokens #example_impl },
            )
        }
        (Body::Text { template }, _) => (
            {
                let doc = docs::attrs(&[
                    "The body; `None` sends the collection's body with its `{{variables}}` resolved.".to_owned(),
                ]);
                quote! { #doc pub body: ::std::option::Option<::std::string::String>, }
            },
            quote! { body: ::std::option::Option::None, },
            quote! {
                ::std::result::Result::Ok(match &self.body {
                    ::std::option::Option::Some(text) => parts.bytes_body(text.clone().into_bytes()),
                    ::std::option::Option::None => parts.template_body(#template),
                })
            },
            quote! {},
        ),
        _ => (quote! {}, quote! {}, quote! { ::std::result::Result::Ok(parts) }, quote! {}),
    }
}
