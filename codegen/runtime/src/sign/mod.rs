//! Request signing for the auth schemes that sign what is sent, as postman-runtime (newman's
//! engine) signs it: OAuth 1.0 ([`oauth1`]), AWS Signature Version 4 ([`aws`]), Hawk
//! ([`hawk`]) and HTTP digest ([`digest`]).
//!
//! Each signer is a pure function: it takes the request as it will be sent ([`Message`]:
//! method, URL, the request's own headers, the body), the scheme's parameters (strings with
//! their `{{variables}}` already resolved) and an [`Entropy`] for the timestamps and nonces the
//! parameters leave open, and returns the changes to make ([`Signed`]). Nothing here reads the
//! clock or a random source except through [`Entropy`], so a test can fix both.

pub(crate) mod apply;
pub mod aws;
pub mod digest;
pub mod hawk;
pub mod oauth1;

use std::time::{SystemTime, UNIX_EPOCH};

use hmac::{KeyInit, Mac};
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::error::Error;

/// Where a signer takes the current time and random characters.
pub trait Entropy {
    /// The current time.
    fn now(&self) -> SystemTime;
    /// A random number below `bound` (which is never 0).
    fn below(&self, bound: usize) -> usize;
}

/// The system clock and a random source seeded by the operating system.
#[derive(Clone, Copy, Debug, Default)]
pub struct System;

impl Entropy for System {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }

    fn below(&self, bound: usize) -> usize {
        fastrand::usize(..bound.max(1))
    }
}

/// A request as it will be sent, before it is signed.
#[derive(Clone, Copy, Debug)]
pub struct Message<'a> {
    /// The method (`GET`, ...).
    pub method: &'a str,
    /// The full URL as it will be sent: `scheme://authority/path?query`, percent-encoded.
    pub url: &'a str,
    /// The request's own headers, in order, without those the client adds by itself (postman-runtime
    /// signs before it adds a body's `Content-Type`, so that header is not signed).
    pub headers: &'a [(String, String)],
    /// The body.
    pub body: Payload<'a>,
}

/// A request's body, as the signers see it.
#[derive(Clone, Copy, Debug)]
pub enum Payload<'a> {
    /// No body.
    None,
    /// Bytes sent as they are (text, JSON, GraphQL, a file).
    Bytes(&'a [u8]),
    /// `application/x-www-form-urlencoded` fields (decoded, in order) and their encoded bytes.
    Form {
        /// The fields, names and values as written (not percent-encoded).
        fields: &'a [(String, String)],
        /// The body as sent.
        bytes: &'a [u8],
    },
    /// A multipart body, which no scheme hashes.
    Multipart,
}

impl Payload<'_> {
    /// The bytes a scheme hashes, as postman-runtime hashes them: none for multipart.
    fn hashed(&self) -> Option<&[u8]> {
        match self {
            Payload::None => Some(b""),
            Payload::Bytes(bytes) | Payload::Form { bytes, .. } => Some(bytes),
            Payload::Multipart => None,
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Payload::None => true,
            Payload::Bytes(bytes) | Payload::Form { bytes, .. } => bytes.is_empty(),
            Payload::Multipart => false,
        }
    }
}

/// What signing changes in a request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Signed {
    /// Headers to remove first (names compared without case).
    pub remove_headers: Vec<&'static str>,
    /// Headers to set after that, in order: a header of the same name (without case) is given
    /// the value in place, else the header is appended.
    pub headers: Vec<(String, String)>,
    /// The URL to send instead, when signing changes it (its query).
    pub url: Option<String>,
    /// The urlencoded fields to send instead, when signing changes them (encoded as the body's
    /// fields are).
    pub form: Option<Vec<(String, String)>>,
}

impl Signed {
    /// Applies these changes to `headers`.
    pub fn apply_headers(&self, headers: &mut Vec<(String, String)>) {
        headers.retain(|(name, _)| {
            !self
                .remove_headers
                .iter()
                .any(|removed| name.eq_ignore_ascii_case(removed))
        });
        for (name, value) in &self.headers {
            match headers
                .iter_mut()
                .find(|(existing, _)| existing.eq_ignore_ascii_case(name))
            {
                Some(existing) => existing.1.clone_from(value),
                None => headers.push((name.clone(), value.clone())),
            }
        }
    }
}

/// Everything but RFC 3986's unreserved characters (`A-Z a-z 0-9 - . _ ~`).
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `text` with everything but unreserved characters percent-encoded (OAuth's and AWS's encoding).
fn rfc3986(text: &str) -> String {
    utf8_percent_encode(text, UNRESERVED).to_string()
}

/// A form value decoded as `application/x-www-form-urlencoded` (`+` is a space); invalid
/// UTF-8 is replaced.
fn form_decode(text: &str) -> String {
    let spaced = text.replace('+', " ");
    percent_decode_str(&spaced).decode_utf8_lossy().into_owned()
}

/// `query` split into its `&`-separated pairs, decoded; a pair without `=` has no value.
fn decode_query(query: &str) -> Vec<(String, Option<String>)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) => (form_decode(name), Some(form_decode(value))),
            None => (form_decode(pair), None),
        })
        .collect()
}

/// The parts of a URL the signers need.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Url<'a> {
    /// `http`, `https`, ... as written.
    scheme: &'a str,
    /// The host without the port, as written.
    hostname: &'a str,
    /// The port written in the URL, if any.
    port: Option<&'a str>,
    /// The path, `/` at least.
    path: &'a str,
    /// The query without its `?`, if there is one.
    query: Option<&'a str>,
}

impl<'a> Url<'a> {
    fn parse(url: &'a str) -> Result<Self, Error> {
        let invalid = || Error::build(format!("cannot sign the request: invalid URL {url:?}"));
        let (scheme, rest) = url.split_once("://").ok_or_else(invalid)?;
        let rest = rest.split('#').next().unwrap_or_default();
        let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, rest) = rest.split_at(authority_end);
        // Credentials in the authority are no part of what is signed.
        let authority = authority.rsplit('@').next().unwrap_or_default();
        let (hostname, port) = match authority.rsplit_once(':') {
            Some((host, port)) if !port.contains(']') => {
                (host, Some(port).filter(|p| !p.is_empty()))
            }
            _ => (authority, None),
        };
        if hostname.is_empty() {
            return Err(invalid());
        }
        let (path, query) = match rest.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (rest, None),
        };
        Ok(Url {
            scheme,
            hostname,
            port,
            path: if path.is_empty() { "/" } else { path },
            query,
        })
    }

    /// The port, when it is not the scheme's default.
    fn explicit_port(&self) -> Option<&'a str> {
        let default = match self.scheme.to_ascii_lowercase().as_str() {
            "http" => "80",
            "https" => "443",
            _ => "",
        };
        self.port.filter(|port| *port != default)
    }

    /// `host[:port]` without a default port.
    fn host(&self) -> String {
        match self.explicit_port() {
            Some(port) => format!("{}:{port}", self.hostname),
            None => self.hostname.to_owned(),
        }
    }

    /// The path and query as sent (`/a?b=c`).
    fn path_and_query(&self) -> String {
        match self.query {
            Some(query) if !query.is_empty() => format!("{}?{query}", self.path),
            _ => self.path.to_owned(),
        }
    }

    /// The URL with `query` as its query (none when empty).
    fn with_query(&self, query: &str) -> String {
        let port = self.port.map(|port| format!(":{port}")).unwrap_or_default();
        let mut url = format!("{}://{}{port}{}", self.scheme, self.hostname, self.path);
        if !query.is_empty() {
            url.push('?');
            url.push_str(query);
        }
        url
    }
}

/// `len` characters of `alphabet` chosen at random.
fn random_string(entropy: &dyn Entropy, alphabet: &[u8], len: usize) -> String {
    (0..len)
        .filter_map(|_| alphabet.get(entropy.below(alphabet.len())))
        .map(|&byte| char::from(byte))
        .collect()
}

/// Seconds since the Unix epoch (0 for a clock before it).
fn unix_seconds(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH)
        .map_or(0, |duration| duration.as_secs())
}

/// The hash functions the schemes use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Hash {
    Md5,
    Sha1,
    Sha256,
    Sha512,
    Sha512_256,
}

impl Hash {
    fn digest(self, data: &[u8]) -> Vec<u8> {
        use sha2::Digest;
        match self {
            Hash::Md5 => md5::Md5::digest(data).to_vec(),
            Hash::Sha1 => sha1::Sha1::digest(data).to_vec(),
            Hash::Sha256 => sha2::Sha256::digest(data).to_vec(),
            Hash::Sha512 => sha2::Sha512::digest(data).to_vec(),
            Hash::Sha512_256 => sha2::Sha512_256::digest(data).to_vec(),
        }
    }

    /// HMAC with this hash (not defined for MD5 and SHA-512/256, which no scheme signs with).
    fn hmac(self, key: &[u8], data: &[u8]) -> Result<Vec<u8>, Error> {
        fn mac<M: Mac + KeyInit>(key: &[u8], data: &[u8]) -> Result<Vec<u8>, Error> {
            let mut mac = <M as KeyInit>::new_from_slice(key)
                .map_err(|err| Error::build_with("cannot sign the request", err))?;
            mac.update(data);
            Ok(mac.finalize().into_bytes().to_vec())
        }
        match self {
            Hash::Sha1 => mac::<hmac::Hmac<sha1::Sha1>>(key, data),
            Hash::Sha256 => mac::<hmac::Hmac<sha2::Sha256>>(key, data),
            Hash::Sha512 => mac::<hmac::Hmac<sha2::Sha512>>(key, data),
            Hash::Md5 | Hash::Sha512_256 => Err(Error::build(
                "cannot sign the request: no HMAC with this hash",
            )),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        let _ = write!(text, "{byte:02x}");
    }
    text
}

fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The first header named `name` (without case).
fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(existing, _)| existing.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::time::Duration;

    /// A fixed clock and a counter for "random" picks.
    pub(super) struct Fixed {
        pub(super) unix: u64,
        pub(super) next: Cell<usize>,
    }

    impl Fixed {
        pub(super) fn at(unix: u64) -> Self {
            Fixed {
                unix,
                next: Cell::new(0),
            }
        }
    }

    impl Entropy for Fixed {
        fn now(&self) -> SystemTime {
            UNIX_EPOCH + Duration::from_secs(self.unix)
        }

        fn below(&self, bound: usize) -> usize {
            let next = self.next.get();
            self.next.set(next + 1);
            next % bound
        }
    }

    #[test]
    fn urls_are_split_into_what_signers_need() {
        let url = Url::parse("https://user:pw@Example.com:8443/a%20b?x=1&y#frag").unwrap();
        assert_eq!(url.scheme, "https");
        assert_eq!(url.hostname, "Example.com");
        assert_eq!(url.port, Some("8443"));
        assert_eq!(url.path, "/a%20b");
        assert_eq!(url.query, Some("x=1&y"));
        assert_eq!(url.host(), "Example.com:8443");
        let plain = Url::parse("http://h:80").unwrap();
        assert_eq!(
            (plain.path, plain.query, plain.host()),
            ("/", None, "h".into())
        );
        assert_eq!(Url::parse("http://[::1]:8080/x").unwrap().hostname, "[::1]");
        assert!(Url::parse("no-scheme").is_err());
        assert!(Url::parse("http:///path").is_err());
    }

    #[test]
    fn queries_decode_as_forms() {
        assert_eq!(
            decode_query("a=1+2&b&&c=%C3%A9%zz&=v"),
            vec![
                ("a".into(), Some("1 2".into())),
                ("b".into(), None),
                ("c".into(), Some("é%zz".into())),
                ("".into(), Some("v".into())),
            ]
        );
        assert_eq!(rfc3986("a b!*'()~é"), "a%20b%21%2A%27%28%29~%C3%A9");
    }

    #[test]
    fn signed_headers_replace_in_place_or_append() {
        let mut headers = vec![
            ("host".to_owned(), "old".to_owned()),
            ("Authorization".to_owned(), "x".to_owned()),
            ("A".to_owned(), "1".to_owned()),
        ];
        let signed = Signed {
            remove_headers: vec!["authorization"],
            headers: vec![
                ("Host".into(), "new".into()),
                ("Authorization".into(), "y".into()),
            ],
            ..Signed::default()
        };
        signed.apply_headers(&mut headers);
        assert_eq!(
            headers,
            vec![
                ("host".to_owned(), "new".to_owned()),
                ("A".to_owned(), "1".to_owned()),
                ("Authorization".to_owned(), "y".to_owned()),
            ]
        );
    }

    #[test]
    fn random_strings_come_from_the_entropy() {
        let fixed = Fixed::at(0);
        assert_eq!(random_string(&fixed, b"abc", 5), "abcab");
        assert_eq!(random_string(&System, b"x", 3), "xxx");
        assert_eq!(unix_seconds(fixed.now()), 0);
    }
}
