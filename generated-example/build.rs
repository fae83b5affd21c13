//! Generates the Auth0 "Link a user account" client into `OUT_DIR` on every build where the
//! collection changed (codegen prints `cargo:rerun-if-changed` itself).

fn main() {
    codegen::Builder::new("../collections/link-a-user-account.postman_collection.json")
        .build_script("link_a_user_account.rs");
}
