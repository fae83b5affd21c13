//! The runtime's `tracing` feature, through the seed client against a recording server on
//! 127.0.0.1: one span per request with its method, name, URL template, status, attempts and
//! duration, an event per retry, and no resolved variable anywhere.
#![allow(clippy::panic)]

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use codegen_runtime::{BlockingClient, Retry};
use tests::generated::c_link_a_user_account_postman_collection::{
    Client, LinkAUserAccount, Variables,
};
use tests::recorder::{Recorder, Reply};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata};

const USER_ID: &str = "auth0|5f7c8ec7c33c6c004bbafe82";
const SECRETS: &[&str] = &["test-token", "tenant.auth0.com"];

type Fields = BTreeMap<String, String>;

/// What a subscriber saw: spans by id (name and fields, recorded ones included) and events
/// with their parent span.
#[derive(Default)]
struct Seen {
    next: AtomicU64,
    spans: Mutex<BTreeMap<u64, (String, Fields)>>,
    events: Mutex<Vec<(Option<u64>, Fields)>>,
}

#[derive(Clone, Default)]
struct Capture(Arc<Seen>);

struct Collect<'a>(&'a mut Fields);

impl Visit for Collect<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let id = self.0.next.fetch_add(1, Ordering::SeqCst) + 1;
        let mut fields = Fields::new();
        span.record(&mut Collect(&mut fields));
        let name = span.metadata().name().to_owned();
        if let Ok(mut spans) = self.0.spans.lock() {
            spans.insert(id, (name, fields));
        }
        Id::from_u64(id)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        if let Ok(mut spans) = self.0.spans.lock()
            && let Some((_, fields)) = spans.get_mut(&span.into_u64())
        {
            values.record(&mut Collect(fields));
        }
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields::new();
        event.record(&mut Collect(&mut fields));
        if let Ok(mut events) = self.0.events.lock() {
            events.push((event.parent().map(Id::into_u64), fields));
        }
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

impl Capture {
    fn spans(&self) -> Vec<(u64, String, Fields)> {
        let spans = self.0.spans.lock().map(|s| s.clone()).unwrap_or_default();
        spans
            .into_iter()
            .map(|(id, (name, fields))| (id, name, fields))
            .collect()
    }

    fn events(&self) -> Vec<(Option<u64>, Fields)> {
        self.0.events.lock().map(|e| e.clone()).unwrap_or_default()
    }

    /// Fails if any recorded value holds a resolved variable.
    fn assert_no_secrets(&self) {
        let spans = self.spans().into_iter().map(|(_, _, fields)| fields);
        let events = self.events().into_iter().map(|(_, fields)| fields);
        for fields in spans.chain(events) {
            for (name, value) in &fields {
                for secret in SECRETS {
                    assert!(!value.contains(secret), "{name} = {value} shows {secret}");
                }
            }
        }
    }
}

fn variables() -> Variables {
    Variables {
        auth0_domain: "tenant.auth0.com".to_owned(),
        auth0_token: "test-token".to_owned(),
    }
}

/// A server that answers `failures` times with `status`, then 200.
fn failing(failures: usize, status: u16) -> Recorder {
    let count = AtomicUsize::new(0);
    Recorder::start(move |_| -> Reply {
        if count.fetch_add(1, Ordering::SeqCst) < failures {
            (status, "text/plain", b"try again".to_vec())
        } else {
            (200, "application/json", b"[]".to_vec())
        }
    })
}

fn field<'a>(fields: &'a Fields, name: &str) -> Option<&'a str> {
    fields.get(name).map(String::as_str)
}

#[tokio::test]
async fn a_request_is_one_span_and_each_retry_an_event_in_it() {
    let capture = Capture::default();
    let _default = tracing::subscriber::set_default(capture.clone());
    let server = failing(1, 503);
    let client = Client::new(variables())
        .with_base_url(server.base_url())
        .with_retry(
            Retry::default()
                .methods([http::Method::POST])
                .backoff(Duration::from_millis(5), Duration::from_millis(5))
                .jitter(false),
        );
    let sent = client.send(&LinkAUserAccount::new(USER_ID)).await;
    assert!(sent.is_ok(), "{sent:?}");

    let spans = capture.spans();
    assert_eq!(spans.len(), 1, "{spans:?}");
    let (id, name, fields) = &spans[0];
    assert_eq!(name, "http.request");
    assert_eq!(field(fields, "http.request.method"), Some("POST"));
    assert_eq!(field(fields, "request"), Some("LinkAUserAccount"));
    assert_eq!(
        field(fields, "url.template"),
        Some("https://{{auth0_domain}}/api/v2/users/auth0%7C5f7c8ec7c33c6c004bbafe82/identities")
    );
    assert_eq!(field(fields, "http.response.status_code"), Some("200"));
    assert_eq!(field(fields, "attempts"), Some("2"));
    assert_eq!(field(fields, "error"), None);
    let duration = field(fields, "duration_ms").and_then(|d| d.parse::<f64>().ok());
    assert!(duration.is_some_and(|d| d >= 5.0), "{fields:?}");

    let events = capture.events();
    let retries: Vec<&Fields> = events
        .iter()
        .filter(|(parent, _)| *parent == Some(*id))
        .map(|(_, fields)| fields)
        .collect();
    assert_eq!(retries.len(), 1, "{events:?}");
    assert_eq!(field(retries[0], "attempt"), Some("1"));
    assert_eq!(field(retries[0], "http.response.status_code"), Some("503"));
    assert_eq!(field(retries[0], "wait_ms"), Some("5"));
    capture.assert_no_secrets();
}

#[test]
fn the_blocking_client_records_error_statuses_and_transport_errors() {
    let capture = Capture::default();
    tracing::subscriber::with_default(capture.clone(), || {
        let server = failing(1, 404);
        let client = BlockingClient::new_blocking(variables()).with_base_url(server.base_url());
        assert!(client.send(&LinkAUserAccount::new(USER_ID)).is_err());

        let port = tests::recorder::closed_port();
        let client = BlockingClient::new_blocking(variables())
            .with_base_url(format!("http://127.0.0.1:{port}"));
        assert!(client.send(&LinkAUserAccount::new(USER_ID)).is_err());
    });
    let spans = capture.spans();
    assert_eq!(spans.len(), 2, "{spans:?}");
    let (status, refused) = (&spans[0].2, &spans[1].2);
    assert_eq!(field(status, "http.response.status_code"), Some("404"));
    assert_eq!(
        field(status, "error"),
        None,
        "an error status is its status"
    );
    assert_eq!(field(refused, "http.response.status_code"), None);
    assert_eq!(field(refused, "attempts"), Some("1"));
    let error = field(refused, "error").unwrap_or_default();
    assert!(
        error.to_ascii_lowercase().contains("connection refused"),
        "{error}"
    );
    capture.assert_no_secrets();
}
