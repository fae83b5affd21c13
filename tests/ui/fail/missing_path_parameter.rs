// A request cannot be made without its path parameter.
mod client {
    include!("../../../collections/link-a-user-account.postman_collection.rs");
}

fn main() {
    let _ = client::LinkAUserAccount::new();
    let template = client::LinkAUserAccount::new("auth0|123");
    let _ = client::LinkAUserAccount {
        query: template.query,
        headers: template.headers,
        body: template.body,
    };
}
