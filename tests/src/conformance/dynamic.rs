//! Dynamic variables (`{{$guid}}`, `{{$timestamp}}`, ...): newman and the client each generate
//! their own values, so a request using them is compared with every value of a known shape
//! masked on both sides ([`crate::shapes`]).

use std::collections::BTreeSet;
use std::time::SystemTime;

use codegen::model::{Api, Group, Node, Operation};
use serde_json::Value;

use super::normalize::{Body, Normalized};
use crate::shapes;

/// The dynamic variables each request of `api` uses, in collection order: in the request
/// itself, in the auth that applies to it, or in a variable's value (which Postman resolves
/// again).
pub fn names(api: &Api) -> Vec<BTreeSet<String>> {
    let in_values: BTreeSet<String> = api
        .variables
        .iter()
        .filter_map(|variable| variable.default.as_deref())
        .flat_map(shapes::names_in)
        .collect();
    let mut operations = Vec::new();
    in_order(&api.root, &mut operations);
    operations
        .into_iter()
        .map(|operation| {
            let auth = operation
                .auth
                .and_then(|index| api.auths.get(index))
                .map(|def| format!("{def:?}"))
                .unwrap_or_default();
            let mut names = shapes::names_in(&format!("{operation:?}{auth}"));
            if !names.is_empty() || !in_values.is_empty() {
                names.extend(in_values.iter().cloned());
            }
            names
        })
        .collect()
}

/// The operations below `group` in collection order (folders nest as deep as the file, which
/// the reader bounds).
fn in_order<'a>(group: &'a Group, out: &mut Vec<&'a Operation>) {
    for child in &group.children {
        match child {
            Node::Group(group) => in_order(group, out),
            Node::Operation(operation) => out.push(operation),
        }
    }
}

/// `normalized` with the values of the dynamic variables `names` masked by shape in every text
/// it holds: target, header values and body (JSON numbers too, as text).
pub fn mask(mut normalized: Normalized, names: &BTreeSet<String>, now: SystemTime) -> Normalized {
    if names.is_empty() {
        return normalized;
    }
    let text = |text: &str| shapes::mask(text, names, now);
    normalized.target = text(&normalized.target);
    for values in normalized.headers.values_mut() {
        for value in values.iter_mut() {
            *value = text(value);
        }
    }
    let bytes = |content: &mut Vec<u8>| {
        if let Ok(content_text) = std::str::from_utf8(content) {
            *content = text(content_text).into_bytes();
        }
    };
    match &mut normalized.body {
        Body::Json(value) => json(value, names, now),
        Body::Form(pairs) => {
            for (key, value) in pairs.iter_mut() {
                *key = text(key);
                *value = text(value);
            }
        }
        Body::Multipart(parts) => {
            for (_, content) in parts.iter_mut() {
                bytes(content);
            }
        }
        Body::Bytes(content) => bytes(content),
    }
    normalized
}

/// Masks the strings and numbers of a JSON body (which serde_json read, so it nests at most
/// 128 levels).
fn json(value: &mut Value, names: &BTreeSet<String>, now: SystemTime) {
    match value {
        Value::String(text) => *text = shapes::mask(text, names, now),
        Value::Number(number) => {
            let text = shapes::mask(number.to_string().trim_end_matches(".0"), names, now);
            if text.contains("<dynamic ") {
                *value = Value::String(text);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| json(item, names, now)),
        Value::Object(members) => members.values_mut().for_each(|item| json(item, names, now)),
        Value::Null | Value::Bool(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::time::{Duration, UNIX_EPOCH};

    use super::*;

    #[test]
    fn values_of_the_shape_of_a_used_variable_are_masked_on_every_part() {
        let now = UNIX_EPOCH + Duration::from_secs(1_765_000_000);
        let names: BTreeSet<String> = ["$guid".to_owned(), "$timestamp".to_owned()].into();
        let uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
        let normalized = Normalized {
            method: "POST".into(),
            target: format!("/orders/{uuid}"),
            headers: BTreeMap::from([("x-time".to_owned(), vec!["1765000100".to_owned()])]),
            body: Body::Json(serde_json::json!({"id": uuid, "at": 1_765_000_005, "n": 7})),
        };
        let masked = mask(normalized, &names, now);
        assert_eq!(masked.target, "/orders/<dynamic $guid>");
        assert_eq!(masked.headers["x-time"], ["<dynamic $timestamp>"]);
        assert_eq!(
            masked.body,
            Body::Json(serde_json::json!({
                "id": "<dynamic $guid>", "at": "<dynamic $timestamp>", "n": 7
            }))
        );
        // Without dynamic variables nothing changes.
        let plain = Normalized {
            method: "GET".into(),
            target: format!("/{uuid}"),
            headers: BTreeMap::new(),
            body: Body::Bytes(Vec::new()),
        };
        assert_eq!(
            mask(plain, &BTreeSet::new(), now).target,
            format!("/{uuid}")
        );
    }
}
