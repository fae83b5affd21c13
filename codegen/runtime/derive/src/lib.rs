//! `#[derive(Request)]`, re-exported by `codegen-runtime` as `codegen_runtime::Request` (the
//! derive beside the trait of the same name). Generated clients state each request as data,
//! a struct and its attributes; this derive writes the rest.
//!
//! ```text
//! #[derive(Clone, Debug, PartialEq, rt::Request)]
//! #[request("GET", "{{baseUrl}}", "/repos/", owner, "/", repo, "/issues")]
//! #[request(vars = super::Variables, success = ListIssuesOk, auth = super::AUTH)]
//! pub struct ListIssues {
//!     #[request(value = "octocat")]
//!     pub owner: String,
//!     #[request(value = "{{repo}}")]
//!     pub repo: String,
//!     #[request(new = rt::Params::query("state=open"))]
//!     pub query: rt::Params,
//!     pub headers: rt::Params,
//! }
//! ```
//!
//! The struct's attributes:
//! - the route, `"METHOD", "origin", ...` then the path: literal pieces and the fields that are
//!   path parameters, in order (each field percent-encoded as one segment when sent);
//! - `vars = Type`: the collection's variables (default `Variables`); `success = Type` and
//!   `failure = Type`: the decoded bodies (default `ResponseBody`); `auth = path`: the
//!   request's `static` auth; `crate = path`: where the runtime is (default
//!   `::codegen_runtime`).
//!
//! Its fields: each path parameter (`String`) with `value = "..."`, the collection's value;
//! `query` and `headers` (`Params`); and optionally `body`, with how it is sent: `json` (or
//! `json = "..."`, the collection's example as JSON text), `json_or_template = "..."`,
//! `text = "..."`, `form`, `multipart` or `file`. `new = expr` gives the value `new` sets.
//!
//! Derived: `new` (one argument per path parameter, any value with `to_string`), `collection`
//! (the collection's values, `{{variables}}` resolved; with path parameters), `Default` (the
//! same as `new`, without path parameters) and the `Request` impl.

use proc_macro::TokenStream;

mod expand;

/// Writes a request struct's `new`, `collection`, `Default` and `Request` impl from its
/// `#[request(...)]` attributes; see the crate docs.
#[proc_macro_derive(Request, attributes(request))]
pub fn derive_request(input: TokenStream) -> TokenStream {
    let runtime: syn::Path = syn::parse_quote!(::codegen_runtime);
    syn::parse::<syn::DeriveInput>(input)
        .and_then(|input| expand::expand(&input, &runtime))
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

#[cfg(test)]
mod tests;
