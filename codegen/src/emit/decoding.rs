//! Response decoding shared by every request, emitted once per file: a received response
//! before decoding, and the helpers each request's `decode` calls with its own types.
//!
//! Everything here is fixed text; nothing from the input reaches these tokens.

use proc_macro2::TokenStream;
use quote::quote;

pub fn shared() -> TokenStream {
    quote! {
        /// What [`Request::decode`] gives: the body of a success (`Ok`) or of an error
        /// response (`Err`), or why the body could not be decoded.
        pub type Decoded<R> = ::std::result::Result<
            ::std::result::Result<<R as Request>::Success, <R as Request>::Failure>,
            ::std::string::String,
        >;

        /// A response as received, before its body is decoded.
        #[derive(Clone, Copy, Debug)]
        pub struct RawResponse<'a> {
            /// The status code.
            pub status: ::http::StatusCode,
            /// The response headers.
            pub headers: &'a ::http::HeaderMap,
            /// The body bytes.
            pub body: &'a [u8],
        }

        impl RawResponse<'_> {
            /// The body as JSON of type `T` (an empty body reads as `null`).
            pub fn json<T: ::serde::de::DeserializeOwned>(&self) -> ::std::result::Result<T, ::std::string::String> {
                let body: &[u8] = if self.body.is_empty() { b"null" } else { self.body };
                ::serde_json::from_slice(body)
                    .map_err(|err| ::std::format!("the body does not match the type of its examples: {err}"))
            }

            /// The body decoded by its `Content-Type`.
            pub fn body(&self) -> ::std::result::Result<ResponseBody, ::std::string::String> {
                ResponseBody::decode(self.headers, self.body)
            }

            /// A success whose JSON body is the request's success type.
            pub fn ok_json<S: ::serde::de::DeserializeOwned, F>(&self) -> ::std::result::Result<::std::result::Result<S, F>, ::std::string::String> {
                self.json().map(::std::result::Result::Ok)
            }

            /// A success whose JSON body `wrap` turns into the request's success type.
            pub fn ok<T: ::serde::de::DeserializeOwned, S, F>(&self, wrap: fn(T) -> S) -> ::std::result::Result<::std::result::Result<S, F>, ::std::string::String> {
                self.json().map(|body| ::std::result::Result::Ok(wrap(body)))
            }

            /// An error response whose JSON body `wrap` turns into the request's error type.
            pub fn err<T: ::serde::de::DeserializeOwned, S, F>(&self, wrap: fn(T) -> F) -> ::std::result::Result<::std::result::Result<S, F>, ::std::string::String> {
                self.json().map(|body| ::std::result::Result::Err(wrap(body)))
            }

            /// A success of a status without examples, its body decoded by its content type.
            pub fn ok_body<F>(&self) -> ::std::result::Result<::std::result::Result<ResponseBody, F>, ::std::string::String> {
                self.body().map(::std::result::Result::Ok)
            }

            /// An error response of a status without examples, its body decoded by its
            /// content type.
            pub fn err_body<S>(&self) -> ::std::result::Result<::std::result::Result<S, ResponseBody>, ::std::string::String> {
                self.body().map(::std::result::Result::Err)
            }

            /// A success of a status without examples, its body decoded by its content type
            /// and turned into the request's success type by `wrap`.
            pub fn ok_other<S, F>(&self, wrap: fn(ResponseBody) -> S) -> ::std::result::Result<::std::result::Result<S, F>, ::std::string::String> {
                self.body().map(|body| ::std::result::Result::Ok(wrap(body)))
            }

            /// An error response of a status without examples, its body decoded by its
            /// content type and turned into the request's error type by `wrap`.
            pub fn err_other<S, F>(&self, wrap: fn(ResponseBody) -> F) -> ::std::result::Result<::std::result::Result<S, F>, ::std::string::String> {
                self.body().map(|body| ::std::result::Result::Err(wrap(body)))
            }

            /// The body decoded by its content type: a success for 2xx, an error otherwise.
            pub fn untyped(&self) -> ::std::result::Result<::std::result::Result<ResponseBody, ResponseBody>, ::std::string::String> {
                let body = self.body()?;
                ::std::result::Result::Ok(if self.status.is_success() {
                    ::std::result::Result::Ok(body)
                } else {
                    ::std::result::Result::Err(body)
                })
            }
        }
    }
}
