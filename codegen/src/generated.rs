//! The result of a generation: one file, or a folder of files (several collections, a crate),
//! with the warnings, the inputs read and the number of requests.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::output::{self, Freshness, Written};
use crate::warning::{self, Warning};

/// A generated client: the code, and what the generator could not carry over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Generated {
    /// The one file, or the folder's main file (`mod.rs`, `src/lib.rs`).
    code: String,
    /// Where the main file goes in the folder; `None` when the output is one file.
    main: Option<PathBuf>,
    /// The folder's other files, by path relative to it.
    files: Vec<(PathBuf, String)>,
    /// A folder (relative to the output) that this output owns: a generated `.rs` file in it
    /// that is none of `files` is a module of an earlier run whose input is gone.
    owned: Option<PathBuf>,
    warnings: Vec<Warning>,
    inputs: Vec<PathBuf>,
    requests: usize,
}

impl Generated {
    /// A client written as one file.
    pub(crate) fn file(
        code: String,
        warnings: Vec<Warning>,
        inputs: Vec<PathBuf>,
        requests: usize,
    ) -> Self {
        Generated {
            code,
            main: None,
            files: Vec::new(),
            owned: None,
            warnings,
            inputs,
            requests,
        }
    }

    /// This output as a folder: `main` gets the code, and `files` go beside it.
    pub(crate) fn into_folder(mut self, main: PathBuf, files: Vec<(PathBuf, String)>) -> Self {
        self.main = Some(main);
        self.files = files;
        self
    }

    /// This folder output owns the folder `relative` (see [`Generated::leftovers`]).
    pub(crate) fn owning(mut self, relative: PathBuf) -> Self {
        self.owned = Some(relative);
        self
    }

    /// The parts of several generations, summed: warnings, inputs and requests.
    pub(crate) fn merged(parts: &[Generated]) -> (Vec<Warning>, Vec<PathBuf>, usize) {
        (
            parts
                .iter()
                .flat_map(|part| part.warnings.clone())
                .collect(),
            parts.iter().flat_map(|part| part.inputs.clone()).collect(),
            parts.iter().map(|part| part.requests).sum(),
        )
    }

    /// The generated Rust source: the file, or the folder's main file.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// Every file written, by path relative to the output (empty for a one-file output), with
    /// its content; the main file first.
    pub fn files(&self) -> Vec<(PathBuf, &str)> {
        let main = self.main.clone().unwrap_or_default();
        std::iter::once((main, self.code.as_str()))
            .chain(
                self.files
                    .iter()
                    .map(|(path, code)| (path.clone(), code.as_str())),
            )
            .collect()
    }

    /// Whether the output is a folder (several collections, a crate) rather than one file.
    pub fn is_folder(&self) -> bool {
        self.main.is_some()
    }

    /// Warnings about parts of the input that are not carried over faithfully, each with its
    /// kind, the request or folder it is about and its location; without the kinds allowed.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// The warnings as a person reads them: one per kind, with a count and the first few
    /// requests or folders (what the command line and `build_script` print).
    pub fn warning_summaries(&self) -> Vec<warning::Summary> {
        warning::summarize(&self.warnings)
    }

    /// How many requests the client has.
    pub fn request_count(&self) -> usize {
        self.requests
    }

    /// The files this generation read.
    pub fn inputs(&self) -> &[PathBuf] {
        &self.inputs
    }

    /// Writes the code to `path` (a file, or the folder for a folder output) unless it already
    /// holds it; each file of a folder is written only when it changed, and the
    /// [leftovers](Generated::leftovers) of an earlier run are removed. Refuses to write over
    /// an input (by any name).
    pub fn write_to(&self, path: impl AsRef<Path>) -> Result<Written, Error> {
        let targets = self.targets(path.as_ref());
        for (target, _) in &targets {
            output::refuse_input(target, &self.inputs)?;
        }
        // Read from the `mod.rs` this writing replaces.
        let leftovers = self.leftovers(path.as_ref())?;
        let mut written = Written::Unchanged;
        for (target, code) in targets {
            if output::write_if_changed(&target, code)? == Written::Changed {
                written = Written::Changed;
            }
        }
        for leftover in leftovers {
            std::fs::remove_file(&leftover).map_err(|source| Error::Io {
                path: leftover.clone(),
                source,
            })?;
            written = Written::Changed;
        }
        Ok(written)
    }

    /// In the folder of several collections' modules at `path`, the modules of collections no
    /// longer given: files that the folder's current `mod.rs` (written by codegen) declares
    /// and this output does not write, when they too start with codegen's `@generated` line.
    /// Other files, and links, are never leftovers. Empty for other outputs.
    pub fn leftovers(&self, path: impl AsRef<Path>) -> Result<Vec<PathBuf>, Error> {
        let (Some(relative), Some(main)) = (&self.owned, &self.main) else {
            return Ok(Vec::new());
        };
        let folder = path.as_ref().join(relative);
        let main = path.as_ref().join(main);
        if !is_plain_file(&main) || !output::is_generated(&main)? {
            return Ok(Vec::new());
        }
        let declared = std::fs::read_to_string(&main).map_err(|source| Error::Io {
            path: main.clone(),
            source,
        })?;
        let ours: Vec<PathBuf> = self
            .targets(path.as_ref())
            .into_iter()
            .map(|(target, _)| target)
            .collect();
        let mut leftovers = Vec::new();
        for line in declared.lines() {
            let Some(module) = line
                .trim()
                .strip_prefix("pub mod ")
                .and_then(|rest| rest.strip_suffix(';'))
            else {
                continue;
            };
            let module = module.strip_prefix("r#").unwrap_or(module);
            let plain = module
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_');
            let file = folder.join(format!("{module}.rs"));
            if plain
                && !module.is_empty()
                && !ours.contains(&file)
                && is_plain_file(&file)
                && output::is_generated(&file)?
            {
                leftovers.push(file);
            }
        }
        leftovers.sort();
        leftovers.dedup();
        Ok(leftovers)
    }

    /// Compares the code with the file (or each file of the folder) at `path` without
    /// writing: missing when one is missing, else stale when one differs or the folder holds
    /// [leftovers](Generated::leftovers).
    pub fn check(&self, path: impl AsRef<Path>) -> Result<Freshness, Error> {
        let mut state = if self.leftovers(path.as_ref())?.is_empty() {
            Freshness::Fresh
        } else {
            Freshness::Stale
        };
        for (target, code) in self.targets(path.as_ref()) {
            match output::check(&target, code)? {
                Freshness::Missing => return Ok(Freshness::Missing),
                Freshness::Stale => state = Freshness::Stale,
                Freshness::Fresh => {}
            }
        }
        Ok(state)
    }

    fn targets(&self, path: &Path) -> Vec<(PathBuf, &str)> {
        match &self.main {
            None => vec![(path.to_owned(), self.code.as_str())],
            Some(_) => self
                .files()
                .into_iter()
                .map(|(relative, code)| (path.join(relative), code))
                .collect(),
        }
    }
}

/// Whether `path` is a regular file itself, not a link or anything else.
fn is_plain_file(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_file())
}
