//! One request item: its struct, its constructor, its `Request` impl (which computes its path), and
//! its body and response types.
//!
//! Per request this is data: the collection's values (method, origin, path pieces, query,
//! headers, example body) as literals handed to the runtime, which does the rest.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::shared::Shared;
use super::{docs, example, lists, responses, types};
use crate::model::{Body, Operation, Segment};
use crate::name::{OperationNames, TypeRef};

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

/// Whether `line` fits the formatter's width as a statement of `parts` (or of any function
/// in the request's `impl`), which is indented two levels below the module `depth` deep.
fn fits_body(depth: usize, line: &str) -> bool {
    4 * (depth + 2) + line.len() <= super::FORMAT_WIDTH
}

/// The start of `parts`: the `rt::Parts::new(METHOD, ORIGIN, PATH)` expression, with the auth
/// where it fits.
struct Start {
    /// `let pieces = ...; let path = ...;` when the path does not fit in the expression.
    lets: TokenStream,
    /// `rt::Parts::new(...)`, with `.auth(...)` unless that is in `auth`.
    parts: TokenStream,
    /// `parts` as formatted, about.
    text: String,
    /// The auth still to be added after the lists.
    auth: Option<TokenStream>,
}

/// The start of `parts` (see [`Start`]), with the path (and then its literal pieces) from a
/// `let` before it when a line would not fit the formatter's width: each line stays one line
/// where it can. The auth goes where it fits, on the `let parts` line or on the `last` one (as
/// text, without the auth; empty when it is not one line).
fn path_let(
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

/// How `parts` adds the body.
enum BodyParts {
    None,
    /// `.json(&self.body)`, which may fail.
    Json,
    /// `.json_or_template(self.body.as_ref(), template)`, which may fail.
    JsonOrTemplate(TokenStream),
    /// `.text(...)`, `.form(&self.body)`, ..., and the call as formatted when it is short.
    Method(TokenStream, Option<&'static str>),
}

struct BodyTokens {
    field: TokenStream,
    init: TokenStream,
    parts: BodyParts,
    types: TokenStream,
}

/// The body field, its initial value in `new`, how `parts` sends it, and the body's types.
fn body(operation: &Operation, names: &OperationNames) -> BodyTokens {
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
            let doc = lists::doc(
                "The multipart parts",
                parts.iter().filter(|p| !p.enabled).map(|p| p.key.as_str()),
            );
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
