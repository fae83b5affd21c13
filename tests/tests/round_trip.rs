//! Every JSON sample of the collections (request bodies, the bodies of their examples' original
//! requests, example response bodies) deserializes into its generated type and serializes back
//! to an equal value, `null` and absent compared as the type promises.
//!
//! Takes the bundled `collections/`, and also every `*.json` in the folder named by
//! `CODEGEN_CORPUS` when it is set; prints the samples checked per collection and in all.
// Helpers outside #[test] functions fail the test by panicking.
#![allow(clippy::panic)]

use codegen::samples::SampleKind;
use tests::compile;
use tests::round_trip::{self, Collection};

#[test]
fn every_json_sample_round_trips_through_its_generated_type() {
    let mut collections = Vec::new();
    let mut names = Vec::new();
    let mut untyped_elsewhere = 0;
    for input in tests::collections_and_corpus() {
        let name = input
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let builder = codegen::Builder::new(&input).source_name(name.clone());
        let samples = match builder.typed_samples() {
            Ok(samples) => samples,
            Err(err @ codegen::Error::Input { .. }) => {
                tests::report(&format!("{name}: refused: {}", err.report().trim_end()));
                continue;
            }
            Err(err) => panic!("{name}: {}", err.report()),
        };
        if samples.bodies.is_empty() {
            // Nothing to check: the client is not compiled again (the generated-crates test
            // compiles every one).
            let untyped = samples.untyped_request_bodies.len();
            tests::report(&format!(
                "{name}: no typed bodies, {untyped} JSON request bodies sent as templates"
            ));
            untyped_elsewhere += untyped;
            continue;
        }
        let generated = builder
            .generate()
            .unwrap_or_else(|err| panic!("{name}: {}", err.report()));
        let module = format!("{}_{}", compile::module_name(&input), collections.len());
        collections.push(Collection {
            module,
            code: generated.code().to_owned(),
            samples,
        });
        names.push(name);
    }

    let dir = compile::target_dir().join("round-trip-crate");
    let origins = round_trip::write_runner(&dir, &collections);
    let results = round_trip::run(&dir);
    assert_eq!(
        results.len(),
        origins.len(),
        "the runner answered for every sample"
    );

    let mut failures = Vec::new();
    let mut checked = vec![(0, 0); collections.len()];
    let samples = origins.iter().zip(&results).zip(
        collections
            .iter()
            .flat_map(|c| c.samples.bodies.iter().flat_map(|body| body.samples.iter())),
    );
    for (((collection, body), result), before) in samples {
        let Some(typed) = collections[*collection].samples.bodies.get(*body) else {
            continue;
        };
        let count = &mut checked[*collection];
        match typed.kind {
            SampleKind::Request => count.0 += 1,
            SampleKind::Response => count.1 += 1,
        }
        let problem = match result {
            Ok(after) if round_trip::equal_as_promised(typed.kind, before, after) => continue,
            Ok(after) => format!("came back as {after}"),
            Err(err) => format!("does not deserialize: {err}"),
        };
        failures.push(format!(
            "{} › {} ({}): {before} {problem}",
            names[*collection], typed.origin, typed.rust_type
        ));
    }

    let (mut requests, mut responses, mut as_value, mut untyped) = (0, 0, 0, untyped_elsewhere);
    for ((name, collection), (request_samples, response_samples)) in
        names.iter().zip(&collections).zip(&checked)
    {
        let bodies = &collection.samples.bodies;
        let value = bodies
            .iter()
            .filter(|body| body.rust_type == "::serde_json::Value")
            .count();
        tests::report(&format!(
            "{name}: {} samples ({request_samples} request, {response_samples} response) of {} typed bodies, \
             {value} typed as serde_json::Value, {} JSON request bodies sent as templates",
            request_samples + response_samples,
            bodies.len(),
            collection.samples.untyped_request_bodies.len()
        ));
        requests += request_samples;
        responses += response_samples;
        as_value += value;
        untyped += collection.samples.untyped_request_bodies.len();
    }
    tests::report(&format!(
        "total: {} samples ({requests} request, {responses} response) in {} collections, {as_value} bodies \
         typed as serde_json::Value, {untyped} JSON request bodies sent as templates, {} failures",
        requests + responses,
        collections.len(),
        failures.len()
    ));
    assert!(
        failures.is_empty(),
        "{} samples do not round-trip:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
