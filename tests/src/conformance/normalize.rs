//! Normalized requests: what newman and the client send, made comparable where they differ
//! by design (`shared/reference/RUNTIME.md`, B6), and nowhere else.

use std::collections::BTreeMap;

use crate::recorder::Recorded;

/// Headers newman adds by itself (its system headers, RUNTIME.md B4) and the transport's own:
/// ignored unless the collection sets them. (`Accept` and `Host` are compared: both sides send
/// the same.) `content-length` follows from the body bytes, which are compared themselves
/// (JSON as values).
const SYSTEM_HEADERS: &[&str] = &[
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

/// A recorded request as it is compared.
#[derive(Debug, PartialEq)]
pub struct Normalized {
    pub method: String,
    pub target: String,
    pub headers: BTreeMap<String, Vec<String>>,
    pub body: Body,
}

/// A multipart part: headers (lower-cased names, sorted) and content.
type Part = (Vec<(String, String)>, Vec<u8>);

/// A body as it is compared.
#[derive(Debug, PartialEq)]
pub enum Body {
    Json(serde_json::Value),
    /// urlencoded pairs, decoded.
    Form(Vec<(String, String)>),
    /// multipart parts: headers (lower-cased names, sorted) and content, boundary ignored.
    Multipart(Vec<Part>),
    Bytes(Vec<u8>),
}

/// `recorded` as it is compared; `set_headers` are the (lower-cased) names of the headers the
/// collection sets on the request, compared even where newman would add one itself.
pub fn normalize(recorded: &Recorded, set_headers: &[String]) -> Normalized {
    let mut headers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, value) in &recorded.headers {
        if !SYSTEM_HEADERS.contains(&name.as_str()) || set_headers.contains(name) {
            // A multipart boundary is chosen by each side; the parts are compared instead.
            let value = match value.split_once("; boundary=") {
                Some((media_type, _)) if name == "content-type" => media_type.to_owned(),
                _ => value.clone(),
            };
            headers.entry(name.clone()).or_default().push(value);
        }
    }
    let content_type = recorded
        .header("content-type")
        .first()
        .map(|v| v.to_ascii_lowercase())
        .unwrap_or_default();
    let body = if content_type.contains("json") {
        serde_json::from_slice(&recorded.body).map_or_else(
            |_| Body::Bytes(recorded.body.clone()),
            |value| Body::Json(comparable_json(value)),
        )
    } else if content_type.starts_with("application/x-www-form-urlencoded") {
        Body::Form(form_pairs(&recorded.body))
    } else if let Some((_, boundary)) = content_type.split_once("boundary=") {
        let boundary = recorded
            .header("content-type")
            .first()
            .and_then(|v| v.rsplit("boundary=").next())
            .unwrap_or(boundary)
            .to_owned();
        Body::Multipart(multipart_parts(&recorded.body, &boundary))
    } else {
        Body::Bytes(recorded.body.clone())
    };
    Normalized {
        method: recorded.method.clone(),
        target: normalize_target(&recorded.target),
        headers,
        body,
    }
}

/// JSON as it is compared, for two deliberate differences: a field typed `f64` (its samples
/// mix integers and floats) sends `1.0` where the sample says `1`, so numbers are compared by
/// value; and a placeholder of a number or boolean (`"<integer>"`, what openapi-to-postman
/// writes where a schema has no example) is left out of the example body where the type is a
/// number, so such placeholders are dropped on both sides.
fn comparable_json(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    let placeholder = |value: &Value| {
        value
            .as_str()
            .is_some_and(|text| codegen::infer::hinted_scalar(text).is_some())
    };
    match value {
        Value::Number(number) => number.as_f64().map_or(Value::Number(number), Value::from),
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .filter(|item| !placeholder(item))
                .map(comparable_json)
                .collect(),
        ),
        Value::Object(members) => Value::Object(
            members
                .into_iter()
                .filter(|(_, v)| !placeholder(v))
                .map(|(k, v)| (k, comparable_json(v)))
                .collect(),
        ),
        other => other,
    }
}

pub fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

fn form_pairs(body: &[u8]) -> Vec<(String, String)> {
    String::from_utf8_lossy(body)
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect()
}

fn multipart_parts(body: &[u8], boundary: &str) -> Vec<Part> {
    let delimiter = format!("--{boundary}");
    let text = body;
    let mut parts = Vec::new();
    let positions: Vec<usize> = text
        .windows(delimiter.len())
        .enumerate()
        .filter(|(_, window)| *window == delimiter.as_bytes())
        .map(|(index, _)| index)
        .collect();
    for pair in positions.windows(2) {
        let part = &text[pair[0] + delimiter.len()..pair[1]];
        let part = part.strip_prefix(b"\r\n").unwrap_or(part);
        let part = part.strip_suffix(b"\r\n").unwrap_or(part);
        let split = part
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or(part.len());
        let mut headers: Vec<(String, String)> = String::from_utf8_lossy(&part[..split])
            .split("\r\n")
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
            .collect();
        headers.sort();
        let content = part.get(split + 4..).unwrap_or_default().to_vec();
        parts.push((headers, content));
    }
    parts
}

/// Upper-cases `%xx` and decodes the escapes of characters newman leaves bare.
pub fn normalize_target(target: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::normalize_target;

    #[test]
    fn normalizing_targets_decodes_only_what_newman_leaves_bare() {
        assert_eq!(normalize_target("/a/b%7cc%2fd%c3%a9"), "/a/b|c%2Fd%C3%A9");
        assert_eq!(normalize_target("/x%"), "/x%");
        assert_eq!(normalize_target("/%5B%5D%5e"), "/[]^");
    }
}
