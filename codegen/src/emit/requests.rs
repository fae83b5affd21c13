//! One request item: its struct, stated as data in `#[request(...)]` attributes that the
//! runtime's `#[derive(Request)]` turns into `new`, `collection` and the `Request` impl (in
//! standalone mode, the derive's own expansion is written out instead), and its body (in
//! [`super::request_body`]) and response types.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::request_body::body;
use super::shared::Shared;
use super::{Runtime, derive, docs, lists, responses, types};
use crate::model::{Operation, Segment};
use crate::name::OperationNames;

/// Everything one request item adds to its module, `depth` folders deep; `root` is the path
/// to the file's root module (`super::super::` for a request two folders deep).
pub fn operation(
    operation: &Operation,
    names: &OperationNames,
    shared: &Shared,
    runtime: &Runtime,
    (root, depth): (&TokenStream, usize),
) -> Result<TokenStream, crate::Error> {
    let type_name = format_ident!("{}", names.type_name);
    let struct_docs = docs::attrs(&struct_doc_lines(operation));
    let body = body(operation, names);
    let fields = fields(operation, names, shared, root, body.field);
    let responses = responses::responses(operation, names);
    let (method, origin) = (&operation.method, &operation.url.origin);
    let route = route(operation, names);
    let route = quote! { #[request(#method, #origin #(, #route)*)] };
    let keys = keys(operation, &responses, runtime, root, depth);
    let (response_defs, body_types) = (&responses.definitions, &body.types);

    let declared = if runtime.has_derive() {
        let fields = fields.iter().map(|f| {
            let (doc, attr, decl) = (&f.doc, &f.attr, &f.decl);
            quote! { #doc #attr #decl }
        });
        quote! {
            #struct_docs
            #[derive(Clone, Debug, PartialEq, rt::Request)]
            #route
            #(#keys)*
            pub struct #type_name { #(#fields)* }
        }
    } else {
        // A copy of the runtime has no derive: the struct without its attributes, then what
        // the derive writes for it (the derive crate's own expansion, run here).
        let error =
            |err: syn::Error| crate::Error::Render(format!("request {}: {err}", names.type_name));
        let with_attrs = fields.iter().map(|f| {
            let (attr, decl) = (&f.attr, &f.decl);
            quote! { #attr #decl }
        });
        let input = quote! { #route #(#keys)* pub struct #type_name { #(#with_attrs)* } };
        let input: syn::DeriveInput = syn::parse2(input).map_err(error)?;
        let expanded = derive::expand(&input, &syn::parse_quote!(rt)).map_err(error)?;
        let fields = fields.iter().map(|f| {
            let (doc, decl) = (&f.doc, &f.decl);
            quote! { #doc #decl }
        });
        quote! {
            #struct_docs
            #[derive(Clone, Debug, PartialEq)]
            pub struct #type_name { #(#fields)* }

            #expanded
        }
    };
    Ok(quote! {
        #declared
        #body_types
        #response_defs
    })
}

/// A field of a request struct.
pub(super) struct Field {
    pub doc: TokenStream,
    /// `#[request(...)]`, or nothing.
    pub attr: TokenStream,
    /// `pub name: Type,`
    pub decl: TokenStream,
}

/// The request struct's fields: the path parameters with their values in the collection, the
/// query and headers with the values `new` gives them, and the body with how it is sent.
fn fields(
    operation: &Operation,
    names: &OperationNames,
    shared: &Shared,
    root: &TokenStream,
    body: Option<Field>,
) -> Vec<Field> {
    let mut fields: Vec<Field> = names
        .params
        .iter()
        .map(|(name, ident)| {
            let ident = types::ident_tokens(ident);
            let value = collection_value(operation, name);
            Field {
                doc: docs::attrs(&param_doc(operation, name)),
                attr: quote! { #[request(value = #value)] },
                decl: quote! { pub #ident: String, },
            }
        })
        .collect();
    let [query, headers] = lists::fields(operation, shared, root);
    for (name, list) in [("query", query), ("headers", headers)] {
        let ident = format_ident!("{name}");
        fields.push(Field {
            doc: list.doc,
            attr: list
                .new
                .map(|new| quote! { #[request(new = #new)] })
                .unwrap_or_default(),
            decl: quote! { pub #ident: rt::Params, },
        });
    }
    fields.extend(body);
    fields
}

/// The struct's `#[request(key = value, ...)]` attributes: the collection's `Variables` (below
/// the root), the typed responses, the auth, and where the runtime is when the generated code
/// names it by another path than the derive's default.
fn keys(
    operation: &Operation,
    responses: &responses::ResponseTokens,
    runtime: &Runtime,
    root: &TokenStream,
    depth: usize,
) -> Vec<TokenStream> {
    let mut keys: Vec<(String, TokenStream)> = Vec::new();
    if depth > 0 {
        keys.push((
            format!("vars = {}Variables", "super::".repeat(depth)),
            quote! { vars = #root Variables },
        ));
    }
    for (key, ty) in [
        ("success", &responses.success),
        ("failure", &responses.failure),
    ] {
        if let Some(ty) = ty {
            let text = format!("{key} = {}", ty.to_string().replace(' ', ""));
            let key = format_ident!("{key}");
            keys.push((text, quote! { #key = #ty }));
        }
    }
    if let Some(index) = operation.auth {
        let name = auth_name(index);
        keys.push((
            format!("auth = {}{name}", "super::".repeat(depth)),
            quote! { auth = #root #name },
        ));
    }
    if matches!(runtime, Runtime::Path(path) if path != crate::config::DEFAULT_RUNTIME_PATH) {
        keys.push(("crate = rt".to_owned(), quote! { crate = rt }));
    }
    pack(&keys, depth)
}

/// The route's path in `#[request(...)]`: literal pieces and path parameters in order.
fn route(operation: &Operation, names: &OperationNames) -> Vec<TokenStream> {
    let mut items = Vec::new();
    let mut literal = String::new();
    for segment in &operation.url.path {
        literal.push('/');
        match segment {
            Segment::Literal(text) => literal.push_str(text),
            Segment::Param(param) => {
                if !literal.is_empty() {
                    let piece = std::mem::take(&mut literal);
                    items.push(quote! { #piece });
                }
                if let Some((_, ident)) = names.params.iter().find(|(name, _)| *name == param.name)
                {
                    items.push(types::ident_tokens(ident));
                }
                literal.clone_from(&param.suffix);
            }
        }
    }
    if !literal.is_empty() {
        items.push(quote! { #literal });
    }
    items
}

/// The `key = value` items as `#[request(...)]` attributes, as many on one line as fit.
fn pack(keys: &[(String, TokenStream)], depth: usize) -> Vec<TokenStream> {
    let mut attrs = Vec::new();
    let mut line: Vec<&TokenStream> = Vec::new();
    let mut width = 0;
    for (text, tokens) in keys {
        // `#[request(` and `)]`, and `, ` between items.
        let grown = if line.is_empty() {
            12 + text.len()
        } else {
            width + 2 + text.len()
        };
        if !line.is_empty() && 4 * depth + grown > super::FORMAT_WIDTH {
            attrs.push(quote! { #[request(#(#line),*)] });
            line.clear();
            width = 12 + text.len();
        } else {
            width = grown;
        }
        line.push(tokens);
    }
    if !line.is_empty() {
        attrs.push(quote! { #[request(#(#line),*)] });
    }
    attrs
}

/// The collection's value of the path parameter `name`, or `:name`, as Postman sends one
/// without a value.
fn collection_value(operation: &Operation, name: &str) -> String {
    let value = operation.url.path.iter().find_map(|segment| match segment {
        Segment::Param(param) if param.name == *name => param.default.clone(),
        _ => None,
    });
    value
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| format!(":{name}"))
}

/// The name of the static holding the collection's auth number `index` (in `Api::auths`):
/// `AUTH`, then `AUTH_2`, `AUTH_3`, ... (no generated type or module is all capitals).
pub fn auth_name(index: usize) -> proc_macro2::Ident {
    match index {
        0 => format_ident!("AUTH"),
        _ => format_ident!("AUTH_{}", index + 1),
    }
}

/// The request's docs: its name and, on the same line, its method and URL (what rustdoc shows
/// in module listings), then its description.
fn struct_doc_lines(operation: &Operation) -> Vec<String> {
    let name = if operation.name.is_empty() {
        "Request"
    } else {
        &operation.name
    };
    let route = docs::code(&format!("{} {}", operation.method, operation.url.display));
    let mut lines = vec![format!("{}: {route}", docs::title(name))];
    docs::push_paragraph(
        &mut lines,
        docs::description(operation.description.as_ref()),
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

/// The docs of a path parameter's field: its name, the collection's value, and its
/// description (on the same line when it is one line).
fn param_doc(operation: &Operation, name: &str) -> Vec<String> {
    let param = operation.url.path.iter().find_map(|segment| match segment {
        Segment::Param(param) if param.name == name => Some(param),
        _ => None,
    });
    let default = param
        .and_then(|param| param.default.as_deref())
        .filter(|value| !value.is_empty());
    let mut first = match default {
        Some(value) => format!(
            "Path parameter {}, {} in the collection.",
            docs::code(&format!(":{name}")),
            docs::code(value)
        ),
        None => format!("Path parameter {}.", docs::code(&format!(":{name}"))),
    };
    let description = docs::description(param.and_then(|param| param.description.as_ref()));
    match description.as_slice() {
        [] => vec![first],
        [line] => {
            first.push(' ');
            first.push_str(line);
            vec![first]
        }
        _ => {
            let mut lines = vec![first];
            docs::push_paragraph(&mut lines, description);
            lines
        }
    }
}
