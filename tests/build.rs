//! Writes `generated.rs` into `OUT_DIR`: for every `collections/NAME.json` that has its
//! snapshot `NAME.rs`, a module that `include!`s the snapshot (so the tests drive exactly the
//! code users get) and a conformance driver that lists its requests in collection order.
//!
//! The driver is derived with codegen's own stages (read, lower, name), so it names the same
//! types the snapshot defines.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "src/module_name.rs"]
mod module_name;

use module_name::module_name;

use codegen::model::{Body, Group, Node, Operation, PartValue, Segment};
use codegen::name::{GroupNames, NodeNames};

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
    let mut list = String::new();
    for input in &inputs {
        let snapshot = input.with_extension("rs");
        println!("cargo:rerun-if-changed={}", input.display());
        println!("cargo:rerun-if-changed={}", snapshot.display());
        let Ok(document) = codegen::input::read_file(input) else {
            continue;
        };
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
        let (api, _) = codegen::lower::lower(&document);
        let names = codegen::name::name(&api);
        let module = module_name(input);
        let (mut entries, mut sends) = (String::new(), String::new());
        walk(&api.root, &names.root, "", &mut entries, &mut sends);
        let _ = write!(
            out,
            r#"
/// `{source}` and its conformance driver.
pub mod {module} {{
    include!({snapshot:?});

    /// Every request of the collection in order, with the reason it is left out of the
    /// conformance comparison, if it is.
    pub fn requests() -> ::std::vec::Vec<(&'static str, ::std::option::Option<&'static str>)> {{
        ::std::vec![{entries}]
    }}

    /// Sends every request that is not left out, built with `new`, to `base_url` with the
    /// variables set to `values`; returns the failures to send. The recorder's empty answers
    /// are not what the examples document, so statuses and bodies that do not decode are not
    /// failures here: this compares requests.
    pub fn send(base_url: &str, values: &[(&str, &str)]) -> ::std::vec::Vec<::std::string::String> {{
        let mut variables = Variables::default();
        for (name, value) in values {{
            variables.set(name, *value);
        }}
        // newman only ever sends the token a collection stores.
        let client = Client::new(variables).with_base_url(base_url).stored_tokens_only();
        let runtime = ::tokio::runtime::Builder::new_current_thread().enable_all().build();
        let ::std::result::Result::Ok(runtime) = runtime else {{
            return ::std::vec!["cannot start a tokio runtime".to_owned()];
        }};
        let mut errors = ::std::vec::Vec::new();
        {sends}
        errors
    }}
}}
"#
        );
        let _ = writeln!(
            list,
            "    crate::Collection {{ source: {source:?}, requests: {module}::requests, send: {module}::send }},"
        );
    }
    let _ = write!(
        out,
        "\n/// Every collection with a snapshot.\npub const COLLECTIONS: &[crate::Collection] = &[\n{list}];\n"
    );
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    if let Err(err) = std::fs::write(out_dir.join("generated.rs"), out) {
        println!("cargo:warning=cannot write generated.rs: {err}");
    }
}

fn walk(group: &Group, names: &GroupNames, path: &str, out: &mut String, sends: &mut String) {
    for (child, child_names) in group.children.iter().zip(&names.children) {
        match (child, child_names) {
            (Node::Group(group), NodeNames::Group(names)) => {
                walk(
                    group,
                    names,
                    &format!("{path}{}::", names.module),
                    out,
                    sends,
                );
            }
            (Node::Operation(operation), NodeNames::Operation(names)) => {
                let args: Vec<String> = names
                    .params
                    .iter()
                    .map(|(name, _)| format!("{:?}", param_value(operation, name)))
                    .collect();
                let reason = excluded(operation);
                let _ = writeln!(out, "({:?}, {reason:?}),", operation.name);
                if reason.is_none() {
                    let _ = writeln!(
                        sends,
                        "match runtime.block_on(client.send(&{path}{}::new({}))) {{ \
                         ::std::result::Result::Ok(_) | ::std::result::Result::Err(::codegen_runtime::Error::Status(_) | ::codegen_runtime::Error::Decode {{ .. }}) => {{}} \
                         ::std::result::Result::Err(err) => errors.push(::std::format!(\"{{}}: {{err}}\", {:?})) }}",
                        names.type_name,
                        args.join(", "),
                        operation.name
                    );
                }
            }
            _ => {}
        }
    }
}

/// The value newman sends for a path parameter: the collection's, or `:name` literally.
fn param_value(operation: &Operation, name: &str) -> String {
    operation
        .url
        .path
        .iter()
        .find_map(|segment| match segment {
            Segment::Param(param) if param.name == name => param.default.clone(),
            _ => None,
        })
        .filter(|value| !value.is_empty())
        .unwrap_or_else(|| format!(":{name}"))
}

/// Why newman and the client cannot send the same bytes for `operation`, if they cannot.
fn excluded(operation: &Operation) -> Option<&'static str> {
    if operation.unsupported_auth.is_some() {
        return Some("its auth needs a handshake or a signature");
    }
    let files = match &operation.body {
        Body::File { src } => src.is_some(),
        Body::Multipart { parts } => parts
            .iter()
            .any(|part| part.enabled && matches!(part.value, PartValue::Files(_))),
        _ => false,
    };
    if files {
        return Some("it sends a local file");
    }
    let text = format!("{operation:?}");
    if text.contains("{{$") {
        return Some("it uses a dynamic variable ({{$...}}) that newman generates anew");
    }
    None
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}
