//! The default request is the collection's request: newman (Postman's runner, pinned) and the
//! generated client send the seed request to the same recording server, and the normalized
//! requests are equal (`shared/reference/RUNTIME.md`, B6).

use std::collections::BTreeMap;
use std::path::PathBuf;

use tests::generated::link_a_user_account::{Client, LinkAUserAccount, Variables};
use tests::recorder::{Recorded, Recorder};

const USER_ID: &str = "auth0|5f7c8ec7c33c6c004bbafe82";

/// Headers only one side sends by design: newman's system headers and the transport's own.
/// `content-length` depends on the body bytes, which are compared as JSON values.
const IGNORED_HEADERS: &[&str] = &[
    "user-agent",
    "cache-control",
    "postman-token",
    "accept-encoding",
    "connection",
    "content-length",
];

/// Characters newman leaves bare in paths while the generated client encodes them in path
/// parameters (RFC 3986): equal once decoded.
const BARE_IN_NEWMAN_PATHS: &[u8] = b"|^[]";

#[derive(Debug, PartialEq)]
struct Normalized {
    method: String,
    target: String,
    headers: BTreeMap<String, Vec<String>>,
    body: Body,
}

#[derive(Debug, PartialEq)]
enum Body {
    Json(serde_json::Value),
    Bytes(Vec<u8>),
}

fn normalize(recorded: &Recorded) -> Normalized {
    let mut headers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, value) in &recorded.headers {
        if !IGNORED_HEADERS.contains(&name.as_str()) {
            headers.entry(name.clone()).or_default().push(value.clone());
        }
    }
    let is_json = recorded.header("content-type").iter().any(|value| value.contains("json"));
    let body = match serde_json::from_slice(&recorded.body) {
        Ok(value) if is_json => Body::Json(value),
        _ => Body::Bytes(recorded.body.clone()),
    };
    Normalized {
        method: recorded.method.clone(),
        target: normalize_target(&recorded.target),
        headers,
        body,
    }
}

/// Upper-cases `%xx` and decodes the escapes of characters newman leaves bare.
fn normalize_target(target: &str) -> String {
    let bytes = target.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        let escape = bytes
            .get(index + 1..index + 3)
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (byte, escape) {
            (b'%', Some(decoded)) if BARE_IN_NEWMAN_PATHS.contains(&decoded) => {
                out.push(decoded);
                index += 3;
            }
            (b'%', Some(decoded)) => {
                out.extend(format!("%{decoded:02X}").bytes());
                index += 3;
            }
            _ => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A copy of the seed collection newman can send to 127.0.0.1: plain `http` (RUNTIME.md B7)
/// and the `:id` path variable given a value.
fn newman_copy() -> PathBuf {
    let source = tests::workspace_root().join("collections/link-a-user-account.postman_collection.json");
    let text = std::fs::read_to_string(&source).unwrap_or_else(|err| panic!("{}: {err}", source.display()));
    let mut collection: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|err| panic!("{err}"));
    let url = &mut collection["item"][0]["request"]["url"];
    url["protocol"] = "http".into();
    url["variable"][0]["value"] = USER_ID.into();
    let dir = std::env::temp_dir().join(format!("codegen-conformance-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|err| panic!("{err}"));
    let copy = dir.join("seed.postman_collection.json");
    std::fs::write(&copy, collection.to_string()).unwrap_or_else(|err| panic!("{err}"));
    copy
}

#[tokio::test(flavor = "multi_thread")]
async fn newman_and_the_generated_client_send_the_same_seed_request() {
    let server = Recorder::start(|_| (200, "application/json", b"[]".to_vec()));
    let authority = format!("127.0.0.1:{}", server.port());

    let copy = newman_copy();
    let env = [("auth0_domain", authority.clone()), ("auth0_token", "test-token".to_owned())];
    tokio::task::spawn_blocking(move || tests::newman::run(&copy, &env))
        .await
        .unwrap_or_else(|err| panic!("{err}"));

    let client = Client::new(Variables {
        auth0_domain: authority,
        auth0_token: "test-token".to_owned(),
    })
    .with_base_url(server.base_url());
    client
        .send(&LinkAUserAccount::new(USER_ID))
        .await
        .unwrap_or_else(|err| panic!("{err}"));

    let recorded = server.recorded();
    assert_eq!(recorded.len(), 2, "expected one request from each side: {recorded:#?}");
    let (newman, ours) = (&recorded[0], &recorded[1]);
    // What each side really sent, for the record.
    println!("newman sent: {newman:#?}\ngenerated client sent: {ours:#?}");
    assert_eq!(newman.target, "/api/v2/users/auth0|5f7c8ec7c33c6c004bbafe82/identities");
    assert_eq!(ours.target, "/api/v2/users/auth0%7C5f7c8ec7c33c6c004bbafe82/identities");
    assert_eq!(normalize(newman), normalize(ours));
}

#[test]
fn normalizing_targets_decodes_only_what_newman_leaves_bare() {
    assert_eq!(normalize_target("/a/b%7cc%2fd%c3%a9"), "/a/b|c%2Fd%C3%A9");
    assert_eq!(normalize_target("/x%"), "/x%");
    assert_eq!(normalize_target("/%5B%5D%5e"), "/[]^");
}
