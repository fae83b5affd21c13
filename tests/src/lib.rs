//! Helpers shared by the integration tests, and the generated clients they exercise.
//!
//! The snapshots in `collections/` are compiled here as modules (with warnings denied), so the
//! end-to-end and conformance tests drive exactly the code users get.
#![deny(warnings)]

pub mod compile;
pub mod newman;
pub mod recorder;
pub mod round_trip;
pub mod snapshot;

use std::path::{Path, PathBuf};

/// The generated clients, one module per snapshot in `collections/`.
pub mod generated {
    /// `collections/link-a-user-account.postman_collection.json`: the seed request.
    pub mod link_a_user_account {
        include!("../../collections/link-a-user-account.postman_collection.rs");
    }
}

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}

/// The bundled collections: every `*.json` in `collections/`, sorted by name.
pub fn collections() -> Vec<PathBuf> {
    let dir = workspace_root().join("collections");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("cannot list {}: {err}", dir.display()))
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}
