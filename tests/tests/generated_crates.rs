//! Generated code as users build it: warning-free under clippy and rustdoc, in edition-2021 and
//! edition-2024 crates that depend on the runtime crate alone, and standalone output in crates
//! without it.
//!
//! `collections_compile_together_warning_free` takes the bundled `collections/` and, when
//! `CODEGEN_CORPUS` names a folder (CI points it at `../shared/corpus`), every `*.json` in it,
//! generates each, and compiles all outputs in one crate per edition.
// Helpers outside #[test] functions fail the test by panicking.
#![allow(clippy::panic)]

use std::path::Path;

use tests::compile::{self, Dependencies, Edition};
use tests::report;

fn name_of(input: &Path) -> String {
    input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[test]
fn collections_compile_together_warning_free() {
    let inputs = tests::collections_and_corpus();
    let mut modules = Vec::new();
    let (mut requests, mut warnings, mut refused) = (0, 0, Vec::new());
    for input in &inputs {
        let name = name_of(input);
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
                let module = format!("{}_{}", compile::module_name(input), modules.len());
                modules.push((module, generated.code().to_owned()));
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
    assert_eq!(modules.len() + refused.len(), inputs.len());

    for edition in Edition::ALL {
        let dir = compile::target_dir().join(format!("collections-crate-{edition:?}"));
        compile::write_crate(&dir, &modules, edition, Dependencies::Runtime);
        compile::cargo(&dir, &["clippy", "--quiet", "--", "-D", "warnings"], None);
        if edition == Edition::E2021 {
            compile::cargo(&dir, &["doc", "--quiet", "--no-deps"], Some("-D warnings"));
        }
        report(&format!(
            "{} collections compile in an edition-{edition:?} crate under clippy -D warnings",
            modules.len()
        ));
    }
}

#[test]
fn a_runtime_path_names_the_runtime_everywhere() {
    // In a crate that has the runtime only as `runtime_again`, the derive must find it there.
    let input = tests::workspace_root().join("collections/features.postman_collection.json");
    let generated = codegen::Builder::new(&input)
        .runtime_path("::runtime_again")
        .generate()
        .unwrap_or_else(|err| panic!("{}", err.report()));
    let dir = compile::target_dir().join("runtime-path-crate");
    let modules = [("features".to_owned(), generated.code().to_owned())];
    compile::write_crate(&dir, &modules, Edition::E2021, Dependencies::RuntimeRenamed);
    compile::cargo(&dir, &["clippy", "--quiet", "--", "-D", "warnings"], None);
}

#[test]
fn a_vendored_file_in_a_binary_crate_does_not_warn_declared_as_the_readme_says() {
    let input = tests::workspace_root().join("collections/typed-responses.postman_collection.json");
    let generated = codegen::Builder::new(&input)
        .generate()
        .unwrap_or_else(|err| panic!("{}", err.report()));
    let dir = compile::target_dir().join("binary-crate");
    compile::write_crate(&dir, &[], Edition::E2021, Dependencies::Runtime);
    let src = dir.join("src");
    // As the README shows (`#[allow(dead_code)]`: the requests a binary does not send).
    let main = "#[rustfmt::skip]\n#[allow(dead_code)]\nmod client;\n\n\
                fn main() {\n    let _ = client::Variables::default();\n}\n";
    for (file, text) in [("client.rs", generated.code()), ("main.rs", main)] {
        std::fs::write(src.join(file), text).unwrap_or_else(|err| panic!("{err}"));
    }
    compile::cargo(&dir, &["clippy", "--quiet", "--", "-D", "warnings"], None);
}

#[test]
fn standalone_output_compiles_without_the_runtime_crate() {
    let mut modules = Vec::new();
    for input in [
        "link-a-user-account.postman_collection.json",
        "features.postman_collection.json",
    ] {
        let input = tests::workspace_root().join("collections").join(input);
        let generated = codegen::Builder::new(&input)
            .source_name(name_of(&input))
            .standalone(true)
            .generate()
            .unwrap_or_else(|err| panic!("{}", err.report()));
        assert!(generated.code().contains("pub mod runtime {"));
        assert!(!generated.code().contains("codegen_runtime"));
        modules.push((compile::module_name(&input), generated.code().to_owned()));
    }
    // Every collection (the corpus's too, with `CODEGEN_CORPUS`) generated together: a module
    // each, one copy of the runtime, and every request as the derive's expansion, which is
    // then ordinary code of this crate, under clippy and rustdoc.
    let inputs = tests::collections_and_corpus();
    let mut several = codegen::Builder::new(&inputs[0]);
    for input in &inputs[1..] {
        several = several.input(input);
    }
    let several = several
        .standalone(true)
        .generate()
        .unwrap_or_else(|err| panic!("{}", err.report()));
    assert_eq!(several.code().matches("pub mod runtime {").count(), 1);
    report(&format!(
        "standalone: {} collections generated together, {} requests",
        inputs.len(),
        several.request_count()
    ));
    for edition in Edition::ALL {
        let dir = compile::target_dir().join(format!("standalone-crate-{edition:?}"));
        compile::write_crate(&dir, &modules, edition, Dependencies::Standalone);
        several
            .write_to(dir.join("src/several"))
            .unwrap_or_else(|err| panic!("{}", err.report()));
        let lib = dir.join("src/lib.rs");
        let text = std::fs::read_to_string(&lib).unwrap_or_else(|err| panic!("{err}"));
        std::fs::write(&lib, format!("{text}\n/// `several`\npub mod several;\n"))
            .unwrap_or_else(|err| panic!("{err}"));
        compile::cargo(&dir, &["clippy", "--quiet", "--", "-D", "warnings"], None);
        compile::cargo(&dir, &["doc", "--quiet", "--no-deps"], Some("-D warnings"));
    }
}

#[test]
fn the_runtime_crate_documents_without_warnings() {
    let root = tests::workspace_root();
    compile::cargo(
        &root,
        &["doc", "--quiet", "--no-deps", "-p", "codegen-runtime"],
        Some("-D warnings"),
    );
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

#[test]
fn a_generated_client_crate_builds_documents_and_tests_clean() {
    // Outside the workspace, as a user's crate is; the runtime by the default path.
    let base = std::env::temp_dir().join(format!("codegen-client-crate-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let dir = base.join("features-client");
    let input = tests::workspace_root().join("collections/features.postman_collection.json");
    let generated = codegen::Builder::new(&input)
        .client_crate(&dir)
        .generate()
        .unwrap_or_else(|err| panic!("{}", err.report()));
    generated
        .write_to(&dir)
        .unwrap_or_else(|err| panic!("{}", err.report()));
    let lock = tests::workspace_root().join("Cargo.lock");
    std::fs::copy(&lock, dir.join("Cargo.lock")).unwrap_or_else(|err| panic!("{err}"));
    let examples = std::fs::read_dir(dir.join("examples")).map_or(0, Iterator::count);
    assert_eq!(examples, 5, "an example per top-level folder");
    compile::cargo(
        &dir,
        &["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"],
        None,
    );
    // The README is the crate's documentation, its example a doctest.
    compile::cargo(&dir, &["test", "--quiet"], None);
    compile::cargo(&dir, &["doc", "--quiet", "--no-deps"], Some("-D warnings"));
    report(&format!(
        "the client crate of features.postman_collection.json ({} requests, {examples} \
         examples) passes clippy, its tests and rustdoc with warnings denied",
        generated.request_count()
    ));
    let _ = std::fs::remove_dir_all(&base);
}
