//! Generates typed, documented Rust API clients from Postman collections.
//!
//! A collection (v2.0 or v2.1), an exported folder or a single request item goes in; one Rust
//! file comes out, meant to be `include!`d or vendored: a `Variables` struct for the
//! collection's `{{variables}}`, a struct per request with its path parameters and a typed body,
//! a path function per request, and an async `Client` (reqwest) that sends them. What the client
//! sends by default is what Postman's runner sends for the same item.
//!
//! # From `build.rs`
//!
//! ```no_run
//! // build.rs of the crate that uses the client
//! codegen::Builder::new("collections/seed.postman_collection.json").build_script("seed.rs");
//! ```
//!
//! and in that crate: `include!(concat!(env!("OUT_DIR"), "/seed.rs"));`. The build script
//! prints `cargo:rerun-if-changed` for the collection and each warning as `cargo:warning`;
//! on bad input it prints the report and fails the build.
//!
//! # As a library
//!
//! ```no_run
//! # fn main() -> Result<(), codegen::Error> {
//! let generated = codegen::Builder::new("collections/seed.postman_collection.json").generate()?;
//! for warning in generated.warnings() {
//!     eprintln!("warning: {warning}");
//! }
//! generated.write_to("src/client.rs")?;
//! # Ok(())
//! # }
//! ```
//!
//! # From the command line
//!
//! `cargo run -p codegen -- generate collections/seed.postman_collection.json -o src/client.rs`
//! writes the file (only when it changed); `--check` compares instead and fails when it is stale.
//!
//! # Pipeline
//!
//! read ([`input`]) → lower ([`lower`]) → infer ([`infer`]) → name ([`name`]) → docs ([`docs`])
//! → emit ([`emit`]) → render ([`render`]) → write ([`output`]). Each stage is a module with one
//! job, and data flows one way through the [`model`].

pub mod cli;
pub mod config;
pub mod docs;
pub mod emit;
pub mod error;
pub mod infer;
pub mod input;
pub mod lower;
pub mod model;
pub mod name;
pub mod output;
pub mod render;
pub mod samples;
pub mod stack;

use std::path::{Path, PathBuf};

pub use config::Config;
pub use error::{Error, Location, Warning};
pub use output::{Freshness, Written};

/// Configures and runs one generation. By value: each method returns the changed builder.
#[derive(Clone, Debug)]
#[must_use]
pub struct Builder {
    config: Config,
}

impl Builder {
    /// A builder for the collection, folder or request item at `input`.
    pub fn new(input: impl Into<PathBuf>) -> Self {
        Builder {
            config: Config {
                input: input.into(),
                ..Config::default()
            },
        }
    }

    /// A builder for an existing configuration.
    pub fn from_config(config: Config) -> Self {
        Builder { config }
    }

    /// How the input is named in the generated file's header. Defaults to the input path when
    /// it is relative, and to its file name when it is absolute (so the header never depends on
    /// the machine).
    pub fn source_name(mut self, name: impl Into<String>) -> Self {
        self.config.source_name = Some(name.into());
        self
    }

    /// The command the generated file's header gives to regenerate it.
    pub fn regenerate_command(mut self, command: impl Into<String>) -> Self {
        self.config.regenerate_command = Some(command.into());
        self
    }

    /// The path the generated code names the runtime crate by, as prost-build's `prost_path`:
    /// `::codegen_runtime` by default; another when the runtime is re-exported elsewhere
    /// (`"::my_api::runtime"`, `"crate::runtime"`).
    pub fn runtime_path(mut self, path: impl Into<String>) -> Self {
        self.config.runtime_path = Some(path.into());
        self
    }

    /// Writes the runtime's own source into the output as a module `runtime`, so that the file
    /// needs no `codegen-runtime` dependency (only the crates the runtime uses).
    pub fn standalone(mut self, standalone: bool) -> Self {
        self.config.standalone = standalone;
        self
    }

    /// The configuration this builder runs.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Reads the input and generates the client. Does no other I/O.
    ///
    /// Runs on threads of its own (see [`stack`]), so the result never depends on the stack of
    /// the calling thread.
    pub fn generate(&self) -> Result<Generated, Error> {
        stack::on_generation_stack(|| self.generate_here())?
    }

    fn generate_here(&self) -> Result<Generated, Error> {
        let document = input::read_file(&self.config.input)?;
        self.generate_document(&document, vec![self.config.input.clone()])
    }

    /// Generates the client from the bytes of a collection, folder or request item held in
    /// memory, as [`generate`](Self::generate) does from the file. The configured input path
    /// only names the input (in error locations and the header); nothing is read, so
    /// [`Generated::inputs`] is empty. Does no I/O.
    pub fn generate_from_bytes(&self, bytes: &[u8]) -> Result<Generated, Error> {
        let document = input::parse(&self.config.input, bytes)?;
        self.generate_document(&document, Vec::new())
    }

    fn generate_document(
        &self,
        document: &input::Document,
        inputs: Vec<PathBuf>,
    ) -> Result<Generated, Error> {
        let (api, warnings) = lower::lower(document);
        let names = name::name(&api);
        let runtime = self.runtime()?;
        let sections = emit::sections(&api, &names, &runtime);
        let shared = emit::Shared::new(&api);
        let source = self.shown_source();
        let regenerate =
            self.config.regenerate_command.clone().unwrap_or_else(|| {
                format!("cargo run -p codegen -- generate {source} -o <OUTPUT>")
            });
        let code = render::render_sections(
            sections.len(),
            |index| {
                sections
                    .get(index)
                    .map_or(Ok(proc_macro2::TokenStream::new()), |section| {
                        emit::emit_section(&api, &names, &runtime, &shared, *section)
                    })
            },
            &source,
            &regenerate,
        )?;
        Ok(Generated {
            code,
            warnings,
            inputs,
            requests: api.root.request_count(),
        })
    }

    /// Reads the input and lists its JSON samples, each with the generated type it must fit
    /// (what the round-trip test checks). Does no other I/O.
    pub fn typed_samples(&self) -> Result<samples::Samples, Error> {
        stack::on_generation_stack(|| {
            let document = input::read_file(&self.config.input)?;
            let (api, _) = lower::lower(&document);
            let names = name::name(&api);
            Ok(samples::collect(&api.root, &names.root))
        })?
    }

    /// For `build.rs`: generates into `$OUT_DIR/file_name`, prints `cargo:rerun-if-changed`
    /// for the input and `cargo:warning` for each warning. On error it prints the report and
    /// exits with status 1, which fails the build.
    pub fn build_script(self, file_name: &str) {
        let builder = if self.config.regenerate_command.is_some() {
            self
        } else {
            self.regenerate_command("cargo build (build.rs)")
        };
        if let Err(err) = builder.run_build_script(file_name) {
            eprint!("{}", err.report());
            std::process::exit(1);
        }
    }

    fn run_build_script(&self, file_name: &str) -> Result<(), Error> {
        let out_dir = std::env::var_os("OUT_DIR").ok_or_else(|| Error::Io {
            path: PathBuf::from("$OUT_DIR"),
            source: std::io::Error::other("OUT_DIR is not set: build_script runs only in build.rs"),
        })?;
        let generated = self.generate().inspect_err(|_| {
            println!("cargo:rerun-if-changed={}", self.config.input.display());
        })?;
        for line in output::cargo_lines(&generated.inputs, &generated.warnings) {
            println!("{line}");
        }
        generated.write_to(Path::new(&out_dir).join(file_name))?;
        Ok(())
    }

    /// Where the generated code finds the runtime, checked to be a path.
    fn runtime(&self) -> Result<emit::Runtime, Error> {
        if self.config.standalone {
            return Ok(emit::Runtime::Standalone);
        }
        let path = self
            .config
            .runtime_path
            .as_deref()
            .unwrap_or(config::DEFAULT_RUNTIME_PATH);
        syn::parse_str::<syn::Path>(path)
            .map(|_| emit::Runtime::Path(path.to_owned()))
            .map_err(|err| Error::Option {
                option: "runtime path",
                message: format!("{path:?} is not a Rust path: {err}"),
            })
    }

    fn shown_source(&self) -> String {
        if let Some(name) = &self.config.source_name {
            return name.clone();
        }
        let input = &self.config.input;
        let shown = if input.is_absolute() {
            input.file_name().map(PathBuf::from).unwrap_or_default()
        } else {
            input.clone()
        };
        shown.to_string_lossy().replace('\\', "/")
    }
}

/// A generated client: the code, and what the generator could not carry over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Generated {
    code: String,
    warnings: Vec<Warning>,
    inputs: Vec<PathBuf>,
    requests: usize,
}

impl Generated {
    /// The generated Rust source.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// Warnings about parts of the input that are not carried over faithfully.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// How many requests the client has.
    pub fn request_count(&self) -> usize {
        self.requests
    }

    /// The files this generation read.
    pub fn inputs(&self) -> &[PathBuf] {
        &self.inputs
    }

    /// Writes the code to `path` unless the file already holds it. Refuses a `path` that is
    /// the input (by any name), which it would overwrite.
    pub fn write_to(&self, path: impl AsRef<Path>) -> Result<Written, Error> {
        output::refuse_input(path.as_ref(), &self.inputs)?;
        output::write_if_changed(path.as_ref(), &self.code)
    }

    /// Compares the code with the file at `path` without writing.
    pub fn check(&self, path: impl AsRef<Path>) -> Result<Freshness, Error> {
        output::check(path.as_ref(), &self.code)
    }
}
