//! The client: builds a request's HTTP form without I/O, sends it with reqwest (async, or
//! blocking with the `blocking` feature), retries it where the policy says, and decodes the
//! response into the request's documented types.

use std::path::PathBuf;
use std::time::Duration;

use super::body::Encoder;
use super::encode::{self, QUERY_KEY, QUERY_VALUE};
use super::error::Error;
use super::request::Request;
use super::response::{RawResponse, Response};
use super::retry::Retry;
use super::template::{self, Variables};

/// Sends the requests of one collection, whose variables are `V` (the generated `Variables`;
/// the generated file names this type `Client`), through `H`: an async `reqwest::Client`, or
/// with the `blocking` feature a `reqwest::blocking::Client` (`BlockingClient`).
///
/// By default a request goes to the origin the collection gives it (`scheme://host[:port]`,
/// variables resolved); [`Client::with_base_url`] sends every request to another origin
/// instead, for tests, proxies and mocks.
#[derive(Clone, Debug)]
pub struct Client<V, H = reqwest::Client> {
    http: H,
    variables: V,
    base_url: Option<String>,
    default_headers: http::HeaderMap,
    files: Option<PathBuf>,
    retry: Option<Retry>,
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
            variables,
            base_url: None,
            default_headers: http::HeaderMap::new(),
            files: None,
            retry: None,
        }
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

    /// The variables this client resolves.
    pub fn variables(&self) -> &V {
        &self.variables
    }

    /// The variables, to change them between requests (for example to a token a login
    /// request returned).
    pub fn variables_mut(&mut self) -> &mut V {
        &mut self.variables
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
        let parts = request.parts()?;
        let variables = &self.variables;
        let mut uri = match &self.base_url {
            Some(base_url) => base_url.clone(),
            None => encode::origin(&template::resolve(parts.origin, variables)?),
        };
        let path = template::resolve(&parts.path, variables)?;
        uri.push_str(&encode::encode(&path, encode::PATH));
        for (index, (key, value)) in parts.query.iter().enumerate() {
            uri.push(if index == 0 { '?' } else { '&' });
            uri.push_str(&encode::encode(&key.resolve(variables)?, QUERY_KEY));
            if let Some(value) = value {
                uri.push('=');
                uri.push_str(&encode::encode(&value.resolve(variables)?, QUERY_VALUE));
            }
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
        for (name, value) in parts.headers.iter() {
            let name = name.resolve(variables)?;
            let is_content_type = name.eq_ignore_ascii_case("content-type");
            if self.default_headers.contains_key(name.as_str())
                || (is_content_type && replaces_header)
            {
                continue;
            }
            has_content_type |= is_content_type;
            let value = match value {
                Some(value) => value.resolve(variables)?,
                None => String::new(),
            };
            builder = builder.header(name, value);
        }
        if let Some(content_type) = content_type {
            let wanted = content_type.replaces_header || !has_content_type;
            if wanted
                && !self
                    .default_headers
                    .contains_key(http::header::CONTENT_TYPE)
            {
                builder = builder.header(http::header::CONTENT_TYPE, content_type.value);
            }
        }
        for (name, value) in &self.default_headers {
            builder = builder.header(name, value);
        }
        builder
            .body(body)
            .map_err(|err| Error::build_with("invalid request", err))
    }

    /// How long to wait before sending `built` again after attempt `attempt` ended in
    /// `outcome` (a status and headers, or a transport error), or `None` to stop there.
    fn wait_before_retry(
        &self,
        attempt: u32,
        built: &http::Request<Vec<u8>>,
        outcome: Result<(http::StatusCode, &http::HeaderMap), &reqwest::Error>,
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
        retry
            .retries(attempt, built.method(), status)
            .then(|| retry.delay(attempt, retry_after))
    }
}

impl<V: Variables> Client<V> {
    /// Sends `request` and returns the response when its status is a success (2xx), its body
    /// decoded as the request's [`Request::Success`]; another status is returned as
    /// [`Error::Status`], its body decoded as [`Request::Failure`]. With a retry policy, an
    /// attempt the policy retries is sent again first.
    ///
    /// # Errors
    ///
    /// When the request cannot be built or sent, the status is not a success, or the body does
    /// not decode as the type of its status.
    pub async fn send<R>(&self, request: &R) -> Result<Response<R::Success>, Error<R::Failure>>
    where
        R: Request<V> + ?Sized,
    {
        let built = self.build(request).map_err(Error::retype)?;
        let mut attempt = 1;
        loop {
            let sent = reqwest::Request::try_from(copy(&built)).map_err(Error::Transport)?;
            let outcome = self.http.execute(sent).await;
            let seen = match &outcome {
                Ok(response) => Ok((response.status(), response.headers())),
                Err(err) => Err(err),
            };
            if let Some(wait) = self.wait_before_retry(attempt, &built, seen) {
                tokio::time::sleep(wait).await;
                attempt += 1;
                continue;
            }
            let response = outcome.map_err(Error::Transport)?;
            let status = response.status();
            let headers = response.headers().clone();
            let bytes = response.bytes().await.map_err(Error::Transport)?;
            return decode(request, status, headers, &bytes);
        }
    }
}

#[cfg(feature = "blocking")]
impl<V: Variables> Client<V, reqwest::blocking::Client> {
    /// Sends `request` as the async client's `send` does, blocking until the response is there.
    ///
    /// # Errors
    ///
    /// When the request cannot be built or sent, the status is not a success, or the body does
    /// not decode as the type of its status.
    pub fn send<R>(&self, request: &R) -> Result<Response<R::Success>, Error<R::Failure>>
    where
        R: Request<V> + ?Sized,
    {
        let built = self.build(request).map_err(Error::retype)?;
        let mut attempt = 1;
        loop {
            let sent =
                reqwest::blocking::Request::try_from(copy(&built)).map_err(Error::Transport)?;
            let outcome = self.http.execute(sent);
            let seen = match &outcome {
                Ok(response) => Ok((response.status(), response.headers())),
                Err(err) => Err(err),
            };
            if let Some(wait) = self.wait_before_retry(attempt, &built, seen) {
                std::thread::sleep(wait);
                attempt += 1;
                continue;
            }
            let response = outcome.map_err(Error::Transport)?;
            let status = response.status();
            let headers = response.headers().clone();
            let bytes = response.bytes().map_err(Error::Transport)?;
            return decode(request, status, headers, &bytes);
        }
    }
}

/// A copy of a built request, to send it (again).
fn copy(built: &http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
    let mut copy = http::Request::new(built.body().clone());
    *copy.method_mut() = built.method().clone();
    *copy.uri_mut() = built.uri().clone();
    *copy.version_mut() = built.version();
    *copy.headers_mut() = built.headers().clone();
    copy
}

/// The response to `request`, decoded as the type of its status.
fn decode<V: Variables, R: Request<V> + ?Sized>(
    request: &R,
    status: http::StatusCode,
    headers: http::HeaderMap,
    bytes: &[u8],
) -> Result<Response<R::Success>, Error<R::Failure>> {
    let raw = RawResponse {
        status,
        headers: &headers,
        body: bytes,
    };
    match request.decode(&raw) {
        Ok(Ok(body)) => Ok(Response {
            status,
            headers,
            body,
        }),
        Ok(Err(body)) => Err(Error::Status(Box::new(Response {
            status,
            headers,
            body,
        }))),
        Err(error) => Err(Error::Decode { status, error }),
    }
}
