// Responses typed by status: the documented success body, an enum of documented error bodies,
// and the content-type fallback for statuses without examples.
#![deny(warnings)]
#![allow(dead_code)]

mod client {
    include!("../../../collections/typed-responses.postman_collection.rs");
}

use client::Variables;
use client::repositories::{
    GetARepository, GetARepositoryFailure, GetARepositoryOk, PutAFile, PutAFileSuccess,
};
use codegen_runtime::{Decoded, Error, RawResponse, Request, Response, ResponseBody};

fn decode<R: Request<Variables>>(request: &R, status: u16, body: &str) -> Decoded<R, Variables> {
    let headers = http::HeaderMap::new();
    let status = http::StatusCode::from_u16(status).unwrap_or_default();
    request.decode(&RawResponse {
        status,
        headers: &headers,
        body: body.as_bytes(),
    })
}

// What `Client::send` returns for these requests.
type Sent<R> =
    Result<Response<<R as Request<Variables>>::Success>, Error<<R as Request<Variables>>::Failure>>;

fn main() {
    let get = GetARepository::new("octocat", "hello-world");
    let found = r#"{"id": 1, "name": "a", "full_name": "o/a", "owner": {"login": "o", "id": 2},
        "description": null, "topics": [], "license": null, "stars": 0}"#;
    let repository: Option<GetARepositoryOk> = decode(&get, 200, found).ok().and_then(Result::ok);
    assert_eq!(repository.map(|r| r.owner.login), Some("o".to_owned()));

    let missing = r#"{"message": "Not Found", "documentation_url": "https://docs.example.com"}"#;
    match decode(&get, 404, missing) {
        Ok(Err(GetARepositoryFailure::NotFound(body))) => assert_eq!(body.message, "Not Found"),
        other => panic!("expected a typed 404, got {other:?}"),
    }
    assert!(matches!(
        decode(&get, 500, "oops"),
        Ok(Err(GetARepositoryFailure::Other(ResponseBody::Bytes(_))))
    ));

    let put = PutAFile::new("octocat", "hello-world", "README.md");
    let created = r#"{"content": {"name": "R", "path": "R", "sha": "1", "size": 1},
        "commit": {"sha": "2", "message": "m"}, "created": true}"#;
    assert!(matches!(
        decode(&put, 201, created),
        Ok(Ok(PutAFileSuccess::Created(_)))
    ));

    let _: Option<Sent<GetARepository>> = None;
}
