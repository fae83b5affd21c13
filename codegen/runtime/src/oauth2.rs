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
use std::time::Instant;

use super::auth::Resolved;
use super::error::{AuthError, Error};
use super::token::{
    fetchable, grant_fetchable, read_answer, token_request, Answer, Fetched, Grant, REFRESH_PARAMS,
    TOKEN_PARAMS,
};

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

/// How many fetched tokens a client keeps (one per set of parameters).
const MAX_CACHED: usize = 32;

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
        // The extra parameters too: a token for one `audience` is no token for another.
        let extra = [TOKEN_PARAMS, REFRESH_PARAMS]
            .into_iter()
            .flat_map(|list| auth.prefixed(list))
            .flat_map(|(name, value)| [name.to_owned(), value.to_owned()]);
        let key: Key = KEY_PARAMS
            .iter()
            .map(|param| auth.text(param).to_owned())
            .chain(extra)
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

    /// Marks `token` expired when it is one the client fetched (the server refused
    /// it), so that the next request renews it (with its refresh token, when it came with
    /// one) or fetches another; whether it was.
    pub(crate) fn expire(&self, token: &str) -> bool {
        // Only fetched tokens are cached; your source's never are.
        if self.source.is_some() {
            return false;
        }
        let now = Instant::now();
        let mut entries = self.entries();
        match entries
            .iter_mut()
            .find(|(_, fetched)| fetched.access == token)
        {
            Some((_, fetched)) => {
                fetched.renew_at = Some(now);
                true
            }
            None => false,
        }
    }

    fn store(&self, key: Key, fetched: Fetched) -> String {
        let access = fetched.access.clone();
        let now = Instant::now();
        let mut entries = self.entries();
        // Tokens of other parameters (variables changed since) are kept only while they can
        // still be used or refreshed, and only the latest few.
        entries.retain(|(known, old)| {
            *known != key && (old.refresh.is_some() || old.renew_at.is_none_or(|at| now < at))
        });
        if entries.len() >= MAX_CACHED {
            entries.remove(0);
        }
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
