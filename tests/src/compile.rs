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

/// The Rust edition of a crate that compiles generated code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edition {
    E2021,
    E2024,
}

impl Edition {
    /// Both editions generated code must compile in.
    pub const ALL: [Edition; 2] = [Edition::E2021, Edition::E2024];

    fn name(self) -> &'static str {
        match self {
            Edition::E2021 => "2021",
            Edition::E2024 => "2024",
        }
    }
}

/// What a crate of generated code depends on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dependencies {
    /// The runtime crate alone, as a consumer of a generated client needs.
    Runtime,
    /// The runtime crate, and serde and serde_json for the crate's own code.
    RuntimeAndSerde,
    /// What a standalone file needs instead of the runtime crate.
    Standalone,
    /// The runtime crate under another name, `runtime_again` (for `--runtime-path`): code that
    /// names `::codegen_runtime` does not compile there.
    RuntimeRenamed,
}

/// Writes a crate at `dir` whose library holds each `(module, code)` as a public module,
/// with `dependencies`, pinned by the workspace's `Cargo.lock`.
pub fn write_crate(
    dir: &Path,
    modules: &[(String, String)],
    edition: Edition,
    dependencies: Dependencies,
) {
    let src = dir.join("src");
    let _ = std::fs::remove_dir_all(&src);
    std::fs::create_dir_all(&src).unwrap_or_else(|err| panic!("{}: {err}", src.display()));
    let write = |path: PathBuf, text: &str| {
        std::fs::write(&path, text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    };
    write(dir.join("Cargo.toml"), &manifest(edition, dependencies));
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

fn manifest(edition: Edition, dependencies: Dependencies) -> String {
    let runtime_dir = crate::workspace_root().join("codegen").join("runtime");
    let runtime_dir = runtime_dir.display().to_string();
    let runtime = format!("codegen-runtime = {{ path = {runtime_dir:?} }}\n");
    let serde = "serde = { version = \"1.0.229\", features = [\"derive\"] }\n\
                 serde_json = { version = \"1.0.154\", features = [\"preserve_order\"] }\n";
    let dependencies = match dependencies {
        Dependencies::RuntimeRenamed => {
            format!("runtime_again = {{ package = \"codegen-runtime\", path = {runtime_dir:?} }}\n")
        }
        Dependencies::Runtime => runtime,
        Dependencies::RuntimeAndSerde => format!("{runtime}{serde}"),
        Dependencies::Standalone => format!(
            "base64 = \"0.23.1\"\nfastrand = \"2.5.0\"\nhmac = \"0.13.0\"\nhttp = \"1.5.0\"\n\
             httpdate = \"1.0.3\"\nmd-5 = \"0.11.0\"\npercent-encoding = \"2.3.2\"\n\
             sha1 = \"0.11.0\"\nsha2 = \"0.11.3\"\n\
             reqwest = {{ version = \"0.13.5\", default-features = false }}\n\
             tokio = {{ version = \"1.54.1\", features = [\"sync\", \"time\"] }}\n{serde}"
        ),
    };
    format!(
        "[package]\nname = \"generated-clients\"\nversion = \"0.0.0\"\nedition = \"{}\"\n\
         publish = false\n\n[dependencies]\n{dependencies}\n\
         # Debug info would only slow the builds of thousands of serde impls down.\n\
         [profile.dev]\ndebug = 0\n\n# Not part of the codegen workspace.\n[workspace]\n",
        edition.name()
    )
}

pub use crate::module_name::module_name;
