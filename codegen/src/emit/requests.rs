//! One request item: its struct, its constructor, its `Request` impl (whose path is in
//! [`super::path`]), and its body (in [`super::request_body`]) and response types.
//!
//! Per request this is data: the collection's values (method, origin, path pieces, query,
//! headers, example body) as literals handed to the runtime, which does the rest.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::path::{fits_body, path_let};
use super::request_body::{BodyParts, body};
use super::shared::Shared;
use super::{docs, lists, responses, types};
use crate::model::{Operation, Segment};
use crate::name::OperationNames;

/// Everything one request item adds to its module, `depth` folders deep; `root` is the path
/// to the file's root module (`super::super::` for a request two folders deep).
pub fn operation(
    operation: &Operation,
    names: &OperationNames,
    shared: &Shared,
    root: &TokenStream,
    depth: usize,
) -> TokenStream {
    let type_name = format_ident!("{}", names.type_name);
    let params: Vec<TokenStream> = names
        .params
        .iter()
        .map(|(_, ident)| types::ident_tokens(ident))
        .collect();

    let struct_docs = docs::attrs(&struct_doc_lines(operation));
    let param_fields = names.params.iter().zip(&params).map(|((name, _), ident)| {
        let attrs = docs::attrs(&param_doc(operation, name));
        quote! { #attrs pub #ident: String, }
    });
    let body = body(operation, names);
    let (body_field, body_init, body_parts, body_types) =
        (&body.field, &body.init, &body.parts, &body.types);
    let (list_fields, list_init) = lists::fields(operation, shared, root);
    let responses = responses::responses(operation, names);
    let (response_types, response_defs) = (&responses.associated, &responses.definitions);

    let new_doc = docs::attrs(&[if names.params.is_empty() {
        "The collection's request."
    } else {
        "The collection's request, for these path parameters."
    }]);
    let method = &operation.method;
    let origin = &operation.url.origin;
    let auth = operation.auth.map(|index| {
        let name = auth_name(index);
        let text = format!(".auth(&{}{name})", "super::".repeat(depth));
        (quote! { .auth(&#root #name) }, text)
    });
    // The last line of `parts` without the auth, as text: `Ok(parts.lists(...).form(...))`.
    let last = match &body_parts {
        BodyParts::None => "Ok(parts.lists(&self.query, &self.headers))".to_owned(),
        BodyParts::Json => "parts.lists(&self.query, &self.headers).json(&self.body)".to_owned(),
        BodyParts::JsonOrTemplate(_) => String::new(),
        BodyParts::Method(_, Some(text)) => {
            format!("Ok(parts.lists(&self.query, &self.headers).{text})")
        }
        BodyParts::Method(_, None) => String::new(),
    };
    let start = path_let(operation, names, (method, origin), auth, &last, depth);
    let lists = |parts: &TokenStream| {
        let auth = &start.auth;
        quote! { #parts.lists(&self.query, &self.headers) #auth }
    };
    let finish = |parts: TokenStream| match &body_parts {
        BodyParts::None => {
            let lists = lists(&parts);
            quote! { Ok(#lists) }
        }
        BodyParts::Json => {
            let lists = lists(&parts);
            quote! { #lists.json(&self.body) }
        }
        BodyParts::JsonOrTemplate(template) => {
            let lists = lists(&parts);
            quote! { #lists.json_or_template(self.body.as_ref(), #template) }
        }
        BodyParts::Method(method, _) => {
            let lists = lists(&parts);
            quote! { Ok(#lists.#method) }
        }
    };
    // `let parts = rt::Parts::new(...);` and the last line become one where that fits.
    let inline = start.auth.is_none()
        && !last.is_empty()
        && fits_body(
            depth,
            &last.replacen("parts.", &format!("{}.", start.text), 1),
        );
    let lets = &start.lets;
    let new = &start.parts;
    let parts = if inline {
        let finish = finish(quote! { #new });
        quote! { #lets #finish }
    } else {
        let finish = finish(quote! { parts });
        quote! { #lets let parts = #new; #finish }
    };
    // A request is built from its path parameters, however many the collection gives it.
    let many = (names.params.len() > CLIPPY_MAX_ARGUMENTS).then(|| {
        quote! { #[allow(clippy::too_many_arguments)] }
    });
    let collection = collection_fn(operation, names, root, depth);
    let default_impl = names.params.is_empty().then(|| {
        quote! {
            impl Default for #type_name {
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
            #many
            pub fn new(#(#params: impl ToString),*) -> Self {
                Self { #(#params: #params.to_string(),)* #list_init #body_init }
            }

            #collection
        }

        #default_impl

        impl rt::Request<#root Variables> for #type_name {
            #response_types

            fn parts(&self) -> rt::Result<rt::Parts<'_>> {
                #parts
            }
        }

        #body_types
        #response_defs
    }
}

/// The name of the static holding the collection's auth number `index` (in `Api::auths`):
/// `AUTH`, then `AUTH_2`, `AUTH_3`, ... (no generated type or module is all capitals).
pub fn auth_name(index: usize) -> proc_macro2::Ident {
    match index {
        0 => format_ident!("AUTH"),
        _ => format_ident!("AUTH_{}", index + 1),
    }
}

/// With path parameters, `collection`: the collection's request, its parameters' values (or
/// `:name`, as Postman sends one without a value) resolved as the collection's templates.
fn collection_fn(
    operation: &Operation,
    names: &OperationNames,
    root: &TokenStream,
    depth: usize,
) -> TokenStream {
    if names.params.is_empty() {
        return TokenStream::new();
    }
    let values: Vec<String> = names
        .params
        .iter()
        .map(|(name, _)| {
            let value = operation.url.path.iter().find_map(|segment| match segment {
                Segment::Param(param) if param.name == *name => param.default.clone(),
                _ => None,
            });
            value
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| format!(":{name}"))
        })
        .collect();
    let doc = docs::attrs(&[
        "The collection's request: its path parameters' values, `{{variables}}` resolved.",
    ]);
    // The parameters' own names, or letters where those make a line too long for one line.
    let own: Vec<String> = names
        .params
        .iter()
        .map(|(_, ident)| ident.clone())
        .collect();
    let letters: Vec<String> = (0..own.len()).map(short_name).collect();
    let resolve = format!("rt::resolve_all({values:?}, vars)");
    let one_line = |names: &[String]| {
        let names = names.join(", ");
        format!("{resolve}.map(|[{names}]| Self::new({names}))")
    };
    let let_line = |names: &[String]| format!("let [{}] = {resolve}?;", names.join(", "));
    let fits = |line: &str| fits_body(depth, line);
    let choose = |form: &dyn Fn(&[String]) -> String| {
        [&own, &letters]
            .into_iter()
            .find(|names| fits(&form(names)))
    };
    let tokens = |names: &[String]| -> Vec<TokenStream> {
        names.iter().map(|name| types::ident_tokens(name)).collect()
    };
    let body = if let Some(names) = choose(&one_line) {
        let names = tokens(names);
        quote! { rt::resolve_all([#(#values),*], vars).map(|[#(#names),*]| Self::new(#(#names),*)) }
    } else {
        let names = tokens(choose(&let_line).unwrap_or(&own));
        quote! {
            let [#(#names),*] = rt::resolve_all([#(#values),*], vars)?;
            Ok(Self::new(#(#names),*))
        }
    };
    quote! {
        #doc
        pub fn collection(vars: &#root Variables) -> rt::Result<Self> {
            #body
        }
    }
}

/// A short name for the `index`th path parameter: `a` to `z`, then `p26`, `p27`, ...
fn short_name(index: usize) -> String {
    match u8::try_from(index) {
        Ok(n) if n < 26 => char::from(b'a' + n).to_string(),
        _ => format!("p{index}"),
    }
}

/// clippy's default `too-many-arguments-threshold`.
const CLIPPY_MAX_ARGUMENTS: usize = 7;

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
