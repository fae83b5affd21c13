//! Auth through a generated client against a server on 127.0.0.1 that is both the API and an
//! OAuth 2 token endpoint (`/token`): tokens fetched once and reused, refreshed when they
//! expire, refusals reported with the server's answer, your own token source, the stored token
//! as newman sends it, and auth replaced or removed on the client or per request.
#![allow(clippy::panic)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use codegen_runtime::{Auth, BlockingClient, Error, Request as _};
use tests::generated::c_auth_rules_postman_collection::{
    B2EmptyBearerTokenSendsNothing, Client, O8OAuth2ClientCredentialsWithoutAStoredToken as Cc,
    O9OAuth2PasswordGrantWithTheClientInTheBody as Password,
    O10OAuth2ClientCredentialsWithExtraTokenRequestParameters as Extra, Variables,
};
use tests::recorder::{Recorded, Recorder, Reply};

/// A server whose token endpoint answers the `answers` in turn (the last one again after
/// that), and whose API answers 200.
fn server(answers: &[(u16, &'static str)]) -> (Recorder, Arc<AtomicUsize>) {
    let answers: Vec<(u16, &'static str)> = answers.to_vec();
    let count = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&count);
    let server = Recorder::start(move |request| -> Reply {
        if request.target.split('?').next() != Some("/token") {
            return (200, "text/plain", b"ok".to_vec());
        }
        let index = seen.fetch_add(1, Ordering::SeqCst);
        let (status, body) = answers
            .get(index)
            .or(answers.last())
            .copied()
            .unwrap_or((500, ""));
        (status, "application/json", body.as_bytes().to_vec())
    });
    (server, count)
}

fn variables(server: &Recorder) -> Variables {
    Variables {
        token_url: format!("{}/token", server.base_url()),
        ..Variables::default()
    }
}

fn client(server: &Recorder) -> Client {
    Client::new(variables(server)).with_base_url(server.base_url())
}

/// What was recorded, as `METHOD target` with the auth the request carried.
fn summary(recorded: &[Recorded]) -> Vec<String> {
    recorded
        .iter()
        .map(|request| {
            let auth = request.header("authorization").join(", ");
            let body = String::from_utf8_lossy(&request.body);
            format!("{} {} [{auth}] {body}", request.method, request.target)
                .trim_end()
                .to_owned()
        })
        .collect()
}

/// `Basic base64(id:secret)`, the collection's client as a basic header.
const CLIENT: &str = "Basic aWQ6c2VjcmV0";

#[tokio::test]
async fn a_token_is_fetched_once_and_reused() {
    let (server, _) = server(&[(200, r#"{"access_token":"t1","expires_in":3600}"#)]);
    let client = client(&server);
    for _ in 0..2 {
        let response = client.send(&Cc::new()).await;
        assert_eq!(response.map(|r| r.status.as_u16()).ok(), Some(200));
    }
    assert_eq!(
        summary(&server.recorded()),
        [
            format!("POST /token [{CLIENT}] grant_type=client_credentials&scope=read"),
            "GET /auth/o8 [Bearer t1]".to_owned(),
            "GET /auth/o8 [Bearer t1]".to_owned(),
        ]
    );
    let token_request = &server.recorded()[0];
    assert_eq!(
        token_request.header("content-type"),
        ["application/x-www-form-urlencoded"]
    );
    assert_eq!(token_request.header("accept"), ["application/json"]);
}

#[tokio::test]
async fn extra_token_request_parameters_are_sent_where_the_collection_says() {
    let (server, _) = server(&[(200, r#"{"access_token":"t1","expires_in":3600}"#)]);
    let response = client(&server).send(&Extra::new()).await;
    assert_eq!(response.map(|r| r.status.as_u16()).ok(), Some(200));
    assert_eq!(
        summary(&server.recorded()),
        [
            format!(
                "POST /token?region=eu [{CLIENT}] grant_type=client_credentials&scope=read\
                 &audience=https%3A%2F%2Fapi.example.com%2F"
            ),
            "GET /auth/o10 [Bearer t1]".to_owned(),
        ]
    );
    assert_eq!(server.recorded()[0].header("x-tenant"), ["t1"]);
}

#[tokio::test]
async fn a_token_fetched_with_extra_parameters_is_not_used_without_them() {
    let (server, count) = server(&[
        (200, r#"{"access_token":"t1","expires_in":3600}"#),
        (200, r#"{"access_token":"t2","expires_in":3600}"#),
    ]);
    let client = client(&server);
    for status in [
        client.send(&Extra::new()).await.map(|r| r.status.as_u16()),
        client.send(&Cc::new()).await.map(|r| r.status.as_u16()),
    ] {
        assert_eq!(status.ok(), Some(200));
    }
    assert_eq!(count.load(Ordering::SeqCst), 2);
    let sent: Vec<String> = summary(&server.recorded())
        .into_iter()
        .filter(|line| line.starts_with("GET"))
        .collect();
    assert_eq!(
        sent,
        ["GET /auth/o10 [Bearer t1]", "GET /auth/o8 [Bearer t2]"]
    );
}

/// A server whose token endpoint gives `t1`, `t2`, ... in turn, and whose API refuses (401)
/// the tokens in `refused`.
fn refusing_server(refused: &'static [&'static str]) -> Recorder {
    let count = Arc::new(AtomicUsize::new(0));
    Recorder::start(move |request| -> Reply {
        if request.target.split('?').next() == Some("/token") {
            let n = count.fetch_add(1, Ordering::SeqCst) + 1;
            let body = format!(r#"{{"access_token":"t{n}","expires_in":3600}}"#);
            return (200, "application/json", body.into_bytes());
        }
        let auth = request.header("authorization").join(", ");
        if refused
            .iter()
            .any(|token| auth == format!("Bearer {token}"))
        {
            return (401, "text/plain", b"expired".to_vec());
        }
        (200, "text/plain", b"ok".to_vec())
    })
}

#[tokio::test]
async fn a_fetched_token_the_api_refuses_is_fetched_again_once() {
    let server = refusing_server(&["t1"]);
    let response = client(&server).send(&Cc::new()).await;
    assert_eq!(response.map(|r| r.status.as_u16()).ok(), Some(200));
    let sent = summary(&server.recorded());
    let token = format!("POST /token [{CLIENT}] grant_type=client_credentials&scope=read");
    assert_eq!(
        sent,
        [
            token.clone(),
            "GET /auth/o8 [Bearer t1]".to_owned(),
            token,
            "GET /auth/o8 [Bearer t2]".to_owned(),
        ]
    );

    // Refused again, the request is not sent a third time: the 401 is the answer.
    let server = refusing_server(&["t1", "t2"]);
    let result = client(&server).send(&Cc::new()).await;
    assert!(
        matches!(&result, Err(Error::Status(response)) if response.status.as_u16() == 401),
        "{result:?}"
    );
    assert_eq!(server.recorded().len(), 4);
}

#[test]
fn the_blocking_client_fetches_a_refused_token_again_once_too() {
    let server = refusing_server(&["t1"]);
    let client = BlockingClient::new_blocking(variables(&server)).with_base_url(server.base_url());
    let status = client.send(&Cc::new()).map(|r| r.status.as_u16());
    assert_eq!(status.ok(), Some(200));
    let sent = summary(&server.recorded());
    assert_eq!(sent.len(), 4, "{sent:?}");
    assert_eq!(sent[3], "GET /auth/o8 [Bearer t2]");
}

#[tokio::test]
async fn a_refused_stored_token_is_not_replaced_by_a_fetched_one() {
    let server = refusing_server(&["stale"]);
    let client = Client::new(Variables {
        oauth_token: "stale".to_owned(),
        ..variables(&server)
    })
    .with_base_url(server.base_url());
    let result = client.send(&Cc::new()).await;
    assert!(
        matches!(&result, Err(Error::Status(response)) if response.status.as_u16() == 401),
        "{result:?}"
    );
    assert_eq!(summary(&server.recorded()), ["GET /auth/o8 [Bearer stale]"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_wait_for_one_fetch() {
    let (server, count) = server(&[(200, r#"{"access_token":"t1","expires_in":3600}"#)]);
    let client = client(&server);
    let sends = (0..4).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.send(&Cc::new()).await.map(|r| r.status) })
    });
    for send in sends.collect::<Vec<_>>() {
        let status = send.await.unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(status.map(|s| s.as_u16()).ok(), Some(200));
    }
    assert_eq!(count.load(Ordering::SeqCst), 1);
    let api = summary(&server.recorded());
    assert_eq!(api.len(), 5);
    assert!(
        api[1..]
            .iter()
            .all(|line| line == "GET /auth/o8 [Bearer t1]"),
        "{api:?}"
    );
}

#[tokio::test]
async fn an_expired_token_is_refreshed_with_its_refresh_token() {
    let (server, _) = server(&[
        (
            200,
            r#"{"access_token":"t1","expires_in":0,"refresh_token":"r1"}"#,
        ),
        (200, r#"{"access_token":"t2","expires_in":3600}"#),
    ]);
    let client = client(&server);
    for _ in 0..3 {
        let response = client.send(&Cc::new()).await;
        assert!(response.is_ok(), "{response:?}");
    }
    assert_eq!(
        summary(&server.recorded()),
        [
            format!("POST /token [{CLIENT}] grant_type=client_credentials&scope=read"),
            "GET /auth/o8 [Bearer t1]".to_owned(),
            format!("POST /token [{CLIENT}] grant_type=refresh_token&refresh_token=r1&scope=read"),
            "GET /auth/o8 [Bearer t2]".to_owned(),
            "GET /auth/o8 [Bearer t2]".to_owned(),
        ]
    );
}

#[tokio::test]
async fn an_expired_token_without_a_refresh_token_is_fetched_again() {
    let (server, count) = server(&[
        (200, r#"{"access_token":"t1","expires_in":0}"#),
        (200, r#"{"access_token":"t2","expires_in":3600}"#),
    ]);
    let client = client(&server);
    for _ in 0..2 {
        assert!(client.send(&Cc::new()).await.is_ok());
    }
    assert_eq!(count.load(Ordering::SeqCst), 2);
    let api: Vec<String> = summary(&server.recorded())
        .into_iter()
        .filter(|line| line.starts_with("GET"))
        .collect();
    assert_eq!(
        api,
        ["GET /auth/o8 [Bearer t1]", "GET /auth/o8 [Bearer t2]"]
    );
}

#[tokio::test]
async fn a_refusal_is_an_error_with_the_servers_answer() {
    let (server, _) = server(&[(401, r#"{"error":"invalid_client"}"#)]);
    let client = client(&server);
    let err = match client.send(&Cc::new()).await {
        Err(Error::Auth(err)) => err,
        other => panic!("expected an auth error, got {other:?}"),
    };
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(err.body(), Some(r#"{"error":"invalid_client"}"#));
    let message = Error::<codegen_runtime::ResponseBody>::Auth(err).to_string();
    assert!(
        message.contains("401 Unauthorized") && message.contains("invalid_client"),
        "{message}"
    );
    // The request itself is not sent without its token.
    assert_eq!(server.recorded().len(), 1);
}

#[tokio::test]
async fn an_unreachable_token_endpoint_is_an_error_that_says_why() {
    let (server, _) = server(&[]);
    // A port nothing listens on: bound, then closed.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .unwrap_or_else(|err| panic!("{err}"));
    let variables = Variables {
        token_url: format!("http://127.0.0.1:{closed}/token"),
        ..Variables::default()
    };
    let client = Client::new(variables).with_base_url(server.base_url());
    let message = match client.send(&Cc::new()).await {
        Err(err @ Error::Auth(_)) => err.to_string(),
        other => panic!("expected an auth error, got {other:?}"),
    };
    assert!(
        message.starts_with(&format!(
            "cannot get an OAuth 2 token: cannot reach the token endpoint http://127.0.0.1:{closed}/token: "
        )),
        "{message}"
    );
    assert!(message.to_lowercase().contains("refused"), "{message}");
    assert!(server.recorded().is_empty());
}

#[tokio::test]
async fn the_password_grant_sends_the_client_in_the_body_and_the_token_in_the_query() {
    let (server, _) = server(&[(200, r#"{"access_token":"p 1","token_type":"bearer"}"#)]);
    let response = client(&server).send(&Password::new()).await;
    assert!(response.is_ok(), "{response:?}");
    assert_eq!(
        summary(&server.recorded()),
        [
            "POST /token [] grant_type=password&username=ann&password=pw&client_id=id&client_secret=secret",
            "GET /auth/o9?access_token=p%201 []",
        ]
    );
}

#[tokio::test]
async fn a_stored_token_is_sent_as_newman_sends_it_and_nothing_is_fetched() {
    let (server, count) = server(&[(200, r#"{"access_token":"fetched"}"#)]);
    let variables = Variables {
        oauth_token: "stored".to_owned(),
        ..variables(&server)
    };
    let client = Client::new(variables).with_base_url(server.base_url());
    assert!(client.send(&Cc::new()).await.is_ok());
    // Without a stored token and without fetching, no auth at all, as newman sends it.
    let newman_like = self::client(&server).stored_tokens_only();
    assert!(newman_like.send(&Cc::new()).await.is_ok());
    assert_eq!(count.load(Ordering::SeqCst), 0);
    assert_eq!(
        summary(&server.recorded()),
        ["GET /auth/o8 [Bearer stored]", "GET /auth/o8 []"]
    );
}

#[tokio::test]
async fn build_never_fetches_but_uses_a_token_already_fetched() {
    let (server, count) = server(&[(200, r#"{"access_token":"t1"}"#)]);
    let client = client(&server);
    let authorization = |client: &Client| {
        let built = client
            .build(&Cc::new())
            .unwrap_or_else(|err| panic!("{err}"));
        built
            .headers()
            .get("authorization")
            .map(|value| value.to_str().unwrap_or_default().to_owned())
    };
    assert_eq!(authorization(&client), None);
    assert_eq!(count.load(Ordering::SeqCst), 0);
    assert!(client.send(&Cc::new()).await.is_ok());
    assert_eq!(authorization(&client).as_deref(), Some("Bearer t1"));
    // Clones share what was fetched.
    assert_eq!(authorization(&client.clone()).as_deref(), Some("Bearer t1"));
}

#[tokio::test]
async fn a_token_source_replaces_the_stored_and_the_fetched_token() {
    let (server, count) = server(&[(200, r#"{"access_token":"fetched"}"#)]);
    let variables = Variables {
        oauth_token: "stored".to_owned(),
        ..variables(&server)
    };
    let client = Client::new(variables)
        .with_base_url(server.base_url())
        .with_token_source(|auth: &codegen_runtime::Resolved| {
            Ok(format!("mine-for-{}", auth.text("clientId")))
        });
    assert!(client.send(&Cc::new()).await.is_ok());
    assert_eq!(count.load(Ordering::SeqCst), 0);
    assert_eq!(
        summary(&server.recorded()),
        ["GET /auth/o8 [Bearer mine-for-id]"]
    );
    let failing = self::client(&server)
        .with_token_source(|_: &codegen_runtime::Resolved| Err("the vault is sealed".into()));
    let err = failing
        .send(&Cc::new())
        .await
        .err()
        .map(|err| err.to_string());
    assert_eq!(
        err.as_deref(),
        Some("cannot get an OAuth 2 token: the token source failed: the vault is sealed")
    );
}

#[test]
fn the_blocking_client_fetches_and_reuses_tokens_the_same_way() {
    let (server, _) = server(&[(200, r#"{"access_token":"t1","expires_in":3600}"#)]);
    let client = BlockingClient::new_blocking(variables(&server)).with_base_url(server.base_url());
    for _ in 0..2 {
        assert!(client.send(&Cc::new()).is_ok());
    }
    assert_eq!(
        summary(&server.recorded()),
        [
            format!("POST /token [{CLIENT}] grant_type=client_credentials&scope=read"),
            "GET /auth/o8 [Bearer t1]".to_owned(),
            "GET /auth/o8 [Bearer t1]".to_owned(),
        ]
    );
}

#[test]
fn auth_can_be_replaced_or_removed_on_the_client_and_per_request() {
    let variables = Variables::default();
    let build = |client: &Client, request: &dyn Fn(&Client) -> http::Request<Vec<u8>>| {
        let built = request(client);
        (
            built.uri().to_string(),
            built
                .headers()
                .get_all("authorization")
                .iter()
                .map(|value| value.to_str().unwrap_or_default().to_owned())
                .collect::<Vec<_>>(),
        )
    };
    let empty = B2EmptyBearerTokenSendsNothing::new();
    let plain = |client: &Client| client.build(&empty).unwrap_or_else(|err| panic!("{err}"));
    let own = |client: &Client| {
        client
            .build(&empty.with_auth(Auth::basic("a", "b")))
            .unwrap_or_else(|err| panic!("{err}"))
    };
    let without = |client: &Client| {
        client
            .build(&empty.without_auth())
            .unwrap_or_else(|err| panic!("{err}"))
    };
    let collection = Client::new(variables.clone());
    assert_eq!(build(&collection, &plain).1, Vec::<String>::new());
    let replaced = Client::new(variables.clone()).with_auth(Auth::bearer("{{tok}}"));
    // Your values are sent as given: `{{tok}}` is not resolved.
    assert_eq!(build(&replaced, &plain).1, ["Bearer {{tok}}"]);
    assert_eq!(build(&replaced, &own).1, ["Basic YTpi"]);
    assert_eq!(build(&replaced, &without).1, Vec::<String>::new());
    let query = Client::new(variables).with_auth(Auth::api_key_query("key", "a b"));
    assert_eq!(
        build(&query, &plain).0,
        "http://api.example.test/auth/b2?key=a%20b"
    );
}

#[test]
fn a_header_set_on_the_request_wins_over_the_collections_auth() {
    let client = Client::new(Variables::default());
    let mut request = tests::generated::c_auth_rules_postman_collection::B4BearerReplacesAHeaderInAnotherCase::new();
    let sent = |request: &dyn codegen_runtime::Request<
        Variables,
        Success = codegen_runtime::ResponseBody,
        Failure = codegen_runtime::ResponseBody,
    >| {
        let built = client.build(request).unwrap_or_else(|err| panic!("{err}"));
        built
            .headers()
            .get_all("authorization")
            .iter()
            .map(|value| value.to_str().unwrap_or_default().to_owned())
            .collect::<Vec<_>>()
    };
    // The collection writes `authorization: Mine`; its bearer auth replaces it.
    assert_eq!(sent(&request), ["Bearer t"]);
    request
        .headers
        .set("Authorization", "Mine, set by the caller");
    assert_eq!(sent(&request), ["Mine, set by the caller"]);
}
