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
mod tests {
    use super::super::tests::Fixed;
    use super::*;

    const URL: &str = "http://127.0.0.1:18765";

    fn params() -> OAuth1 {
        OAuth1 {
            token: "tok".into(),
            token_secret: "ts".into(),
            signature_method: "HMAC-SHA1".into(),
            timestamp: "1700000000".into(),
            nonce: "abc123XYZ".into(),
            version: "1.0".into(),
            add_params_to_header: true,
            ..OAuth1::new("ck", "cs")
        }
    }

    fn get(url: &str, params: &OAuth1) -> Signed {
        let message = Message {
            method: "GET",
            url,
            headers: &[],
            body: Payload::None,
        };
        sign(&message, params, &Fixed::at(0)).unwrap()
    }

    fn authorization(signed: &Signed) -> &str {
        &signed
            .headers
            .iter()
            .find(|(name, _)| name == "Authorization")
            .unwrap()
            .1
    }

    /// The header postman-runtime sends for `params()` with these fields changed (recorded
    /// from newman 6.2.2).
    fn expected(fields: &str, signature: &str) -> String {
        format!(
            "OAuth {fields}oauth_timestamp=\"1700000000\",oauth_nonce=\"abc123XYZ\",\
             oauth_version=\"1.0\",oauth_signature=\"{signature}\""
        )
    }

    const KEYS: &str = "oauth_consumer_key=\"ck\",oauth_token=\"tok\",";

    #[test]
    fn rfc_5849_example() {
        // RFC 5849 section 1.2, the request for photos with the access token.
        let params = OAuth1 {
            token: "nnch734d00sl2jdk".into(),
            token_secret: "pfkkdhi9sl3r4s00".into(),
            signature_method: "HMAC-SHA1".into(),
            timestamp: "137131202".into(),
            nonce: "chapoH".into(),
            realm: "Photos".into(),
            add_params_to_header: true,
            ..OAuth1::new("dpf43f3p2l4k3l03", "kd94hf93k423kf44")
        };
        let signed = get(
            "http://photos.example.net/photos?file=vacation.jpg&size=original",
            &params,
        );
        assert_eq!(
            authorization(&signed),
            "OAuth realm=\"Photos\",oauth_consumer_key=\"dpf43f3p2l4k3l03\",\
             oauth_token=\"nnch734d00sl2jdk\",oauth_signature_method=\"HMAC-SHA1\",\
             oauth_timestamp=\"137131202\",oauth_nonce=\"chapoH\",\
             oauth_signature=\"MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D\""
        );
    }

    #[test]
    fn header_signatures_are_newmans() {
        let signed = get(
            &format!("{URL}/a/b?x=1&y=a%20b&z=%2F&w=it%27s%28%2A%29%21"),
            &params(),
        );
        assert_eq!(
            authorization(&signed),
            expected(
                &format!("{KEYS}oauth_signature_method=\"HMAC-SHA1\","),
                "Jxh4vLI9So1nlXrwSJN76xUFI%2BE%3D"
            )
        );
        assert_eq!(
            signed.url.as_deref(),
            Some("http://127.0.0.1:18765/a/b?x=1&y=a%20b&z=%2F&w=it%27s%28%2A%29%21")
        );
        let sha256 = OAuth1 {
            realm: "Photos r".into(),
            signature_method: "HMAC-SHA256".into(),
            ..params()
        };
        assert_eq!(
            authorization(&get(&format!("{URL}/p"), &sha256)),
            expected(
                &format!("realm=\"Photos%20r\",{KEYS}oauth_signature_method=\"HMAC-SHA256\","),
                "Pf2%2FnJABVgwy%2BclGyAO5iRjx44lwu0ASGs0HEh00I9Q%3D"
            )
        );
        let plaintext = OAuth1 {
            signature_method: "PLAINTEXT".into(),
            consumer_secret: "c&s".into(),
            token_secret: "t s".into(),
            ..params()
        };
        assert_eq!(
            authorization(&get(&format!("{URL}/p"), &plaintext)),
            expected(
                &format!("{KEYS}oauth_signature_method=\"PLAINTEXT\","),
                "c%2526s%26t%2520s"
            )
        );
        // Host and scheme in lower case; the protocol parameters in the query are dropped.
        let signed = get("http://LOCALHOST:18765/Port/x?oauth_token=old", &params());
        assert_eq!(
            authorization(&signed),
            expected(
                &format!("{KEYS}oauth_signature_method=\"HMAC-SHA1\","),
                "tQu0FpzAj6iAJu626PP7BfwwHFU%3D"
            )
        );
        assert_eq!(signed.url.as_deref(), Some("http://LOCALHOST:18765/Port/x"));
    }

    #[test]
    fn the_query_is_decoded_as_a_form_and_sent_re_encoded() {
        let bare = OAuth1 {
            token: String::new(),
            token_secret: String::new(),
            version: String::new(),
            timestamp: "1".into(),
            nonce: "n".into(),
            ..params()
        };
        let signed = get(&format!("{URL}/o?b=%41+x&c"), &bare);
        assert_eq!(
            authorization(&signed),
            "OAuth oauth_consumer_key=\"ck\",oauth_signature_method=\"HMAC-SHA1\",\
             oauth_timestamp=\"1\",oauth_nonce=\"n\",\
             oauth_signature=\"VmSaaX0DPYHiP8Q%2FAskkuGj212Q%3D\""
        );
        assert_eq!(
            signed.url.as_deref(),
            Some("http://127.0.0.1:18765/o?b=A%20x&c")
        );
    }

    #[test]
    fn empty_parameters_are_signed_only_when_asked() {
        let empty_signed = OAuth1 {
            token: String::new(),
            add_empty_params_to_sign: true,
            ..params()
        };
        assert_eq!(
            authorization(&get(&format!("{URL}/e"), &empty_signed)),
            expected(
                "oauth_consumer_key=\"ck\",oauth_signature_method=\"HMAC-SHA1\",",
                "UoSExPtKh3ayao1dPsMPR%2BbpN4g%3D"
            )
        );
        let blank = OAuth1 {
            token: "  ".into(),
            version: String::new(),
            ..params()
        };
        assert_eq!(
            authorization(&get(&format!("{URL}/e"), &blank)),
            "OAuth oauth_consumer_key=\"ck\",oauth_signature_method=\"HMAC-SHA1\",\
             oauth_timestamp=\"1700000000\",oauth_nonce=\"abc123XYZ\",\
             oauth_signature=\"7%2B85R7GuXoGt4TMTYVEtn18569s%3D\""
        );
        // No signature method: HMAC-SHA1, named in the base string but not in the header.
        let unnamed = OAuth1 {
            signature_method: String::new(),
            ..params()
        };
        assert_eq!(
            authorization(&get(&format!("{URL}/n"), &unnamed)),
            expected(KEYS, "tq6Z1DthYjpYcIhF8aglJsBNAaU%3D")
        );
    }

    #[test]
    fn parameters_go_to_the_query_or_the_form_when_not_to_the_header() {
        let query = OAuth1 {
            add_params_to_header: false,
            ..params()
        };
        let signed = get(&format!("{URL}/q?b=2&a=1"), &query);
        assert!(signed.headers.is_empty());
        assert_eq!(
            signed.url.as_deref(),
            Some(
                "http://127.0.0.1:18765/q?b=2&a=1&oauth_consumer_key=ck&oauth_token=tok\
                 &oauth_signature_method=HMAC-SHA1&oauth_timestamp=1700000000\
                 &oauth_nonce=abc123XYZ&oauth_version=1.0\
                 &oauth_signature=q6XppMKmi220%2Bc0FeqJFqEZUGE4%3D"
            )
        );

        let fields = vec![
            ("b".to_owned(), "x y".to_owned()),
            ("a".to_owned(), "1+1".to_owned()),
        ];
        let message = Message {
            method: "POST",
            url: "http://127.0.0.1:18765/f?q=1",
            headers: &[],
            body: Payload::Form {
                fields: &fields,
                bytes: b"b=x%20y&a=1%2B1",
            },
        };
        let signed = sign(&message, &query, &Fixed::at(0)).unwrap();
        assert_eq!(signed.url.as_deref(), Some("http://127.0.0.1:18765/f?q=1"));
        let form = signed.form.unwrap();
        assert_eq!(form[..2], fields[..]);
        assert_eq!(
            form.last().unwrap(),
            &(
                "oauth_signature".to_owned(),
                "Rghet2mdAPBwcNpLGWcvqh08E1A=".to_owned()
            )
        );
        assert_eq!(form.len(), 9);

        // A PUT without a form: the query, with the empty token since it is signed.
        let message = Message {
            method: "PUT",
            url: "http://127.0.0.1:18765/q",
            headers: &[],
            body: Payload::None,
        };
        let empty = OAuth1 {
            token: String::new(),
            add_empty_params_to_sign: true,
            ..query
        };
        let signed = sign(&message, &empty, &Fixed::at(0)).unwrap();
        assert_eq!(
            signed.url.as_deref(),
            Some(
                "http://127.0.0.1:18765/q?oauth_consumer_key=ck&oauth_token=\
                 &oauth_signature_method=HMAC-SHA1&oauth_timestamp=1700000000\
                 &oauth_nonce=abc123XYZ&oauth_version=1.0\
                 &oauth_signature=O%2Bq4k%2FZAugiwDf0xw9H0XVWNqmk%3D"
            )
        );
    }

    #[test]
    fn form_fields_are_signed_and_protocol_fields_dropped() {
        let fields = vec![
            ("b".to_owned(), "x y".to_owned()),
            ("oauth_token".to_owned(), "zz".to_owned()),
        ];
        let message = Message {
            method: "POST",
            url: "http://127.0.0.1:18765/f",
            headers: &[],
            body: Payload::Form {
                fields: &fields,
                bytes: b"b=x%20y&oauth_token=zz",
            },
        };
        let signed = sign(&message, &params(), &Fixed::at(0)).unwrap();
        assert_eq!(
            authorization(&signed),
            expected(
                &format!("{KEYS}oauth_signature_method=\"HMAC-SHA1\","),
                "Ul%2F2U%2BeiIYb4KqEFteig21WxZ%2FQ%3D"
            )
        );
        assert_eq!(signed.form, Some(vec![("b".to_owned(), "x y".to_owned())]));
    }

    #[test]
    fn body_hash_callback_and_verifier() {
        let params = OAuth1 {
            include_body_hash: true,
            signature_method: "HMAC-SHA256".into(),
            callback: "http://cb/x".into(),
            verifier: "ver".into(),
            ..params()
        };
        let headers = [("Content-Type".to_owned(), "application/json".to_owned())];
        let message = Message {
            method: "POST",
            url: "http://127.0.0.1:18765/h",
            headers: &headers,
            body: Payload::Bytes(b"{\"a\": 1}"),
        };
        let signed = sign(&message, &params, &Fixed::at(0)).unwrap();
        assert_eq!(
            authorization(&signed),
            "OAuth oauth_consumer_key=\"ck\",oauth_token=\"tok\",\
             oauth_signature_method=\"HMAC-SHA256\",oauth_timestamp=\"1700000000\",\
             oauth_nonce=\"abc123XYZ\",oauth_version=\"1.0\",\
             oauth_body_hash=\"%2BdhgKMbg1k4iUYb5astpM4ssWXZN95FiEH9cS7NNExA%3D\",\
             oauth_callback=\"http%3A%2F%2Fcb%2Fx\",oauth_verifier=\"ver\",\
             oauth_signature=\"pD4i3M%2B8Dm%2FgtnRI59Wnnd8Ov3a%2F5hufq4HAU8erhG4%3D\""
        );
    }

    #[test]
    fn missing_credentials_sign_nothing_and_nonces_are_generated() {
        let no_key = OAuth1 {
            consumer_key: String::new(),
            ..params()
        };
        assert_eq!(get(&format!("{URL}/nk"), &no_key), Signed::default());
        let fresh = OAuth1 {
            nonce: String::new(),
            timestamp: String::new(),
            ..params()
        };
        let message = Message {
            method: "GET",
            url: URL,
            headers: &[],
            body: Payload::None,
        };
        let signed = sign(&message, &fresh, &Fixed::at(1_234_567_890)).unwrap();
        let header = authorization(&signed);
        assert!(
            header.contains("oauth_timestamp=\"1234567890\""),
            "{header}"
        );
        assert!(header.contains("oauth_nonce=\"0123456789A\""), "{header}");
        let rsa = OAuth1 {
            signature_method: "RSA-SHA1".into(),
            ..params()
        };
        let err = sign(&message, &rsa, &Fixed::at(0)).unwrap_err();
        assert!(err.to_string().contains("RSA-SHA1"), "{err}");
    }
}
