//! Conformance against newman: for every bundled collection and, with `CODEGEN_CORPUS`, every
//! corpus collection, newman and the generated client send each request to a recorder, and the
//! normalized requests must be equal.
//!
//! One driver crate holds every collection's client and is built once, while newman runs (one
//! run per collection, two at a time); then the driver runs once per collection.

pub mod copy;
pub mod driver;
pub mod dynamic;
pub mod normalize;
pub mod plan;
pub mod signed;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::recorder::{Recorded, Recorder};
use plan::Planned;

/// What happened to one collection.
#[derive(Debug, Default)]
pub struct Outcome {
    pub name: String,
    pub requests: usize,
    pub compared: usize,
    pub equal: usize,
    /// Of the compared requests, those signed with a fresh nonce or time, compared by
    /// structure.
    pub by_structure: usize,
    /// Left-out requests by reason.
    pub left_out: BTreeMap<&'static str, Vec<String>>,
    /// Each difference, described; and failures to run either side.
    pub differences: Vec<String>,
}

impl Outcome {
    pub fn left_out_count(&self) -> usize {
        self.left_out.values().map(Vec::len).sum()
    }
}

/// Where the time went.
#[derive(Debug, Default)]
pub struct Timings {
    pub generate: Duration,
    pub build: Duration,
    pub newman: Duration,
    pub client: Duration,
    pub total: Duration,
}

/// Runs newman and the client over `inputs` and compares what they sent.
pub fn run(inputs: &[PathBuf]) -> (Vec<Outcome>, Timings) {
    let started = Instant::now();
    let planned: Vec<Planned> = inputs
        .iter()
        .enumerate()
        .map(|(index, input)| plan::plan(index, input))
        .collect();
    let mut timings = Timings {
        generate: started.elapsed(),
        ..Timings::default()
    };
    let dir = std::env::temp_dir().join(format!("codegen-conformance-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|err| panic!("{}: {err}", dir.display()));
    crate::newman::ensure_installed();

    // One recorder per collection for both sides, so that both send the same `Host`.
    let recorders: Vec<Recorder> = planned
        .iter()
        .map(|_| Recorder::start(|_| (200, "text/plain", Vec::new())))
        .collect();
    let recorder_of = |planned1: &Planned| {
        let position = planned
            .iter()
            .position(|p| std::ptr::eq(p, planned1))
            .unwrap_or_default();
        &recorders[position]
    };
    let (newman, client) = std::thread::scope(|scope| {
        let build = scope.spawn(|| {
            let started = Instant::now();
            (driver::build(&planned), started.elapsed())
        });
        let started = Instant::now();
        let newman = run_newman(&planned, &recorders, &dir);
        timings.newman = started.elapsed();
        let (binary, build_time) = build
            .join()
            .unwrap_or_else(|_| panic!("building the driver failed"));
        timings.build = build_time;
        let started = Instant::now();
        let client = parallel(&planned, |planned| {
            run_client(planned, recorder_of(planned), &binary, &dir)
        });
        timings.client = started.elapsed();
        (newman, client)
    });
    let _ = std::fs::remove_dir_all(&dir);
    let outcomes = planned
        .iter()
        .zip(newman)
        .zip(client)
        .map(|((planned, newman), client)| compare(planned, newman, client))
        .collect();
    timings.total = started.elapsed();
    (outcomes, timings)
}

/// What one side sent for a collection's compared requests, or why it could not send them.
type Sent = Result<Vec<Recorded>, String>;

/// `work` on every collection, two at a time, results in order.
fn parallel(planned: &[Planned], work: impl Fn(&Planned) -> Sent + Sync) -> Vec<Sent> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Sent>>> = Mutex::new((0..planned.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                loop {
                    let position = next.fetch_add(1, Ordering::SeqCst);
                    let Some(planned1) = planned.get(position) else {
                        break;
                    };
                    let sent = work(planned1);
                    if let Ok(mut results) = results.lock() {
                        results[position] = Some(sent);
                    }
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .map(|sent| sent.unwrap_or_else(|| Err("not run".to_owned())))
        .collect()
}

fn environment_file(planned: &Planned, dir: &Path) -> PathBuf {
    let path = dir.join(format!("{}.environment.json", planned.module));
    let text = copy::environment(&planned.values).to_string();
    std::fs::write(&path, text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    path
}

/// Runs newman on every collection with requests to compare: two Node processes, each running
/// its half of the collections (balanced by requests) one after the other.
fn run_newman(planned: &[Planned], recorders: &[Recorder], dir: &Path) -> Vec<Sent> {
    let mut groups: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
    let mut load = [0; 2];
    let mut pairs = Vec::new();
    for (index, (planned, server)) in planned.iter().zip(recorders).enumerate() {
        let included = planned.included().count();
        if included == 0 {
            pairs.push(None);
            continue;
        }
        let authority = format!("127.0.0.1:{}", server.port());
        let excluded: Vec<usize> = (planned.requests.iter().enumerate())
            .filter(|(_, request)| request.left_out.is_some())
            .map(|(ordinal, _)| ordinal)
            .collect();
        let copy = copy::newman_copy(&planned.text, &authority, &excluded, &planned.values);
        let path = dir.join(format!("{}.postman_collection.json", planned.module));
        std::fs::write(&path, copy.to_string())
            .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        pairs.push(Some((path, environment_file(planned, dir))));
        let lighter = usize::from(load[1] < load[0]);
        groups[lighter].push(index);
        load[lighter] += included;
    }
    let mut results: Vec<Result<(), String>> = planned.iter().map(|_| Ok(())).collect();
    std::thread::scope(|scope| {
        let runs: Vec<_> = groups
            .iter()
            .map(|group| {
                let pairs: Vec<(PathBuf, PathBuf)> = group
                    .iter()
                    .filter_map(|&index| pairs[index].clone())
                    .collect();
                scope.spawn(move || crate::newman::run_each(&pairs))
            })
            .collect();
        for (group, run) in groups.iter().zip(runs) {
            let outcomes = run
                .join()
                .unwrap_or_else(|_| panic!("running newman failed"));
            for (&index, outcome) in group.iter().zip(outcomes) {
                results[index] = outcome;
            }
        }
    });
    results
        .into_iter()
        .zip(recorders)
        .map(|(result, server)| result.map(|()| server.recorded()))
        .collect()
}

/// What the client sent, after what newman sent to the same recorder.
fn run_client(planned: &Planned, server: &Recorder, binary: &Path, dir: &Path) -> Sent {
    if planned.included().next().is_none() {
        return Ok(Vec::new());
    }
    let before = server.recorded().len();
    let authority = format!("127.0.0.1:{}", server.port());
    let environment = dir.join(format!("{}.client.environment.json", planned.module));
    std::fs::write(&environment, copy::environment(&planned.values).to_string())
        .unwrap_or_else(|err| panic!("{}: {err}", environment.display()));
    let failures = driver::run(binary, planned, &environment, &authority);
    if failures.is_empty() {
        Ok(server.recorded().split_off(before))
    } else {
        Err(format!("the client failed:\n  {}", failures.join("\n  ")))
    }
}

fn compare(planned: &Planned, newman: Sent, client: Sent) -> Outcome {
    let mut outcome = Outcome {
        name: planned.name.clone(),
        requests: planned.requests.len(),
        ..Outcome::default()
    };
    for request in &planned.requests {
        if let Some(reason) = request.left_out {
            outcome
                .left_out
                .entry(reason)
                .or_default()
                .push(request.name.clone());
        }
    }
    let included: Vec<&plan::Planned1> = planned.included().collect();
    let (newman, client) = match (newman, client) {
        (Ok(newman), Ok(client)) => (newman, client),
        (newman, client) => {
            for err in [newman.err(), client.err()].into_iter().flatten() {
                outcome.differences.push(err);
            }
            return outcome;
        }
    };
    if newman.len() != included.len() || client.len() != included.len() {
        outcome.differences.push(format!(
            "{} requests to compare; newman sent {}, the client {}",
            included.len(),
            newman.len(),
            client.len()
        ));
        return outcome;
    }
    for ((request, newman), client) in included.iter().zip(&newman).zip(&client) {
        let mut theirs = normalize::normalize(newman, &request.set_headers);
        let mut ours = normalize::normalize(client, &request.set_headers);
        let now = std::time::SystemTime::now();
        theirs = dynamic::mask(theirs, &request.dynamic, now);
        ours = dynamic::mask(ours, &request.dynamic, now);
        if request.signed_fresh {
            outcome.by_structure += 1;
            for side in [&mut theirs, &mut ours] {
                if let Err(wrong) = signed::mask_fresh_request(side) {
                    outcome
                        .differences
                        .push(format!("{:?}: {wrong}", request.name));
                }
            }
        }
        if theirs == ours {
            outcome.compared += 1;
            outcome.equal += 1;
        } else {
            outcome.compared += 1;
            outcome.differences.push(format!(
                "{:?}:\n    newman: {theirs:?}\n    client: {ours:?}",
                request.name
            ));
        }
    }
    outcome
}
