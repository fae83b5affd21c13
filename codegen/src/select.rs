//! Subsets: `--include` and `--exclude` patterns over folder paths and request names
//! (`Users/**`, `**/Get *`), applied to a collection already named whole, so that every name
//! kept is the name it has in the whole collection.
//!
//! A pattern is matched against the path of every folder and request, its names joined by `/`
//! (`Users/Admins/Get a user`). It is a glob (globset's syntax: `*` any text, `/` included;
//! `?` one character; `[abc]`, `{a,b}`; `\` escapes) or the exact path, so that names with glob
//! characters in them can be given as they are. A request is kept when its path or a folder
//! above it matches an include (or none is given) and none matches an exclude; a folder is kept
//! when a request in it is. A pattern that matches nothing is an error naming close matches.

use std::collections::{HashMap, HashSet};

use globset::{GlobBuilder, GlobMatcher};

use crate::error::Error;
use crate::lower::variables;
use crate::model::{Api, AuthDef, Group, Node};
use crate::name::{GroupNames, Names, NodeNames};
use crate::warning::Warning;

/// How many close matches an unknown pattern's error names.
const SUGGESTIONS: usize = 3;

/// Include and exclude patterns, compiled.
#[derive(Debug)]
pub struct Selection {
    include: Vec<Pattern>,
    exclude: Vec<Pattern>,
}

#[derive(Debug)]
struct Pattern {
    text: String,
    glob: Option<GlobMatcher>,
}

impl Pattern {
    fn matches(&self, path: &str) -> bool {
        self.text == path || self.glob.as_ref().is_some_and(|glob| glob.is_match(path))
    }
}

impl Selection {
    /// Compiles the patterns. A pattern that is no glob still matches the exact path.
    pub fn new(include: &[String], exclude: &[String]) -> Self {
        let compile = |patterns: &[String]| {
            patterns
                .iter()
                .map(|text| Pattern {
                    text: text.clone(),
                    glob: GlobBuilder::new(text)
                        .backslash_escape(true)
                        .build()
                        .ok()
                        .map(|glob| glob.compile_matcher()),
                })
                .collect()
        };
        Selection {
            include: compile(include),
            exclude: compile(exclude),
        }
    }

    /// Whether there is anything to select: without patterns the whole collection is kept.
    pub fn is_everything(&self) -> bool {
        self.include.is_empty() && self.exclude.is_empty()
    }

    /// Keeps the part of `api` (and of its `names`, in the same shape) the patterns select,
    /// the variables its requests use and the warnings about it. Fails on a pattern that
    /// matches no folder or request, and on a selection without requests.
    pub fn apply(
        &self,
        api: &mut Api,
        names: &mut Names,
        warnings: &mut Vec<Warning>,
    ) -> Result<(), Error> {
        if self.is_everything() {
            return Ok(());
        }
        let mut paths = Vec::new();
        all_paths(&api.root, "", &mut paths);
        for (option, patterns) in [("include", &self.include), ("exclude", &self.exclude)] {
            if let Some(pattern) = patterns
                .iter()
                .find(|pattern| !paths.iter().any(|path| pattern.matches(path)))
            {
                return Err(Error::Option {
                    option,
                    message: unknown(&pattern.text, &paths),
                });
            }
        }
        let mut kept = HashSet::new();
        self.prune(
            &mut api.root,
            &mut names.root,
            "",
            Decided::default(),
            &mut kept,
        );
        if api.root.request_count() == 0 {
            return Err(Error::Option {
                option: "selection",
                message: "the --include and --exclude patterns leave no request".to_owned(),
            });
        }
        let used = used_variables(api);
        let keep: Vec<bool> = api
            .variables
            .iter()
            .map(|variable| used.contains(&variable.name))
            .collect();
        let mut flags = keep.iter();
        api.variables
            .retain(|_| flags.next().copied().unwrap_or(false));
        let mut flags = keep.iter();
        names
            .variables
            .retain(|_| flags.next().copied().unwrap_or(false));
        warnings.retain(|warning| {
            let path = warning.item.join("/");
            warning.item.is_empty() || kept.contains(&path) || self.selects(&path)
        });
        Ok(())
    }

    /// Whether a request at `path` is selected by its own path alone.
    fn selects(&self, path: &str) -> bool {
        let decided = self.decide(path, Decided::default());
        decided.included && !decided.excluded
    }

    fn decide(&self, path: &str, above: Decided) -> Decided {
        Decided {
            included: above.included
                || self.include.is_empty()
                || self.include.iter().any(|pattern| pattern.matches(path)),
            excluded: above.excluded || self.exclude.iter().any(|pattern| pattern.matches(path)),
        }
    }

    /// Leaves out of `group` (and `names`) what is not selected; records in `kept` the path of
    /// every request and folder kept.
    fn prune(
        &self,
        group: &mut Group,
        names: &mut GroupNames,
        prefix: &str,
        above: Decided,
        kept: &mut HashSet<String>,
    ) {
        let children = std::mem::take(&mut group.children);
        let child_names = std::mem::take(&mut names.children);
        for (mut child, mut child_names) in children.into_iter().zip(child_names) {
            let path = join(prefix, node_name(&child));
            let decided = self.decide(&path, above);
            let keep = match (&mut child, &mut child_names) {
                (Node::Group(group), NodeNames::Group(names)) => {
                    self.prune(group, names, &path, decided, kept);
                    group.request_count() > 0
                }
                (Node::Operation(_), NodeNames::Operation(_)) => {
                    decided.included && !decided.excluded
                }
                _ => false,
            };
            if keep {
                kept.insert(path);
                group.children.push(child);
                names.children.push(child_names);
            }
        }
    }
}

/// The variables the requests of `api` and their auths use, and those their values use in
/// turn (the client resolves values recursively), each followed once. The auths no request
/// uses any more are still defined (their names are those of the whole collection), unused.
fn used_variables(api: &Api) -> HashSet<String> {
    let used_auths = api.root.auths_used();
    let auths: Vec<AuthDef> = api
        .auths
        .iter()
        .enumerate()
        .filter(|(index, _)| used_auths.contains(index))
        .map(|(_, def)| def.clone())
        .collect();
    let mut pending: Vec<String> = variables::collect(&api.root, &auths, &[])
        .into_iter()
        .map(|variable| variable.name)
        .collect();
    let values: HashMap<&str, &str> = api
        .variables
        .iter()
        .filter_map(|variable| Some((variable.name.as_str(), variable.default.as_deref()?)))
        .collect();
    let mut used: HashSet<String> = pending.iter().cloned().collect();
    while let Some(name) = pending.pop() {
        let value = values.get(name.as_str()).copied();
        for referenced in value.into_iter().flat_map(variables::references) {
            if used.insert(referenced.to_owned()) {
                pending.push(referenced.to_owned());
            }
        }
    }
    used
}

/// The indexes into `Api::auths` of the auths the requests below `group` use.
/// What the folders above a node decided.
#[derive(Clone, Copy, Debug, Default)]
struct Decided {
    included: bool,
    excluded: bool,
}

fn node_name(node: &Node) -> &str {
    match node {
        Node::Group(group) => &group.name,
        Node::Operation(operation) => &operation.name,
    }
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}/{name}")
    }
}

/// The path of every folder and request below `group`, in the collection's order.
fn all_paths(group: &Group, prefix: &str, out: &mut Vec<String>) {
    for child in &group.children {
        let path = join(prefix, node_name(child));
        if let Node::Group(group) = child {
            out.push(path.clone());
            all_paths(group, &path, out);
        } else {
            out.push(path);
        }
    }
}

/// The error for a pattern that matches nothing, with the paths most like it.
fn unknown(pattern: &str, paths: &[String]) -> String {
    let last = |text: &str| text.rsplit('/').next().unwrap_or(text).to_lowercase();
    let wanted = pattern.to_lowercase();
    let mut scored: Vec<(f64, &String)> = paths
        .iter()
        .map(|path| {
            let whole = strsim::normalized_levenshtein(&wanted, &path.to_lowercase());
            let name = strsim::normalized_levenshtein(&last(&wanted), &last(path));
            (whole.max(name), path)
        })
        .filter(|(score, _)| *score > 0.5)
        .collect();
    // Best first; among equals, in the collection's order (the sort is stable).
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut close: Vec<String> = Vec::new();
    for (_, path) in scored {
        let quoted = format!("{path:?}");
        if !close.contains(&quoted) {
            close.push(quoted);
        }
        if close.len() == SUGGESTIONS {
            break;
        }
    }
    let mut message = format!("{pattern:?} matches no folder or request");
    if close.is_empty() {
        message.push_str(
            " (patterns are folder paths and request names joined by `/`, such as \
             `Users/Get a user`, with globs: `Users/**`, `**/Get *`)",
        );
    } else {
        message.push_str(&format!("; close matches: {}", close.join(", ")));
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths() -> Vec<String> {
        [
            "Users",
            "Users/Get a user",
            "Users/Create a user",
            "Orders",
            "Orders/List orders",
        ]
        .map(str::to_owned)
        .into()
    }

    #[test]
    fn globs_and_exact_paths_match() {
        let cases = [
            ("Users/**", "Users/Get a user", true),
            ("**/Get *", "Users/Get a user", true),
            ("**/Get *", "Get a user", true),
            ("Users/*", "Users/Admins/Get a user", true),
            ("Users", "Users/Get a user", false),
            ("Get {id}", "Get {id}", true),
            ("List [beta]", "List [beta]", true),
            ("List [beta]", "List b", true),
            ("Orders/List orders", "Orders/List orders", true),
        ];
        for (pattern, path, expected) in cases {
            let selection = Selection::new(&[pattern.to_owned()], &[]);
            let matched = selection.include.iter().any(|p| p.matches(path));
            assert_eq!(matched, expected, "{pattern} on {path}");
        }
    }

    #[test]
    fn an_unknown_pattern_names_the_closest_paths() {
        assert_eq!(
            unknown("Users/Get an user", &paths()),
            "\"Users/Get an user\" matches no folder or request; close matches: \
             \"Users/Get a user\", \"Users/Create a user\""
        );
        assert_eq!(
            unknown("orders", &paths()),
            "\"orders\" matches no folder or request; close matches: \"Orders\", \
             \"Orders/List orders\""
        );
        assert!(unknown("Zzzz", &paths()).contains("with globs"));
    }
}
