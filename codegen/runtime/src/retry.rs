//! Retries: which failed attempts are tried again, and how long to wait before each.
//!
//! Off by default; [`Client::with_retry`](super::Client::with_retry) turns them on. An attempt
//! is retried when its status is one of [`Retry::statuses`] (by default 429, 502, 503 and 504)
//! or it failed to connect or timed out, its method is one of [`Retry::methods`] (by default
//! the idempotent ones), and attempts are left. The wait doubles from
//! [`Retry::initial_backoff`] up to [`Retry::max_backoff`], with full jitter, unless the server
//! says how long with `Retry-After` (seconds or an HTTP date), which is honoured up to
//! `max_backoff`. Bodies are always in memory, so every retried request is sent again whole.

use std::time::{Duration, SystemTime};

/// A retry policy. `Retry::default()` is 3 attempts, 200 ms doubling up to 10 s, with jitter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Retry {
    /// How many times a request is sent at most, the first time included.
    pub attempts: u32,
    /// The wait before the first retry (doubled for each one after it).
    pub initial_backoff: Duration,
    /// The longest wait, `Retry-After` included.
    pub max_backoff: Duration,
    /// Whether each wait is a random duration up to the computed one (full jitter), so that
    /// many clients do not retry in step.
    pub jitter: bool,
    /// The statuses that are retried.
    pub statuses: Vec<u16>,
    /// The methods that are retried.
    pub methods: Vec<http::Method>,
}

impl Default for Retry {
    fn default() -> Self {
        Retry {
            attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
            jitter: true,
            statuses: vec![429, 502, 503, 504],
            methods: vec![
                http::Method::GET,
                http::Method::HEAD,
                http::Method::OPTIONS,
                http::Method::PUT,
                http::Method::DELETE,
                http::Method::TRACE,
            ],
        }
    }
}

impl Retry {
    /// With at most `attempts` sends in all.
    #[must_use]
    pub fn attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts;
        self
    }

    /// With waits starting at `initial` and never longer than `max`.
    #[must_use]
    pub fn backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max;
        self
    }

    /// With or without jitter.
    #[must_use]
    pub fn jitter(mut self, jitter: bool) -> Self {
        self.jitter = jitter;
        self
    }

    /// Retrying these statuses.
    #[must_use]
    pub fn statuses(mut self, statuses: impl IntoIterator<Item = u16>) -> Self {
        self.statuses = statuses.into_iter().collect();
        self
    }

    /// Retrying requests of these methods (add `POST` only where the API makes it safe).
    #[must_use]
    pub fn methods(mut self, methods: impl IntoIterator<Item = http::Method>) -> Self {
        self.methods = methods.into_iter().collect();
        self
    }

    /// Whether attempt number `attempt` (1 for the first) of a `method` request that ended in
    /// `status` (or in a connection failure or timeout, `None`) is tried again.
    pub fn retries(&self, attempt: u32, method: &http::Method, status: Option<u16>) -> bool {
        attempt < self.attempts
            && self.methods.contains(method)
            && status.is_none_or(|status| self.statuses.contains(&status))
    }

    /// How long to wait after attempt number `attempt` (1 for the first), given the response's
    /// `Retry-After` header if there was one.
    pub fn delay(&self, attempt: u32, retry_after: Option<&http::HeaderValue>) -> Duration {
        if let Some(wait) = retry_after.and_then(parse_retry_after) {
            return wait.min(self.max_backoff);
        }
        let doublings = attempt.saturating_sub(1).min(30);
        let backoff = self
            .initial_backoff
            .saturating_mul(1 << doublings)
            .min(self.max_backoff);
        if self.jitter {
            backoff.mul_f64(fastrand::f64())
        } else {
            backoff
        }
    }
}

/// `Retry-After` as seconds (`120`) or an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`).
fn parse_retry_after(value: &http::HeaderValue) -> Option<Duration> {
    let text = value.to_str().ok()?.trim();
    if let Ok(seconds) = text.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(text).ok()?;
    Some(date.duration_since(SystemTime::now()).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_chosen_statuses_and_methods_are_retried_while_attempts_last() {
        let retry = Retry::default();
        let get = http::Method::GET;
        assert!(retry.retries(1, &get, Some(503)));
        assert!(retry.retries(2, &get, None));
        assert!(
            !retry.retries(3, &get, Some(503)),
            "the third attempt is the last"
        );
        assert!(!retry.retries(1, &get, Some(500)));
        assert!(!retry.retries(1, &http::Method::POST, Some(503)));
        let posts = Retry::default().methods([http::Method::POST]);
        assert!(posts.retries(1, &http::Method::POST, Some(429)));
    }

    #[test]
    fn waits_double_up_to_the_maximum_and_jitter_stays_below() {
        let retry = Retry::default()
            .backoff(Duration::from_millis(100), Duration::from_millis(350))
            .jitter(false);
        let waits: Vec<u128> = (1..=4).map(|n| retry.delay(n, None).as_millis()).collect();
        assert_eq!(waits, [100, 200, 350, 350]);
        let jittered = Retry::default().backoff(Duration::from_millis(100), Duration::from_secs(1));
        for attempt in 1..=3 {
            assert!(jittered.delay(attempt, None) <= Duration::from_millis(100 << (attempt - 1)));
        }
    }

    #[test]
    fn retry_after_is_honoured_up_to_the_maximum() {
        let retry = Retry::default().backoff(Duration::from_millis(1), Duration::from_secs(30));
        let seconds = http::HeaderValue::from_static("2");
        assert_eq!(retry.delay(1, Some(&seconds)), Duration::from_secs(2));
        let long = http::HeaderValue::from_static("3600");
        assert_eq!(retry.delay(1, Some(&long)), Duration::from_secs(30));
        let past = http::HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT");
        assert_eq!(retry.delay(1, Some(&past)), Duration::ZERO);
        let nonsense = http::HeaderValue::from_static("soon");
        assert!(retry.delay(1, Some(&nonsense)) <= Duration::from_millis(1));
    }
}
