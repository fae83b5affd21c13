//! What the runtime gives every generated client, through the seed client against a recording
//! server on 127.0.0.1: retries, the blocking client, transport errors that say why, values
//! loaded from a Postman environment file and from the process's environment, secrets kept
//! out of `Debug`, variables changed while the client is shared (one snapshot per request),
//! and (through the dynamic-variables collection's client) dynamic variables.
#![allow(clippy::panic)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use codegen_runtime::{BlockingClient, Error, ResponseBody, Retry};
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

/// The `Authorization` header of every recorded request.
fn tokens(server: &Recorder) -> Vec<String> {
    server
        .recorded()
        .iter()
        .map(|r| r.header("authorization").join(","))
        .collect()
}

#[tokio::test]
async fn a_token_from_one_response_feeds_the_next_request_as_a_script_would() {
    // The first answer carries a token, as a login request's would.
    let server = Recorder::start(|request| -> Reply {
        if request.header("authorization") == ["Bearer test-token"] {
            (
                200,
                "application/json",
                br#"{"access_token": "from-login"}"#.to_vec(),
            )
        } else {
            (200, "application/json", b"[]".to_vec())
        }
    });
    let client = Client::new(variables()).with_base_url(server.base_url());
    let login = client.send(&LinkAUserAccount::new(USER_ID)).await;
    let token = match login.map(|response| response.body) {
        Ok(ResponseBody::Json(body)) => body["access_token"].as_str().map(str::to_owned),
        other => panic!("{other:?}"),
    };
    // What the collection's test script would do: `pm.environment.set("auth0_token", ...)`.
    assert!(client.set_variable("auth0_token", token.unwrap_or_default()));
    assert!(
        !client.set_variable("auth0_tokn", "typo"),
        "unknown names are refused"
    );
    let second = client.send(&LinkAUserAccount::new(USER_ID)).await;
    assert!(second.is_ok(), "{second:?}");
    assert_eq!(tokens(&server), ["Bearer test-token", "Bearer from-login"]);
    assert_eq!(client.variables().auth0_token, "from-login");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn variables_changed_by_another_task_give_each_request_one_consistent_snapshot() {
    let server = Recorder::start(|_| (200, "application/json", b"[]".to_vec()));
    let client = Client::new(variables()).with_base_url(server.base_url());
    // The token refers to the domain, so that a request built from half a change would
    // send two different numbers.
    let change = |variables: &mut Variables, n: u32| {
        variables.auth0_domain = n.to_string();
        variables.auth0_token = format!("{{{{auth0_domain}}}}-{n}");
    };
    client.update_variables(|v| change(v, 0));
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (client, done) = (client.clone(), Arc::clone(&done));
        tokio::spawn(async move {
            let mut n = 0;
            while !done.load(Ordering::SeqCst) {
                n += 1;
                client.update_variables(|v| change(v, n));
                tokio::task::yield_now().await;
            }
            n
        })
    };
    let sender = {
        let client = client.clone();
        tokio::spawn(async move {
            for _ in 0..40 {
                let sent = client.send(&LinkAUserAccount::new(USER_ID)).await;
                assert!(sent.is_ok(), "{sent:?}");
            }
            done.store(true, Ordering::SeqCst);
        })
    };
    let (written, sent) = tokio::join!(writer, sender);
    assert!(sent.is_ok());
    let last = written.unwrap_or_default();
    let tokens = tokens(&server);
    assert_eq!(tokens.len(), 40);
    for token in &tokens {
        let halves = token
            .strip_prefix("Bearer ")
            .and_then(|t| t.split_once('-'));
        assert!(
            halves.is_some_and(|(domain, n)| domain == n),
            "{token} mixes two changes"
        );
    }
    let distinct: std::collections::BTreeSet<&String> = tokens.iter().collect();
    assert!(
        distinct.len() > 1,
        "the changes reached the requests: {distinct:?}"
    );
    assert_eq!(
        client.variables().auth0_domain,
        last.to_string(),
        "clones share the variables"
    );
}

#[test]
fn dynamic_variables_are_generated_per_reference_and_seeded_ones_repeat() {
    use std::time::{Duration, UNIX_EPOCH};
    use tests::generated::c_dynamic_variables_postman_collection as dynamic;

    let server = Recorder::start(|_| (200, "application/json", b"{}".to_vec()));
    let at = UNIX_EPOCH + Duration::from_millis(1_796_616_269_339);
    let send = |seed: u64| {
        let client = codegen_runtime::BlockingClient::new_blocking(dynamic::Variables::default())
            .with_base_url(server.base_url())
            .with_dynamic_variables(codegen_runtime::DynamicVariables::seeded(seed).at(at));
        let sent = client.send(&dynamic::CreateOrder::new());
        assert!(sent.is_ok(), "{sent:?}");
    };
    send(7);
    send(7);
    send(8);
    let recorded = server.recorded();
    assert_eq!(recorded.len(), 3);
    assert_eq!(
        recorded[0], recorded[1],
        "the same seed and time, the same request"
    );
    assert_ne!(
        recorded[0].body, recorded[2].body,
        "another seed, other values"
    );

    let first = &recorded[0];
    let key = first.header("idempotency-key").join(",");
    let target = &first.target;
    assert!(
        target.starts_with("/orders?at=1796616269&trace="),
        "{target}"
    );
    let trace = target.rsplit('=').next().unwrap_or_default();
    for uuid in [key.as_str(), trace] {
        assert_eq!(uuid.len(), 36, "{uuid}");
        assert_eq!(uuid.as_bytes()[14], b'4', "a version 4 UUID: {uuid}");
    }
    assert_ne!(
        key, trace,
        "each reference gets its own value, as in newman"
    );
    assert_eq!(
        first.header("x-sent-at"),
        ["2026-12-07T04:04:29.339Z"],
        "the injected time"
    );
    let body: serde_json::Value =
        serde_json::from_slice(&first.body).unwrap_or_else(|err| panic!("{err}"));
    assert!(
        body["quantity"].as_u64().is_some_and(|n| n <= 1000),
        "{body}"
    );
    assert_eq!(
        body["batch"], "defined-by-the-collection",
        "the collection's own $randomUUID wins"
    );
}
