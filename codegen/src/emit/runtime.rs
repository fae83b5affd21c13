//! The items every generated file shares, emitted once per file: the `Request` trait and its
//! parts, the client that builds and sends requests, responses and errors, and the helpers that
//! resolve `{{variables}}` and percent-encode as Postman does.
//!
//! Everything here is fixed text; nothing from the input reaches these tokens.

use proc_macro2::TokenStream;
use quote::quote;

pub fn runtime() -> TokenStream {
    let request = request_items();
    let client = client_items();
    let response = response_items();
    let helpers = helper_module();
    quote! { #request #client #response #helpers }
}

fn request_items() -> TokenStream {
    quote! {
        /// A request of this API: describes itself as [`RequestParts`], which the [`Client`]
        /// turns into HTTP.
        pub trait Request {
            /// The body of a success (2xx): the type of the collection's examples of it, or
            /// [`ResponseBody`] without examples.
            type Success: Decode;
            /// The body of an error response ([`Error::Status`]): an enum over the statuses
            /// the collection has examples of, or [`ResponseBody`] without examples.
            type Failure: Decode;

            /// What this request sends. `{{variables}}` written in the collection stay
            /// unresolved here; the client resolves them when it builds the request.
            fn parts(&self) -> ::std::result::Result<RequestParts, Error>;

            /// Decodes a response to this request: a success (2xx) as [`Request::Success`],
            /// any other status as [`Request::Failure`].
            fn decode(&self, response: &RawResponse<'_>) -> Decoded<Self> {
                if response.status.is_success() {
                    <Self::Success as Decode>::decode(response).map(::std::result::Result::Ok)
                } else {
                    <Self::Failure as Decode>::decode(response).map(::std::result::Result::Err)
                }
            }
        }

        /// A text of a request: written in the collection (its `{{variables}}` are resolved
        /// when the request is built) or given by the caller (sent exactly as given).
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum Text {
            /// Text from the collection, with `{{variables}}` to resolve.
            Template(&'static str),
            /// Text given by the caller, sent as it is.
            Given(::std::string::String),
        }

        /// What a request sends, before the client resolves variables and encodes it.
        #[derive(Clone, Debug, PartialEq, Eq)]
        #[non_exhaustive]
        pub struct RequestParts {
            /// The HTTP method, as written in the collection (custom methods included).
            pub method: &'static str,
            /// `scheme://host[:port]` from the collection; a client's base URL replaces it.
            pub origin: &'static str,
            /// The path: path parameters are already percent-encoded; the rest is encoded as
            /// Postman encodes it when the request is built.
            pub path: ::std::string::String,
            /// Query parameters in order; `None` sends the key alone.
            pub query: ::std::vec::Vec<(Text, ::std::option::Option<Text>)>,
            /// Headers in order.
            pub headers: ::std::vec::Vec<(Text, Text)>,
            /// The body, if any.
            pub body: ::std::option::Option<Body>,
        }

        /// A request body.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum Body {
            /// Text from the collection, with `{{variables}}` to resolve.
            Template(&'static str),
            /// Bytes sent as they are.
            Bytes(::std::vec::Vec<u8>),
        }

        impl RequestParts {
            /// Parts with a method, an origin and a path, and nothing else yet.
            pub fn new(method: &'static str, origin: &'static str, path: ::std::string::String) -> Self {
                RequestParts {
                    method,
                    origin,
                    path,
                    query: ::std::vec::Vec::new(),
                    headers: ::std::vec::Vec::new(),
                    body: ::std::option::Option::None,
                }
            }

            /// Adds a header written in the collection.
            pub fn header(mut self, name: &'static str, value: &'static str) -> Self {
                self.headers.push((Text::Template(name), Text::Template(value)));
                self
            }

            /// Adds a query parameter written in the collection.
            pub fn query(mut self, key: &'static str, value: ::std::option::Option<&'static str>) -> Self {
                self.query.push((Text::Template(key), value.map(Text::Template)));
                self
            }

            /// Sets a body written in the collection.
            pub fn template_body(mut self, body: &'static str) -> Self {
                self.body = ::std::option::Option::Some(Body::Template(body));
                self
            }

            /// Sets a body of bytes, sent as they are.
            pub fn bytes_body(mut self, body: ::std::vec::Vec<u8>) -> Self {
                self.body = ::std::option::Option::Some(Body::Bytes(body));
                self
            }

            /// Sets a JSON body serialized from `value`.
            pub fn json_body<T: ::serde::Serialize>(self, value: &T) -> ::std::result::Result<Self, Error> {
                let bytes = ::serde_json::to_vec(value)
                    .map_err(|err| Error::Build(::std::format!("cannot serialize the JSON body: {err}")))?;
                ::std::result::Result::Ok(self.bytes_body(bytes))
            }
        }
    }
}

fn client_items() -> TokenStream {
    quote! {
        /// Sends this API's requests.
        ///
        /// Built from [`Variables`]: the client resolves the collection's `{{variables}}` with
        /// them. By default a request goes to the origin the collection gives it
        /// (`scheme://host[:port]`, variables resolved); [`Client::with_base_url`] sends every
        /// request to another origin instead, for tests, proxies and mocks.
        #[derive(Clone, Debug)]
        pub struct Client {
            http: ::reqwest::Client,
            variables: Variables,
            base_url: ::std::option::Option<::std::string::String>,
            default_headers: ::http::HeaderMap,
        }

        impl Client {
            /// A client with its own `reqwest::Client`.
            pub fn new(variables: Variables) -> Self {
                Self::with_http_client(::reqwest::Client::new(), variables)
            }

            /// A client that sends through `http` (to share a connection pool or set timeouts).
            pub fn with_http_client(http: ::reqwest::Client, variables: Variables) -> Self {
                Client {
                    http,
                    variables,
                    base_url: ::std::option::Option::None,
                    default_headers: ::http::HeaderMap::new(),
                }
            }

            /// Sends every request to `base_url` (for example `http://127.0.0.1:8080`) instead
            /// of the origin written in the collection; the request's path follows it.
            pub fn with_base_url(mut self, base_url: impl ::std::convert::Into<::std::string::String>) -> Self {
                let base_url = base_url.into();
                self.base_url = ::std::option::Option::Some(base_url.trim_end_matches('/').to_owned());
                self
            }

            /// Adds a header to every request, replacing any header of that name the request
            /// has: the hook for credentials the generator cannot apply itself.
            pub fn default_header(mut self, name: ::http::HeaderName, value: ::http::HeaderValue) -> Self {
                self.default_headers.append(name, value);
                self
            }

            /// The variables this client resolves.
            pub fn variables(&self) -> &Variables {
                &self.variables
            }

            /// Builds the HTTP request for `request` without sending it (no I/O).
            pub fn build<R: Request + ?Sized>(&self, request: &R) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, Error> {
                let parts = request.parts()?;
                let resolve = |text: &Text| match text {
                    Text::Template(template) => self.variables.resolve(template),
                    Text::Given(given) => given.clone(),
                };
                let mut uri = match &self.base_url {
                    ::std::option::Option::Some(base_url) => base_url.clone(),
                    ::std::option::Option::None => runtime::origin(&self.variables.resolve(parts.origin)),
                };
                uri.push_str(&runtime::encode_path(&self.variables.resolve(&parts.path)));
                for (index, (key, value)) in parts.query.iter().enumerate() {
                    uri.push(if index == 0 { '?' } else { '&' });
                    uri.push_str(&runtime::encode_query(&resolve(key), runtime::QUERY_KEY));
                    if let ::std::option::Option::Some(value) = value {
                        uri.push('=');
                        uri.push_str(&runtime::encode_query(&resolve(value), runtime::QUERY_VALUE));
                    }
                }
                let method = ::http::Method::from_bytes(parts.method.as_bytes())
                    .map_err(|err| Error::Build(::std::format!("invalid method {:?}: {err}", parts.method)))?;
                let mut builder = ::http::Request::builder().method(method).uri(uri);
                for (name, value) in &parts.headers {
                    let name = resolve(name);
                    if !self.default_headers.contains_key(name.as_str()) {
                        builder = builder.header(name, resolve(value));
                    }
                }
                for (name, value) in &self.default_headers {
                    builder = builder.header(name, value);
                }
                let body = match &parts.body {
                    ::std::option::Option::None => ::std::vec::Vec::new(),
                    ::std::option::Option::Some(Body::Template(template)) => self.variables.resolve(template).into_bytes(),
                    ::std::option::Option::Some(Body::Bytes(bytes)) => bytes.clone(),
                };
                builder
                    .body(body)
                    .map_err(|err| Error::Build(::std::format!("invalid request: {err}")))
            }

            /// Sends `request` and returns the response when its status is a success (2xx),
            /// its body decoded as the request's [`Request::Success`]; another status is
            /// returned as [`Error::Status`], its body decoded as [`Request::Failure`].
            ///
            /// A status the collection has examples of is decoded as JSON of their type; any
            /// other by its `Content-Type`: JSON as a JSON value, text as text, anything else
            /// as bytes.
            pub async fn send<R: Request + ?Sized>(&self, request: &R) -> ::std::result::Result<Response<R::Success>, Error<R::Failure>> {
                let built = self.build(request).map_err(Error::retype)?;
                let http_request = ::reqwest::Request::try_from(built).map_err(Error::Transport)?;
                let response = self.http.execute(http_request).await.map_err(Error::Transport)?;
                let status = response.status();
                let headers = response.headers().clone();
                let bytes = response.bytes().await.map_err(Error::Transport)?;
                let raw = RawResponse { status, headers: &headers, body: &bytes };
                match request.decode(&raw) {
                    ::std::result::Result::Ok(::std::result::Result::Ok(body)) => {
                        ::std::result::Result::Ok(Response { status, headers, body })
                    }
                    ::std::result::Result::Ok(::std::result::Result::Err(body)) => {
                        ::std::result::Result::Err(Error::Status(::std::boxed::Box::new(Response { status, headers, body })))
                    }
                    ::std::result::Result::Err(message) => ::std::result::Result::Err(Error::Decode { status, message }),
                }
            }
        }
    }
}

fn response_items() -> TokenStream {
    quote! {
        /// A response: status, headers and decoded body.
        #[derive(Clone, Debug, PartialEq)]
        pub struct Response<T> {
            /// The status code.
            pub status: ::http::StatusCode,
            /// The response headers.
            pub headers: ::http::HeaderMap,
            /// The decoded body.
            pub body: T,
        }

        /// A response body, decoded by its `Content-Type`.
        #[derive(Clone, Debug, PartialEq)]
        pub enum ResponseBody {
            /// No body.
            Empty,
            /// A JSON body (`application/json` or `+json`).
            Json(::serde_json::Value),
            /// A text body (`text/*`, XML, JavaScript), valid UTF-8.
            Text(::std::string::String),
            /// Any other body.
            Bytes(::std::vec::Vec<u8>),
        }

        impl ResponseBody {
            fn decode(headers: &::http::HeaderMap, bytes: &[u8]) -> ::std::result::Result<Self, ::std::string::String> {
                if bytes.is_empty() {
                    return ::std::result::Result::Ok(ResponseBody::Empty);
                }
                let content_type = headers
                    .get(::http::header::CONTENT_TYPE)
                    .and_then(|value| value.to_str().ok())
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                if content_type.contains("json") {
                    ::serde_json::from_slice(bytes)
                        .map(ResponseBody::Json)
                        .map_err(|err| ::std::format!("the body is not the JSON its content type says: {err}"))
                } else if content_type.starts_with("text/") || content_type.contains("xml") || content_type.contains("javascript") {
                    ::std::result::Result::Ok(match ::std::string::String::from_utf8(bytes.to_vec()) {
                        ::std::result::Result::Ok(text) => ResponseBody::Text(text),
                        ::std::result::Result::Err(err) => ResponseBody::Bytes(err.into_bytes()),
                    })
                } else {
                    ::std::result::Result::Ok(ResponseBody::Bytes(bytes.to_vec()))
                }
            }
        }

        /// What went wrong with a request; `E` is the body type of its error responses.
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum Error<E = ResponseBody> {
            /// The request could not be built (invalid method, header, URL or body).
            Build(::std::string::String),
            /// Sending the request or receiving the response failed.
            Transport(::reqwest::Error),
            /// The server answered with a status that is not a success; the response is kept.
            Status(::std::boxed::Box<Response<E>>),
            /// The response body could not be decoded.
            Decode {
                /// The status of the response whose body could not be decoded.
                status: ::http::StatusCode,
                /// What was wrong with the body.
                message: ::std::string::String,
            },
        }

        impl Error {
            /// The same error for a request whose error responses have the body type `E`:
            /// building a request gives no response, so only `Status` has none to keep.
            fn retype<E>(self) -> Error<E> {
                match self {
                    Error::Build(message) => Error::Build(message),
                    Error::Transport(err) => Error::Transport(err),
                    Error::Status(response) => Error::Build(::std::format!("unexpected response {}", response.status)),
                    Error::Decode { status, message } => Error::Decode { status, message },
                }
            }
        }

        impl<E: ::std::fmt::Debug> ::std::fmt::Display for Error<E> {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    Error::Build(message) => ::std::write!(f, "cannot build the request: {message}"),
                    Error::Transport(err) => ::std::write!(f, "the request failed: {err}"),
                    Error::Status(response) => ::std::write!(f, "the server answered {}: {:?}", response.status, response.body),
                    Error::Decode { status, message } => ::std::write!(f, "cannot decode the response ({status}): {message}"),
                }
            }
        }

        impl<E: ::std::fmt::Debug> ::std::error::Error for Error<E> {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    Error::Transport(err) => ::std::option::Option::Some(err),
                    _ => ::std::option::Option::None,
                }
            }
        }
    }
}

fn helper_module() -> TokenStream {
    quote! {
        /// Resolution and encoding shared by every request.
        pub mod runtime {
            use ::percent_encoding::{AsciiSet, CONTROLS, NON_ALPHANUMERIC};

            /// Encoded in a path parameter: everything but RFC 3986 `pchar`, so that a value is
            /// always exactly one segment (`auth0|123` becomes `auth0%7C123`).
            pub const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
                .remove(b'-').remove(b'.').remove(b'_').remove(b'~')
                .remove(b'!').remove(b'$').remove(b'&').remove(b'\'').remove(b'(').remove(b')')
                .remove(b'*').remove(b'+').remove(b',').remove(b';').remove(b'=')
                .remove(b':').remove(b'@');
            /// Encoded in the rest of a path, as Postman encodes it.
            pub const PATH: &AsciiSet = &CONTROLS
                .add(b' ').add(b'"').add(b'<').add(b'>').add(b'`').add(b'#').add(b'?').add(b'{').add(b'}');
            /// Encoded in a query key, as Postman encodes it.
            pub const QUERY_KEY: &AsciiSet = &CONTROLS
                .add(b' ').add(b'"').add(b'#').add(b'\'').add(b'<').add(b'>').add(b'&').add(b'=');
            /// Encoded in a query value, as Postman encodes it.
            pub const QUERY_VALUE: &AsciiSet = &CONTROLS
                .add(b' ').add(b'"').add(b'#').add(b'\'').add(b'<').add(b'>').add(b'&');

            /// A path parameter value, encoded to stay one segment.
            pub fn encode_segment(value: &str) -> ::std::string::String {
                ::percent_encoding::utf8_percent_encode(value, SEGMENT).to_string()
            }

            /// A resolved path; `%XX` already in it is kept.
            pub fn encode_path(path: &str) -> ::std::string::String {
                ::percent_encoding::utf8_percent_encode(path, PATH).to_string()
            }

            /// A resolved query key or value.
            pub fn encode_query(text: &str, set: &'static AsciiSet) -> ::std::string::String {
                ::percent_encoding::utf8_percent_encode(text, set).to_string()
            }

            /// A resolved origin; without a scheme Postman uses `http`.
            pub fn origin(origin: &str) -> ::std::string::String {
                let origin = origin.trim_end_matches('/');
                if origin.contains("://") {
                    origin.to_owned()
                } else {
                    ::std::format!("http://{origin}")
                }
            }

            /// Replaces each `{{name}}` that `lookup` knows, again in what it put in, up to 19
            /// rounds as Postman does; unknown names stay as they are.
            pub fn resolve<'a>(template: &str, lookup: impl Fn(&str) -> ::std::option::Option<&'a str>) -> ::std::string::String {
                let mut text = template.to_owned();
                for _ in 0..19 {
                    let mut out = ::std::string::String::with_capacity(text.len());
                    let mut rest = text.as_str();
                    let mut changed = false;
                    while let ::std::option::Option::Some(start) = rest.find("{{") {
                        let (before, from) = rest.split_at(start);
                        out.push_str(before);
                        let name_and_rest = &from[2..];
                        match name_and_rest.find("}}") {
                            ::std::option::Option::Some(end) if !name_and_rest[..end].contains(['{', '}']) => {
                                match lookup(&name_and_rest[..end]) {
                                    ::std::option::Option::Some(value) => {
                                        out.push_str(value);
                                        changed = true;
                                    }
                                    ::std::option::Option::None => out.push_str(&from[..end + 4]),
                                }
                                rest = &name_and_rest[end + 2..];
                            }
                            _ => {
                                out.push('{');
                                rest = &from[1..];
                            }
                        }
                    }
                    out.push_str(rest);
                    text = out;
                    if !changed {
                        break;
                    }
                }
                text
            }

            /// Reads a field that is there, `null` included, as `Some`: with `#[serde(default)]`
            /// a missing field is `None` and a `null` one `Some(None)` (or `Some(Value::Null)`),
            /// so that a body field set to `null` is sent as `null`.
            pub fn present<'de, D, T>(deserializer: D) -> ::std::result::Result<::std::option::Option<T>, D::Error>
            where
                D: ::serde::Deserializer<'de>,
                T: ::serde::Deserialize<'de>,
            {
                T::deserialize(deserializer).map(::std::option::Option::Some)
            }
        }
    }
}
