//! Response decoding shared by every request, emitted once per file: a received response
//! before decoding, and the `Decode` trait of response body types (JSON for the types of the
//! collection's examples, by content type for `ResponseBody`; enums over statuses implement it
//! where they are defined).
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

        /// A body type of responses: decodes itself from a response.
        pub trait Decode: ::std::marker::Sized {
            /// The body of `response` as this type, or why it is not one.
            fn decode(response: &RawResponse<'_>) -> ::std::result::Result<Self, ::std::string::String>;
        }

        /// A body type from the collection's examples: JSON of that type.
        impl<T: ::serde::de::DeserializeOwned> Decode for T {
            fn decode(response: &RawResponse<'_>) -> ::std::result::Result<Self, ::std::string::String> {
                response.json()
            }
        }

        /// Without examples: by content type.
        impl Decode for ResponseBody {
            fn decode(response: &RawResponse<'_>) -> ::std::result::Result<Self, ::std::string::String> {
                response.body()
            }
        }

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
        }
    }
}
