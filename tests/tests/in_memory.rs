//! The in-memory pipeline, `Builder::generate_from_bytes`, which the fuzz targets in
//! `codegen/fuzz` drive: the same client as from the file.

#[test]
fn generating_from_bytes_gives_the_client_generated_from_the_file() {
    for input in tests::collections() {
        let builder = codegen::Builder::new(&input);
        let bytes = std::fs::read(&input)
            .unwrap_or_else(|err| panic!("cannot read {}: {err}", input.display()));
        let from_file = builder.generate().map(|g| g.code().to_owned());
        let from_bytes = builder.generate_from_bytes(&bytes);
        assert!(
            from_bytes.as_ref().is_ok_and(|g| g.inputs().is_empty()),
            "{}",
            input.display()
        );
        assert_eq!(
            from_file.ok(),
            from_bytes.ok().map(|g| g.code().to_owned()),
            "{}",
            input.display()
        );
    }
}

#[test]
fn bytes_that_are_not_a_collection_are_an_input_error_located_in_the_named_file() {
    let result = codegen::Builder::new("memory.json").generate_from_bytes(b"{\"item\": 1}");
    match result {
        Err(codegen::Error::Input { location, .. }) => {
            assert_eq!(location.file, std::path::Path::new("memory.json"));
        }
        other => panic!("expected an input error, got {other:?}"),
    }
}
