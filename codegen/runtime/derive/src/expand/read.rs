//! Reading a request struct's `#[request(...)]` attributes: the route, the keys, and each
//! field's role and the value `new` gives it.

use proc_macro2::{TokenStream, TokenTree};
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, Ident, LitStr, Path, Token, Type};

use super::{Param, Send, Spec};

/// One `key`, `key = value` or literal of a `#[request(...)]` list.
enum Item {
    Literal(LitStr),
    Key(Ident, Option<TokenStream>),
}

struct Items(Vec<Item>);

impl Parse for Items {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut items = Vec::new();
        while !input.is_empty() {
            if input.peek(LitStr) {
                items.push(Item::Literal(input.parse()?));
            } else {
                let key: Ident = input.call(syn::ext::IdentExt::parse_any)?;
                let value = if input.peek(Token![=]) {
                    input.parse::<Token![=]>()?;
                    // The value runs to the next comma outside brackets.
                    let mut tokens = TokenStream::new();
                    while !input.is_empty() && !input.peek(Token![,]) {
                        tokens.extend([input.parse::<TokenTree>()?]);
                    }
                    if tokens.is_empty() {
                        return Err(input.error(format!("`{key} =` needs a value")));
                    }
                    Some(tokens)
                } else {
                    None
                };
                items.push(Item::Key(key, value));
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(Items(items))
    }
}

/// The items of every `#[request(...)]` among `attrs`.
fn items(attrs: &[syn::Attribute]) -> syn::Result<Vec<Item>> {
    let mut all = Vec::new();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("request")) {
        all.extend(attr.parse_args::<Items>()?.0);
    }
    Ok(all)
}

fn parse_value<T: Parse>(key: &Ident, value: Option<TokenStream>) -> syn::Result<T> {
    match value {
        Some(tokens) => syn::parse2(tokens),
        None => error(key.span(), format!("`{key}` needs `= value`")),
    }
}

/// The struct's keys besides its route.
struct Keys {
    krate: Path,
    vars: Type,
    success: Option<Type>,
    failure: Option<Type>,
    auth: Option<Path>,
}

/// The route: method, origin, and the path's pieces around the parameters named in it.
struct Route {
    method: LitStr,
    origin: LitStr,
    pieces: Vec<String>,
    params: Vec<Ident>,
}

/// What a field is, from its name, the route and its attributes.
enum Role {
    Param(Param),
    List,
    Body(Send),
}

fn error<T>(span: proc_macro2::Span, message: impl std::fmt::Display) -> syn::Result<T> {
    Err(syn::Error::new(span, message))
}

/// The route (the attribute whose first item is a string) and the keys of the other
/// `#[request(...)]` attributes of the struct.
fn struct_attrs(input: &DeriveInput, runtime: &Path) -> syn::Result<(Route, Keys)> {
    let mut route: Vec<Item> = Vec::new();
    let mut keys = Keys {
        krate: runtime.clone(),
        vars: syn::parse_quote!(Variables),
        success: None,
        failure: None,
        auth: None,
    };
    for attr in input
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("request"))
    {
        let Items(items) = attr.parse_args()?;
        if matches!(items.first(), Some(Item::Literal(_))) {
            route.extend(items);
            continue;
        }
        for item in items {
            let Item::Key(key, value) = item else {
                return error(attr.span(), "the route is an attribute of its own");
            };
            match key.to_string().as_str() {
                "crate" => keys.krate = parse_value(&key, value)?,
                "vars" => keys.vars = parse_value(&key, value)?,
                "success" => keys.success = Some(parse_value(&key, value)?),
                "failure" => keys.failure = Some(parse_value(&key, value)?),
                "auth" => keys.auth = Some(parse_value(&key, value)?),
                _ => return error(key.span(), format!("unknown key `{key}`")),
            }
        }
    }
    let mut items = route.into_iter();
    let (Some(Item::Literal(method)), Some(Item::Literal(origin))) = (items.next(), items.next())
    else {
        return error(
            input.ident.span(),
            "a request needs `#[request(\"METHOD\", \"origin\", \"/path/\", param, ...)]`",
        );
    };
    let mut route = Route {
        method,
        origin,
        pieces: vec![String::new()],
        params: Vec::new(),
    };
    for item in items {
        match item {
            Item::Literal(text) => {
                if let Some(last) = route.pieces.last_mut() {
                    last.push_str(&text.value());
                }
            }
            Item::Key(ident, None) => {
                route.params.push(ident);
                route.pieces.push(String::new());
            }
            Item::Key(key, Some(_)) => return error(key.span(), "a path parameter takes no value"),
        }
    }
    Ok((route, keys))
}

/// A field's role and the value `new` gives it.
fn field(
    ident: &Ident,
    attrs: &[syn::Attribute],
    route: &Route,
    krate: &Path,
) -> syn::Result<(Role, TokenStream)> {
    let (mut new, mut value, mut send) = (None, None, None);
    for item in items(attrs)? {
        let Item::Key(key, given) = item else {
            return error(
                ident.span(),
                "a field's `#[request(...)]` has keys, not literals",
            );
        };
        let literal = |given| parse_value::<LitStr>(&key, given);
        match key.to_string().as_str() {
            "new" => new = given,
            "value" => value = Some(literal(given)?),
            "json" => {
                // `json = "..."`: the collection's example, `new`'s value.
                if let Some(example) = given {
                    let example: LitStr = syn::parse2(example)?;
                    new = Some(quote! { #krate::example(#example) });
                }
                send = Some(Send::Json);
            }
            "json_or_template" => send = Some(Send::JsonOrTemplate(literal(given)?)),
            "text" => send = Some(Send::Text(literal(given)?)),
            "form" | "multipart" | "file" => match given {
                Some(_) => return error(key.span(), format!("`{key}` takes no value")),
                None => send = Some(Send::Whole(key.clone())),
            },
            _ => return error(key.span(), format!("unknown key `{key}`")),
        }
    }
    let name = ident.to_string();
    if route.params.contains(ident) {
        let (Some(value), None, None) = (value, &new, &send) else {
            return error(
                ident.span(),
                "a path parameter has `#[request(value = \"...\")]`, the collection's value, \
                 and nothing else (`new` takes it as an argument)",
            );
        };
        let init = quote! { ::std::string::ToString::to_string(&#ident) };
        let param = Param {
            ident: ident.clone(),
            value,
        };
        return Ok((Role::Param(param), init));
    }
    match (name.as_str(), send) {
        ("query", None) => Ok((
            Role::List,
            new.unwrap_or_else(|| quote! { #krate::Params::new() }),
        )),
        ("headers", None) => Ok((
            Role::List,
            new.unwrap_or_else(|| quote! { #krate::Params::new_headers() }),
        )),
        ("body", Some(send)) => {
            let init = new.unwrap_or_else(|| match send {
                Send::JsonOrTemplate(_) | Send::Text(_) => quote! { ::core::option::Option::None },
                _ => quote! { ::core::default::Default::default() },
            });
            Ok((Role::Body(send), init))
        }
        _ => error(
            ident.span(),
            "a request's fields are its path parameters (named in the route), `query`, \
             `headers` and `body` (with how it is sent)",
        ),
    }
}

/// The request struct `input` as its attributes describe it.
pub(super) fn spec(input: &DeriveInput, runtime: &Path) -> syn::Result<Spec> {
    let Data::Struct(syn::DataStruct {
        fields: Fields::Named(fields),
        ..
    }) = &input.data
    else {
        return error(
            input.ident.span(),
            "a request is a struct with named fields",
        );
    };
    if !input.generics.params.is_empty() {
        return error(
            input.ident.span(),
            "a request struct has no generic parameters",
        );
    }
    let (route, keys) = struct_attrs(input, runtime)?;
    let (mut params, mut inits, mut body) = (Vec::new(), Vec::new(), None);
    for field in &fields.named {
        let Some(ident) = &field.ident else {
            continue;
        };
        let (role, init) = self::field(ident, &field.attrs, &route, &keys.krate)?;
        match role {
            Role::Param(param) => params.push(param),
            Role::List => {}
            Role::Body(send) => body = Some(send),
        }
        inits.push((ident.clone(), init));
    }
    // Every parameter of the route is a field (a parameter may be in the path twice).
    if let Some(name) = route
        .params
        .iter()
        .find(|name| !params.iter().any(|param| param.ident == **name))
    {
        return error(
            name.span(),
            format!("no field `{name}` for this path parameter"),
        );
    }
    for name in ["query", "headers"] {
        if !inits.iter().any(|(ident, _)| ident == name) {
            return error(
                input.ident.span(),
                format!("a request has a `{name}: Params` field"),
            );
        }
    }
    Ok(Spec {
        name: input.ident.clone(),
        krate: keys.krate,
        method: route.method,
        origin: route.origin,
        pieces: route.pieces,
        route: route.params,
        params,
        vars: keys.vars,
        success: keys.success,
        failure: keys.failure,
        auth: keys.auth,
        fields: inits,
        body,
    })
}
