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
pub mod client_crate;
pub mod config;
pub mod docs;
pub mod emit;
pub mod error;
mod generated;
pub mod infer;
pub mod input;
pub mod lower;
pub mod model;
pub mod name;
pub mod output;
pub mod paths;
pub mod render;
pub mod samples;
pub mod select;
pub mod several;
pub mod stack;
pub mod warning;

use std::path::{Path, PathBuf};

pub use config::Config;
pub use error::{Error, Location};
pub use generated::Generated;
pub use output::{Freshness, Written};
pub use warning::{Warning, WarningKind};

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

    /// How the input is named in the generated file's header. Defaults to the input path
    /// relative to the current directory when it is inside it, as given when it is relative and
    /// outside, and to its file name otherwise (so the header never names a machine path).
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

    /// Adds another collection: with several, the output is a folder with a module per
    /// collection (named after its file: `users.postman_collection.json` is `users`) and a
    /// `mod.rs` declaring them, all sharing one runtime (`--standalone` writes it once, into
    /// `mod.rs`). As `codegen generate A.json B.json -o DIR` does.
    pub fn input(mut self, input: impl Into<PathBuf>) -> Self {
        self.config.more_inputs.push(input.into());
        self
    }

    /// Generates a whole client crate for the folder `dir`, as `--crate DIR` does: its
    /// `Cargo.toml` (package named after the folder, depending on the runtime crate), the
    /// client as `src/lib.rs`, a `README.md` from the collection's description and requests
    /// (also the crate's documentation) and an example per top-level folder. Write it with
    /// `generate()?.write_to(dir)`.
    pub fn client_crate(mut self, dir: impl Into<PathBuf>) -> Self {
        self.config.crate_dir = Some(dir.into());
        self
    }

    /// How a generated crate depends on the runtime, as a TOML value, as
    /// `--runtime-dependency` does: `'"0.1"'` (a registry version), `'{ git = "URL" }'`,
    /// `'{ path = "../codegen/runtime", features = ["rustls"] }'`. By default, the path from
    /// the crate folder to the runtime crate codegen was built with.
    pub fn runtime_dependency(mut self, value: impl Into<String>) -> Self {
        self.config.runtime_dependency = Some(value.into());
        self
    }

    /// Leaves warnings of `kind` out of the result (and so out of what `build_script` prints),
    /// as `--allow KIND` does; call once per kind.
    pub fn allow(mut self, kind: WarningKind) -> Self {
        self.config.allow.insert(kind);
        self
    }

    /// Leaves every warning out, as `-q` does.
    pub fn quiet(mut self, quiet: bool) -> Self {
        self.config.quiet = quiet;
        self
    }

    /// Keeps only the folders and requests `pattern` matches (with the others `include`
    /// gives), as `--include` does: a folder path or request name with its folders, joined by
    /// `/`, or a glob over them (`Users/**`, `**/Get *`). Names stay those of the whole
    /// collection. A pattern that matches nothing fails generation, naming close matches.
    pub fn include(mut self, pattern: impl Into<String>) -> Self {
        self.config.include.push(pattern.into());
        self
    }

    /// Leaves out the folders and requests `pattern` matches, as `--exclude` does (same
    /// patterns as [`include`](Self::include)); exclusion wins over inclusion.
    pub fn exclude(mut self, pattern: impl Into<String>) -> Self {
        self.config.exclude.push(pattern.into());
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
        self.check_options()?;
        if !self.config.more_inputs.is_empty() {
            return several::generate(self, several::Layout::Folder);
        }
        let document = input::read_file(&self.config.input)?;
        self.generate_document(
            &document,
            vec![self.config.input.clone()],
            &self.runtime()?,
            &self.shown_source(),
        )
    }

    /// Generates the client from the bytes of a collection, folder or request item held in
    /// memory, as [`generate`](Self::generate) does from the file. The configured input path
    /// only names the input (in error locations and the header); nothing is read, so
    /// [`Generated::inputs`] is empty. Does no I/O.
    pub fn generate_from_bytes(&self, bytes: &[u8]) -> Result<Generated, Error> {
        let document = input::parse(&self.config.input, bytes)?;
        self.generate_document(
            &document,
            Vec::new(),
            &self.runtime()?,
            &self.shown_source(),
        )
    }

    /// The client of one document, naming the runtime by `runtime` and the input by `source`.
    pub(crate) fn generate_document(
        &self,
        document: &input::Document,
        inputs: Vec<PathBuf>,
        runtime: &emit::Runtime,
        source: &str,
    ) -> Result<Generated, Error> {
        let (mut api, mut warnings) = lower::lower(document);
        warnings.retain(|warning| !self.config.quiet && !self.config.allow.contains(&warning.kind));
        // Named whole, then cut: a part keeps the names it has in the whole collection.
        let mut names = name::name_each(&api);
        select::Selection::new(&self.config.include, &self.config.exclude).apply(
            &mut api,
            &mut names,
            &mut warnings,
        )?;
        name::share_types(&mut names);
        let sections = emit::sections(&api, &names, runtime);
        let shared = emit::Shared::new(&api);
        let regenerate = self.regenerate(source);
        let code = render::render_sections(
            sections.len(),
            |index| {
                sections
                    .get(index)
                    .map_or(Ok(proc_macro2::TokenStream::new()), |section| {
                        emit::emit_section(&api, &names, runtime, &shared, *section)
                    })
            },
            source,
            &regenerate,
        )?;
        let requests = api.root.request_count();
        let Some(dir) = &self.config.crate_dir else {
            return Ok(Generated::file(code, warnings, inputs, requests));
        };
        let (lib, files) = client_crate::files(&client_crate::Crate {
            api: &api,
            names: &names,
            code: &code,
            dir,
            runtime_dependency: self.config.runtime_dependency.as_deref(),
            source,
            regenerate: &regenerate,
        })?;
        Ok(
            Generated::file(lib, warnings, inputs, requests)
                .into_folder("src/lib.rs".into(), files),
        )
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
    /// for the input and one `cargo:warning` per kind of warning (see
    /// [`Generated::warning_summaries`]; [`allow`](Self::allow) and [`quiet`](Self::quiet)
    /// silence them). On error it prints the report and
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
        let out_dir = Path::new(&out_dir);
        let generated = if self.config.more_inputs.is_empty() {
            self.generate()
        } else {
            // Several: `file_name` declares a module per collection, whose files are in a
            // folder named after it.
            let folder = file_name.strip_suffix(".rs").unwrap_or(file_name);
            stack::on_generation_stack(|| several::generate(self, several::Layout::OutDir(folder)))
                .and_then(|generated| generated)
        };
        let generated = generated.inspect_err(|_| {
            let inputs = std::iter::once(&self.config.input).chain(&self.config.more_inputs);
            for input in inputs {
                println!("cargo:rerun-if-changed={}", input.display());
            }
        })?;
        for line in output::cargo_lines(generated.inputs(), generated.warnings()) {
            println!("{line}");
        }
        if generated.is_folder() {
            generated.write_to(out_dir)?;
        } else {
            generated.write_to(out_dir.join(file_name))?;
        }
        Ok(())
    }

    /// Where the generated code finds the runtime, checked to be a path.
    pub(crate) fn runtime(&self) -> Result<emit::Runtime, Error> {
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

    /// Refuses options that do not go together.
    fn check_options(&self) -> Result<(), Error> {
        let config = &self.config;
        let refuse = |message: &str| {
            Err(Error::Option {
                option: "options",
                message: message.to_owned(),
            })
        };
        if config.crate_dir.is_some() {
            if config.standalone || config.runtime_path.is_some() {
                return refuse(
                    "a crate depends on the runtime crate: no standalone or runtime path",
                );
            }
            if !config.more_inputs.is_empty() {
                return refuse("a crate is made from one collection");
            }
        } else if config.runtime_dependency.is_some() {
            return refuse("a runtime dependency is for a crate (--crate DIR)");
        }
        Ok(())
    }

    /// The command a header gives to regenerate the output of `source`.
    fn regenerate(&self, source: &str) -> String {
        self.config
            .regenerate_command
            .clone()
            .unwrap_or_else(|| format!("cargo run -p codegen -- generate {source} -o <OUTPUT>"))
    }

    fn shown_source(&self) -> String {
        match &self.config.source_name {
            Some(name) => name.clone(),
            None => paths::shown_here(&self.config.input),
        }
    }
}
