//! Warnings as data: what the generator could not carry over, by kind, with the request or
//! folder it is about and its place in the file; and the one line per kind a person reads.

use std::collections::BTreeMap;
use std::fmt;

use crate::error::Location;

/// What a warning is about. Each kind can be allowed (silenced) by name:
/// `Builder::allow`, `codegen generate --allow NAME`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum WarningKind {
    /// Pre-request and test scripts, which the client does not run (`scripts`).
    Scripts,
    /// Auth that needs a handshake or a signature the client does not perform (`auth`).
    Auth,
    /// A body the client sends otherwise than typed, or not at all (`body`).
    Body,
    /// A request left out because its method is no HTTP method (`method`).
    Method,
    /// A saved example with a status code outside 100 to 599 (`example`).
    Example,
}

impl WarningKind {
    /// Every kind, in the order summaries are shown.
    pub const ALL: [WarningKind; 5] = [
        WarningKind::Scripts,
        WarningKind::Auth,
        WarningKind::Body,
        WarningKind::Method,
        WarningKind::Example,
    ];

    /// The name a kind is allowed by (`scripts`, `auth`, `body`, `method`, `example`).
    pub fn name(self) -> &'static str {
        match self {
            WarningKind::Scripts => "scripts",
            WarningKind::Auth => "auth",
            WarningKind::Body => "body",
            WarningKind::Method => "method",
            WarningKind::Example => "example",
        }
    }

    /// What every warning of the kind says, for a summary whose warnings say different things.
    fn general(self) -> &'static str {
        match self {
            WarningKind::Scripts => {
                "pre-request and test scripts are not run by the generated client"
            }
            WarningKind::Auth => {
                "auth that needs a handshake or a signature is not performed; add its \
                 credentials with `Client::default_header`"
            }
            WarningKind::Body => "bodies are sent as text or left out",
            WarningKind::Method => {
                "requests whose method is not an HTTP method are left out of the client"
            }
            WarningKind::Example => "example status codes outside 100 to 599 are left out",
        }
    }
}

impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for WarningKind {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        WarningKind::ALL
            .into_iter()
            .find(|kind| kind.name() == name)
            .ok_or_else(|| {
                let names: Vec<&str> = WarningKind::ALL.iter().map(|kind| kind.name()).collect();
                format!(
                    "{name:?} is no kind of warning (the kinds are {})",
                    names.join(", ")
                )
            })
    }
}

/// Something the generator could not carry over faithfully, reported without stopping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub kind: WarningKind,
    /// The names of the folders and of the request it is about, from the top (empty for the
    /// collection itself).
    pub item: Vec<String>,
    pub location: Location,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.location)
    }
}

impl Warning {
    /// The folder path and name of the item it is about (`Users/Get a user`), or
    /// `the collection`.
    pub fn item_path(&self) -> String {
        if self.item.is_empty() {
            "the collection".to_owned()
        } else {
            self.item.join("/")
        }
    }
}

/// How many items a summary names before `and N more`.
pub const NAMED: usize = 3;

/// The warnings of one kind, as one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub kind: WarningKind,
    /// What the warnings say: their message when they all say the same, else the kind's.
    pub message: String,
    /// How many warnings there are of the kind.
    pub count: usize,
    /// The first [`NAMED`] items they are about, as folder path and name.
    pub items: Vec<String>,
    /// Where the first one is.
    pub first: Location,
}

impl fmt::Display for Summary {
    /// `warning[KIND]`-less text: `MESSAGE (ITEMS; at LOCATION)`, one line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = self.message.replace(['\r', '\n'], " ");
        write!(f, "{message} (")?;
        if self.count == 1 {
            write!(f, "{}; at {})", self.items.join(", "), self.first)
        } else {
            let more = self.count - self.items.len();
            write!(f, "{} times: {}", self.count, self.items.join(", "))?;
            if more > 0 {
                write!(f, " and {more} more")?;
            }
            write!(f, "; the first at {})", self.first)
        }
    }
}

/// One summary per kind that has warnings, in the order of [`WarningKind::ALL`]. When the
/// warnings come from more than one file (several collections in one output), each item is
/// named with its file: `users.json: Admin/Get a user`.
pub fn summarize(warnings: &[Warning]) -> Vec<Summary> {
    let several_files = warnings.first().is_some_and(|first| {
        warnings
            .iter()
            .any(|w| w.location.file != first.location.file)
    });
    let mut by_kind: BTreeMap<WarningKind, Vec<&Warning>> = BTreeMap::new();
    for warning in warnings {
        by_kind.entry(warning.kind).or_default().push(warning);
    }
    by_kind
        .into_iter()
        .filter_map(|(kind, warnings)| {
            let first = warnings.first()?;
            let same = warnings.iter().all(|w| w.message == first.message);
            let mut items: Vec<String> = Vec::new();
            for warning in &warnings {
                let item = if several_files {
                    format!(
                        "{}: {}",
                        warning.location.file.display(),
                        warning.item_path()
                    )
                } else {
                    warning.item_path()
                };
                if !items.contains(&item) {
                    items.push(item);
                }
                if items.len() == NAMED {
                    break;
                }
            }
            Some(Summary {
                kind,
                message: if same {
                    first.message.clone()
                } else {
                    kind.general().to_owned()
                },
                count: warnings.len(),
                items,
                first: first.location.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warning(kind: WarningKind, item: &[&str], message: &str, line: usize) -> Warning {
        Warning {
            kind,
            item: item.iter().map(|name| (*name).to_owned()).collect(),
            location: Location {
                file: "c.json".into(),
                json_path: "$.item[0]".into(),
                line_column: Some((line, 3)),
            },
            message: message.to_owned(),
        }
    }

    #[test]
    fn each_kind_is_one_line_with_a_count_and_the_first_items() {
        let scripts = "pre-request and test scripts are not run by the generated client";
        let mut warnings: Vec<Warning> = (0..31)
            .map(|index| {
                let name = format!("Request {index}");
                warning(WarningKind::Scripts, &["Users", &name], scripts, index + 2)
            })
            .collect();
        warnings.insert(
            1,
            warning(WarningKind::Auth, &["Admin"], "auth type `digest` ...", 40),
        );
        warnings.push(warning(WarningKind::Auth, &[], "auth type `hawk` ...", 50));
        let lines: Vec<String> = summarize(&warnings)
            .iter()
            .map(|summary| format!("{}: {summary}", summary.kind))
            .collect();
        assert_eq!(
            lines,
            [
                "scripts: pre-request and test scripts are not run by the generated client \
                 (31 times: Users/Request 0, Users/Request 1, Users/Request 2 and 28 more; \
                 the first at c.json:2:3 at $.item[0])",
                "auth: auth that needs a handshake or a signature is not performed; add its \
                 credentials with `Client::default_header` (2 times: Admin, the collection; \
                 the first at c.json:40:3 at $.item[0])",
            ]
        );
        let one = summarize(&warnings[1..2]);
        assert_eq!(
            one.iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["auth type `digest` ... (Admin; at c.json:40:3 at $.item[0])"]
        );
    }

    #[test]
    fn items_name_their_file_when_the_warnings_come_from_several() {
        let scripts = "pre-request and test scripts are not run by the generated client";
        let mut warnings = vec![
            warning(WarningKind::Scripts, &["Users", "Get"], scripts, 2),
            warning(WarningKind::Scripts, &[], scripts, 3),
        ];
        warnings[1].location.file = "d.json".into();
        let summary = summarize(&warnings);
        assert_eq!(summary.len(), 1);
        assert_eq!(
            summary[0].items,
            ["c.json: Users/Get", "d.json: the collection"]
        );
        // From one file, the file is said once, in the location.
        assert_eq!(summarize(&warnings[..1])[0].items, ["Users/Get"]);
    }

    #[test]
    fn kinds_are_named_and_parsed_back() {
        for kind in WarningKind::ALL {
            assert_eq!(kind.name().parse::<WarningKind>(), Ok(kind));
        }
        let unknown = "script".parse::<WarningKind>();
        assert_eq!(
            unknown,
            Err(
                "\"script\" is no kind of warning (the kinds are scripts, auth, body, method, \
                 example)"
                    .to_owned()
            )
        );
    }
}
