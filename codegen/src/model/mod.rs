//! The API model: what a collection means, independent of how Postman spells it and of how Rust
//! code for it looks. Plain data; every stage may use it, it uses none of them.
//!
//! Strings called templates may contain `{{variable}}` references, resolved when a request is
//! built, exactly as Postman resolves them.

pub mod response;
pub mod shape;

pub use response::Examples;
pub use shape::Shape;

/// A whole input: one collection, folder or request item.
#[derive(Clone, Debug, PartialEq)]
pub struct Api {
    pub name: String,
    pub description: Option<Doc>,
    /// Every `{{variable}}` the requests use, sorted by name.
    pub variables: Vec<Variable>,
    /// The distinct auths that decide some request's auth, in the order first used.
    pub auths: Vec<AuthDef>,
    pub root: Group,
}

/// An auth scheme with its parameters as templates, as the collection writes them.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Auth {
    /// Postman's `type`: `bearer`, `basic`, `apikey`, `oauth2`, `digest`, ...
    pub scheme: String,
    /// `(parameter, template)` pairs in the collection's order.
    pub params: Vec<(String, String)>,
}

/// An auth some request uses, and where it is first written (for docs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthDef {
    pub auth: Auth,
    pub written_in: WrittenIn,
}

/// Where an auth is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WrittenIn {
    Collection,
    /// A folder, by name.
    Folder(String),
    /// A request, by name.
    Request(String),
}

impl Group {
    /// The number of requests in this group and the groups below it.
    pub fn request_count(&self) -> usize {
        self.children
            .iter()
            .map(|child| match child {
                Node::Group(group) => group.request_count(),
                Node::Operation(_) => 1,
            })
            .sum()
    }

    /// The indexes (in `Api::auths`) of the auths the requests of this group and the groups
    /// below it use.
    pub fn auths_used(&self) -> std::collections::BTreeSet<usize> {
        fn walk(group: &Group, out: &mut std::collections::BTreeSet<usize>) {
            for child in &group.children {
                match child {
                    Node::Group(group) => walk(group, out),
                    Node::Operation(operation) => out.extend(operation.auth),
                }
            }
        }
        let mut used = std::collections::BTreeSet::new();
        walk(self, &mut used);
        used
    }
}

/// A description and how it is written (the Postman `type` hint, when given).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Doc {
    pub text: String,
    pub type_hint: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variable {
    pub name: String,
    /// The collection's value, when it declares one.
    pub default: Option<String>,
    pub description: Option<Doc>,
}

/// A folder (or the collection itself): its children in the collection's order.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub name: String,
    pub description: Option<Doc>,
    pub children: Vec<Node>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Group(Group),
    Operation(Box<Operation>),
}

/// One request item.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    pub name: String,
    pub description: Option<Doc>,
    /// Upper-cased HTTP method; custom methods are kept.
    pub method: String,
    pub url: UrlTemplate,
    /// Headers in the collection's order.
    pub headers: Vec<Header>,
    /// The auth that applies (the request's own, else the nearest folder's, else the
    /// collection's), as an index into `Api::auths`; `None` for no auth.
    pub auth: Option<usize>,
    /// An auth scheme that applies but that the client cannot perform (`digest`, `oauth1`...).
    pub unsupported_auth: Option<String>,
    pub body: Body,
    /// The saved examples: request body samples and responses by status.
    pub examples: Examples,
}

/// A URL split into what the client resolves at request time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlTemplate {
    /// `scheme://host[:port]` as a template; the scheme may be missing (then `http` is used).
    pub origin: String,
    pub path: Vec<Segment>,
    pub query: Vec<QueryParam>,
    /// The URL as Postman shows it, for documentation.
    pub display: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// Literal text of one segment (a template, not yet percent-encoded).
    Literal(String),
    /// A `:name` path variable, with the text that followed the name in the segment (`.json`).
    Param(PathParam),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathParam {
    pub name: String,
    pub suffix: String,
    /// `url.variable` value for this parameter, when the collection gives one.
    pub default: Option<String>,
    pub description: Option<Doc>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryParam {
    pub key: String,
    /// `None` sends the key alone (`?flag`); `Some("")` sends `?flag=`.
    pub value: Option<String>,
    pub enabled: bool,
    pub description: Option<Doc>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    pub name: String,
    pub value: String,
    pub enabled: bool,
    pub description: Option<Doc>,
}

/// The request body.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    None,
    /// A raw body that is JSON: typed from its sample. A body written with `{{variables}}`
    /// keeps its text as `template`, which the client sends by default (resolved); its sample
    /// has `null` where a variable stands for a value.
    Json {
        sample: serde_json::Value,
        shape: Shape,
        template: Option<String>,
    },
    /// Any other raw body, and GraphQL bodies: sent as text, with `{{variables}}` resolved.
    Text {
        template: String,
    },
    /// `application/x-www-form-urlencoded` fields, in order, duplicates kept.
    UrlEncoded {
        fields: Vec<FormField>,
    },
    /// `multipart/form-data` parts, in order.
    Multipart {
        parts: Vec<FormPart>,
    },
    /// A binary body read from a file (`src`), or empty when the collection names none.
    File {
        src: Option<String>,
    },
}

/// A urlencoded field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormField {
    pub key: String,
    pub value: String,
    pub enabled: bool,
    pub description: Option<Doc>,
}

/// A multipart part: text, or one or more files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormPart {
    pub key: String,
    pub value: PartValue,
    /// The part's own `Content-Type`, when the collection sets one.
    pub content_type: Option<String>,
    pub enabled: bool,
    pub description: Option<Doc>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PartValue {
    Text(String),
    /// Paths of the files to send (none chosen in the collection gives an empty list).
    Files(Vec<String>),
}
