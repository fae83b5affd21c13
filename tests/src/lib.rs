//! Helpers shared by the integration tests, and the generated clients they exercise.
//!
//! The snapshots in `collections/` are compiled here as modules (with warnings denied), so the
//! end-to-end and conformance tests drive exactly the code users get.
#![deny(warnings)]
// Test helpers fail the test that calls them by panicking, with the reason.
#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)]

pub mod compile;
pub mod conformance;
pub mod module_name;
pub mod newman;
pub mod recorder;
pub mod round_trip;
pub mod shapes;
pub mod snapshot;

use std::path::{Path, PathBuf};

/// The generated clients, one module per snapshot in `collections/` (written by `build.rs`).
pub mod generated {
    include!(concat!(env!("OUT_DIR"), "/generated.rs"));
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

/// The bundled collections, then every `*.json` of the folder named by `CODEGEN_CORPUS` when it
/// is set (sorted by name; an empty or unreadable folder fails the test, so that a corpus check
/// never passes by checking nothing).
pub fn collections_and_corpus() -> Vec<PathBuf> {
    let mut inputs = collections();
    if let Some(folder) = std::env::var_os("CODEGEN_CORPUS") {
        let folder = PathBuf::from(folder);
        let mut corpus: Vec<PathBuf> = std::fs::read_dir(&folder)
            .unwrap_or_else(|err| panic!("CODEGEN_CORPUS={}: {err}", folder.display()))
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .collect();
        corpus.sort();
        assert!(!corpus.is_empty(), "no *.json in {}", folder.display());
        report(&format!("corpus from {}", folder.display()));
        inputs.extend(corpus);
    }
    inputs
}

/// Prints a line past the test harness's output capture (so figures show in the logs of passing
/// runs): the harness captures only the print macros, so a write to the standard error handle
/// itself goes straight to the process's file descriptor 2, at its own offset (reopening
/// `/dev/stderr` instead wrote over the harness's output when both went to one file).
pub fn report(line: &str) {
    use std::io::Write as _;
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{line}");
}
