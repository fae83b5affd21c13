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

/// Runs `collection` once with the Postman environment file `environment`; newman's output
/// when it fails.
pub fn run_with_environment(collection: &Path, environment: &Path) -> Result<(), String> {
    let script = ensure_installed();
    let output = Command::new("node")
        .arg(&script)
        .arg("run")
        .arg(collection)
        .arg("--environment")
        .arg(environment)
        .args(["--reporters", "cli", "--timeout-request", "10000"])
        .output()
        .map_err(|err| format!("the conformance tests need Node.js: cannot run node: {err}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "newman failed ({}):\n{}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// Runs newman once on each `(collection, environment)` pair, one after the other in one Node
/// process (`run-each.js`); returns, per pair, newman's failures (a request it could not send).
pub fn run_each(pairs: &[(PathBuf, PathBuf)]) -> Vec<Result<(), String>> {
    ensure_installed();
    let mut command = Command::new("node");
    command.arg(dir().join("run-each.js"));
    for (collection, environment) in pairs {
        command.arg(collection).arg(environment);
    }
    let output = match command.output() {
        Ok(output) => output,
        Err(err) => {
            let message = format!("the conformance tests need Node.js: cannot run node: {err}");
            return pairs.iter().map(|_| Err(message.clone())).collect();
        }
    };
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect();
    pairs
        .iter()
        .enumerate()
        .map(|(index, _)| match lines.get(index) {
            Some(line) => match line["failures"].as_array() {
                Some(failures) if failures.is_empty() => Ok(()),
                _ => Err(format!("newman: {}", line["failures"])),
            },
            None => Err(format!(
                "newman stopped ({}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            )),
        })
        .collect()
}
