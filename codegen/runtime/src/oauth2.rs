//! OAuth 2 access tokens: the one the collection stores, one from a [`TokenSource`] you give,
//! or one the client fetches from the collection's `accessTokenUrl` for the grants that need
//! no browser (client credentials, password, refresh token), cached until it expires and then
//! refreshed.
//!
//! Which token a request gets, in order: your [`TokenSource`]'s, if you gave one; else the
//! collection's stored `accessToken` when it resolves to a non-empty text (what newman sends);
//! else a fetched one, when the grant can be fetched and fetching is on
//! ([`Client::stored_tokens_only`](crate::Client::stored_tokens_only) turns it off); else none,
//! and the request goes without auth, as newman sends it.

use std::error::Error as StdError;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::auth::Resolved;
use super::encode::{self, FORM};
use super::error::{AuthError, Error};

/// Where OAuth 2 access tokens come from instead of the collection and the token endpoint:
/// your own login flow, a secrets store, a token another part of your program renews.
///
/// The client asks for a token each time it builds a request whose auth is `oauth2`, so a
/// source should answer quickly (from its own cache); `auth` has the collection's parameters
/// resolved (`accessTokenUrl`, `clientId`, `scope`, ...) for sources that serve several.
pub trait TokenSource: Send + Sync {
    /// The access token to send; an empty text sends no auth.
    ///
    /// # Errors
    ///
    /// When no token can be had; the request then fails with [`Error::Auth`].
    fn token(&self, auth: &Resolved) -> Result<String, Box<dyn StdError + Send + Sync>>;
}

impl<F> TokenSource for F
where
    F: Fn(&Resolved) -> Result<String, Box<dyn StdError + Send + Sync>> + Send + Sync,
{
    fn token(&self, auth: &Resolved) -> Result<String, Box<dyn StdError + Send + Sync>> {
        self(auth)
    }
}

/// A client's tokens: your source, whether it fetches, and what it fetched (shared by the
/// client's clones).
#[derive(Clone)]
pub(crate) struct Tokens {
    source: Option<Arc<dyn TokenSource>>,
    fetch: bool,
    cache: Arc<Cache>,
}

#[derive(Default)]
struct Cache {
    entries: Mutex<Vec<(Key, Fetched)>>,
    /// Held while a token is fetched, so that concurrent requests fetch it once (a blocking
    /// client takes it with `blocking_lock`: it is never used inside an async runtime).
    gate: tokio::sync::Mutex<()>,
}

/// The resolved parameters a fetched token depends on.
type Key = Vec<String>;

/// The parameters that make up a token's key, in order.
const KEY_PARAMS: &[&str] = &[
    "grant_type",
    "accessTokenUrl",
    "refreshTokenUrl",
    "clientId",
    "clientSecret",
    "username",
    "password",
    "scope",
    "client_authentication",
    "refreshToken",
];

#[derive(Clone)]
struct Fetched {
    access: String,
    refresh: Option<String>,
    /// When it is to be renewed; `None`: never (the server gave no lifetime).
    renew_at: Option<Instant>,
}

impl Default for Tokens {
    fn default() -> Self {
        Tokens {
            source: None,
            fetch: true,
            cache: Arc::default(),
        }
    }
}

impl fmt::Debug for Tokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cached = self.entries().len();
        f.debug_struct("Tokens")
            .field("source", &self.source.as_ref().map(|_| "TokenSource"))
            .field("fetch", &self.fetch)
            .field("cached", &cached)
            .finish()
    }
}

/// What the client does to get a token it does not have.
pub(crate) enum Fetch {
    /// Nothing to fetch: use this token (or none).
    Have(Option<String>),
    /// Fetch one; the key to cache it under.
    Needed(Key),
}

impl Tokens {
    pub(crate) fn with_source(mut self, source: Arc<dyn TokenSource>) -> Self {
        self.source = Some(source);
        self
    }

    pub(crate) fn stored_only(mut self) -> Self {
        self.fetch = false;
        self
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, Vec<(Key, Fetched)>> {
        self.cache
            .entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The token `auth` gets without I/O (a source's, a cached one), or what to fetch.
    ///
    /// # Errors
    ///
    /// When your source fails.
    pub(crate) fn lookup(&self, auth: &Resolved) -> Result<Fetch, Error> {
        if auth.scheme() != "oauth2" {
            return Ok(Fetch::Have(None));
        }
        if let Some(source) = &self.source {
            return match source.token(auth) {
                Ok(token) => Ok(Fetch::Have(Some(token))),
                Err(err) => Err(Error::Auth(AuthError::new(
                    "the token source failed".to_owned(),
                    None,
                    None,
                    Some(err),
                ))),
            };
        }
        if !auth.text("accessToken").is_empty() || !self.fetch || !fetchable(auth) {
            return Ok(Fetch::Have(None));
        }
        let key: Key = KEY_PARAMS
            .iter()
            .map(|param| auth.text(param).to_owned())
            .collect();
        Ok(match self.valid(&key) {
            Some(token) => Fetch::Have(Some(token)),
            None => Fetch::Needed(key),
        })
    }

    /// A cached token for `key` that is not due for renewal.
    fn valid(&self, key: &Key) -> Option<String> {
        let now = Instant::now();
        self.entries()
            .iter()
            .find(|(known, fetched)| known == key && fetched.renew_at.is_none_or(|at| now < at))
            .map(|(_, fetched)| fetched.access.clone())
    }

    /// The refresh token of the expired token cached for `key`, else the collection's.
    fn refresh_token(&self, key: &Key, auth: &Resolved) -> Option<String> {
        let cached = self
            .entries()
            .iter()
            .find(|(known, _)| known == key)
            .and_then(|(_, fetched)| fetched.refresh.clone());
        cached.or_else(|| Some(auth.text("refreshToken").to_owned()).filter(|t| !t.is_empty()))
    }

    fn store(&self, key: Key, fetched: Fetched) -> String {
        let access = fetched.access.clone();
        let mut entries = self.entries();
        entries.retain(|(known, _)| *known != key);
        entries.push((key, fetched));
        access
    }

    /// The token for `auth` (from `lookup`, else fetched with `exchange`, which sends a token
    /// request and returns the status, content type and body of the answer).
    pub(crate) async fn obtain_async<F, Fut>(
        &self,
        auth: &Resolved,
        exchange: F,
    ) -> Result<Option<String>, Error>
    where
        F: Fn(http::Request<Vec<u8>>) -> Fut,
        Fut: std::future::Future<Output = Result<Answer, Error>>,
    {
        let key = match self.lookup(auth)? {
            Fetch::Have(token) => return Ok(token),
            Fetch::Needed(key) => key,
        };
        let _gate = self.cache.gate.lock().await;
        if let Some(token) = self.valid(&key) {
            return Ok(Some(token));
        }
        if let Some(refresh) = self.refresh_token(&key, auth) {
            let answer = exchange(token_request(auth, Grant::Refresh(&refresh))?).await?;
            match read_answer(auth, &answer, Some(&refresh)) {
                Ok(fetched) => return Ok(Some(self.store(key, fetched))),
                Err(err) if !grant_fetchable(auth) => return Err(err),
                Err(_) => {}
            }
        }
        let answer = exchange(token_request(auth, Grant::Configured)?).await?;
        let fetched = read_answer(auth, &answer, None)?;
        Ok(Some(self.store(key, fetched)))
    }
}

#[cfg(feature = "blocking")]
impl Tokens {
    /// The blocking form of `obtain_async`.
    pub(crate) fn obtain_blocking<F>(
        &self,
        auth: &Resolved,
        exchange: F,
    ) -> Result<Option<String>, Error>
    where
        F: Fn(http::Request<Vec<u8>>) -> Result<Answer, Error>,
    {
        let key = match self.lookup(auth)? {
            Fetch::Have(token) => return Ok(token),
            Fetch::Needed(key) => key,
        };
        let _gate = self.cache.gate.blocking_lock();
        if let Some(token) = self.valid(&key) {
            return Ok(Some(token));
        }
        if let Some(refresh) = self.refresh_token(&key, auth) {
            let answer = exchange(token_request(auth, Grant::Refresh(&refresh))?)?;
            match read_answer(auth, &answer, Some(&refresh)) {
                Ok(fetched) => return Ok(Some(self.store(key, fetched))),
                Err(err) if !grant_fetchable(auth) => return Err(err),
                Err(_) => {}
            }
        }
        let answer = exchange(token_request(auth, Grant::Configured)?)?;
        let fetched = read_answer(auth, &answer, None)?;
        Ok(Some(self.store(key, fetched)))
    }
}

/// A token endpoint's answer: status, `Content-Type`, body.
pub(crate) type Answer = (http::StatusCode, String, Vec<u8>);

/// Sends a token request with `http` and reads the answer.
pub(crate) async fn exchange_async(
    http: &reqwest::Client,
    request: http::Request<Vec<u8>>,
) -> Result<Answer, Error> {
    let url = request.uri().to_string();
    let unreachable = |err: reqwest::Error| {
        Error::Auth(AuthError::new(
            format!("cannot reach the token endpoint {url}"),
            None,
            None,
            Some(Box::new(err)),
        ))
    };
    let request = reqwest::Request::try_from(request).map_err(unreachable)?;
    let response = http.execute(request).await.map_err(unreachable)?;
    let status = response.status();
    let content_type = content_type(response.headers());
    let body = response.bytes().await.map_err(unreachable)?;
    Ok((status, content_type, body.to_vec()))
}

/// Sends a token request with the blocking `http` and reads the answer.
#[cfg(feature = "blocking")]
pub(crate) fn exchange_blocking(
    http: &reqwest::blocking::Client,
    request: http::Request<Vec<u8>>,
) -> Result<Answer, Error> {
    let url = request.uri().to_string();
    let unreachable = |err: reqwest::Error| {
        Error::Auth(AuthError::new(
            format!("cannot reach the token endpoint {url}"),
            None,
            None,
            Some(Box::new(err)),
        ))
    };
    let request = reqwest::blocking::Request::try_from(request).map_err(unreachable)?;
    let response = http.execute(request).map_err(unreachable)?;
    let status = response.status();
    let content_type = content_type(response.headers());
    let body = response.bytes().map_err(unreachable)?;
    Ok((status, content_type, body.to_vec()))
}

fn content_type(headers: &http::HeaderMap) -> String {
    headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Whether the collection's grant can be fetched without a browser.
fn grant_fetchable(auth: &Resolved) -> bool {
    matches!(
        auth.text("grant_type"),
        "client_credentials" | "password_credentials" | "password"
    ) && !auth.text("accessTokenUrl").is_empty()
}

/// Whether a token can be fetched for `auth`: its grant, or a refresh token it stores.
fn fetchable(auth: &Resolved) -> bool {
    let has_url =
        !auth.text("refreshTokenUrl").is_empty() || !auth.text("accessTokenUrl").is_empty();
    grant_fetchable(auth) || (!auth.text("refreshToken").is_empty() && has_url)
}

enum Grant<'a> {
    /// The collection's `grant_type`.
    Configured,
    /// `refresh_token` with this token.
    Refresh(&'a str),
}

/// The token request for `grant`: a form POST to the token URL, with the client's
/// credentials as a basic `Authorization` header or in the body, as `client_authentication`
/// says.
fn token_request(auth: &Resolved, grant: Grant<'_>) -> Result<http::Request<Vec<u8>>, Error> {
    let mut form: Vec<(&str, &str)> = Vec::new();
    let url = match grant {
        Grant::Refresh(token) => {
            form.push(("grant_type", "refresh_token"));
            form.push(("refresh_token", token));
            match auth.text("refreshTokenUrl") {
                "" => auth.text("accessTokenUrl"),
                url => url,
            }
        }
        Grant::Configured => {
            if auth.text("grant_type") == "client_credentials" {
                form.push(("grant_type", "client_credentials"));
            } else {
                form.push(("grant_type", "password"));
                form.push(("username", auth.text("username")));
                form.push(("password", auth.text("password")));
            }
            auth.text("accessTokenUrl")
        }
    };
    if !auth.text("scope").is_empty() {
        form.push(("scope", auth.text("scope")));
    }
    let (id, secret) = (auth.text("clientId"), auth.text("clientSecret"));
    let in_body = auth.text("client_authentication") == "body";
    if in_body {
        form.push(("client_id", id));
        if !secret.is_empty() {
            form.push(("client_secret", secret));
        }
    }
    let body = form
        .iter()
        .map(|(key, value)| {
            format!(
                "{}={}",
                encode::encode(key, FORM),
                encode::encode(value, FORM)
            )
        })
        .collect::<Vec<_>>()
        .join("&");
    let mut builder = http::Request::post(url)
        .header(
            http::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .header(http::header::ACCEPT, "application/json");
    let has_client = !id.is_empty() || !secret.is_empty();
    if !in_body && has_client {
        use base64::Engine as _;
        let credentials =
            base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"));
        builder = builder.header(http::header::AUTHORIZATION, format!("Basic {credentials}"));
    }
    builder.body(body.into_bytes()).map_err(|err| {
        Error::Auth(AuthError::new(
            format!("invalid token URL {url:?}"),
            None,
            None,
            Some(Box::new(err)),
        ))
    })
}

/// The token in a token endpoint's answer (JSON, or a form as some servers send), or an error
/// with the server's answer.
fn read_answer(
    auth: &Resolved,
    answer: &Answer,
    refreshed: Option<&str>,
) -> Result<Fetched, Error> {
    let (status, content_type, body) = answer;
    let text = String::from_utf8_lossy(body).into_owned();
    let url = auth.text("accessTokenUrl");
    if !status.is_success() {
        return Err(Error::Auth(AuthError::new(
            format!("the token endpoint {url} refused"),
            Some(*status),
            Some(text),
            None,
        )));
    }
    let fields: Vec<(String, String)> =
        if content_type.starts_with("application/x-www-form-urlencoded") {
            text.split('&')
                .filter_map(|pair| pair.split_once('='))
                .map(|(key, value)| (form_decode(key), form_decode(value)))
                .collect()
        } else {
            match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(serde_json::Value::Object(object)) => object
                    .into_iter()
                    .filter_map(|(key, value)| match value {
                        serde_json::Value::String(text) => Some((key, text)),
                        serde_json::Value::Number(number) => Some((key, number.to_string())),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            }
        };
    let field = |name: &str| {
        fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .filter(|value| !value.is_empty())
    };
    let Some(access) = field("access_token") else {
        return Err(Error::Auth(AuthError::new(
            format!("the token endpoint {url} answered without an access_token"),
            Some(*status),
            Some(text),
            None,
        )));
    };
    let renew_at = field("expires_in")
        .and_then(|seconds| seconds.parse::<f64>().ok())
        .filter(|seconds| seconds.is_finite() && *seconds >= 0.0)
        .map(|seconds| {
            let lifetime = Duration::from_secs_f64(seconds.min(10.0 * 365.0 * 86_400.0));
            // Renewed a little early: a tenth of its lifetime, at most a minute.
            let early = (lifetime / 10).min(Duration::from_secs(60));
            Instant::now() + (lifetime - early)
        });
    Ok(Fetched {
        access: access.to_owned(),
        refresh: field("refresh_token").or(refreshed).map(str::to_owned),
        renew_at,
    })
}

fn form_decode(text: &str) -> String {
    let text = text.replace('+', " ");
    percent_encoding::percent_decode_str(&text)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Auth;

    fn resolved(params: &'static [(&'static str, &'static str)]) -> Resolved {
        struct NoVariables;
        impl crate::Variables for NoVariables {
            fn lookup(&self, _: &str) -> Option<&str> {
                None
            }
            fn set(&mut self, _: &str, _: String) -> bool {
                false
            }
        }
        Auth::new("oauth2", params)
            .resolve(&NoVariables)
            .unwrap_or_else(|err| panic!("{err}"))
    }

    #[test]
    fn the_token_request_sends_the_grant_and_the_client_as_the_collection_says() {
        let auth = resolved(&[
            ("grant_type", "client_credentials"),
            ("accessTokenUrl", "http://127.0.0.1:1/token"),
            ("clientId", "id"),
            ("clientSecret", "s&cret"),
            ("scope", "read write"),
        ]);
        let request = token_request(&auth, Grant::Configured).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(request.uri(), "http://127.0.0.1:1/token");
        assert_eq!(
            request.body(),
            b"grant_type=client_credentials&scope=read%20write"
        );
        assert_eq!(request.headers()["authorization"], "Basic aWQ6cyZjcmV0");
        let auth = resolved(&[
            ("grant_type", "password_credentials"),
            ("accessTokenUrl", "http://127.0.0.1:1/token"),
            ("clientId", "id"),
            ("clientSecret", "s&cret"),
            ("username", "ann"),
            ("password", "pw"),
            ("client_authentication", "body"),
        ]);
        let request = token_request(&auth, Grant::Configured).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(
            String::from_utf8_lossy(request.body()),
            "grant_type=password&username=ann&password=pw&client_id=id&client_secret=s%26cret"
        );
        assert!(request.headers().get("authorization").is_none());
        let request =
            token_request(&auth, Grant::Refresh("r1")).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(
            String::from_utf8_lossy(request.body()),
            "grant_type=refresh_token&refresh_token=r1&client_id=id&client_secret=s%26cret"
        );
    }

    #[test]
    fn answers_are_read_as_json_or_form_and_refusals_keep_the_body() {
        let auth = resolved(&[("accessTokenUrl", "http://127.0.0.1:1/token")]);
        let json = (
            http::StatusCode::OK,
            "application/json".to_owned(),
            br#"{"access_token":"t1","expires_in":"3600","refresh_token":"r1"}"#.to_vec(),
        );
        let fetched = read_answer(&auth, &json, None).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(
            (fetched.access.as_str(), fetched.refresh.as_deref()),
            ("t1", Some("r1"))
        );
        assert!(fetched
            .renew_at
            .is_some_and(|at| at > Instant::now() + Duration::from_secs(3000)));
        let form = (
            http::StatusCode::OK,
            "application/x-www-form-urlencoded".to_owned(),
            b"access_token=a%2Bb&token_type=bearer".to_vec(),
        );
        let fetched = read_answer(&auth, &form, Some("old")).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(
            (fetched.access.as_str(), fetched.refresh.as_deref()),
            ("a+b", Some("old"))
        );
        assert!(fetched.renew_at.is_none());
        let refused = (
            http::StatusCode::UNAUTHORIZED,
            "application/json".to_owned(),
            br#"{"error":"invalid_client"}"#.to_vec(),
        );
        let err = read_answer(&auth, &refused, None)
            .err()
            .map(|err| err.to_string());
        assert_eq!(
            err.as_deref(),
            Some(
                "cannot get an OAuth 2 token: the token endpoint http://127.0.0.1:1/token refused: \
                 401 Unauthorized: {\"error\":\"invalid_client\"}"
            )
        );
    }
}
