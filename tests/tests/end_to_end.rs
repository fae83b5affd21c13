//! The generated seed client against a real HTTP server on 127.0.0.1: both documented calls of
//! "Link a user account", recorded and compared exactly.
#![allow(clippy::panic)]

use codegen_runtime::{Error, ResponseBody};
use tests::generated::c_link_a_user_account_postman_collection::{
    Client, LinkAUserAccount, LinkAUserAccountBody, Variables,
};
use tests::recorder::{Recorded, Recorder};

const USER_ID: &str = "auth0|5f7c8ec7c33c6c004bbafe82";

fn variables() -> Variables {
    Variables {
        auth0_domain: "tenant.auth0.com".to_owned(),
        auth0_token: "test-token".to_owned(),
    }
}

fn identities() -> Recorder {
    Recorder::start(|_| {
        let body = br#"[{"connection":"Initial-Connection","user_id":"5f7c8ec7c33c6c004bbafe82","provider":"auth0","isSocial":false}]"#;
        (201, "application/json; charset=utf-8", body.to_vec())
    })
}

fn expected(port: u16, body: &str) -> Recorded {
    Recorded {
        method: "POST".to_owned(),
        target: "/api/v2/users/auth0%7C5f7c8ec7c33c6c004bbafe82/identities".to_owned(),
        headers: vec![
            ("authorization".to_owned(), "Bearer test-token".to_owned()),
            ("content-type".to_owned(), "application/json".to_owned()),
            ("accept".to_owned(), "*/*".to_owned()),
            ("host".to_owned(), format!("127.0.0.1:{port}")),
            ("content-length".to_owned(), body.len().to_string()),
        ],
        body: body.as_bytes().to_vec(),
    }
}

#[tokio::test]
async fn both_documented_calls_reach_the_server_exactly() {
    let server = identities();
    let client = Client::new(variables()).with_base_url(server.base_url());

    let with_jwt = LinkAUserAccount {
        body: LinkAUserAccountBody {
            link_with: Some("SECONDARY_ACCOUNT_JWT".to_owned()),
            ..Default::default()
        },
        ..LinkAUserAccount::new(USER_ID)
    };
    let with_provider = LinkAUserAccount {
        body: LinkAUserAccountBody {
            provider: Some("google-oauth2".to_owned()),
            connection_id: Some("con_0000000000000001".to_owned()),
            user_id: Some("108091299999329986433".to_owned()),
            ..Default::default()
        },
        ..LinkAUserAccount::new(USER_ID)
    };
    for request in [&with_jwt, &with_provider] {
        let response = client
            .send(request)
            .await
            .unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(response.status.as_u16(), 201);
        let ResponseBody::Json(body) = &response.body else {
            panic!("expected a JSON body, got {:?}", response.body);
        };
        assert_eq!(body[0]["provider"], "auth0");
    }

    let recorded = server.recorded();
    assert_eq!(
        recorded,
        [
            expected(server.port(), r#"{"link_with":"SECONDARY_ACCOUNT_JWT"}"#),
            expected(
                server.port(),
                r#"{"provider":"google-oauth2","connection_id":"con_0000000000000001","user_id":"108091299999329986433"}"#
            ),
        ]
    );
}

#[tokio::test]
async fn a_non_success_status_is_an_error_that_keeps_the_body() {
    let server = Recorder::start(|_| {
        (
            400,
            "application/json",
            br#"{"message":"Invalid token"}"#.to_vec(),
        )
    });
    let client = Client::new(variables()).with_base_url(server.base_url());
    let result = client.send(&LinkAUserAccount::new(USER_ID)).await;
    let Err(Error::Status(response)) = result else {
        panic!("expected a status error, got {result:?}");
    };
    assert_eq!(response.status.as_u16(), 400);
    assert_eq!(
        response.body,
        ResponseBody::Json(serde_json::json!({"message": "Invalid token"}))
    );
    let message = Error::Status(response).to_string();
    assert!(
        message.contains("400") && message.contains("Invalid token"),
        "{message}"
    );
}

#[tokio::test]
async fn a_body_that_is_not_the_json_it_claims_is_a_decode_error() {
    let server = Recorder::start(|_| (200, "application/json", b"<html>oops</html>".to_vec()));
    let client = Client::new(variables()).with_base_url(server.base_url());
    let result = client.send(&LinkAUserAccount::new(USER_ID)).await;
    assert!(
        matches!(result, Err(Error::Decode { ref status, .. }) if status.as_u16() == 200),
        "{result:?}"
    );
}

#[tokio::test]
async fn an_unreachable_server_is_a_transport_error() {
    let port = tests::recorder::closed_port();
    let client = Client::new(variables()).with_base_url(format!("http://127.0.0.1:{port}"));
    let result = client.send(&LinkAUserAccount::new(USER_ID)).await;
    assert!(matches!(result, Err(Error::Transport(_))), "{result:?}");
}

#[test]
fn building_a_request_needs_no_server() {
    let client = Client::new(variables());
    let built = client
        .build(&LinkAUserAccount::new(USER_ID))
        .unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(built.method(), http::Method::POST);
    assert_eq!(
        built.uri().to_string(),
        "https://tenant.auth0.com/api/v2/users/auth0%7C5f7c8ec7c33c6c004bbafe82/identities"
    );
    let headers: Vec<_> = built
        .headers()
        .iter()
        .map(|(name, value)| (name.as_str(), value.to_str().unwrap_or_default()))
        .collect();
    assert_eq!(
        headers,
        [
            ("authorization", "Bearer test-token"),
            ("content-type", "application/json")
        ]
    );
    // `new` sends the collection's own example body.
    let body: serde_json::Value = serde_json::from_slice(built.body()).unwrap_or_default();
    assert_eq!(
        body,
        serde_json::json!({"provider": "", "connection_id": "", "user_id": "", "link_with": ""})
    );
}

#[test]
fn a_path_parameter_is_always_exactly_one_segment() {
    let link_a_user_account_path = |id: &str| {
        let request = LinkAUserAccount::new(id);
        codegen_runtime::Request::parts(&request)
            .map(|parts| parts.path)
            .unwrap_or_else(|err| panic!("{err}"))
    };
    assert_eq!(
        link_a_user_account_path("auth0|123"),
        "/api/v2/users/auth0%7C123/identities"
    );
    assert_eq!(
        link_a_user_account_path("a/b?c#d"),
        "/api/v2/users/a%2Fb%3Fc%23d/identities"
    );
    assert_eq!(
        link_a_user_account_path("{{auth0_token}}"),
        "/api/v2/users/%7B%7Bauth0_token%7D%7D/identities"
    );
    assert_eq!(
        link_a_user_account_path("é 100%"),
        "/api/v2/users/%C3%A9%20100%25/identities"
    );
    assert_eq!(
        link_a_user_account_path("google-oauth2|1.2_3~x"),
        "/api/v2/users/google-oauth2%7C1.2_3~x/identities"
    );
    // Dot segments stay segments of their own: `..` does not climb to `/api/v2/identities`.
    assert_eq!(
        link_a_user_account_path(".."),
        "/api/v2/users/%2E%2E/identities"
    );
    assert_eq!(
        link_a_user_account_path("."),
        "/api/v2/users/%2E/identities"
    );
    let built = Client::new(variables())
        .build(&LinkAUserAccount::new(".."))
        .unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(
        built.uri().to_string(),
        "https://tenant.auth0.com/api/v2/users/%2E%2E/identities"
    );
}

#[test]
fn a_variable_that_multiplies_itself_fails_the_build_naming_it() {
    let client = Client::new(Variables {
        auth0_token: "{{auth0_token}}".repeat(10),
        ..variables()
    });
    let err = client
        .build(&LinkAUserAccount::new(USER_ID))
        .err()
        .map(|err| err.to_string());
    assert!(
        err.as_deref()
            .is_some_and(|err| err.contains("{{auth0_token}}")),
        "{err:?}"
    );
}

#[test]
fn a_default_header_replaces_the_collections_header_of_that_name() {
    let client = Client::new(variables()).default_header(
        http::header::AUTHORIZATION,
        http::HeaderValue::from_static("Bearer other"),
    );
    let built = client
        .build(&LinkAUserAccount::new(USER_ID))
        .unwrap_or_else(|err| panic!("{err}"));
    let values: Vec<_> = built.headers().get_all("authorization").iter().collect();
    assert_eq!(values, [http::HeaderValue::from_static("Bearer other")]);
}
