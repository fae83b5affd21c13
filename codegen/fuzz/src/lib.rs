//! What the fuzz targets share: the oracle, and the hostile collections of `hostile_collection`.
//!
//! The oracle is the generator's promise to a build script: any input either generates or is
//! refused with an `Error::Input` report. A panic anywhere, or any other error (`Error::Render`
//! says the generated tokens do not parse: a generator bug), is a crash.

pub mod hostile;

/// Runs the whole in-memory pipeline (read → lower → name → emit → render) on `bytes` as the
/// collection file, and panics unless it generates or refuses the input as an input error.
pub fn generate(bytes: &[u8], standalone: bool) {
    let builder = codegen::Builder::new("fuzz.postman_collection.json").standalone(standalone);
    match builder.generate_from_bytes(bytes) {
        Ok(_) | Err(codegen::Error::Input { .. }) => {}
        Err(err) => panic!("not an input error:\n{}", err.report()),
    }
}
