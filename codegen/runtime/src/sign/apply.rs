//! Signing a formed `http::Request` with a scheme named by its Postman type and parameters:
//! the client's side of the signers.

use http::header::{HeaderName, HeaderValue};

use super::super::encode::{encode, FORM};
use super::aws::{self, Aws};
use super::digest::{self, Digest};
use super::hawk::{self, Hawk};
use super::oauth1::{self, OAuth1};
use super::{Entropy, Error, Message, Payload, Signed};

/// What the body of a formed request is, which the bytes alone do not say.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Shape<'a> {
    /// No body.
    None,
    /// Bytes (text, JSON, a file).
    Bytes,
    /// Urlencoded fields, resolved, in order.
    Form(&'a [(String, String)]),
    /// Multipart parts.
    Multipart,
}

/// An auth's parameters by Postman's names, resolved.
pub(crate) trait Lookup {
    /// The parameter `key`, if the auth has it.
    fn get(&self, key: &str) -> Option<&str>;
}

impl Lookup for &[(&str, &str)] {
    fn get(&self, key: &str) -> Option<&str> {
        self.iter()
            .find(|(name, _)| *name == key)
            .map(|(_, value)| *value)
    }
}

/// The Postman auth types signed here.
pub(crate) const SCHEMES: [&str; 4] = ["oauth1", "awsv4", "hawk", "digest"];

/// A parameter's text as a switch: `true` and any other text but `false`, `0` and empty.
fn flag(text: Option<&str>) -> bool {
    !matches!(text.map(str::trim), None | Some("" | "false" | "0"))
}

/// OAuth 1.0 from Postman's parameters.
pub(crate) fn oauth1(param: &dyn Lookup) -> OAuth1 {
    let text = |key: &str| param.get(key).unwrap_or_default().to_owned();
    OAuth1 {
        token: text("token"),
        token_secret: text("tokenSecret"),
        signature_method: text("signatureMethod"),
        timestamp: text("timestamp"),
        nonce: text("nonce"),
        version: text("version"),
        realm: text("realm"),
        callback: text("callback"),
        verifier: text("verifier"),
        add_params_to_header: flag(param.get("addParamsToHeader")),
        add_empty_params_to_sign: flag(param.get("addEmptyParamsToSign")),
        include_body_hash: flag(param.get("includeBodyHash")),
        disable_header_encoding: flag(param.get("disableHeaderEncoding")),
        ..OAuth1::new(text("consumerKey"), text("consumerSecret"))
    }
}

/// AWS Signature v4 from Postman's parameters.
pub(crate) fn aws(param: &dyn Lookup) -> Aws {
    let text = |key: &str| param.get(key).unwrap_or_default().to_owned();
    Aws {
        session_token: text("sessionToken"),
        region: text("region"),
        service: text("service"),
        add_auth_data_to_query: flag(param.get("addAuthDataToQuery")),
        ..Aws::new(text("accessKey"), text("secretKey"))
    }
}

/// Hawk from Postman's parameters.
pub(crate) fn hawk(param: &dyn Lookup) -> Hawk {
    let text = |key: &str| param.get(key).unwrap_or_default().to_owned();
    Hawk {
        nonce: text("nonce"),
        timestamp: text("timestamp"),
        ext: text("extraData"),
        app: text("app"),
        delegation: text("delegation"),
        include_payload_hash: flag(param.get("includePayloadHash")),
        ..Hawk::new(text("authId"), text("authKey"), text("algorithm"))
    }
}

/// Digest from Postman's parameters.
pub(crate) fn digest(param: &dyn Lookup) -> Digest {
    let text = |key: &str| param.get(key).unwrap_or_default().to_owned();
    Digest {
        realm: text("realm"),
        nonce: text("nonce"),
        algorithm: text("algorithm"),
        qop: text("qop"),
        nonce_count: text("nonceCount"),
        client_nonce: text("clientNonce"),
        opaque: text("opaque"),
        ..Digest::new(text("username"), text("password"))
    }
}

/// Signs `request` with the auth of type `scheme`; other types leave it alone. `shape` says
/// what its body is; `added` names the headers the client added by itself (a body's
/// `Content-Type`), which postman-runtime adds after signing: they are not signed, and stay
/// after the headers signing adds. A digest auth without a realm and nonce signs nothing: the
/// request goes without the header and the server's challenge is answered
/// ([`digest::answer`]).
pub(crate) fn sign(
    scheme: &str,
    param: &dyn Lookup,
    request: &mut http::Request<Vec<u8>>,
    shape: Shape<'_>,
    added: &[HeaderName],
    entropy: &dyn Entropy,
) -> Result<(), Error> {
    if !SCHEMES.contains(&scheme) {
        return Ok(());
    }
    let url = request.uri().to_string();
    let method = request.method().as_str().to_owned();
    let mut own = Vec::new();
    let mut kept = Vec::new();
    for (name, value) in request.headers() {
        if added.contains(name) {
            kept.push((name.clone(), value.clone()));
        } else {
            own.push((
                name.as_str().to_owned(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            ));
        }
    }
    let body = request.body();
    let payload = match shape {
        Shape::None if body.is_empty() => Payload::None,
        Shape::None | Shape::Bytes => Payload::Bytes(body),
        Shape::Form(fields) => Payload::Form {
            fields,
            bytes: body,
        },
        Shape::Multipart => Payload::Multipart,
    };
    let message = Message {
        method: &method,
        url: &url,
        headers: &own,
        body: payload,
    };
    let signed: Signed = match scheme {
        "oauth1" => oauth1::sign(&message, &oauth1(param), entropy)?,
        "awsv4" => aws::sign(&message, &aws(param), entropy)?,
        "hawk" => hawk::sign(&message, &hawk(param), entropy)?,
        _ => digest::sign(&message, &digest(param))?,
    };
    apply(request, &signed, own, kept)
}

/// The request to send again after `built` was answered with `status` and `headers`, when
/// its auth is a digest auth that the server challenged (a 401 or 403 with
/// `WWW-Authenticate: Digest ...`) and the collection did not already give the challenge's
/// values: `built` signed with the values of the challenge, as postman-runtime replays it.
pub(crate) fn answer_challenge(
    scheme: &str,
    param: &dyn Lookup,
    built: &http::Request<Vec<u8>>,
    status: http::StatusCode,
    headers: &http::HeaderMap,
    entropy: &dyn Entropy,
) -> Result<Option<http::Request<Vec<u8>>>, Error> {
    if scheme != "digest" {
        return Ok(None);
    }
    let params = digest(param);
    let challenges = headers
        .get_all(http::header::WWW_AUTHENTICATE)
        .iter()
        .filter_map(|value| value.to_str().ok());
    let Some(answered) = digest::answer(&params, status.as_u16(), challenges, entropy) else {
        return Ok(None);
    };
    let mut again = http::Request::new(built.body().clone());
    *again.method_mut() = built.method().clone();
    *again.uri_mut() = built.uri().clone();
    *again.version_mut() = built.version();
    *again.headers_mut() = built.headers().clone();
    let multipart = built
        .headers()
        .get(http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("multipart/"));
    let url = again.uri().to_string();
    let method = again.method().as_str().to_owned();
    let message = Message {
        method: &method,
        url: &url,
        headers: &[],
        body: if multipart {
            Payload::Multipart
        } else {
            Payload::Bytes(again.body())
        },
    };
    let signed = digest::sign(&message, &answered)?;
    for name in &signed.remove_headers {
        again.headers_mut().remove(*name);
    }
    for (name, value) in &signed.headers {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|err| Error::build_with("invalid digest header", err))?;
        let mut value = HeaderValue::from_str(value)
            .map_err(|err| Error::build_with("invalid digest header", err))?;
        value.set_sensitive(true);
        again.headers_mut().insert(name, value);
    }
    Ok(Some(again))
}

/// Makes the changes `signed` says to `request`, whose own headers are `own` and whose
/// client-added headers `kept` go last.
fn apply(
    request: &mut http::Request<Vec<u8>>,
    signed: &Signed,
    mut own: Vec<(String, String)>,
    kept: Vec<(HeaderName, HeaderValue)>,
) -> Result<(), Error> {
    if signed == &Signed::default() {
        return Ok(());
    }
    signed.apply_headers(&mut own);
    let mut headers = http::HeaderMap::with_capacity(own.len() + kept.len());
    for (name, value) in own {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|err| Error::build_with(format!("invalid header name {name:?}"), err))?;
        let mut value = HeaderValue::from_str(&value)
            .map_err(|err| Error::build_with(format!("invalid value of header {name}"), err))?;
        if signed
            .headers
            .iter()
            .any(|(signed, _)| name == signed.as_str())
        {
            // Signatures and tokens: `Debug` of the request does not show them.
            value.set_sensitive(true);
        }
        headers.append(name, value);
    }
    for (name, value) in kept {
        headers.append(name, value);
    }
    *request.headers_mut() = headers;
    if let Some(url) = &signed.url {
        *request.uri_mut() = url
            .parse()
            .map_err(|err| Error::build_with(format!("invalid signed URL {url:?}"), err))?;
    }
    if let Some(fields) = &signed.form {
        let pairs: Vec<String> = fields
            .iter()
            .map(|(name, value)| format!("{}={}", encode(name, FORM), encode(value, FORM)))
            .collect();
        *request.body_mut() = pairs.join("&").into_bytes();
        let content_type = http::header::CONTENT_TYPE;
        if !fields.is_empty() && !request.headers().contains_key(&content_type) {
            // An empty form had no type; the signature's fields make it one.
            let form = HeaderValue::from_static("application/x-www-form-urlencoded");
            request.headers_mut().insert(content_type, form);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::tests::Fixed;
    use super::*;

    fn request(
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> http::Request<Vec<u8>> {
        let mut builder = http::Request::builder().method(method).uri(url);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(body.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn oauth1_form_fields_are_signed_and_sent_before_the_content_type() {
        let mut built = request(
            "POST",
            "http://127.0.0.1:18765/f?q=1",
            &[("content-type", "application/x-www-form-urlencoded")],
            "b=x%20y&a=1%2B1",
        );
        let fields = vec![
            ("b".to_owned(), "x y".to_owned()),
            ("a".to_owned(), "1+1".to_owned()),
        ];
        let pairs = [
            ("consumerKey", "ck"),
            ("consumerSecret", "cs"),
            ("token", "tok"),
            ("tokenSecret", "ts"),
            ("signatureMethod", "HMAC-SHA1"),
            ("timestamp", "1700000000"),
            ("nonce", "abc123XYZ"),
            ("version", "1.0"),
            ("addParamsToHeader", "false"),
        ];
        let added = [http::header::CONTENT_TYPE];
        sign(
            "oauth1",
            &&pairs[..],
            &mut built,
            Shape::Form(&fields),
            &added,
            &Fixed::at(0),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(built.body().clone()).unwrap(),
            "b=x%20y&a=1%2B1&oauth_consumer_key=ck&oauth_token=tok\
             &oauth_signature_method=HMAC-SHA1&oauth_timestamp=1700000000&oauth_nonce=abc123XYZ\
             &oauth_version=1.0&oauth_signature=Rghet2mdAPBwcNpLGWcvqh08E1A%3D"
        );
        assert_eq!(built.uri(), "http://127.0.0.1:18765/f?q=1");

        let mut built = request(
            "POST",
            "http://127.0.0.1:18765/h",
            &[("x-first", "1"), ("content-type", "text/plain")],
            "x",
        );
        let header = [
            ("addParamsToHeader", "true"),
            ("consumerKey", "ck"),
            ("consumerSecret", "cs"),
        ];
        sign(
            "oauth1",
            &&header[..],
            &mut built,
            Shape::Bytes,
            &added,
            &Fixed::at(0),
        )
        .unwrap();
        let names: Vec<&str> = built.headers().keys().map(|name| name.as_str()).collect();
        assert_eq!(names, ["x-first", "authorization", "content-type"]);
        assert!(built.headers()["authorization"].is_sensitive());
    }

    #[test]
    fn aws_headers_and_other_schemes() {
        let mut built = request(
            "GET",
            "http://127.0.0.1:18765/nk",
            &[("date", "Mon, 09 Sep 2015 12:36:00 GMT")],
            "",
        );
        let pairs = [("region", "us-east-1"), ("service", "iam")];
        sign(
            "awsv4",
            &&pairs[..],
            &mut built,
            Shape::None,
            &[],
            &Fixed::at(0),
        )
        .unwrap();
        let names: Vec<&str> = built.headers().keys().map(|name| name.as_str()).collect();
        assert_eq!(names, ["date", "host", "x-amz-date", "authorization"]);
        assert!(built.headers()["authorization"]
            .to_str()
            .unwrap()
            .ends_with(
                "Signature=dd2600f2da51426c589e61ed86a68f5ba8fda46b6d28213d20ac892d853c4ada"
            ));

        // Schemes signed elsewhere, and digest without a challenge yet, change nothing.
        for scheme in ["bearer", "digest", "ntlm"] {
            let mut built = request("GET", "http://h/", &[], "");
            let pairs = [("username", "u"), ("token", "t")];
            sign(
                scheme,
                &&pairs[..],
                &mut built,
                Shape::None,
                &[],
                &Fixed::at(0),
            )
            .unwrap();
            assert!(built.headers().is_empty(), "{scheme}");
        }
        // A digest challenge is answered once, with the challenge's nonce and realm.
        let pairs = [("username", "Mufasa"), ("password", "Circle Of Life")];
        let built = request("GET", "http://h/dir/index.html", &[("x-a", "1")], "");
        let mut challenge = http::HeaderMap::new();
        challenge.insert(
            http::header::WWW_AUTHENTICATE,
            HeaderValue::from_static(
                "Digest realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"",
            ),
        );
        let unauthorized = http::StatusCode::UNAUTHORIZED;
        let again = answer_challenge(
            "digest",
            &&pairs[..],
            &built,
            unauthorized,
            &challenge,
            &Fixed::at(0),
        )
        .unwrap()
        .unwrap();
        assert_eq!(again.headers()["x-a"], "1");
        assert_eq!(
            again.headers()["authorization"],
            "Digest username=\"Mufasa\", realm=\"testrealm@host.com\", \
             nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", \
             algorithm=\"MD5\", response=\"670fd8c2df070c60b045671b8b24ff02\""
        );
        let ok = http::StatusCode::OK;
        assert!(
            answer_challenge("digest", &&pairs[..], &built, ok, &challenge, &Fixed::at(0))
                .unwrap()
                .is_none()
        );
        assert!(answer_challenge(
            "basic",
            &&pairs[..],
            &built,
            unauthorized,
            &challenge,
            &Fixed::at(0)
        )
        .unwrap()
        .is_none());
        assert!(flag(Some("true")) && flag(Some("1")) && !flag(Some("false")) && !flag(None));
    }
}
