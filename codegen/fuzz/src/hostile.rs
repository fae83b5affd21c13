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
use std::sync::OnceLock;

use arbitrary::{Arbitrary, Result, Unstructured};
use serde_json::{Map, Value, json};

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

/// Names, keys and pieces of text that generated Rust has to survive.
#[rustfmt::skip]
const WORDS: &[&str] = &[
    // Keywords of every edition, reserved words, and the ones raw identifiers cannot spell.
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum",
    "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod",
    "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "union", "unsafe", "use", "where", "while", "yield", "abstract",
    "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual",
    "macro_rules", "raw", "safe", "_", "r#type", "r#self",
    // The prelude and the crates generated code names.
    "Sized", "String", "Option", "Some", "None", "Result", "Ok", "Err", "Vec", "Box", "Default",
    "Clone", "Copy", "Send", "Sync", "Drop", "Fn", "From", "Into", "Iterator", "ToString",
    "PartialEq", "Debug", "Serialize", "Deserialize", "serde", "serde_json", "std", "core",
    "alloc", "http", "reqwest", "codegen_runtime", "runtime", "rt", "bool", "str", "u8", "i64",
    "f64", "char",
    // Names generated code defines itself.
    "Client", "Variables", "Error", "Request", "Response", "Params", "Body", "Success", "Failure",
    "Other", "Decode", "RawResponse", "ResponseBody", "new", "path", "build", "send", "decode",
    "example", "headers", "query", "body", "set", "Item", "NotFound", "Json", "Text", "Bytes",
    "Empty", "Status", "Transport", "Build",
    // Digits, separators, case, empties.
    "", " ", "  ", "__", "0", "1st", "123", "9lives", "-", "--", ".", "..", "...", "/", "//",
    "\\", ":", "::", "#", "?", "&", "=", "%", "%2F", "%zz", "+", "$ref", "@id", "a b", "a-b",
    "a.b", "user_id", "userId", "UserID", "USER_ID", "user__id", "_user", "\"", "'", "`",
    "r#", "#[doc]", "#![deny(warnings)]", "*/", "/*", "//!", "///", "}", "{", "]]", "<", ">",
    // Unicode: letters, marks, joiners, bidi and control characters.
    "é", "ß", "Ω", "ﬁ", "ǅ", "İ", "日本語", "Ünïcödé", "😀", "👨\u{200D}👩\u{200D}👧", "\u{301}",
    "e\u{301}", "\u{200B}", "\u{200D}", "\u{FEFF}", "\u{202E}", "\u{202A}", "\u{2066}",
    "\u{2069}", "\u{061C}", "\u{200F}", "\u{0}", "\u{7}", "\u{8}", "\u{1B}[31m", "\u{7F}", "\t",
    "\n", "\r\n", "\r", "\u{85}", "\u{2028}", "\u{2029}", "\u{FFFD}", "\u{10FFFF}", "\u{E000}",
    "\u{D7FF}", "\u{1F}",
    // Templates: well formed, self-referencing, unbalanced, dynamic.
    "{{", "}}", "{{}}", "{{x}}", "{{{{x}}}}", "{{x}", "{x}}", "{{$guid}}", "{{$timestamp}}",
    "{{ spaced }}", "{{a.b}}", "{{baseUrl}}", "{{self}}", "{{Self}}", "{{\u{202E}}}",
    "{{{{", ":id", ":", ":..", ":0", ":{{x}}", "{{:id}}",
];

/// Pieces of descriptions: tags opened and never closed, closed and never opened, Markdown that
/// turns into code blocks, and text that would end a doc comment or an attribute.
#[rustfmt::skip]
const HTML: &[&str] = &[
    "<p>", "</p>", "<div>", "</div>", "<pre>", "</pre>", "<code>", "</code>", "<pre><code>",
    "<table>", "<tr>", "<td>", "</table>", "<ul>", "<ol>", "<li>", "</ul>", "<h1>", "<h6>",
    "<b>", "</b>", "<i>", "<em>", "<strong>", "<br>", "<br/>", "<hr>", "<img src=x onerror=y>",
    "<a href=\"", "<a href=\"javascript:alert(1)\">", "</a>", "<script>", "</script>",
    "<style>", "</style>", "<!--", "-->", "<![CDATA[", "]]>", "<details>", "<summary>",
    "<textarea>", "<svg>", "<math>", "<xmp>", "<plaintext>", "<noscript>", "<template>",
    "<iframe>", "<blockquote>", "<dl><dt>", "<sup>", "<kbd>", "&amp;", "&lt;", "&#0;", "&#x0;",
    "&#xD800;", "&#1114112;", "&nbsp;", "&bogus;", "&", "```", "```rust", "```text\n",
    "~~~", "    indented code\n", "\n\n", "\n", "# ", "## ", "* ", "- [ ] ", "1. ", "> ",
    "|a|b|\n|-|-|\n", "[x](y)", "[x]: <y>", "<http://example.com>", "http://example.com",
    "[^1]", "**", "_", "`", "``", "\\", "*/", "/*", "\"]", "#[doc = \"", "#![allow(warnings)]",
    "}", "{", "\u{202E}", "\u{0}", "\r", "text",
];

#[rustfmt::skip]
const METHODS: &[&str] = &[
    "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT", "COPY",
    "LINK", "UNLINK", "PURGE", "LOCK", "UNLOCK", "PROPFIND", "VIEW", "POSTMAN", "get", "Post",
    "", " ", "G E T", "GET\n", "{{method}}", "MÉTHODE", "\u{202E}TEG", "self", "Self", "0", "-",
    "GET/", "GET:", "M\u{0}",
];

/// Status codes, right and wrong.
#[rustfmt::skip]
const CODES: &[i64] = &[
    0, 1, 99, 100, 101, 199, 200, 201, 202, 204, 206, 299, 300, 301, 304, 399, 400, 401, 404,
    418, 422, 429, 499, 500, 503, 599, 600, 999, 1000, 65535, 65536, -1, -200, i64::MAX, i64::MIN,
];

#[rustfmt::skip]
const NUMBERS: &[&str] = &[
    "0", "-0", "1", "-1", "1.5", "-0.0", "1e308", "-1e308", "1e-400", "1E400", "2.5e-3",
    "9007199254740993", "18446744073709551615", "18446744073709551616", "-9223372036854775808",
    "-9223372036854775809", "0.1", "123456789012345678901234567890",
];

#[rustfmt::skip]
const PLACEHOLDERS: &[&str] = &[
    "<integer>", "<long>", "<number>", "<double>", "<float>", "<boolean>", "<string>",
    "<dateTime>", "<date>", "<uuid>", "<byte>", "<binary>", "<>", "<integer",
];

#[rustfmt::skip]
const AUTH_TYPES: &[&str] = &[
    "bearer", "basic", "apikey", "oauth2", "oauth1", "digest", "hawk", "awsv4", "ntlm", "jwt",
    "edgegrid", "asap", "akamai", "noauth", "inherit", "", "BEARER", "unknown",
];

#[rustfmt::skip]
const AUTH_KEYS: &[&str] = &[
    "token", "username", "password", "key", "value", "in", "accessToken", "addTokenTo",
    "headerPrefix", "tokenType", "header", "query", "queryParams", "tokenRequestParams",
    "refreshRequestParams",
];

#[rustfmt::skip]
const CONTENT_TYPES: &[&str] = &[
    "application/json", "application/json; charset=utf-8", "text/plain", "text/html",
    "application/xml", "application/x-www-form-urlencoded", "multipart/form-data",
    "application/vnd.api+json", "application/problem+json", "", "json",
];

#[rustfmt::skip]
const LANGUAGES: &[&str] = &["json", "text", "xml", "html", "javascript", "graphql", "", "JSON"];

#[rustfmt::skip]
const BODY_MODES: &[&str] = &[
    "raw", "urlencoded", "formdata", "file", "graphql", "", "none", "RAW", "binary",
];

/// Keys a Postman object may have, for values planted into bundled collections.
#[rustfmt::skip]
const POSTMAN_KEYS: &[&str] = &[
    "name", "description", "item", "request", "response", "url", "method", "header", "body",
    "raw", "mode", "key", "value", "disabled", "variable", "auth", "event", "type", "code",
    "status", "originalRequest", "host", "path", "query", "protocol", "port", "urlencoded",
    "formdata", "file", "graphql", "options", "src", "id", "info", "schema", "content",
];

#[rustfmt::skip]
const BUNDLED: &[&str] = &[
    include_str!("../../../collections/08-starwars-graphql.postman_collection.json"),
    include_str!("../../../collections/12-codegen-test-cases.postman_collection.json"),
    include_str!("../../../collections/14-newman-bom-in-collection.postman_collection.json"),
    include_str!("../../../collections/15-newman-inherited-entities.postman_collection.json"),
    include_str!("../../../collections/16-newman-custom-http-method.postman_collection.json"),
    include_str!("../../../collections/17-http-status-messages.postman_collection.json"),
    include_str!("../../../collections/19-petstore-urlencoded-disabled.postman_collection.json"),
    include_str!("../../../collections/features.postman_collection.json"),
    include_str!("../../../collections/link-a-user-account.item.json"),
    include_str!("../../../collections/link-a-user-account.postman_collection.json"),
    include_str!("../../../collections/nested-request-body.postman_collection.json"),
    include_str!("../../../collections/typed-responses.postman_collection.json"),
];

fn bundled() -> &'static [Value] {
    static PARSED: OnceLock<Vec<Value>> = OnceLock::new();
    PARSED.get_or_init(|| {
        BUNDLED
            .iter()
            .filter_map(|text| serde_json::from_str(text.trim_start_matches('\u{FEFF}')).ok())
            .collect()
    })
}

/// The builder: the fuzzer's bytes, and how many more JSON nodes this collection may have (so
/// that generation stays fast and its recursion shallow).
struct Build<'a, 'b> {
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

    fn collection(&mut self) -> Result<Value> {
        let mut root = Map::new();
        match self.u.int_in_range(0..=5)? {
            0 => {}
            1 => {
                root.insert("info".into(), json!({ "name": self.scalar()? }));
            }
            _ => {
                let schema = self.pick(&[
                    "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
                    "https://schema.getpostman.com/json/collection/v2.0.0/collection.json",
                    "",
                    "v3",
                ])?;
                let mut info = json!({ "name": self.text()?, "schema": schema });
                if self.u.ratio(1, 3)? {
                    info["description"] = self.description()?;
                }
                root.insert("info".into(), info);
            }
        }
        root.insert("item".into(), self.items(0)?);
        if self.u.ratio(2, 3)? {
            root.insert("variable".into(), self.variables()?);
        }
        if self.u.ratio(1, 3)? {
            root.insert("auth".into(), self.auth()?);
        }
        if self.u.ratio(1, 6)? {
            root.insert("event".into(), self.events()?);
        }
        Ok(Value::Object(root))
    }

    /// The items of a collection or folder at `depth`: requests, folders and chains of folders
    /// nested deep enough to reach the JSON parser's recursion limit.
    fn items(&mut self, depth: usize) -> Result<Value> {
        let count = self.count(if depth == 0 { 8 } else { 4 })?;
        let mut items = Vec::with_capacity(count);
        for _ in 0..count {
            if !self.spend() {
                break;
            }
            let item = match self.u.int_in_range(0..=9)? {
                0..=1 if depth < 6 => self.folder(depth)?,
                2 if depth == 0 => self.deep_folders()?,
                _ => self.request_item()?,
            };
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn folder(&mut self, depth: usize) -> Result<Value> {
        let mut folder = json!({ "name": self.text()?, "item": self.items(depth + 1)? });
        if self.u.ratio(1, 3)? {
            folder["description"] = self.description()?;
        }
        if self.u.ratio(1, 4)? {
            folder["auth"] = self.auth()?;
        }
        if self.u.ratio(1, 4)? {
            folder["variable"] = self.variables()?;
        }
        Ok(folder)
    }

    fn deep_folders(&mut self) -> Result<Value> {
        let depth = self.u.int_in_range(1..=70)?;
        let mut node = self.request_item()?;
        for level in 0..depth {
            let name = if self.u.ratio(1, 2)? {
                format!("level {level}")
            } else {
                self.text()?
            };
            node = json!({ "name": name, "item": [node] });
        }
        Ok(node)
    }

    fn request_item(&mut self) -> Result<Value> {
        let mut item = Map::new();
        if !self.u.ratio(1, 20)? {
            item.insert("name".into(), self.scalar()?);
        }
        let request = if self.u.ratio(1, 8)? {
            Value::String(self.url_text()?)
        } else {
            self.request()?
        };
        item.insert("request".into(), request);
        if self.u.ratio(1, 2)? {
            item.insert("response".into(), self.responses()?);
        }
        if self.u.ratio(1, 8)? {
            item.insert("event".into(), self.events()?);
        }
        if self.u.ratio(1, 8)? {
            item.insert(
                "protocolProfileBehavior".into(),
                json!({ "disableBodyPruning": bool::arbitrary(self.u)? }),
            );
        }
        Ok(Value::Object(item))
    }

    fn request(&mut self) -> Result<Value> {
        let mut request = Map::new();
        let method = match self.u.int_in_range(0..=12)? {
            0 => self.scalar()?,
            1 => Value::String(self.text()?),
            _ => Value::String(self.pick(METHODS)?.to_owned()),
        };
        request.insert("method".into(), method);
        request.insert("url".into(), self.url()?);
        if self.u.ratio(2, 3)? {
            request.insert("header".into(), self.headers()?);
        }
        if self.u.ratio(2, 3)? {
            request.insert("body".into(), self.body()?);
        }
        if self.u.ratio(1, 4)? {
            request.insert("auth".into(), self.auth()?);
        }
        if self.u.ratio(1, 3)? {
            request.insert("description".into(), self.description()?);
        }
        Ok(Value::Object(request))
    }

    /// A URL as one string: an origin, then path segments and a query, from fragments.
    fn url_text(&mut self) -> Result<String> {
        let origin = self.pick(&[
            "https://example.com",
            "{{baseUrl}}",
            "http://{{host}}:{{port}}",
            "",
            "example.com",
            "https://",
            "//x",
            "https://user:pw@example.com:99999",
            "{{baseUrl}}{{baseUrl}}",
            "https://[::1]",
            "https://ex\u{202E}ample.com",
            "file:///etc/passwd",
        ])?;
        let mut url = origin.to_owned();
        for segment in self.path_segments()? {
            url.push('/');
            url.push_str(&segment);
        }
        if self.u.ratio(1, 2)? {
            url.push('?');
            let pairs = self.count(4)?;
            for index in 0..pairs {
                if index > 0 {
                    url.push('&');
                }
                url.push_str(&self.text()?);
                if self.u.ratio(3, 4)? {
                    url.push('=');
                    url.push_str(&self.text()?);
                }
            }
        }
        if self.u.ratio(1, 8)? {
            url.push('#');
            url.push_str(&self.text()?);
        }
        Ok(url)
    }

    fn path_segments(&mut self) -> Result<Vec<String>> {
        if self.u.ratio(1, 10)? {
            // Many path parameters, some with the same name.
            let count = self.u.int_in_range(10..=120)?;
            let mut segments = Vec::with_capacity(count);
            for index in 0..count {
                segments.push(if self.u.ratio(1, 4)? {
                    format!(":{}", self.pick(WORDS)?)
                } else {
                    format!(":p{index}")
                });
            }
            return Ok(segments);
        }
        let count = self.count(6)?;
        let mut segments = Vec::with_capacity(count);
        for _ in 0..count {
            segments.push(match self.u.int_in_range(0..=9)? {
                0 => "..".to_owned(),
                1 => ":..".to_owned(),
                2 => format!(":{}", self.text()?),
                3 => format!("{{{{{}}}}}", self.text()?),
                4 => ":id".to_owned(),
                5 => String::new(),
                _ => self.text()?,
            });
        }
        Ok(segments)
    }

    fn url(&mut self) -> Result<Value> {
        if self.u.ratio(1, 3)? {
            return Ok(Value::String(self.url_text()?));
        }
        let raw = self.url_text()?;
        let mut url = Map::new();
        url.insert("raw".into(), Value::String(raw));
        if self.u.ratio(3, 4)? {
            let host = if self.u.ratio(1, 2)? {
                Value::String(
                    self.pick(&["{{baseUrl}}", "example.com", "a.{{b}}.c", ""])?
                        .into(),
                )
            } else {
                let labels = self.count(4)?;
                let mut list = Vec::with_capacity(labels);
                for _ in 0..labels {
                    list.push(self.scalar()?);
                }
                Value::Array(list)
            };
            url.insert("host".into(), host);
        }
        if self.u.ratio(1, 4)? {
            url.insert("protocol".into(), self.scalar()?);
        }
        if self.u.ratio(1, 6)? {
            url.insert("port".into(), self.scalar()?);
        }
        if self.u.ratio(3, 4)? {
            let segments = self.path_segments()?;
            let path = if self.u.ratio(1, 5)? {
                Value::String(segments.join("/"))
            } else {
                let mut list = Vec::with_capacity(segments.len());
                for segment in segments {
                    list.push(if self.u.ratio(1, 10)? {
                        json!({ "type": "string", "value": segment })
                    } else {
                        Value::String(segment)
                    });
                }
                Value::Array(list)
            };
            url.insert("path".into(), path);
        }
        if self.u.ratio(1, 2)? {
            let count = self.count(6)?;
            let mut query = Vec::with_capacity(count);
            for _ in 0..count {
                let mut param = json!({ "key": self.scalar()?, "value": self.scalar()? });
                if self.u.ratio(1, 3)? {
                    param["disabled"] = self.flag()?;
                }
                if self.u.ratio(1, 6)? {
                    param["description"] = self.description()?;
                }
                query.push(param);
            }
            url.insert("query".into(), Value::Array(query));
        }
        if self.u.ratio(1, 2)? {
            let count = self.count(6)?;
            let mut variables = Vec::with_capacity(count);
            for _ in 0..count {
                let key = if self.u.ratio(1, 2)? {
                    Value::String(self.pick(&["id", "..", "p0", "p1", "Self", ""])?.into())
                } else {
                    self.scalar()?
                };
                let mut variable = json!({ "key": key, "value": self.scalar()? });
                if self.u.ratio(1, 6)? {
                    variable["description"] = self.description()?;
                }
                variables.push(variable);
            }
            url.insert("variable".into(), Value::Array(variables));
        }
        Ok(Value::Object(url))
    }

    fn flag(&mut self) -> Result<Value> {
        Ok(match self.u.int_in_range(0..=5)? {
            0 => json!("true"),
            1 => json!("yes"),
            2 => json!(1),
            3 => Value::Null,
            _ => Value::Bool(bool::arbitrary(self.u)?),
        })
    }

    fn headers(&mut self) -> Result<Value> {
        if self.u.ratio(1, 8)? {
            let lines = self.count(4)?;
            let mut text = String::new();
            for _ in 0..lines {
                text.push_str(&self.text()?);
                text.push_str(self.pick(&[": ", ":", "", "::"])?);
                text.push_str(&self.text()?);
                text.push_str(self.pick(&["\n", "\r\n", "\n\n"])?);
            }
            return Ok(Value::String(text));
        }
        let count = self.count(6)?;
        let mut headers = Vec::with_capacity(count);
        for _ in 0..count {
            let key = match self.u.int_in_range(0..=5)? {
                0 => Value::String(self.pick(CONTENT_TYPE_KEYS)?.into()),
                _ => self.scalar()?,
            };
            let value = match self.u.int_in_range(0..=9)? {
                0 => self.number()?,
                1 => json!({ "nested": self.text()? }),
                2 => Value::String(self.pick(CONTENT_TYPES)?.into()),
                _ => self.scalar()?,
            };
            let mut header = json!({ "value": value });
            header[if self.u.ratio(1, 8)? { "name" } else { "key" }] = key;
            if self.u.ratio(1, 3)? {
                header["disabled"] = self.flag()?;
            }
            if self.u.ratio(1, 8)? {
                header["description"] = self.description()?;
            }
            headers.push(header);
        }
        Ok(Value::Array(headers))
    }

    fn body(&mut self) -> Result<Value> {
        let mode = self.pick(BODY_MODES)?;
        let mut body = json!({ "mode": mode });
        match mode {
            "urlencoded" | "formdata" => {
                let count = self.count(6)?;
                let mut fields = Vec::with_capacity(count);
                for _ in 0..count {
                    let mut field = json!({ "key": self.scalar()?, "value": self.scalar()? });
                    if self.u.ratio(1, 3)? {
                        field["type"] =
                            Value::String(self.pick(&["text", "file", "", "weird"])?.into());
                    }
                    if self.u.ratio(1, 4)? {
                        field["src"] = self.scalar()?;
                    }
                    if self.u.ratio(1, 4)? {
                        field["disabled"] = self.flag()?;
                    }
                    if self.u.ratio(1, 6)? {
                        field["contentType"] = Value::String(self.pick(CONTENT_TYPES)?.into());
                    }
                    fields.push(field);
                }
                body[mode] = Value::Array(fields);
            }
            "file" => body["file"] = json!({ "src": self.scalar()? }),
            "graphql" => {
                body["graphql"] = json!({ "query": self.text()?, "variables": self.json_text()? });
            }
            _ => {
                body["raw"] = Value::String(self.json_text()?);
                if self.u.ratio(1, 2)? {
                    body["options"] = json!({ "raw": { "language": self.pick(LANGUAGES)? } });
                }
            }
        }
        if self.u.ratio(1, 10)? {
            body["disabled"] = self.flag()?;
        }
        Ok(body)
    }

    /// The text of a JSON sample: usually a value (with keys JSON maps could not hold twice),
    /// sometimes cut short, commented, or not JSON at all.
    fn json_text(&mut self) -> Result<String> {
        let mut text = String::new();
        self.json_sample(&mut text, 0)?;
        Ok(match self.u.int_in_range(0..=11)? {
            0 => {
                let cut = self.u.int_in_range(0..=text.len())?;
                let cut = (0..=cut)
                    .rev()
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(0);
                text.truncate(cut);
                text
            }
            1 => format!("// a comment\n{text}\r\n"),
            2 => self.text()?,
            3 => format!("{text},"),
            _ => text,
        })
    }

    fn json_sample(&mut self, out: &mut String, depth: usize) -> Result<()> {
        if !self.spend() {
            out.push_str("null");
            return Ok(());
        }
        let choice = if depth > 6 {
            9
        } else {
            self.u.int_in_range(0..=12)?
        };
        match choice {
            0..=2 => {
                out.push('{');
                let fields = self.count(6)?;
                for index in 0..fields {
                    if index > 0 {
                        out.push(',');
                    }
                    out.push_str(&Value::String(self.text()?).to_string());
                    out.push(':');
                    self.json_sample(out, depth + 1)?;
                }
                out.push('}');
            }
            3 | 4 => {
                out.push('[');
                let elements = self.count(4)?;
                for index in 0..elements {
                    if index > 0 {
                        out.push(',');
                    }
                    self.json_sample(out, depth + 1)?;
                }
                out.push(']');
            }
            5 => {
                // Nested arrays, past the parser's recursion limit sometimes.
                let levels = self.u.int_in_range(1..=140)?;
                out.push_str(&"[".repeat(levels));
                out.push_str(&"]".repeat(levels));
            }
            6 => out.push_str(&Value::String(self.pick(PLACEHOLDERS)?.into()).to_string()),
            7 => out.push_str(self.pick(NUMBERS)?),
            8 => out.push_str(self.pick(&["true", "false", "null"])?),
            _ => out.push_str(&Value::String(self.text()?).to_string()),
        }
        Ok(())
    }

    fn responses(&mut self) -> Result<Value> {
        let count = self.count(4)?;
        let mut responses = Vec::with_capacity(count);
        for _ in 0..count {
            if !self.spend() {
                break;
            }
            let code = match self.u.int_in_range(0..=9)? {
                0 => self.scalar()?,
                1 => Value::from(u16::arbitrary(self.u)?),
                _ => Value::from(self.pick(CODES)?),
            };
            let mut response = json!({
                "name": self.scalar()?,
                "code": code,
                "status": self.scalar()?,
                "body": self.json_text()?,
            });
            if self.u.ratio(2, 3)? {
                let content_type = self.pick(CONTENT_TYPES)?;
                response["header"] = json!([{ "key": "Content-Type", "value": content_type }]);
            }
            if self.u.ratio(1, 2)? {
                response["_postman_previewlanguage"] = Value::String(self.pick(LANGUAGES)?.into());
            }
            if self.u.ratio(1, 3)? {
                response["originalRequest"] = self.request()?;
            }
            responses.push(response);
        }
        Ok(Value::Array(responses))
    }

    /// Collection or folder variables: self-references, cycles, values of every JSON type.
    fn variables(&mut self) -> Result<Value> {
        let count = self.count(6)?;
        let mut variables = Vec::with_capacity(count);
        let mut keys: Vec<String> = Vec::with_capacity(count);
        for _ in 0..count {
            let key = self.text()?;
            let value = match self.u.int_in_range(0..=9)? {
                0 => Value::String(format!("{{{{{key}}}}}")),
                1 => Value::String(format!("a{{{{{key}}}}}b{{{{{key}}}}}")),
                2 => match keys.last() {
                    Some(previous) => Value::String(format!("{{{{{previous}}}}}")),
                    None => Value::Null,
                },
                3 => self.number()?,
                4 => json!({ "an": ["object", 1] }),
                5 => Value::Bool(bool::arbitrary(self.u)?),
                _ => self.scalar()?,
            };
            let mut variable = json!({ "value": value });
            variable[if self.u.ratio(1, 6)? { "id" } else { "key" }] = Value::String(key.clone());
            if self.u.ratio(1, 6)? {
                variable["disabled"] = self.flag()?;
            }
            if self.u.ratio(1, 6)? {
                variable["type"] =
                    Value::String(self.pick(&["string", "any", "secret", "number"])?.into());
            }
            if self.u.ratio(1, 8)? {
                variable["description"] = self.description()?;
            }
            keys.push(key);
            variables.push(variable);
        }
        // The first variable refers to the last: a cycle through all of them.
        if let (Some(first), Some(last)) = (variables.first_mut(), keys.last())
            && self.u.ratio(1, 4)?
        {
            first["value"] = Value::String(format!("{{{{{last}}}}}"));
        }
        Ok(Value::Array(variables))
    }

    fn auth(&mut self) -> Result<Value> {
        let kind = self.pick(AUTH_TYPES)?;
        let count = self.count(5)?;
        let mut entries = Vec::with_capacity(count);
        for _ in 0..count {
            let key = self.pick(AUTH_KEYS)?;
            let value = match self.u.int_in_range(0..=7)? {
                0 => self.number()?,
                1 => json!({ "odd": true }),
                // OAuth 2's extra token request parameters: a list of {key, value, send_as}.
                7 => {
                    let mut list = Vec::new();
                    for _ in 0..self.count(3)? {
                        list.push(json!({
                            "key": self.pick(WORDS)?,
                            "value": self.scalar()?,
                            "enabled": self.u.ratio(3, 4)?,
                            "send_as": self.pick(&["request_body", "request_header",
                                "request_url", "", "elsewhere"])?,
                        }));
                    }
                    Value::Array(list)
                }
                2 => Value::String(
                    self.pick(&["header", "query", "queryParams", "headers"])?
                        .into(),
                ),
                _ => self.scalar()?,
            };
            entries.push(json!({ "key": key, "value": value, "type": "string" }));
        }
        let mut auth = json!({ "type": kind });
        if !kind.is_empty() {
            auth[kind] = if self.u.ratio(1, 5)? {
                // The v2.0 form: an object of key to value.
                let mut object = Map::new();
                for entry in entries {
                    if let (Some(key), Some(value)) = (entry.get("key"), entry.get("value")) {
                        object.insert(key.as_str().unwrap_or_default().to_owned(), value.clone());
                    }
                }
                Value::Object(object)
            } else {
                Value::Array(entries)
            };
        }
        Ok(auth)
    }

    fn events(&mut self) -> Result<Value> {
        let listen = self.pick(&["prerequest", "test", "", "other"])?;
        Ok(
            json!([{ "listen": listen, "script": { "type": "text/javascript", "exec": [self.text()?] } }]),
        )
    }

    /// A bundled collection with a few of its values replaced, or keys added, hostile ones.
    fn bundled_with_edits(&mut self) -> Result<Value> {
        let bases = bundled();
        let Some(base) = self.u.choose(bases).ok().cloned() else {
            return self.collection();
        };
        let mut root = base;
        let edits = self.u.int_in_range(1..=8)?;
        for _ in 0..edits {
            let mut places = Vec::new();
            places_in(&root, String::new(), &mut places);
            let Ok(place) = self.u.choose(&places) else {
                break;
            };
            let place = place.clone();
            let replacement = self.planted()?;
            let add_key = self.pick(POSTMAN_KEYS)?;
            let add = self.u.ratio(1, 3)?;
            if let Some(target) = root.pointer_mut(&place) {
                match target {
                    Value::Object(object) if add => {
                        object.insert(add_key.to_owned(), replacement);
                    }
                    Value::Array(array) if add => array.push(replacement),
                    other => *other = replacement,
                }
            }
        }
        Ok(root)
    }

    /// A value to plant into a bundled collection.
    fn planted(&mut self) -> Result<Value> {
        Ok(match self.u.int_in_range(0..=11)? {
            0 => self.description()?,
            1 => self.url()?,
            2 => self.request()?,
            3 => self.items(3)?,
            4 => self.variables()?,
            5 => self.auth()?,
            6 => self.responses()?,
            7 => self.body()?,
            8 => self.headers()?,
            9 => Value::String(self.json_text()?),
            _ => self.scalar()?,
        })
    }
}

/// Names a header key may take that the generator treats specially.
#[rustfmt::skip]
const CONTENT_TYPE_KEYS: &[&str] = &[
    "Content-Type", "content-type", "CONTENT-TYPE", "Accept", "Authorization", "Host",
    "Content-Length", "Transfer-Encoding", "Cookie", "X-Request-Id", "", " Content-Type",
];

/// JSON pointers to every value in `value`.
fn places_in(value: &Value, here: String, places: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            for (key, child) in object {
                let escaped = key.replace('~', "~0").replace('/', "~1");
                places_in(child, format!("{here}/{escaped}"), places);
            }
        }
        Value::Array(array) => {
            for (index, child) in array.iter().enumerate() {
                places_in(child, format!("{here}/{index}"), places);
            }
        }
        _ => {}
    }
    places.push(here);
}
