//! Responses: what a request's answer is decoded into. A generated body type decodes as JSON;
//! without examples a body is decoded by its `Content-Type` ([`ResponseBody`]); an enum over a
//! request's documented statuses decodes each status as its own type.

use serde::de::DeserializeOwned;

use super::error::DecodeError;

/// A response: status, headers and decoded body.
#[derive(Clone, Debug, PartialEq)]
pub struct Response<T> {
    /// The status code.
    pub status: http::StatusCode,
    /// The response headers.
    pub headers: http::HeaderMap,
    /// The decoded body.
    pub body: T,
}

/// A response body decoded by its `Content-Type`.
#[derive(Clone, Debug, PartialEq)]
pub enum ResponseBody {
    /// No body.
    Empty,
    /// A JSON body (`application/json` or `+json`).
    Json(serde_json::Value),
    /// A text body (`text/*`, XML, JavaScript), valid UTF-8.
    Text(String),
    /// Any other body.
    Bytes(Vec<u8>),
}

/// A response as received, before its body is decoded.
#[derive(Clone, Copy, Debug)]
pub struct RawResponse<'a> {
    /// The status code.
    pub status: http::StatusCode,
    /// The response headers.
    pub headers: &'a http::HeaderMap,
    /// The body bytes.
    pub body: &'a [u8],
}

impl RawResponse<'_> {
    /// The body as JSON of type `T` (an empty body reads as `null`).
    ///
    /// # Errors
    ///
    /// When the body is not JSON of that type.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, DecodeError> {
        let body: &[u8] = if self.body.is_empty() {
            b"null"
        } else {
            self.body
        };
        serde_json::from_slice(body).map_err(|err| {
            DecodeError::new(
                "the body does not match the type of its examples",
                Some(err),
            )
        })
    }

    /// The body decoded by its `Content-Type`: JSON as a JSON value, text as text, anything
    /// else as bytes.
    ///
    /// # Errors
    ///
    /// When the content type says JSON and the body is not.
    pub fn body(&self) -> Result<ResponseBody, DecodeError> {
        if self.body.is_empty() {
            return Ok(ResponseBody::Empty);
        }
        let content_type = self
            .headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_ascii_lowercase();
        if content_type.contains("json") {
            serde_json::from_slice(self.body)
                .map(ResponseBody::Json)
                .map_err(|err| {
                    DecodeError::new("the body is not the JSON its content type says", Some(err))
                })
        } else if content_type.starts_with("text/")
            || content_type.contains("xml")
            || content_type.contains("javascript")
        {
            Ok(match String::from_utf8(self.body.to_vec()) {
                Ok(text) => ResponseBody::Text(text),
                Err(err) => ResponseBody::Bytes(err.into_bytes()),
            })
        } else {
            Ok(ResponseBody::Bytes(self.body.to_vec()))
        }
    }
}

/// A body type of responses: decodes itself from a response.
///
/// Types from a collection's examples decode as JSON (the impl for every `DeserializeOwned`
/// type); [`ResponseBody`] by content type; the enums a generated client defines over a
/// request's statuses match the status to a variant.
pub trait Decode: Sized {
    /// The body of `response` as this type.
    ///
    /// # Errors
    ///
    /// When the body is not one.
    fn decode(response: &RawResponse<'_>) -> Result<Self, DecodeError>;
}

impl<T: DeserializeOwned> Decode for T {
    fn decode(response: &RawResponse<'_>) -> Result<Self, DecodeError> {
        response.json()
    }
}

impl Decode for ResponseBody {
    fn decode(response: &RawResponse<'_>) -> Result<Self, DecodeError> {
        response.body()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw<'a>(headers: &'a http::HeaderMap, body: &'a [u8]) -> RawResponse<'a> {
        RawResponse {
            status: http::StatusCode::OK,
            headers,
            body,
        }
    }

    fn typed(content_type: &str) -> http::HeaderMap {
        let mut headers = http::HeaderMap::new();
        if let Ok(value) = http::HeaderValue::from_str(content_type) {
            headers.insert(http::header::CONTENT_TYPE, value);
        }
        headers
    }

    #[test]
    fn bodies_without_a_type_decode_by_content_type() {
        let json = typed("application/problem+json");
        assert_eq!(
            raw(&json, br#"{"a":1}"#).body().ok(),
            Some(ResponseBody::Json(serde_json::json!({"a": 1})))
        );
        assert!(raw(&json, b"<html>").body().is_err());
        let text = typed("text/plain; charset=utf-8");
        assert_eq!(
            raw(&text, b"hi").body().ok(),
            Some(ResponseBody::Text("hi".into()))
        );
        let other = typed("image/png");
        assert_eq!(
            raw(&other, b"\x89PNG").body().ok(),
            Some(ResponseBody::Bytes(b"\x89PNG".to_vec()))
        );
        assert_eq!(raw(&other, b"").body().ok(), Some(ResponseBody::Empty));
    }

    #[test]
    fn typed_bodies_decode_as_json_and_an_empty_one_as_null() {
        let headers = http::HeaderMap::new();
        assert_eq!(
            <Vec<u8> as Decode>::decode(&raw(&headers, b"[1,2]")).ok(),
            Some(vec![1, 2])
        );
        assert_eq!(
            <Option<u8> as Decode>::decode(&raw(&headers, b"")).ok(),
            Some(None)
        );
        assert!(<u8 as Decode>::decode(&raw(&headers, b"\"x\"")).is_err());
    }
}
