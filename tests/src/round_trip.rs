//! The round trip of JSON samples through their generated types: a crate holds the generated
//! clients and a runner that deserializes each sample into its type and serializes it back;
//! the test compares what comes back with the sample.
//!
//! Samples travel to the runner as a JSON file, so the crate's code only grows with the number
//! of types (one dispatch arm each), not with the number of samples.

use std::path::Path;

use codegen::samples::{SampleKind, Samples};
use serde_json::Value;

use crate::compile;

/// One generated client and its samples.
pub struct Collection {
    /// The module the client is compiled as.
    pub module: String,
    pub code: String,
    pub samples: Samples,
}

/// What the runner is given for one sample: (collection, type, sample).
type Job = (usize, usize, Value);

/// Writes the runner crate at `dir` and the samples file it reads; returns the jobs in the
/// order the runner answers them, with the collection and body each comes from.
pub fn write_runner(dir: &Path, collections: &[Collection]) -> Vec<(usize, usize)> {
    let modules: Vec<(String, String)> = collections
        .iter()
        .map(|c| (c.module.clone(), c.code.clone()))
        .collect();
    compile::write_crate(
        dir,
        &modules,
        compile::Edition::E2024,
        compile::Dependencies::RuntimeAndSerde,
    );
    let mut dispatch = String::from(DISPATCH_HEAD);
    let mut jobs: Vec<Job> = Vec::new();
    let mut origins = Vec::new();
    for (index, collection) in collections.iter().enumerate() {
        let mut types: Vec<&str> = Vec::new();
        for (body_index, body) in collection.samples.bodies.iter().enumerate() {
            let type_index = match types.iter().position(|ty| *ty == body.rust_type) {
                Some(position) => position,
                None => {
                    types.push(&body.rust_type);
                    types.len() - 1
                }
            };
            for sample in &body.samples {
                jobs.push((index, type_index, sample.clone()));
                origins.push((index, body_index));
            }
        }
        dispatch.push_str(&format!(
            "\n#[allow(unused_imports)]\nmod check_{index} {{\n    use crate::{}::*;\n    use ::codegen_runtime as rt;\n    pub fn round_trip(ty: usize, json: ::serde_json::Value) -> super::Outcome {{\n        match ty {{\n",
            collection.module
        ));
        for (type_index, ty) in types.iter().enumerate() {
            dispatch.push_str(&format!(
                "            {type_index} => super::round_trip_as::<{ty}>(json),\n"
            ));
        }
        dispatch.push_str("            _ => ::std::result::Result::Err(::std::format!(\"no type {ty} for {json}\")),\n        }\n    }\n}\n");
    }
    dispatch.push_str("\n/// The round trip of a sample of a collection's type.\npub fn round_trip(collection: usize, ty: usize, json: ::serde_json::Value) -> Outcome {\n    match collection {\n");
    for index in 0..collections.len() {
        dispatch.push_str(&format!(
            "        {index} => check_{index}::round_trip(ty, json),\n"
        ));
    }
    dispatch.push_str("        _ => ::std::result::Result::Err(::std::string::String::from(\"no such collection\")),\n    }\n}\n");
    write(&dir.join("src/round_trip.rs"), &dispatch);
    write(&dir.join("src/main.rs"), MAIN);
    let lib_path = dir.join("src/lib.rs");
    let lib = std::fs::read_to_string(&lib_path).unwrap_or_default();
    write(
        &lib_path,
        &format!("{lib}\n/// The dispatch from sample to type.\npub mod round_trip;\n"),
    );
    let samples =
        serde_json::to_vec(&jobs).unwrap_or_else(|err| panic!("cannot write the samples: {err}"));
    std::fs::write(dir.join("samples.json"), samples)
        .unwrap_or_else(|err| panic!("cannot write the samples: {err}"));
    origins
}

/// Builds and runs the runner at `dir`; returns, per sample, its value after the round trip
/// or why it did not deserialize.
pub fn run(dir: &Path) -> Vec<Result<Value, String>> {
    compile::cargo(
        dir,
        &["run", "--quiet", "--", "samples.json", "results.json"],
        None,
    );
    let results =
        std::fs::read(dir.join("results.json")).unwrap_or_else(|err| panic!("no results: {err}"));
    serde_json::from_slice(&results).unwrap_or_else(|err| panic!("unreadable results: {err}"))
}

/// Whether `after` is `before` as the type promises to keep it: for a request body exactly
/// (a `null` field stays `null`, an absent one absent); for a response body with `null` and
/// absent object members alike, since a field that may be missing reads both as `None`.
/// Numbers are equal when their values are (`1` and `1.0`).
pub fn equal_as_promised(kind: SampleKind, before: &Value, after: &Value) -> bool {
    match (before, after) {
        (Value::Number(a), Value::Number(b)) => match (a.as_i64(), b.as_i64()) {
            (Some(a), Some(b)) => a == b,
            _ => a
                .as_u64()
                .zip(b.as_u64())
                .map_or_else(|| a.as_f64() == b.as_f64(), |(a, b)| a == b),
        },
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| equal_as_promised(kind, a, b))
        }
        (Value::Object(a), Value::Object(b)) => {
            let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            keys.into_iter().all(|key| match (a.get(key), b.get(key)) {
                (Some(a), Some(b)) => equal_as_promised(kind, a, b),
                (Some(Value::Null), None) | (None, Some(Value::Null)) => {
                    kind == SampleKind::Response
                }
                _ => false,
            })
        }
        (a, b) => a == b,
    }
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
}

const DISPATCH_HEAD: &str = r#"//! Sample to type: each collection's types by index.

/// A sample after its round trip, or why it did not deserialize.
pub type Outcome = ::std::result::Result<::serde_json::Value, ::std::string::String>;

fn round_trip_as<T>(json: ::serde_json::Value) -> Outcome
where
    T: ::serde::de::DeserializeOwned + ::serde::Serialize,
{
    let typed: T = ::serde_json::from_value(json).map_err(|err| err.to_string())?;
    ::serde_json::to_value(&typed).map_err(|err| err.to_string())
}
"#;

const MAIN: &str = r#"//! Reads `(collection, type, sample)` triples from the file named first and writes each
//! sample's round trip to the file named second.

fn main() -> ::std::result::Result<(), ::std::boxed::Box<dyn ::std::error::Error>> {
    let args: ::std::vec::Vec<::std::string::String> = ::std::env::args().collect();
    let (input, output) = match args.as_slice() {
        [_, input, output] => (input, output),
        _ => return ::std::result::Result::Err("usage: round-trip SAMPLES RESULTS".into()),
    };
    let jobs: ::std::vec::Vec<(usize, usize, ::serde_json::Value)> = ::serde_json::from_slice(&::std::fs::read(input)?)?;
    let results: ::std::vec::Vec<_> = jobs
        .into_iter()
        .map(|(collection, ty, json)| generated_clients::round_trip::round_trip(collection, ty, json))
        .collect();
    ::std::fs::write(output, ::serde_json::to_vec(&results)?)?;
    ::std::result::Result::Ok(())
}
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_are_equal_by_value() {
        assert!(equal_as_promised(
            SampleKind::Request,
            &json!([1, 2.5]),
            &json!([1.0, 2.5])
        ));
        assert!(!equal_as_promised(
            SampleKind::Request,
            &json!(1),
            &json!(2)
        ));
    }

    #[test]
    fn null_and_absent_are_alike_only_in_responses() {
        let (before, after) = (json!({"a": 1, "b": null}), json!({"a": 1}));
        assert!(equal_as_promised(SampleKind::Response, &before, &after));
        assert!(!equal_as_promised(SampleKind::Request, &before, &after));
        assert!(!equal_as_promised(
            SampleKind::Response,
            &json!({"a": 1}),
            &json!({"a": 2})
        ));
    }
}
