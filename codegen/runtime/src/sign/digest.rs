//! HTTP digest access authentication (RFC 7616) as postman-runtime computes it: MD5,
//! SHA-256 and SHA-512-256, their `-sess` variants, `qop` `auth` and `auth-int`. When the
//! collection gives no realm and nonce, the request is first sent without the header and the
//! server's challenge (`WWW-Authenticate: Digest ...` on a 401 or 403) gives them
//! ([`answer`]).

use super::Error;
use super::{hex, random_string, Entropy, Hash, Message, Signed, Url};

/// The parameters of a `digest` auth, resolved; an empty string is a parameter not given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Digest {
    /// `username`: without it nothing is signed.
    pub username: String,
    /// `password`.
    pub password: String,
    /// `realm`: from the server's challenge when empty.
    pub realm: String,
    /// `nonce`: from the server's challenge when empty.
    pub nonce: String,
    /// `algorithm`: `MD5` when empty, `MD5-sess`, `SHA-256`, `SHA-256-sess`, `SHA-512-256`,
    /// `SHA-512-256-sess`.
    pub algorithm: String,
    /// `qop`: `auth`, `auth-int`, or empty.
    pub qop: String,
    /// `nonceCount` (`nc`).
    pub nonce_count: String,
    /// `clientNonce` (`cnonce`).
    pub client_nonce: String,
    /// `opaque`.
    pub opaque: String,
}

impl Digest {
    /// Digest with these credentials, the rest from the server's challenge.
    pub fn new(username: impl Into<String>, password: impl Into<String>) -> Self {
        Digest {
            username: username.into(),
            password: password.into(),
            ..Digest::default()
        }
    }

    /// Whether the request can be signed before it is sent (Postman's rule: a realm and a
    /// nonce are given); otherwise it is sent without the header first.
    pub fn is_ready(&self) -> bool {
        !self.realm.is_empty() && !self.nonce.is_empty()
    }
}

const ALPHANUMERIC: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/// The `Authorization` header for `message`. Without a username or realm nothing changes, as
/// in Postman.
///
/// # Errors
///
/// When the algorithm is not one of digest's, or the URL cannot be read.
pub fn sign(message: &Message<'_>, params: &Digest) -> Result<Signed, Error> {
    if params.username.is_empty() || params.realm.is_empty() {
        return Ok(Signed::default());
    }
    let algorithm = if params.algorithm.is_empty() {
        "MD5"
    } else {
        params.algorithm.as_str()
    };
    let hash = match algorithm {
        "MD5" | "MD5-sess" => Hash::Md5,
        "SHA-256" | "SHA-256-sess" => Hash::Sha256,
        "SHA-512-256" | "SHA-512-256-sess" => Hash::Sha512_256,
        other => {
            return Err(Error::build(format!(
                "unsupported digest algorithm {other:?}"
            )))
        }
    };
    let h = |text: &str| hex(&hash.digest(text.as_bytes()));
    let uri = Url::parse(message.url)?.path_and_query();
    let Digest {
        username,
        password,
        realm,
        nonce,
        qop,
        nonce_count,
        client_nonce,
        opaque,
        ..
    } = params;
    let a1 = if algorithm.ends_with("-sess") {
        format!(
            "{}:{nonce}:{client_nonce}",
            h(&format!("{username}:{realm}:{password}"))
        )
    } else {
        format!("{username}:{realm}:{password}")
    };
    let method = message.method;
    let a2 = if qop == "auth-int" {
        // postman-runtime hashes no multipart body, and writes "undefined" in its place.
        let body = message
            .body
            .hashed()
            .map_or_else(|| "undefined".to_owned(), |bytes| hex(&hash.digest(bytes)));
        format!("{method}:{uri}:{body}")
    } else {
        format!("{method}:{uri}")
    };
    let with_qop = qop == "auth" || qop == "auth-int";
    let response = if with_qop {
        h(&format!(
            "{}:{nonce}:{nonce_count}:{client_nonce}:{qop}:{}",
            h(&a1),
            h(&a2)
        ))
    } else {
        h(&format!("{}:{nonce}:{}", h(&a1), h(&a2)))
    };
    let mut parts = vec![
        format!("username=\"{username}\""),
        format!("realm=\"{realm}\""),
        format!("nonce=\"{nonce}\""),
        format!("uri=\"{uri}\""),
        format!("algorithm=\"{algorithm}\""),
    ];
    if with_qop {
        parts.push(format!("qop={qop}"));
    }
    if with_qop || algorithm == "MD5-sess" {
        if !nonce_count.is_empty() {
            parts.push(format!("nc={nonce_count}"));
        }
        parts.push(format!("cnonce=\"{client_nonce}\""));
    }
    parts.push(format!("response=\"{response}\""));
    if !opaque.is_empty() {
        parts.push(format!("opaque=\"{opaque}\""));
    }
    Ok(Signed {
        remove_headers: vec!["Authorization"],
        headers: vec![(
            "Authorization".to_owned(),
            format!("Digest {}", parts.join(", ")),
        )],
        ..Signed::default()
    })
}

/// The parameters to send the request again with, after a response with `status` and these
/// `WWW-Authenticate` values; `None` when there is nothing to answer (no 401 or 403, no digest
/// challenge, or the challenge's values were already given).
pub fn answer<'a>(
    params: &Digest,
    status: u16,
    challenges: impl IntoIterator<Item = &'a str>,
    entropy: &dyn Entropy,
) -> Option<Digest> {
    if status != 401 && status != 403 {
        return None;
    }
    let challenge = challenges.into_iter().find(|value| {
        value
            .get(..7)
            .is_some_and(|start| start.eq_ignore_ascii_case("digest "))
    })?;
    let nonce = field(challenge, "nonce");
    let realm = field(challenge, "realm");
    let qop = field(challenge, "qop");
    let opaque = field(challenge, "opaque");
    let mut asked = vec![&params.nonce, &params.realm];
    if !opaque.is_empty() {
        asked.push(&params.opaque);
    }
    if !qop.is_empty() {
        asked.push(&params.qop);
    }
    let uses_qop = !qop.is_empty() || !params.qop.is_empty();
    if uses_qop {
        asked.push(&params.client_nonce);
        asked.push(&params.nonce_count);
    }
    if asked.iter().all(|value| !value.is_empty()) {
        return None;
    }
    let mut answered = params.clone();
    answered.nonce = nonce;
    answered.realm = realm;
    if !opaque.is_empty() {
        answered.opaque = opaque;
    }
    if !qop.is_empty() {
        answered.qop = qop;
    }
    if uses_qop {
        answered.client_nonce = random_string(entropy, ALPHANUMERIC, 8);
        answered.nonce_count = "00000001".to_owned();
    }
    Some(answered)
}

/// The quoted value of `name` in a challenge (`name="value"`, name without case), or empty.
fn field(challenge: &str, name: &str) -> String {
    let lower = challenge.to_ascii_lowercase();
    let pattern = format!("{}=\"", name.to_ascii_lowercase());
    let mut from = 0;
    while let Some(found) = lower.get(from..).and_then(|rest| rest.find(&pattern)) {
        let start = from + found;
        let preceded = lower[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_ascii_alphanumeric() && c != '_' && c != '-');
        let value_start = start + pattern.len();
        if preceded {
            return challenge
                .get(value_start..)
                .and_then(|rest| rest.split('"').next())
                .unwrap_or_default()
                .to_owned();
        }
        from = value_start;
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::super::tests::Fixed;
    use super::super::Payload;
    use super::*;

    const URL: &str = "http://127.0.0.1:18765";

    fn params() -> Digest {
        Digest {
            realm: "testrealm@host.com".into(),
            nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093".into(),
            algorithm: "MD5".into(),
            qop: "auth".into(),
            nonce_count: "00000001".into(),
            client_nonce: "0a4f113b".into(),
            opaque: "5ccc069c403ebaf9f0171e9517f40e41".into(),
            ..Digest::new("Mufasa", "Circle Of Life")
        }
    }

    fn authorization(method: &str, url: &str, body: Payload<'_>, params: &Digest) -> String {
        let message = Message {
            method,
            url,
            headers: &[],
            body,
        };
        sign(&message, params).unwrap().headers[0].1.clone()
    }

    const START: &str =
        "Digest username=\"Mufasa\", realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"";
    const OPAQUE: &str = "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";

    #[test]
    fn rfc_2617_example() {
        assert_eq!(
            authorization(
                "GET",
                "http://www.nowhere.org/dir/index.html",
                Payload::None,
                &params()
            ),
            format!(
                "{START}, uri=\"/dir/index.html\", algorithm=\"MD5\", qop=auth, nc=00000001, \
                 cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\", {OPAQUE}"
            )
        );
    }

    #[test]
    fn headers_are_newmans() {
        assert_eq!(
            authorization(
                "GET",
                &format!("{URL}/dir/index.html?x=1"),
                Payload::None,
                &params()
            ),
            format!(
                "{START}, uri=\"/dir/index.html?x=1\", algorithm=\"MD5\", qop=auth, nc=00000001, \
                 cnonce=\"0a4f113b\", response=\"a084f279bd7e0ef83bf33e8098b8ba1d\", {OPAQUE}"
            )
        );
        let plain = Digest {
            qop: String::new(),
            opaque: String::new(),
            ..params()
        };
        assert_eq!(
            authorization("GET", &format!("{URL}/dir"), Payload::None, &plain),
            format!(
                "{START}, uri=\"/dir\", algorithm=\"MD5\", \
                 response=\"4d8421f4e42b6454205db009f0d91f08\""
            )
        );
        let sess = Digest {
            algorithm: "SHA-256-sess".into(),
            ..params()
        };
        assert!(
            authorization("GET", &format!("{URL}/dir"), Payload::None, &sess).contains(
                "algorithm=\"SHA-256-sess\", qop=auth, nc=00000001, cnonce=\"0a4f113b\", \
             response=\"212260ed8f1f5770ba64d025abf1c5778e53ea5ac98c8be17cc739b479741f96\""
            )
        );
        let auth_int = Digest {
            algorithm: "SHA-512-256".into(),
            qop: "auth-int".into(),
            ..params()
        };
        assert!(authorization(
            "POST",
            &format!("{URL}/dir"),
            Payload::Bytes(b"body"),
            &auth_int
        )
        .contains(
            "qop=auth-int, nc=00000001, cnonce=\"0a4f113b\", \
             response=\"f1b10f6be53cb3a2b5183be566f3ab3cb19b32015a7a15e7a95d24d10f700b94\""
        ));
        let md5_sess = Digest {
            algorithm: "MD5-sess".into(),
            qop: String::new(),
            ..params()
        };
        assert!(
            authorization("GET", &format!("{URL}/dir"), Payload::None, &md5_sess).contains(
                "algorithm=\"MD5-sess\", nc=00000001, cnonce=\"0a4f113b\", \
             response=\"edc51e306ba469680b9aef3e1cd2dede\""
            )
        );
        let unnamed = Digest {
            algorithm: String::new(),
            ..params()
        };
        assert!(authorization("GET", &format!("{URL}/dir"), Payload::None, &unnamed)
            .contains("algorithm=\"MD5\", qop=auth, nc=00000001, cnonce=\"0a4f113b\", response=\"7825c8b9459d9717a2f77f568aa33cb7\""));
    }

    #[test]
    fn challenges_are_answered_once() {
        let fresh = Digest::new("Mufasa", "Circle Of Life");
        assert!(!fresh.is_ready());
        let challenge = "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", \
                         algorithm=MD5, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", \
                         opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
        let entropy = Fixed::at(0);
        assert_eq!(answer(&fresh, 200, [challenge], &entropy), None);
        assert_eq!(answer(&fresh, 401, ["Basic realm=\"x\""], &entropy), None);
        let answered = answer(&fresh, 401, ["Basic realm=\"x\"", challenge], &entropy).unwrap();
        assert_eq!(answered.realm, "http-auth@example.org");
        assert_eq!(
            answered.nonce,
            "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v"
        );
        assert_eq!(answered.qop, "auth, auth-int");
        assert_eq!(answered.client_nonce, "abcdefgh");
        assert_eq!(answered.nonce_count, "00000001");
        assert!(answered.is_ready());
        assert_eq!(answer(&answered, 401, [challenge], &entropy), None);
        // Without qop, a challenge whose values were all given is not answered again.
        let plain = "Digest realm=\"r\", nonce=\"n\"";
        let given = answer(&fresh, 401, [plain], &entropy).unwrap();
        assert_eq!(answer(&given, 401, [plain], &entropy), None);
        assert_eq!(field("Digest xnonce=\"a\", nonce=\"b\"", "nonce"), "b");
        assert_eq!(field("Digest realm=\"a", "nonce"), "");
    }
}
