//! Typed bodies against a real HTTP server on 127.0.0.1: responses decode into the types of the
//! collection's examples by status, and a JSON body with `null` and absent fields is sent as
//! the type promises.
#![allow(clippy::panic)]

// The snapshots are included here, as a consumer includes them.
#[allow(dead_code)]
mod typed_responses {
    include!("../../collections/typed-responses.postman_collection.rs");
}

#[allow(dead_code)]
mod orders {
    include!("../../collections/nested-request-body.postman_collection.rs");
}

use codegen_runtime::{Error, ResponseBody};
use orders::CreateAnOrder;
use serde_json::json;
use tests::recorder::Recorder;
use typed_responses::repositories::{
    GetARepository, GetARepositoryFailure, PutAFile, PutAFileSuccess,
};
use typed_responses::{Client, Variables};

fn client(server: &Recorder) -> Client {
    Client::new(Variables::default()).with_base_url(server.base_url())
}

const REPOSITORY: &[u8] =
    br#"{"id": 1296269, "name": "hello-world", "full_name": "octocat/hello-world",
    "owner": {"login": "octocat", "id": 1}, "description": null, "topics": ["demo"],
    "license": {"key": "mit", "name": "MIT License"}, "stars": 80}"#;

#[tokio::test]
async fn a_documented_success_decodes_into_its_type() {
    let server = Recorder::start(|_| (200, "application/json", REPOSITORY.to_vec()));
    let response = client(&server)
        .send(&GetARepository::new("octocat", "hello-world"))
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    assert_eq!(response.status.as_u16(), 200);
    assert_eq!(response.body.full_name, "octocat/hello-world");
    assert_eq!(response.body.owner.login, "octocat");
    assert_eq!(response.body.description, None);
    assert_eq!(
        response.body.license.map(|license| license.key).as_deref(),
        Some("mit")
    );
    assert_eq!(response.body.archived, None);
    assert_eq!(server.recorded()[0].target, "/repos/octocat/hello-world");
}

#[tokio::test]
async fn a_documented_error_status_is_an_error_with_its_typed_body() {
    let body = br#"{"message": "Not Found", "documentation_url": "https://docs.example.com"}"#;
    let server = Recorder::start(|_| (404, "application/json", body.to_vec()));
    let result = client(&server)
        .send(&GetARepository::new("octocat", "gone"))
        .await;
    let Err(Error::Status(response)) = result else {
        panic!("expected a status error, got {result:?}");
    };
    let GetARepositoryFailure::NotFound(body) = response.body else {
        panic!("expected the documented 404 body, got {:?}", response.body);
    };
    assert_eq!(body.message, "Not Found");
}

#[tokio::test]
async fn an_undocumented_status_keeps_its_body_decoded_by_content_type() {
    let server = Recorder::start(|_| (502, "text/html", b"<html>Bad gateway</html>".to_vec()));
    let result = client(&server)
        .send(&GetARepository::new("octocat", "hello-world"))
        .await;
    let Err(Error::Status(response)) = result else {
        panic!("expected a status error, got {result:?}");
    };
    assert_eq!(response.status.as_u16(), 502);
    assert_eq!(
        response.body,
        GetARepositoryFailure::Other(ResponseBody::Text("<html>Bad gateway</html>".to_owned()))
    );
}

#[tokio::test]
async fn a_body_that_does_not_fit_the_documented_type_is_a_decode_error() {
    let server = Recorder::start(|_| {
        (
            200,
            "application/json",
            br#"{"id": "not a number"}"#.to_vec(),
        )
    });
    let result = client(&server)
        .send(&GetARepository::new("octocat", "hello-world"))
        .await;
    let Err(Error::Decode { status, error }) = result else {
        panic!("expected a decode error, got {result:?}");
    };
    assert_eq!(status.as_u16(), 200);
    assert!(error.message().contains("does not match"), "{error}");
    assert!(
        std::error::Error::source(&error).is_some_and(|source| source.is::<serde_json::Error>()),
        "the JSON error is kept as the source"
    );
}

#[tokio::test]
async fn several_documented_successes_decode_by_status() {
    let created =
        br#"{"content": {"name": "README.md", "path": "README.md", "sha": "95b966ae", "size": 12},
        "commit": {"sha": "7638417d", "message": "Add a README"}, "created": true}"#;
    let server = Recorder::start(move |_| (201, "application/json", created.to_vec()));
    let request = PutAFile::new("octocat", "hello-world", "README.md");
    let response = client(&server)
        .send(&request)
        .await
        .unwrap_or_else(|err| panic!("{err}"));
    let PutAFileSuccess::Created(body) = response.body else {
        panic!("expected the documented 201 body, got {:?}", response.body);
    };
    assert!(body.created);
    assert_eq!(body.commit.sha, "7638417d");
}

#[tokio::test]
async fn a_json_body_sends_null_fields_as_null_and_leaves_unset_ones_out() {
    let server = Recorder::start(|_| {
        (
            201,
            "application/json",
            br#"{"id": "o", "status": "created", "total": 1, "items": 1}"#.to_vec(),
        )
    });
    let client = orders::Client::new(orders::Variables::default()).with_base_url(server.base_url());
    let mut request = CreateAnOrder::new();
    let sample: serde_json::Value = serde_json::from_str(include_str!(
        "../../collections/nested-request-body.postman_collection.json"
    ))
    .map(|collection: serde_json::Value| {
        let raw = collection["item"][0]["request"]["body"]["raw"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        serde_json::from_str(&raw).unwrap_or_default()
    })
    .unwrap_or_default();
    client
        .send(&request)
        .await
        .unwrap_or_else(|err| panic!("{err}"));

    request.body = orders::CreateAnOrderBody {
        coupon: Some(serde_json::Value::Null),
        notes: None,
        ..Default::default()
    };
    client
        .send(&request)
        .await
        .unwrap_or_else(|err| panic!("{err}"));

    let bodies: Vec<serde_json::Value> = server
        .recorded()
        .iter()
        .map(|recorded| serde_json::from_slice(&recorded.body).unwrap_or_default())
        .collect();
    assert_eq!(bodies, [sample, json!({"coupon": null})]);
}
