//! Hostile collections (issue 9): nothing an input holds crashes the generator or makes it
//! take time or stack out of proportion to the input's size.
#![allow(clippy::panic)]

use std::path::{Path, PathBuf};

use codegen::{Builder, Error, Generated};

/// A temporary folder with `name` holding `text`.
fn input(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("temporary folder: {err}"));
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    (dir, path)
}

fn generate(path: &Path) -> Result<Generated, Error> {
    Builder::new(path).source_name("hostile.json").generate()
}

/// Runs `work` on a thread with a 256 KiB stack.
fn on_small_stack<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(work)
        .unwrap_or_else(|err| panic!("spawn: {err}"))
        .join()
        .unwrap_or_else(|_| panic!("the work panicked"))
}

/// A request item with a JSON body (as text) and one saved example with the same body.
fn request_with_json(name: &str, json: &str) -> String {
    let json = serde_json::Value::from(json);
    format!(
        r#"{{"name": "{name}", "request": {{"method": "POST", "url": "https://x.io/a",
            "body": {{"mode": "raw", "raw": {json}, "options": {{"raw": {{"language": "json"}}}}}}}},
            "response": [{{"name": "ok", "code": 200, "body": {json}}}]}}"#
    )
}

#[test]
fn collections_nested_as_deep_as_can_be_read_generate_the_same_on_any_thread() {
    // 59 folders (118 of serde_json's 128 levels) around a request whose body and example
    // nest 127 arrays deep, each with a `null` beside it (`Vec<Option<Vec<...>>>`).
    let body = format!("{}1{}", "[null, ".repeat(127), "]".repeat(127));
    let text = format!(
        r#"{{"info": {{"name": "deep"}}, "item": [{}{}{}]}}"#,
        r#"{"name": "f", "item": ["#.repeat(59),
        request_with_json("leaf", &body),
        "]}".repeat(59)
    );
    let (_dir, path) = input("deep.json", &text);
    let here = generate(&path).unwrap_or_else(|err| panic!("{}", err.report()));
    let small = on_small_stack(move || generate(&path).map_err(|err| err.report()));
    assert_eq!(small.as_ref().map(Generated::code), Ok(here.code()));
    // Arrays of arrays are typed `codegen::name::types::MAX_ARRAY_DEPTH` deep (as far as rustc
    // and clippy's `type_complexity` go), and `Value` below that.
    let code: String = here.code().split_whitespace().collect();
    let typed = format!(
        "{}Vec<rt::Value>",
        "Vec<Option<".repeat(codegen::name::types::MAX_ARRAY_DEPTH - 1)
    );
    assert!(code.contains(&typed), "{}", here.code());
    assert!(
        !code.contains(&format!("Option<{typed}")),
        "{}",
        here.code()
    );
}

#[test]
fn writing_over_the_input_is_refused_and_leaves_it_untouched() {
    let seed =
        tests::workspace_root().join("collections/link-a-user-account.postman_collection.json");
    let text = std::fs::read_to_string(&seed).unwrap_or_else(|err| panic!("{err}"));
    let (dir, path) = input("collection.json", &text);
    let generated = generate(&path).unwrap_or_else(|err| panic!("{}", err.report()));
    let refused = generated.write_to(dir.path().join("./collection.json"));
    assert!(
        matches!(refused, Err(Error::OutputIsInput { .. })),
        "{refused:?}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).ok().as_deref(),
        Some(text.as_str())
    );
    assert!(generated.write_to(dir.path().join("client.rs")).is_ok());
}

#[test]
fn a_collection_saved_as_utf16_generates_what_its_utf8_original_does() {
    let seed =
        tests::workspace_root().join("collections/link-a-user-account.postman_collection.json");
    let text = std::fs::read_to_string(&seed).unwrap_or_else(|err| panic!("{err}"));
    let utf8 = generate(&seed).unwrap_or_else(|err| panic!("{}", err.report()));
    // As PowerShell's `>` writes it: little-endian, with a byte order mark.
    let bytes: Vec<u8> = "\u{feff}"
        .encode_utf16()
        .chain(text.encode_utf16())
        .flat_map(u16::to_le_bytes)
        .collect();
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("{err}"));
    let path = dir.path().join("utf16.json");
    std::fs::write(&path, bytes).unwrap_or_else(|err| panic!("{err}"));
    let utf16 = generate(&path).unwrap_or_else(|err| panic!("{}", err.report()));
    assert_eq!(utf16.code(), utf8.code());
}

#[test]
fn the_docs_name_each_local_file_a_request_would_read() {
    let collection = r#"{
        "info": {"name": "files", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [
            {"name": "Raw file", "request": {"method": "POST", "url": "https://example.com/a",
                "body": {"mode": "file", "file": {"src": "/etc/shadow"}}}},
            {"name": "Form files", "request": {"method": "POST", "url": "https://example.com/b",
                "body": {"mode": "formdata", "formdata": [
                    {"key": "a", "type": "file", "src": "../../secret.key"},
                    {"key": "b", "type": "file", "src": ["x.bin", "`y`.bin"]},
                    {"key": "c", "type": "file", "src": "off.bin", "disabled": true}
                ]}}}
        ]
    }"#;
    let (_dir, path) = input("files.json", collection);
    let code = generate(&path)
        .map(|generated| generated.code().to_owned())
        .unwrap_or_else(|err| panic!("{err}"));
    let doc_lines: Vec<&str> = code
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with("///"))
        .collect();
    let doc_of = |needle: &str| {
        doc_lines
            .iter()
            .find(|line| line.contains(needle))
            .map(|line| (*line).to_owned())
            .unwrap_or_else(|| panic!("no doc line names {needle}:\n{code}"))
    };
    assert!(doc_of("`/etc/shadow`").contains("`Client::allow_files_in`"));
    let form = doc_of("`../../secret.key`");
    assert!(
        form.contains("local files `../../secret.key`, `x.bin`, `` `y`.bin ``;")
            && form.contains("`Client::allow_files_in`"),
        "{form}"
    );
    // A disabled part is not sent by `new`, so its file is not read.
    assert!(!form.contains("off.bin"), "{form}");
}

#[test]
fn an_example_status_code_out_of_range_is_warned_about_at_its_line_and_column() {
    let collection = "{\"info\": {\"name\": \"codes\"},\n\"item\": [{\"name\": \"Get\",\n\
                      \"request\": {\"method\": \"GET\", \"url\": \"https://example.com\"},\n\
                      \"response\": [{\"name\": \"zero\", \"body\": \"{}\",\n    \"code\": 0}]}]}\n";
    let (_dir, path) = input("codes.json", collection);
    let generated = generate(&path).unwrap_or_else(|err| panic!("{err}"));
    let places: Vec<(String, Option<(usize, usize)>)> = generated
        .warnings()
        .iter()
        .filter(|warning| warning.kind == codegen::WarningKind::Example)
        .map(|warning| {
            (
                warning.location.json_path.clone(),
                warning.location.line_column,
            )
        })
        .collect();
    assert_eq!(
        places,
        [("$.item[0].response[0].code".to_owned(), Some((5, 13)))]
    );
}
