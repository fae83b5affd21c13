// The body is typed: a JSON string is not a body.
mod client {
    include!("../../../collections/link-a-user-account.postman_collection.rs");
}

fn main() {
    let mut request = client::LinkAUserAccount::new("auth0|123");
    request.body = String::from(r#"{"link_with": "jwt"}"#);
}
