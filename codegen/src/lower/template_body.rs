//! JSON bodies written with `{{variables}}`: typed from their shape, sent as written.
//!
//! A reference inside a JSON string (`"amount": "{{amount}}"`) leaves the value a string. A
//! reference where a value goes (`"total": {{order_total}}`) is no JSON at all; it is read as
//! [`BARE_VARIABLE`], which infers to no shape of its own, so the body's other samples (its saved
//! examples) type it, else it is any JSON value. The collection's text stays the body the
//! client sends by default, with the variables resolved as Postman resolves them.

use serde_json::Value;

use crate::infer::{self, BARE_VARIABLE};
use crate::model::shape::Shape;

/// The sample and shape of a JSON body with `{{variables}}`, or `None` when it is not JSON
/// once its bare references are read as values (or `json` is false and it is a scalar).
pub fn typed(raw: &str, json: bool) -> Option<(Value, Shape)> {
    // The marker must not be the collection's own text, or its value would lose its type.
    if raw.contains(BARE_VARIABLE) || raw.to_ascii_lowercase().contains("\\ufdd0") {
        return None;
    }
    let marked = mark_bare_references(raw)?;
    let sample: Value = serde_json::from_str(&marked).ok()?;
    if !(json || sample.is_object() || sample.is_array()) {
        return None;
    }
    let shape = infer::shape_of(&sample);
    Some((without_markers(sample), shape))
}

/// `raw` with every `{{name}}` outside JSON strings replaced by the marker string. `None` when
/// a `{{` outside strings starts no reference (such text is no JSON either way).
fn mark_bare_references(raw: &str) -> Option<String> {
    let marker = Value::String(BARE_VARIABLE.to_owned()).to_string();
    let mut marked = String::with_capacity(raw.len());
    let mut rest = raw;
    let (mut in_string, mut escaped) = (false, false);
    while let Some(c) = rest.chars().next() {
        if !in_string && rest.starts_with("{{") {
            let end = rest.find("}}")?;
            let name = rest.get(2..end)?;
            if name.is_empty() || name.contains(['{', '}']) {
                return None;
            }
            marked.push_str(&marker);
            rest = rest.get(end + 2..)?;
            continue;
        }
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        }
        marked.push(c);
        rest = rest.get(c.len_utf8()..)?;
    }
    Some(marked)
}

/// The sample with `null` where a reference was, bare or in a string: the docs show the
/// values it has, not templates as if they were values.
fn without_markers(sample: Value) -> Value {
    match sample {
        Value::String(text) if text == BARE_VARIABLE || text.contains("{{") => Value::Null,
        // serde_json read the sample, so it nests at most 128 levels: the recursion is bounded.
        Value::Array(items) => Value::Array(items.into_iter().map(without_markers).collect()),
        Value::Object(members) => Value::Object(
            members
                .into_iter()
                .map(|(key, value)| (key, without_markers(value)))
                .collect(),
        ),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::model::shape::Field;

    fn field(key: &str, shape: Shape) -> Field {
        Field {
            key: key.into(),
            shape,
            always_present: true,
        }
    }

    #[test]
    fn references_in_strings_stay_strings_and_bare_ones_have_no_shape_of_their_own() {
        let raw = r#"{"amount": "{{amount}}", "total": {{order_total}}, "n": 1,
            "note": "a {{x}} and \"{{y}}\" b", "list": [{{first}}, 2], "plain": "p"}"#;
        let Some((sample, shape)) = typed(raw, true) else {
            panic!("typed");
        };
        assert_eq!(
            sample,
            json!({"amount": null, "total": null, "n": 1, "note": null, "list": [null, 2],
                   "plain": "p"})
        );
        assert_eq!(
            shape,
            Shape::Object(vec![
                field("amount", Shape::String),
                field("total", Shape::Unknown),
                field("n", Shape::Integer),
                field("note", Shape::String),
                field("list", Shape::Array(Box::new(Shape::Integer))),
                field("plain", Shape::String),
            ])
        );
        // Examples type a bare reference.
        let merged = infer::merge(shape, infer::shape_of(&json!({"total": 12.5})));
        let Shape::Object(fields) = merged else {
            panic!("an object");
        };
        assert_eq!(fields[1].shape, Shape::Float);
    }

    #[test]
    fn text_that_is_no_json_with_its_references_read_as_values_is_not_typed() {
        assert_eq!(typed("{{body}}", false), None);
        assert_eq!(typed(r#"{"a": {{b}"#, true), None);
        assert_eq!(typed(r#"{"a": {{}}}"#, true), None);
        assert_eq!(typed(r#"{"a": {{x}} {{y}}}"#, true), None);
        assert_eq!(typed("plain {{x}} text", true), None);
        // A scalar is typed only when the request says JSON.
        assert!(typed("{{n}}", true).is_some());
        assert_eq!(typed("{{n}}", false), None);
        // The marker itself in the collection's text.
        assert_eq!(typed("{\"a\": \"\u{FDD0}\", \"b\": {{b}}}", true), None);
        assert_eq!(typed(r#"{"a": "\uFDD0", "b": {{b}}}"#, true), None);
    }
}
