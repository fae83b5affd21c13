// Tests fail by panicking.
#![allow(clippy::panic)]

use quote::quote;
use syn::parse_quote;

use crate::expand::expand;

fn expanded(input: syn::DeriveInput) -> String {
    expand(&input, &parse_quote!(rt))
        .unwrap_or_else(|err| panic!("{err}"))
        .to_string()
}

fn error(input: syn::DeriveInput) -> String {
    match expand(&input, &parse_quote!(rt)) {
        Ok(tokens) => panic!("expected an error, got {tokens}"),
        Err(err) => err.to_string(),
    }
}

#[test]
fn a_request_with_path_parameters_gets_new_collection_and_its_request_impl() {
    let got = expanded(parse_quote! {
        #[request("POST", "{{baseUrl}}", "/repos/", owner, "/", repo, "/issues.json")]
        #[request(vars = super::Variables, success = CreateOk, auth = super::AUTH)]
        pub struct CreateIssue {
            #[request(value = "octocat")]
            pub owner: String,
            #[request(value = "{{repo}}")]
            pub repo: String,
            #[request(new = rt::Params::query("a=1"))]
            pub query: rt::Params,
            pub headers: rt::Params,
            #[request(json = r#"{"title":"x"}"#)]
            pub body: CreateIssueBody,
        }
    });
    let want = quote! {
        impl CreateIssue {
            #[doc = " The collection's request, for these path parameters."]
            pub fn new(owner: impl ::std::string::ToString, repo: impl ::std::string::ToString) -> Self {
                Self {
                    owner: ::std::string::ToString::to_string(&owner),
                    repo: ::std::string::ToString::to_string(&repo),
                    query: rt::Params::query("a=1"),
                    headers: rt::Params::new_headers(),
                    body: rt::example(r#"{"title":"x"}"#),
                }
            }

            #[doc = " The collection's request: its path parameters' values, `{{variables}}` resolved."]
            pub fn collection(vars: &super::Variables) -> rt::Result<Self> {
                rt::resolve_all(["octocat", "{{repo}}"], vars).map(|[p0, p1]| Self::new(p0, p1))
            }
        }

        impl rt::Request<super::Variables> for CreateIssue {
            type Success = CreateOk;
            type Failure = rt::ResponseBody;

            fn parts(&self) -> rt::Result<rt::Parts<'_>> {
                let parts = rt::Parts::new(
                    "POST",
                    "{{baseUrl}}",
                    rt::path(&["/repos/", "/", "/issues.json"], &[&self.owner, &self.repo])
                )
                .auth(&super::AUTH)
                .lists(&self.query, &self.headers);
                parts.json(&self.body)
            }
        }
    };
    assert_eq!(got, want.to_string());
}

#[test]
fn a_request_without_path_parameters_is_its_own_default_and_sends_a_literal_path() {
    let got = expanded(parse_quote! {
        #[request("GET", "https://example.com", "/v1/", "status")]
        pub struct Status {
            pub query: rt::Params,
            pub headers: rt::Params,
        }
    });
    assert!(got.contains("pub fn new () -> Self"), "{got}");
    assert!(!got.contains("fn collection"), "{got}");
    assert!(
        got.contains("impl :: core :: default :: Default for Status"),
        "{got}"
    );
    assert!(
        got.contains("impl rt :: Request < Variables > for Status"),
        "{got}"
    );
    assert!(
        got.contains("rt :: Parts :: new (\"GET\" , \"https://example.com\" , \"/v1/status\")"),
        "{got}"
    );
    assert!(
        got.contains(":: core :: result :: Result :: Ok (parts)"),
        "{got}"
    );
}

#[test]
fn a_parameter_twice_in_the_path_is_one_argument_and_two_values() {
    let got = expanded(parse_quote! {
        #[request("GET", "{{host}}", "/", id, "/copy/", id)]
        pub struct Twice {
            #[request(value = "1")]
            pub id: String,
            pub query: rt::Params,
            pub headers: rt::Params,
        }
    });
    assert!(
        got.contains("pub fn new (id : impl :: std :: string :: ToString) -> Self"),
        "{got}"
    );
    assert!(got.contains("& [& self . id , & self . id]"), "{got}");
}

#[test]
fn each_body_is_sent_as_its_attribute_says() {
    let cases = [
        (
            quote! { form },
            "Ok (parts . form (& self . body))",
            ":: core :: default :: Default :: default ()",
        ),
        (
            quote! { multipart },
            "Ok (parts . multipart (& self . body))",
            ":: core :: default :: Default :: default ()",
        ),
        (
            quote! { file, new = rt::FileSource::Empty },
            "Ok (parts . file (& self . body))",
            "rt :: FileSource :: Empty",
        ),
        (
            quote! { text = "a {{b}}" },
            "Ok (parts . text (self . body . as_deref () , \"a {{b}}\"))",
            ":: core :: option :: Option :: None",
        ),
        (
            quote! { json_or_template = "{\"a\": {{b}}}" },
            "parts . json_or_template (self . body . as_ref () ,",
            ":: core :: option :: Option :: None",
        ),
        (
            quote! { json },
            "parts . json (& self . body)",
            ":: core :: default :: Default :: default ()",
        ),
    ];
    for (attr, send, init) in cases {
        let got = expanded(parse_quote! {
            #[request("PUT", "{{host}}", "/x")]
            pub struct Put {
                pub query: rt::Params,
                pub headers: rt::Params,
                #[request(#attr)]
                pub body: Body,
            }
        });
        assert!(got.contains(send), "{attr}: {got}");
        assert!(got.contains(&format!("body : {init}")), "{attr}: {got}");
    }
}

#[test]
fn a_struct_the_derive_cannot_read_is_an_error_saying_why() {
    let cases: [(syn::DeriveInput, &str); 7] = [
        (
            parse_quote! { pub struct NoRoute { pub query: rt::Params, pub headers: rt::Params } },
            "a request needs `#[request(\"METHOD\", \"origin\"",
        ),
        (
            parse_quote! {
                #[request("GET", "h", "/", id)]
                pub struct NoValue { pub id: String, pub query: rt::Params, pub headers: rt::Params }
            },
            "a path parameter has `#[request(value = \"...\")]`",
        ),
        (
            parse_quote! {
                #[request("GET", "h", "/", id)]
                pub struct NoField { pub query: rt::Params, pub headers: rt::Params }
            },
            "no field `id` for this path parameter",
        ),
        (
            parse_quote! {
                #[request("GET", "h", "/")]
                pub struct Stray { pub other: String, pub query: rt::Params, pub headers: rt::Params }
            },
            "a request's fields are its path parameters",
        ),
        (
            parse_quote! {
                #[request("GET", "h", "/")]
                #[request(colour = red)]
                pub struct Unknown { pub query: rt::Params, pub headers: rt::Params }
            },
            "unknown key `colour`",
        ),
        (
            parse_quote! {
                #[request("GET", "h", "/")]
                pub struct NoHeaders { pub query: rt::Params }
            },
            "a request has a `headers: Params` field",
        ),
        (
            parse_quote! {
                #[request("GET", "h", "/")]
                pub enum NotAStruct { A }
            },
            "a request is a struct with named fields",
        ),
    ];
    for (input, message) in cases {
        let name = input.ident.to_string();
        let got = error(input);
        assert!(got.contains(message), "{name}: {got}");
    }
}

#[test]
fn the_runtime_path_of_the_struct_wins() {
    let got = expanded(parse_quote! {
        #[request("GET", "h", "/")]
        #[request(crate = ::my::runtime)]
        pub struct Here { pub query: rt::Params, pub headers: rt::Params }
    });
    assert!(
        got.contains("impl :: my :: runtime :: Request < Variables > for Here"),
        "{got}"
    );
    assert!(
        got.contains("headers : :: my :: runtime :: Params :: new_headers ()"),
        "{got}"
    );
}

#[test]
fn more_path_parameters_than_clippy_likes_are_allowed() {
    let fields: Vec<syn::Ident> = (0..8_usize)
        .map(|i| quote::format_ident!("p{}", i))
        .collect();
    let got = expanded(parse_quote! {
        #[request("GET", "h", "/" #(, #fields)*)]
        pub struct Many {
            #(#[request(value = "v")] pub #fields: String,)*
            pub query: rt::Params,
            pub headers: rt::Params,
        }
    });
    assert!(
        got.contains("# [allow (clippy :: too_many_arguments)]"),
        "{got}"
    );
}
