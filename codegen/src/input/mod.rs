//! The `read` stage: bytes of one input file to a Postman document, with the form it came in.
//!
//! Accepts a whole collection, an exported folder, or a single request item, in v2.0 or v2.1,
//! in UTF-8 (with or without a byte order mark) or UTF-16. Errors name the file, the JSON path
//! and line:column.

mod encoding;
pub mod locate;
pub mod postman;

use std::path::{Path, PathBuf};

use crate::error::{Error, Location};
pub use locate::{JsonPath, Step};

/// The form an input file has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// A collection (or an exported folder): a node with `item`.
    Collection,
    /// A single request item: a node with `request`.
    Item,
}

/// One input file, read and parsed.
#[derive(Debug)]
pub struct Document {
    pub file: PathBuf,
    /// The text of the file (decoded, without byte order mark), kept to locate later findings.
    pub text: String,
    pub form: Form,
    pub root: postman::Node,
}

impl Document {
    /// The location of `path` in this document, with line and column when they can be found.
    /// Walks the text: to locate many paths, use [`Document::locate_all`].
    pub fn locate(&self, path: &JsonPath) -> Location {
        self.locate_all(&[path]).pop().unwrap_or_else(|| Location {
            file: self.file.clone(),
            json_path: path.render(),
            line_column: None,
        })
    }

    /// The locations of `paths`, in their order, found in one walk over the text.
    pub fn locate_all(&self, paths: &[&JsonPath]) -> Vec<Location> {
        let line_columns = locate::line_columns(&self.text, paths);
        paths
            .iter()
            .zip(line_columns)
            .map(|(path, line_column)| Location {
                file: self.file.clone(),
                json_path: path.render(),
                line_column,
            })
            .collect()
    }
}

/// Reads and parses one input file.
pub fn read_file(file: &Path) -> Result<Document, Error> {
    let bytes = std::fs::read(file).map_err(|source| Error::Io {
        path: file.to_owned(),
        source,
    })?;
    parse(file, &bytes)
}

/// Parses the bytes of one input file; `file` is only used to describe places.
pub fn parse(file: &Path, bytes: &[u8]) -> Result<Document, Error> {
    let text = encoding::decode(bytes).map_err(|undecodable| Error::Input {
        location: Location {
            file: file.to_owned(),
            json_path: "$".to_owned(),
            line_column: Some(undecodable.line_column),
        },
        message: undecodable.message,
    })?;
    let mut deserializer = serde_json::Deserializer::from_str(&text);
    let root: postman::Node =
        serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
            let path = serde_path(err.path());
            let inner = err.into_inner();
            // serde_json places an error where it stopped reading: after a value of the wrong
            // type. The value itself starts where its path leads (syntax errors have no such
            // value: their path is only as far as reading got).
            let line_column = inner
                .is_data()
                .then(|| path.line_column(&text))
                .flatten()
                .unwrap_or((inner.line(), inner.column()));
            Error::Input {
                location: Location {
                    file: file.to_owned(),
                    json_path: path.render(),
                    line_column: Some(line_column),
                },
                message: describe_serde_error(&inner),
            }
        })?;
    let form = detect_form(&root).map_err(|message| Error::Input {
        location: Location {
            file: file.to_owned(),
            json_path: "$".to_owned(),
            line_column: Some((1, 1)),
        },
        message,
    })?;
    Ok(Document {
        file: file.to_owned(),
        text,
        form,
        root,
    })
}

fn detect_form(root: &postman::Node) -> Result<Form, String> {
    if root.item.is_some() {
        Ok(Form::Collection)
    } else if root.request.is_some() {
        Ok(Form::Item)
    } else if root.requests.is_some() {
        Err(
            "this is a Postman v1 collection (it has `requests`); export it again as v2.1, \
             or convert it with postman-collection-transformer"
                .to_owned(),
        )
    } else {
        Err(
            "not a Postman collection: expected `item` (a collection or folder) \
             or `request` (a single request item) at the top level"
                .to_owned(),
        )
    }
}

/// How deep serde_json reads arrays and objects (its default limit, which keeps reading within
/// a small stack); [`nests_too_deep`] tells an error about it from others.
pub const MAX_JSON_DEPTH: usize = 128;

/// Whether serde_json stopped because the text nests more than [`MAX_JSON_DEPTH`] levels deep.
pub fn nests_too_deep(err: &serde_json::Error) -> bool {
    err.is_syntax() && err.to_string().starts_with("recursion limit exceeded")
}

fn describe_serde_error(err: &serde_json::Error) -> String {
    if nests_too_deep(err) {
        return format!(
            "arrays and objects are nested more than {MAX_JSON_DEPTH} levels deep here; \
             codegen reads at most {MAX_JSON_DEPTH}"
        );
    }
    let text = err.to_string();
    // serde_json appends " at line L column C"; the location is reported separately.
    match text.rfind(" at line ") {
        Some(cut) => text.get(..cut).unwrap_or(&text).to_owned(),
        None => text,
    }
}

fn serde_path(path: &serde_path_to_error::Path) -> JsonPath {
    use serde_path_to_error::Segment;
    let steps = path
        .iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(locate::Step::Index(*index)),
            Segment::Map { key } => Some(locate::Step::Key(key.clone())),
            Segment::Enum { variant } => Some(locate::Step::Key(variant.clone())),
            Segment::Unknown => None,
        })
        .collect();
    JsonPath::from_steps(steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Document, Error> {
        parse(Path::new("c.json"), text.as_bytes())
    }

    fn input_error(text: &str) -> (Location, String) {
        match parse_str(text) {
            Err(Error::Input { location, message }) => (location, message),
            other => panic!("expected an input error, got {other:?}"),
        }
    }

    #[test]
    fn collections_and_single_items_are_told_apart() {
        let collection = parse_str(r#"{"info": {"name": "x"}, "item": []}"#);
        assert_eq!(collection.map(|d| d.form).ok(), Some(Form::Collection));
        let item = parse_str(r#"{"name": "x", "request": "https://example.com"}"#);
        assert_eq!(item.map(|d| d.form).ok(), Some(Form::Item));
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let doc = parse(Path::new("c.json"), b"\xEF\xBB\xBF{\"item\": []}");
        assert_eq!(doc.map(|d| d.form).ok(), Some(Form::Collection));
    }

    #[test]
    fn utf16_files_are_read_and_utf32_files_refused_by_name() {
        let text = "{\"item\": [{\"name\": \"caf\u{e9}\", \"request\": \"https://x.io\"}]}";
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let doc = parse(Path::new("c.json"), &utf16).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!((doc.form, doc.text.as_str()), (Form::Collection, text));
        let utf32: Vec<u8> = ["\u{feff}", text]
            .concat()
            .chars()
            .flat_map(|c| u32::from(c).to_be_bytes())
            .collect();
        let (location, message) = match parse(Path::new("c.json"), &utf32) {
            Err(Error::Input { location, message }) => (location, message),
            other => panic!("expected an input error, got {other:?}"),
        };
        assert_eq!(message, "the file is UTF-32 (big-endian); save it as UTF-8");
        assert_eq!(location.to_string(), "c.json:1:1 at $");
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let (location, message) = input_error("{\n  \"item\": [\n    {\"name\": }\n  ]\n}");
        assert_eq!(location.line_column, Some((3, 14)));
        assert!(message.contains("expected value"), "{message}");
    }

    #[test]
    fn wrong_shapes_name_the_json_path() {
        let (location, message) =
            input_error(r#"{"item": [{"name": "a", "request": {"url": {"host": {}}}}]}"#);
        assert_eq!(location.json_path, "$.item[0].request.url.host");
        assert_eq!(location.line_column, Some((1, 53)));
        assert_eq!(
            message,
            "expected a host string or a list of its labels, found an object"
        );
    }

    #[test]
    fn a_value_of_the_wrong_type_is_reported_where_it_is_in_words() {
        let header = |header: &str| {
            format!(
                "{{\"item\": [\n  {{\"name\": \"a\", \"request\": {{\"url\": \"https://x.io\",\n    \"header\": {header}}}}}\n]}}"
            )
        };
        let cases = [
            (
                header(r#"[{"key": "X", "value": {"a": 1}}]"#),
                "$.item[0].request.header[0].value",
                (3, 38),
                "expected a string, found an object",
            ),
            (
                header(r#"{"X": "1"}"#),
                "$.item[0].request.header",
                (3, 15),
                "expected a string or a list of header objects, found an object",
            ),
            (
                header("7"),
                "$.item[0].request.header",
                (3, 15),
                "expected a string or a list of header objects, found a number",
            ),
            (
                r#"{"item": [{"request": ["GET", "/"]}]}"#.to_owned(),
                "$.item[0].request",
                (1, 23),
                "expected a URL string or a request object, found a list",
            ),
            (
                r#"{"item": [], "description": 5}"#.to_owned(),
                "$.description",
                (1, 29),
                "expected a string or an object with `content`, found a number",
            ),
            (
                r#"{"item": [{"request": {"url": {"path": ["a", {"type": "x"}]}}}]}"#.to_owned(),
                "$.item[0].request.url.path[1]",
                (1, 46),
                "missing field `value`",
            ),
        ];
        for (text, json_path, line_column, expected) in cases {
            let (location, message) = input_error(&text);
            assert_eq!(location.json_path, json_path, "{text}");
            assert_eq!(location.line_column, Some(line_column), "{text}");
            assert_eq!(message, expected, "{text}");
        }
    }

    #[test]
    fn every_form_of_a_value_is_read() {
        let text = r#"{"item": [
            {"name": "a", "request": "https://x.io/a", "description": {"content": "d"}},
            {"name": "b", "description": "d", "request": {"url": {"host": ["x", 1, true],
                "path": ["a", 2, null, {"value": ":id"}]}, "header": "A: 1\nB: 2"}},
            {"name": "c", "request": {"url": {"host": "x.io", "path": "/a/b"},
                "header": [{"key": "A", "value": 1.5e21}], "description": null}}
        ]}"#;
        let doc = parse_str(text).unwrap_or_else(|err| panic!("{}", err.report()));
        let items = doc.root.item.unwrap_or_default();
        let request = |index: usize| match items.get(index).and_then(|i| i.request.as_ref()) {
            Some(postman::RequestDef::Full(request)) => Some(request),
            _ => None,
        };
        assert!(matches!(
            items.first().and_then(|i| i.request.as_ref()),
            Some(postman::RequestDef::Url(url)) if url == "https://x.io/a"
        ));
        let Some(postman::UrlDef::Parts(url)) = request(1).and_then(|r| r.url.as_ref()) else {
            panic!("a URL object");
        };
        let Some(postman::Host::Labels(labels)) = &url.host else {
            panic!("host labels");
        };
        let labels: Vec<_> = labels.iter().map(|l| l.0.as_deref()).collect();
        assert_eq!(labels, [Some("x"), Some("1"), Some("true")]);
        let Some(postman::PathDef::Segments(segments)) = &url.path else {
            panic!("path segments");
        };
        assert!(
            matches!(&segments[3], postman::PathSegment::Object { value } if value.0.as_deref() == Some(":id"))
        );
        assert!(matches!(
            &segments[2],
            postman::PathSegment::Text(postman::Text(None))
        ));
        assert!(matches!(
            request(1).and_then(|r| r.header.as_ref()),
            Some(postman::HeaderList::Lines(_))
        ));
        let Some(postman::HeaderList::Entries(headers)) =
            request(2).and_then(|r| r.header.as_ref())
        else {
            panic!("header entries");
        };
        assert_eq!(headers[0].value.0.as_deref(), Some("1.5e+21"));
    }

    #[test]
    fn json_nested_too_deep_is_refused_with_its_place() {
        // Folders 3,000 deep, and a variable's value 5,000 arrays deep.
        let folders = format!(
            "{{\"item\": [{}{{\"name\": \"r\", \"request\": \"https://x.io\"}}{}]}}",
            "{\"name\": \"f\", \"item\": [".repeat(3000),
            "]}".repeat(3000)
        );
        // Reading 128 levels takes more stack in a debug build than a test thread may have.
        let read = crate::stack::on_generation_stack(|| input_error(&folders));
        let (location, message) = read.expect("a thread starts");
        assert!(
            message.contains("nested more than 128 levels deep"),
            "{message}"
        );
        // Where serde_json stopped, some 60 folders in (24 characters each), not at the end.
        let (line, column) = location.line_column.unwrap_or_default();
        assert!(line == 1 && (1400..1600).contains(&column), "{location}");
        assert!(location.json_path.starts_with("$.item[0].item[0].item[0]"));
        let value = format!(
            "{{\"item\": [],\n \"variable\": [{{\"key\": \"a\", \"value\": {}{}}}]}}",
            "[".repeat(5000),
            "]".repeat(5000)
        );
        let (location, message) = input_error(&value);
        assert!(
            message.contains("nested more than 128 levels deep"),
            "{message}"
        );
        // The 125th `[` of the value, 128 levels deep.
        assert_eq!(location.line_column, Some((2, 161)), "{location}");
        assert!(location.json_path.starts_with("$.variable[0].value[0][0]"));
    }

    #[test]
    fn documents_that_are_not_collections_are_refused_clearly() {
        let (location, message) = input_error(r#"{"hello": "world"}"#);
        assert_eq!(location.json_path, "$");
        assert!(message.contains("not a Postman collection"), "{message}");
        let (_, message) = input_error(r#"{"requests": [], "order": []}"#);
        assert!(message.contains("v1"), "{message}");
        let (_, message) = input_error("[1, 2]");
        assert!(message.contains("invalid type"), "{message}");
    }
}
