//! The fragments hostile collections are made of.

/// Names, keys and pieces of text that generated Rust has to survive.
#[rustfmt::skip]
pub(super) const WORDS: &[&str] = &[
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
pub(super) const HTML: &[&str] = &[
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
pub(super) const METHODS: &[&str] = &[
    "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT", "COPY",
    "LINK", "UNLINK", "PURGE", "LOCK", "UNLOCK", "PROPFIND", "VIEW", "POSTMAN", "get", "Post",
    "", " ", "G E T", "GET\n", "{{method}}", "MÉTHODE", "\u{202E}TEG", "self", "Self", "0", "-",
    "GET/", "GET:", "M\u{0}",
];

/// Status codes, right and wrong.
#[rustfmt::skip]
pub(super) const CODES: &[i64] = &[
    0, 1, 99, 100, 101, 199, 200, 201, 202, 204, 206, 299, 300, 301, 304, 399, 400, 401, 404,
    418, 422, 429, 499, 500, 503, 599, 600, 999, 1000, 65535, 65536, -1, -200, i64::MAX, i64::MIN,
];

#[rustfmt::skip]
pub(super) const NUMBERS: &[&str] = &[
    "0", "-0", "1", "-1", "1.5", "-0.0", "1e308", "-1e308", "1e-400", "1E400", "2.5e-3",
    "9007199254740993", "18446744073709551615", "18446744073709551616", "-9223372036854775808",
    "-9223372036854775809", "0.1", "123456789012345678901234567890",
];

#[rustfmt::skip]
pub(super) const PLACEHOLDERS: &[&str] = &[
    "<integer>", "<long>", "<number>", "<double>", "<float>", "<boolean>", "<string>",
    "<dateTime>", "<date>", "<uuid>", "<byte>", "<binary>", "<>", "<integer",
];

#[rustfmt::skip]
pub(super) const AUTH_TYPES: &[&str] = &[
    "bearer", "basic", "apikey", "oauth2", "oauth1", "digest", "hawk", "awsv4", "ntlm", "jwt",
    "edgegrid", "asap", "akamai", "noauth", "inherit", "", "BEARER", "unknown",
];

#[rustfmt::skip]
pub(super) const AUTH_KEYS: &[&str] = &[
    "token", "username", "password", "key", "value", "in", "accessToken", "addTokenTo",
    "headerPrefix", "tokenType", "header", "query", "queryParams", "tokenRequestParams",
    "refreshRequestParams",
];

#[rustfmt::skip]
pub(super) const CONTENT_TYPES: &[&str] = &[
    "application/json", "application/json; charset=utf-8", "text/plain", "text/html",
    "application/xml", "application/x-www-form-urlencoded", "multipart/form-data",
    "application/vnd.api+json", "application/problem+json", "", "json",
];

#[rustfmt::skip]
pub(super) const LANGUAGES: &[&str] = &["json", "text", "xml", "html", "javascript", "graphql", "", "JSON"];

#[rustfmt::skip]
pub(super) const BODY_MODES: &[&str] = &[
    "raw", "urlencoded", "formdata", "file", "graphql", "", "none", "RAW", "binary",
];

/// Keys a Postman object may have, for values planted into bundled collections.
#[rustfmt::skip]
pub(super) const POSTMAN_KEYS: &[&str] = &[
    "name", "description", "item", "request", "response", "url", "method", "header", "body",
    "raw", "mode", "key", "value", "disabled", "variable", "auth", "event", "type", "code",
    "status", "originalRequest", "host", "path", "query", "protocol", "port", "urlencoded",
    "formdata", "file", "graphql", "options", "src", "id", "info", "schema", "content",
];

/// Names a header key may take that the generator treats specially.
#[rustfmt::skip]
pub(super) const CONTENT_TYPE_KEYS: &[&str] = &[
    "Content-Type", "content-type", "CONTENT-TYPE", "Accept", "Authorization", "Host",
    "Content-Length", "Transfer-Encoding", "Cookie", "X-Request-Id", "", " Content-Type",
];
