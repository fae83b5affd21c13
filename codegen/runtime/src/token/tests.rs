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
    let request = token_request(&auth, Grant::Refresh("r1")).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(
        String::from_utf8_lossy(request.body()),
        "grant_type=refresh_token&refresh_token=r1&client_id=id&client_secret=s%26cret"
    );
}

#[test]
fn extra_parameters_go_where_the_collection_sends_them_and_renewals_take_their_own() {
    let auth = resolved(&[
        ("grant_type", "client_credentials"),
        ("accessTokenUrl", "http://127.0.0.1:1/token?v=2"),
        (
            "tokenRequestParams:body:audience",
            "https://api.example.com/",
        ),
        ("tokenRequestParams:body:resource", "r1"),
        ("tokenRequestParams:body:resource", "r2"),
        ("tokenRequestParams:header:X-Tenant", "t1"),
        ("tokenRequestParams:url:a b", "c&d"),
        ("refreshRequestParams:body:via", "refresh"),
    ]);
    let request = token_request(&auth, Grant::Configured).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(request.uri(), "http://127.0.0.1:1/token?v=2&a%20b=c%26d");
    assert_eq!(
        String::from_utf8_lossy(request.body()),
        "grant_type=client_credentials&audience=https%3A%2F%2Fapi.example.com%2F&resource=r1\
         &resource=r2"
    );
    assert_eq!(request.headers()["x-tenant"], "t1");
    let renewal = token_request(&auth, Grant::Refresh("r")).unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(renewal.uri(), "http://127.0.0.1:1/token?v=2");
    assert_eq!(
        String::from_utf8_lossy(renewal.body()),
        "grant_type=refresh_token&refresh_token=r&via=refresh"
    );
    assert!(renewal.headers().get("x-tenant").is_none());
    let bad = resolved(&[
        ("accessTokenUrl", "http://127.0.0.1:1/token"),
        ("tokenRequestParams:header:bad name", "x"),
    ]);
    let err = token_request(&bad, Grant::Configured)
        .err()
        .map(|e| e.to_string());
    assert!(
        err.as_deref().is_some_and(|e| e.contains("extra header")),
        "{err:?}"
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
