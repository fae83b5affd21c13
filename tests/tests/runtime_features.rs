//! What the runtime gives every generated client, through the seed client against a recording
//! server on 127.0.0.1: retries, the blocking client, transport errors that say why, values
//! loaded from a Postman environment file and from the process's environment, and secrets kept
//! out of `Debug`.
#![allow(clippy::panic)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use codegen_runtime::{BlockingClient, Error, Retry};
use tests::generated::c_link_a_user_account_postman_collection::{
    Client, LinkAUserAccount, Variables,
};
use tests::recorder::{Recorder, Reply};

const USER_ID: &str = "auth0|5f7c8ec7c33c6c004bbafe82";

fn variables() -> Variables {
    Variables {
        auth0_domain: "tenant.auth0.com".to_owned(),
        auth0_token: "test-token".to_owned(),
    }
}

/// A server that answers `failures` times with `status`, then 200 with a JSON body.
fn failing(failures: usize, status: u16) -> (Recorder, Arc<AtomicUsize>) {
    let count = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&count);
    let server = Recorder::start(move |_| -> Reply {
        if seen.fetch_add(1, Ordering::SeqCst) < failures {
            (status, "text/plain", b"try again".to_vec())
        } else {
            (200, "application/json", br#"[{"user_id": "1"}]"#.to_vec())
        }
    });
    (server, count)
}

/// Retries for the seed's POST, quick enough for a test.
fn quick_retry() -> Retry {
    Retry::default()
        .methods([http::Method::POST])
        .backoff(Duration::from_millis(5), Duration::from_millis(20))
}

#[tokio::test]
async fn failed_attempts_are_retried_until_one_succeeds() {
    let (server, count) = failing(2, 503);
    let client = Client::new(variables())
        .with_base_url(server.base_url())
        .with_retry(quick_retry());
    let response = client.send(&LinkAUserAccount::new(USER_ID)).await;
    assert_eq!(response.map(|r| r.status.as_u16()).ok(), Some(200));
    assert_eq!(count.load(Ordering::SeqCst), 3);
    let recorded = server.recorded();
    assert!(
        recorded.windows(2).all(|pair| pair[0] == pair[1]),
        "every attempt sends the same request, body included"
    );
}

#[tokio::test]
async fn retries_stop_after_the_last_attempt_with_its_status() {
    let (server, count) = failing(5, 429);
    let client = Client::new(variables())
        .with_base_url(server.base_url())
        .with_retry(quick_retry().attempts(2));
    let result = client.send(&LinkAUserAccount::new(USER_ID)).await;
    assert!(
        matches!(&result, Err(Error::Status(response)) if response.status.as_u16() == 429),
        "{result:?}"
    );
    assert_eq!(count.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn without_a_policy_or_for_other_methods_and_statuses_nothing_is_retried() {
    for (client_retry, status) in [
        (None, 503),
        (Some(Retry::default()), 503),
        (Some(quick_retry()), 500),
    ] {
        let (server, count) = failing(1, status);
        let mut client = Client::new(variables()).with_base_url(server.base_url());
        if let Some(retry) = client_retry {
            client = client.with_retry(retry);
        }
        let result = client.send(&LinkAUserAccount::new(USER_ID)).await;
        assert!(matches!(result, Err(Error::Status(_))), "{result:?}");
        assert_eq!(count.load(Ordering::SeqCst), 1, "sent once ({status})");
    }
}

#[test]
fn the_blocking_client_sends_the_same_request_and_retries() {
    let (server, count) = failing(1, 502);
    let client = BlockingClient::new_blocking(variables())
        .with_base_url(server.base_url())
        .with_retry(quick_retry());
    let response = client.send(&LinkAUserAccount::new(USER_ID));
    assert_eq!(response.map(|r| r.status.as_u16()).ok(), Some(200));
    assert_eq!(count.load(Ordering::SeqCst), 2);
    let recorded = server.recorded();
    let first = recorded.first().cloned();
    assert_eq!(
        first
            .as_ref()
            .map(|r| (r.method.as_str(), r.target.as_str())),
        Some((
            "POST",
            "/api/v2/users/auth0%7C5f7c8ec7c33c6c004bbafe82/identities"
        ))
    );
    assert_eq!(
        first.map(|r| r.header("authorization").join(",")),
        Some("Bearer test-token".to_owned())
    );
}

#[test]
fn a_transport_error_says_why_and_keeps_reqwests_error() {
    let port = tests::recorder::closed_port();
    let client =
        BlockingClient::new_blocking(variables()).with_base_url(format!("http://127.0.0.1:{port}"));
    let err = client.send(&LinkAUserAccount::new(USER_ID)).err();
    let text = err.as_ref().map(ToString::to_string).unwrap_or_default();
    assert!(
        text.to_ascii_lowercase().contains("connection refused"),
        "{text}"
    );
    let source = err.as_ref().and_then(std::error::Error::source);
    assert!(
        source.is_some_and(|source| source.is::<codegen_runtime::reqwest::Error>()),
        "{err:?}"
    );
}

#[test]
fn an_environment_file_and_environment_variables_set_the_values_sent() {
    let server = Recorder::start(|_| (200, "application/json", b"[]".to_vec()));
    let mut variables = Variables::default();
    let environment = r#"{"name": "test", "values": [
        {"key": "auth0_token", "value": "from-the-file", "type": "secret", "enabled": true},
        {"key": "auth0_tokn", "value": "typo", "enabled": true}
    ]}"#;
    let loaded = codegen_runtime::load_environment(&mut variables, environment)
        .unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(loaded.set, ["auth0_token"]);
    assert_eq!(loaded.unknown, ["auth0_tokn"], "unknown names are reported");

    let environment = [
        (
            "SEED_AUTH0_DOMAIN".to_owned(),
            "tenant.example.test".to_owned(),
        ),
        ("SEED_AUTH0_DOMIAN".to_owned(), "typo".to_owned()),
        ("PATH".to_owned(), "/bin".to_owned()),
    ];
    let loaded = codegen_runtime::load_env_vars_from(&mut variables, "SEED_", environment);
    assert_eq!(loaded.set, ["auth0_domain"]);
    assert_eq!(loaded.unknown, ["SEED_AUTH0_DOMIAN"]);
    assert_eq!(variables.auth0_domain, "tenant.example.test");

    let client = BlockingClient::new_blocking(variables).with_base_url(server.base_url());
    let sent = client.send(&LinkAUserAccount::new(USER_ID));
    assert!(sent.is_ok(), "{sent:?}");
    let recorded = server.recorded();
    assert_eq!(
        recorded
            .first()
            .map(|r| r.header("authorization").join(",")),
        Some("Bearer from-the-file".to_owned())
    );
}

#[test]
fn secrets_never_appear_in_debug_output() {
    let variables = Variables {
        auth0_domain: "tenant.auth0.com".to_owned(),
        auth0_token: "very-secret-token".to_owned(),
    };
    assert_eq!(
        format!("{variables:?}"),
        r#"Variables { auth0_domain: "tenant.auth0.com", auth0_token: <redacted> }"#
    );
    let client = Client::new(variables).default_header(
        http::header::AUTHORIZATION,
        http::HeaderValue::from_static("Bearer other-secret"),
    );
    let shown = format!("{client:?}");
    assert!(!shown.contains("very-secret-token"), "{shown}");
    assert!(!shown.contains("other-secret"), "{shown}");
}

#[tokio::test]
async fn variables_change_between_requests_as_a_script_would_set_them() {
    let server = Recorder::start(|_| (200, "application/json", b"[]".to_vec()));
    let mut client = Client::new(variables()).with_base_url(server.base_url());
    let first = client.send(&LinkAUserAccount::new(USER_ID)).await;
    assert!(first.is_ok(), "{first:?}");
    // What a login request's test script would do: `pm.environment.set("auth0_token", ...)`.
    client.variables_mut().set("auth0_token", "renewed-token");
    let second = client.send(&LinkAUserAccount::new(USER_ID)).await;
    assert!(second.is_ok(), "{second:?}");
    let tokens: Vec<String> = server
        .recorded()
        .iter()
        .map(|r| r.header("authorization").join(","))
        .collect();
    assert_eq!(tokens, ["Bearer test-token", "Bearer renewed-token"]);
}
