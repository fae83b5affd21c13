// A request cannot be made without its path parameter.
mod client {
    include!("../../../collections/link-a-user-account.postman_collection.rs");
}

fn main() {
    let _ = client::LinkAUserAccount::new();
    let _ = client::LinkAUserAccount {
        body: client::LinkAUserAccountBody::default(),
    };
}
