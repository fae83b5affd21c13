//! Ordered name/value lists: query parameters, headers and urlencoded form fields, as a
//! request carries them before the client resolves and encodes them.

use super::error::Error;
use super::template::{self, Variables};

/// A text of a request: written in the collection (its `{{variables}}` are resolved when the
/// request is built) or given by the caller (sent exactly as given).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Text {
    /// Text from the collection, with `{{variables}}` to resolve.
    Template(&'static str),
    /// Text given by the caller, sent as it is.
    Given(String),
}

impl Text {
    /// The text as written, before resolution (what names are compared on).
    pub fn as_written(&self) -> &str {
        match self {
            Text::Template(text) => text,
            Text::Given(text) => text,
        }
    }

    /// The text to send: templates resolved with `variables`.
    ///
    /// # Errors
    ///
    /// When a template resolves to a text that is too long ([`template::MAX_LEN`]).
    pub fn resolve<V: Variables + ?Sized>(&self, variables: &V) -> Result<String, Error> {
        match self {
            Text::Template(text) => template::resolve(text, variables),
            Text::Given(text) => Ok(text.clone()),
        }
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text::Given(text.to_owned())
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Text::Given(text)
    }
}

/// Name/value pairs in order, duplicates allowed: query parameters, headers (names compared
/// without case) or urlencoded form fields. A request's `new` sets the collection's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params {
    pairs: Vec<(Text, Option<Text>)>,
    ignore_case: bool,
}

impl Params {
    /// No pairs, names compared exactly (query parameters, form fields).
    pub const fn new() -> Self {
        Params {
            pairs: Vec::new(),
            ignore_case: false,
        }
    }

    /// No pairs, names compared without case (headers).
    pub fn new_headers() -> Self {
        Params {
            pairs: Vec::new(),
            ignore_case: true,
        }
    }

    /// The collection's query parameters (or urlencoded form fields) written as a query string
    /// without its `?`: `limit=10&offset=0`, where a name alone (`debug`) is sent without `=`.
    /// Names hold no `&` or `=`, values no `&`; [`Params::query_pairs`] takes any text.
    pub fn query(query: &'static str) -> Self {
        let pairs = query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| match pair.split_once('=') {
                Some((name, value)) => (Text::Template(name), Some(Text::Template(value))),
                None => (Text::Template(pair), None),
            })
            .collect();
        Params {
            pairs,
            ignore_case: false,
        }
    }

    /// The collection's query parameters or form fields as pairs (`None`: the name alone).
    pub fn query_pairs(pairs: &[(&'static str, Option<&'static str>)]) -> Self {
        let pairs = pairs
            .iter()
            .map(|(name, value)| (Text::Template(name), value.map(Text::Template)))
            .collect();
        Params {
            pairs,
            ignore_case: false,
        }
    }

    /// The collection's headers written one per line as `Name: value`. Names hold no `:` and
    /// no line break, values no line break; [`Params::header_pairs`] takes any text.
    pub fn headers(headers: &'static str) -> Self {
        let pairs = headers
            .split('\n')
            .filter(|line| !line.is_empty())
            .map(|line| {
                let (name, value) = line.split_once(':').unwrap_or((line, ""));
                let value = value.strip_prefix(' ').unwrap_or(value);
                (Text::Template(name), Some(Text::Template(value)))
            })
            .collect();
        Params {
            pairs,
            ignore_case: true,
        }
    }

    /// The collection's headers as pairs.
    pub fn header_pairs(pairs: &[(&'static str, &'static str)]) -> Self {
        let pairs = pairs
            .iter()
            .map(|(name, value)| (Text::Template(name), Some(Text::Template(value))))
            .collect();
        Params {
            pairs,
            ignore_case: true,
        }
    }

    fn same(&self, key: &Text, name: &str) -> bool {
        if self.ignore_case {
            key.as_written().eq_ignore_ascii_case(name)
        } else {
            key.as_written() == name
        }
    }

    /// Sets `name` to `value`: replaces the first pair of that name and removes the others,
    /// or appends the pair when there is none.
    pub fn set(&mut self, name: impl Into<String>, value: impl Into<String>) -> &mut Self {
        let name = name.into();
        let mut value = Some(Text::Given(value.into()));
        let mut found = false;
        let mut pairs = std::mem::take(&mut self.pairs);
        pairs.retain_mut(|(key, slot)| {
            if !self.same(key, &name) {
                return true;
            }
            if found {
                return false;
            }
            found = true;
            *slot = value.take();
            true
        });
        self.pairs = pairs;
        if !found {
            self.pairs.push((Text::Given(name), value));
        }
        self
    }

    /// Appends a pair, keeping any others of the same name; `None` sends the name alone.
    pub fn append(&mut self, name: impl Into<String>, value: Option<String>) -> &mut Self {
        self.pairs
            .push((Text::Given(name.into()), value.map(Text::Given)));
        self
    }

    /// Removes every pair named `name`.
    pub fn remove(&mut self, name: &str) -> &mut Self {
        let mut pairs = std::mem::take(&mut self.pairs);
        pairs.retain(|(key, _)| !self.same(key, name));
        self.pairs = pairs;
        self
    }

    /// The value of the first pair named `name`, as written (templates unresolved).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(key, _)| self.same(key, name))
            .map(|(_, value)| value.as_ref().map_or("", Text::as_written))
    }

    /// The pairs, in order.
    pub fn iter(&self) -> impl Iterator<Item = &(Text, Option<Text>)> {
        self.pairs.iter()
    }

    /// How many pairs there are.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether there are no pairs.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(params: &Params) -> Vec<(String, Option<String>)> {
        params
            .iter()
            .map(|(key, value)| {
                (
                    key.as_written().to_owned(),
                    value.as_ref().map(|v| v.as_written().to_owned()),
                )
            })
            .collect()
    }

    fn pair(name: &str, value: Option<&str>) -> (String, Option<String>) {
        (name.to_owned(), value.map(str::to_owned))
    }

    #[test]
    fn a_query_string_gives_its_pairs_in_order() {
        let query = Params::query("limit=10&debug&empty=&eq=a=b&limit=20");
        assert_eq!(
            written(&query),
            [
                pair("limit", Some("10")),
                pair("debug", None),
                pair("empty", Some("")),
                pair("eq", Some("a=b")),
                pair("limit", Some("20")),
            ]
        );
        assert!(Params::query("").is_empty());
    }

    #[test]
    fn header_lines_split_at_the_first_colon() {
        let headers = Params::headers("Authorization: Bearer {{token}}\nX-Time: 12:30\nX-Empty: ");
        assert_eq!(
            written(&headers),
            [
                pair("Authorization", Some("Bearer {{token}}")),
                pair("X-Time", Some("12:30")),
                pair("X-Empty", Some("")),
            ]
        );
    }

    #[test]
    fn set_replaces_the_first_and_removes_the_rest_header_names_without_case() {
        let mut headers = Params::headers("Accept: a\nX-Id: 1\naccept: b");
        headers.set("ACCEPT", "c");
        assert_eq!(
            written(&headers),
            [pair("Accept", Some("c")), pair("X-Id", Some("1"))]
        );
        let mut query = Params::query("a=1&A=2");
        query.set("a", "3").append("a", None);
        assert_eq!(
            written(&query),
            [pair("a", Some("3")), pair("A", Some("2")), pair("a", None)]
        );
        query.remove("a");
        assert_eq!(written(&query), [pair("A", Some("2"))]);
        assert_eq!(query.get("A"), Some("2"));
    }
}
