//! OAuth 1.0 (RFC 5849) as postman-runtime signs: HMAC-SHA1, HMAC-SHA256, HMAC-SHA512 and
//! PLAINTEXT, the parameters in the `Authorization` header, the urlencoded body (POST and PUT
//! with such a body) or the query, the query re-encoded as RFC 3986 says, and the options of
//! Postman's auth dialog (`addParamsToHeader`, `addEmptyParamsToSign`, `includeBodyHash`,
//! realm, callback, verifier, `disableHeaderEncoding`).

use super::Error;
use super::{
    base64, decode_query, random_string, rfc3986, unix_seconds, Entropy, Hash, Message, Payload,
    Signed, Url,
};

/// The parameters of an `oauth1` auth, resolved; an empty string is a parameter not given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct OAuth1 {
    /// `consumerKey`: without it nothing is signed.
    pub consumer_key: String,
    /// `consumerSecret`: without it nothing is signed.
    pub consumer_secret: String,
    /// `token`.
    pub token: String,
    /// `tokenSecret`.
    pub token_secret: String,
    /// `signatureMethod`: `HMAC-SHA1` (also when empty), `HMAC-SHA256`, `HMAC-SHA512` or
    /// `PLAINTEXT`.
    pub signature_method: String,
    /// `timestamp`: the current time when empty.
    pub timestamp: String,
    /// `nonce`: 11 random characters when empty.
    pub nonce: String,
    /// `version` (`1.0`); left out when empty.
    pub version: String,
    /// `realm`, the header's first parameter when not blank.
    pub realm: String,
    /// `callback` (`oauth_callback`), signed when not empty.
    pub callback: String,
    /// `verifier` (`oauth_verifier`), signed when not empty.
    pub verifier: String,
    /// `addParamsToHeader`: the parameters go in the `Authorization` header; otherwise in a
    /// POST or PUT urlencoded body, else in the query.
    pub add_params_to_header: bool,
    /// `addEmptyParamsToSign`: empty parameters are signed too.
    pub add_empty_params_to_sign: bool,
    /// `includeBodyHash`: `oauth_body_hash` of the body (not for urlencoded bodies or
    /// PLAINTEXT).
    pub include_body_hash: bool,
    /// `disableHeaderEncoding`: the header's values are not percent-encoded.
    pub disable_header_encoding: bool,
}

impl OAuth1 {
    /// OAuth 1.0 with these credentials and the other parameters empty or off.
    pub fn new(consumer_key: impl Into<String>, consumer_secret: impl Into<String>) -> Self {
        OAuth1 {
            consumer_key: consumer_key.into(),
            consumer_secret: consumer_secret.into(),
            ..OAuth1::default()
        }
    }
}

/// The names of the protocol parameters, which signing removes from the query and the body.
const PROTOCOL: [&str; 10] = [
    "oauth_consumer_key",
    "oauth_token",
    "oauth_signature_method",
    "oauth_timestamp",
    "oauth_nonce",
    "oauth_version",
    "oauth_signature",
    "oauth_callback",
    "oauth_verifier",
    "oauth_body_hash",
];

/// What postman-runtime's nonces are made of (its library's alphabet, as it is).
const NONCE: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXTZabcdefghiklmnopqrstuvwxyz";

/// How a signature is computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Method {
    Hmac(Hash),
    Plaintext,
}

fn method(name: &str) -> Result<Method, Error> {
    let base = name.strip_suffix("-Accessor").unwrap_or(name);
    match base {
        "" | "HMAC-SHA1" => Ok(Method::Hmac(Hash::Sha1)),
        "HMAC-SHA256" => Ok(Method::Hmac(Hash::Sha256)),
        "HMAC-SHA512" => Ok(Method::Hmac(Hash::Sha512)),
        "PLAINTEXT" => Ok(Method::Plaintext),
        other => Err(Error::build(format!(
            "OAuth 1.0 signature method {other:?} is not supported \
             (HMAC-SHA1, HMAC-SHA256, HMAC-SHA512 and PLAINTEXT are)"
        ))),
    }
}

/// Signs `message` with `params`. Without a consumer key or secret nothing changes, as in
/// Postman.
///
/// # Errors
///
/// When the signature method is not supported or the URL cannot be read.
pub fn sign(
    message: &Message<'_>,
    params: &OAuth1,
    entropy: &dyn Entropy,
) -> Result<Signed, Error> {
    if params.consumer_key.is_empty() || params.consumer_secret.is_empty() {
        return Ok(Signed::default());
    }
    // An empty method is HMAC-SHA1, as the signing library decides.
    let signature_method = method(params.signature_method.trim())?;
    let url = Url::parse(message.url)?;
    let given = |value: &str| -> Option<String> {
        (params.add_empty_params_to_sign || !value.trim().is_empty()).then(|| value.to_owned())
    };
    let nonce = if params.nonce.is_empty() {
        random_string(entropy, NONCE, 11)
    } else {
        params.nonce.clone()
    };
    let timestamp = if params.timestamp.is_empty() {
        unix_seconds(entropy.now()).to_string()
    } else {
        params.timestamp.clone()
    };
    let form = match message.body {
        Payload::Form { fields, .. } => Some(
            fields
                .iter()
                .filter(|(name, _)| !PROTOCOL.contains(&name.as_str()))
                .cloned()
                .collect::<Vec<_>>(),
        ),
        _ => None,
    };
    // postman-runtime hashes with the hash the method names, so not for an unnamed method.
    let named = !params.signature_method.trim().is_empty();
    let body_hash = match (signature_method, &form) {
        (Method::Hmac(hash), None) if params.include_body_hash && named => message
            .body
            .hashed()
            .map(|bytes| base64(&hash.digest(bytes))),
        _ => None,
    };

    // The protocol parameters in postman-runtime's order; the extensions only when not empty.
    let mut protocol: Vec<(&str, Option<String>)> = vec![
        ("oauth_consumer_key", given(&params.consumer_key)),
        ("oauth_token", given(&params.token)),
        ("oauth_signature_method", given(&params.signature_method)),
        ("oauth_timestamp", given(&timestamp)),
        ("oauth_nonce", given(&nonce)),
        ("oauth_version", given(&params.version)),
    ];
    for (name, value) in [
        ("oauth_body_hash", body_hash.unwrap_or_default()),
        ("oauth_callback", params.callback.clone()),
        ("oauth_verifier", params.verifier.clone()),
    ] {
        if !value.is_empty() && given(&value).is_some() {
            protocol.push((name, Some(value)));
        }
    }
    let protocol: Vec<(&str, String)> = protocol
        .into_iter()
        .filter_map(|(name, value)| {
            value
                .filter(|value| params.add_empty_params_to_sign || !value.is_empty())
                .map(|value| (name, value))
        })
        .collect();

    // The query as sent, without protocol parameters.
    let query: Vec<(String, Option<String>)> = decode_query(url.query.unwrap_or_default())
        .into_iter()
        .filter(|(name, _)| !PROTOCOL.contains(&name.as_str()))
        .collect();

    // The signature base string (RFC 5849 3.4.1).
    let mut signed: Vec<(String, String)> = query
        .iter()
        .map(|(name, value)| (name.clone(), value.clone().unwrap_or_default()))
        .collect();
    signed.extend(
        protocol
            .iter()
            .map(|(name, value)| ((*name).to_owned(), value.clone())),
    );
    // Without a method the library signs with HMAC-SHA1 and says so in the base string only.
    match signed
        .iter_mut()
        .find(|(name, _)| name == "oauth_signature_method")
    {
        Some((_, value)) if value.trim().is_empty() => *value = "HMAC-SHA1".to_owned(),
        Some(_) => {}
        None => signed.push(("oauth_signature_method".to_owned(), "HMAC-SHA1".to_owned())),
    }
    if let Some(fields) = &form {
        signed.extend(fields.iter().cloned());
    }
    let mut normalized: Vec<(String, String)> = signed
        .iter()
        .map(|(name, value)| (rfc3986(name), rfc3986(value)))
        .collect();
    normalized.sort_by(|a, b| format!("{} {}", a.0, a.1).cmp(&format!("{} {}", b.0, b.1)));
    let normalized = normalized
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect::<Vec<_>>()
        .join("&");
    let base = format!(
        "{}&{}&{}",
        rfc3986(&message.method.to_ascii_uppercase()),
        rfc3986(&base_url(&url)),
        rfc3986(&normalized)
    );
    let key = format!(
        "{}&{}",
        rfc3986(&params.consumer_secret),
        rfc3986(&params.token_secret)
    );
    let signature = match signature_method {
        Method::Plaintext => key,
        Method::Hmac(hash) => base64(&hash.hmac(key.as_bytes(), base.as_bytes())?),
    };
    let mut protocol: Vec<(&str, String)> = protocol;
    protocol.push(("oauth_signature", signature));

    // The query is sent re-encoded as RFC 3986 says, whatever the placement.
    let mut pairs: Vec<String> = query
        .iter()
        .map(|(name, value)| match value {
            Some(value) => format!("{}={}", rfc3986(name), rfc3986(value)),
            None => rfc3986(name),
        })
        .collect();
    let mut out = Signed {
        remove_headers: vec!["Authorization"],
        ..Signed::default()
    };
    let method = message.method.to_ascii_uppercase();
    let to_body = (method.contains("PUT") || method.contains("POST")) && form.is_some();
    if params.add_params_to_header {
        out.headers
            .push(("Authorization".to_owned(), header(params, &protocol)));
        out.form = form;
    } else if to_body {
        let mut fields = form.unwrap_or_default();
        fields.extend(
            protocol
                .iter()
                .map(|(name, value)| ((*name).to_owned(), value.clone())),
        );
        out.form = Some(fields);
    } else {
        pairs.extend(
            protocol
                .iter()
                .map(|(name, value)| format!("{name}={}", rfc3986(value))),
        );
        out.form = form;
    }
    out.url = Some(url.with_query(&pairs.join("&")));
    Ok(out)
}

/// The base string URI: scheme and host in lower case, the port unless 80 or 443, the path.
fn base_url(url: &Url<'_>) -> String {
    let host = match url.port {
        Some(port) if port != "80" && port != "443" => format!("{}:{port}", url.hostname),
        _ => url.hostname.to_owned(),
    };
    format!(
        "{}://{}{}",
        url.scheme.to_ascii_lowercase(),
        host.to_ascii_lowercase(),
        url.path
    )
}

/// `OAuth realm="...",oauth_consumer_key="...",...`: parameters with a value, trimmed and
/// percent-encoded unless the collection disables it.
fn header(params: &OAuth1, protocol: &[(&str, String)]) -> String {
    let encode = |text: &str| {
        if params.disable_header_encoding {
            text.to_owned()
        } else {
            rfc3986(text)
        }
    };
    let mut parts = Vec::new();
    if !params.realm.trim().is_empty() {
        parts.push(format!("realm=\"{}\"", encode(&params.realm)));
    }
    for (name, value) in protocol {
        if !value.is_empty() {
            parts.push(format!("{name}=\"{}\"", encode(value.trim())));
        }
    }
    format!("OAuth {}", parts.join(","))
}

#[cfg(test)]
mod tests;
