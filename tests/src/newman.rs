//! Postman's runner, pinned in `tests/newman/package.json`: installed on first use with
//! `npm ci` into `tests/newman/node_modules` (ignored by git), then run on collections.
//!
//! Nothing here skips: without Node.js and npm the tests that need newman fail with a message
//! saying what to install.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

static INSTALL: Mutex<()> = Mutex::new(());

fn dir() -> PathBuf {
    crate::workspace_root().join("tests").join("newman")
}

/// The newman entry point, installing the pinned version first if needed.
pub fn ensure_installed() -> PathBuf {
    let script = dir().join("node_modules/newman/bin/newman.js");
    let _guard = INSTALL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if !script.exists() {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(dir())
            .status()
            .unwrap_or_else(|err| {
                panic!("the conformance tests need Node.js and npm to install newman: cannot run npm: {err}")
            });
        assert!(
            status.success(),
            "`npm ci` in {} failed ({status})",
            dir().display()
        );
        assert!(
            script.exists(),
            "npm ci did not install {}",
            script.display()
        );
    }
    script
}

/// Runs `collection` once with `env_vars` (`name=value`), failing the test if newman fails.
pub fn run(collection: &Path, env_vars: &[(&str, String)]) {
    let script = ensure_installed();
    let mut command = Command::new("node");
    command.arg(&script).arg("run").arg(collection).args([
        "--reporters",
        "cli",
        "--timeout-request",
        "10000",
    ]);
    for (name, value) in env_vars {
        command.arg("--env-var").arg(format!("{name}={value}"));
    }
    let output = command
        .output()
        .unwrap_or_else(|err| panic!("the conformance tests need Node.js: cannot run node: {err}"));
    assert!(
        output.status.success(),
        "newman failed ({}):\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
