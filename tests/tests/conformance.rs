//! The default request is the collection's request: newman (Postman's runner, pinned) and the
//! generated client send the same requests to a recording server, and the normalized requests
//! are equal (`shared/reference/RUNTIME.md`, B6): the seed request on its own, then every
//! request of every bundled collection and, with `CODEGEN_CORPUS`, of every corpus collection.
// Helpers outside #[test] functions fail the test by panicking.
#![allow(clippy::panic)]

use std::path::PathBuf;

use tests::conformance::normalize::normalize;
use tests::generated::c_link_a_user_account_postman_collection::{
    Client, LinkAUserAccount, Variables,
};
use tests::recorder::Recorder;
use tests::report;

const USER_ID: &str = "auth0|5f7c8ec7c33c6c004bbafe82";

/// A copy of the seed collection newman can send to 127.0.0.1: plain `http` (RUNTIME.md B7)
/// and the `:id` path variable given a value.
fn newman_copy() -> PathBuf {
    let source =
        tests::workspace_root().join("collections/link-a-user-account.postman_collection.json");
    let text = std::fs::read_to_string(&source)
        .unwrap_or_else(|err| panic!("{}: {err}", source.display()));
    let mut collection: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|err| panic!("{err}"));
    let url = &mut collection["item"][0]["request"]["url"];
    url["protocol"] = "http".into();
    url["variable"][0]["value"] = USER_ID.into();
    let dir = std::env::temp_dir().join(format!("codegen-conformance-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|err| panic!("{err}"));
    let copy = dir.join("seed.postman_collection.json");
    std::fs::write(&copy, collection.to_string()).unwrap_or_else(|err| panic!("{err}"));
    copy
}

#[tokio::test(flavor = "multi_thread")]
async fn newman_and_the_generated_client_send_the_same_seed_request() {
    let server = Recorder::start(|_| (200, "application/json", b"[]".to_vec()));
    let authority = format!("127.0.0.1:{}", server.port());

    let copy = newman_copy();
    let env = [
        ("auth0_domain", authority.clone()),
        ("auth0_token", "test-token".to_owned()),
    ];
    tokio::task::spawn_blocking(move || tests::newman::run(&copy, &env))
        .await
        .unwrap_or_else(|err| panic!("{err}"));

    let client = Client::new(Variables {
        auth0_domain: authority,
        auth0_token: "test-token".to_owned(),
    })
    .with_base_url(server.base_url());
    client
        .send(&LinkAUserAccount::new(USER_ID))
        .await
        .unwrap_or_else(|err| panic!("{err}"));

    let recorded = server.recorded();
    assert_eq!(
        recorded.len(),
        2,
        "expected one request from each side: {recorded:#?}"
    );
    let (newman, ours) = (&recorded[0], &recorded[1]);
    // What each side really sent, for the record.
    println!("newman sent: {newman:#?}\ngenerated client sent: {ours:#?}");
    assert_eq!(
        newman.target,
        "/api/v2/users/auth0|5f7c8ec7c33c6c004bbafe82/identities"
    );
    assert_eq!(
        ours.target,
        "/api/v2/users/auth0%7C5f7c8ec7c33c6c004bbafe82/identities"
    );
    assert_eq!(normalize(newman, &[]), normalize(ours, &[]));
}

#[test]
fn newman_and_the_generated_clients_send_the_same_requests_for_every_collection() {
    let inputs = tests::collections_and_corpus();
    let (outcomes, timings) = tests::conformance::run(&inputs);
    let (mut requests, mut compared, mut equal, mut left_out) = (0, 0, 0, 0);
    let mut by_reason: std::collections::BTreeMap<&str, usize> = Default::default();
    let mut failures = Vec::new();
    for outcome in &outcomes {
        report(&format!(
            "{}: {} requests, {} compared ({} of them signed afresh, by structure), {} equal, \
             {} left out",
            outcome.name,
            outcome.requests,
            outcome.compared,
            outcome.by_structure,
            outcome.equal,
            outcome.left_out_count()
        ));
        for (reason, names) in &outcome.left_out {
            *by_reason.entry(reason).or_default() += names.len();
            for name in names {
                report(&format!("  left out {name:?}: {reason}"));
            }
        }
        requests += outcome.requests;
        compared += outcome.compared;
        equal += outcome.equal;
        left_out += outcome.left_out_count();
        if !outcome.differences.is_empty() {
            failures.push(format!(
                "{}: {} of {} compared requests differ:\n  {}",
                outcome.name,
                outcome.compared - outcome.equal,
                outcome.compared,
                outcome.differences.join("\n  ")
            ));
        }
        // A collection passes only by comparing what it does not leave out, with a reason.
        if outcome.requests > outcome.left_out_count() && outcome.compared == 0 {
            failures.push(format!("{}: no request was compared", outcome.name));
        }
        if outcome.compared + outcome.left_out_count() != outcome.requests {
            failures.push(format!(
                "{}: {} requests, but {} compared and {} left out",
                outcome.name,
                outcome.requests,
                outcome.compared,
                outcome.left_out_count()
            ));
        }
    }
    report(&format!(
        "conformance: {} collections, {requests} requests, {compared} compared, {equal} equal, \
         {left_out} left out",
        outcomes.len()
    ));
    for (reason, count) in &by_reason {
        report(&format!("  {count} left out: {reason}"));
    }
    report(&format!(
        "conformance time: {:.1} s (generating {:.1} s, building the driver {:.1} s alongside \
         newman {:.1} s, the client {:.1} s)",
        timings.total.as_secs_f64(),
        timings.generate.as_secs_f64(),
        timings.build.as_secs_f64(),
        timings.newman.as_secs_f64(),
        timings.client.as_secs_f64()
    ));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(outcomes.len(), inputs.len(), "every collection is run");
    assert_eq!(
        compared + left_out,
        requests,
        "every request is compared or left out"
    );
    assert!(compared > 0, "no request was compared");
}
