//! How paths appear in generated files: relative to the current directory, never as a path of
//! the machine that generated them, so that a committed file is the same wherever it was made.

use std::path::{Component, Path, PathBuf};

/// `path` as a generated file's header shows it: relative to `cwd` when it is inside it
/// (however it was typed: `./a.json`, `sub/../a.json` or an absolute path all give `a.json`),
/// as typed (tidied) when it is relative and outside (`../shared/a.json`), and by its file name
/// alone when it is absolute and outside. Separators are `/` on every system.
pub fn shown(path: &Path, cwd: Option<&Path>) -> String {
    let tidy = lexical(path);
    let inside = cwd.and_then(|cwd| {
        let absolute = lexical(&cwd.join(path));
        relative_inside(&absolute, cwd).or_else(|| {
            // The current directory may be reached through a link (`/tmp` and `/private/tmp`).
            let real_cwd = std::fs::canonicalize(cwd).ok()?;
            let real = canonical_prefix(&absolute)?;
            relative_inside(&real, &real_cwd)
        })
    });
    let shown = match inside {
        Some(relative) => relative,
        None if path.is_relative() => tidy,
        None => path.file_name().map(PathBuf::from).unwrap_or_default(),
    };
    let text = shown.to_string_lossy().replace('\\', "/");
    if text.is_empty() {
        ".".to_owned()
    } else {
        text
    }
}

/// [`shown`] relative to the process's current directory.
pub fn shown_here(path: &Path) -> String {
    shown(path, std::env::current_dir().ok().as_deref())
}

fn relative_inside(path: &Path, dir: &Path) -> Option<PathBuf> {
    path.strip_prefix(lexical(dir)).ok().map(Path::to_path_buf)
}

/// `path` canonicalized as far as it exists (an output may not exist yet), the rest appended.
fn canonical_prefix(path: &Path) -> Option<PathBuf> {
    let mut existing = path;
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            return Some(rest.iter().rev().fold(real, |acc, name| acc.join(name)));
        }
        rest.push(existing.file_name()?);
        existing = existing.parent()?;
    }
}

/// `path` without `.` components and with each `..` taking away the name before it (when
/// there is one: a leading `..` stays), without asking the file system.
fn lexical(path: &Path) -> PathBuf {
    let mut out: Vec<Component<'_>> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(component),
            },
            other => out.push(other),
        }
    }
    out.iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_shown_relative_to_the_current_directory_or_by_name() {
        let cwd = Path::new("/home/me/project");
        let cases = [
            ("collections/a.json", "collections/a.json"),
            ("./collections/a.json", "collections/a.json"),
            ("collections/../collections/./a.json", "collections/a.json"),
            ("/home/me/project/collections/a.json", "collections/a.json"),
            ("/home/me/project/./src/../src/client.rs", "src/client.rs"),
            ("../shared/a.json", "../shared/a.json"),
            ("/elsewhere/secret/a.json", "a.json"),
            ("/home/me/project-other/a.json", "a.json"),
        ];
        for (path, expected) in cases {
            assert_eq!(shown(Path::new(path), Some(cwd)), expected, "{path}");
        }
        assert_eq!(shown(Path::new("/x/a.json"), None), "a.json");
        assert_eq!(shown(Path::new("a/b.json"), None), "a/b.json");
    }
}
