//! A serde mirror of the Postman collection format (v2.0 and v2.1), as real exports write it.
//!
//! No logic lives here: these types only accept the shapes found in the wild (strings where the
//! schema wants objects, numbers where it wants strings, legacy keys) so that `lower` can decide
//! what they mean. Unknown keys are ignored.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A collection, a folder or a single request item: all three share one shape. A node with
/// `item` is a collection or folder; a node with `request` is a request item.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Node {
    pub info: Option<Info>,
    pub name: Text,
    pub description: Option<Description>,
    pub item: Option<Vec<Node>>,
    pub request: Option<RequestDef>,
    pub response: Option<Value>,
    pub variable: Option<Vec<Variable>>,
    pub auth: Option<Value>,
    pub event: Option<Value>,
    #[serde(rename = "protocolProfileBehavior")]
    pub protocol_profile_behavior: Option<Value>,
    /// Only v1 collections have this; kept to recognise them.
    pub requests: Option<Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Info {
    pub name: Text,
    pub schema: Text,
    pub description: Option<Description>,
}

/// `request`: a bare URL string (method GET) or an object.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RequestDef {
    Url(String),
    Full(Box<Request>),
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Request {
    pub url: Option<UrlDef>,
    pub method: Text,
    pub header: Option<HeaderList>,
    pub body: Option<Body>,
    pub auth: Option<Value>,
    pub description: Option<Description>,
}

/// `url`: a literal string or an object whose parts win over its `raw`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum UrlDef {
    Raw(String),
    Parts(Box<Url>),
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Url {
    pub raw: Text,
    pub protocol: Text,
    pub host: Option<Host>,
    pub port: Text,
    pub path: Option<PathDef>,
    pub query: Option<Vec<QueryParam>>,
    pub variable: Option<Vec<Variable>>,
}

/// `host`: one string (split on dots outside `{{ }}`) or the list of its labels.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Host {
    Joined(String),
    Labels(Vec<Text>),
}

/// `path`: one string or the list of its segments.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum PathDef {
    Joined(String),
    Segments(Vec<PathSegment>),
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum PathSegment {
    Text(Text),
    Object { value: Text },
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct QueryParam {
    pub key: Text,
    pub value: Text,
    pub disabled: Flag,
    pub description: Option<Description>,
}

/// `header`: a list of entries, or one string of `Name: value` lines.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum HeaderList {
    Lines(String),
    Entries(Vec<Header>),
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Header {
    pub key: Text,
    /// Legacy spelling of `key`.
    pub name: Text,
    pub value: Text,
    pub disabled: Flag,
    pub description: Option<Description>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Variable {
    pub key: Text,
    /// Legacy spelling of `key`.
    pub id: Text,
    pub value: Option<Value>,
    pub disabled: Flag,
    pub description: Option<Description>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Body {
    pub mode: Text,
    pub raw: Text,
    pub urlencoded: Option<Value>,
    pub formdata: Option<Value>,
    pub file: Option<Value>,
    pub graphql: Option<Value>,
    pub disabled: Flag,
    pub options: Option<Value>,
}

/// A description: a string, or `{content, type}` where `type` hints at HTML or Markdown.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Description {
    Text(String),
    Object {
        #[serde(default)]
        content: Text,
        #[serde(default, rename = "type")]
        kind: Text,
    },
}

/// A scalar read leniently: strings as they are, numbers and booleans as their JSON text,
/// `null` or absent as nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text(pub Option<String>);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Value::deserialize(deserializer)? {
            Value::Null => Ok(Text(None)),
            Value::String(text) => Ok(Text(Some(text))),
            Value::Number(number) => Ok(Text(Some(number.to_string()))),
            Value::Bool(flag) => Ok(Text(Some(flag.to_string()))),
            Value::Array(_) => Err(serde::de::Error::custom(
                "expected a string, found an array",
            )),
            Value::Object(_) => Err(serde::de::Error::custom(
                "expected a string, found an object",
            )),
        }
    }
}

/// `disabled`: a boolean, also accepted as the strings `"true"`/`"false"`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flag(pub bool);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Flag(match Value::deserialize(deserializer)? {
            Value::Bool(flag) => flag,
            Value::String(text) => text.eq_ignore_ascii_case("true"),
            _ => false,
        }))
    }
}
