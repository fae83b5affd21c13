//! What the conformance test does with one collection: the client generated for it, the
//! values its variables get, and each request in collection order, with the expression the
//! driver builds it with or the reason it is left out.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use codegen::model::{Body, Group, Node, Operation, PartValue};
use codegen::name::{GroupNames, NodeNames};

/// One collection, ready to run.
pub struct Planned {
    /// The file's name.
    pub name: String,
    /// The driver crate's module for it (`c0`, `c1`, ...).
    pub module: String,
    /// The collection's JSON text.
    pub text: String,
    /// The generated client.
    pub code: String,
    /// The value each variable gets on both sides: the collection's, else `value-of-NAME`
    /// (non-alphanumeric characters of the name as `-`).
    pub values: Vec<(String, String)>,
    /// Every request, in collection order.
    pub requests: Vec<Planned1>,
}

/// One request of a collection.
pub struct Planned1 {
    pub name: String,
    /// Why it is not compared, if it is not.
    pub left_out: Option<&'static str>,
    /// A Rust expression of type `rt::Result<Request>` in the driver: the collection's request.
    pub build: String,
    /// Signed with a nonce or the time of each side's own: compared by structure.
    pub signed_fresh: bool,
    /// The dynamic variables (`$guid`, ...) it uses, whose values are compared by shape.
    pub dynamic: BTreeSet<String>,
    /// The lower-cased names of the headers the collection sets on it (enabled ones), which
    /// are compared even where newman would add one of that name itself.
    pub set_headers: Vec<String>,
}

impl Planned {
    /// The requests that are compared.
    pub fn included(&self) -> impl Iterator<Item = &Planned1> {
        self.requests.iter().filter(|r| r.left_out.is_none())
    }
}

/// Why requests are left out. Each names what would make them comparable.
pub mod reasons {
    pub const UNSUPPORTED_AUTH: &str = "its auth scheme is one the client does not perform (NTLM, EdgeGrid, JWT, ASAP, OAuth 1.0 with RSA)";
    pub const LOCAL_FILE: &str = "it sends a local file (the client reads only from a folder it is allowed; newman sends an empty part for a missing file)";
    pub const DYNAMIC: &str = "it uses a dynamic variable whose values have no shape to compare (a name, a word: `tests/src/shapes.rs` knows UUIDs, timestamps and integers)";
    pub const REFUSED: &str = "the generator refuses the file";
}

/// Generates the client for `source` and plans its requests; `index` names its module.
pub fn plan(index: usize, source: &Path) -> Planned {
    let name = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let module = format!("c{index}");
    let document =
        codegen::input::read_file(source).unwrap_or_else(|err| panic!("{}", err.report()));
    let (api, _) = codegen::lower::lower(&document);
    let names = codegen::name::name(&api);
    let generated = codegen::Builder::new(source)
        .source_name(name.clone())
        .generate();
    let values: Vec<(String, String)> = api
        .variables
        .iter()
        .map(|variable| {
            // A value that is a host name, a path segment and a query value alike.
            let value = variable.default.clone().unwrap_or_else(|| {
                let name: String = (variable.name.chars())
                    .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                    .collect();
                format!("value-of-{name}")
            });
            (variable.name.clone(), value)
        })
        .collect();
    let mut requests = Vec::new();
    walk(
        &api.root,
        &names.root,
        &format!("{module}::"),
        &mut requests,
    );
    let fresh = super::signed::signed_fresh(&api, &values);
    assert_eq!(fresh.len(), requests.len(), "{name}");
    for (request, fresh) in requests.iter_mut().zip(fresh) {
        request.signed_fresh = fresh;
    }
    let dynamic = super::dynamic::names(&api);
    assert_eq!(dynamic.len(), requests.len(), "{name}");
    for (request, dynamic) in requests.iter_mut().zip(dynamic) {
        if request.left_out.is_none() && crate::shapes::unshaped(&dynamic).is_some() {
            request.left_out = Some(reasons::DYNAMIC);
        }
        request.dynamic = dynamic;
    }
    let code = match generated {
        Ok(generated) => generated.code().to_owned(),
        Err(err @ codegen::Error::Input { .. }) => {
            crate::report(&format!("{name}: refused: {}", err.report().trim_end()));
            for request in &mut requests {
                request.left_out = Some(reasons::REFUSED);
            }
            String::new()
        }
        Err(err) => panic!("{name}: {}", err.report()),
    };
    Planned {
        name,
        module,
        text: document.text,
        code,
        values,
        requests,
    }
}

fn walk(group: &Group, names: &GroupNames, path: &str, out: &mut Vec<Planned1>) {
    for (child, child_names) in group.children.iter().zip(&names.children) {
        match (child, child_names) {
            (Node::Group(group), NodeNames::Group(names)) => {
                walk(group, names, &format!("{path}{}::", names.module), out);
            }
            (Node::Operation(operation), NodeNames::Operation(names)) => {
                let type_path = format!("{path}{}", names.type_name);
                // The collection's request: with path parameters, their values resolved.
                let build = if names.params.is_empty() {
                    format!("Ok({type_path}::new())")
                } else {
                    format!("{type_path}::collection(&c.variables)")
                };
                out.push(Planned1 {
                    name: operation.name.clone(),
                    left_out: left_out(operation),
                    signed_fresh: false,
                    dynamic: BTreeSet::new(),
                    build,
                    set_headers: operation
                        .headers
                        .iter()
                        .filter(|h| h.enabled)
                        .map(|h| h.name.to_ascii_lowercase())
                        .collect(),
                });
            }
            _ => {}
        }
    }
}

/// Why newman and the client cannot send the same bytes for `operation`, if they cannot.
fn left_out(operation: &Operation) -> Option<&'static str> {
    if operation.unsupported_auth.is_some() {
        return Some(reasons::UNSUPPORTED_AUTH);
    }
    let files = match &operation.body {
        Body::File { src } => src.is_some(),
        Body::Multipart { parts } => parts
            .iter()
            .any(|part| part.enabled && matches!(part.value, PartValue::Files(_))),
        _ => false,
    };
    if files {
        return Some(reasons::LOCAL_FILE);
    }
    None
}

/// The collections the test runs: the bundled ones and, with `CODEGEN_CORPUS`, the corpus.
pub fn inputs() -> Vec<PathBuf> {
    crate::collections_and_corpus()
}

/// A line per left-out request and its reason, for the report.
pub fn left_out_lines(planned: &Planned) -> String {
    let mut out = String::new();
    for request in &planned.requests {
        if let Some(reason) = request.left_out {
            let _ = writeln!(out, "  left out {:?}: {reason}", request.name);
        }
    }
    out
}
