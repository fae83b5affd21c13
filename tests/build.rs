//! Writes `generated.rs` into `OUT_DIR`: for every `collections/NAME.json` that has its
//! fresh snapshot `NAME.rs`, a module that `include!`s the snapshot (so the tests drive exactly
//! the code users get).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "src/module_name.rs"]
mod module_name;

use module_name::module_name;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let collections = manifest.join("../collections");
    println!("cargo:rerun-if-changed={}", collections.display());
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&collections)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    inputs.retain(|path| path.extension().is_some_and(|ext| ext == "json"));
    inputs.sort();

    let mut out = String::new();
    for input in &inputs {
        let snapshot = input.with_extension("rs");
        println!("cargo:rerun-if-changed={}", input.display());
        println!("cargo:rerun-if-changed={}", snapshot.display());
        if codegen::input::read_file(input).is_err() {
            continue;
        }
        // A stale snapshot may not even compile: leave it out, so that the snapshot test can
        // show the difference and bless it.
        let source = format!("collections/{}", file_name(input));
        let fresh = codegen::Builder::new(input)
            .source_name(source.clone())
            .regenerate_command(format!(
                "cargo run -p codegen -- generate {source} -o {}",
                source.replace(".json", ".rs")
            ))
            .generate()
            .is_ok_and(|generated| {
                std::fs::read_to_string(&snapshot).is_ok_and(|s| s == generated.code())
            });
        if !fresh {
            println!(
                "cargo:warning={} is missing or stale: CODEGEN_BLESS=1 cargo test -p tests --test snapshots",
                snapshot.display()
            );
            continue;
        }
        let module = module_name(input);
        let _ = write!(
            out,
            "\n/// `{source}`.\npub mod {module} {{\n    include!({snapshot:?});\n}}\n"
        );
    }
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    if let Err(err) = std::fs::write(out_dir.join("generated.rs"), out) {
        println!("cargo:warning=cannot write generated.rs: {err}");
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}
