//! Names are local: adding or removing one request renames no other request, except those that
//! share its name in the same folder (which are numbered in collection order).
// Helpers outside #[test] functions fail the test by panicking.
#![allow(clippy::panic)]

use std::collections::BTreeMap;
use std::path::Path;

use codegen::model::{Group, Node};
use codegen::name::{GroupNames, NodeNames};
use serde_json::{Value, json};

/// Request JSON path → (type name, path function) for every request.
fn names_of(collection: &Value) -> BTreeMap<String, (String, String)> {
    let text = collection.to_string();
    let document = codegen::input::parse(Path::new("c.json"), text.as_bytes())
        .unwrap_or_else(|err| panic!("{}", err.report()));
    let (api, _) = codegen::lower::lower(&document);
    let names = codegen::name::name(&api);
    let mut out = BTreeMap::new();
    walk(&api.root, &names.root, "", &mut out);
    out
}

fn walk(
    group: &Group,
    names: &GroupNames,
    path: &str,
    out: &mut BTreeMap<String, (String, String)>,
) {
    for (node, node_names) in group.children.iter().zip(&names.children) {
        match (node, node_names) {
            (Node::Group(group), NodeNames::Group(names)) => {
                walk(group, names, &format!("{path}{}::", names.module), out);
            }
            (Node::Operation(operation), NodeNames::Operation(names)) => {
                let key = format!("{path}{} {}", operation.method, operation.url.display);
                out.insert(key, (names.type_name.clone(), path.to_owned()));
            }
            _ => {}
        }
    }
}

fn features() -> Value {
    let path = tests::workspace_root().join("collections/features.postman_collection.json");
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|err| panic!("{err}"))
}

/// Whether two names are numbered variants of one name (`GetUser`, `GetUser2`).
fn same_base(a: &str, b: &str) -> bool {
    let base = |name: &str| {
        name.trim_end_matches(|c: char| c.is_ascii_digit() || c == '_')
            .to_owned()
    };
    base(a) == base(b)
}

fn assert_only_namesakes_changed(
    before: &BTreeMap<String, (String, String)>,
    after: &BTreeMap<String, (String, String)>,
    changed: &str,
) {
    for (key, names) in after {
        let Some(old) = before.get(key) else { continue };
        if old != names {
            assert!(
                same_base(&old.0, changed) || same_base(&names.0, changed),
                "changing {changed} renamed {key}: {old:?} -> {names:?}"
            );
        }
    }
}

#[test]
fn removing_any_request_renames_only_its_namesakes() {
    let collection = features();
    let before = names_of(&collection);
    assert_eq!(before.len(), 45, "every request has its own key");
    let folders = collection["item"].as_array().map_or(0, Vec::len);
    for folder in 0..folders {
        let count = collection["item"][folder]["item"]
            .as_array()
            .map_or(0, Vec::len);
        for index in 0..count {
            let mut smaller = collection.clone();
            let Some(items) = smaller["item"][folder]["item"].as_array_mut() else {
                continue;
            };
            let removed = items.remove(index);
            let after = names_of(&smaller);
            let removed_name =
                codegen::name::ident::camel(removed["name"].as_str().unwrap_or_default());
            assert_eq!(after.len() + requests_in(&removed), before.len());
            assert_only_namesakes_changed(&before, &after, &removed_name);
        }
    }
}

fn requests_in(item: &Value) -> usize {
    match item.get("item").and_then(Value::as_array) {
        Some(items) => items.iter().map(requests_in).sum(),
        None => usize::from(item.get("request").is_some()),
    }
}

#[test]
fn adding_a_request_anywhere_renames_no_other_request() {
    let collection = features();
    let before = names_of(&collection);
    let folders = collection["item"].as_array().map_or(0, Vec::len);
    for folder in 0..folders {
        for position in [0, 3] {
            let mut bigger = collection.clone();
            let Some(items) = bigger["item"][folder]["item"].as_array_mut() else {
                continue;
            };
            let position = position.min(items.len());
            items.insert(
                position,
                json!({"name": "Brand new request", "request": "https://example.test/new"}),
            );
            let after = names_of(&bigger);
            assert_eq!(after.len(), before.len() + 1);
            assert_only_namesakes_changed(&before, &after, "BrandNewRequest");
        }
    }
}
