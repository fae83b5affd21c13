// The client generated from the single request item compiles with warnings denied.
#![deny(warnings)]
#![allow(dead_code)]

mod client {
    include!("../../../collections/link-a-user-account.item.rs");
}

fn main() {
    let request = client::LinkAUserAccount::new("auth0|123");
    assert_eq!(request.body, client::LinkAUserAccountBody::example());
}
