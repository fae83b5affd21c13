//! JSON paths and finding the line and column a path points at in the source text.
//!
//! Only used to describe places to people, so it walks the text lazily and gives up (returns
//! `None`) on anything it does not understand instead of failing. Many paths are found in one
//! walk over the text ([`line_columns`]): locating every warning of a big collection costs
//! about as much as reading it once, not once per warning.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt::Write as _;

/// One step of a JSON path.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A JSON path from the document root, written `$.item[0].request` when shown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
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

    /// The steps from the root.
    pub fn steps(&self) -> &[Step] {
        &self.0
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
        line_columns(text, &[self]).pop().flatten()
    }
}

fn is_plain_key(key: &str) -> bool {
    !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Line and column (1-based) of the value each path names in `text`, in the order of `paths`,
/// found in one walk over the text (plus one more for the lines): the time grows with the
/// text's size and the number of paths, not with their product.
pub fn line_columns(text: &str, paths: &[&JsonPath]) -> Vec<Option<(usize, usize)>> {
    // Sorted, the paths below a value are a range, those below each member a subrange.
    let mut sorted: Vec<(&[Step], usize)> = paths
        .iter()
        .enumerate()
        .map(|(index, path)| (path.0.as_slice(), index))
        .collect();
    sorted.sort_unstable();
    let bytes = text.as_bytes();
    let mut offsets = vec![None; paths.len()];
    find(bytes, skip_ws(bytes, 0), 0, &sorted, &mut offsets);
    positions(bytes, &offsets)
}

/// Records the offset of the value at `at` for the paths in `wanted` that end at it (all of
/// them share their first `depth` steps, which lead here) and looks for the others in its
/// members. Recurses once per step (paths are as deep as the document serde_json read);
/// `None` where the text is not understood.
fn find(
    bytes: &[u8],
    at: usize,
    depth: usize,
    wanted: &[(&[Step], usize)],
    offsets: &mut [Option<usize>],
) -> Option<()> {
    // Shorter paths sort first: those ending here, then those going on.
    let ending = wanted.partition_point(|(steps, _)| steps.len() <= depth);
    for &(_, index) in wanted.get(..ending)? {
        if let Some(offset @ None) = offsets.get_mut(index) {
            // With a key twice in an object, the first is found.
            *offset = Some(at);
        }
    }
    let below = wanted.get(ending..)?;
    if below.is_empty() {
        return Some(());
    }
    // The paths whose next step is `step` (keys sort before indices, as `Step` derives).
    let next = |step: StepRef<'_>| {
        let order = |steps: &[Step]| match (steps.get(depth), step) {
            (Some(Step::Key(key)), StepRef::Key(wanted)) => key.as_str().cmp(wanted),
            (Some(Step::Index(index)), StepRef::Index(wanted)) => index.cmp(&wanted),
            (Some(Step::Key(_)), StepRef::Index(_)) => Ordering::Less,
            (Some(Step::Index(_)), StepRef::Key(_)) | (None, _) => Ordering::Greater,
        };
        let from = below.partition_point(|(steps, _)| order(steps) == Ordering::Less);
        let to = below.partition_point(|(steps, _)| order(steps) != Ordering::Greater);
        below.get(from..to).unwrap_or_default()
    };
    match bytes.get(at)? {
        b'{' => {
            let mut pos = skip_ws(bytes, at + 1);
            while *bytes.get(pos)? == b'"' {
                let key_end = skip_string(bytes, pos)?;
                let key = key_text(bytes.get(pos..key_end)?)?;
                pos = skip_ws(bytes, key_end);
                if *bytes.get(pos)? != b':' {
                    return None;
                }
                let value = skip_ws(bytes, pos + 1);
                let wanted = next(StepRef::Key(&key));
                if !wanted.is_empty() {
                    find(bytes, value, depth + 1, wanted, offsets);
                }
                pos = next_member(bytes, skip_value(bytes, value)?)?;
            }
        }
        b'[' => {
            let mut pos = skip_ws(bytes, at + 1);
            let mut index = 0;
            while *bytes.get(pos)? != b']' {
                let wanted = next(StepRef::Index(index));
                if !wanted.is_empty() {
                    find(bytes, pos, depth + 1, wanted, offsets);
                }
                pos = next_member(bytes, skip_value(bytes, pos)?)?;
                index += 1;
            }
        }
        _ => {}
    }
    Some(())
}

/// A [`Step`] of the text being walked, borrowed from it.
#[derive(Clone, Copy)]
enum StepRef<'a> {
    Key(&'a str),
    Index(usize),
}

/// The text of a JSON string (with its quotes), decoded only when it has escapes.
fn key_text(quoted: &[u8]) -> Option<Cow<'_, str>> {
    let inner = quoted.get(1..quoted.len().checked_sub(1)?)?;
    if inner.contains(&b'\\') {
        serde_json::from_slice(quoted).ok().map(Cow::Owned)
    } else {
        std::str::from_utf8(inner).ok().map(Cow::Borrowed)
    }
}

/// Line and column of each offset, in one pass over the text in the offsets' order. Columns
/// count characters, as editors do.
fn positions(bytes: &[u8], offsets: &[Option<usize>]) -> Vec<Option<(usize, usize)>> {
    let mut order: Vec<(usize, usize)> = offsets
        .iter()
        .enumerate()
        .filter_map(|(index, offset)| Some(((*offset)?, index)))
        .collect();
    order.sort_unstable();
    let mut found = vec![None; offsets.len()];
    let (mut line, mut column, mut done) = (1, 1, 0);
    for (offset, index) in order {
        for &byte in bytes.get(done..offset).unwrap_or_default() {
            if byte == b'\n' {
                line += 1;
                column = 1;
            } else if byte & 0xC0 != 0x80 {
                // Not a continuation byte: a character starts here.
                column += 1;
            }
        }
        done = done.max(offset);
        if let Some(slot) = found.get_mut(index) {
            *slot = Some((line, column));
        }
    }
    found
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
            let start = pos;
            let mut pos = pos;
            while bytes
                .get(pos)
                .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
            {
                pos += 1;
            }
            // No value here (a closer where a value should be): the text is not JSON, and a
            // caller that kept looking would loop for ever.
            (pos > start).then_some(pos)
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
    fn a_closer_where_a_value_should_be_ends_the_search() {
        // `[1 }` and `{"a": }`: without progress the walk over the array would never end.
        let text = r#"{"item": [{"a": 1}, 2 }, "b": }"#;
        let path = JsonPath::root().key("item").index(5);
        assert_eq!(path.line_column(text), None);
        let path = JsonPath::root().key("b").key("c");
        assert_eq!(path.line_column(text), None);
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
    fn many_paths_are_found_in_one_walk_as_each_alone() {
        let text = "{\"a\": [1, {\"b\": \"x\\\"y\"}, {\"c\\u0021\": true}],\n \"d\": {\"é\": [null, \"é\", 2]}, \"d\": 0}";
        let paths = [
            JsonPath::root().key("d").key("é").index(2),
            JsonPath::root(),
            JsonPath::root().key("a").index(2).key("c!"),
            JsonPath::root().key("missing"),
            JsonPath::root().key("a").index(1).key("b"),
            JsonPath::root().key("d"),
            JsonPath::root().key("d").key("é").index(2),
        ];
        let all: Vec<&JsonPath> = paths.iter().collect();
        let found = line_columns(text, &all);
        let alone: Vec<_> = paths.iter().map(|path| path.line_column(text)).collect();
        assert_eq!(found, alone);
        assert_eq!(
            found,
            [
                Some((2, 25)),
                Some((1, 1)),
                Some((1, 38)),
                None,
                Some((1, 17)),
                Some((2, 7)),
                Some((2, 25))
            ]
        );
    }

    #[test]
    fn every_path_into_a_big_one_line_file_is_located() {
        // 20,000 items on one line (a minified export), one path into each: walking the text
        // per path, or counting columns from the start of the line per path, took minutes in a
        // debug build (`cargo bench -p codegen --bench linear` measures the cost).
        let count = 20_000;
        let item = r#"{"name": "r", "request": "https://x.io/a", "event": [{"listen": "test"}]}"#;
        let text = format!("{{\"item\": [{}]}}", vec![item; count].join(", "));
        let paths: Vec<JsonPath> = (0..count)
            .map(|index| JsonPath::root().key("item").index(index).key("event"))
            .collect();
        let all: Vec<&JsonPath> = paths.iter().collect();
        let found = line_columns(&text, &all);
        let last = 11 + (count - 1) * (item.len() + 2) + item.find('[').unwrap_or_default();
        assert_eq!(found.last(), Some(&Some((1, last))));
        assert!(found.iter().all(Option::is_some));
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
