//! What `#[derive(Request)]` writes for a request struct, from its `#[request(...)]`
//! attributes. The generator runs this same file for standalone output (where no derive is
//! available), so a derived request and a standalone one are the same code.

use proc_macro2::{TokenStream, TokenTree};
use quote::{format_ident, quote};
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, Ident, LitStr, Path, Token, Type};

/// clippy's default `too-many-arguments-threshold`: `new` takes one argument per path
/// parameter, however many the collection gives.
const CLIPPY_MAX_ARGUMENTS: usize = 7;

/// The inherent impl (`new`, and `collection` with path parameters), `Default` (without path
/// parameters) and the `Request` impl of the struct `input`. `runtime` is the path to the
/// runtime when the struct does not say (`#[request(crate = ...)]`).
pub fn expand(input: &DeriveInput, runtime: &Path) -> syn::Result<TokenStream> {
    let spec = Spec::read(input, runtime)?;
    Ok(spec.items())
}

/// A request struct as its attributes describe it.
struct Spec {
    name: Ident,
    krate: Path,
    method: LitStr,
    origin: LitStr,
    /// The path's literal pieces around its parameters (one more than `route`).
    pieces: Vec<String>,
    /// The path parameters in the path, in order.
    route: Vec<Ident>,
    /// The path parameters' fields, in the struct's order (`new`'s arguments).
    params: Vec<Param>,
    vars: Type,
    success: Option<Type>,
    failure: Option<Type>,
    auth: Option<Path>,
    /// Every field in order, with the value `new` gives it.
    fields: Vec<(Ident, TokenStream)>,
    body: Option<Send>,
}

struct Param {
    ident: Ident,
    /// The collection's value, `{{variables}}` unresolved.
    value: LitStr,
}

/// How `parts` sends the body field.
enum Send {
    Json,
    JsonOrTemplate(LitStr),
    Text(LitStr),
    Form,
    Multipart,
    File,
}

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
        None => Err(syn::Error::new(
            key.span(),
            format!("`{key}` needs `= value`"),
        )),
    }
}

fn no_value(key: &Ident, value: Option<&TokenStream>) -> syn::Result<()> {
    match value {
        Some(_) => Err(syn::Error::new(
            key.span(),
            format!("`{key}` takes no value"),
        )),
        None => Ok(()),
    }
}

impl Spec {
    fn read(input: &DeriveInput, runtime: &Path) -> syn::Result<Self> {
        let fields = match &input.data {
            Data::Struct(data) => match &data.fields {
                Fields::Named(fields) => &fields.named,
                _ => {
                    return Err(syn::Error::new(
                        input.ident.span(),
                        "a request is a struct with named fields",
                    ));
                }
            },
            _ => {
                return Err(syn::Error::new(
                    input.ident.span(),
                    "a request is a struct with named fields",
                ));
            }
        };
        if !input.generics.params.is_empty() {
            return Err(syn::Error::new(
                input.ident.span(),
                "a request struct has no generic parameters",
            ));
        }
        let mut route: Vec<Item> = Vec::new();
        let mut krate = runtime.clone();
        let mut vars: Type = syn::parse_quote!(Variables);
        let (mut success, mut failure, mut auth) = (None, None, None);
        for attr in input
            .attrs
            .iter()
            .filter(|attr| attr.path().is_ident("request"))
        {
            let Items(items) = attr.parse_args()?;
            // The route: `"METHOD", "origin", "/path/", param, ...`.
            if matches!(items.first(), Some(Item::Literal(_))) {
                route.extend(items);
                continue;
            }
            for item in items {
                let Item::Key(key, value) = item else {
                    return Err(syn::Error::new(
                        attr.span(),
                        "the route is an attribute of its own",
                    ));
                };
                match key.to_string().as_str() {
                    "crate" => krate = parse_value(&key, value)?,
                    "vars" => vars = parse_value(&key, value)?,
                    "success" => success = Some(parse_value(&key, value)?),
                    "failure" => failure = Some(parse_value(&key, value)?),
                    "auth" => auth = Some(parse_value(&key, value)?),
                    _ => return Err(syn::Error::new(key.span(), format!("unknown key `{key}`"))),
                }
            }
        }
        let mut route = route.into_iter();
        let (method, origin) = match (route.next(), route.next()) {
            (Some(Item::Literal(method)), Some(Item::Literal(origin))) => (method, origin),
            _ => {
                return Err(syn::Error::new(
                    input.ident.span(),
                    "a request needs `#[request(\"METHOD\", \"origin\", \"/path/\", param, ...)]`",
                ));
            }
        };
        let mut pieces = vec![String::new()];
        let mut param_names = Vec::new();
        for item in route {
            match item {
                Item::Literal(text) => {
                    if let Some(last) = pieces.last_mut() {
                        last.push_str(&text.value());
                    }
                }
                Item::Key(ident, None) => {
                    param_names.push(ident);
                    pieces.push(String::new());
                }
                Item::Key(key, Some(_)) => {
                    return Err(syn::Error::new(
                        key.span(),
                        "a path parameter takes no value",
                    ));
                }
            }
        }

        let mut params = Vec::new();
        let mut inits = Vec::new();
        let mut body = None;
        for field in fields {
            let Some(ident) = field.ident.clone() else {
                continue;
            };
            let mut new = None;
            let mut value = None;
            let mut send = None;
            for item in items(&field.attrs)? {
                let Item::Key(key, given) = item else {
                    return Err(syn::Error::new(ident.span(), "unexpected literal"));
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
                    "form" | "multipart" | "file" => {
                        no_value(&key, given.as_ref())?;
                        send = Some(match key.to_string().as_str() {
                            "form" => Send::Form,
                            "multipart" => Send::Multipart,
                            _ => Send::File,
                        });
                    }
                    _ => return Err(syn::Error::new(key.span(), format!("unknown key `{key}`"))),
                }
            }
            let is_param = param_names.contains(&ident);
            let init = match (ident.to_string().as_str(), is_param, &send) {
                (_, true, None) => {
                    let value = value.ok_or_else(|| {
                        syn::Error::new(
                            ident.span(),
                            "a path parameter needs `#[request(value = \"...\")]`",
                        )
                    })?;
                    params.push(Param {
                        ident: ident.clone(),
                        value,
                    });
                    quote! { ::std::string::ToString::to_string(&#ident) }
                }
                ("query", false, None) => new.unwrap_or_else(|| quote! { #krate::Params::new() }),
                ("headers", false, None) => {
                    new.unwrap_or_else(|| quote! { #krate::Params::new_headers() })
                }
                ("body", false, Some(_)) => {
                    body = send;
                    new.unwrap_or_else(|| match body {
                        Some(Send::JsonOrTemplate(_) | Send::Text(_)) => {
                            quote! { ::core::option::Option::None }
                        }
                        _ => quote! { ::core::default::Default::default() },
                    })
                }
                _ => {
                    return Err(syn::Error::new(
                        ident.span(),
                        "a request's fields are its path parameters (named in the route), \
                         `query`, `headers` and `body` (with how it is sent)",
                    ));
                }
            };
            inits.push((ident, init));
        }
        // Every parameter of the route is a field (a parameter may be in the path twice).
        if let Some(name) = param_names
            .iter()
            .find(|name| !params.iter().any(|param| param.ident == **name))
        {
            return Err(syn::Error::new(
                name.span(),
                format!("no field `{name}` for this path parameter"),
            ));
        }
        for name in ["query", "headers"] {
            if !inits.iter().any(|(ident, _)| ident == name) {
                return Err(syn::Error::new(
                    input.ident.span(),
                    format!("a request has a `{name}: Params` field"),
                ));
            }
        }
        Ok(Spec {
            name: input.ident.clone(),
            krate,
            method,
            origin,
            pieces,
            route: param_names,
            params,
            vars,
            success,
            failure,
            auth,
            fields: inits,
            body,
        })
    }

    fn items(&self) -> TokenStream {
        let Spec {
            name, krate, vars, ..
        } = self;
        let idents: Vec<&Ident> = self.params.iter().map(|param| &param.ident).collect();
        let (field_names, inits): (Vec<&Ident>, Vec<&TokenStream>) = self
            .fields
            .iter()
            .map(|(ident, init)| (ident, init))
            .unzip();
        // Doc lines start with a space, as `///` writes them.
        let new_doc = if idents.is_empty() {
            " The collection's request."
        } else {
            " The collection's request, for these path parameters."
        };
        let many = (idents.len() > CLIPPY_MAX_ARGUMENTS)
            .then(|| quote! { #[allow(clippy::too_many_arguments)] });
        let collection = (!idents.is_empty()).then(|| {
            let values = self.params.iter().map(|param| &param.value);
            let doc = " The collection's request: its path parameters' values, `{{variables}}` \
                       resolved.";
            // Letters, so that no parameter's name can shadow what the body names.
            let letters: Vec<Ident> = (0..idents.len())
                .map(|index| format_ident!("p{}", index))
                .collect();
            quote! {
                #[doc = #doc]
                pub fn collection(vars: &#vars) -> #krate::Result<Self> {
                    #krate::resolve_all([#(#values),*], vars).map(|[#(#letters),*]| Self::new(#(#letters),*))
                }
            }
        });
        let default = idents.is_empty().then(|| {
            quote! {
                impl ::core::default::Default for #name {
                    fn default() -> Self {
                        Self::new()
                    }
                }
            }
        });
        let success = self
            .success
            .as_ref()
            .map_or_else(|| quote! { #krate::ResponseBody }, |ty| quote! { #ty });
        let failure = self
            .failure
            .as_ref()
            .map_or_else(|| quote! { #krate::ResponseBody }, |ty| quote! { #ty });
        let (method, origin) = (&self.method, &self.origin);
        let path = match self.pieces.as_slice() {
            [only] => quote! { #only },
            pieces => {
                let route = &self.route;
                quote! { #krate::path(&[#(#pieces),*], &[#(&self.#route),*]) }
            }
        };
        let auth = self.auth.as_ref().map(|auth| quote! { .auth(&#auth) });
        let finish = match &self.body {
            None => quote! { ::core::result::Result::Ok(parts) },
            Some(Send::Json) => quote! { parts.json(&self.body) },
            Some(Send::JsonOrTemplate(template)) => {
                quote! { parts.json_or_template(self.body.as_ref(), #template) }
            }
            Some(Send::Text(template)) => {
                quote! { ::core::result::Result::Ok(parts.text(self.body.as_deref(), #template)) }
            }
            Some(Send::Form) => quote! { ::core::result::Result::Ok(parts.form(&self.body)) },
            Some(Send::Multipart) => {
                quote! { ::core::result::Result::Ok(parts.multipart(&self.body)) }
            }
            Some(Send::File) => quote! { ::core::result::Result::Ok(parts.file(&self.body)) },
        };
        quote! {
            impl #name {
                #[doc = #new_doc]
                #many
                pub fn new(#(#idents: impl ::std::string::ToString),*) -> Self {
                    Self { #(#field_names: #inits,)* }
                }

                #collection
            }

            #default

            impl #krate::Request<#vars> for #name {
                type Success = #success;
                type Failure = #failure;

                fn parts(&self) -> #krate::Result<#krate::Parts<'_>> {
                    let parts = #krate::Parts::new(#method, #origin, #path)
                        #auth
                        .lists(&self.query, &self.headers);
                    #finish
                }
            }
        }
    }
}
