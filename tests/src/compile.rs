//! Compiling generated code the way its users do: in a crate of its own, under
//! `cargo clippy -D warnings` and `cargo doc` with warnings denied.
//!
//! The checks run cargo in `target/codegen-checks` so they never wait on the build directory
//! of the `cargo test` that runs them.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The target directory the nested cargo runs share.
pub fn target_dir() -> PathBuf {
    crate::workspace_root()
        .join("target")
        .join("codegen-checks")
}

/// Runs `cargo ARGS` in `dir` and fails the test with cargo's output if it fails.
pub fn cargo(dir: &Path, args: &[&str], rustdocflags: Option<&str>) {
    let mut command = Command::new(env!("CARGO"));
    command
        .current_dir(dir)
        .args(args)
        .env("CARGO_TARGET_DIR", target_dir())
        .env_remove("RUSTFLAGS")
        .env("CARGO_TERM_COLOR", "never");
    match rustdocflags {
        Some(flags) => command.env("RUSTDOCFLAGS", flags),
        None => command.env_remove("RUSTDOCFLAGS"),
    };
    let output = command
        .output()
        .unwrap_or_else(|err| panic!("cannot run cargo: {err}"));
    assert!(
        output.status.success(),
        "`cargo {}` in {} failed:\n{}",
        args.join(" "),
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Writes a crate at `dir` whose library holds each `(module, code)` as a public module,
/// with the dependencies generated code needs, pinned by the workspace's `Cargo.lock`.
pub fn write_crate(dir: &Path, modules: &[(String, String)]) {
    let src = dir.join("src");
    let _ = std::fs::remove_dir_all(&src);
    std::fs::create_dir_all(&src).unwrap_or_else(|err| panic!("{}: {err}", src.display()));
    let write = |path: PathBuf, text: &str| {
        std::fs::write(&path, text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    };
    write(dir.join("Cargo.toml"), MANIFEST);
    let lock = crate::workspace_root().join("Cargo.lock");
    std::fs::copy(&lock, dir.join("Cargo.lock"))
        .unwrap_or_else(|err| panic!("{}: {err}", lock.display()));
    let mut lib = String::from(
        "//! Generated clients compiled together.\n#![deny(warnings, missing_docs)]\n",
    );
    for (module, code) in modules {
        write(src.join(format!("{module}.rs")), code);
        lib.push_str(&format!("\n/// `{module}`\npub mod {module};\n"));
    }
    write(src.join("lib.rs"), &lib);
}

const MANIFEST: &str = r#"[package]
name = "generated-clients"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
http = "1.5.0"
percent-encoding = "2.3.2"
reqwest = { version = "0.13.5", default-features = false }
serde = { version = "1.0.229", features = ["derive"] }
serde_json = { version = "1.0.154", features = ["preserve_order"] }

# Not part of the codegen workspace.
[workspace]
"#;

pub use crate::module_name::module_name;
