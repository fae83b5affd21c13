//! Every bundled collection generates exactly its expected file; `CODEGEN_BLESS=1` rewrites them.
#![allow(clippy::panic)]

use tests::snapshot::{self, BLESS_VAR};

#[test]
fn every_collection_matches_its_snapshot() {
    let bless = std::env::var(BLESS_VAR).is_ok_and(|value| value == "1");
    let mut failures = Vec::new();
    let collections = tests::collections();
    assert!(!collections.is_empty(), "no collections found");
    for input in &collections {
        let generated = snapshot::generate(input).unwrap_or_else(|err| {
            panic!("{} does not generate:\n{}", input.display(), err.report())
        });
        let expected_path = snapshot::expected_path(input);
        if bless {
            generated
                .write_to(&expected_path)
                .unwrap_or_else(|err| panic!("cannot bless {}: {err}", expected_path.display()));
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != generated.code() {
            failures.push(format!(
                "{} differs from its snapshot (run with {BLESS_VAR}=1 to accept):\n{}",
                snapshot::relative(&expected_path),
                snapshot::diff(&expected, generated.code())
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn generating_twice_gives_identical_bytes() {
    for input in tests::collections() {
        let first = snapshot::generate(&input).map(|g| g.code().to_owned());
        let second = snapshot::generate(&input).map(|g| g.code().to_owned());
        assert_eq!(first.ok(), second.ok(), "{}", input.display());
    }
}

#[test]
fn the_single_item_and_the_collection_around_it_give_the_same_requests() {
    let root = tests::workspace_root().join("collections");
    let body = |name: &str| {
        let code = snapshot::generate(&root.join(name))
            .unwrap_or_else(|err| panic!("{name}: {}", err.report()))
            .code()
            .to_owned();
        // Everything after the two header lines is the same client.
        code.lines().skip(2).collect::<Vec<_>>().join("\n")
    };
    assert_eq!(
        body("link-a-user-account.item.json"),
        body("link-a-user-account.postman_collection.json")
    );
}

#[test]
fn every_snapshot_is_compiled_by_a_trybuild_pass_case() {
    let pass_dir = tests::workspace_root().join("tests/ui/pass");
    for input in tests::collections() {
        let expected = snapshot::expected_path(&input);
        let file_name = expected
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let covered = std::fs::read_dir(&pass_dir)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .any(|entry| {
                std::fs::read_to_string(entry.path()).is_ok_and(|text| text.contains(&file_name))
            });
        assert!(covered, "no case in tests/ui/pass includes {file_name}");
    }
}
