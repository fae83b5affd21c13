//! Saved examples (`response[]` of an item): response bodies by status code, and the bodies of
//! their original requests as more samples of the request body.
//!
//! Read leniently, straight from the JSON: examples come from every Postman version and many
//! converters (headers as a list, a string, `null` or a list of strings; `code` missing; bodies
//! cut short or not JSON). What cannot be used is skipped, never an error.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::infer;
use crate::input::JsonPath;
use crate::input::postman::Body as RawBody;
use crate::model::response::{self, Examples, StatusExamples};
use crate::model::{Body, Shape};

/// The examples of an item's `response` value (at `path`); `warn` hears of status codes that
/// are not HTTP's.
pub fn lower_examples(
    response: Option<&Value>,
    path: &JsonPath,
    warn: &mut dyn FnMut(&JsonPath, String),
) -> Examples {
    let Some(Value::Array(examples)) = response else {
        return Examples::default();
    };
    let mut request_bodies = Vec::new();
    let mut statuses: BTreeMap<u16, StatusExamples> = BTreeMap::new();
    // Statuses with an example that has no body: their body type is an `Option`.
    let mut without_body = Vec::new();
    for (index, example) in examples.iter().enumerate() {
        let Value::Object(example) = example else {
            continue;
        };
        if let Some(sample) = original_request_sample(example.get("originalRequest")) {
            request_bodies.push(sample);
        }
        let status = status_code(example);
        if let Some(message) = status.warning() {
            warn(&path.index(index).key("code"), message);
        }
        let Some(code) = status.code() else {
            continue;
        };
        let status = statuses.entry(code).or_insert_with(|| StatusExamples {
            code,
            names: Vec::new(),
            samples: Vec::new(),
            shape: None,
        });
        status.names.push(
            example
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
        );
        if let Some(sample) = json_body(example) {
            status.samples.push(sample);
        } else if example
            .get("body")
            .and_then(Value::as_str)
            .is_none_or(|body| body.trim().is_empty())
        {
            without_body.push(code);
        }
    }
    let responses = statuses
        .into_values()
        .map(|mut status| {
            if !status.samples.is_empty() {
                let mut shape = infer::merge_all(status.samples.iter().map(infer::shape_of));
                if without_body.contains(&status.code) {
                    // The client reads an empty body as `null`.
                    shape = infer::merge(shape, Shape::Null);
                }
                status.shape = Some(shape);
            }
            status
        })
        .collect();
    Examples {
        request_bodies,
        responses,
    }
}

/// The request body with the examples' original request bodies merged into its shape: they
/// are samples of the same body.
pub fn with_request_samples(body: Body, examples: &Examples) -> Body {
    match body {
        Body::Json {
            sample,
            shape,
            template,
        } if !examples.request_bodies.is_empty() => {
            let samples = examples.request_bodies.iter().map(infer::shape_of);
            Body::Json {
                shape: infer::merge_all(std::iter::once(shape).chain(samples)),
                sample,
                template,
            }
        }
        other => other,
    }
}

/// What an example's `code` says, with its `status` text (`"Not Found"`) as a fallback.
#[derive(Debug, PartialEq)]
enum Status {
    /// A code of HTTP (100 to 599).
    Code(u16),
    /// A three-digit code beyond 599: kept, as `http::StatusCode` and servers can use it.
    Unassigned(u16),
    /// No `code`, or one that is no status: the code its `status` text names, if it does.
    Reason {
        code: Option<u16>,
        /// The `code` as written, when there was one.
        written: Option<String>,
    },
}

impl Status {
    fn code(&self) -> Option<u16> {
        match self {
            Status::Code(code) | Status::Unassigned(code) => Some(*code),
            Status::Reason { code, .. } => *code,
        }
    }

    /// What to tell about a `code` that is not an HTTP status code.
    fn warning(&self) -> Option<String> {
        match self {
            Status::Code(_) | Status::Reason { written: None, .. } => None,
            Status::Unassigned(code) => Some(format!(
                "status code {code} is outside HTTP's 100 to 599; its example is kept under it"
            )),
            Status::Reason {
                code,
                written: Some(written),
            } => Some(match code {
                Some(code) => format!(
                    "status code {written} is not an HTTP status code (100 to 599); the example \
                     is taken as {code}, which its `status` text names"
                ),
                None => format!(
                    "status code {written} is not an HTTP status code (100 to 599); the example \
                     is left out"
                ),
            }),
        }
    }
}

/// `code`, or the code of `status` (`"Not Found"`) when `code` is missing or unusable.
fn status_code(example: &Map<String, Value>) -> Status {
    let written = example.get("code").filter(|code| !code.is_null());
    let code = match written {
        Some(Value::Number(number)) => number.as_u64(),
        Some(Value::String(text)) => text.trim().parse().ok(),
        _ => None,
    };
    match code.and_then(|code| u16::try_from(code).ok()) {
        Some(code @ 100..=599) => Status::Code(code),
        Some(code @ 600..=999) => Status::Unassigned(code),
        _ => Status::Reason {
            code: example
                .get("status")
                .and_then(Value::as_str)
                .and_then(response::code_of_reason),
            written: written.map(|code| match code {
                Value::String(text) => format!("{text:?}"),
                other => other.to_string(),
            }),
        },
    }
}

/// The body when it is JSON: it parses, and it is an object or an array or said to be JSON by
/// its `Content-Type` or preview language. Empty, cut short or other bodies give `None`.
fn json_body(example: &Map<String, Value>) -> Option<Value> {
    let text = example.get("body")?.as_str()?;
    if text.trim().is_empty() {
        return None;
    }
    let sample: Value = serde_json::from_str(text).ok()?;
    let said_json = content_type(example.get("header")).is_some_and(|value| value.contains("json"))
        || example
            .get("_postman_previewlanguage")
            .and_then(Value::as_str)
            == Some("json");
    (sample.is_object() || sample.is_array() || said_json).then_some(sample)
}

/// The `Content-Type` of an example, lower-cased, from any of the header forms.
fn content_type(headers: Option<&Value>) -> Option<String> {
    let is_content_type = |name: &str| name.trim().eq_ignore_ascii_case("content-type");
    let from_line = |line: &str| {
        let (name, value) = line.split_once(':')?;
        is_content_type(name).then(|| value.trim().to_ascii_lowercase())
    };
    match headers? {
        Value::String(lines) => lines.lines().find_map(from_line),
        Value::Array(entries) => entries.iter().find_map(|entry| match entry {
            Value::String(line) => from_line(line),
            Value::Object(entry) => {
                let name = entry.get("key").or_else(|| entry.get("name"))?.as_str()?;
                let value = entry.get("value")?.as_str()?;
                is_content_type(name).then(|| value.trim().to_ascii_lowercase())
            }
            _ => None,
        }),
        _ => None,
    }
}

/// The original request's body, when the request body lowering would type it as JSON.
fn original_request_sample(original: Option<&Value>) -> Option<Value> {
    let body = original?.get("body")?;
    let body: RawBody = serde_json::from_value(body.clone()).ok()?;
    // The method only decides whether Postman drops the body; an example's body is a sample
    // whatever its method.
    match super::body::lower_body(Some(&body), "POST", true, false).body {
        // A body with `{{variables}}` is a template, not a sample of values.
        Body::Json {
            sample,
            template: None,
            ..
        } => Some(sample),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::shape::Field;
    use serde_json::json;

    fn shape_of_status(examples: &Examples, code: u16) -> Option<&Shape> {
        examples
            .responses
            .iter()
            .find(|status| status.code == code)?
            .shape
            .as_ref()
    }

    fn lowered(response: Option<&Value>) -> Examples {
        lower_examples(response, &JsonPath::root(), &mut |_, _| {})
    }

    fn example(code: Value, header: Value, body: &str) -> Value {
        json!({"name": "e", "code": code, "status": "", "header": header, "body": body})
    }

    #[test]
    fn examples_of_the_same_status_merge_into_one_shape() {
        let examples = lowered(Some(&json!([
            example(json!(200), json!([]), r#"{"id": 1, "name": "a"}"#),
            example(json!(404), json!([]), r#"{"message": "Not Found"}"#),
            example(json!(200), json!([]), r#"{"id": 2}"#),
        ])));
        let codes: Vec<u16> = examples
            .responses
            .iter()
            .map(|status| status.code)
            .collect();
        assert_eq!(codes, [200, 404]);
        let expected = Shape::Object(vec![
            Field {
                key: "id".into(),
                shape: Shape::Integer,
                always_present: true,
            },
            Field {
                key: "name".into(),
                shape: Shape::String,
                always_present: false,
            },
        ]);
        assert_eq!(shape_of_status(&examples, 200), Some(&expected));
        assert_eq!(examples.responses[0].samples.len(), 2);
    }

    #[test]
    fn a_missing_code_is_read_from_the_status_text() {
        let examples = lowered(Some(&json!([
            {"status": "Not Found", "body": "{}"},
            {"code": "201", "body": "{}"},
            {"body": "{}"},
        ])));
        let codes: Vec<u16> = examples
            .responses
            .iter()
            .map(|status| status.code)
            .collect();
        assert_eq!(codes, [201, 404]);
    }

    #[test]
    fn bodies_that_are_empty_cut_short_or_not_json_document_the_status_without_a_type() {
        let examples = lowered(Some(&json!([
            example(json!(204), json!(null), ""),
            example(
                json!(500),
                json!("Content-Type: text/html"),
                "<html>oops</html>"
            ),
            example(json!(200), json!([]), r#"{"truncated": "#),
            example(json!(202), json!("Content-Type: text/plain"), "42"),
        ])));
        assert_eq!(examples.responses.len(), 4);
        assert!(
            examples
                .responses
                .iter()
                .all(|status| status.shape.is_none())
        );
        assert!(!examples.has_typed_responses());
    }

    #[test]
    fn an_example_without_a_body_makes_the_body_of_its_status_optional() {
        let examples = lowered(Some(&json!([
            example(json!(200), json!([]), r#"{"id": 1}"#),
            example(json!(200), json!([]), ""),
        ])));
        let expected = Shape::Nullable(Box::new(Shape::Object(vec![Field {
            key: "id".into(),
            shape: Shape::Integer,
            always_present: true,
        }])));
        assert_eq!(shape_of_status(&examples, 200), Some(&expected));
    }

    #[test]
    fn scalar_bodies_are_json_when_the_content_type_says_so_in_any_header_form() {
        let examples = lowered(Some(&json!([
            example(
                json!(200),
                json!([{"key": "content-type", "value": "application/json"}]),
                "42"
            ),
            example(
                json!(201),
                json!(["Content-Type: application/json"]),
                "\"x\""
            ),
            example(
                json!(202),
                json!("Content-Type: application/json\nX: y"),
                "true"
            ),
        ])));
        let shapes: Vec<_> = examples.responses.iter().map(|s| s.shape.clone()).collect();
        assert_eq!(
            shapes,
            [Some(Shape::Integer), Some(Shape::String), Some(Shape::Bool)]
        );
    }

    #[test]
    fn unusable_examples_are_skipped_without_failing() {
        let examples = lowered(Some(&json!([
            "not an example",
            {"code": {"odd": true}, "header": 7, "body": 3, "originalRequest": "GET /"},
            {"code": 99999, "body": "{}"},
        ])));
        assert_eq!(examples, Examples::default());
        assert_eq!(
            lowered(Some(&json!({"not": "a list"}))),
            Examples::default()
        );
        assert_eq!(lowered(None), Examples::default());
    }

    #[test]
    fn status_codes_outside_100_to_599_are_warned_about_where_they_are() {
        let mut warnings = Vec::new();
        let response = json!([
            {"code": 0, "body": "{}"},
            {"code": 1000, "status": "Not Found", "body": "{}"},
            {"code": "two hundred", "body": "{}"},
            {"code": 600, "body": "{}"},
            {"code": 201, "body": "{}"},
            {"status": "OK", "body": "{}"},
        ]);
        let examples = lower_examples(
            Some(&response),
            &JsonPath::root().key("response"),
            &mut |path, message| warnings.push((path.render(), message)),
        );
        let codes: Vec<u16> = examples.responses.iter().map(|s| s.code).collect();
        assert_eq!(codes, [200, 201, 404, 600]);
        assert_eq!(
            warnings,
            [
                (
                    "$.response[0].code".to_owned(),
                    "status code 0 is not an HTTP status code (100 to 599); the example is left \
                     out"
                    .to_owned()
                ),
                (
                    "$.response[1].code".to_owned(),
                    "status code 1000 is not an HTTP status code (100 to 599); the example is \
                     taken as 404, which its `status` text names"
                        .to_owned()
                ),
                (
                    "$.response[2].code".to_owned(),
                    "status code \"two hundred\" is not an HTTP status code (100 to 599); the \
                     example is left out"
                        .to_owned()
                ),
                (
                    "$.response[3].code".to_owned(),
                    "status code 600 is outside HTTP's 100 to 599; its example is kept under it"
                        .to_owned()
                ),
            ]
        );
    }

    #[test]
    fn original_request_bodies_are_samples_of_the_request_body() {
        let examples = lowered(Some(&json!([
            {"originalRequest": {"body": {"mode": "raw", "raw": "{\"a\": 1, \"b\": null}"}}},
            {"originalRequest": {"body": {"mode": "raw", "raw": "{\"a\": \"{{var}}\"}"}}},
            {"originalRequest": {"body": {"mode": "urlencoded", "urlencoded": []}}},
        ])));
        assert_eq!(examples.request_bodies, [json!({"a": 1, "b": null})]);
        let body = Body::Json {
            sample: json!({"a": 2}),
            shape: infer::shape_of(&json!({"a": 2})),
            template: None,
        };
        let Body::Json { shape, .. } = with_request_samples(body, &examples) else {
            panic!("the body stays JSON");
        };
        let expected = Shape::Object(vec![
            Field {
                key: "a".into(),
                shape: Shape::Integer,
                always_present: true,
            },
            Field {
                key: "b".into(),
                shape: Shape::Null,
                always_present: false,
            },
        ]);
        assert_eq!(shape, expected);
    }
}
