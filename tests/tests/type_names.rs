//! Type names depend only on where a type is: a sample that changes in one request renames
//! nothing in another, whether the change adds a type whose name another request has, or
//! makes two identical types differ (sharing turns an alias into a struct, never a name away).
// Helpers outside #[test] functions fail the test by panicking.
#![allow(clippy::panic)]

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::{Value, json};

fn request(name: &str, body: Option<Value>, response: Value) -> Value {
    let mut request = json!({"method": "POST", "url": "https://api.example.com/x"});
    if let Some(body) = body {
        request["body"] = json!({"mode": "raw", "raw": body.to_string(), "options": {"raw": {"language": "json"}}});
    }
    json!({
        "name": name,
        "request": request,
        "response": [{"name": "ok", "code": 200, "header": [], "body": response.to_string()}],
    })
}

/// The names of the types, structs and enums the client for these requests defines (aliases
/// and re-exports under another name included).
fn type_names(test: &str, items: Vec<Value>) -> BTreeSet<String> {
    let collection = json!({
        "info": {"name": "names", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": items,
    });
    let dir: PathBuf = tests::compile::target_dir().join("type-names");
    std::fs::create_dir_all(&dir).unwrap_or_else(|err| panic!("{}: {err}", dir.display()));
    let path = dir.join(format!("{test}.json"));
    std::fs::write(&path, collection.to_string())
        .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    let generated = codegen::Builder::new(&path)
        .generate()
        .unwrap_or_else(|err| panic!("{}", err.report()));
    generated
        .code()
        .lines()
        .filter_map(|line| {
            let line = line.trim_start();
            // `pub use OTHER as NAME;` names the same type NAME too.
            let reexported = line
                .strip_prefix("pub use ")
                .and_then(|rest| rest.split_once(" as "))
                .map(|(_, name)| name);
            ["pub struct ", "pub enum ", "pub type "]
                .iter()
                .find_map(|item| line.strip_prefix(item))
                .or(reexported)
                .map(|rest| {
                    rest.chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect()
                })
        })
        .collect()
}

#[test]
fn a_new_nested_type_never_takes_the_name_of_another_request() {
    let other = || request("Get body user", None, json!({"id": 1}));
    let without = type_names(
        "without",
        vec![
            request("Get", Some(json!({"name": "a"})), json!({})),
            other(),
        ],
    );
    let with = type_names(
        "with",
        vec![
            request("Get", Some(json!({"user": {"id": 1}})), json!({})),
            other(),
        ],
    );
    for name in ["GetBodyUser", "GetBodyUserOk"] {
        assert!(
            without.contains(name) && with.contains(name),
            "{name}: {without:?} / {with:?}"
        );
    }
}

#[test]
fn types_that_stop_being_identical_keep_every_name() {
    let repo = json!({"id": 1, "owner": {"login": "octocat"}});
    let changed = json!({"id": 1, "owner": {"login": "octocat", "site_admin": false}});
    let shared = type_names(
        "shared",
        vec![
            request("List", None, json!([repo])),
            request("Get", None, repo.clone()),
        ],
    );
    let apart = type_names(
        "apart",
        vec![
            request("List", None, json!([changed])),
            request("Get", None, repo),
        ],
    );
    let expected: BTreeSet<String> = ["ListOkItem", "ListOkItemOwner", "GetOk", "GetOkOwner"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    assert!(expected.is_subset(&shared), "{shared:?}");
    assert!(expected.is_subset(&apart), "{apart:?}");
}
