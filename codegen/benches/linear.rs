//! Costs that must grow with the input, not faster: figures, not assertions.
//!
//! `cargo bench -p codegen --bench linear` generates each hostile shape below at a size and at
//! four times that size, and prints the median time of both and their ratio. A linear cost
//! gives a ratio near 4; a quadratic one, near 16. These shapes each took seconds to minutes
//! before the scan in question was made linear (see the git history of the files named).

use std::time::{Duration, Instant};

use serde_json::{Value, json};

const RUNS: usize = 5;

/// One hostile shape: its name, the file whose scan it exercises, and the collection of a size.
struct Shape {
    name: &'static str,
    scan: &'static str,
    base: usize,
    collection: fn(usize) -> String,
}

fn main() {
    let shapes = [
        Shape {
            name: "header value of `{` before `}}`",
            scan: "lower/variables.rs references",
            base: 400_000,
            collection: braces_in_a_header,
        },
        Shape {
            name: "requests with scripts (warnings located)",
            scan: "input/locate.rs",
            base: 5_000,
            collection: scripted_requests,
        },
        Shape {
            name: "scripted requests on one line",
            scan: "input/locate.rs columns",
            base: 5_000,
            collection: scripted_requests_on_one_line,
        },
        Shape {
            name: "bare URL before `)` in a description",
            scan: "docs/autolink.rs",
            base: 100_000,
            collection: url_before_brackets,
        },
        Shape {
            name: "`\"` and `#` in a JSON body",
            scan: "emit/example.rs raw_string",
            base: 50_000,
            collection: hashes_in_a_body,
        },
    ];
    println!(
        "{:<44} {:>9} {:>10} {:>10} {:>6}  scan",
        "shape", "size", "time", "time x4", "ratio"
    );
    for shape in shapes {
        let small = time(&(shape.collection)(shape.base));
        let large = time(&(shape.collection)(shape.base * 4));
        match (small, large) {
            (Ok(small), Ok(large)) => println!(
                "{:<44} {:>9} {:>8.1}ms {:>8.1}ms {:>6.1}  {}",
                shape.name,
                shape.base,
                ms(small),
                ms(large),
                large.as_secs_f64() / small.as_secs_f64().max(1e-9),
                shape.scan
            ),
            (Err(err), _) | (_, Err(err)) => println!("{:<44} error: {err}", shape.name),
        }
    }
}

/// The median time of generating `collection`, or the generator's error.
fn time(collection: &str) -> Result<Duration, String> {
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        codegen::Builder::new("hostile.postman_collection.json")
            .generate_from_bytes(collection.as_bytes())
            .map_err(|err| err.to_string())?;
        times.push(started.elapsed());
    }
    times.sort();
    Ok(times[RUNS / 2])
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn collection(items: Vec<Value>) -> Value {
    json!({ "info": { "name": "hostile" }, "item": items })
}

fn braces_in_a_header(size: usize) -> String {
    let value = format!("{}x}}}}", "{".repeat(size));
    let request = json!({ "method": "GET", "url": "https://x.io/a",
        "header": [{ "key": "X-Braces", "value": value }] });
    collection(vec![json!({ "name": "r", "request": request })]).to_string()
}

fn scripted(index: usize) -> Value {
    json!({ "name": format!("r{index}"), "request": "https://x.io/a",
        "event": [{ "listen": "test", "script": { "exec": ["pm.test()"] } }] })
}

fn scripted_requests(size: usize) -> String {
    let items: Vec<Value> = (0..size).map(scripted).collect();
    // One item per line, as exports are written.
    serde_json::to_string_pretty(&collection(items)).unwrap_or_default()
}

fn scripted_requests_on_one_line(size: usize) -> String {
    let items: Vec<Value> = (0..size).map(scripted).collect();
    collection(items).to_string()
}

fn url_before_brackets(size: usize) -> String {
    let description = format!("see http://a.io/x{} now", ")".repeat(size));
    let item = json!({ "name": "r", "request": { "method": "GET", "url": "https://x.io/a",
        "description": description } });
    collection(vec![item]).to_string()
}

fn hashes_in_a_body(size: usize) -> String {
    let body = json!({ "note": format!("\"{}", "#".repeat(size)) });
    let item = json!({ "name": "r", "request": { "method": "POST", "url": "https://x.io/a",
        "header": [{ "key": "Content-Type", "value": "application/json" }],
        "body": { "mode": "raw", "raw": body.to_string() } } });
    collection(vec![item]).to_string()
}
