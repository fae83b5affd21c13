//! The runtime of the clients that `codegen` generates from Postman collections.
//!
//! A generated file holds only what is particular to its collection: a `Variables` struct, a
//! struct per request implementing [`Request`], and the body and response types inferred from
//! the collection's samples. Everything else lives here, once: the [`Client`] that builds a
//! request's HTTP form without I/O and sends it with reqwest, the ordered [`Params`] of query
//! parameters and headers, bodies ([`Body`], [`Multipart`], [`FileSource`]), template
//! resolution ([`resolve`]) and percent-encoding as Postman does them, auth ([`Auth`], applied
//! as postman-runtime applies it, with OAuth 2 tokens fetched and renewed or taken from a
//! [`TokenSource`]), response decoding ([`Decode`], [`ResponseBody`]) and the [`Error`] type.
//!
//! A crate that uses a generated client depends on this crate alone: the generated code
//! reaches serde, serde_json and http through the re-exports below. TLS is the consumer's
//! choice, through the features `rustls` or `native-tls` (none is on by default; without one,
//! only `http://` origins can be reached). The feature `blocking` adds `BlockingClient<V>`, the
//! same client without async; `tracing` makes every request sent a `tracing` span; `fake`
//! generates Postman's dynamic variables made of words (`{{$randomFirstName}}`), where the
//! others (`{{$guid}}`, `{{$timestamp}}`, ...) need no feature ([`DynamicVariables`]).
//! Retries are off unless a [`Retry`] policy is given ([`Client::with_retry`]). A client's
//! variables can be changed while it is shared ([`Client::set_variable`],
//! [`Client::update_variables`]).
//!
//! # Example
//!
//! What the generator writes for a request, written by hand, and how it is sent. A request is
//! data: a struct whose `#[request(...)]` attributes give its route and the collection's
//! values, from which `#[derive(Request)]` writes `new`, `collection` and the [`Request`] impl
//! (whose [`Request::parts`] can also be written by hand).
//!
//! ```no_run
//! use codegen_runtime as rt;
//!
//! #[derive(Clone, Debug, Default)]
//! pub struct Variables {
//!     pub base_url: String,
//! }
//!
//! impl rt::Variables for Variables {
//!     fn lookup(&self, name: &str) -> Option<&str> {
//!         match name {
//!             "baseUrl" => Some(&self.base_url),
//!             _ => None,
//!         }
//!     }
//!
//!     fn set(&mut self, name: &str, value: String) -> bool {
//!         match name {
//!             "baseUrl" => self.base_url = value,
//!             _ => return false,
//!         }
//!         true
//!     }
//! }
//!
//! /// Get a user: `GET {{baseUrl}}/users/:id`.
//! #[derive(rt::Request)]
//! #[request("GET", "{{baseUrl}}", "/users/", id)]
//! pub struct GetUser {
//!     /// The user's id, `1` in the collection.
//!     #[request(value = "1")]
//!     pub id: String,
//!     #[request(new = rt::Params::query("fields=name"))]
//!     pub query: rt::Params,
//!     pub headers: rt::Params,
//! }
//!
//! # async fn run() -> Result<(), rt::Error> {
//! let client = rt::Client::new(Variables { base_url: "https://api.example.com".into() });
//! let request = GetUser {
//!     headers: rt::Params::headers("Accept: application/json"),
//!     ..GetUser::new("a/b")
//! };
//! let built = client.build(&request)?;
//! assert_eq!(built.uri(), "https://api.example.com/users/a%2Fb?fields=name");
//! let response = client.send(&request).await?;
//! println!("{}: {:?}", response.status, response.body);
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

mod auth;
mod body;
mod client;
mod dynamic;
mod encode;
mod environment;
mod error;
mod oauth2;
mod params;
mod request;
mod response;
mod retry;
pub mod sign;
mod template;
mod token;
mod trace;
mod values;
mod words;

pub use auth::{Auth, Resolved};
pub use body::{Body, FileSource, Multipart, Part, PartValue};
#[cfg(feature = "blocking")]
pub use client::BlockingClient;
pub use client::Client;
/// `#[derive(Request)]`: a request struct's constructors and [`Request`] impl from its
/// `#[request(...)]` attributes, as generated code states its requests (the crate
/// `codegen-runtime-derive`).
pub use codegen_runtime_derive::Request;
pub use dynamic::DynamicVariables;
pub use encode::{path, segment};
pub use environment::{
    debug_variables, env_var_name, load_env_vars, load_env_vars_from, load_environment,
    looks_secret, Loaded, Redacted,
};
pub use error::{AuthError, BuildError, DecodeError, Error};
pub use oauth2::TokenSource;
pub use params::{Params, Text};
pub use request::{example, present, Decoded, Parts, Request, WithAuth};
pub use response::{Decode, RawResponse, Response, ResponseBody};
pub use retry::Retry;
pub use template::{resolve, resolve_all, Variables, MAX_LEN, MAX_ROUNDS};

/// The encoding sets and helpers the client uses for each part of a URL.
pub mod encoding {
    pub use super::encode::{encode, origin, FORM, PATH, QUERY_KEY, QUERY_VALUE, SEGMENT};
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

pub use http;
/// The HTTP client crate the runtime sends with, for [`Client::with_http_client`].
pub use reqwest;
pub use serde;
pub use serde::{Deserialize, Serialize};
pub use serde_json;
pub use serde_json::Value;
