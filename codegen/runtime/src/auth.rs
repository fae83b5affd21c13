//! Auth: the scheme that decides a request's auth (its own, else the nearest folder's, else the
//! collection's) with its parameters, applied by the client when it builds the request.
//!
//! A generated file states each auth once, as data (`rt::Auth::new("bearer", &[("token",
//! "{{token}}")])`), and each request names the one that applies to it. The client resolves
//! the parameters with its variables and applies the scheme as postman-runtime does, after the
//! URL, headers and body are formed:
//!
//! - `bearer`: `Authorization: Bearer <token>`; nothing when the token is empty.
//! - `basic`: `Authorization: Basic base64(username:password)`, always (empty parts too).
//! - `apikey`: a header (or with `in` = `query`, a query parameter) `key: value`; nothing when
//!   both the key and the value are empty.
//! - `oauth2`: the access token (stored, or fetched: see [`crate::TokenSource`]) as
//!   `Authorization: <headerPrefix> <token>` (`Bearer` when no prefix is given, none when it is
//!   empty) or, with `addTokenTo` = `queryParams`, as the query parameter `access_token`;
//!   nothing when there is no token or `tokenType` is `mac`.
//! - `oauth1`, `awsv4`, `hawk`, `digest`: the formed request is signed ([`super::sign`]),
//!   unless you set an `Authorization` header yourself.
//!
//! An applied header replaces the collection's headers of that name (and `oauth2` also its
//! `access_token` query parameters), as postman-runtime does; a header or query parameter of
//! that name that you set yourself (on the request, or with [`Client::default_header`]) wins,
//! and the auth is not applied. Schemes the runtime does not apply are left alone (the
//! generator warns about them).
//!
//! [`Client::default_header`]: crate::Client::default_header

use std::fmt;

use super::error::Error;
use super::params::{Params, Text};
use super::sign::apply::{self, Lookup, Shape};
use super::sign::System;
use super::template::{self, Variables};

/// An auth scheme with its parameters: written in the collection (templates the client
/// resolves with its variables) or given by you (sent as given).
#[derive(Clone, PartialEq, Eq)]
pub struct Auth {
    scheme: &'static str,
    values: Values,
}

#[derive(Clone, PartialEq, Eq)]
enum Values {
    /// The collection's `(parameter, template)` pairs.
    Collection(&'static [(&'static str, &'static str)]),
    /// Values given by the caller, used as they are.
    Given(Vec<(&'static str, String)>),
}

/// No auth: what a request without any sends.
pub(crate) static NO_AUTH: Auth = Auth::NONE;

impl Auth {
    /// No auth (Postman's `noauth`).
    pub const NONE: Auth = Auth::new("noauth", &[]);

    /// The collection's auth of type `scheme` (`bearer`, `basic`, `apikey`, `oauth2`, ...)
    /// with its parameters as `(key, template)` pairs, in Postman's names (`token`,
    /// `username`, `accessToken`, `addTokenTo`, ...). What generated code writes.
    pub const fn new(
        scheme: &'static str,
        params: &'static [(&'static str, &'static str)],
    ) -> Self {
        Auth {
            scheme,
            values: Values::Collection(params),
        }
    }

    /// Your auth of type `scheme` with parameters you give (sent as given: no `{{variables}}`
    /// are resolved in them).
    pub fn given<I, S>(scheme: &'static str, params: I) -> Self
    where
        I: IntoIterator<Item = (&'static str, S)>,
        S: Into<String>,
    {
        Auth {
            scheme,
            values: Values::Given(
                params
                    .into_iter()
                    .map(|(key, value)| (key, value.into()))
                    .collect(),
            ),
        }
    }

    /// `Authorization: Bearer <token>`.
    pub fn bearer(token: impl Into<String>) -> Self {
        Auth::given("bearer", [("token", token)])
    }

    /// `Authorization: Basic base64(username:password)`.
    pub fn basic(username: impl Into<String>, password: impl Into<String>) -> Self {
        Auth::given(
            "basic",
            [("username", username.into()), ("password", password.into())],
        )
    }

    /// An API key sent as the header `name: value`.
    pub fn api_key_header(name: impl Into<String>, value: impl Into<String>) -> Self {
        Auth::given("apikey", [("key", name.into()), ("value", value.into())])
    }

    /// An API key sent as the query parameter `name=value`.
    pub fn api_key_query(name: impl Into<String>, value: impl Into<String>) -> Self {
        Auth::given(
            "apikey",
            [
                ("key", name.into()),
                ("value", value.into()),
                ("in", "query".to_owned()),
            ],
        )
    }

    /// The Postman type of this auth (`noauth` for none).
    pub fn scheme(&self) -> &'static str {
        self.scheme
    }

    /// The parameter `key` as written (a template for the collection's auth).
    pub fn param(&self, key: &str) -> Option<&str> {
        match &self.values {
            Values::Collection(params) => params
                .iter()
                .find(|(name, _)| *name == key)
                .map(|(_, value)| *value),
            Values::Given(params) => params
                .iter()
                .find(|(name, _)| *name == key)
                .map(|(_, value)| value.as_str()),
        }
    }

    /// The parameters resolved with `variables` (the collection's templates; your values
    /// as given).
    ///
    /// # Errors
    ///
    /// When a template resolves to too long a text.
    pub fn resolve<V: Variables + ?Sized>(&self, variables: &V) -> Result<Resolved, Error> {
        let params = match &self.values {
            Values::Collection(params) => params
                .iter()
                .map(|(key, value)| Ok((*key, template::resolve(value, variables)?)))
                .collect::<Result<_, Error>>()?,
            Values::Given(params) => params.clone(),
        };
        Ok(Resolved {
            scheme: self.scheme,
            params,
        })
    }
}

/// Shows the scheme and the parameters' names, never their values (they are credentials).
impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let keys: Vec<&str> = match &self.values {
            Values::Collection(params) => params.iter().map(|(key, _)| *key).collect(),
            Values::Given(params) => params.iter().map(|(key, _)| *key).collect(),
        };
        f.debug_struct("Auth")
            .field("scheme", &self.scheme)
            .field("params", &keys)
            .finish()
    }
}

/// An auth with its parameters resolved: what a scheme is applied with.
#[derive(Clone)]
pub struct Resolved {
    scheme: &'static str,
    params: Vec<(&'static str, String)>,
}

impl Resolved {
    /// The Postman type of the auth.
    pub fn scheme(&self) -> &'static str {
        self.scheme
    }

    /// The parameter `key`, resolved, if the auth has it.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(_, value)| value.as_str())
    }

    /// The parameter `key`, or an empty text when the auth does not have it.
    pub fn text(&self, key: &str) -> &str {
        self.get(key).unwrap_or_default()
    }

    /// The parameters whose key starts with `prefix` and `:`, in order, each as the rest of
    /// its key and its value (OAuth 2's extra token request parameters,
    /// `tokenRequestParams:body:audience`).
    pub(crate) fn prefixed<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.params.iter().filter_map(move |(key, value)| {
            let rest = key.strip_prefix(prefix)?.strip_prefix(':')?;
            Some((rest, value.as_str()))
        })
    }
}

impl fmt::Debug for Resolved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let keys: Vec<&str> = self.params.iter().map(|(key, _)| *key).collect();
        f.debug_struct("Resolved")
            .field("scheme", &self.scheme)
            .field("params", &keys)
            .finish()
    }
}

/// What an auth does to the request being built.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Plan {
    /// The collection's headers of this name (any case) are left out.
    pub drop_header: Option<String>,
    /// Whether `drop_header` is compared as lodash's `lowerCase` compares (words of letters
    /// and digits, lower-cased: `X-Api-Key`, `x_api_key` and `XApiKey` are one name), as
    /// postman-runtime's API key auth does.
    pub drop_header_words: bool,
    /// The collection's query parameters of this name are left out.
    pub drop_query: Option<String>,
    /// A header added after the request's own.
    pub header: Option<(String, String)>,
    /// A query parameter added after the request's own.
    pub query: Option<(String, String)>,
}

/// The header postman-runtime's bearer, basic and OAuth 2 auth set.
const AUTHORIZATION: &str = "Authorization";

impl Resolved {
    /// What this auth adds to a request, as postman-runtime applies it; `token` is an OAuth 2
    /// token the client obtained (from your token source, or fetched), sent instead of the
    /// stored one.
    pub(crate) fn plan(&self, token: Option<&str>) -> Plan {
        match self.scheme {
            "bearer" => match self.text("token") {
                "" => Plan::default(),
                token => Plan {
                    drop_header: Some(AUTHORIZATION.to_owned()),
                    header: Some((AUTHORIZATION.to_owned(), format!("Bearer {token}"))),
                    ..Plan::default()
                },
            },
            "basic" => {
                use base64::Engine as _;
                let credentials = format!("{}:{}", self.text("username"), self.text("password"));
                let encoded = base64::engine::general_purpose::STANDARD.encode(credentials);
                Plan {
                    drop_header: Some(AUTHORIZATION.to_owned()),
                    header: Some((AUTHORIZATION.to_owned(), format!("Basic {encoded}"))),
                    ..Plan::default()
                }
            }
            "apikey" => {
                let (key, value) = (self.text("key"), self.text("value"));
                if key.is_empty() && value.is_empty() {
                    Plan::default()
                } else if self.get("in") == Some("query") {
                    // An empty key is sent as `=value`, as postman-runtime sends it.
                    Plan {
                        drop_query: Some(key.to_owned()),
                        query: Some((key.to_owned(), value.to_owned())),
                        ..Plan::default()
                    }
                } else if key.is_empty() {
                    // A header without a name is not sent.
                    Plan::default()
                } else {
                    Plan {
                        drop_header: Some(key.to_owned()),
                        drop_header_words: true,
                        header: Some((key.to_owned(), value.to_owned())),
                        ..Plan::default()
                    }
                }
            }
            "oauth2" => self.oauth2_plan(token),
            _ => Plan::default(),
        }
    }

    fn oauth2_plan(&self, token: Option<&str>) -> Plan {
        // The client passes a token only from your token source, or one it fetched because
        // none is stored: either way it is the one to send.
        let token = token.unwrap_or(self.text("accessToken"));
        if token.is_empty() || self.text("tokenType").eq_ignore_ascii_case("mac") {
            return Plan::default();
        }
        let mut plan = Plan {
            drop_header: Some(AUTHORIZATION.to_owned()),
            drop_query: Some("access_token".to_owned()),
            ..Plan::default()
        };
        match self.text("addTokenTo") {
            "" | "header" => {
                let value = match self.get("headerPrefix").map(str::trim) {
                    None => format!("Bearer {token}"),
                    Some("") => token.to_owned(),
                    Some(prefix) => format!("{prefix} {token}"),
                };
                plan.header = Some((AUTHORIZATION.to_owned(), value));
            }
            "queryParams" => plan.query = Some(("access_token".to_owned(), token.to_owned())),
            // postman-runtime removes the header and parameter and adds nothing.
            _ => {}
        }
        plan
    }
}

impl Resolved {
    /// Signs the formed `request` for the schemes that sign the whole request (OAuth 1.0,
    /// AWS Signature v4, Hawk, digest; see [`super::sign`]): the place where such a scheme
    /// is applied, after the plan. `shape` says what the body is; `added` names the headers
    /// the client added by itself (a body's `Content-Type`), which are not signed.
    ///
    /// # Errors
    ///
    /// When the request cannot be signed.
    pub(crate) fn sign(
        &self,
        request: &mut http::Request<Vec<u8>>,
        shape: Shape<'_>,
        added: &[http::HeaderName],
    ) -> Result<(), Error> {
        apply::sign(self.scheme, self, request, shape, added, &System)
    }

    /// Whether this auth signs the formed request (rather than adding a header or parameter
    /// of a plan).
    pub(crate) fn signs(&self) -> bool {
        apply::SCHEMES.contains(&self.scheme)
    }

    /// The request to send again after `built` was answered with `status` and `headers`: a
    /// digest challenge answered (see [`super::sign::digest`]), or `None`.
    ///
    /// # Errors
    ///
    /// When the answer cannot be signed.
    pub(crate) fn answer(
        &self,
        built: &http::Request<Vec<u8>>,
        status: http::StatusCode,
        headers: &http::HeaderMap,
    ) -> Result<Option<http::Request<Vec<u8>>>, Error> {
        apply::answer_challenge(self.scheme, self, built, status, headers, &System)
    }
}

impl Lookup for Resolved {
    fn get(&self, key: &str) -> Option<&str> {
        Resolved::get(self, key)
    }
}

impl Plan {
    /// No plan when the request already has a header or query parameter of the name this
    /// plan adds that the caller set (a value not from the collection), or a client default
    /// header of that name: the caller's wins.
    pub(crate) fn unless_given(
        self,
        headers: &Params,
        query: &Params,
        default_headers: &http::HeaderMap,
    ) -> Plan {
        let given = |params: &Params, name: &str, ignore_case: bool| {
            params.iter().any(|(key, value)| {
                let caller = matches!(key, Text::Given(_)) || matches!(value, Some(Text::Given(_)));
                let written = key.as_written();
                caller
                    && if ignore_case {
                        written.eq_ignore_ascii_case(name)
                    } else {
                        written == name
                    }
            })
        };
        let header_taken = self.header.as_ref().is_some_and(|(name, _)| {
            given(headers, name, true) || default_headers.contains_key(name.as_str())
        });
        let query_taken = self
            .query
            .as_ref()
            .is_some_and(|(name, _)| given(query, name, false));
        if header_taken || query_taken {
            Plan::default()
        } else {
            self
        }
    }

    /// Whether the collection's header `name` (resolved) is left out.
    pub(crate) fn drops_header(&self, name: &str, value: Option<&Text>) -> bool {
        let Some(dropped) = self.drop_header.as_deref() else {
            return false;
        };
        from_collection(value)
            && if self.drop_header_words {
                lower_case_words(dropped) == lower_case_words(name)
            } else {
                dropped.eq_ignore_ascii_case(name)
            }
    }

    /// Whether the collection's query parameter `name` (resolved) is left out.
    pub(crate) fn drops_query(&self, name: &str, value: Option<&Text>) -> bool {
        from_collection(value) && self.drop_query.as_deref() == Some(name)
    }
}

fn from_collection(value: Option<&Text>) -> bool {
    !matches!(value, Some(Text::Given(_)))
}

/// `name` as lodash's `lowerCase` gives it, for ASCII: its words (runs of letters and digits,
/// split where a lower-case letter meets an upper-case one, where letters meet digits, and
/// before the last capital of a run of capitals followed by a lower-case letter), lower-cased
/// and joined by spaces. Other characters separate words.
fn lower_case_words(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len());
    let mut in_word = false;
    for (index, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            in_word = false;
            continue;
        }
        let previous = index.checked_sub(1).and_then(|i| chars.get(i)).copied();
        let next = chars.get(index + 1).copied();
        let boundary = match previous {
            Some(p) if in_word => {
                (p.is_lowercase() && c.is_uppercase())
                    || (p.is_numeric() != c.is_numeric())
                    || (p.is_uppercase()
                        && c.is_uppercase()
                        && next.is_some_and(char::is_lowercase))
            }
            _ => true,
        };
        if boundary && !out.is_empty() {
            out.push(' ');
        }
        out.extend(c.to_lowercase());
        in_word = true;
    }
    out
}

#[cfg(test)]
mod tests;
