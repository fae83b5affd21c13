//! The `write` stage: files are written only when their content changed, atomically (a
//! temporary file created exclusively beside the output, then renamed into place, so no reader
//! ever sees half a file); never over an input; check mode is the same comparison without
//! writing; build scripts get `OUT_DIR` and `cargo:` lines.

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

/// Writes `content` to `path` unless the file already holds it: into a new temporary file
/// in the same folder (created exclusively under a random name, so nothing planted there,
/// such as a symbolic link, is followed), then renamed over `path` in one step.
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
    let prefix = format!(".{file_name}.");
    let mut temp = tempfile::Builder::new();
    temp.prefix(&prefix).suffix(".tmp");
    // As a file created in place would be (the umask applies), not tempfile's owner-only.
    #[cfg(unix)]
    temp.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temp = temp.tempfile_in(&dir).map_err(io_error)?;
    temp.write_all(content.as_bytes())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(io_error)?;
    // On failure the temporary file is removed when dropped.
    temp.persist(path).map_err(|err| io_error(err.error))?;
    Ok(Written::Changed)
}

/// Refuses an output that is one of the `inputs` (the same file by another name, too: through
/// `..`, a symbolic or a hard link), which writing would overwrite.
pub fn refuse_input(output: &Path, inputs: &[PathBuf]) -> Result<(), Error> {
    let Ok(target) = std::fs::canonicalize(output) else {
        return Ok(()); // does not exist yet, so it is no input
    };
    for input in inputs {
        if std::fs::canonicalize(input).is_ok_and(|input| input == target)
            || same_file(output, input)
        {
            return Err(Error::OutputIsInput {
                path: output.to_owned(),
            });
        }
    }
    Ok(())
}

#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &Path, _: &Path) -> bool {
    false
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

    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_a_temporary_name_does_not_redirect_the_output() -> Result<(), Error> {
        let dir = tempfile::tempdir().map_err(|source| Error::Io {
            path: std::env::temp_dir(),
            source,
        })?;
        let victim = dir.path().join("victim.txt");
        let path = dir.path().join("out.rs");
        std::fs::write(&victim, "precious").ok();
        // The name the temporary file used to have, predictable from the process id.
        let planted = dir
            .path()
            .join(format!(".out.rs.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).ok();
        assert_eq!(write_if_changed(&path, "generated")?, Written::Changed);
        assert_eq!(
            std::fs::read_to_string(&victim).ok().as_deref(),
            Some("precious")
        );
        assert_eq!(
            std::fs::read_to_string(&path).ok().as_deref(),
            Some("generated")
        );
        let output = std::fs::symlink_metadata(&path).map(|m| m.file_type().is_file());
        assert!(output.unwrap_or(false), "the output is a file of its own");
        assert!(
            std::fs::symlink_metadata(&planted).is_ok(),
            "the link is left alone"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .into_iter()
            .flatten()
            .filter_map(|entry| entry.ok().map(|e| e.file_name()))
            .collect();
        assert_eq!(
            names.len(),
            3,
            "no temporary file is left behind: {names:?}"
        );
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn written_files_get_the_usual_permissions_not_owner_only() -> Result<(), Error> {
        use std::os::unix::fs::PermissionsExt;
        let dir = temp_dir("mode");
        let path = dir.join("out.rs");
        write_if_changed(&path, "a")?;
        let mode = std::fs::metadata(&path).map(|m| m.permissions().mode() & 0o777);
        let reference = dir.join("reference");
        std::fs::write(&reference, "").ok();
        let usual = std::fs::metadata(&reference).map(|m| m.permissions().mode() & 0o777);
        assert_eq!(mode.ok(), usual.ok());
        let _ = std::fs::remove_dir_all(&dir);
        Ok(())
    }

    #[test]
    fn an_output_that_is_an_input_by_any_name_is_refused() -> Result<(), Error> {
        let dir = temp_dir("input");
        std::fs::create_dir_all(dir.join("sub")).ok();
        let input = dir.join("c.json");
        std::fs::write(&input, "{}").ok();
        let inputs = [input.clone()];
        for output in [input.clone(), dir.join("sub/../c.json")] {
            let refused = refuse_input(&output, &inputs);
            assert!(
                matches!(&refused, Err(Error::OutputIsInput { path }) if *path == output),
                "{refused:?}"
            );
        }
        #[cfg(unix)]
        {
            std::fs::hard_link(&input, dir.join("hard.json")).ok();
            std::os::unix::fs::symlink(&input, dir.join("soft.json")).ok();
            for name in ["hard.json", "soft.json"] {
                assert!(refuse_input(&dir.join(name), &inputs).is_err(), "{name}");
            }
        }
        refuse_input(&dir.join("out.rs"), &inputs)?;
        std::fs::write(dir.join("other.rs"), "").ok();
        refuse_input(&dir.join("other.rs"), &inputs)?;
        let _ = std::fs::remove_dir_all(&dir);
        Ok(())
    }
}
