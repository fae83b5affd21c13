//! The command line: argument parsing, reports and exit codes, over the library's `Builder`.
//!
//! Lives in the library so tests can run it in-process with their own output streams;
//! `main.rs` only passes the process's arguments and streams in.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::{Builder, Freshness, Written, output};

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
crate using it needs), or with --standalone carries the runtime's source itself.

Exit status:
  0  the file was written, or was already up to date (with --check: it is up to date)
  1  --check only: OUTPUT is missing or stale; the command to regenerate it is printed
  2  the input could not be read or is not a Postman collection; the report names the file,
     the JSON path and line:column (also when OUTPUT is INPUT, which is never overwritten)

Warnings (parts of the collection the client does not reproduce, such as scripts) go to stderr
and do not change the exit status.

Examples (from the repository's root):
  codegen generate collections/link-a-user-account.postman_collection.json -o generated-example/src/vendored.rs
  codegen generate collections/link-a-user-account.postman_collection.json -o generated-example/src/vendored.rs --check
  codegen generate collections/typed-responses.postman_collection.json -o client.rs --standalone
(`cargo run -p codegen -- generate ...` runs the same without installing it.)";

#[derive(Debug, clap::Args)]
struct GenerateArgs {
    /// The Postman collection, folder or request item (JSON file).
    input: PathBuf,

    /// Where to write the generated Rust file.
    #[arg(short, long, value_name = "OUTPUT")]
    output: PathBuf,

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
    if let Err(error) = output::refuse_input(&args.output, std::slice::from_ref(&args.input)) {
        let _ = write!(err, "{}", error.report());
        return FAILURE;
    }
    let mut command = format!(
        "cargo run -p codegen -- generate {} -o {}",
        shell_word(&args.input.to_string_lossy()),
        shell_word(&args.output.to_string_lossy())
    );
    if let Some(path) = &args.runtime_path {
        command.push_str(&format!(" --runtime-path {}", shell_word(path)));
    }
    if args.standalone {
        command.push_str(" --standalone");
    }
    let mut builder = Builder::new(&args.input)
        .regenerate_command(command.clone())
        .standalone(args.standalone);
    if let Some(name) = &args.source_name {
        builder = builder.source_name(name);
    }
    if let Some(path) = &args.runtime_path {
        builder = builder.runtime_path(path);
    }
    let generated = match builder.generate() {
        Ok(generated) => generated,
        Err(error) => {
            let _ = write!(err, "{}", error.report());
            return FAILURE;
        }
    };
    for warning in generated.warnings() {
        let _ = writeln!(err, "warning: {warning}");
    }
    let output = args.output.display();
    if args.check {
        return match generated.check(&args.output) {
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
    match generated.write_to(&args.output) {
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
