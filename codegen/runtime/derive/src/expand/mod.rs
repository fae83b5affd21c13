//! What `#[derive(Request)]` writes for a request struct, from its `#[request(...)]`
//! attributes. The generator runs this same module for standalone output (where no derive is
//! available), so a derived request and a standalone one are the same code.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{DeriveInput, Ident, LitStr, Path, Type};

mod read;

/// clippy's default `too-many-arguments-threshold`: `new` takes one argument per path
/// parameter, however many the collection gives.
const CLIPPY_MAX_ARGUMENTS: usize = 7;

/// The inherent impl (`new`, and `collection` with path parameters), `Default` (without path
/// parameters) and the `Request` impl of the struct `input`. `runtime` is the path to the
/// runtime when the struct does not say (`#[request(crate = ...)]`).
pub fn expand(input: &DeriveInput, runtime: &Path) -> syn::Result<TokenStream> {
    Ok(read::spec(input, runtime)?.items())
}

/// A request struct as its attributes describe it.
pub(crate) struct Spec {
    pub(crate) name: Ident,
    pub(crate) krate: Path,
    pub(crate) method: LitStr,
    pub(crate) origin: LitStr,
    /// The path's literal pieces around its parameters (one more than `route`).
    pub(crate) pieces: Vec<String>,
    /// The path parameters in the path, in order.
    pub(crate) route: Vec<Ident>,
    /// The path parameters' fields, in the struct's order (`new`'s arguments).
    pub(crate) params: Vec<Param>,
    pub(crate) vars: Type,
    pub(crate) success: Option<Type>,
    pub(crate) failure: Option<Type>,
    pub(crate) auth: Option<Path>,
    /// Every field in order, with the value `new` gives it.
    pub(crate) fields: Vec<(Ident, TokenStream)>,
    pub(crate) body: Option<Send>,
}

pub(crate) struct Param {
    pub(crate) ident: Ident,
    /// The collection's value, `{{variables}}` unresolved.
    pub(crate) value: LitStr,
}

/// How `parts` sends the body field.
pub(crate) enum Send {
    Json,
    JsonOrTemplate(LitStr),
    Text(LitStr),
    /// `form`, `multipart` or `file`: the `Parts` method of that name, given the whole field.
    Whole(Ident),
}

impl Spec {
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
            // `p0`, `p1`, ...: the parameters' own names could be anything, `vars` included.
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
        let ok = |parts: TokenStream| quote! { ::core::result::Result::Ok(#parts) };
        let finish = match &self.body {
            None => ok(quote! { parts }),
            Some(Send::Json) => quote! { parts.json(&self.body) },
            Some(Send::JsonOrTemplate(template)) => {
                quote! { parts.json_or_template(self.body.as_ref(), #template) }
            }
            Some(Send::Text(template)) => {
                ok(quote! { parts.text(self.body.as_deref(), #template) })
            }
            Some(Send::Whole(method)) => ok(quote! { parts.#method(&self.body) }),
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
