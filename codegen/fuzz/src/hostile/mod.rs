//! Postman-shaped collections built from hostile fragments.
//!
//! The fuzzer's bytes choose, through `arbitrary`, among fragments that have broken generators
//! before or could: keywords and prelude names as request names and keys, bidi and control
//! characters, `{{var}}` self-references, odd methods and status codes, numeric and object header
//! values, `..` and many path parameters, deep folders, huge and unbalanced HTML descriptions.
//! A collection is either built from scratch or one of the bundled `collections/*.json` with
//! some of its values replaced by hostile ones, so that fragments also land inside real shapes.
//! The result is serialized to JSON text, as a file would hold it.

use std::fmt;

use arbitrary::{Arbitrary, Result, Unstructured};
use serde_json::{Value, json};

mod edits;
mod parts;
mod settings;
mod structure;
mod url;
mod vocabulary;

use vocabulary::*;

/// One hostile collection, as the JSON text of its file, and whether to generate standalone.
pub struct Hostile {
    pub json: String,
    pub standalone: bool,
}

impl fmt::Debug for Hostile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "standalone: {}", self.standalone)?;
        f.write_str(&self.json)
    }
}

impl<'a> Arbitrary<'a> for Hostile {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let standalone = u.ratio(1, 32)?;
        let mut build = Build { u, budget: 200 };
        let root = match build.u.int_in_range(0..=9)? {
            0 | 1 => build.bundled_with_edits()?,
            2 => build.request_item()?,
            _ => build.collection()?,
        };
        let json = match build.u.int_in_range(0..=7)? {
            0 => serde_json::to_string_pretty(&root).unwrap_or_default(),
            1 => format!("\u{FEFF}{root}"),
            _ => root.to_string(),
        };
        Ok(Hostile { json, standalone })
    }
}

/// The builder: the fuzzer's bytes, and how many more JSON nodes this collection may have (so
/// that generation stays fast and its recursion shallow).
pub(crate) struct Build<'a, 'b> {
    u: &'b mut Unstructured<'a>,
    budget: usize,
}

impl Build<'_, '_> {
    /// Takes one node from the budget; false when it is spent.
    fn spend(&mut self) -> bool {
        if self.budget == 0 {
            return false;
        }
        self.budget -= 1;
        true
    }

    fn pick<T: Copy>(&mut self, choices: &[T]) -> Result<T> {
        self.u.choose(choices).copied()
    }

    fn count(&mut self, max: usize) -> Result<usize> {
        let count = self.u.int_in_range(0..=max)?;
        Ok(count.min(self.budget))
    }

    /// A name or key: fragments joined, sometimes with a free string from the fuzzer.
    fn text(&mut self) -> Result<String> {
        let parts = self.u.int_in_range(1..=4)?;
        let mut text = String::new();
        for _ in 0..parts {
            match self.u.int_in_range(0..=9)? {
                0 => text.push_str(<&str>::arbitrary(self.u)?),
                1 => {
                    let word = self.pick(WORDS)?;
                    let times = self.u.int_in_range(1..=80)?;
                    text.push_str(&word.repeat(times));
                }
                _ => text.push_str(self.pick(WORDS)?),
            }
        }
        Ok(text)
    }

    /// A scalar where Postman wants text: mostly strings, sometimes numbers, booleans or null
    /// (which the format accepts), rarely an object or array (which it refuses).
    fn scalar(&mut self) -> Result<Value> {
        Ok(match self.u.int_in_range(0..=19)? {
            0 => self.number()?,
            1 => Value::Bool(bool::arbitrary(self.u)?),
            2 => Value::Null,
            3 => json!({ "value": self.text()? }),
            4 => json!([self.text()?]),
            _ => Value::String(self.text()?),
        })
    }

    fn number(&mut self) -> Result<Value> {
        let text = self.pick(NUMBERS)?;
        Ok(serde_json::from_str(text).unwrap_or(Value::Null))
    }

    fn description(&mut self) -> Result<Value> {
        let content = self.html()?;
        Ok(match self.u.int_in_range(0..=3)? {
            0 => {
                json!({ "content": content, "type": self.pick(&["text/html", "text/markdown", "text/plain", "", "html"])? })
            }
            1 => json!({ "content": content }),
            _ => Value::String(content),
        })
    }

    /// A description: HTML and Markdown fragments in any order and balance, some repeated many
    /// times (a huge description), with words between them.
    fn html(&mut self) -> Result<String> {
        let parts = self.u.int_in_range(0..=24)?;
        let mut html = String::new();
        for _ in 0..parts {
            match self.u.int_in_range(0..=9)? {
                0 => {
                    let piece = self.pick(HTML)?;
                    let times = self.u.int_in_range(1..=3000)?;
                    html.push_str(&piece.repeat(times));
                }
                1 | 2 => html.push_str(&self.text()?),
                _ => html.push_str(self.pick(HTML)?),
            }
        }
        Ok(html)
    }
}
