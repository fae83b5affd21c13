//! The `codegen` command line; everything but the process streams lives in `codegen::cli`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let status = codegen::cli::run(
        std::env::args_os(),
        &mut std::io::stdout(),
        &mut std::io::stderr(),
    );
    ExitCode::from(status)
}
