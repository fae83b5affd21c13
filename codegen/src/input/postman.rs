//! A serde mirror of the Postman collection format (v2.0 and v2.1), as real exports write it.
//!
//! No logic lives here: these types only accept the shapes found in the wild (strings where the
//! schema wants objects, numbers where it wants strings, legacy keys) so that `lower` can decide
//! what they mean. Unknown keys are ignored.
//!
//! A value that may take several forms (a URL string or a URL object, ...) is told apart by its
//! JSON type as it is read, never by trying each form on a buffered copy: so an error inside it
//! keeps its own JSON path and place, and one of the wrong type names the forms it may take.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, MapAccess, SeqAccess, Visitor};
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
#[derive(Debug)]
pub enum RequestDef {
    Url(String),
    Full(Box<Request>),
}

impl<'de> Forms<'de> for RequestDef {
    const EXPECTED: &'static str = "a URL string or a request object";
    fn string<E: de::Error>(text: String) -> Result<Self, E> {
        Ok(RequestDef::Url(text))
    }
    fn object<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        Request::deserialize(MapAccessDeserializer::new(map)).map(|r| RequestDef::Full(Box::new(r)))
    }
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
#[derive(Debug)]
pub enum UrlDef {
    Raw(String),
    Parts(Box<Url>),
}

impl<'de> Forms<'de> for UrlDef {
    const EXPECTED: &'static str = "a URL string or a URL object";
    fn string<E: de::Error>(text: String) -> Result<Self, E> {
        Ok(UrlDef::Raw(text))
    }
    fn object<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        Url::deserialize(MapAccessDeserializer::new(map)).map(|url| UrlDef::Parts(Box::new(url)))
    }
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
#[derive(Debug)]
pub enum Host {
    Joined(String),
    Labels(Vec<Text>),
}

impl<'de> Forms<'de> for Host {
    const EXPECTED: &'static str = "a host string or a list of its labels";
    fn string<E: de::Error>(text: String) -> Result<Self, E> {
        Ok(Host::Joined(text))
    }
    fn array<A: SeqAccess<'de>>(seq: A) -> Result<Self, A::Error> {
        Vec::deserialize(SeqAccessDeserializer::new(seq)).map(Host::Labels)
    }
}

/// `path`: one string or the list of its segments.
#[derive(Debug)]
pub enum PathDef {
    Joined(String),
    Segments(Vec<PathSegment>),
}

impl<'de> Forms<'de> for PathDef {
    const EXPECTED: &'static str = "a path string or a list of its segments";
    fn string<E: de::Error>(text: String) -> Result<Self, E> {
        Ok(PathDef::Joined(text))
    }
    fn array<A: SeqAccess<'de>>(seq: A) -> Result<Self, A::Error> {
        Vec::deserialize(SeqAccessDeserializer::new(seq)).map(PathDef::Segments)
    }
}

/// A path segment: a scalar, or an object with its `value`.
#[derive(Debug)]
pub enum PathSegment {
    Text(Text),
    Object { value: Text },
}

impl<'de> Forms<'de> for PathSegment {
    const EXPECTED: &'static str = "a path segment string or an object with its `value`";
    fn string<E: de::Error>(text: String) -> Result<Self, E> {
        Ok(PathSegment::Text(Text(Some(text))))
    }
    fn other_scalar<E: de::Error>(text: Text, _: &str) -> Result<Self, E> {
        Ok(PathSegment::Text(text))
    }
    fn object<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        #[derive(Deserialize)]
        struct Segment {
            value: Text,
        }
        let segment = Segment::deserialize(MapAccessDeserializer::new(map))?;
        Ok(PathSegment::Object {
            value: segment.value,
        })
    }
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
#[derive(Debug)]
pub enum HeaderList {
    Lines(String),
    Entries(Vec<Header>),
}

impl<'de> Forms<'de> for HeaderList {
    const EXPECTED: &'static str = "a string or a list of header objects";
    fn string<E: de::Error>(text: String) -> Result<Self, E> {
        Ok(HeaderList::Lines(text))
    }
    fn array<A: SeqAccess<'de>>(seq: A) -> Result<Self, A::Error> {
        Vec::deserialize(SeqAccessDeserializer::new(seq)).map(HeaderList::Entries)
    }
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
#[derive(Debug)]
pub enum Description {
    Text(String),
    Object { content: Text, kind: Text },
}

impl<'de> Forms<'de> for Description {
    const EXPECTED: &'static str = "a string or an object with `content`";
    fn string<E: de::Error>(text: String) -> Result<Self, E> {
        Ok(Description::Text(text))
    }
    fn object<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        #[derive(Default, Deserialize)]
        #[serde(default)]
        struct Object {
            content: Text,
            #[serde(rename = "type")]
            kind: Text,
        }
        let object = Object::deserialize(MapAccessDeserializer::new(map))?;
        Ok(Description::Object {
            content: object.content,
            kind: object.kind,
        })
    }
}

/// Implements `Deserialize` through [`Forms`] for each type named.
macro_rules! deserialize_by_form {
    ($($name:ty),*) => {$(
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_any(ByForm(PhantomData))
            }
        }
    )*};
}

deserialize_by_form!(
    RequestDef,
    UrlDef,
    Host,
    PathDef,
    PathSegment,
    HeaderList,
    Description
);

/// A value of the format that takes one of several forms, told apart by its JSON type. Each
/// form it does not take is an error naming the ones it does ([`Forms::EXPECTED`]).
trait Forms<'de>: Sized {
    /// The forms, as an error message names them: "a string or a list of header objects".
    const EXPECTED: &'static str;

    fn string<E: de::Error>(_text: String) -> Result<Self, E> {
        Err(wrong_form(Self::EXPECTED, "a string"))
    }

    /// A number, a boolean or `null` (`found` says which), as [`Text`] reads it.
    fn other_scalar<E: de::Error>(_text: Text, found: &str) -> Result<Self, E> {
        Err(wrong_form(Self::EXPECTED, found))
    }

    fn array<A: SeqAccess<'de>>(_seq: A) -> Result<Self, A::Error> {
        Err(wrong_form(Self::EXPECTED, "a list"))
    }

    fn object<A: MapAccess<'de>>(_map: A) -> Result<Self, A::Error> {
        Err(wrong_form(Self::EXPECTED, "an object"))
    }
}

fn wrong_form<E: de::Error>(expected: &str, found: &str) -> E {
    E::custom(format_args!("expected {expected}, found {found}"))
}

/// Reads a [`Forms`] value by the JSON type of what comes.
struct ByForm<T>(PhantomData<T>);

impl<'de, T: Forms<'de>> Visitor<'de> for ByForm<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(T::EXPECTED)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        T::string(text.to_owned())
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<T, E> {
        T::string(text)
    }

    fn visit_bool<E: de::Error>(self, flag: bool) -> Result<T, E> {
        T::other_scalar(Text(Some(flag.to_string())), "a boolean")
    }

    fn visit_i64<E: de::Error>(self, number: i64) -> Result<T, E> {
        T::other_scalar(Text(Some(number.to_string())), "a number")
    }

    fn visit_u64<E: de::Error>(self, number: u64) -> Result<T, E> {
        T::other_scalar(Text(Some(number.to_string())), "a number")
    }

    fn visit_f64<E: de::Error>(self, number: f64) -> Result<T, E> {
        // Spelled as `Text` spells it, through serde_json's `Number` (`1.5e+21`).
        let text = serde_json::Number::from_f64(number).map(|n| n.to_string());
        T::other_scalar(Text(text), "a number")
    }

    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        T::other_scalar(Text(None), "null")
    }

    fn visit_none<E: de::Error>(self) -> Result<T, E> {
        self.visit_unit()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
        T::array(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::object(map)
    }
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
