//! The client: builds a request's HTTP form without I/O, sends it with reqwest (async, or
//! blocking with the `blocking` feature), retries it where the policy says, and decodes the
//! response into the request's documented types (sending is in `send`).

use std::path::PathBuf;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use super::auth::{Auth, Resolved};
use super::body::{Body, Encoder};
use super::dynamic::DynamicVariables;
use super::encode::{self, QUERY_KEY, QUERY_VALUE};
use super::error::Error;
use super::oauth2::{Fetch, TokenSource, Tokens};
use super::params::Text;
use super::request::{Parts, Request};
use super::retry::Retry;
use super::sign::apply::Shape;
use super::template::{self, Variables};
use super::trace::Trace;

mod send;

/// Sends the requests of one collection, whose variables are `V` (the generated `Variables`;
/// the generated file names this type `Client`), through `H`: an async `reqwest::Client`, or
/// with the `blocking` feature a `reqwest::blocking::Client` (`BlockingClient`).
///
/// By default a request goes to the origin the collection gives it (`scheme://host[:port]`,
/// variables resolved); [`Client::with_base_url`] sends every request to another origin
/// instead, for tests, proxies and mocks.
///
/// The variables can be changed while requests are sent, from any task or thread
/// ([`Client::set_variable`], [`Client::update_variables`]); each request is built from one
/// consistent snapshot of them. Clones of a client share its variables, as they share its
/// connection pool.
#[derive(Clone, Debug)]
pub struct Client<V, H = reqwest::Client> {
    http: H,
    /// The current values; a request holds the `Arc` of its snapshot while it is built, and a
    /// change copies the values only when such a snapshot is still alive.
    variables: Arc<RwLock<Arc<V>>>,
    dynamic: DynamicVariables,
    base_url: Option<String>,
    default_headers: http::HeaderMap,
    files: Option<PathBuf>,
    retry: Option<Retry>,
    /// Replaces the collection's auth of every request ([`Client::with_auth`]).
    auth: Option<Auth>,
    tokens: Tokens,
}

/// A client that blocks until each response is there, for programs without an async runtime
/// (command-line tools, scripts, build steps). Do not create or use one inside an async
/// runtime: reqwest's blocking client runs one of its own.
#[cfg(feature = "blocking")]
pub type BlockingClient<V> = Client<V, reqwest::blocking::Client>;

impl<V: Variables> Client<V> {
    /// A client with its own `reqwest::Client`.
    pub fn new(variables: V) -> Self {
        Self::with_http_client(reqwest::Client::new(), variables)
    }
}

#[cfg(feature = "blocking")]
impl<V: Variables> Client<V, reqwest::blocking::Client> {
    /// A blocking client with its own `reqwest::blocking::Client`. (Not `new`, so that the
    /// feature adds a name rather than making `Client::new` ambiguous.)
    pub fn new_blocking(variables: V) -> Self {
        Self::with_http_client(reqwest::blocking::Client::new(), variables)
    }
}

impl<V: Variables, H> Client<V, H> {
    /// A client that sends through `http` (to share a connection pool or set timeouts).
    pub fn with_http_client(http: H, variables: V) -> Self {
        Client {
            http,
            variables: Arc::new(RwLock::new(Arc::new(variables))),
            dynamic: DynamicVariables::default(),
            base_url: None,
            default_headers: http::HeaderMap::new(),
            files: None,
            retry: None,
            auth: None,
            tokens: Tokens::default(),
        }
    }

    /// Sends every request with `auth` instead of the auth the collection gives it (a
    /// request's own [`Request::with_auth`] still wins); `Auth::NONE` sends none.
    #[must_use]
    pub fn with_auth(mut self, auth: Auth) -> Self {
        self.auth = Some(auth);
        self
    }

    /// Takes OAuth 2 access tokens from `source` for every request whose auth is `oauth2`,
    /// instead of the collection's stored token and of fetching one.
    #[must_use]
    pub fn with_token_source(mut self, source: impl TokenSource + 'static) -> Self {
        self.tokens = self.tokens.with_source(std::sync::Arc::new(source));
        self
    }

    /// Sends only the OAuth 2 tokens the collection stores, as newman does: never fetches one
    /// from the token endpoint (a request whose stored token is empty goes without auth).
    #[must_use]
    pub fn stored_tokens_only(mut self) -> Self {
        self.tokens = self.tokens.stored_only();
        self
    }

    /// Retries failed attempts as `retry` says (off by default; `Retry::default()` is three
    /// attempts for 429, 502, 503, 504 and connection failures, idempotent methods only).
    #[must_use]
    pub fn with_retry(mut self, retry: Retry) -> Self {
        self.retry = Some(retry);
        self
    }

    /// Sends every request to `base_url` (for example `http://127.0.0.1:8080`) instead of the
    /// origin written in the collection; the request's path follows it.
    #[must_use]
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        let base_url = base_url.into();
        self.base_url = Some(base_url.trim_end_matches('/').to_owned());
        self
    }

    /// Adds a header to every request, replacing any header of that name the request has: the
    /// hook for credentials the generator cannot apply itself.
    #[must_use]
    pub fn default_header(mut self, name: http::HeaderName, mut value: http::HeaderValue) -> Self {
        // Such headers are usually credentials: `Debug` of the client does not show them.
        value.set_sensitive(true);
        self.default_headers.append(name, value);
        self
    }

    /// Lets requests send the local files the collection names, read from `folder` (relative
    /// paths are taken from it; nothing outside it, and no devices, is read). Without it, a
    /// request that would send such a file fails to build, naming the file; files you set
    /// yourself (bytes, or a path you give) are always sent.
    #[must_use]
    pub fn allow_files_in(mut self, folder: impl Into<PathBuf>) -> Self {
        self.files = Some(folder.into());
        self
    }

    /// Generates Postman's dynamic variables (`{{$guid}}`, `{{$timestamp}}`, ...) from
    /// `dynamic`: for example `DynamicVariables::seeded(7).at(time)` for the same values on
    /// every run.
    #[must_use]
    pub fn with_dynamic_variables(mut self, dynamic: DynamicVariables) -> Self {
        self.dynamic = dynamic;
        self
    }

    /// A snapshot of the variables: the values the next request would be built with. Later
    /// changes do not alter it.
    pub fn variables(&self) -> Arc<V> {
        let current = self
            .variables
            .read()
            .unwrap_or_else(PoisonError::into_inner);
        Arc::clone(&current)
    }

    /// Changes the variables with `change`, for example to the token a login request
    /// returned, as a collection's script would with `pm.environment.set`. Requests being
    /// built meanwhile see the values before or after the change, never part of it.
    pub fn update_variables<T>(&self, change: impl FnOnce(&mut V) -> T) -> T
    where
        V: Clone,
    {
        let mut current = self
            .variables
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        change(Arc::make_mut(&mut current))
    }

    /// Sets the variable written `{{name}}` in the collection; returns whether the collection
    /// uses such a variable (an unknown name changes nothing).
    pub fn set_variable(&self, name: &str, value: impl Into<String>) -> bool
    where
        V: Clone,
    {
        let value = value.into();
        let mut current = self
            .variables
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        if current.lookup(name).is_none() {
            return false;
        }
        Arc::make_mut(&mut current).set(name, value)
    }

    /// Builds the HTTP request for `request` without sending it. The only I/O is reading the
    /// files a body sends.
    ///
    /// # Errors
    ///
    /// When the method, a header, the URL or the body is invalid, a file cannot be read, or a
    /// variable resolves to too long a text.
    pub fn build<R>(&self, request: &R) -> Result<http::Request<Vec<u8>>, Error>
    where
        R: Request<V> + ?Sized,
    {
        let snapshot = self.variables();
        let (parts, auth) = self.prepare(request, &snapshot)?;
        let token = match self.tokens.lookup(&auth)? {
            Fetch::Have(token) => token,
            Fetch::Needed(_) => None,
        };
        self.assemble(parts, &auth, token.as_deref(), &snapshot)
    }

    /// A request's parts and its auth (the request's choice, else the client's, else the
    /// collection's), resolved with `variables`, a snapshot of the client's.
    fn prepare<'r, R>(&self, request: &'r R, variables: &V) -> Result<(Parts<'r>, Resolved), Error>
    where
        R: Request<V> + ?Sized,
    {
        let parts = request.parts()?;
        let auth = match &self.auth {
            Some(auth) if !parts.auth_given => auth,
            _ => parts.auth,
        };
        let variables = self.dynamic.scope(variables);
        let auth = auth.resolve(&variables)?;
        variables.check()?;
        Ok((parts, auth))
    }

    /// The HTTP request of `parts`, with `auth` applied (and `token`, an OAuth 2 token the
    /// client obtained), its templates resolved with `snapshot` and dynamic variables.
    fn assemble(
        &self,
        parts: Parts<'_>,
        auth: &Resolved,
        token: Option<&str>,
        snapshot: &V,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        let plan = auth
            .plan(token)
            .unless_given(parts.headers, parts.query, &self.default_headers);
        let variables = &self.dynamic.scope(snapshot);
        let mut uri = match &self.base_url {
            Some(base_url) => base_url.clone(),
            None => encode::origin(&template::resolve(parts.origin, variables)?),
        };
        let path = template::resolve(&parts.path, variables)?;
        uri.push_str(&encode::encode(&path, encode::PATH));
        let mut first = true;
        for (key, value) in parts.query.iter() {
            let key = key.resolve(variables)?;
            if plan.drops_query(&key, value.as_ref()) {
                continue;
            }
            let value = value.as_ref().map(|v| v.resolve(variables)).transpose()?;
            push_query(&mut uri, &mut first, &key, value.as_deref());
        }
        if let Some((key, value)) = &plan.query {
            push_query(&mut uri, &mut first, key, Some(value));
        }
        let method = http::Method::from_bytes(parts.method.as_bytes())
            .map_err(|err| Error::build_with(format!("invalid method {:?}", parts.method), err))?;
        let encoder = Encoder {
            variables,
            files: self.files.as_deref(),
        };
        let (body, content_type) = encoder.body(&parts.body)?;
        let replaces_header = content_type.as_ref().is_some_and(|ct| ct.replaces_header);
        let mut builder = http::Request::builder().method(method).uri(uri);
        let mut has_content_type = false;
        let mut caller_authorization = self
            .default_headers
            .contains_key(http::header::AUTHORIZATION);
        for (name, value) in parts.headers.iter() {
            let name = name.resolve(variables)?;
            let is_content_type = name.eq_ignore_ascii_case("content-type");
            if self.default_headers.contains_key(name.as_str())
                || (is_content_type && replaces_header)
                || plan.drops_header(&name, value.as_ref())
            {
                continue;
            }
            has_content_type |= is_content_type;
            caller_authorization |=
                name.eq_ignore_ascii_case("authorization") && matches!(value, Some(Text::Given(_)));
            let value = match value {
                Some(value) => value.resolve(variables)?,
                None => String::new(),
            };
            builder = builder.header(name, value);
        }
        if let Some((name, value)) = plan.header {
            builder = builder.header(name, value);
        }
        let mut added = Vec::new();
        if let Some(content_type) = content_type {
            let wanted = content_type.replaces_header || !has_content_type;
            if wanted
                && !self
                    .default_headers
                    .contains_key(http::header::CONTENT_TYPE)
            {
                builder = builder.header(http::header::CONTENT_TYPE, content_type.value);
                added.push(http::header::CONTENT_TYPE);
            }
        }
        for (name, value) in &self.default_headers {
            builder = builder.header(name, value);
        }
        variables.check()?;
        let mut built = builder
            .body(body)
            .map_err(|err| Error::build_with("invalid request", err))?;
        if auth.signs() && !caller_authorization {
            let fields = match &parts.body {
                Body::Form(fields) => Some(encoder.fields(fields)?),
                _ => None,
            };
            let shape = match (&parts.body, &fields) {
                (_, Some(fields)) => Shape::Form(fields),
                (Body::None, _) => Shape::None,
                (Body::Multipart(_), _) => Shape::Multipart,
                _ => Shape::Bytes,
            };
            auth.sign(&mut built, shape, &added)?;
        }
        Ok(built)
    }

    /// How long to wait before sending `built` again after attempt `attempt` ended in
    /// `outcome` (a status and headers, or a transport error), or `None` to stop there.
    fn wait_before_retry(
        &self,
        attempt: u32,
        built: &http::Request<Vec<u8>>,
        outcome: Result<(http::StatusCode, &http::HeaderMap), &reqwest::Error>,
        trace: &Trace,
    ) -> Option<Duration> {
        let retry = self.retry.as_ref()?;
        let (status, retry_after) = match outcome {
            Ok((status, headers)) => (
                Some(status.as_u16()),
                headers.get(http::header::RETRY_AFTER),
            ),
            Err(err) if err.is_connect() || err.is_timeout() => (None, None),
            Err(_) => return None,
        };
        let wait = retry
            .retries(attempt, built.method(), status)
            .then(|| retry.delay(attempt, retry_after))?;
        trace.retry(attempt, wait, outcome.map(|(status, _)| status));
        Some(wait)
    }
}

/// Appends `key[=value]` to the query of `uri`.
fn push_query(uri: &mut String, first: &mut bool, key: &str, value: Option<&str>) {
    uri.push(if *first { '?' } else { '&' });
    *first = false;
    uri.push_str(&encode::encode(key, QUERY_KEY));
    if let Some(value) = value {
        uri.push('=');
        uri.push_str(&encode::encode(value, QUERY_VALUE));
    }
}
