//! Snapshot files: each `collections/NAME.json` beside its expected output `NAME.rs`, which is
//! exactly what the command line writes for it.

use std::path::{Path, PathBuf};

/// Set to `1` to rewrite the expected files instead of comparing with them.
pub const BLESS_VAR: &str = "CODEGEN_BLESS";

/// The expected output beside `input`.
pub fn expected_path(input: &Path) -> PathBuf {
    input.with_extension("rs")
}

/// `input` relative to the workspace root, with `/` separators, as the command line is given it.
pub fn relative(path: &Path) -> String {
    let root = crate::workspace_root();
    path.strip_prefix(&root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Generates the client for `input` as `cargo run -p codegen -- generate INPUT -o EXPECTED`
/// run from the workspace root would.
pub fn generate(input: &Path) -> Result<codegen::Generated, codegen::Error> {
    let source = relative(input);
    let output = relative(&expected_path(input));
    codegen::Builder::new(input)
        .source_name(source.clone())
        .regenerate_command(format!(
            "cargo run -p codegen -- generate {source} -o {output}"
        ))
        .generate()
}

/// A unified diff from `expected` to `actual`.
pub fn diff(expected: &str, actual: &str) -> String {
    similar::TextDiff::from_lines(expected, actual)
        .unified_diff()
        .context_radius(3)
        .header("expected", "actual")
        .to_string()
}
