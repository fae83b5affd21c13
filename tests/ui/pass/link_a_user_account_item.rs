// The client generated from the single request item compiles with warnings denied.
#![deny(warnings)]
#![allow(dead_code)]

mod client {
    include!("../../../collections/link-a-user-account.item.rs");
}

fn main() {
    let request = client::LinkAUserAccount::new("auth0|123");
    // `new` sets the collection's example body: the four fields, each an empty string.
    let empty = Some(String::new());
    let expected = client::LinkAUserAccountBody {
        provider: empty.clone(),
        connection_id: empty.clone(),
        user_id: empty.clone(),
        link_with: empty,
    };
    assert_eq!(request.body, expected);
}
