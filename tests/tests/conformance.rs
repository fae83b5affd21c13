//! The default request is the collection's request: newman (Postman's runner, pinned) and the
//! generated client send the seed request to the same recording server, and the normalized
//! requests are equal (`shared/reference/RUNTIME.md`, B6).
// Helpers outside #[test] functions fail the test by panicking.
#![allow(clippy::panic)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use tests::generated::c_link_a_user_account_postman_collection::{
    Client, LinkAUserAccount, Variables,
};
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

/// A multipart part: headers (lower-cased names, sorted) and content.
type Part = (Vec<(String, String)>, Vec<u8>);

#[derive(Debug, PartialEq)]
enum Body {
    Json(serde_json::Value),
    /// urlencoded pairs, decoded.
    Form(Vec<(String, String)>),
    /// multipart parts: headers (lower-cased names, sorted) and content, boundary ignored.
    Multipart(Vec<Part>),
    Bytes(Vec<u8>),
}

fn normalize(recorded: &Recorded) -> Normalized {
    let mut headers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, value) in &recorded.headers {
        if !IGNORED_HEADERS.contains(&name.as_str()) {
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
            |value| Body::Json(numbers_as_floats(value)),
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

/// A deliberate difference: a field typed `f64` (its samples mix integers and floats) sends
/// `1.0` where the sample says `1`; JSON numbers are compared by value.
fn numbers_as_floats(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Number(number) => number.as_f64().map_or(Value::Number(number), Value::from),
        Value::Array(items) => Value::Array(items.into_iter().map(numbers_as_floats).collect()),
        Value::Object(members) => Value::Object(
            members
                .into_iter()
                .map(|(k, v)| (k, numbers_as_floats(v)))
                .collect(),
        ),
        other => other,
    }
}

fn decode(text: &str) -> String {
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
    let source =
        tests::workspace_root().join("collections/link-a-user-account.postman_collection.json");
    let text = std::fs::read_to_string(&source)
        .unwrap_or_else(|err| panic!("{}: {err}", source.display()));
    let mut collection: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|err| panic!("{err}"));
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
    let env = [
        ("auth0_domain", authority.clone()),
        ("auth0_token", "test-token".to_owned()),
    ];
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
    assert_eq!(
        recorded.len(),
        2,
        "expected one request from each side: {recorded:#?}"
    );
    let (newman, ours) = (&recorded[0], &recorded[1]);
    // What each side really sent, for the record.
    println!("newman sent: {newman:#?}\ngenerated client sent: {ours:#?}");
    assert_eq!(
        newman.target,
        "/api/v2/users/auth0|5f7c8ec7c33c6c004bbafe82/identities"
    );
    assert_eq!(
        ours.target,
        "/api/v2/users/auth0%7C5f7c8ec7c33c6c004bbafe82/identities"
    );
    assert_eq!(normalize(newman), normalize(ours));
}

#[test]
fn normalizing_targets_decodes_only_what_newman_leaves_bare() {
    assert_eq!(normalize_target("/a/b%7cc%2fd%c3%a9"), "/a/b|c%2Fd%C3%A9");
    assert_eq!(normalize_target("/x%"), "/x%");
    assert_eq!(normalize_target("/%5B%5D%5e"), "/[]^");
}

/// Points every request of `collection` at `authority`, drops scripts (the client does not run
/// them, by design) and drops the requests at the ordinals in `excluded`.
fn newman_copy_of(collection: &mut serde_json::Value, authority: &str, excluded: &[usize]) {
    let mut ordinal = 0;
    prune(collection, authority, excluded, &mut ordinal);
}

fn prune(node: &mut serde_json::Value, authority: &str, excluded: &[usize], ordinal: &mut usize) {
    let Some(object) = node.as_object_mut() else {
        return;
    };
    object.remove("event");
    explicit_inherit_as_null(object);
    if let Some(serde_json::Value::Array(items)) = object.get_mut("item") {
        let mut kept = Vec::new();
        for mut item in std::mem::take(items) {
            let is_request = item.get("request").is_some() && item.get("item").is_none();
            if is_request {
                let this = *ordinal;
                *ordinal += 1;
                if excluded.contains(&this) {
                    continue;
                }
                point_at(&mut item, authority);
                if let Some(object) = item.as_object_mut() {
                    object.remove("event");
                }
                if let Some(request) = item.get_mut("request").and_then(|r| r.as_object_mut()) {
                    explicit_inherit_as_null(request);
                }
            } else {
                prune(&mut item, authority, excluded, ordinal);
            }
            kept.push(item);
        }
        *items = kept;
    }
}

/// A deliberate difference: `{"type": "inherit"}` inherits in the generated client (as the
/// format's authors mean it), while newman reads it as an unknown scheme and sends no auth.
/// newman is given `null`, which it reads as "inherit".
fn explicit_inherit_as_null(object: &mut serde_json::Map<String, serde_json::Value>) {
    if object
        .get("auth")
        .and_then(|auth| auth.get("type"))
        .and_then(|kind| kind.as_str())
        == Some("inherit")
    {
        object.insert("auth".into(), serde_json::Value::Null);
    }
}

fn point_at(item: &mut serde_json::Value, authority: &str) {
    let request = &mut item["request"];
    if let Some(url) = request.as_str().map(str::to_owned) {
        *request = serde_json::json!({"method": "GET", "url": url});
    }
    let url = &mut request["url"];
    match url {
        serde_json::Value::String(raw) => *raw = with_origin(raw, authority),
        serde_json::Value::Object(parts)
            if parts.contains_key("host") || parts.contains_key("path") =>
        {
            parts.insert("protocol".into(), "http".into());
            parts.insert(
                "host".into(),
                serde_json::json!([authority.split(':').next().unwrap_or_default()]),
            );
            parts.insert(
                "port".into(),
                authority.rsplit(':').next().unwrap_or_default().into(),
            );
        }
        serde_json::Value::Object(parts) => {
            if let Some(raw) = parts.get("raw").and_then(|raw| raw.as_str()) {
                let raw = with_origin(raw, authority);
                parts.insert("raw".into(), raw.into());
            }
        }
        _ => {}
    }
}

/// `raw` with its `scheme://host:port` (or leading host) replaced by `http://authority`.
fn with_origin(raw: &str, authority: &str) -> String {
    let rest = raw.split_once("://").map_or(raw, |(_, rest)| rest);
    let path = rest.find(['/', '?']).map_or("", |index| &rest[index..]);
    format!("http://{authority}{path}")
}

#[test]
fn newman_and_the_generated_clients_send_the_same_requests_for_every_bundled_collection() {
    let (mut compared, mut left_out, mut differences) = (0, 0, Vec::new());
    let mut by_structure = 0;
    for collection in tests::generated::COLLECTIONS {
        let source = tests::workspace_root().join(collection.source);
        let document =
            codegen::input::read_file(&source).unwrap_or_else(|err| panic!("{}", err.report()));
        let (api, _) = codegen::lower::lower(&document);
        let values: Vec<(String, String)> = api
            .variables
            .iter()
            .map(|variable| {
                let value = variable
                    .default
                    .clone()
                    .unwrap_or_else(|| format!("value-of-{}", variable.name));
                (variable.name.clone(), value)
            })
            .collect();

        let requests = (collection.requests)();
        let fresh = signed_fresh(&api, &values);
        assert_eq!(fresh.len(), requests.len(), "{}", collection.source);
        let excluded: Vec<usize> = requests
            .iter()
            .enumerate()
            .filter(|(_, (_, reason))| reason.is_some())
            .map(|(ordinal, _)| ordinal)
            .collect();
        let included: Vec<&str> = requests
            .iter()
            .filter(|(_, reason)| reason.is_none())
            .map(|(name, _)| *name)
            .collect();
        for (name, reason) in &requests {
            if let Some(reason) = reason {
                println!("{}: {name:?} left out: {reason}", collection.source);
            }
        }
        left_out += excluded.len();

        let server = Recorder::start(|_| (200, "text/plain", Vec::new()));
        let authority = format!("127.0.0.1:{}", server.port());
        let mut copy: serde_json::Value =
            serde_json::from_str(document.text.as_str()).unwrap_or_else(|err| panic!("{err}"));
        if copy.get("item").is_none() {
            // newman runs collections only: wrap a single request item in one.
            copy = serde_json::json!({"info": {"name": "item"}, "item": [copy]});
        }
        newman_copy_of(&mut copy, &authority, &excluded);
        let dir =
            std::env::temp_dir().join(format!("codegen-conformance-all-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|err| panic!("{err}"));
        let copy_path = dir.join(collection.source.replace('/', "_"));
        std::fs::write(&copy_path, copy.to_string()).unwrap_or_else(|err| panic!("{err}"));
        let env: Vec<(&str, String)> = values
            .iter()
            .map(|(name, value)| (name.as_str(), value.clone()))
            .collect();
        tests::newman::run(&copy_path, &env);
        let newman_count = server.recorded().len();

        let pairs: Vec<(&str, &str)> = values
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect();
        let errors = (collection.send)(&server.base_url(), &pairs);
        assert!(
            errors.is_empty(),
            "{}: the client failed to send: {errors:#?}",
            collection.source
        );

        let recorded = server.recorded();
        assert_eq!(
            newman_count,
            included.len(),
            "{}: newman sent {newman_count} requests, expected {}",
            collection.source,
            included.len()
        );
        assert_eq!(
            recorded.len(),
            2 * included.len(),
            "{}: the client sent {} requests",
            collection.source,
            recorded.len() - newman_count
        );
        let (newman, ours) = recorded.split_at(included.len());
        let fresh: Vec<bool> = requests
            .iter()
            .zip(&fresh)
            .filter(|((_, reason), _)| reason.is_none())
            .map(|(_, fresh)| *fresh)
            .collect();
        for (((name, newman), ours), fresh) in included.iter().zip(newman).zip(ours).zip(fresh) {
            compared += 1;
            let (mut theirs, mut mine) = (normalize(newman), normalize(ours));
            if fresh {
                // Signed with a nonce or time of each side's own: compared by structure.
                by_structure += 1;
                for side in [&mut theirs, &mut mine] {
                    if let Err(wrong) = mask_fresh_request(side) {
                        differences.push(format!("{} / {name:?}: {wrong}", collection.source));
                    }
                }
            }
            if theirs != mine {
                differences.push(format!(
                    "{} / {name:?}:\n  newman: {theirs:?}\n  client: {mine:?}",
                    collection.source
                ));
            }
        }
    }
    tests::report(&format!(
        "conformance: {compared} requests compared, {} equal ({by_structure} of them signed with \
         a fresh nonce or time, compared by structure), {left_out} left out",
        compared - differences.len()
    ));
    assert!(
        differences.is_empty(),
        "{} of {compared} requests differ:\n{}",
        differences.len(),
        differences.join("\n")
    );
}

/// For each request of `api` in collection order, whether its auth signs with a nonce or
/// time each side makes itself: OAuth 1.0 or Hawk without a nonce or timestamp, AWS without
/// a `Date` header (which fixes the time it signs). `values` are the variables' values.
fn signed_fresh(api: &codegen::model::Api, values: &[(String, String)]) -> Vec<bool> {
    use codegen::model::{Group, Node, Operation};
    fn walk<'a>(group: &'a Group, out: &mut Vec<&'a Operation>) {
        for child in &group.children {
            match child {
                Node::Group(group) => walk(group, out),
                Node::Operation(operation) => out.push(operation),
            }
        }
    }
    let mut operations = Vec::new();
    walk(&api.root, &mut operations);
    let resolve = |text: &str| -> String {
        match text
            .strip_prefix("{{")
            .and_then(|rest| rest.strip_suffix("}}"))
        {
            Some(name) => values
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.clone())
                .unwrap_or_default(),
            None => text.to_owned(),
        }
    };
    operations
        .iter()
        .map(|operation| {
            let Some(auth) = operation.auth.and_then(|index| api.auths.get(index)) else {
                return false;
            };
            let auth = &auth.auth;
            let param = |key: &str| {
                auth.params
                    .iter()
                    .find(|(name, _)| name == key)
                    .map(|(_, value)| resolve(value))
                    .unwrap_or_default()
            };
            match auth.scheme.as_str() {
                // Without its keys a scheme signs nothing, on both sides.
                "oauth1"
                    if param("consumerKey").is_empty() || param("consumerSecret").is_empty() =>
                {
                    false
                }
                "oauth1" => param("nonce").is_empty() || param("timestamp").is_empty(),
                "hawk" if param("authId").is_empty() || param("authKey").is_empty() => false,
                "hawk" => {
                    param("nonce").is_empty()
                        || param("timestamp").trim().parse::<u64>().unwrap_or(0) == 0
                }
                "awsv4" => !operation
                    .headers
                    .iter()
                    .any(|header| header.enabled && header.name.eq_ignore_ascii_case("date")),
                _ => false,
            }
        })
        .collect()
}

/// A fresh value: the text before it, the characters that may end it, its shape check.
type Fresh = (&'static str, &'static [char], fn(&str) -> bool);

/// The values a signature takes from the clock and a random source, each after `key` up to
/// one of `ends`, with the check its text must pass; they are compared by structure only.
const FRESH: &[Fresh] = &[
    // OAuth 1.0: in the header (quoted), the query or the form.
    ("oauth_nonce=\"", &['"'], is_nonce),
    ("oauth_timestamp=\"", &['"'], is_recent),
    ("oauth_signature=\"", &['"'], is_base64_signature),
    ("oauth_nonce=", &['&'], is_nonce),
    ("oauth_timestamp=", &['&'], is_recent),
    ("oauth_signature=", &['&'], is_base64_signature),
    // AWS Signature v4: the header, the credential's date, the signature.
    ("Credential=", &[','], is_credential),
    ("Signature=", &[',', '&'], is_hex_signature),
    // Hawk.
    ("ts=\"", &['"'], is_recent),
    ("nonce=\"", &['"'], is_nonce),
    ("mac=\"", &['"'], is_base64_signature),
];

fn is_nonce(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Seconds since the epoch within a day of now.
fn is_recent(text: &str) -> bool {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    text.parse::<u64>()
        .is_ok_and(|seconds| seconds.abs_diff(now) < 86_400)
}

fn is_base64_signature(text: &str) -> bool {
    let text = decode(text);
    text.len() >= 20
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+/=".contains(c))
}

fn is_hex_signature(text: &str) -> bool {
    text.len() == 64 && text.chars().all(|c| c.is_ascii_hexdigit())
}

/// `AKID/YYYYMMDD/region/service/aws4_request` (or its encoded form in a query).
fn is_credential(text: &str) -> bool {
    let text = decode(text);
    let parts: Vec<&str> = text.split('/').collect();
    parts.len() == 5
        && parts[1].len() == 8
        && parts[1].chars().all(|c| c.is_ascii_digit())
        && parts[4] == "aws4_request"
}

fn is_amz_datetime(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 16
        && bytes[8] == b'T'
        && bytes[15] == b'Z'
        && text[..8]
            .chars()
            .chain(text[9..15].chars())
            .all(|c| c.is_ascii_digit())
}

/// `text` with each fresh value replaced by `<key>`, or a description of the first value whose
/// shape is wrong.
fn mask_fresh(text: &str) -> Result<String, String> {
    let mut text = text.to_owned();
    for (key, ends, check) in FRESH {
        let mut from = 0;
        while let Some(found) = text[from..].find(key) {
            let start = from + found + key.len();
            let preceded_by_word = text[..from + found]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
            // A quoted value is the quoted key's; a masked one is done.
            if preceded_by_word || text[start..].starts_with(['"', '<']) {
                from = start;
                continue;
            }
            let end = text[start..]
                .find(|c| ends.contains(&c))
                .map_or(text.len(), |offset| start + offset);
            let value = &text[start..end];
            if !check(value) {
                return Err(format!("{key}{value} does not have the shape it should"));
            }
            let masked = if *key == "Credential=" {
                // Only the date is fresh: the key, region and service are compared.
                let decoded = decode(value);
                let mut parts: Vec<&str> = decoded.split('/').collect();
                parts[1] = "<date>";
                parts.join("/")
            } else {
                format!("<{}>", key.trim_end_matches(['=', '"']))
            };
            text.replace_range(start..end, &masked);
            from = start + masked.len();
        }
    }
    Ok(text)
}

/// A request signed with a fresh nonce or the current time, compared by structure: the fresh
/// values are checked for their shape and masked, everything else stays compared.
fn mask_fresh_request(normalized: &mut Normalized) -> Result<(), String> {
    normalized.target = mask_fresh(&normalized.target)?;
    let query = normalized
        .target
        .split_once('?')
        .map(|(_, query)| query.to_owned())
        .unwrap_or_default();
    if let Some(date) = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("X-Amz-Date="))
    {
        if !is_amz_datetime(date) {
            return Err(format!("X-Amz-Date={date} is not a date"));
        }
        normalized.target = normalized
            .target
            .replace(&format!("X-Amz-Date={date}"), "X-Amz-Date=<datetime>");
    }
    for (name, values) in &mut normalized.headers {
        for value in values.iter_mut() {
            if name == "x-amz-date" {
                if !is_amz_datetime(value) {
                    return Err(format!("X-Amz-Date: {value} is not a date"));
                }
                "<datetime>".clone_into(value);
            } else if name == "authorization" {
                *value = mask_fresh(value)?;
            }
        }
    }
    if let Body::Form(fields) = &mut normalized.body {
        for (name, value) in fields.iter_mut() {
            let pair = mask_fresh(&format!("{name}={value}"))?;
            if let Some((_, masked)) = pair.split_once('=') {
                masked.clone_into(value);
            }
        }
    }
    Ok(())
}

#[test]
fn fresh_signature_values_are_masked_by_shape() {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    let header = format!(
        "OAuth oauth_consumer_key=\"ck\",oauth_timestamp=\"{now}\",oauth_nonce=\"6DQpRTrmwy3\",\
         oauth_signature=\"41sM%2B7dN6GK9MwJOuTemRKv%2FHHw%3D\""
    );
    assert_eq!(
        mask_fresh(&header).unwrap(),
        "OAuth oauth_consumer_key=\"ck\",oauth_timestamp=\"<oauth_timestamp>\",\
         oauth_nonce=\"<oauth_nonce>\",oauth_signature=\"<oauth_signature>\""
    );
    // A fixed old timestamp is not fresh: it fails the shape check, so it is never masked.
    assert!(mask_fresh("oauth_timestamp=\"1700000000\"").is_err());
    let aws = "AWS4-HMAC-SHA256 Credential=AKID/20261207/eu-west-1/execute-api/aws4_request, \
               SignedHeaders=host;x-amz-date, \
               Signature=4fd95882c31cb3cfe4960e749be333d25ee69fdf96dd8eabf5f6a7cf630ca012";
    assert_eq!(
        mask_fresh(aws).unwrap(),
        "AWS4-HMAC-SHA256 Credential=AKID/<date>/eu-west-1/execute-api/aws4_request, \
         SignedHeaders=host;x-amz-date, Signature=<Signature>"
    );
    assert!(mask_fresh("Signature=abc").is_err());
    let hawk = format!(
        "Hawk id=\"id\", ts=\"{now}\", nonce=\"SyMx45\", mac=\"3jAS9FY0cNCViVv/FDRmdhaGCYeptTfvxxBZsryUVy4=\""
    );
    assert_eq!(
        mask_fresh(&hawk).unwrap(),
        "Hawk id=\"id\", ts=\"<ts>\", nonce=\"<nonce>\", mac=\"<mac>\""
    );
    assert!(is_amz_datetime("20261207T041954Z"));
    assert!(!is_amz_datetime("20261207T041954"));
}
