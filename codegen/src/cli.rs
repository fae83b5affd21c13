//! The command line: argument parsing, reports and exit codes, over the library's `Builder`.
//!
//! Lives in the library so tests can run it in-process with their own output streams;
//! `main.rs` only passes the process's arguments and streams in.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::{Builder, Freshness, WarningKind, Written, output, paths};

/// Exit status: success, or `--check` found the output fresh.
pub const SUCCESS: u8 = 0;
/// Exit status: `--check` found the output missing or stale.
pub const STALE: u8 = 1;
/// Exit status: bad arguments, or the input could not be read or understood.
pub const FAILURE: u8 = 2;

/// Generates a typed, documented Rust API client from a Postman collection.
#[derive(Debug, Parser)]
#[command(name = "codegen", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate the client for one Postman collection, folder or request item.
    #[command(after_help = AFTER_HELP)]
    Generate(GenerateArgs),
}

const AFTER_HELP: &str = "\
Input: a Postman collection (format v2.0 or v2.1), an exported folder, or a single request item
(a JSON object with `request`), in UTF-8 (a byte order mark is accepted) or UTF-16.

Output: one Rust file, deterministic and formatted, starting with a `// @generated` header that
names the input and the command that regenerates it. The file is written only when its content
changed, and atomically. It uses the runtime crate `codegen-runtime` (the only dependency a
crate using it needs), or with --standalone carries the runtime's source itself. With several
inputs, OUTPUT is a folder: a file per collection, each a module named after its file, and a
mod.rs declaring them (and with --standalone holding the one runtime they share); the module
of a collection no longer given, which the old mod.rs declared, is removed.

Exit status:
  0  the file was written, or was already up to date (with --check: it is up to date)
  1  --check only: OUTPUT is missing or stale; the command to regenerate it is printed
  2  the input could not be read or is not a Postman collection; the report names the file,
     the JSON path and line:column (also when OUTPUT is INPUT, which is never overwritten)

Warnings (parts of the collection the client does not reproduce, such as scripts) go to stderr,
one line per kind with a count and the first requests by folder path, and do not change the exit
status: `warning[scripts]: pre-request and test scripts are not run by the generated client (31
times: Users/Get a user, Users/Create a user, Orders and 28 more; the first at c.json:12:9 at
$.item[0].item[0].event)`. --allow scripts silences that kind; -q silences all.

Examples (from the repository's root):
  codegen generate collections/link-a-user-account.postman_collection.json -o generated-example/src/vendored.rs
  codegen generate collections/link-a-user-account.postman_collection.json -o generated-example/src/vendored.rs --check
  codegen generate collections/typed-responses.postman_collection.json -o client.rs --standalone
  codegen generate collections/features.postman_collection.json -o client.rs --allow scripts,auth
  codegen generate collections/typed-responses.postman_collection.json collections/chained-variables.postman_collection.json -o src/clients
  codegen generate collections/typed-responses.postman_collection.json --crate clients/repositories
  codegen generate collections/features.postman_collection.json -o client.rs --include 'Auth/**' --exclude '**/Digest*'
(`cargo run -p codegen -- generate ...` runs the same without installing it.)";

#[derive(Debug, clap::Args)]
struct GenerateArgs {
    /// The Postman collection, folder or request item (JSON file); with several, OUTPUT is a
    /// folder with a module per collection (named after its file) and a mod.rs declaring them.
    #[arg(required = true, num_args = 1..)]
    input: Vec<PathBuf>,

    /// Where to write the generated Rust file (with several inputs: the folder).
    #[arg(
        short,
        long,
        value_name = "OUTPUT",
        required_unless_present = "crate_dir"
    )]
    output: Option<PathBuf>,

    /// Write a whole client crate into DIR instead: Cargo.toml (depending on the runtime
    /// crate), src/lib.rs, a README.md from the collection's description and requests, and an
    /// example per top-level folder.
    #[arg(
        long = "crate",
        value_name = "DIR",
        conflicts_with_all = ["output", "standalone", "runtime_path"]
    )]
    crate_dir: Option<PathBuf>,

    /// How the crate depends on the runtime, as a TOML value: '"0.1"', '{ git = "URL" }',
    /// '{ path = "..." }' (default: the path from DIR to the runtime crate codegen was built
    /// with).
    #[arg(long, value_name = "TOML", requires = "crate_dir")]
    runtime_dependency: Option<String>,

    /// Write nothing; exit 1 if OUTPUT differs from what would be generated.
    #[arg(long)]
    check: bool,

    /// How to name the input in the generated header (default: INPUT as given).
    #[arg(long, value_name = "NAME")]
    source_name: Option<String>,

    /// The path the generated code names the runtime crate by (default ::codegen_runtime),
    /// for a runtime re-exported elsewhere.
    #[arg(long, value_name = "PATH", conflicts_with = "standalone")]
    runtime_path: Option<String>,

    /// Keep only the folders and requests PATTERN matches: a folder path or request name with
    /// its folders, joined by `/` (`Users/Get a user`), or a glob (`Users/**`, `**/Get *`; `*`
    /// matches `/` too). Repeatable. Names stay those of the whole collection.
    #[arg(long, value_name = "PATTERN")]
    include: Vec<String>,

    /// Leave out the folders and requests PATTERN matches (as --include; exclusion wins).
    #[arg(long, value_name = "PATTERN")]
    exclude: Vec<String>,

    /// Silence warnings of KIND: scripts, auth, body, method or example (the KIND a warning
    /// shows as `warning[KIND]`). Repeat it, or separate kinds by commas.
    #[arg(long, value_name = "KIND", value_delimiter = ',')]
    allow: Vec<WarningKind>,

    /// Print no warnings and no progress; errors and --check failures are still printed.
    #[arg(short, long)]
    quiet: bool,

    /// Write the runtime's source into OUTPUT too: the file then needs no codegen-runtime
    /// dependency, only the crates the runtime uses (reqwest, serde, serde_json, http,
    /// percent-encoding, base64, and RustCrypto's hmac, sha1, sha2 and md-5 for signing).
    #[arg(long)]
    standalone: bool,
}

/// Runs the command line with `args` (the program name first), writing normal output to `out`
/// and reports to `err`; returns the exit status.
pub fn run<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            let text = error.render().to_string();
            return if error.use_stderr() {
                let _ = write!(err, "{text}");
                FAILURE
            } else {
                let _ = write!(out, "{text}");
                SUCCESS
            };
        }
    };
    match cli.command {
        Command::Generate(args) => generate(&args, err),
    }
}

fn generate(args: &GenerateArgs, err: &mut dyn Write) -> u8 {
    // Before any work, and with --check too: the command it would print could only fail.
    let (target, flag) = match (&args.output, &args.crate_dir) {
        (_, Some(dir)) => (dir, "--crate"),
        (Some(output), None) => (output, "-o"),
        (None, None) => return FAILURE, // clap requires one
    };
    if let Err(error) = output::refuse_input(target, &args.input) {
        let _ = write!(err, "{}", error.report());
        return FAILURE;
    }
    // The header shows the paths relative to the current directory (no machine path in a
    // committed file); a stale report gives them as typed, to be run from here.
    let command = |inputs: &[String], output: &str| {
        let inputs: Vec<String> = inputs.iter().map(|input| shell_word(input)).collect();
        let mut command = format!(
            "cargo run -p codegen -- generate {} {flag} {}",
            inputs.join(" "),
            shell_word(output)
        );
        if let Some(value) = &args.runtime_dependency {
            command.push_str(&format!(" --runtime-dependency {}", shell_word(value)));
        }
        for pattern in &args.include {
            command.push_str(&format!(" --include {}", shell_word(pattern)));
        }
        for pattern in &args.exclude {
            command.push_str(&format!(" --exclude {}", shell_word(pattern)));
        }
        if let Some(path) = &args.runtime_path {
            command.push_str(&format!(" --runtime-path {}", shell_word(path)));
        }
        if args.standalone {
            command.push_str(" --standalone");
        }
        command
    };
    let shown_inputs: Vec<String> = args
        .input
        .iter()
        .map(|path| paths::shown_here(path))
        .collect();
    let typed_inputs: Vec<String> = args
        .input
        .iter()
        .map(|path| path.to_string_lossy().into_owned())
        .collect();
    let shown = command(&shown_inputs, &paths::shown_here(target));
    let command = command(&typed_inputs, &target.to_string_lossy());
    let Some(builder) = builder(args) else {
        return FAILURE; // clap requires an input
    };
    let builder = builder.regenerate_command(shown);
    let generated = match builder.generate() {
        Ok(generated) => generated,
        Err(error) => {
            let _ = write!(err, "{}", error.report());
            return FAILURE;
        }
    };
    for summary in generated.warning_summaries() {
        let _ = writeln!(err, "warning[{}]: {summary}", summary.kind);
    }
    let output = target.display();
    if args.check {
        return match generated.check(target) {
            Ok(Freshness::Fresh) => SUCCESS,
            Ok(state) => {
                let what = if state == Freshness::Missing {
                    "missing"
                } else {
                    "stale"
                };
                let _ = writeln!(
                    err,
                    "error: {output} is {what}; regenerate it with:\n  {command}"
                );
                STALE
            }
            Err(error) => {
                let _ = write!(err, "{}", error.report());
                FAILURE
            }
        };
    }
    match generated.write_to(target) {
        Ok(_) if args.quiet => SUCCESS,
        Ok(Written::Changed) => {
            let count = generated.request_count();
            let plural = if count == 1 { "" } else { "s" };
            let _ = writeln!(err, "wrote {output} ({count} request{plural})");
            SUCCESS
        }
        Ok(Written::Unchanged) => {
            let _ = writeln!(err, "{output} is up to date");
            SUCCESS
        }
        Err(error) => {
            let _ = write!(err, "{}", error.report());
            FAILURE
        }
    }
}

/// The builder the arguments configure: each flag is one `Builder` method.
fn builder(args: &GenerateArgs) -> Option<Builder> {
    let (first, more) = match args.input.split_first() {
        Some((first, more)) => (first, more),
        None => return None,
    };
    let mut builder = Builder::new(first).standalone(args.standalone);
    for input in more {
        builder = builder.input(input);
    }
    if let Some(dir) = &args.crate_dir {
        builder = builder.client_crate(dir);
    }
    if let Some(value) = &args.runtime_dependency {
        builder = builder.runtime_dependency(value);
    }
    if let Some(name) = &args.source_name {
        builder = builder.source_name(name);
    }
    if let Some(path) = &args.runtime_path {
        builder = builder.runtime_path(path);
    }
    for pattern in &args.include {
        builder = builder.include(pattern);
    }
    for pattern in &args.exclude {
        builder = builder.exclude(pattern);
    }
    for kind in &args.allow {
        builder = builder.allow(*kind);
    }
    builder = builder.quiet(args.quiet);
    Some(builder)
}

/// The configuration `codegen generate ARGS` runs (`args` without the program name and
/// `generate`), or clap's report: the one options type the command line and the library
/// share. Shows how each flag maps onto a [`Builder`] method.
pub fn config_of<I, T>(args: I) -> Result<crate::Config, String>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args = ["codegen".into(), "generate".into()]
        .into_iter()
        .chain(args.into_iter().map(Into::into));
    let cli = Cli::try_parse_from(args).map_err(|error| error.render().to_string())?;
    let Command::Generate(args) = cli.command;
    builder(&args)
        .map(|builder| builder.config().clone())
        .ok_or_else(|| "no input".to_owned())
}

/// `text` quoted for a POSIX shell when it needs quoting.
fn shell_word(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | '-' | ':' | '='));
    if plain {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}
