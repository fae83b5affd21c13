//! The OAuth 2 token endpoint: the token request for a grant (a form POST, the client's
//! credentials as a basic header or in the body), sending it with the client's HTTP client, and
//! reading the answer (JSON, or a form as some servers send) into a token and its lifetime.

use std::time::{Duration, Instant};

use super::auth::Resolved;
use super::encode::{self, FORM};
use super::error::{AuthError, Error};

/// A token the endpoint gave.
#[derive(Clone)]
pub(crate) struct Fetched {
    pub access: String,
    pub refresh: Option<String>,
    /// When it is to be renewed; `None`: never (the server gave no lifetime).
    pub renew_at: Option<Instant>,
}

/// A token endpoint's answer: status, `Content-Type`, body.
pub(crate) type Answer = (http::StatusCode, String, Vec<u8>);

/// Sends a token request with `http` and reads the answer.
pub(crate) async fn exchange_async(
    http: &reqwest::Client,
    request: http::Request<Vec<u8>>,
) -> Result<Answer, Error> {
    let url = request.uri().to_string();
    let unreachable = |err: reqwest::Error| {
        Error::Auth(AuthError::new(
            format!("cannot reach the token endpoint {url}"),
            None,
            None,
            Some(Box::new(err)),
        ))
    };
    let request = reqwest::Request::try_from(request).map_err(unreachable)?;
    let response = http.execute(request).await.map_err(unreachable)?;
    let status = response.status();
    let content_type = content_type(response.headers());
    let body = response.bytes().await.map_err(unreachable)?;
    Ok((status, content_type, body.to_vec()))
}

/// Sends a token request with the blocking `http` and reads the answer.
#[cfg(feature = "blocking")]
pub(crate) fn exchange_blocking(
    http: &reqwest::blocking::Client,
    request: http::Request<Vec<u8>>,
) -> Result<Answer, Error> {
    let url = request.uri().to_string();
    let unreachable = |err: reqwest::Error| {
        Error::Auth(AuthError::new(
            format!("cannot reach the token endpoint {url}"),
            None,
            None,
            Some(Box::new(err)),
        ))
    };
    let request = reqwest::blocking::Request::try_from(request).map_err(unreachable)?;
    let response = http.execute(request).map_err(unreachable)?;
    let status = response.status();
    let content_type = content_type(response.headers());
    let body = response.bytes().map_err(unreachable)?;
    Ok((status, content_type, body.to_vec()))
}

fn content_type(headers: &http::HeaderMap) -> String {
    headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Whether the collection's grant can be fetched without a browser.
pub(crate) fn grant_fetchable(auth: &Resolved) -> bool {
    matches!(
        auth.text("grant_type"),
        "client_credentials" | "password_credentials" | "password"
    ) && !auth.text("accessTokenUrl").is_empty()
}

/// Whether a token can be fetched for `auth`: its grant, or a refresh token it stores.
pub(crate) fn fetchable(auth: &Resolved) -> bool {
    let has_url =
        !auth.text("refreshTokenUrl").is_empty() || !auth.text("accessTokenUrl").is_empty();
    grant_fetchable(auth) || (!auth.text("refreshToken").is_empty() && has_url)
}

/// The collection's extra parameters of a token request (Postman's advanced options), as the
/// generated code names them: `tokenRequestParams:PLACE:KEY`, PLACE being `body`, `header` or
/// `url`.
pub(crate) const TOKEN_PARAMS: &str = "tokenRequestParams";

/// The same for the request that renews a token.
pub(crate) const REFRESH_PARAMS: &str = "refreshRequestParams";

pub(crate) enum Grant<'a> {
    /// The collection's `grant_type`.
    Configured,
    /// `refresh_token` with this token.
    Refresh(&'a str),
}

/// The token request for `grant`: a form POST to the token URL, with the client's
/// credentials as a basic `Authorization` header or in the body, as `client_authentication`
/// says, and the collection's extra parameters for it (`tokenRequestParams`, or
/// `refreshRequestParams` to renew a token) in the body, a header or the URL's query.
pub(crate) fn token_request(
    auth: &Resolved,
    grant: Grant<'_>,
) -> Result<http::Request<Vec<u8>>, Error> {
    let mut form: Vec<(&str, &str)> = Vec::new();
    let extra = match grant {
        Grant::Refresh(_) => REFRESH_PARAMS,
        Grant::Configured => TOKEN_PARAMS,
    };
    let url = match grant {
        Grant::Refresh(token) => {
            form.push(("grant_type", "refresh_token"));
            form.push(("refresh_token", token));
            match auth.text("refreshTokenUrl") {
                "" => auth.text("accessTokenUrl"),
                url => url,
            }
        }
        Grant::Configured => {
            if auth.text("grant_type") == "client_credentials" {
                form.push(("grant_type", "client_credentials"));
            } else {
                form.push(("grant_type", "password"));
                form.push(("username", auth.text("username")));
                form.push(("password", auth.text("password")));
            }
            auth.text("accessTokenUrl")
        }
    };
    if !auth.text("scope").is_empty() {
        form.push(("scope", auth.text("scope")));
    }
    let (id, secret) = (auth.text("clientId"), auth.text("clientSecret"));
    let in_body = auth.text("client_authentication") == "body";
    if in_body {
        form.push(("client_id", id));
        if !secret.is_empty() {
            form.push(("client_secret", secret));
        }
    }
    let mut url = url.to_owned();
    let mut headers: Vec<(&str, &str)> = Vec::new();
    for (place_and_name, value) in auth.prefixed(extra) {
        match place_and_name.split_once(':') {
            Some(("header", name)) => headers.push((name, value)),
            Some(("url", name)) => {
                url.push(if url.contains('?') { '&' } else { '?' });
                url.push_str(&encode::encode(name, FORM));
                url.push('=');
                url.push_str(&encode::encode(value, FORM));
            }
            Some((_, name)) => form.push((name, value)),
            None => {}
        }
    }
    let body = form
        .iter()
        .map(|(key, value)| {
            format!(
                "{}={}",
                encode::encode(key, FORM),
                encode::encode(value, FORM)
            )
        })
        .collect::<Vec<_>>()
        .join("&");
    let mut builder = http::Request::post(url.as_str())
        .header(
            http::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .header(http::header::ACCEPT, "application/json");
    let has_client = !id.is_empty() || !secret.is_empty();
    if !in_body && has_client {
        use base64::Engine as _;
        let credentials =
            base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"));
        builder = builder.header(http::header::AUTHORIZATION, format!("Basic {credentials}"));
    }
    for (name, value) in headers {
        builder = builder.header(name, value);
    }
    builder.body(body.into_bytes()).map_err(|err| {
        Error::Auth(AuthError::new(
            format!("invalid token request to {url:?} (its URL, or an extra header)"),
            None,
            None,
            Some(Box::new(err)),
        ))
    })
}

/// The token in a token endpoint's answer (JSON, or a form as some servers send), or an error
/// with the server's answer.
pub(crate) fn read_answer(
    auth: &Resolved,
    answer: &Answer,
    refreshed: Option<&str>,
) -> Result<Fetched, Error> {
    let (status, content_type, body) = answer;
    let text = String::from_utf8_lossy(body).into_owned();
    let url = auth.text("accessTokenUrl");
    if !status.is_success() {
        return Err(Error::Auth(AuthError::new(
            format!("the token endpoint {url} refused"),
            Some(*status),
            Some(text),
            None,
        )));
    }
    let fields: Vec<(String, String)> =
        if content_type.starts_with("application/x-www-form-urlencoded") {
            text.split('&')
                .filter_map(|pair| pair.split_once('='))
                .map(|(key, value)| (form_decode(key), form_decode(value)))
                .collect()
        } else {
            match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(serde_json::Value::Object(object)) => object
                    .into_iter()
                    .filter_map(|(key, value)| match value {
                        serde_json::Value::String(text) => Some((key, text)),
                        serde_json::Value::Number(number) => Some((key, number.to_string())),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            }
        };
    let field = |name: &str| {
        fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .filter(|value| !value.is_empty())
    };
    let Some(access) = field("access_token") else {
        return Err(Error::Auth(AuthError::new(
            format!("the token endpoint {url} answered without an access_token"),
            Some(*status),
            Some(text),
            None,
        )));
    };
    let renew_at = field("expires_in")
        .and_then(|seconds| seconds.parse::<f64>().ok())
        .filter(|seconds| seconds.is_finite() && *seconds >= 0.0)
        .map(|seconds| {
            let lifetime = Duration::from_secs_f64(seconds.min(10.0 * 365.0 * 86_400.0));
            // Renewed a little early: a tenth of its lifetime, at most a minute.
            let early = (lifetime / 10).min(Duration::from_secs(60));
            Instant::now() + (lifetime - early)
        });
    Ok(Fetched {
        access: access.to_owned(),
        refresh: field("refresh_token").or(refreshed).map(str::to_owned),
        renew_at,
    })
}

fn form_decode(text: &str) -> String {
    let text = text.replace('+', " ");
    percent_encoding::percent_decode_str(&text)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests;
