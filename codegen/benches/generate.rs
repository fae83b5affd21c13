//! Generation speed and output size, printed as figures (not asserted).
//!
//! `cargo bench -p codegen` generates a synthetic 1,000-request collection (folders, path
//! parameters, enabled and disabled query parameters, headers, JSON bodies, HTML descriptions)
//! several times and prints the time per run, the output size and lines per request. With
//! `CODEGEN_CORPUS=../shared/corpus` it also times every collection in that folder.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const REQUESTS: usize = 1_000;
const RUNS: usize = 5;

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
        "{:<50} {:>9} {:>10} {:>9} {:>8} {:>10}",
        "input", "requests", "median", "min", "lines", "lines/req"
    );
    measure(&synthetic);
    if let Some(corpus) = std::env::var_os("CODEGEN_CORPUS") {
        let mut inputs: Vec<PathBuf> = std::fs::read_dir(&corpus)
            .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        inputs.retain(|path| path.extension().is_some_and(|ext| ext == "json"));
        inputs.sort();
        for input in inputs {
            measure(&input);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn measure(input: &Path) {
    let name = input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut last = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        let generated = codegen::Builder::new(input).generate();
        times.push(start.elapsed());
        last = Some(generated);
    }
    times.sort();
    match last {
        Some(Ok(generated)) => {
            let lines = generated.code().lines().count();
            let requests = generated.request_count();
            println!(
                "{name:<50} {requests:>9} {:>8.1}ms {:>7.1}ms {lines:>8} {:>10.1}",
                ms(times[RUNS / 2]),
                ms(times[0]),
                lines as f64 / requests.max(1) as f64
            );
        }
        Some(Err(err)) => println!("{name:<50} error: {err}"),
        None => {}
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
