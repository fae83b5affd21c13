//! The `write` stage: files are written only when their content changed, atomically (a
//! temporary file renamed into place, so no reader ever sees half a file); check mode is the
//! same comparison without writing; build scripts get `OUT_DIR` and `cargo:` lines.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::error::{Error, Warning};

/// What writing did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    /// The file was created or its content replaced.
    Changed,
    /// The file already had this content and was left alone.
    Unchanged,
}

/// Whether a file on disk matches what would be generated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freshness {
    Fresh,
    Stale,
    Missing,
}

pub fn write_if_changed(path: &Path, content: &str) -> Result<Written, Error> {
    if check(path, content)? == Freshness::Fresh {
        return Ok(Written::Unchanged);
    }
    let io_error = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(io_error)?;
    let file_name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = std::fs::File::create(&temp)
        .and_then(|mut file| {
            file.write_all(content.as_bytes())?;
            file.sync_all()
        })
        .and_then(|()| std::fs::rename(&temp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result.map_err(io_error)?;
    Ok(Written::Changed)
}

pub fn check(path: &Path, content: &str) -> Result<Freshness, Error> {
    match std::fs::read(path) {
        Ok(existing) if existing == content.as_bytes() => Ok(Freshness::Fresh),
        Ok(_) => Ok(Freshness::Stale),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Freshness::Missing),
        Err(source) => Err(Error::Io {
            path: path.to_owned(),
            source,
        }),
    }
}

/// The `cargo:` lines a build script prints for its inputs and warnings.
pub fn cargo_lines(inputs: &[PathBuf], warnings: &[Warning]) -> Vec<String> {
    let rerun = inputs
        .iter()
        .map(|input| format!("cargo:rerun-if-changed={}", input.display()));
    let warn = warnings.iter().map(|warning| {
        format!(
            "cargo:warning={}",
            warning.to_string().replace(['\r', '\n'], " ")
        )
    });
    rerun.chain(warn).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("codegen-output-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn files_are_written_only_when_their_content_changes() -> Result<(), Error> {
        let dir = temp_dir("write");
        let path = dir.join("out.rs");
        assert_eq!(check(&path, "a")?, Freshness::Missing);
        assert_eq!(write_if_changed(&path, "a")?, Written::Changed);
        assert_eq!(write_if_changed(&path, "a")?, Written::Unchanged);
        assert_eq!(check(&path, "b")?, Freshness::Stale);
        assert_eq!(write_if_changed(&path, "b")?, Written::Changed);
        assert_eq!(std::fs::read_to_string(&path).ok().as_deref(), Some("b"));
        let leftovers = std::fs::read_dir(&dir)
            .map(|entries| entries.count())
            .unwrap_or(0);
        assert_eq!(leftovers, 1, "no temporary file is left behind");
        let _ = std::fs::remove_dir_all(&dir);
        Ok(())
    }
}
