//! Hawk as postman-runtime signs: an `Authorization: Hawk id=..., ts=..., nonce=..., mac=...`
//! header, with the payload hash when the collection asks for it.

use super::Error;
use super::{base64, header, random_string, unix_seconds, Entropy, Hash, Message, Signed, Url};

/// The parameters of a `hawk` auth, resolved; an empty string is a parameter not given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Hawk {
    /// `authId`: without it nothing is signed.
    pub auth_id: String,
    /// `authKey`: without it nothing is signed.
    pub auth_key: String,
    /// `algorithm`: `sha256` or `sha1`.
    pub algorithm: String,
    /// `nonce`: 6 random characters when empty.
    pub nonce: String,
    /// `timestamp`: the current time when it does not start with a non-zero number.
    pub timestamp: String,
    /// `extraData` (`ext`).
    pub ext: String,
    /// `app`.
    pub app: String,
    /// `delegation` (`dlg`, with `app`).
    pub delegation: String,
    /// `includePayloadHash`: sign a hash of the body and its `Content-Type`.
    pub include_payload_hash: bool,
}

impl Hawk {
    /// Hawk with these credentials and algorithm, the other parameters empty or off.
    pub fn new(
        auth_id: impl Into<String>,
        auth_key: impl Into<String>,
        algorithm: impl Into<String>,
    ) -> Self {
        Hawk {
            auth_id: auth_id.into(),
            auth_key: auth_key.into(),
            algorithm: algorithm.into(),
            ..Hawk::default()
        }
    }
}

const ALPHANUMERIC: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/// Signs `message` with `params`. Without an id or key nothing changes, as in Postman.
///
/// # Errors
///
/// When the algorithm is neither `sha1` nor `sha256` (where Postman sends an empty
/// `Authorization` header), or the URL cannot be read.
pub fn sign(message: &Message<'_>, params: &Hawk, entropy: &dyn Entropy) -> Result<Signed, Error> {
    if params.auth_id.is_empty() || params.auth_key.is_empty() {
        return Ok(Signed::default());
    }
    let hash = match params.algorithm.as_str() {
        "sha1" => Hash::Sha1,
        "sha256" => Hash::Sha256,
        other => {
            return Err(Error::build(format!(
                "Hawk algorithm {other:?} is not supported (sha1 and sha256 are)"
            )))
        }
    };
    let url = Url::parse(message.url)?;
    let nonce = if params.nonce.is_empty() {
        random_string(entropy, ALPHANUMERIC, 6)
    } else {
        params.nonce.clone()
    };
    let timestamp = if leading_integer(&params.timestamp) == 0 {
        unix_seconds(entropy.now()).to_string()
    } else {
        params.timestamp.clone()
    };
    // The payload hash, with the Content-Type the request has before the client adds one.
    let payload = match message.body.hashed() {
        Some(bytes) if params.include_payload_hash && !message.body.is_empty() => {
            let content_type = header(message.headers, "content-type")
                .map(|value| {
                    value
                        .split(';')
                        .next()
                        .unwrap_or_default()
                        .trim()
                        .to_ascii_lowercase()
                })
                .unwrap_or_default();
            let mut text = format!("hawk.1.payload\n{content_type}\n").into_bytes();
            text.extend_from_slice(bytes);
            text.push(b'\n');
            Some(base64(&hash.digest(&text)))
        }
        _ => None,
    };
    let default_port = if url.scheme.eq_ignore_ascii_case("http") {
        "80"
    } else {
        "443"
    };
    let port = url.port.unwrap_or(default_port);
    // The library escapes the first backslash and the first newline of ext only.
    let ext_in_mac = params
        .ext
        .replacen('\\', "\\\\", 1)
        .replacen('\n', "\\n", 1);
    let mut normalized = format!(
        "hawk.1.header\n{timestamp}\n{nonce}\n{}\n{}\n{}\n{port}\n{}\n{ext_in_mac}\n",
        message.method.to_ascii_uppercase(),
        url.path_and_query(),
        url.hostname.to_ascii_lowercase(),
        payload.as_deref().unwrap_or_default(),
    );
    if !params.app.is_empty() {
        normalized.push_str(&format!("{}\n{}\n", params.app, params.delegation));
    }
    let mac = base64(&hash.hmac(params.auth_key.as_bytes(), normalized.as_bytes())?);
    let mut value = format!(
        "Hawk id=\"{}\", ts=\"{timestamp}\", nonce=\"{nonce}\"",
        params.auth_id
    );
    if let Some(payload) = &payload {
        value.push_str(&format!(", hash=\"{payload}\""));
    }
    if !params.ext.is_empty() {
        let ext = params.ext.replace('\\', "\\\\").replace('"', "\\\"");
        value.push_str(&format!(", ext=\"{ext}\""));
    }
    value.push_str(&format!(", mac=\"{mac}\""));
    if !params.app.is_empty() {
        value.push_str(&format!(", app=\"{}\"", params.app));
        if !params.delegation.is_empty() {
            value.push_str(&format!(", dlg=\"{}\"", params.delegation));
        }
    }
    Ok(Signed {
        remove_headers: vec!["Authorization"],
        headers: vec![("Authorization".to_owned(), value)],
        ..Signed::default()
    })
}

/// JavaScript's `parseInt` of `text`, 0 where it gives no number.
fn leading_integer(text: &str) -> u64 {
    let text = text.trim_start();
    let digits: String = text
        .chars()
        .take_while(char::is_ascii_digit)
        .take(19)
        .collect();
    digits.parse().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::super::tests::Fixed;
    use super::super::Payload;
    use super::*;

    const URL: &str = "http://127.0.0.1:18765";

    fn params() -> Hawk {
        Hawk {
            nonce: "j4h3g2".into(),
            timestamp: "1353832234".into(),
            ..Hawk::new(
                "dh37fgj492je",
                "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn",
                "sha256",
            )
        }
    }

    fn authorization(
        method: &str,
        url: &str,
        headers: &[(String, String)],
        body: Payload<'_>,
        params: &Hawk,
    ) -> String {
        let message = Message {
            method,
            url,
            headers,
            body,
        };
        let signed = sign(&message, params, &Fixed::at(42)).unwrap();
        assert_eq!(signed.remove_headers, ["Authorization"]);
        signed.headers[0].1.clone()
    }

    const START: &str = "Hawk id=\"dh37fgj492je\", ts=\"1353832234\", nonce=\"j4h3g2\"";

    #[test]
    fn headers_are_newmans() {
        assert_eq!(
            authorization(
                "GET",
                &format!("{URL}/resource/1?b=1&a=2"),
                &[],
                Payload::None,
                &params()
            ),
            format!("{START}, mac=\"s1PQTOqATDR3Z2QlRpOazJxk4a+mG0f02M6bsKIjv38=\"")
        );
        let extended = Hawk {
            ext: "some-app \"ext\"\\x".into(),
            app: "app1".into(),
            delegation: "dlg1".into(),
            algorithm: "sha1".into(),
            ..params()
        };
        assert_eq!(
            authorization("GET", &format!("{URL}/r"), &[], Payload::None, &extended),
            format!(
                "{START}, ext=\"some-app \\\"ext\\\"\\\\x\", mac=\"RVmWzaDpXunWNshStMcHibWkTck=\", \
                 app=\"app1\", dlg=\"dlg1\""
            )
        );
    }

    #[test]
    fn payload_hashes_are_newmans() {
        let hashed = Hawk {
            include_payload_hash: true,
            ..params()
        };
        let text = [(
            "Content-Type".to_owned(),
            "text/plain; charset=utf-8".to_owned(),
        )];
        assert_eq!(
            authorization(
                "POST",
                &format!("{URL}/r"),
                &text,
                Payload::Bytes(b"Thank you for flying Hawk"),
                &hashed
            ),
            format!(
                "{START}, hash=\"Yi9LfIIFRtBEPt74PVmbTF/xVAwPn7ub15ePICfgnuY=\", \
                 mac=\"LZJ1nlnmWySPl41eZLED9LkDHtDM/4hVjikUSyn4bYw=\""
            )
        );
        // Without a Content-Type of the request's own, the hash has an empty one.
        assert_eq!(
            authorization(
                "POST",
                &format!("{URL}/r"),
                &[],
                Payload::Bytes(b"x"),
                &hashed
            ),
            format!(
                "{START}, hash=\"5IuyBxeKtQrMtG0UmIZ9RiGyeDR7gsJZh/6VqUPWpG8=\", \
                 mac=\"oxze8uYBiRJCvyD9PYbyzXH5CIA9wEWsybSSMcdlmJw=\""
            )
        );
        let fields = vec![("a b".to_owned(), "c'd".to_owned())];
        let form = Payload::Form {
            fields: &fields,
            bytes: b"a%20b=c%27d",
        };
        assert_eq!(
            authorization("POST", &format!("{URL}/r"), &[], form, &hashed),
            format!(
                "{START}, hash=\"uWxk0Kx1GA9dgPdIeP1QyQTwfHkuMkWTFDEM9fvTA74=\", \
                 mac=\"pn2QgiY9zFH4tTR4P2W3jRW2XRh3WLNzKZG4+d9OBCc=\""
            )
        );
        // An empty body has no hash.
        assert_eq!(
            authorization("GET", &format!("{URL}/r"), &[], Payload::None, &hashed),
            format!("{START}, mac=\"SHczuoz7u7V9pVrCfprcdwFDVhnVRB1YG2MqHYrE/2A=\"")
        );
    }

    #[test]
    fn missing_values_are_generated_or_refused() {
        let fresh = Hawk {
            nonce: String::new(),
            timestamp: "0".into(),
            ..params()
        };
        let header = authorization("GET", URL, &[], Payload::None, &fresh);
        assert!(
            header.starts_with("Hawk id=\"dh37fgj492je\", ts=\"42\", nonce=\"abcdef\""),
            "{header}"
        );
        let message = Message {
            method: "GET",
            url: URL,
            headers: &[],
            body: Payload::None,
        };
        let no_key = Hawk {
            auth_key: String::new(),
            ..params()
        };
        assert_eq!(
            sign(&message, &no_key, &Fixed::at(42)).unwrap(),
            Signed::default()
        );
        let md5 = Hawk {
            algorithm: "md5".into(),
            ..params()
        };
        assert!(sign(&message, &md5, &Fixed::at(42)).is_err());
        assert_eq!(leading_integer(" 12ab"), 12);
        assert_eq!(leading_integer("x"), 0);
    }
}
