//! Generates the Auth0 "Link a user account" client, and two more collections together, into
//! `OUT_DIR` on every build where a collection changed (codegen prints
//! `cargo:rerun-if-changed` itself).

fn main() {
    codegen::Builder::new("../collections/link-a-user-account.postman_collection.json")
        .build_script("link_a_user_account.rs");
    // Two collections in one output: a module each, one runtime (the crate) for both.
    codegen::Builder::new("../collections/typed-responses.postman_collection.json")
        .input("../collections/chained-variables.postman_collection.json")
        .build_script("several.rs");
}
