//! Errors and warnings, each with the place in the input it is about.
//!
//! This module owns how problems are described and rendered as a report; it knows nothing about
//! the Postman format beyond the notion of a JSON path.

use std::fmt;
use std::path::PathBuf;

pub use crate::warning::Warning;

/// Where in an input file something is: the file, the JSON path and, when known, line and column
/// (both 1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    pub json_path: String,
    pub line_column: Option<(usize, usize)>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some((line, column)) = self.line_column {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, " at {}", self.json_path)
    }
}

/// Everything that can stop generation.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No input was given.
    #[error("no input collection was given")]
    NoInput,
    /// An input or output file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The output named is an input file, which writing would overwrite.
    #[error(
        "{} is the input collection; writing the client there would overwrite it \
         (name another output file)",
        path.display()
    )]
    OutputIsInput { path: PathBuf },
    /// The input is not a Postman collection, folder or request item the generator can read.
    #[error("{location}: {message}")]
    Input { location: Location, message: String },
    /// An option has a value the generator cannot use.
    #[error("invalid {option}: {message}")]
    Option {
        option: &'static str,
        message: String,
    },
    /// No thread could be started to generate on (the system is out of threads or memory).
    #[error("could not start a thread to generate on: {source}")]
    Thread {
        #[source]
        source: std::io::Error,
    },
    /// The generated tokens did not form valid Rust. This is a bug in the generator, never a
    /// problem of the input.
    #[error("internal error: generated code does not parse ({0}); please report this")]
    Render(String),
}

impl Error {
    /// The report shown to a person: what went wrong and where, on separate lines.
    pub fn report(&self) -> String {
        match self {
            Error::Input { location, message } => {
                format!("error: {message}\n  --> {location}\n")
            }
            other => format!("error: {other}\n"),
        }
    }
}
