//! AWS Signature Version 4 as postman-runtime signs (with the `aws4` library): the
//! `Authorization`, `X-Amz-Date`, `X-Amz-Security-Token` and `X-Amz-Content-Sha256` headers,
//! or the `X-Amz-*` query parameters of a presigned URL.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::super::values::civil_date;
use super::Error;
use super::{decode_query, header, hex, rfc3986, Entropy, Hash, Message, Signed, Url};

/// The parameters of an `awsv4` auth, resolved; an empty string is a parameter not given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Aws {
    /// `accessKey`.
    pub access_key: String,
    /// `secretKey`.
    pub secret_key: String,
    /// `sessionToken`: sent as `X-Amz-Security-Token` when not empty.
    pub session_token: String,
    /// `region`: `us-east-1` when empty.
    pub region: String,
    /// `service`: `execute-api` (API Gateway) when empty.
    pub service: String,
    /// `addAuthDataToQuery`: sign the URL (a presigned URL) instead of adding headers.
    pub add_auth_data_to_query: bool,
}

impl Aws {
    /// Signature v4 with these credentials, the default region and service, in headers.
    pub fn new(access_key: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Aws {
            access_key: access_key.into(),
            secret_key: secret_key.into(),
            ..Aws::default()
        }
    }
}

/// Headers the signature leaves out (as `aws4` does).
const UNSIGNED: [&str; 7] = [
    "authorization",
    "connection",
    "x-amzn-trace-id",
    "user-agent",
    "expect",
    "presigned-expires",
    "range",
];

/// Query parameters Postman removes before signing.
const REMOVED_QUERY: [&str; 6] = [
    "X-Amz-Security-Token",
    "X-Amz-Date",
    "X-Amz-Algorithm",
    "X-Amz-Credential",
    "X-Amz-SignedHeaders",
    "X-Amz-Signature",
];

const CONTENT_SHA256: &str = "X-Amz-Content-Sha256";

/// Signs `message` with `params` at the time of the request's `Date` header, if it has one
/// (as `aws4` does), else now.
///
/// # Errors
///
/// When the URL cannot be read or the `Date` header is not a date.
pub fn sign(message: &Message<'_>, params: &Aws, entropy: &dyn Entropy) -> Result<Signed, Error> {
    let service = match params.service.as_str() {
        "" => "execute-api",
        "email" => "ses",
        other => other,
    };
    let s3 = service == "s3";
    let region = if params.region.is_empty() {
        "us-east-1"
    } else {
        &params.region
    };
    let url = Url::parse(message.url)?;
    let mut out = Signed {
        remove_headers: vec![
            "Authorization",
            "X-Amz-Date",
            "X-Amz-Security-Token",
            CONTENT_SHA256,
        ],
        ..Signed::default()
    };
    let mut headers: Vec<(String, String)> = message.headers.to_vec();
    out.apply_headers(&mut headers);

    // The query without the parameters a previous signature left, as sent otherwise.
    let kept: Vec<&str> = url
        .query
        .unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter(|pair| {
            let name = pair.split('=').next().unwrap_or_default();
            !REMOVED_QUERY.contains(&name)
        })
        .collect();
    let mut query = kept.join("&");

    let datetime = match header(&headers, "date") {
        Some(date) => amz_datetime(parse_date(date)?),
        None => amz_datetime(entropy.now()),
    };
    let date = &datetime[..8];
    let scope = format!("{date}/{region}/{service}/aws4_request");
    let credential = format!("{}/{scope}", params.access_key);

    let mut added: Vec<(String, String)> = Vec::new();
    // The body's hash, in headers only, for a body that has bytes to hash.
    let hashed = message
        .body
        .hashed()
        .filter(|_| !params.add_auth_data_to_query && !message.body.is_empty());
    if let Some(bytes) = hashed {
        added.push((CONTENT_SHA256.to_owned(), hex(&Hash::Sha256.digest(bytes))));
    }
    if header(&headers, "host").is_none() {
        added.push(("Host".to_owned(), url.host()));
    }
    let mut presigned: Vec<(&str, String)> = Vec::new();
    if params.add_auth_data_to_query {
        let decoded = decode_query(&query);
        let has = |name: &str| decoded.iter().any(|(key, _)| key == name);
        if !params.session_token.is_empty() {
            presigned.push(("X-Amz-Security-Token", params.session_token.clone()));
        }
        if s3 && !has("X-Amz-Expires") {
            presigned.push(("X-Amz-Expires", "86400".to_owned()));
        }
        presigned.push(("X-Amz-Date", datetime.clone()));
        presigned.push(("X-Amz-Algorithm", "AWS4-HMAC-SHA256".to_owned()));
        presigned.push(("X-Amz-Credential", credential.clone()));
    } else {
        if !params.session_token.is_empty() {
            added.push((
                "X-Amz-Security-Token".to_owned(),
                params.session_token.clone(),
            ));
        }
        if s3 && !added.iter().any(|(name, _)| name == CONTENT_SHA256) {
            added.push((CONTENT_SHA256.to_owned(), hex(&Hash::Sha256.digest(b""))));
        }
        added.push(("X-Amz-Date".to_owned(), datetime.clone()));
    }
    headers.extend(added.iter().cloned());

    let signed = canonical_headers(&headers);
    let signed_names = signed
        .iter()
        .map(|(name, _)| name.as_str())
        .collect::<Vec<_>>()
        .join(";");
    if params.add_auth_data_to_query {
        presigned.push(("X-Amz-SignedHeaders", signed_names.clone()));
    }
    let path_and_query = if query.is_empty() {
        url.path.to_owned()
    } else {
        format!("{}?{query}", url.path)
    };
    let (path, mut signed_query) = split_path(&path_and_query);
    for (name, value) in &presigned {
        if !signed_query.is_empty() {
            signed_query.push('&');
        }
        signed_query.push_str(&format!("{name}={}", rfc3986(value)));
    }
    let payload_hash = if params.add_auth_data_to_query && s3 {
        "UNSIGNED-PAYLOAD".to_owned()
    } else {
        header(&headers, CONTENT_SHA256)
            .map_or_else(|| hex(&Hash::Sha256.digest(b"")), str::to_owned)
    };
    let canonical_headers: String = signed
        .iter()
        .map(|(name, value)| format!("{name}:{value}\n"))
        .collect();
    let canonical = [
        message.method,
        &canonical_path(&path, s3),
        &canonical_query(&signed_query, s3),
        &canonical_headers,
        &signed_names,
        &payload_hash,
    ]
    .join("\n");
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{datetime}\n{scope}\n{}",
        hex(&Hash::Sha256.digest(canonical.as_bytes()))
    );
    let mut key = Hash::Sha256.hmac(
        format!("AWS4{}", params.secret_key).as_bytes(),
        date.as_bytes(),
    )?;
    for part in [region, service, "aws4_request"] {
        key = Hash::Sha256.hmac(&key, part.as_bytes())?;
    }
    let signature = hex(&Hash::Sha256.hmac(&key, string_to_sign.as_bytes())?);

    out.headers = added;
    if params.add_auth_data_to_query {
        presigned.push(("X-Amz-Signature", signature));
        let present = decode_query(&query);
        for (name, value) in presigned {
            if present.iter().any(|(key, _)| key == name) {
                continue;
            }
            if !query.is_empty() {
                query.push('&');
            }
            query.push_str(&format!("{name}={}", rfc3986(&value)));
        }
    } else {
        out.headers.push((
            "Authorization".to_owned(),
            format!(
                "AWS4-HMAC-SHA256 Credential={credential}, SignedHeaders={signed_names}, \
                 Signature={signature}"
            ),
        ));
    }
    out.url = Some(url.with_query(&query));
    Ok(out)
}

/// The signed headers: names in lower case, sorted, values trimmed with inner whitespace
/// collapsed; repeated names joined with `,`.
fn canonical_headers(headers: &[(String, String)]) -> Vec<(String, String)> {
    let mut signed: Vec<(String, String)> = Vec::new();
    for (name, value) in headers {
        let name = name.to_ascii_lowercase();
        if UNSIGNED.contains(&name.as_str()) {
            continue;
        }
        match signed.iter_mut().find(|(existing, _)| *existing == name) {
            Some((_, existing)) => {
                existing.push(',');
                existing.push_str(value);
            }
            None => signed.push((name, value.clone())),
        }
    }
    for (_, value) in &mut signed {
        *value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    signed.sort_by(|a, b| a.0.cmp(&b.0));
    signed
}

/// What `encodeURI` leaves alone.
const ENCODE_URI: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b';')
    .remove(b',')
    .remove(b'/')
    .remove(b'?')
    .remove(b':')
    .remove(b'@')
    .remove(b'&')
    .remove(b'=')
    .remove(b'+')
    .remove(b'$')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'#');

/// The path and the query, after `aws4` re-encodes a path with characters a URI may not hold
/// (`encodeURI(decodeURI(path))`).
fn split_path(path_and_query: &str) -> (String, String) {
    let allowed = |c: char| c.is_ascii_alphanumeric() || ";,/?:@&=+$-_.!~*'()#%".contains(c);
    let text = if path_and_query.chars().all(allowed) {
        path_and_query.to_owned()
    } else {
        let mut decoded = Vec::new();
        let bytes = path_and_query.as_bytes();
        let mut index = 0;
        while let Some(&byte) = bytes.get(index) {
            let escaped = bytes
                .get(index + 1..index + 3)
                .and_then(|hex| std::str::from_utf8(hex).ok())
                .and_then(|hex| u8::from_str_radix(hex, 16).ok());
            match escaped {
                // decodeURI keeps the escapes of reserved characters.
                Some(value) if byte == b'%' && !b";/?:@&=+$,#".contains(&value) => {
                    decoded.push(value);
                    index += 3;
                }
                _ => {
                    decoded.push(byte);
                    index += 1;
                }
            }
        }
        utf8_percent_encode(&String::from_utf8_lossy(&decoded), ENCODE_URI).to_string()
    };
    match text.split_once('?') {
        Some((path, query)) => (path.to_owned(), query.to_owned()),
        None => (text, String::new()),
    }
}

/// The canonical URI: segments encoded again; outside S3 `.`, `..` and empty segments are
/// resolved, in S3 segments are decoded first and `/` stays.
fn canonical_path(path: &str, s3: bool) -> String {
    if path == "/" {
        return path.to_owned();
    }
    let collapsed;
    let path = if s3 {
        path
    } else {
        let mut text = String::with_capacity(path.len());
        for c in path.chars() {
            if !(c == '/' && text.ends_with('/')) {
                text.push(c);
            }
        }
        collapsed = text;
        &collapsed
    };
    let mut segments: Vec<String> = Vec::new();
    for piece in path.split('/') {
        if !s3 && piece == ".." {
            segments.pop();
        } else if s3 || piece != "." {
            let piece = if s3 {
                percent_decode_str(&piece.replace('+', " "))
                    .decode_utf8_lossy()
                    .into_owned()
            } else {
                piece.to_owned()
            };
            segments.push(rfc3986(&piece));
        }
    }
    let mut canonical = segments.join("/");
    if !canonical.starts_with('/') {
        canonical.insert(0, '/');
    }
    if s3 {
        canonical = canonical.replace("%2F", "/");
    }
    canonical
}

/// The canonical query: names and values decoded and encoded again, sorted by name, values of
/// one name sorted (S3: its first value only); empty names left out.
fn canonical_query(query: &str, s3: bool) -> String {
    let mut names: Vec<(String, Vec<String>)> = Vec::new();
    for (name, value) in decode_query(query) {
        if name.is_empty() {
            continue;
        }
        let name = rfc3986(&name);
        let value = value.unwrap_or_default();
        match names.iter_mut().find(|(existing, _)| *existing == name) {
            Some((_, values)) => values.push(value),
            None => names.push((name, vec![value])),
        }
    }
    names.sort_by(|a, b| a.0.cmp(&b.0));
    let mut pieces = Vec::new();
    for (name, values) in names {
        let mut values: Vec<String> = values.iter().map(|value| rfc3986(value)).collect();
        if s3 {
            values.truncate(1);
        } else {
            values.sort();
        }
        pieces.extend(values.into_iter().map(|value| format!("{name}={value}")));
    }
    pieces.join("&")
}

/// A `Date` header's time: an HTTP date (`Wed, 09 Sep 2015 12:36:00 GMT`, the weekday not
/// checked, as JavaScript's `Date` does not), or ISO 8601 (`2015-09-09T12:36:00Z`).
fn parse_date(text: &str) -> Result<SystemTime, Error> {
    let text = text.trim();
    http_date(text).or_else(|| iso8601(text)).ok_or_else(|| {
        Error::build(format!(
            "cannot sign the request with AWS Signature v4: the Date header {text:?} is not a date"
        ))
    })
}

/// `[Www, ]DD Mon YYYY HH:MM:SS GMT`.
fn http_date(text: &str) -> Option<SystemTime> {
    let text = text.split_once(", ").map_or(text, |(_, rest)| rest);
    let mut words = text.split_ascii_whitespace();
    let day = words.next()?.parse::<u64>().ok()?;
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = words.next()?;
    let month = MONTHS
        .iter()
        .position(|name| name.eq_ignore_ascii_case(month))? as u64
        + 1;
    let year = words.next()?;
    let time = words.next()?;
    if !matches!(words.next(), Some("GMT" | "UTC") | None) || words.next().is_some() {
        return None;
    }
    iso8601(&format!("{year}-{month}-{day}T{time}Z"))
}

/// `YYYY-MM-DDTHH:MM:SS[.fff]Z`.
fn iso8601(text: &str) -> Option<SystemTime> {
    let text = text.strip_suffix('Z')?;
    let (date, time) = text.split_once('T')?;
    let mut date = date.split('-').map(str::parse::<u64>);
    let (year, month, day) = (date.next()?.ok()?, date.next()?.ok()?, date.next()?.ok()?);
    let time = time.split('.').next()?;
    let mut time = time.split(':').map(str::parse::<u64>);
    let (hour, minute, second) = (time.next()?.ok()?, time.next()?.ok()?, time.next()?.ok()?);
    if !(1970..=9999).contains(&year)
        || !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(UNIX_EPOCH + Duration::from_secs(days * 86_400 + hour * 3600 + minute * 60 + second))
}

/// `YYYYMMDDTHHMMSSZ` (UTC).
fn amz_datetime(time: SystemTime) -> String {
    let seconds = time
        .duration_since(UNIX_EPOCH)
        .map_or(0, |duration| duration.as_secs());
    let (year, month, day) = civil_date(seconds / 86_400);
    let rest = seconds % 86_400;
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// Days since 1970-01-01 of a date in the proleptic Gregorian calendar (from 1970 on).
fn days_from_civil(year: u64, month: u64, day: u64) -> u64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year / 400;
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    (era * 146_097 + day_of_era).saturating_sub(719_468)
}

#[cfg(test)]
mod tests;
