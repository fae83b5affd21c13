//! The items every generated file shares, emitted once per file: the client that builds and
//! sends requests, responses and errors, and the helpers that resolve `{{variables}}`, encode
//! as Postman does and build bodies. The request side is in `parts`.
//!
//! Everything here is fixed text; nothing from the input reaches these tokens.

use proc_macro2::TokenStream;
use quote::quote;

pub fn runtime() -> TokenStream {
    let parts = super::parts::parts();
    let client = client_items();
    let response = response_items();
    let helpers = helper_module();
    quote! { #parts #client #response #helpers }
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

            /// Builds the HTTP request for `request` without sending it. The only I/O is
            /// reading files a body names by path.
            pub fn build<R: Request + ?Sized>(&self, request: &R) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, Error> {
                let parts = request.parts()?;
                let resolve = |text: &Text| runtime::resolve_text(text, &self.variables);
                let mut uri = match &self.base_url {
                    ::std::option::Option::Some(base_url) => base_url.clone(),
                    ::std::option::Option::None => runtime::origin(&self.variables.resolve(parts.origin)),
                };
                uri.push_str(&runtime::encode_path(&self.variables.resolve(&parts.path)));
                for (index, (key, value)) in parts.query.iter().enumerate() {
                    uri.push(if index == 0 { '?' } else { '&' });
                    uri.push_str(&runtime::encode(&resolve(key), runtime::QUERY_KEY));
                    if let ::std::option::Option::Some(value) = value {
                        uri.push('=');
                        uri.push_str(&runtime::encode(&resolve(value), runtime::QUERY_VALUE));
                    }
                }
                let method = ::http::Method::from_bytes(parts.method.as_bytes())
                    .map_err(|err| Error::Build(::std::format!("invalid method {:?}: {err}", parts.method)))?;
                let (body, content_type) = runtime::encode_body(&parts.body, &self.variables)?;
                let mut builder = ::http::Request::builder().method(method).uri(uri);
                let mut has_content_type = false;
                for (name, value) in parts.headers.iter() {
                    let name = resolve(name);
                    let is_content_type = name.eq_ignore_ascii_case("content-type");
                    if self.default_headers.contains_key(name.as_str()) || (is_content_type && content_type.as_ref().is_some_and(|ct| ct.replaces_header)) {
                        continue;
                    }
                    has_content_type |= is_content_type;
                    let value = value.as_ref().map(&resolve).unwrap_or_default();
                    builder = builder.header(name, value);
                }
                if let ::std::option::Option::Some(content_type) = content_type
                    && (content_type.replaces_header || !has_content_type)
                    && !self.default_headers.contains_key(::http::header::CONTENT_TYPE)
                {
                    builder = builder.header(::http::header::CONTENT_TYPE, content_type.value);
                }
                for (name, value) in &self.default_headers {
                    builder = builder.header(name, value);
                }
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
            /// Encoded in urlencoded form fields: everything but `encodeURIComponent`'s set.
            pub const FORM: &AsciiSet = &NON_ALPHANUMERIC
                .remove(b'-').remove(b'_').remove(b'.').remove(b'!').remove(b'~')
                .remove(b'*').remove(b'\'').remove(b'(').remove(b')');
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

            /// `text` percent-encoded with `set`.
            pub fn encode(text: &str, set: &'static AsciiSet) -> ::std::string::String {
                ::percent_encoding::utf8_percent_encode(text, set).to_string()
            }

            /// A text resolved: templates with `variables`, basic auth encoded.
            pub fn resolve_text(text: &super::Text, variables: &super::Variables) -> ::std::string::String {
                match text {
                    super::Text::Template(template) => variables.resolve(template),
                    super::Text::Given(given) => given.clone(),
                    super::Text::BasicAuth(username, password) => {
                        let credentials = ::std::format!("{}:{}", variables.resolve(username), variables.resolve(password));
                        ::std::format!("Basic {}", base64(credentials.as_bytes()))
                    }
                }
            }

            /// The `Content-Type` a body needs, and whether it replaces the request's own.
            pub struct ContentType {
                /// The header value.
                pub value: ::std::string::String,
                /// Form bodies replace the request's own type, as Postman does.
                pub replaces_header: bool,
            }

            /// The bytes of `body` and the `Content-Type` it needs.
            pub fn encode_body(body: &super::Body, variables: &super::Variables) -> ::std::result::Result<(::std::vec::Vec<u8>, ::std::option::Option<ContentType>), super::Error> {
                let resolve = |text: &super::Text| resolve_text(text, variables);
                ::std::result::Result::Ok(match body {
                    super::Body::None => (::std::vec::Vec::new(), ::std::option::Option::None),
                    super::Body::Template(template) => (variables.resolve(template).into_bytes(), ::std::option::Option::None),
                    super::Body::Bytes(bytes) => (bytes.clone(), ::std::option::Option::None),
                    super::Body::File(file) => (read_file(file, variables)?.1, ::std::option::Option::None),
                    super::Body::Form(fields) if fields.is_empty() => (::std::vec::Vec::new(), ::std::option::Option::None),
                    super::Body::Form(fields) => {
                        let pairs: ::std::vec::Vec<::std::string::String> = fields
                            .iter()
                            .map(|(key, value)| {
                                let value = value.as_ref().map(&resolve).unwrap_or_default();
                                ::std::format!("{}={}", encode(&resolve(key), FORM), encode(&value, FORM))
                            })
                            .collect();
                        // Postman sends this type even when the request names another.
                        let content_type = ContentType { value: "application/x-www-form-urlencoded".to_owned(), replaces_header: true };
                        (pairs.join("&").into_bytes(), ::std::option::Option::Some(content_type))
                    }
                    super::Body::Multipart(multipart) if multipart.parts.is_empty() => (::std::vec::Vec::new(), ::std::option::Option::None),
                    super::Body::Multipart(multipart) => {
                        let (boundary, bytes) = encode_multipart(multipart, variables)?;
                        let value = ::std::format!("multipart/form-data; boundary={boundary}");
                        (bytes, ::std::option::Option::Some(ContentType { value, replaces_header: true }))
                    }
                })
            }

            /// The file name and content of `file`.
            fn read_file(file: &super::FileSource, variables: &super::Variables) -> ::std::result::Result<(::std::string::String, ::std::vec::Vec<u8>), super::Error> {
                match file {
                    super::FileSource::Empty => ::std::result::Result::Ok((::std::string::String::new(), ::std::vec::Vec::new())),
                    super::FileSource::Bytes { file_name, bytes } => ::std::result::Result::Ok((file_name.clone(), bytes.clone())),
                    super::FileSource::Path(path) => {
                        let path = resolve_text(path, variables);
                        let bytes = ::std::fs::read(&path)
                            .map_err(|err| super::Error::Build(::std::format!("cannot read the file {path:?} to send: {err}")))?;
                        let name = path.rsplit(['/', '\\']).next().unwrap_or_default().to_owned();
                        ::std::result::Result::Ok((name, bytes))
                    }
                }
            }

            /// A multipart body and its boundary, chosen from the content so the same parts
            /// always give the same bytes, and so that it appears in no part.
            fn encode_multipart(multipart: &super::Multipart, variables: &super::Variables) -> ::std::result::Result<(::std::string::String, ::std::vec::Vec<u8>), super::Error> {
                let mut parts = ::std::vec::Vec::new();
                for part in &multipart.parts {
                    let name = resolve_text(&part.name, variables);
                    let content_type = part.content_type.as_ref().map(|ct| resolve_text(ct, variables));
                    let (file_name, bytes) = match &part.value {
                        super::PartValue::Text(text) => (::std::option::Option::None, resolve_text(text, variables).into_bytes()),
                        super::PartValue::File(file) => {
                            let (file_name, bytes) = read_file(file, variables)?;
                            (::std::option::Option::Some(file_name), bytes)
                        }
                    };
                    parts.push((name, file_name, content_type, bytes));
                }
                let mut seed: u64 = 0xcbf2_9ce4_8422_2325;
                for (_, _, _, bytes) in &parts {
                    for byte in bytes {
                        seed = (seed ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
                    }
                }
                let boundary = loop {
                    let candidate = ::std::format!("--------------------------{:024}", u128::from(seed) % 10u128.pow(24));
                    let clash = parts.iter().any(|(_, _, _, bytes)| bytes.windows(candidate.len()).any(|window| window == candidate.as_bytes()));
                    if !clash {
                        break candidate;
                    }
                    seed = seed.wrapping_add(1);
                };
                let quote = |text: &str| text.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A");
                let mut body = ::std::vec::Vec::new();
                for (name, file_name, content_type, bytes) in parts {
                    body.extend_from_slice(::std::format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"", quote(&name)).as_bytes());
                    if let ::std::option::Option::Some(file_name) = &file_name {
                        body.extend_from_slice(::std::format!("; filename=\"{}\"", quote(file_name)).as_bytes());
                    }
                    body.extend_from_slice(b"\r\n");
                    let content_type = content_type.or_else(|| file_name.map(|_| "application/octet-stream".to_owned()));
                    if let ::std::option::Option::Some(content_type) = content_type {
                        body.extend_from_slice(::std::format!("Content-Type: {content_type}\r\n").as_bytes());
                    }
                    body.extend_from_slice(b"\r\n");
                    body.extend_from_slice(&bytes);
                    body.extend_from_slice(b"\r\n");
                }
                body.extend_from_slice(::std::format!("--{boundary}--\r\n").as_bytes());
                ::std::result::Result::Ok((boundary, body))
            }

            /// Standard base64 with padding (for basic auth), kept here so the generated code
            /// needs no dependency for it.
            pub fn base64(bytes: &[u8]) -> ::std::string::String {
                const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
                let mut out = ::std::string::String::with_capacity(bytes.len().div_ceil(3) * 4);
                for chunk in bytes.chunks(3) {
                    let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
                    let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
                    for (index, shift) in [18, 12, 6, 0].into_iter().enumerate() {
                        if index <= chunk.len() {
                            out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
                        } else {
                            out.push('=');
                        }
                    }
                }
                out
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
