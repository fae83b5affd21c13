//! Options of a generation run: the single source for the library `Builder` and the CLI.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::warning::WarningKind;

/// What to generate and how. Every CLI flag sets exactly one field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    /// The Postman collection, folder or request item to read.
    pub input: PathBuf,
    /// More collections, each generated as a module of its own (`Builder::input`).
    pub more_inputs: Vec<PathBuf>,
    /// How the input is named in the generated header (defaults to `input` as given).
    pub source_name: Option<String>,
    /// The command shown in the header to regenerate the file.
    pub regenerate_command: Option<String>,
    /// The path the generated code names the runtime by (default [`DEFAULT_RUNTIME_PATH`]).
    pub runtime_path: Option<String>,
    /// Write the runtime's source into the output instead of naming the runtime crate.
    pub standalone: bool,
    /// Kinds of warnings left out of the result (`--allow KIND`).
    pub allow: BTreeSet<WarningKind>,
    /// No warnings at all (`-q`).
    pub quiet: bool,
    /// Folders and requests to keep (`--include`; all when empty), as [`crate::select`] reads them.
    pub include: Vec<String>,
    /// Folders and requests to leave out (`--exclude`).
    pub exclude: Vec<String>,
}

/// The runtime crate, as generated code names it by default.
pub const DEFAULT_RUNTIME_PATH: &str = "::codegen_runtime";
