// The seed client compiles with warnings denied and builds both documented calls.
#![deny(warnings)]
// A consumer uses only some of a generated file's items.
#![allow(dead_code)]

mod client {
    include!("../../../collections/link-a-user-account.postman_collection.rs");
}

use client::{Client, LinkAUserAccount, LinkAUserAccountBody, Variables};

fn main() {
    let client = Client::new(Variables {
        auth0_domain: "tenant.auth0.com".into(),
        auth0_token: "token".into(),
    });
    let with_jwt = LinkAUserAccount {
        body: LinkAUserAccountBody {
            link_with: Some("SECONDARY_JWT".into()),
            ..Default::default()
        },
        ..LinkAUserAccount::new("auth0|123")
    };
    let mut with_provider = LinkAUserAccount::new("auth0|123");
    with_provider.body = LinkAUserAccountBody {
        provider: Some("google-oauth2".into()),
        user_id: Some("987".into()),
        ..Default::default()
    };
    for request in [with_jwt, with_provider] {
        let built = client.build(&request).map(|request| request.uri().to_string());
        assert_eq!(
            built.ok().as_deref(),
            Some("https://tenant.auth0.com/api/v2/users/auth0%7C123/identities")
        );
    }
    // A request's path alone, its path parameters percent-encoded.
    let request = LinkAUserAccount::new("auth0|123");
    let parts = codegen_runtime::Request::parts(&request);
    assert_eq!(
        parts.map(|parts| parts.path).ok().as_deref(),
        Some("/api/v2/users/auth0%7C123/identities")
    );
}
