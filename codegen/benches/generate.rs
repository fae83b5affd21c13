//! Generation speed and output size, printed as figures (not asserted).
//!
//! `cargo bench -p codegen` generates, several times each:
//! - the seed request (`collections/link-a-user-account.postman_collection.json`);
//! - a synthetic 1,000-request collection built here (folders, path parameters, enabled and
//!   disabled query parameters, headers, JSON bodies, HTML descriptions);
//! - the team's synthetic collection of `../shared/bench/gen_large.py` (1,000 requests, each
//!   with a saved JSON example), when that script is beside the project (or named by
//!   `CODEGEN_GEN_LARGE`), run with python3;
//! - with `CODEGEN_CORPUS=../shared/corpus`, every collection in that folder.
//!
//! It prints the median wall time and CPU time (user + system of this process, on Linux) per
//! run, the output's lines, lines per request and the target where the project has one. With
//! `CODEGEN_BENCH_CHECK=1` it also runs `cargo check` on a crate holding the generated
//! gen_large client (dependencies built first, then the crate alone, not incremental) and
//! prints its wall time and peak memory (`/usr/bin/time`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The `codegen` command's allocator (the default `mimalloc` feature), so that the figures are
/// the command's; `--no-default-features` measures glibc's.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const REQUESTS: usize = 1_000;
const RUNS: usize = 5;
/// The project's target for generating gen_large, in CPU milliseconds.
const CPU_TARGET_MS: f64 = 300.0;

fn main() {
    let dir = std::env::temp_dir().join(format!("codegen-bench-{}", std::process::id()));
    if let Err(err) = std::fs::create_dir_all(&dir) {
        eprintln!("cannot create {}: {err}", dir.display());
        return;
    }
    let synthetic = dir.join("synthetic-1000.postman_collection.json");
    if let Err(err) = std::fs::write(&synthetic, synthetic_collection(REQUESTS).to_string()) {
        eprintln!("cannot write {}: {err}", synthetic.display());
        return;
    }
    println!(
        "allocator: {}",
        if cfg!(feature = "mimalloc") {
            "mimalloc (the codegen command's)"
        } else {
            "the system's"
        }
    );
    println!(
        "{:<50} {:>9} {:>10} {:>10} {:>8} {:>10} {:>7}",
        "input", "requests", "wall", "cpu", "lines", "lines/req", "target"
    );
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let seed = workspace.join("collections/link-a-user-account.postman_collection.json");
    measure(&seed, Some(Target::Lines(200)));
    measure(&synthetic, None);
    let large = gen_large(&workspace, &dir);
    if let Some(large) = &large {
        let cpu = measure(large, Some(Target::PerRequest(45.0)));
        if let Some(cpu) = cpu {
            let cpu = ms(cpu);
            println!(
                "{:<50} median CPU {cpu:.1}ms, target {}{CPU_TARGET_MS}ms",
                "gen_large generation",
                mark(cpu <= CPU_TARGET_MS)
            );
        }
    }
    if let Some(corpus) = std::env::var_os("CODEGEN_CORPUS") {
        let mut inputs: Vec<PathBuf> = std::fs::read_dir(&corpus)
            .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        inputs.retain(|path| path.extension().is_some_and(|ext| ext == "json"));
        inputs.sort();
        for input in inputs {
            let name = input.file_name().map(|n| n.to_string_lossy().into_owned());
            let target = match name.as_deref() {
                Some(name) if name.contains("stripe") => Some(Target::PerRequest(40.0)),
                Some(name) if name.contains("github") => Some(Target::PerRequest(60.0)),
                _ => None,
            };
            measure(&input, target);
        }
    }
    if let (Some(large), Some(_)) = (&large, std::env::var_os("CODEGEN_BENCH_CHECK")) {
        check_generated(&workspace, large);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A figure the project aims at.
#[derive(Clone, Copy)]
enum Target {
    /// At most this many lines in all.
    Lines(usize),
    /// At most this many lines per request.
    PerRequest(f64),
}

/// The collection of `gen_large.py`, written into `dir`, if the script is there.
fn gen_large(workspace: &Path, dir: &Path) -> Option<PathBuf> {
    let script = std::env::var_os("CODEGEN_GEN_LARGE")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace.join("../shared/bench/gen_large.py"));
    if !script.exists() {
        println!("{:<50} skipped: no {}", "gen_large", script.display());
        return None;
    }
    let output = Command::new("python3").arg(&script).output();
    match output {
        Ok(output) if output.status.success() => {
            let path = dir.join("gen_large.postman_collection.json");
            std::fs::write(&path, output.stdout).ok()?;
            Some(path)
        }
        Ok(output) => {
            println!(
                "gen_large.py failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            None
        }
        Err(err) => {
            println!("cannot run python3 {}: {err}", script.display());
            None
        }
    }
}

/// Generates `input` [`RUNS`] times and prints the figures; returns the median CPU time.
fn measure(input: &Path, target: Option<Target>) -> Option<Duration> {
    let name = input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut times: Vec<(Duration, Option<Duration>)> = Vec::with_capacity(RUNS);
    let mut last = None;
    for _ in 0..RUNS {
        let (start, cpu_start) = (Instant::now(), cpu_time());
        let generated = codegen::Builder::new(input).generate();
        let cpu = cpu_time()
            .zip(cpu_start)
            .map(|(end, start)| end.saturating_sub(start));
        times.push((start.elapsed(), cpu));
        last = Some(generated);
    }
    times.sort();
    let (wall, cpu) = times[RUNS / 2];
    match last {
        Some(Ok(generated)) => {
            let lines = generated.code().lines().count();
            let requests = generated.request_count();
            let per_request = lines as f64 / requests.max(1) as f64;
            let target = match target {
                Some(Target::Lines(max)) => format!("{}{max}", mark(lines <= max)),
                Some(Target::PerRequest(max)) => format!("{}{max}", mark(per_request <= max)),
                None => String::new(),
            };
            let cpu = cpu.map_or_else(|| "-".to_owned(), |cpu| format!("{:.1}ms", ms(cpu)));
            println!(
                "{name:<50} {requests:>9} {:>8.1}ms {cpu:>10} {lines:>8} {per_request:>10.1} {target:>7}",
                ms(wall),
            );
        }
        Some(Err(err)) => println!("{name:<50} error: {err}"),
        None => {}
    }
    cpu
}

fn mark(met: bool) -> &'static str {
    if met { "<=" } else { "!>" }
}

/// User and system CPU time of this process so far, from `/proc/self/stat` (Linux).
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // The kernel reports clock ticks, 100 per second on Linux.
    Some(Duration::from_millis(ticks * 10))
}

/// `cargo check` of a crate holding the generated client of `input`: once to build the
/// dependencies, then the crate alone, timed with `/usr/bin/time` for its peak memory.
fn check_generated(workspace: &Path, input: &Path) {
    let dir = workspace.join("target/codegen-bench/check-crate");
    let Ok(generated) = codegen::Builder::new(input).generate() else {
        println!("cannot generate {}", input.display());
        return;
    };
    let runtime = workspace.join("codegen/runtime");
    let manifest = format!(
        "[package]\nname = \"bench-client\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\ncodegen-runtime = {{ path = {:?} }}\n\n[profile.dev]\nincremental = false\n\n[workspace]\n",
        runtime.display().to_string()
    );
    let written = std::fs::create_dir_all(dir.join("src")).is_ok()
        && std::fs::write(dir.join("Cargo.toml"), manifest).is_ok()
        && std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).is_ok()
        && std::fs::write(
            dir.join("src/lib.rs"),
            "//! Bench.\n#![allow(missing_docs)]\npub mod client;\n",
        )
        .is_ok()
        && std::fs::write(dir.join("src/client.rs"), generated.code()).is_ok();
    if !written {
        println!("cannot write {}", dir.display());
        return;
    }
    let cargo = env!("CARGO");
    let _ = Command::new(cargo)
        .args(["check", "--quiet"])
        .current_dir(&dir)
        .status();
    let _ = Command::new(cargo)
        .args(["clean", "--quiet", "-p", "bench-client"])
        .current_dir(&dir)
        .status();
    let start = Instant::now();
    let output = Command::new("/usr/bin/time")
        .args(["-f", "%M", cargo, "check", "--quiet"])
        .current_dir(&dir)
        .output();
    let elapsed = start.elapsed();
    match output {
        Ok(output) if output.status.success() => {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let peak_kb: u64 = stderr
                .lines()
                .last()
                .and_then(|l| l.trim().parse().ok())
                .unwrap_or(0);
            println!(
                "cargo check of the generated {} client: {:.1} s wall, peak {:.2} GB (targets 15 s, 1 GB)",
                input
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                elapsed.as_secs_f64(),
                peak_kb as f64 / 1_048_576.0
            );
        }
        Ok(output) => println!(
            "cargo check failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(err) => println!("cannot run /usr/bin/time: {err}"),
    }
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1_000.0
}

/// A collection shaped like real vendor collections: 50 folders of 20 requests.
fn synthetic_collection(requests: usize) -> Value {
    let folders: Vec<Value> = (0..requests.div_ceil(20))
        .map(|folder| {
            let items: Vec<Value> = (0..20)
                .map(|index| folder * 20 + index)
                .filter(|number| *number < requests)
                .map(request)
                .collect();
            json!({"name": format!("Resource {folder}"), "description": "A folder.", "item": items})
        })
        .collect();
    json!({
        "info": {"name": "synthetic", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}"}]},
        "variable": [{"key": "baseUrl", "value": "https://api.example.test"}],
        "item": folders
    })
}

fn request(number: usize) -> Value {
    let method = ["GET", "POST", "PUT", "DELETE"][number % 4];
    let mut request = json!({
        "method": method,
        "header": [
            {"key": "Accept", "value": "application/json"},
            {"key": "X-Request-Id", "value": "{{requestId}}", "disabled": true}
        ],
        "url": {
            "raw": format!("{{{{baseUrl}}}}/v1/things{number}/:thingId/parts/:partId?limit=10&cursor="),
            "host": ["{{baseUrl}}"],
            "path": ["v1", format!("things{number}"), ":thingId", "parts", ":partId"],
            "query": [
                {"key": "limit", "value": "10", "description": "How many."},
                {"key": "cursor", "value": "", "disabled": true}
            ],
            "variable": [{"key": "thingId", "value": "t-1"}, {"key": "partId"}]
        },
        "description": format!("<p>Operation <strong>{number}</strong> on a <code>thing</code>.</p><ul><li>one</li><li>two</li></ul>")
    });
    if method == "POST" || method == "PUT" {
        request["body"] = json!({
            "mode": "raw",
            "raw": json!({"name": "x", "count": number, "enabled": true, "tags": ["a"], "owner": {"id": 1, "email": "a@b.c"}}).to_string(),
            "options": {"raw": {"language": "json"}}
        });
    }
    json!({"name": format!("Operation {number}"), "request": request})
}
