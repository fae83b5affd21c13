//! Generated code as users build it: warning-free under clippy and rustdoc.
//!
//! `collections_compile_together_warning_free` takes every `*.json` in the folder named by
//! `CODEGEN_CORPUS` (CI points it at `../shared/corpus`), or the bundled `collections/` when it
//! is not set, generates each, and compiles all outputs in one crate.

use std::path::PathBuf;

use tests::{compile, report};

#[test]
fn collections_compile_together_warning_free() {
    let (folder, inputs) = match std::env::var_os("CODEGEN_CORPUS") {
        Some(folder) => {
            let folder = PathBuf::from(folder);
            let mut inputs: Vec<PathBuf> = std::fs::read_dir(&folder)
                .unwrap_or_else(|err| panic!("CODEGEN_CORPUS={}: {err}", folder.display()))
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
                .collect();
            inputs.sort();
            (folder, inputs)
        }
        None => (
            tests::workspace_root().join("collections"),
            tests::collections(),
        ),
    };
    assert!(!inputs.is_empty(), "no *.json in {}", folder.display());
    report(&format!("collections from {}", folder.display()));

    let mut modules = Vec::new();
    let (mut requests, mut warnings, mut refused) = (0, 0, Vec::new());
    for input in &inputs {
        let name = input
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match codegen::Builder::new(input)
            .source_name(name.clone())
            .generate()
        {
            Ok(generated) => {
                report(&format!(
                    "{name}: {} requests, {} warnings, {} lines",
                    generated.request_count(),
                    generated.warnings().len(),
                    generated.code().lines().count()
                ));
                requests += generated.request_count();
                warnings += generated.warnings().len();
                modules.push((compile::module_name(input), generated.code().to_owned()));
            }
            Err(err @ codegen::Error::Input { .. }) => {
                report(&format!("{name}: refused: {}", err.report().trim_end()));
                refused.push(name);
            }
            Err(err) => panic!("{name}: {}", err.report()),
        }
    }
    report(&format!(
        "total: {} collections, {requests} requests, {warnings} warnings, {} refused",
        inputs.len(),
        refused.len()
    ));

    let dir = compile::target_dir().join("collections-crate");
    compile::write_crate(&dir, &modules);
    compile::cargo(&dir, &["clippy", "--quiet", "--", "-D", "warnings"], None);
    compile::cargo(&dir, &["doc", "--quiet", "--no-deps"], Some("-D warnings"));
}

#[test]
fn the_example_crate_passes_clippy_and_rustdoc_with_warnings_denied() {
    let root = tests::workspace_root();
    compile::cargo(
        &root,
        &[
            "clippy",
            "--quiet",
            "-p",
            "generated-example",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
        None,
    );
    compile::cargo(
        &root,
        &["doc", "--quiet", "--no-deps", "-p", "generated-example"],
        Some("-D warnings"),
    );
}
