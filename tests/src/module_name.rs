//! The Rust module name of a bundled collection, shared by `build.rs` (which includes this file
//! with `#[path]`) and the tests, so both name a collection's module the same way.

use std::path::Path;

/// A module name for a collection file: `01-auth0.postman_collection.json` →
/// `c_01_auth0_postman_collection`.
pub fn module_name(input: &Path) -> String {
    let name = input
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.strip_suffix(".json").unwrap_or(&name);
    let cleaned: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("c_{cleaned}")
}
