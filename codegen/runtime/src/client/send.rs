//! Sending: the async and the blocking `send`, each attempt built afresh from the request's
//! parts, retried where the client's policy says, and the response decoded as the type of its
//! status.

use super::super::auth::Resolved;
use super::super::error::Error;
use super::super::request::{Parts, Request};
use super::super::response::{RawResponse, Response};
use super::super::template::Variables;
use super::super::token;
use super::super::trace::Trace;
use super::Client;

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
        let snapshot = self.variables();
        let (parts, auth) = self.prepare(request, &snapshot).map_err(Error::retype)?;
        let trace = Trace::start(request.name(), &parts);
        let result = trace
            .instrument(self.send_prepared(request, parts, &auth, &snapshot, &trace))
            .await;
        trace.finish(&result);
        result
    }

    async fn send_prepared<R>(
        &self,
        request: &R,
        parts: Parts<'_>,
        auth: &Resolved,
        snapshot: &V,
        trace: &Trace,
    ) -> Result<Response<R::Success>, Error<R::Failure>>
    where
        R: Request<V> + ?Sized,
    {
        let obtain = || {
            self.tokens
                .obtain_async(auth, |req| token::exchange_async(&self.http, req))
        };
        let token = obtain().await.map_err(Error::retype)?;
        let built = self
            .assemble(parts, auth, token.as_deref(), snapshot)
            .map_err(Error::retype)?;
        let mut response = self.execute(&built, auth, trace).await?;
        if renews(response.status(), token.as_deref(), |sent| {
            self.tokens.expire(sent)
        }) {
            // A token the client fetched, refused: fetched again (or renewed), sent once more.
            let token = obtain().await.map_err(Error::retype)?;
            let (parts, _) = self.prepare(request, snapshot).map_err(Error::retype)?;
            let built = self
                .assemble(parts, auth, token.as_deref(), snapshot)
                .map_err(Error::retype)?;
            response = self.execute(&built, auth, trace).await?;
        }
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.map_err(Error::Transport)?;
        decode(request, status, headers, &bytes)
    }

    /// Sends `built`, again while the retry policy says so, and answers a digest challenge.
    async fn execute<F>(
        &self,
        built: &http::Request<Vec<u8>>,
        auth: &Resolved,
        trace: &Trace,
    ) -> Result<reqwest::Response, Error<F>> {
        let mut attempt = 1;
        loop {
            let sent = reqwest::Request::try_from(copy(built)).map_err(Error::Transport)?;
            trace.attempt();
            let outcome = self.http.execute(sent).await;
            let seen = match &outcome {
                Ok(response) => Ok((response.status(), response.headers())),
                Err(err) => Err(err),
            };
            if let Some(wait) = self.wait_before_retry(attempt, built, seen, trace) {
                tokio::time::sleep(wait).await;
                attempt += 1;
                continue;
            }
            let response = outcome.map_err(Error::Transport)?;
            let answer = auth.answer(built, response.status(), response.headers());
            return match answer.map_err(Error::retype)? {
                // The server's digest challenge, answered once.
                Some(again) => {
                    let sent = reqwest::Request::try_from(again).map_err(Error::Transport)?;
                    self.http.execute(sent).await.map_err(Error::Transport)
                }
                None => Ok(response),
            };
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
        let snapshot = self.variables();
        let (parts, auth) = self.prepare(request, &snapshot).map_err(Error::retype)?;
        let trace = Trace::start(request.name(), &parts);
        let result = {
            let _entered = trace.enter();
            self.send_prepared(request, parts, &auth, &snapshot, &trace)
        };
        trace.finish(&result);
        result
    }

    fn send_prepared<R>(
        &self,
        request: &R,
        parts: Parts<'_>,
        auth: &Resolved,
        snapshot: &V,
        trace: &Trace,
    ) -> Result<Response<R::Success>, Error<R::Failure>>
    where
        R: Request<V> + ?Sized,
    {
        let obtain = || {
            self.tokens
                .obtain_blocking(auth, |req| token::exchange_blocking(&self.http, req))
                .map_err(Error::retype)
        };
        let token = obtain()?;
        let built = self
            .assemble(parts, auth, token.as_deref(), snapshot)
            .map_err(Error::retype)?;
        let mut response = self.execute(&built, auth, trace)?;
        if renews(response.status(), token.as_deref(), |sent| {
            self.tokens.expire(sent)
        }) {
            let token = obtain()?;
            let (parts, _) = self.prepare(request, snapshot).map_err(Error::retype)?;
            let built = self
                .assemble(parts, auth, token.as_deref(), snapshot)
                .map_err(Error::retype)?;
            response = self.execute(&built, auth, trace)?;
        }
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.bytes().map_err(Error::Transport)?;
        decode(request, status, headers, &bytes)
    }

    /// The blocking form of the async client's `execute`.
    fn execute<F>(
        &self,
        built: &http::Request<Vec<u8>>,
        auth: &Resolved,
        trace: &Trace,
    ) -> Result<reqwest::blocking::Response, Error<F>> {
        let mut attempt = 1;
        loop {
            let sent =
                reqwest::blocking::Request::try_from(copy(built)).map_err(Error::Transport)?;
            trace.attempt();
            let outcome = self.http.execute(sent);
            let seen = match &outcome {
                Ok(response) => Ok((response.status(), response.headers())),
                Err(err) => Err(err),
            };
            if let Some(wait) = self.wait_before_retry(attempt, built, seen, trace) {
                std::thread::sleep(wait);
                attempt += 1;
                continue;
            }
            let response = outcome.map_err(Error::Transport)?;
            let answer = auth.answer(built, response.status(), response.headers());
            return match answer.map_err(Error::retype)? {
                // The server's digest challenge, answered once.
                Some(again) => {
                    let sent =
                        reqwest::blocking::Request::try_from(again).map_err(Error::Transport)?;
                    self.http.execute(sent).map_err(Error::Transport)
                }
                None => Ok(response),
            };
        }
    }
}

/// Whether a response of `status` to a request sent with `token` is answered by renewing the
/// token and sending the request once more: a 401 to a token the client fetched (`expire`
/// marks it expired and says whether it was one), not to your source's or the collection's.
fn renews(
    status: http::StatusCode,
    token: Option<&str>,
    expire: impl FnOnce(&str) -> bool,
) -> bool {
    status == http::StatusCode::UNAUTHORIZED && token.is_some_and(expire)
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
