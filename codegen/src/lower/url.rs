//! URLs: the string form and the object form of `url` to a URL template.
//!
//! As in Postman's runtime, an object's parts win over its `raw`; `raw` is parsed only when the
//! object has no parts. Fragments are never sent and are dropped.

use crate::input::postman::{Host, PathDef, PathSegment, QueryParam as RawQuery, Url, UrlDef};
use crate::model::{PathParam, QueryParam, Segment, UrlTemplate};

use super::{description, text};

pub fn lower_url(url: Option<&UrlDef>) -> UrlTemplate {
    match url {
        None => parse_string(""),
        Some(UrlDef::Raw(raw)) => parse_string(raw),
        Some(UrlDef::Parts(parts)) if has_parts(parts) => from_parts(parts),
        Some(UrlDef::Parts(parts)) => {
            let mut template = parse_string(text(&parts.raw).unwrap_or_default());
            apply_path_defaults(&mut template, parts);
            template
        }
    }
}

fn has_parts(url: &Url) -> bool {
    url.host.is_some() || url.path.is_some() || url.protocol.0.is_some()
}

fn from_parts(url: &Url) -> UrlTemplate {
    let host = match &url.host {
        Some(Host::Joined(host)) => host.clone(),
        Some(Host::Labels(labels)) => labels
            .iter()
            .filter_map(|label| label.0.as_deref())
            .collect::<Vec<_>>()
            .join("."),
        None => String::new(),
    };
    let mut origin = match text(&url.protocol) {
        Some(protocol) if !protocol.is_empty() => format!("{protocol}://{host}"),
        _ => host,
    };
    if let Some(port) = text(&url.port).filter(|port| !port.is_empty()) {
        origin.push(':');
        origin.push_str(port);
    }
    let segments: Vec<String> = match &url.path {
        Some(PathDef::Joined(path)) => split_path(path),
        Some(PathDef::Segments(segments)) => segments
            .iter()
            .map(|segment| match segment {
                PathSegment::Text(value) | PathSegment::Object { value } => {
                    value.0.clone().unwrap_or_default()
                }
            })
            .collect(),
        None => Vec::new(),
    };
    let query = url.query.iter().flatten().map(lower_query).collect();
    let mut template = UrlTemplate {
        origin,
        path: segments.iter().map(|s| segment(s)).collect(),
        query,
        display: String::new(),
    };
    template.display = text(&url.raw)
        .map(str::to_owned)
        .unwrap_or_else(|| display(&template));
    apply_path_defaults(&mut template, url);
    template
}

fn lower_query(param: &RawQuery) -> QueryParam {
    QueryParam {
        key: param.key.0.clone().unwrap_or_default(),
        value: param.value.0.clone(),
        enabled: !param.disabled.0,
        description: param.description.as_ref().and_then(description),
    }
}

/// Parses a URL written as one string, the way Postman's URL parser splits it.
fn parse_string(raw: &str) -> UrlTemplate {
    let raw = raw.trim();
    let without_hash = raw.split('#').next().unwrap_or_default();
    let (before_query, query) = match without_hash.split_once('?') {
        Some((before, query)) => (before, Some(query)),
        None => (without_hash, None),
    };
    let (scheme, rest) = match before_query.split_once("://") {
        Some((scheme, rest)) if is_scheme(scheme) => (Some(scheme), rest),
        _ => (None, before_query),
    };
    let (authority, path) = match rest.find('/') {
        Some(slash) => (
            rest.get(..slash).unwrap_or(rest),
            rest.get(slash..).unwrap_or(""),
        ),
        None => (rest, ""),
    };
    let origin = match scheme {
        Some(scheme) => format!("{scheme}://{authority}"),
        None => authority.to_owned(),
    };
    let query = query
        .into_iter()
        .flat_map(|query| query.split('&'))
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = match pair.split_once('=') {
                Some((key, value)) => (key, Some(value.to_owned())),
                None => (pair, None),
            };
            QueryParam {
                key: key.to_owned(),
                value,
                enabled: true,
                description: None,
            }
        })
        .collect();
    UrlTemplate {
        origin,
        path: split_path(path).iter().map(|s| segment(s)).collect(),
        query,
        display: raw.to_owned(),
    }
}

fn is_scheme(scheme: &str) -> bool {
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn split_path(path: &str) -> Vec<String> {
    let path = path.strip_prefix('/').unwrap_or(path);
    if path.is_empty() {
        return Vec::new();
    }
    path.split('/').map(str::to_owned).collect()
}

/// A segment starting with `:` is a path variable whose name runs to the first `.`.
fn segment(text: &str) -> Segment {
    match text.strip_prefix(':') {
        Some(rest) if !rest.is_empty() => {
            let (name, suffix) = match rest.find('.') {
                Some(dot) => (
                    rest.get(..dot).unwrap_or(rest),
                    rest.get(dot..).unwrap_or(""),
                ),
                None => (rest, ""),
            };
            if name.is_empty() {
                return Segment::Literal(text.to_owned());
            }
            Segment::Param(PathParam {
                name: name.to_owned(),
                suffix: suffix.to_owned(),
                default: None,
                description: None,
            })
        }
        _ => Segment::Literal(text.to_owned()),
    }
}

fn apply_path_defaults(template: &mut UrlTemplate, url: &Url) {
    for variable in url.variable.iter().flatten() {
        let Some(key) = text(&variable.key).or_else(|| text(&variable.id)) else {
            continue;
        };
        for segment in &mut template.path {
            if let Segment::Param(param) = segment
                && param.name == key
            {
                param.default = variable.value.as_ref().and_then(super::scalar_text);
                param.description = variable.description.as_ref().and_then(description);
            }
        }
    }
}

fn display(template: &UrlTemplate) -> String {
    let mut out = template.origin.clone();
    for segment in &template.path {
        out.push('/');
        match segment {
            Segment::Literal(text) => out.push_str(text),
            Segment::Param(param) => {
                out.push(':');
                out.push_str(&param.name);
                out.push_str(&param.suffix);
            }
        }
    }
    for (index, param) in template.query.iter().filter(|q| q.enabled).enumerate() {
        out.push(if index == 0 { '?' } else { '&' });
        out.push_str(&param.key);
        if let Some(value) = &param.value {
            out.push('=');
            out.push_str(value);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_urls_split_into_origin_path_and_query() {
        let url = parse_string("https://{{host}}:8080/a/:id.json/b?x=1&flag&y=#frag");
        assert_eq!(url.origin, "https://{{host}}:8080");
        assert_eq!(url.path.len(), 3);
        let Segment::Param(param) = &url.path[1] else {
            panic!("expected a parameter, got {:?}", url.path[1]);
        };
        assert_eq!(
            (param.name.as_str(), param.suffix.as_str()),
            ("id", ".json")
        );
        let query: Vec<_> = url
            .query
            .iter()
            .map(|q| (q.key.as_str(), q.value.as_deref()))
            .collect();
        assert_eq!(query, [("x", Some("1")), ("flag", None), ("y", Some(""))]);
    }

    #[test]
    fn urls_without_scheme_keep_the_host_as_origin() {
        let url = parse_string("{{baseUrl}}/users");
        assert_eq!(url.origin, "{{baseUrl}}");
        assert_eq!(url.path, [Segment::Literal("users".into())]);
    }

    fn parts(value: serde_json::Value) -> UrlTemplate {
        let url: UrlDef = serde_json::from_value(value).unwrap_or(UrlDef::Raw(String::new()));
        lower_url(Some(&url))
    }

    #[test]
    fn hosts_and_paths_are_read_as_strings_or_lists() {
        let lists = parts(serde_json::json!({
            "protocol": "https", "host": ["api", "{{domain}}", "com"], "port": "8443",
            "path": ["v1", {"type": "string", "value": "users"}, ""], "unknown": {"ignored": true}
        }));
        assert_eq!(lists.origin, "https://api.{{domain}}.com:8443");
        assert_eq!(
            lists.path,
            [
                Segment::Literal("v1".into()),
                Segment::Literal("users".into()),
                Segment::Literal(String::new()),
            ]
        );
        let strings = parts(serde_json::json!({"host": "{{baseUrl}}", "path": "/v1/users/:id"}));
        assert_eq!(strings.origin, "{{baseUrl}}");
        assert_eq!(strings.path.len(), 3);
    }

    #[test]
    fn object_parts_win_over_raw_and_raw_is_used_without_parts() {
        let both = parts(
            serde_json::json!({"raw": "http://wrong.test/raw", "host": ["right", "test"], "path": ["p"]}),
        );
        assert_eq!(both.origin, "right.test");
        assert_eq!(both.path, [Segment::Literal("p".into())]);
        let raw_only = parts(serde_json::json!({"raw": "http://only.test/raw?x=1"}));
        assert_eq!(raw_only.origin, "http://only.test");
        assert_eq!(raw_only.query.len(), 1);
    }

    #[test]
    fn path_variable_values_become_documented_defaults() {
        let url = parts(serde_json::json!({
            "host": ["h"], "path": [":id"],
            "variable": [{"key": "id", "value": 42, "description": "The id."}]
        }));
        let Segment::Param(param) = &url.path[0] else {
            panic!("{:?}", url.path)
        };
        assert_eq!(param.default.as_deref(), Some("42"));
        assert_eq!(
            param.description.as_ref().map(|d| d.text.as_str()),
            Some("The id.")
        );
    }

    #[test]
    fn a_colon_alone_or_mid_segment_is_literal() {
        assert_eq!(segment(":"), Segment::Literal(":".into()));
        assert_eq!(segment("a:b"), Segment::Literal("a:b".into()));
    }
}
