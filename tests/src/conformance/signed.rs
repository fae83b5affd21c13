//! Requests signed with a nonce or the time of each side's own (OAuth 1.0 or Hawk without a
//! fixed nonce and timestamp, AWS Signature v4 without a `Date` header): compared by
//! structure. Their fresh values are checked for their shape and masked; everything else,
//! the rest of the signature's parameters included, stays compared. (Moved here from the
//! conformance test of the signing branch.)

use super::normalize::{Body, Normalized, decode};

/// For each request of `api` in collection order, whether its auth signs with a nonce or
/// time each side makes itself: OAuth 1.0 or Hawk without a nonce or timestamp, AWS without
/// a `Date` header (which fixes the time it signs). `values` are the variables' values.
pub fn signed_fresh(api: &codegen::model::Api, values: &[(String, String)]) -> Vec<bool> {
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
pub fn mask_fresh_request(normalized: &mut Normalized) -> Result<(), String> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
