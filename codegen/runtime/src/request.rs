//! The trait every generated request implements, and the parts it describes itself with.

use std::borrow::Cow;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};

use super::auth::{Auth, NO_AUTH};
use super::body::{Body, FileSource, Multipart};
use super::error::Error;
use super::params::Params;
use super::response::{Decode, RawResponse};
use super::template::Variables;

/// A request of the collection whose variables are `V`: describes itself as [`Parts`], which
/// a [`Client`](super::Client) of that collection (a `Client<V>`, and no other) turns into
/// HTTP, and decodes its responses.
pub trait Request<V: Variables> {
    /// The body of a success (2xx): the type of the collection's examples of it, or
    /// [`ResponseBody`](super::ResponseBody) without examples.
    type Success: Decode;
    /// The body of an error response ([`Error::Status`]): an enum over the statuses the
    /// collection has examples of, or [`ResponseBody`](super::ResponseBody) without examples.
    type Failure: Decode;

    /// What this request sends. `{{variables}}` written in the collection stay unresolved
    /// here; the client resolves them when it builds the request.
    ///
    /// # Errors
    ///
    /// When the body cannot be serialized.
    fn parts(&self) -> Result<Parts<'_>, Error>;

    /// The request's name, as traces and logs show it: its type's name
    /// (`GetARepository`), unless the implementation says otherwise.
    fn name(&self) -> &'static str {
        let path = std::any::type_name::<Self>();
        path.rsplit("::").next().unwrap_or(path)
    }

    /// Decodes a response to this request: a success (2xx) as [`Request::Success`], any other
    /// status as [`Request::Failure`].
    fn decode(&self, response: &RawResponse<'_>) -> Decoded<Self, V> {
        if response.status.is_success() {
            <Self::Success as Decode>::decode(response).map(Ok)
        } else {
            <Self::Failure as Decode>::decode(response).map(Err)
        }
    }

    /// This request with `auth` instead of the auth the collection gives it (which the
    /// client's [`Client::with_auth`](super::Client::with_auth) would otherwise replace).
    fn with_auth(&self, auth: Auth) -> WithAuth<'_, Self>
    where
        Self: Sized,
    {
        WithAuth {
            request: self,
            auth,
        }
    }

    /// This request without auth, whatever the collection or the client says.
    fn without_auth(&self) -> WithAuth<'_, Self>
    where
        Self: Sized,
    {
        self.with_auth(Auth::NONE)
    }
}

/// A request sent with an auth of your choice: [`Request::with_auth`].
#[derive(Debug)]
pub struct WithAuth<'r, R: ?Sized> {
    request: &'r R,
    auth: Auth,
}

impl<V: Variables, R: Request<V> + ?Sized> Request<V> for WithAuth<'_, R> {
    type Success = R::Success;
    type Failure = R::Failure;

    fn parts(&self) -> Result<Parts<'_>, Error> {
        let mut parts = self.request.parts()?;
        parts.auth = &self.auth;
        parts.auth_given = true;
        Ok(parts)
    }

    fn decode(&self, response: &RawResponse<'_>) -> Decoded<Self, V> {
        self.request.decode(response)
    }
}

/// What [`Request::decode`] gives: the body of a success (`Ok`) or of an error response
/// (`Err`), or why the body could not be decoded.
pub type Decoded<R, V> = Result<
    Result<<R as Request<V>>::Success, <R as Request<V>>::Failure>,
    super::error::DecodeError,
>;

/// What a request sends, borrowed from it, before the client resolves variables and encodes.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Parts<'a> {
    /// The HTTP method, as written in the collection (custom methods included).
    pub method: &'static str,
    /// `scheme://host[:port]` from the collection; a client's base URL replaces it.
    pub origin: &'static str,
    /// The path: path parameters are already percent-encoded; the rest is encoded as Postman
    /// encodes it when the request is built.
    pub path: String,
    /// Query parameters, in order.
    pub query: &'a Params,
    /// Headers, in order.
    pub headers: &'a Params,
    /// The body.
    pub body: Body<'a>,
    /// The auth that applies: the request's own, else its folder's, else the collection's.
    pub auth: &'a Auth,
    /// Whether `auth` was chosen for this request by the caller ([`Request::with_auth`]),
    /// over the client's [`Client::with_auth`](super::Client::with_auth).
    pub auth_given: bool,
}

/// No query parameters or headers.
static NONE: Params = Params::new();

impl<'a> Parts<'a> {
    /// Parts without query parameters, headers or a body.
    pub fn new(method: &'static str, origin: &'static str, path: impl Into<String>) -> Self {
        Parts {
            method,
            origin,
            path: path.into(),
            query: &NONE,
            headers: &NONE,
            body: Body::None,
            auth: &NO_AUTH,
            auth_given: false,
        }
    }

    /// With `auth`, the collection's auth for this request.
    pub fn auth(mut self, auth: &'a Auth) -> Self {
        self.auth = auth;
        self
    }

    /// With these query parameters and headers.
    pub fn lists(mut self, query: &'a Params, headers: &'a Params) -> Self {
        self.query = query;
        self.headers = headers;
        self
    }

    /// With `body`.
    pub fn body(mut self, body: Body<'a>) -> Self {
        self.body = body;
        self
    }

    /// With a JSON body serialized from `value`.
    ///
    /// # Errors
    ///
    /// When `value` cannot be serialized as JSON.
    pub fn json<T: Serialize + ?Sized>(self, value: &T) -> Result<Self, Error> {
        let bytes = serde_json::to_vec(value)
            .map_err(|err| Error::build_with("cannot serialize the JSON body", err))?;
        Ok(self.body(Body::Bytes(Cow::Owned(bytes))))
    }

    /// With a JSON body: `given` serialized when set, else the collection's `template` (JSON
    /// written with `{{variables}}`, sent as written once they are resolved).
    ///
    /// # Errors
    ///
    /// When `given` cannot be serialized as JSON.
    pub fn json_or_template<T: Serialize>(
        self,
        given: Option<&T>,
        template: &'static str,
    ) -> Result<Self, Error> {
        match given {
            Some(value) => self.json(value),
            None => Ok(self.body(Body::Template(template))),
        }
    }

    /// With a text body: `given` when set, else the collection's `template`.
    pub fn text(self, given: Option<&'a str>, template: &'static str) -> Self {
        self.body(match given {
            Some(text) => Body::Bytes(Cow::Borrowed(text.as_bytes())),
            None => Body::Template(template),
        })
    }

    /// With urlencoded form fields.
    pub fn form(self, fields: &'a Params) -> Self {
        self.body(Body::Form(fields))
    }

    /// With multipart parts.
    pub fn multipart(self, parts: &'a Multipart) -> Self {
        self.body(Body::Multipart(parts))
    }

    /// With a file as the body.
    pub fn file(self, file: &'a FileSource) -> Self {
        self.body(Body::File(file))
    }
}

/// The collection's example body, `json`, as its type. The generator writes only samples that
/// fit the type (the round-trip test of the generator proves it); if one ever did not, the body
/// would be the type's default rather than a panic in the caller's code.
pub fn example<T: DeserializeOwned + Default>(json: &str) -> T {
    serde_json::from_str(json).unwrap_or_default()
}

/// Reads a field that is there, `null` included, as `Some`: with `#[serde(default)]` a missing
/// field is `None` and a `null` one `Some(None)` (or `Some(Value::Null)`), so that a body field
/// set to `null` is sent as `null`. For `#[serde(deserialize_with = "...")]`.
///
/// # Errors
///
/// When the value is not a `T`.
pub fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}
