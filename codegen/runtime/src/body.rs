//! Request bodies: what a request carries (text, bytes, form fields, multipart parts, a file)
//! and how the client encodes it into bytes and a `Content-Type`.

use std::borrow::Cow;
use std::path::Path;

use super::encode::{encode, FORM};
use super::error::Error;
use super::params::{Params, Text};
use super::template::{self, Variables};

/// A request's body, borrowed from the request while it is built.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Body<'a> {
    /// No body.
    #[default]
    None,
    /// Text from the collection, with `{{variables}}` to resolve.
    Template(&'static str),
    /// Bytes sent as they are.
    Bytes(Cow<'a, [u8]>),
    /// `application/x-www-form-urlencoded` fields; no body when there are none.
    Form(&'a Params),
    /// `multipart/form-data` parts; no body when there are none.
    Multipart(&'a Multipart),
    /// The content of a file.
    File(&'a FileSource),
}

/// A file to send: a path read when the request is built, or bytes in memory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum FileSource {
    /// No file: an empty body or part.
    #[default]
    Empty,
    /// A path: from the collection (`{{variables}}` resolved), read only from the folder the
    /// client allows ([`Client::allow_files_in`](super::Client::allow_files_in)); or given by
    /// the caller, read as given.
    Path(Text),
    /// A file's name and content.
    Bytes {
        /// The name sent as the part's file name.
        file_name: String,
        /// The content.
        bytes: Vec<u8>,
    },
}

/// One part of a multipart body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// The field name.
    pub name: Text,
    /// Text, or a file.
    pub value: PartValue,
    /// The part's own `Content-Type`, if any.
    pub content_type: Option<Text>,
}

/// The value of a multipart part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PartValue {
    /// A text field.
    Text(Text),
    /// A file.
    File(FileSource),
}

/// `multipart/form-data` parts, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Multipart {
    /// The parts; a request's `new` sets the collection's.
    pub parts: Vec<Part>,
}

impl Multipart {
    /// Adds a text part from the collection.
    pub fn text(
        mut self,
        name: &'static str,
        value: &'static str,
        content_type: Option<&'static str>,
    ) -> Self {
        self.parts.push(Part {
            name: Text::Template(name),
            value: PartValue::Text(Text::Template(value)),
            content_type: content_type.map(Text::Template),
        });
        self
    }

    /// Adds a file part from the collection (`None`: no file chosen).
    pub fn file(
        mut self,
        name: &'static str,
        path: Option<&'static str>,
        content_type: Option<&'static str>,
    ) -> Self {
        let file = path.map_or(FileSource::Empty, |path| {
            FileSource::Path(Text::Template(path))
        });
        self.parts.push(Part {
            name: Text::Template(name),
            value: PartValue::File(file),
            content_type: content_type.map(Text::Template),
        });
        self
    }

    /// Sets the text part `name`, replacing every part of that name.
    pub fn set_text(&mut self, name: &str, value: impl Into<String>) -> &mut Self {
        self.set(name, PartValue::Text(Text::Given(value.into())))
    }

    /// Sets the file part `name` to `bytes` sent as `file_name`, replacing every part of that
    /// name.
    pub fn set_file(
        &mut self,
        name: &str,
        file_name: impl Into<String>,
        bytes: Vec<u8>,
    ) -> &mut Self {
        let file = FileSource::Bytes {
            file_name: file_name.into(),
            bytes,
        };
        self.set(name, PartValue::File(file))
    }

    fn set(&mut self, name: &str, value: PartValue) -> &mut Self {
        let content_type = self
            .parts
            .iter()
            .find(|part| part.name.as_written() == name)
            .and_then(|part| part.content_type.clone());
        self.remove(name);
        self.parts.push(Part {
            name: Text::Given(name.to_owned()),
            value,
            content_type,
        });
        self
    }

    /// Removes every part named `name`.
    pub fn remove(&mut self, name: &str) -> &mut Self {
        self.parts.retain(|part| part.name.as_written() != name);
        self
    }
}

/// The `Content-Type` a body needs, and whether it replaces the request's own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ContentType {
    pub(crate) value: String,
    /// Form and multipart bodies replace the request's own type, as Postman does.
    pub(crate) replaces_header: bool,
}

/// Encodes bodies with the request's variables; `files` is the folder collection paths may be
/// read from, if any.
pub(crate) struct Encoder<'a, V: ?Sized> {
    pub(crate) variables: &'a V,
    pub(crate) files: Option<&'a Path>,
}

impl<V: Variables + ?Sized> Encoder<'_, V> {
    /// Urlencoded `fields` resolved, in order (a field without a value has an empty one).
    pub(crate) fn fields(&self, fields: &Params) -> Result<Vec<(String, String)>, Error> {
        fields
            .iter()
            .map(|(key, value)| {
                let value = match value {
                    Some(value) => value.resolve(self.variables)?,
                    None => String::new(),
                };
                Ok((key.resolve(self.variables)?, value))
            })
            .collect()
    }

    /// The bytes of `body` and the `Content-Type` it needs.
    pub(crate) fn body(&self, body: &Body<'_>) -> Result<(Vec<u8>, Option<ContentType>), Error> {
        Ok(match body {
            Body::None => (Vec::new(), None),
            Body::Template(text) => (template::resolve(text, self.variables)?.into_bytes(), None),
            Body::Bytes(bytes) => (bytes.to_vec(), None),
            Body::File(file) => (self.file(file)?.1, None),
            Body::Form(fields) if fields.is_empty() => (Vec::new(), None),
            Body::Form(fields) => {
                let mut pairs = Vec::with_capacity(fields.len());
                for (key, value) in fields.iter() {
                    let value = match value {
                        Some(value) => value.resolve(self.variables)?,
                        None => String::new(),
                    };
                    let key = key.resolve(self.variables)?;
                    pairs.push(format!("{}={}", encode(&key, FORM), encode(&value, FORM)));
                }
                // Postman sends this type even when the request names another.
                let content_type = ContentType {
                    value: "application/x-www-form-urlencoded".to_owned(),
                    replaces_header: true,
                };
                (pairs.join("&").into_bytes(), Some(content_type))
            }
            Body::Multipart(multipart) if multipart.parts.is_empty() => (Vec::new(), None),
            Body::Multipart(multipart) => {
                let (boundary, bytes) = self.multipart(multipart)?;
                let value = format!("multipart/form-data; boundary={boundary}");
                (
                    bytes,
                    Some(ContentType {
                        value,
                        replaces_header: true,
                    }),
                )
            }
        })
    }

    /// The file name and content of `file`.
    fn file(&self, file: &FileSource) -> Result<(String, Vec<u8>), Error> {
        match file {
            FileSource::Empty => Ok((String::new(), Vec::new())),
            FileSource::Bytes { file_name, bytes } => Ok((file_name.clone(), bytes.clone())),
            FileSource::Path(Text::Given(path)) => read(Path::new(path), path),
            FileSource::Path(path) => {
                let written = path.resolve(self.variables)?;
                let Some(root) = self.files else {
                    return Err(Error::build(format!(
                        "the collection sends the local file {written:?}: allow it with \
                         `Client::allow_files_in`, or set the file's bytes"
                    )));
                };
                let confined = confine(root, &written)?;
                read(&confined, &written)
            }
        }
    }

    /// A multipart body and its boundary, chosen from the content so that the same parts always
    /// give the same bytes, and so that it appears in no part.
    fn multipart(&self, multipart: &Multipart) -> Result<(String, Vec<u8>), Error> {
        let mut parts = Vec::with_capacity(multipart.parts.len());
        for part in &multipart.parts {
            let name = part.name.resolve(self.variables)?;
            let content_type = match &part.content_type {
                Some(content_type) => Some(content_type.resolve(self.variables)?),
                None => None,
            };
            let (file_name, bytes) = match &part.value {
                PartValue::Text(text) => (None, text.resolve(self.variables)?.into_bytes()),
                PartValue::File(file) => {
                    let (file_name, bytes) = self.file(file)?;
                    (Some(file_name), bytes)
                }
            };
            parts.push((name, file_name, content_type, bytes));
        }
        let mut seed: u64 = 0xcbf2_9ce4_8422_2325;
        for (_, _, _, bytes) in &parts {
            for byte in bytes {
                seed = (seed ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        let boundary = loop {
            let candidate = format!(
                "--------------------------{:024}",
                u128::from(seed) % 10u128.pow(24)
            );
            let clash = parts
                .iter()
                .any(|(_, _, _, bytes)| contains(bytes, candidate.as_bytes()));
            if !clash {
                break candidate;
            }
            seed = seed.wrapping_add(1);
        };
        let mut body = Vec::new();
        for (name, file_name, content_type, bytes) in parts {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"",
                    quote(&name)
                )
                .as_bytes(),
            );
            if let Some(file_name) = &file_name {
                body.extend_from_slice(format!("; filename=\"{}\"", quote(file_name)).as_bytes());
            }
            body.extend_from_slice(b"\r\n");
            let content_type =
                content_type.or_else(|| file_name.map(|_| "application/octet-stream".to_owned()));
            if let Some(content_type) = content_type {
                // A line break would start another header of the part.
                let content_type = content_type.replace(['\r', '\n'], " ");
                body.extend_from_slice(format!("Content-Type: {content_type}\r\n").as_bytes());
            }
            body.extend_from_slice(b"\r\n");
            body.extend_from_slice(&bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        Ok((boundary, body))
    }
}

/// A name in a `Content-Disposition` header, its quote and line breaks escaped as browsers do.
fn quote(text: &str) -> String {
    text.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.len() >= needle.len()
        && haystack
            .windows(needle.len())
            .any(|window| window == needle)
}

/// `written`, a path the collection names, as a regular file inside `root`: relative paths are
/// taken from `root`, and after following links the file must still be inside it.
fn confine(root: &Path, written: &str) -> Result<std::path::PathBuf, Error> {
    let refuse = |why: &str| Error::build(format!("the collection's file {written:?} {why}"));
    let root = root
        .canonicalize()
        .map_err(|err| refuse(&format!("cannot be read: the allowed folder: {err}")))?;
    let file = root
        .join(written)
        .canonicalize()
        .map_err(|err| refuse(&format!("cannot be read: {err}")))?;
    if !file.starts_with(&root) {
        return Err(refuse(&format!("is outside {}", root.display())));
    }
    if !file.is_file() {
        return Err(refuse("is not a regular file"));
    }
    Ok(file)
}

fn read(path: &Path, written: &str) -> Result<(String, Vec<u8>), Error> {
    let bytes = std::fs::read(path).map_err(|err| {
        Error::build_with(format!("cannot read the file {written:?} to send"), err)
    })?;
    let name = written
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .to_owned();
    Ok((name, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoVariables;

    impl Variables for NoVariables {
        fn lookup(&self, _: &str) -> Option<&str> {
            None
        }

        fn set(&mut self, _: &str, _: String) -> bool {
            false
        }
    }

    fn encoder(files: Option<&Path>) -> Encoder<'_, NoVariables> {
        Encoder {
            variables: &NoVariables,
            files,
        }
    }

    #[test]
    fn form_fields_are_encoded_and_replace_the_content_type() {
        let fields = Params::query_pairs(&[("a b", Some("1&2")), ("flag", None)]);
        let (bytes, content_type) = encoder(None).body(&Body::Form(&fields)).unwrap_or_default();
        assert_eq!(bytes, b"a%20b=1%262&flag=");
        assert!(content_type.is_some_and(
            |ct| ct.replaces_header && ct.value == "application/x-www-form-urlencoded"
        ));
    }

    #[test]
    fn multipart_bodies_are_deterministic_and_escape_part_headers() {
        let multipart = Multipart::default()
            .text("na\"me", "value", Some("text/plain\r\nX-Injected: 1"))
            .file("empty", None, None);
        let encode = || {
            encoder(None)
                .body(&Body::Multipart(&multipart))
                .unwrap_or_default()
        };
        let (first, content_type) = encode();
        assert_eq!(first, encode().0);
        let text = String::from_utf8_lossy(&first).into_owned();
        let boundary = content_type
            .map(|ct| {
                ct.value
                    .trim_start_matches("multipart/form-data; boundary=")
                    .to_owned()
            })
            .unwrap_or_default();
        let expected = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"na%22me\"\r\n\
             Content-Type: text/plain  X-Injected: 1\r\n\r\nvalue\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"empty\"; filename=\"\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n\r\n--{boundary}--\r\n"
        );
        assert_eq!(text, expected);
    }

    #[test]
    fn collection_files_are_read_only_inside_the_allowed_folder() {
        let dir =
            std::env::temp_dir().join(format!("codegen-runtime-files-{}", std::process::id()));
        let _ = std::fs::create_dir_all(dir.join("inside"));
        let _ = std::fs::write(dir.join("inside/a.txt"), "content");
        let file = |path: &'static str| FileSource::Path(Text::Template(path));

        let refused = encoder(None).body(&Body::File(&file("a.txt"))).err();
        let refused = refused.map(|err| err.to_string()).unwrap_or_default();
        assert!(
            refused.contains("allow_files_in") && refused.contains("\"a.txt\""),
            "{refused}"
        );

        let root = dir.join("inside");
        let allowed = encoder(Some(&root)).body(&Body::File(&file("a.txt")));
        assert_eq!(
            allowed.ok().map(|(bytes, _)| bytes),
            Some(b"content".to_vec())
        );

        for outside in ["../inside/../../x", "/etc/passwd", "/dev/zero", "."] {
            let err = encoder(Some(&root)).body(&Body::File(&file(outside))).err();
            assert!(err.is_some(), "{outside} was read");
        }
        // A link inside the folder to a file outside it is followed, and refused for where it
        // leads.
        #[cfg(unix)]
        {
            let _ = std::fs::write(dir.join("secret.txt"), "secret");
            let _ = std::os::unix::fs::symlink(dir.join("secret.txt"), root.join("link.txt"));
            let err = encoder(Some(&root))
                .body(&Body::File(&file("link.txt")))
                .err();
            let err = err.map(|err| err.to_string()).unwrap_or_default();
            assert!(err.contains("\"link.txt\" is outside"), "{err}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
