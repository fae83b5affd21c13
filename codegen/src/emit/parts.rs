//! The request side of the shared runtime, emitted once per file: the `Request` trait, the
//! parts a request describes itself with, and the lists and bodies users edit (query
//! parameters, headers, form fields, multipart parts, files).
//!
//! Everything here is fixed text; nothing from the input reaches these tokens.

use proc_macro2::TokenStream;
use quote::quote;

pub fn parts() -> TokenStream {
    let request = request_trait();
    let text = text_and_params();
    let bodies = bodies();
    quote! { #request #text #bodies }
}

fn request_trait() -> TokenStream {
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
            /// Query parameters, in order.
            pub query: Params,
            /// Headers, in order.
            pub headers: Params,
            /// The body.
            pub body: Body,
        }

        impl RequestParts {
            /// Parts without a body.
            pub fn new(method: &'static str, origin: &'static str, path: ::std::string::String, query: &Params, headers: &Params) -> Self {
                RequestParts { method, origin, path, query: query.clone(), headers: headers.clone(), body: Body::None }
            }

            /// Sets the body.
            pub fn body(mut self, body: Body) -> Self {
                self.body = body;
                self
            }

            /// Sets a JSON body serialized from `value`.
            pub fn json<T: ::serde::Serialize>(self, value: &T) -> ::std::result::Result<Self, Error> {
                let bytes = ::serde_json::to_vec(value)
                    .map_err(|err| Error::Build(::std::format!("cannot serialize the JSON body: {err}")))?;
                ::std::result::Result::Ok(self.body(Body::Bytes(bytes)))
            }

            /// Sets a text body: `given` when set, else the collection's `template`.
            pub fn text(self, given: ::std::option::Option<&str>, template: &'static str) -> Self {
                self.body(match given {
                    ::std::option::Option::Some(text) => Body::Bytes(text.as_bytes().to_vec()),
                    ::std::option::Option::None => Body::Template(template),
                })
            }
        }
    }
}

fn text_and_params() -> TokenStream {
    quote! {
        /// A text of a request: written in the collection (its `{{variables}}` are resolved
        /// when the request is built) or given by the caller (sent exactly as given).
        #[derive(Clone, Debug, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum Text {
            /// Text from the collection, with `{{variables}}` to resolve.
            Template(&'static str),
            /// Text given by the caller, sent as it is.
            Given(::std::string::String),
            /// `Basic base64(username:password)` from the collection's basic auth.
            BasicAuth(&'static str, &'static str),
        }

        impl Text {
            fn key(&self) -> &str {
                match self {
                    Text::Template(text) => text,
                    Text::Given(text) => text,
                    Text::BasicAuth(..) => "",
                }
            }
        }

        impl ::std::convert::From<&str> for Text {
            fn from(text: &str) -> Self {
                Text::Given(text.to_owned())
            }
        }

        impl ::std::convert::From<::std::string::String> for Text {
            fn from(text: ::std::string::String) -> Self {
                Text::Given(text)
            }
        }

        /// Name/value pairs in order, duplicates allowed: query parameters, headers (names
        /// compared without case) or urlencoded form fields. `new` sets the collection's.
        #[derive(Clone, Debug, Default, PartialEq, Eq)]
        pub struct Params {
            pairs: ::std::vec::Vec<(Text, ::std::option::Option<Text>)>,
            ignore_case: bool,
        }

        impl Params {
            /// The collection's query parameters or form fields (`None`: the key alone).
            pub fn collection(pairs: &[(&'static str, ::std::option::Option<&'static str>)]) -> Self {
                let pairs = pairs.iter().map(|(name, value)| (Text::Template(name), value.map(Text::Template))).collect();
                Params { pairs, ignore_case: false }
            }

            /// The collection's headers.
            pub fn collection_headers(pairs: &[(&'static str, &'static str)]) -> Self {
                let pairs = pairs.iter().map(|(name, value)| (Text::Template(name), ::std::option::Option::Some(Text::Template(value)))).collect();
                Params { pairs, ignore_case: true }
            }

            /// Adds the collection's basic auth as an `Authorization` header.
            pub fn basic_auth(mut self, username: &'static str, password: &'static str) -> Self {
                self.pairs.push((Text::Template("Authorization"), ::std::option::Option::Some(Text::BasicAuth(username, password))));
                self
            }

            fn same(ignore_case: bool, key: &Text, name: &str) -> bool {
                if ignore_case { key.key().eq_ignore_ascii_case(name) } else { key.key() == name }
            }

            /// Sets `name` to `value`: replaces the first pair of that name and removes the
            /// others, or appends the pair when there is none.
            pub fn set(&mut self, name: impl ::std::convert::Into<::std::string::String>, value: impl ::std::convert::Into<::std::string::String>) -> &mut Self {
                let name = name.into();
                let ignore_case = self.ignore_case;
                let mut value = ::std::option::Option::Some(Text::Given(value.into()));
                let mut found = false;
                self.pairs.retain_mut(|(key, slot)| {
                    if !Self::same(ignore_case, key, &name) {
                        return true;
                    }
                    if found {
                        return false;
                    }
                    found = true;
                    *slot = value.take();
                    true
                });
                if !found {
                    self.pairs.push((Text::Given(name), value));
                }
                self
            }

            /// Appends a pair, keeping any others of the same name; `None` sends the name alone.
            pub fn append(&mut self, name: impl ::std::convert::Into<::std::string::String>, value: ::std::option::Option<::std::string::String>) -> &mut Self {
                self.pairs.push((Text::Given(name.into()), value.map(Text::Given)));
                self
            }

            /// Removes every pair named `name`.
            pub fn remove(&mut self, name: &str) -> &mut Self {
                let ignore_case = self.ignore_case;
                self.pairs.retain(|(key, _)| !Self::same(ignore_case, key, name));
                self
            }

            /// The pairs, in order.
            pub fn iter(&self) -> impl ::std::iter::Iterator<Item = &(Text, ::std::option::Option<Text>)> {
                self.pairs.iter()
            }

            /// Whether there are no pairs.
            pub fn is_empty(&self) -> bool {
                self.pairs.is_empty()
            }
        }
    }
}

fn bodies() -> TokenStream {
    quote! {
        /// A request body.
        #[derive(Clone, Debug, Default, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum Body {
            /// No body.
            #[default]
            None,
            /// Text from the collection, with `{{variables}}` to resolve.
            Template(&'static str),
            /// Bytes sent as they are.
            Bytes(::std::vec::Vec<u8>),
            /// `application/x-www-form-urlencoded` fields; no body when there are none.
            Form(Params),
            /// `multipart/form-data` parts; no body when there are none.
            Multipart(Multipart),
            /// The content of a file.
            File(FileSource),
        }

        /// A file to send: a path read when the request is built, or bytes in memory.
        #[derive(Clone, Debug, Default, PartialEq, Eq)]
        pub enum FileSource {
            /// No file: an empty body or part.
            #[default]
            Empty,
            /// A path (from the collection, `{{variables}}` resolved, or given), read when the
            /// request is built.
            Path(Text),
            /// A file's name and content.
            Bytes {
                /// The name sent as the part's file name.
                file_name: ::std::string::String,
                /// The content.
                bytes: ::std::vec::Vec<u8>,
            },
        }

        /// One part of a multipart body.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct Part {
            /// The field name.
            pub name: Text,
            /// Text, or a file.
            pub value: PartValue,
            /// The part's own `Content-Type`, if any.
            pub content_type: ::std::option::Option<Text>,
        }

        /// The value of a multipart part.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum PartValue {
            /// A text field.
            Text(Text),
            /// A file.
            File(FileSource),
        }

        /// `multipart/form-data` parts, in order.
        #[derive(Clone, Debug, Default, PartialEq, Eq)]
        pub struct Multipart {
            /// The parts; `new` sets the collection's.
            pub parts: ::std::vec::Vec<Part>,
        }

        impl Multipart {
            /// Adds a text part from the collection.
            pub fn collection_text(mut self, name: &'static str, value: &'static str, content_type: ::std::option::Option<&'static str>) -> Self {
                self.parts.push(Part { name: Text::Template(name), value: PartValue::Text(Text::Template(value)), content_type: content_type.map(Text::Template) });
                self
            }

            /// Adds a file part from the collection (`None`: no file chosen).
            pub fn collection_file(mut self, name: &'static str, path: ::std::option::Option<&'static str>, content_type: ::std::option::Option<&'static str>) -> Self {
                let file = path.map_or(FileSource::Empty, |path| FileSource::Path(Text::Template(path)));
                self.parts.push(Part { name: Text::Template(name), value: PartValue::File(file), content_type: content_type.map(Text::Template) });
                self
            }

            /// Sets the text part `name`, replacing every part of that name.
            pub fn set_text(&mut self, name: &str, value: impl ::std::convert::Into<::std::string::String>) -> &mut Self {
                self.set(name, PartValue::Text(Text::Given(value.into())))
            }

            /// Sets the file part `name` to `bytes` sent as `file_name`, replacing every part of
            /// that name.
            pub fn set_file(&mut self, name: &str, file_name: impl ::std::convert::Into<::std::string::String>, bytes: ::std::vec::Vec<u8>) -> &mut Self {
                self.set(name, PartValue::File(FileSource::Bytes { file_name: file_name.into(), bytes }))
            }

            fn set(&mut self, name: &str, value: PartValue) -> &mut Self {
                let content_type = self.parts.iter().find(|part| part.name.key() == name).and_then(|part| part.content_type.clone());
                self.remove(name);
                self.parts.push(Part { name: Text::Given(name.to_owned()), value, content_type });
                self
            }

            /// Removes every part named `name`.
            pub fn remove(&mut self, name: &str) -> &mut Self {
                self.parts.retain(|part| part.name.key() != name);
                self
            }
        }
    }
}
