//! Request bodies: Postman body modes to the model's body, with the `Content-Type` Postman adds.

use std::io::Read as _;

use serde_json::Value;

use crate::infer;
use crate::input::postman::Body as RawBody;
use crate::input::{MAX_JSON_DEPTH, nests_too_deep};
use crate::model::{Body, FormField, FormPart, PartValue};

use super::{description_value, scalar_text, text};

/// What lowering a body gives: the body, the `Content-Type` Postman sends for it when the
/// request has no such header, and a note when part of it could not be carried over.
pub struct Lowered {
    pub body: Body,
    pub content_type: Option<&'static str>,
    pub unsupported: Option<String>,
}

impl Lowered {
    fn of(body: Body, content_type: Option<&'static str>) -> Self {
        Lowered {
            body,
            content_type,
            unsupported: None,
        }
    }
}

/// Methods whose bodies Postman drops unless `disableBodyPruning` is set.
const PRUNED_METHODS: [&str; 5] = ["GET", "COPY", "HEAD", "PURGE", "UNLOCK"];

/// Lowers `body` of a request with `method`. `keep_body` is `disableBodyPruning`; `json_header`
/// says the request's own `Content-Type` is JSON (comments are then stripped, as Postman does).
pub fn lower_body(
    body: Option<&RawBody>,
    method: &str,
    keep_body: bool,
    json_header: bool,
) -> Lowered {
    let Some(body) = body else {
        return Lowered::of(Body::None, None);
    };
    if body.disabled.0 || (PRUNED_METHODS.contains(&method) && !keep_body) {
        return Lowered::of(Body::None, None);
    }
    let mode = text(&body.mode).unwrap_or(if body.raw.0.is_some() { "raw" } else { "" });
    match mode {
        "raw" => lower_raw(
            text(&body.raw).unwrap_or_default(),
            language(body),
            json_header,
        ),
        "urlencoded" => lower_urlencoded(body.urlencoded.as_ref()),
        "formdata" => lower_formdata(body.formdata.as_ref()),
        "file" => Lowered::of(
            Body::File {
                src: body
                    .file
                    .as_ref()
                    .and_then(|file| file.get("src"))
                    .and_then(scalar_text),
            },
            None,
        ),
        "graphql" => lower_graphql(body.graphql.as_ref()),
        "" => Lowered::of(Body::None, None),
        other => Lowered {
            unsupported: Some(format!(
                "body mode `{other}` is unknown; the request is generated without a body"
            )),
            ..Lowered::of(Body::None, None)
        },
    }
}

fn language(body: &RawBody) -> Option<&str> {
    body.options.as_ref()?.get("raw")?.get("language")?.as_str()
}

fn lower_raw(raw: &str, language: Option<&str>, json_header: bool) -> Lowered {
    let content_type = Some(match language {
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("html") => "text/html",
        Some("javascript") => "application/javascript",
        _ => "text/plain",
    });
    if raw.is_empty() {
        return Lowered::of(Body::None, None);
    }
    let is_json = language == Some("json") || json_header;
    let raw = if is_json {
        strip_comments(raw)
    } else {
        raw.to_owned()
    };
    let mut unsupported = None;
    let body = match serde_json::from_str::<Value>(&raw) {
        Ok(sample)
            if !raw.contains("{{") && (sample.is_object() || sample.is_array() || is_json) =>
        {
            Body::Json {
                shape: infer::shape_of(&sample),
                sample,
                template: None,
            }
        }
        Err(err) if nests_too_deep(&err) => {
            unsupported = Some(format!(
                "the JSON body nests arrays and objects more than {MAX_JSON_DEPTH} levels deep; \
                 it is sent as text, without a type"
            ));
            Body::Text { template: raw }
        }
        // With `{{variables}}`: typed from its shape, and sent as written (resolved).
        _ if raw.contains("{{") => match super::template_body::typed(&raw, is_json) {
            Some((sample, shape)) => Body::Json {
                sample,
                shape,
                template: Some(raw),
            },
            None => Body::Text { template: raw },
        },
        _ => Body::Text { template: raw },
    };
    Lowered {
        unsupported,
        ..Lowered::of(body, content_type)
    }
}

/// `//` and `/* */` comments removed outside strings, as Postman removes them from JSON bodies.
/// Text that is not JSON-like enough to strip is kept as it is.
fn strip_comments(raw: &str) -> String {
    if !raw.contains("//") && !raw.contains("/*") {
        return raw.to_owned();
    }
    let mut stripped = String::with_capacity(raw.len());
    match json_comments::StripComments::new(raw.as_bytes()).read_to_string(&mut stripped) {
        Ok(_) => stripped,
        Err(_) => raw.to_owned(),
    }
}

fn entries(value: Option<&Value>) -> impl Iterator<Item = &serde_json::Map<String, Value>> {
    value
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
}

fn field_text(entry: &serde_json::Map<String, Value>, key: &str) -> Option<String> {
    entry.get(key).and_then(scalar_text)
}

fn disabled(entry: &serde_json::Map<String, Value>) -> bool {
    match entry.get("disabled") {
        Some(Value::Bool(flag)) => *flag,
        Some(Value::String(text)) => text.eq_ignore_ascii_case("true"),
        _ => false,
    }
}

fn lower_urlencoded(value: Option<&Value>) -> Lowered {
    let fields: Vec<FormField> = match value {
        Some(Value::String(encoded)) => encoded
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                FormField {
                    key: key.to_owned(),
                    value: value.to_owned(),
                    enabled: true,
                    description: None,
                }
            })
            .collect(),
        other => entries(other)
            .filter_map(|entry| {
                Some(FormField {
                    key: field_text(entry, "key")?,
                    value: field_text(entry, "value").unwrap_or_default(),
                    enabled: !disabled(entry),
                    description: entry.get("description").and_then(description_value),
                })
            })
            .collect(),
    };
    if fields.is_empty() {
        return Lowered::of(Body::None, None);
    }
    // The client adds `application/x-www-form-urlencoded` when fields are sent: with every
    // field disabled, Postman sends no body and no `Content-Type`.
    Lowered::of(Body::UrlEncoded { fields }, None)
}

fn lower_formdata(value: Option<&Value>) -> Lowered {
    let parts: Vec<FormPart> = entries(value)
        .filter_map(|entry| {
            let key = field_text(entry, "key")?;
            let is_file = entry.get("type").and_then(Value::as_str) == Some("file");
            let value = if is_file {
                PartValue::Files(match entry.get("src") {
                    Some(Value::String(src)) if !src.is_empty() => vec![src.clone()],
                    Some(Value::Array(srcs)) => srcs.iter().filter_map(scalar_text).collect(),
                    _ => Vec::new(),
                })
            } else {
                PartValue::Text(field_text(entry, "value").unwrap_or_default())
            };
            Some(FormPart {
                key,
                value,
                content_type: field_text(entry, "contentType").filter(|ct| !ct.is_empty()),
                enabled: !disabled(entry),
                description: entry.get("description").and_then(description_value),
            })
        })
        .collect();
    if parts.is_empty() {
        return Lowered::of(Body::None, None);
    }
    // The multipart Content-Type carries a boundary, so the client adds it when it builds.
    Lowered::of(Body::Multipart { parts }, None)
}

/// `{"query": …, "operationName": …, "variables": …}` as Postman sends it: the variables text is
/// inlined as written, and left out when empty.
fn lower_graphql(value: Option<&Value>) -> Lowered {
    let Some(graphql) = value.and_then(Value::as_object) else {
        return Lowered::of(Body::None, None);
    };
    let query = graphql
        .get("query")
        .and_then(scalar_text)
        .unwrap_or_default();
    let mut json = format!("{{\"query\":{}", Value::String(query));
    if let Some(name) = graphql
        .get("operationName")
        .and_then(scalar_text)
        .filter(|n| !n.is_empty())
    {
        json.push_str(&format!(",\"operationName\":{}", Value::String(name)));
    }
    let variables = match graphql.get("variables") {
        Some(Value::String(text)) => text.trim().to_owned(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    };
    if !variables.is_empty() {
        json.push_str(&format!(",\"variables\":{variables}"));
    }
    json.push('}');
    Lowered::of(Body::Text { template: json }, Some("application/json"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body(value: Value) -> RawBody {
        serde_json::from_value(value).unwrap_or_default()
    }

    fn lower(value: Value, method: &str) -> Body {
        lower_body(Some(&body(value)), method, false, false).body
    }

    #[test]
    fn json_comments_are_stripped_when_the_body_is_json() {
        let raw = "{\r\n  \"a\": 1 // c\r\n, /* b */ \"u\": \"http://x\"}";
        let lowered = lower_body(
            Some(&body(json!({"mode": "raw", "raw": raw}))),
            "POST",
            false,
            true,
        );
        let Body::Json { sample, .. } = lowered.body else {
            panic!("expected JSON, got {:?}", lowered.body);
        };
        assert_eq!(sample, json!({"a": 1, "u": "http://x"}));
    }

    #[test]
    fn json_with_variables_is_typed_and_keeps_its_text_as_the_template() {
        let raw = "{\"x\": \"{{scope}}\"}";
        let lowered = lower(
            json!({"mode": "raw", "raw": raw, "options": {"raw": {"language": "json"}}}),
            "PATCH",
        );
        assert_eq!(
            lowered,
            Body::Json {
                sample: json!({"x": null}),
                shape: infer::shape_of(&json!({"x": "s"})),
                template: Some(raw.to_owned()),
            }
        );
    }

    #[test]
    fn json_nested_too_deep_to_read_is_sent_as_text_with_a_warning() {
        let raw = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
        let json = json!({"mode": "raw", "raw": raw, "options": {"raw": {"language": "json"}}});
        let lowered = lower_body(Some(&body(json)), "POST", false, false);
        assert_eq!(lowered.body, Body::Text { template: raw });
        assert_eq!(lowered.content_type, Some("application/json"));
        let warning = lowered.unsupported.unwrap_or_default();
        assert!(warning.contains("more than 128 levels deep"), "{warning}");
        // As deep as can be read, it is typed (down to `infer::MAX_DEPTH`).
        let raw = format!("{}{}", "[".repeat(127), "]".repeat(127));
        let lowered = lower(json!({"mode": "raw", "raw": raw}), "POST");
        assert!(matches!(lowered, Body::Json { .. }), "{lowered:?}");
    }

    #[test]
    fn bodies_of_get_are_dropped_unless_pruning_is_disabled() {
        let raw = json!({"mode": "raw", "raw": "hello"});
        assert_eq!(lower(raw.clone(), "GET"), Body::None);
        let kept = lower_body(Some(&body(raw)), "GET", true, false).body;
        assert_eq!(
            kept,
            Body::Text {
                template: "hello".to_owned()
            }
        );
    }

    #[test]
    fn disabled_bodies_are_not_sent() {
        assert_eq!(
            lower(
                json!({"mode": "raw", "raw": "nope", "disabled": true}),
                "POST"
            ),
            Body::None
        );
    }

    #[test]
    fn urlencoded_fields_keep_order_duplicates_and_disabled_ones() {
        let lowered = lower(
            json!({"mode": "urlencoded", "urlencoded": [
                {"key": "a", "value": "1 2&3"}, {"key": "a", "value": "dup"},
                {"key": "off", "value": "x", "disabled": true}, {"key": "n", "value": 5}]}),
            "POST",
        );
        let Body::UrlEncoded { fields } = lowered else {
            panic!("{lowered:?}")
        };
        let seen: Vec<_> = fields
            .iter()
            .map(|f| (f.key.as_str(), f.value.as_str(), f.enabled))
            .collect();
        assert_eq!(
            seen,
            [
                ("a", "1 2&3", true),
                ("a", "dup", true),
                ("off", "x", false),
                ("n", "5", true)
            ]
        );
    }

    #[test]
    fn formdata_has_text_and_file_parts_with_their_content_types() {
        let lowered = lower(
            json!({"mode": "formdata", "formdata": [
                {"key": "t", "value": "v", "type": "text"},
                {"key": "j", "value": "{}", "type": "text", "contentType": "application/json"},
                {"key": "f", "type": "file", "src": ["a.png", "b.png"]},
                {"key": "none", "type": "file", "src": null}]}),
            "POST",
        );
        let Body::Multipart { parts } = lowered else {
            panic!("{lowered:?}")
        };
        assert_eq!(parts[1].content_type.as_deref(), Some("application/json"));
        assert_eq!(
            parts[2].value,
            PartValue::Files(vec!["a.png".into(), "b.png".into()])
        );
        assert_eq!(parts[3].value, PartValue::Files(Vec::new()));
    }

    #[test]
    fn graphql_bodies_inline_their_variables_text() {
        let lowered = lower(
            json!({"mode": "graphql", "graphql": {"query": "query { me { id } }", "variables": "{\"a\": 1}"}}),
            "POST",
        );
        let expected = r#"{"query":"query { me { id } }","variables":{"a": 1}}"#;
        assert_eq!(
            lowered,
            Body::Text {
                template: expected.to_owned()
            }
        );
        let empty = lower(
            json!({"mode": "graphql", "graphql": {"query": "{ a }", "variables": ""}}),
            "POST",
        );
        assert_eq!(
            empty,
            Body::Text {
                template: r#"{"query":"{ a }"}"#.to_owned()
            }
        );
    }

    #[test]
    fn file_bodies_name_their_source() {
        assert_eq!(
            lower(json!({"mode": "file", "file": {"src": null}}), "POST"),
            Body::File { src: None }
        );
        assert_eq!(
            lower(json!({"mode": "file", "file": {"src": "data.bin"}}), "POST"),
            Body::File {
                src: Some("data.bin".into())
            }
        );
    }
}
