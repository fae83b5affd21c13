//! The conformance driver: one crate holding every collection's generated client and, per
//! collection, a table of its compared requests, built once; run once per collection, it
//! sends those requests to a recorder.
//!
//! Each request is built by `Client::build` with the collection's own values and sent with
//! reqwest as `Client::send` sends it (responses are not decoded: requests are compared). The
//! client's base URL is the recorder's scheme and authority followed by the path the request's
//! resolved origin carries, so a path prefix inside an origin variable (`{{baseUrl}}` =
//! `https://host/v3`) is compared, and signatures cover what is sent. Every request is a function of its own, called from a
//! thread with the default stack size, so no collection's size can overflow a stack.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::plan::Planned;
use crate::compile;

/// The driver's code shared by all collections.
const COMMON: &str = r#"//! Conformance driver (written by the `tests` crate; see tests/src/conformance/driver.rs).
#![allow(warnings)]

use codegen_runtime as rt;

/// What every request function gets.
pub struct Ctx<V> {
    pub variables: V,
    http: rt::reqwest::blocking::Client,
    authority: String,
}

/// Builds `request` with a client whose base URL is the recorder's origin followed by the path
/// the request's origin carries (so that a signature covers what is sent), and sends it.
pub fn send<V, R>(c: &Ctx<V>, request: rt::Result<R>) -> Result<(), String>
where
    V: rt::Variables + Clone,
    R: rt::Request<V>,
{
    let request = request.map_err(|err| format!("cannot make the request: {err}"))?;
    let origin = request.parts().map_err(|err| format!("no parts: {err}"))?.origin;
    let origin = rt::resolve(origin, &c.variables).map_err(|err| format!("origin: {err}"))?;
    let rest = origin.split_once("://").map_or(origin.as_str(), |(_, rest)| rest);
    let prefix = rest.find('/').map_or("", |index| &rest[index..]);
    // newman only ever sends the token a collection stores.
    let client = rt::Client::with_http_client((), c.variables.clone())
        .stored_tokens_only()
        .with_base_url(format!("http://{}{prefix}", c.authority));
    let built = client.build(&request).map_err(|err| format!("cannot build: {err}"))?;
    let sent = rt::reqwest::blocking::Request::try_from(built)
        .map_err(|err| format!("cannot convert: {err}"))?;
    c.http.execute(sent).map(|_| ()).map_err(|err| format!("cannot send: {err}"))
}

pub type Requests<V> = &'static [(&'static str, fn(&Ctx<V>) -> Result<(), String>)];

/// Sends `requests` in order; returns a line per failure.
pub fn run_all<V>(environment: &str, authority: &str, requests: Requests<V>) -> Vec<String>
where
    V: rt::Variables + Default + Clone,
{
    let mut variables = V::default();
    if let Err(err) = rt::load_environment(&mut variables, environment) {
        return vec![format!("bad environment: {err}")];
    }
    let c = Ctx {
        variables,
        http: rt::reqwest::blocking::Client::new(),
        authority: authority.to_owned(),
    };
    requests
        .iter()
        .filter_map(|(name, send)| send(&c).err().map(|err| format!("{name:?}: {err}")))
        .collect()
}
"#;

const MAIN: &str = r#"//! `driver INDEX ENVIRONMENT_FILE AUTHORITY`: sends collection INDEX's requests to
//! AUTHORITY, one line on standard output per failure.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, index, environment, authority] = args.as_slice() else {
        eprintln!("usage: driver INDEX ENVIRONMENT_FILE AUTHORITY");
        std::process::exit(2);
    };
    let index: usize = index.parse().unwrap_or(usize::MAX);
    let environment = std::fs::read_to_string(environment).unwrap_or_default();
    let authority = authority.clone();
    // A thread of the default size (2 MiB), as a test's.
    let outcome = std::thread::spawn(move || driver::run(index, &environment, &authority)).join();
    match outcome {
        Ok(Some(failures)) => failures.iter().for_each(|line| println!("{line}")),
        Ok(None) => {
            eprintln!("no collection {index}");
            std::process::exit(2);
        }
        Err(_) => std::process::exit(3),
    }
}
"#;

/// The driver crate's folder.
fn dir() -> PathBuf {
    compile::target_dir().join("conformance-driver")
}

/// Writes the driver crate for `planned` and builds it; returns the binary.
pub fn build(planned: &[Planned]) -> PathBuf {
    let dir = dir();
    let src = dir.join("src");
    std::fs::create_dir_all(&src).unwrap_or_else(|err| panic!("{}: {err}", src.display()));
    let mut lib = String::from(COMMON);
    let mut dispatch = String::new();
    for collection in planned {
        if collection.code.is_empty() {
            continue;
        }
        let module = &collection.module;
        write_if_changed(&src.join(format!("{module}.rs")), &collection.code);
        let _ = write!(
            lib,
            "\n/// `{}`\npub mod {module};\n\nconst {}: Requests<{module}::Variables> = &[\n",
            collection.name,
            module.to_uppercase()
        );
        for request in collection.included() {
            let _ = writeln!(
                lib,
                "    ({:?}, |c| send(c, {})),",
                request.name, request.build
            );
        }
        lib.push_str("];\n");
        let index = &module[1..];
        let _ = writeln!(
            dispatch,
            "        {index} => run_all(environment, authority, {}),",
            module.to_uppercase()
        );
    }
    let _ = write!(
        lib,
        "\n/// Sends the requests of collection `index`, if there is one.\n\
         pub fn run(index: usize, environment: &str, authority: &str) -> Option<Vec<String>> {{\n\
         \x20   Some(match index {{\n{dispatch}        _ => return None,\n    }})\n}}\n"
    );
    write_if_changed(&src.join("lib.rs"), &lib);
    write_if_changed(&src.join("main.rs"), MAIN);
    write_if_changed(&dir.join("Cargo.toml"), &manifest());
    let lock = crate::workspace_root().join("Cargo.lock");
    let lock_text = std::fs::read_to_string(&lock).unwrap_or_default();
    write_if_changed(&dir.join("Cargo.lock"), &lock_text);
    compile::cargo(&dir, &["build", "--quiet"], None);
    compile::target_dir().join("debug").join("driver")
}

fn manifest() -> String {
    let runtime = crate::workspace_root().join("codegen").join("runtime");
    format!(
        "[package]\nname = \"driver\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\ncodegen-runtime = {{ path = {:?}, features = [\"blocking\"] }}\n\n\
         # Debug info would only slow the build of thousands of serde impls down.\n\
         [profile.dev]\ndebug = 0\n\n# Not part of the codegen workspace.\n[workspace]\n",
        runtime.display().to_string()
    )
}

/// Writes `text` unless the file holds it already, so that cargo rebuilds only what changed.
fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    std::fs::write(path, text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
}

/// Runs the driver for `planned` with the variables in `environment` (a Postman environment
/// file) against `authority`; returns its failures.
pub fn run(binary: &Path, planned: &Planned, environment: &Path, authority: &str) -> Vec<String> {
    let index = &planned.module[1..];
    let output = Command::new(binary)
        .args([index, &environment.display().to_string(), authority])
        .output()
        .unwrap_or_else(|err| panic!("cannot run {}: {err}", binary.display()));
    let mut failures: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    if !output.status.success() {
        failures.push(format!(
            "the driver failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    failures
}
