//! The two documented ways to call Auth0's "Link a user account", with the generated client.
//!
//! Without arguments it prints the two HTTP requests it would send (building needs no I/O).
//! With `AUTH0_DOMAIN`, `AUTH0_TOKEN` and `--send` in the environment and arguments, it sends
//! them to your tenant:
//!
//! ```text
//! AUTH0_DOMAIN=tenant.eu.auth0.com AUTH0_TOKEN=... cargo run -p generated-example --example link_accounts -- --send
//! ```

use generated_example::vendored::{Client, LinkAUserAccount, LinkAUserAccountBody, Variables};

const PRIMARY: &str = "auth0|5f7c8ec7c33c6c004bbafe82";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new(Variables {
        auth0_domain: std::env::var("AUTH0_DOMAIN").unwrap_or_else(|_| "tenant.auth0.com".into()),
        auth0_token: std::env::var("AUTH0_TOKEN").unwrap_or_else(|_| "YOUR_API_V2_TOKEN".into()),
    });

    // 1. With the secondary account's JWT: only `link_with` is sent.
    let with_jwt = LinkAUserAccount {
        body: LinkAUserAccountBody {
            link_with: Some("SECONDARY_ACCOUNT_JWT".into()),
            ..Default::default()
        },
        ..LinkAUserAccount::new(PRIMARY)
    };

    // 2. With a Management API token: `provider` and `user_id`, optionally `connection_id`.
    let with_provider = LinkAUserAccount {
        body: LinkAUserAccountBody {
            provider: Some("google-oauth2".into()),
            user_id: Some("108091299999329986433".into()),
            ..Default::default()
        },
        ..LinkAUserAccount::new(PRIMARY)
    };

    let send = std::env::args().any(|arg| arg == "--send");
    for request in [&with_jwt, &with_provider] {
        let http = client.build(request)?;
        println!("{} {}", http.method(), http.uri());
        for (name, value) in http.headers() {
            println!("{name}: {}", value.to_str().unwrap_or("<binary>"));
        }
        println!("\n{}\n", String::from_utf8_lossy(http.body()));
        if send {
            let response = client.send(request).await?;
            println!("-> {} {:?}\n", response.status, response.body);
        }
    }
    Ok(())
}
