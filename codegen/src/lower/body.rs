//! Request bodies: Postman body modes to the model's body, with the `Content-Type` Postman adds.

use crate::infer;
use crate::input::postman::Body as RawBody;
use crate::model::Body;

use super::text;

/// What lowering a body gives: the body, the `Content-Type` Postman sends for it when the
/// request has no such header, and a note when part of it could not be carried over.
pub struct Lowered {
    pub body: Body,
    pub content_type: Option<&'static str>,
    pub unsupported: Option<String>,
}

/// Methods whose bodies Postman drops unless `disableBodyPruning` is set.
const PRUNED_METHODS: [&str; 5] = ["GET", "COPY", "HEAD", "PURGE", "UNLOCK"];

pub fn lower_body(body: Option<&RawBody>, method: &str, keep_body: bool) -> Lowered {
    let none = Lowered {
        body: Body::None,
        content_type: None,
        unsupported: None,
    };
    let Some(body) = body else { return none };
    if body.disabled.0 || (PRUNED_METHODS.contains(&method) && !keep_body) {
        return none;
    }
    let mode = text(&body.mode).unwrap_or(if body.raw.0.is_some() { "raw" } else { "" });
    match mode {
        "raw" => lower_raw(text(&body.raw).unwrap_or_default(), language(body)),
        "" => none,
        other => Lowered {
            unsupported: Some(format!(
                "body mode `{other}` is not supported yet; the request is generated without a body"
            )),
            ..none
        },
    }
}

fn language(body: &RawBody) -> Option<&str> {
    body.options.as_ref()?.get("raw")?.get("language")?.as_str()
}

fn lower_raw(raw: &str, language: Option<&str>) -> Lowered {
    let content_type = Some(match language {
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("html") => "text/html",
        Some("javascript") => "application/javascript",
        _ => "text/plain",
    });
    if raw.is_empty() {
        return Lowered {
            body: Body::None,
            content_type: None,
            unsupported: None,
        };
    }
    let body = match serde_json::from_str::<serde_json::Value>(raw) {
        // A sample with `{{variables}}` is sent as a template so they are resolved as Postman
        // resolves them; typing such bodies needs the variables inside typed values.
        Ok(sample)
            if !raw.contains("{{")
                && (sample.is_object() || sample.is_array() || language == Some("json")) =>
        {
            Body::Json {
                shape: infer::shape_of(&sample),
                sample,
            }
        }
        _ => Body::Text {
            template: raw.to_owned(),
        },
    };
    Lowered {
        body,
        content_type,
        unsupported: None,
    }
}
