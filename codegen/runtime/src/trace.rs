//! Tracing of sent requests, with the `tracing` feature: a span per request and an event per
//! retry. Without the feature every call here does nothing and costs nothing.
//!
//! The span, `http.request` at level INFO, has the fields `http.request.method`, `request`
//! (the request's name, [`Request::name`](super::Request::name)), `url.template` (the
//! collection's origin and the request's path, `{{variables}}` unresolved, so that no value of
//! a variable, secret or not, is recorded; no query), and when the request is done
//! `http.response.status_code`, `attempts`, `duration_ms` and, when it failed, `error`. Each
//! retry is an INFO event in the span with `attempt`, `wait_ms` and the status or error of the
//! attempt that failed.

use std::time::Duration;

use super::error::Error;
use super::request::Parts;
use super::response::Response;

/// The span of one request being sent.
#[cfg(feature = "tracing")]
pub(crate) struct Trace {
    span: tracing::Span,
    started: std::time::Instant,
    attempts: std::sync::atomic::AtomicU32,
}

#[cfg(feature = "tracing")]
impl Trace {
    /// Opens the span of the request `name` described by `parts`.
    pub(crate) fn start(name: &str, parts: &Parts<'_>) -> Self {
        let template = format!("{}{}", parts.origin, parts.path);
        let span = tracing::info_span!(
            "http.request",
            "http.request.method" = parts.method,
            request = name,
            "url.template" = template.as_str(),
            "http.response.status_code" = tracing::field::Empty,
            attempts = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
            error = tracing::field::Empty,
        );
        Trace {
            span,
            started: std::time::Instant::now(),
            attempts: std::sync::atomic::AtomicU32::new(0),
        }
    }

    /// `future`, run inside the span.
    pub(crate) fn instrument<F: std::future::Future>(
        &self,
        future: F,
    ) -> impl std::future::Future<Output = F::Output> {
        tracing::Instrument::instrument(future, self.span.clone())
    }

    /// Enters the span until the guard is dropped (for the blocking client).
    #[cfg(feature = "blocking")]
    pub(crate) fn enter(&self) -> tracing::span::Entered<'_> {
        self.span.enter()
    }

    /// An attempt is being sent.
    pub(crate) fn attempt(&self) {
        self.attempts
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    /// Attempt `attempt` failed with `outcome` (a status or a transport error) and is sent
    /// again after `wait`.
    pub(crate) fn retry(
        &self,
        attempt: u32,
        wait: Duration,
        outcome: Result<http::StatusCode, &reqwest::Error>,
    ) {
        let wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
        match outcome {
            Ok(status) => tracing::info!(
                parent: &self.span,
                attempt,
                wait_ms,
                "http.response.status_code" = status.as_u16(),
                "retrying after status {status}"
            ),
            Err(err) => tracing::info!(
                parent: &self.span,
                attempt,
                wait_ms,
                error = %super::error::Transport(err),
                "retrying after a transport error"
            ),
        }
    }

    /// Records how the request ended.
    pub(crate) fn finish<S, F>(&self, result: &Result<Response<S>, Error<F>>) {
        let elapsed = self.started.elapsed().as_secs_f64() * 1000.0;
        self.span.record("duration_ms", elapsed);
        self.span.record(
            "attempts",
            self.attempts.load(std::sync::atomic::Ordering::Relaxed),
        );
        let status = match result {
            Ok(response) => Some(response.status),
            Err(Error::Status(response)) => Some(response.status),
            Err(Error::Decode { status, .. }) => Some(*status),
            Err(_) => None,
        };
        if let Some(status) = status {
            self.span
                .record("http.response.status_code", status.as_u16());
        }
        // A status is the status; the body of an error response is not recorded.
        let error = match result {
            Ok(_) | Err(Error::Status(_)) => return,
            Err(Error::Build(err)) => format!("cannot build the request: {err}"),
            Err(Error::Auth(err)) => format!("cannot get an OAuth 2 token: {err}"),
            Err(Error::Transport(err)) => {
                format!("the request failed: {}", super::error::Transport(err))
            }
            Err(Error::Decode { error, .. }) => format!("cannot decode the response: {error}"),
        };
        self.span.record("error", error.as_str());
    }
}

/// The span of one request being sent: nothing without the `tracing` feature.
#[cfg(not(feature = "tracing"))]
pub(crate) struct Trace;

#[cfg(not(feature = "tracing"))]
impl Trace {
    pub(crate) fn start(_: &str, _: &Parts<'_>) -> Self {
        Trace
    }

    pub(crate) fn instrument<F: std::future::Future>(&self, future: F) -> F {
        future
    }

    pub(crate) fn attempt(&self) {}

    pub(crate) fn retry(&self, _: u32, _: Duration, _: Result<http::StatusCode, &reqwest::Error>) {}

    pub(crate) fn finish<S, F>(&self, _: &Result<Response<S>, Error<F>>) {}
}

/// Stands for the guard of an entered span.
#[cfg(all(feature = "blocking", not(feature = "tracing")))]
pub(crate) struct Entered;

#[cfg(all(feature = "blocking", not(feature = "tracing")))]
impl Trace {
    pub(crate) fn enter(&self) -> Entered {
        Entered
    }
}
