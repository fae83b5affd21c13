// collections/auth-rules.postman_collection.rs compiles with warnings denied.
#![deny(warnings)]
// A consumer uses only some of a generated file's items.
#![allow(dead_code)]

mod client {
    include!("../../../collections/auth-rules.postman_collection.rs");
}

fn main() {
    let _ = client::Client::new(client::Variables::default());
}
