//! JSON paths and finding the line and column a path points at in the source text.
//!
//! Only used to describe places to people, so it walks the text lazily and gives up (returns
//! `None`) on anything it does not understand instead of failing.

use std::fmt::Write as _;

/// One step of a JSON path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A JSON path from the document root, written `$.item[0].request` when shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JsonPath(Vec<Step>);

impl JsonPath {
    pub fn root() -> Self {
        JsonPath(Vec::new())
    }

    pub fn key(&self, key: &str) -> Self {
        let mut steps = self.0.clone();
        steps.push(Step::Key(key.to_owned()));
        JsonPath(steps)
    }

    pub fn index(&self, index: usize) -> Self {
        let mut steps = self.0.clone();
        steps.push(Step::Index(index));
        JsonPath(steps)
    }

    pub fn from_steps(steps: Vec<Step>) -> Self {
        JsonPath(steps)
    }

    /// The path as text: `$`, then `.key` for plain keys, `["key"]` for others, `[n]` for indices.
    pub fn render(&self) -> String {
        let mut out = String::from("$");
        for step in &self.0 {
            match step {
                Step::Key(key) if is_plain_key(key) => {
                    let _ = write!(out, ".{key}");
                }
                Step::Key(key) => {
                    let _ = write!(out, "[{}]", serde_json::Value::from(key.as_str()));
                }
                Step::Index(index) => {
                    let _ = write!(out, "[{index}]");
                }
            }
        }
        out
    }

    /// Line and column (1-based) of the value this path names in `text`, if it can be found.
    pub fn line_column(&self, text: &str) -> Option<(usize, usize)> {
        let offset = find(text.as_bytes(), skip_ws(text.as_bytes(), 0), &self.0)?;
        let before = text.get(..offset)?;
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Some((line, column))
    }
}

fn is_plain_key(key: &str) -> bool {
    !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn find(bytes: &[u8], at: usize, steps: &[Step]) -> Option<usize> {
    let Some((step, rest)) = steps.split_first() else {
        return Some(at);
    };
    match (bytes.get(at)?, step) {
        (b'{', Step::Key(wanted)) => {
            let mut pos = skip_ws(bytes, at + 1);
            while *bytes.get(pos)? == b'"' {
                let key_end = skip_string(bytes, pos)?;
                let key: String = serde_json::from_slice(bytes.get(pos..key_end)?).ok()?;
                pos = skip_ws(bytes, key_end);
                if *bytes.get(pos)? != b':' {
                    return None;
                }
                let value = skip_ws(bytes, pos + 1);
                if key == *wanted {
                    return find(bytes, value, rest);
                }
                pos = next_member(bytes, skip_value(bytes, value)?)?;
            }
            None
        }
        (b'[', Step::Index(wanted)) => {
            let mut pos = skip_ws(bytes, at + 1);
            let mut index = 0;
            while *bytes.get(pos)? != b']' {
                if index == *wanted {
                    return find(bytes, pos, rest);
                }
                pos = next_member(bytes, skip_value(bytes, pos)?)?;
                index += 1;
            }
            None
        }
        _ => None,
    }
}

/// After a value inside an object or array: past the comma to the next member, or at the closer.
fn next_member(bytes: &[u8], pos: usize) -> Option<usize> {
    let pos = skip_ws(bytes, pos);
    match bytes.get(pos)? {
        b',' => Some(skip_ws(bytes, pos + 1)),
        b'}' | b']' => Some(pos),
        _ => None,
    }
}

fn skip_ws(bytes: &[u8], mut pos: usize) -> usize {
    while bytes.get(pos).is_some_and(|b| b.is_ascii_whitespace()) {
        pos += 1;
    }
    pos
}

/// The position just past the string starting at `pos` (which holds its opening quote).
fn skip_string(bytes: &[u8], pos: usize) -> Option<usize> {
    let mut pos = pos + 1;
    loop {
        match bytes.get(pos)? {
            b'\\' => pos += 2,
            b'"' => return Some(pos + 1),
            _ => pos += 1,
        }
    }
}

/// The position just past the value starting at `pos`.
fn skip_value(bytes: &[u8], pos: usize) -> Option<usize> {
    match bytes.get(pos)? {
        b'"' => skip_string(bytes, pos),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut pos = pos;
            loop {
                match bytes.get(pos)? {
                    b'"' => {
                        pos = skip_string(bytes, pos)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(pos + 1);
                        }
                    }
                    _ => {}
                }
                pos += 1;
            }
        }
        _ => {
            let mut pos = pos;
            while bytes
                .get(pos)
                .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
            {
                pos += 1;
            }
            Some(pos)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_render_plain_keys_with_dots_and_others_quoted() {
        let path = JsonPath::root().key("item").index(2).key("a b");
        assert_eq!(path.render(), r#"$.item[2]["a b"]"#);
    }

    #[test]
    fn line_and_column_point_at_the_value() {
        let text = "{\n  \"a\": [1, {\"b\": \"x\\\"y\"}, {\"c\": true}],\n  \"d\": null\n}";
        let at = |path: JsonPath| path.line_column(text);
        assert_eq!(at(JsonPath::root()), Some((1, 1)));
        assert_eq!(
            at(JsonPath::root().key("a").index(2).key("c")),
            Some((2, 33))
        );
        assert_eq!(at(JsonPath::root().key("d")), Some((3, 8)));
        assert_eq!(at(JsonPath::root().key("missing")), None);
        assert_eq!(at(JsonPath::root().key("a").index(9)), None);
    }

    #[test]
    fn malformed_text_gives_no_location_instead_of_failing() {
        assert_eq!(JsonPath::root().key("a").line_column("{\"a\""), None);
        assert_eq!(
            JsonPath::root().key("a").line_column("{\"a\": [}"),
            Some((1, 7))
        );
    }
}
