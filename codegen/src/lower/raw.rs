//! Raw bodies as Postman reads them: whether a request says its body is JSON, and the JSON
//! comments postman-runtime removes before sending (its `request-helpers-presend.js`, with
//! `strip-json-comments` 3.1.1 and `whitespace: false`).
//!
//! Two questions with two answers, as in postman-runtime: comments are stripped by the rule
//! of the runtime (the language first, else the `Content-Type` header); a body is typed only
//! when what it is sent as is JSON (an enabled `Content-Type`, else the language), so that a
//! JSON-looking text sent as `text/plain` keeps its bytes.

use serde_json::Value;

use super::body::Lowered;
use crate::infer;
use crate::input::{MAX_JSON_DEPTH, nests_too_deep};
use crate::model::{Body, Header};

/// A raw body: the `Content-Type` Postman gives it from its language, and the body, typed
/// when it is sent as JSON and reads as JSON; with `{{variables}}` it is typed from its shape
/// and its text stays what is sent (resolved).
pub fn lower_raw(raw: &str, language: Option<&str>, kind: RawKind) -> Lowered {
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
    let raw = if kind.strip_comments {
        strip_comments(raw)
    } else {
        raw.to_owned()
    };
    if !kind.json {
        return Lowered::of(Body::Text { template: raw }, content_type);
    }
    let mut unsupported = None;
    let body = match serde_json::from_str::<Value>(&raw) {
        Ok(sample) if !raw.contains("{{") => Body::Json {
            shape: infer::shape_of(&sample),
            sample,
            template: None,
        },
        Err(err) if nests_too_deep(&err) => {
            unsupported = Some(format!(
                "the JSON body nests arrays and objects more than {MAX_JSON_DEPTH} levels deep; \
                 it is sent as text, without a type"
            ));
            Body::Text { template: raw }
        }
        _ if raw.contains("{{") => match super::template_body::typed(&raw, true) {
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

/// What a raw body of a request is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawKind {
    /// postman-runtime removes `//` and `/* */` comments from it.
    pub strip_comments: bool,
    /// It is sent as JSON: typed when it parses.
    pub json: bool,
}

/// What a raw body is, from `options.raw.language` and the request's headers.
pub fn raw_kind(language: Option<&str>, headers: &[Header]) -> RawKind {
    let language = language.filter(|language| !language.is_empty());
    let content_types: Vec<&Header> = headers
        .iter()
        .filter(|h| h.name.eq_ignore_ascii_case("content-type"))
        .collect();
    let strip_comments = match (language, content_types.as_slice()) {
        (Some(language), _) => language == "json",
        (None, []) => false,
        // One header is looked up whether enabled or not; of several, the first enabled
        // (and with none enabled, nothing bails out, so comments are stripped).
        (None, [one]) => is_runtime_json(&one.value),
        (None, many) => many
            .iter()
            .find(|h| h.enabled)
            .is_none_or(|h| is_runtime_json(&h.value)),
    };
    let sent_as = content_types
        .iter()
        .find(|h| h.enabled)
        .map(|h| h.value.as_str())
        .or(match language {
            Some("json") => Some("application/json"),
            _ => None,
        });
    RawKind {
        strip_comments,
        json: sent_as.is_some_and(is_json_media_type),
    }
}

/// postman-runtime's test, `/^application\/(\S+\+)?json/` (case-sensitive, unanchored at the
/// end).
fn is_runtime_json(value: &str) -> bool {
    let Some(rest) = value.strip_prefix("application/") else {
        return false;
    };
    if rest.starts_with("json") {
        return true;
    }
    let word = &rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())];
    word.match_indices('+')
        .any(|(plus, _)| plus > 0 && rest[plus + 1..].starts_with("json"))
}

/// A media type whose subtype is `json` or ends in `+json` (any case, parameters ignored).
fn is_json_media_type(value: &str) -> bool {
    let essence = value.split(';').next().unwrap_or_default().trim();
    let subtype = essence
        .split_once('/')
        .map(|(_, subtype)| subtype.to_ascii_lowercase())
        .unwrap_or_default();
    subtype == "json" || subtype.ends_with("+json")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Comment {
    None,
    Line,
    Block,
}

/// `text` without its `//` and `/* */` comments outside strings, byte for byte as
/// `strip-json-comments` (with `whitespace: false`) removes them: a line comment ends before
/// its `\n` (its `\r` goes with it), an unterminated comment runs to the end, and a quote
/// preceded by an odd number of backslashes does not end a string. One pass.
pub fn strip_comments(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut comment, mut offset, mut i) = (false, Comment::None, 0, 0);
    while let Some(&byte) = bytes.get(i) {
        let next = bytes.get(i + 1).copied();
        if comment == Comment::None && byte == b'"' && !escaped(bytes, i) {
            in_string = !in_string;
        }
        if in_string {
            i += 1;
            continue;
        }
        match (comment, byte, next) {
            (Comment::None, b'/', Some(b'/' | b'*')) => {
                out.push_str(&text[offset..i]);
                offset = i;
                comment = if next == Some(b'/') {
                    Comment::Line
                } else {
                    Comment::Block
                };
                i += 2;
                continue;
            }
            (Comment::Line, b'\r', Some(b'\n')) => {
                comment = Comment::None;
                offset = i + 1;
                i += 2;
                continue;
            }
            (Comment::Line, b'\n', _) => {
                comment = Comment::None;
                offset = i;
            }
            (Comment::Block, b'*', Some(b'/')) => {
                comment = Comment::None;
                offset = i + 2;
                i += 2;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if comment == Comment::None {
        out.push_str(&text[offset..]);
    }
    out
}

/// Whether the quote at `index` follows an odd number of backslashes.
fn escaped(bytes: &[u8], index: usize) -> bool {
    let backslashes = bytes[..index]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count();
    backslashes % 2 == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(name: &str, value: &str, enabled: bool) -> Header {
        Header {
            name: name.into(),
            value: value.into(),
            enabled,
            description: None,
        }
    }

    #[test]
    fn comments_are_removed_as_strip_json_comments_removes_them() {
        // The cases of postman-runtime's own tests, and the edges of the library.
        let cases = [
            (
                "{// some comment\n\"a\": \"value\"\n}",
                "{\n\"a\": \"value\"\n}",
            ),
            (
                "{/* \nsome comment\n*/\n\"a\": \"value\"\n}",
                "{\n\"a\": \"value\"\n}",
            ),
            (
                "{\n\"a\": \"value\"\n// \"b\": \"value\"\n}",
                "{\n\"a\": \"value\"\n\n}",
            ),
            ("{\"a\": 1 // c\r\n}", "{\"a\": 1 \n}"),
            ("{\"u\": \"http://x/*y*/\"}", "{\"u\": \"http://x/*y*/\"}"),
            ("{\"q\": \"a\\\"//b\"} // c", "{\"q\": \"a\\\"//b\"} "),
            ("{\"q\": \"a\\\\\"//c\n}", "{\"q\": \"a\\\\\"\n}"),
            ("[1] /* open", "[1] "),
            ("[1] // end", "[1] "),
            ("/**/[2]", "[2]"),
            ("{\"é\": \"ü\"} //ö\n", "{\"é\": \"ü\"} \n"),
            ("no comments", "no comments"),
        ];
        for (text, expected) in cases {
            assert_eq!(strip_comments(text), expected, "{text:?}");
        }
    }

    #[test]
    fn a_long_run_of_backslashes_is_stripped_in_linear_time() {
        let text = format!("\"{}\" // c", "\\\\".repeat(200_000));
        let started = std::time::Instant::now();
        assert_eq!(strip_comments(&text), text[..text.len() - 4]);
        assert!(started.elapsed().as_secs_f64() < 1.0);
    }

    #[test]
    fn comments_are_stripped_by_the_runtime_rule() {
        let json = header("Content-Type", "application/json", true);
        let text = header("content-type", "text/plain", true);
        let vendor = header(
            "Content-Type",
            "application/vnd.api+json; charset=utf-8",
            true,
        );
        let strip = |language, headers: &[Header]| raw_kind(language, headers).strip_comments;
        assert!(strip(Some("json"), std::slice::from_ref(&text)));
        assert!(!strip(Some("text"), std::slice::from_ref(&json)));
        assert!(!strip(None, &[]));
        assert!(strip(Some(""), std::slice::from_ref(&json)));
        assert!(strip(None, &[vendor]));
        assert!(!strip(
            None,
            &[header("Content-Type", "Application/JSON", true)]
        ));
        // A single header counts even when disabled; of several, the first enabled one.
        assert!(strip(
            None,
            &[header("Content-Type", "application/json", false)]
        ));
        assert!(!strip(
            None,
            &[json.clone(), text.clone()].map(|mut h| {
                h.enabled = h.value != "application/json";
                h
            })
        ));
    }

    #[test]
    fn a_body_is_json_when_it_is_sent_as_json() {
        let json = |language, headers: &[Header]| raw_kind(language, headers).json;
        assert!(json(Some("json"), &[]));
        assert!(!json(None, &[]));
        assert!(!json(Some("text"), &[]));
        assert!(!json(
            Some("json"),
            &[header("Content-Type", "text/plain", true)]
        ));
        assert!(json(
            None,
            &[header("content-type", "Application/JSON", true)]
        ));
        assert!(json(
            None,
            &[header("Content-Type", "application/problem+json", true)]
        ));
        assert!(!json(
            None,
            &[header("Content-Type", "application/json", false)]
        ));
        assert!(!json(
            None,
            &[header("Content-Type", "{{contentType}}", true)]
        ));
    }
}
