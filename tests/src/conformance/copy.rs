//! The copy of a collection that newman runs: every request pointed at the recorder (keeping
//! any path prefix the origin carries, such as `/v3` in a `{{baseUrl}}` of
//! `https://host/v3`), scripts dropped (the client does not run them, by design), and the
//! requests that are left out removed.

use serde_json::Value;

/// `collection` (a collection, or a single request item) as newman should run it against
/// `authority`, without the requests at the ordinals in `excluded`; `values` are the
/// variables' values, used to find the path prefix of origins written with variables.
pub fn newman_copy(
    collection: &str,
    authority: &str,
    excluded: &[usize],
    values: &[(String, String)],
) -> Value {
    let mut copy: Value = serde_json::from_str(collection).unwrap_or_else(|err| panic!("{err}"));
    if copy.get("item").is_none() {
        // newman runs collections only: wrap a single request item in one.
        copy = serde_json::json!({"info": {"name": "item"}, "item": [copy]});
    }
    let mut context = Context {
        authority,
        excluded,
        values,
        ordinal: 0,
    };
    context.prune(&mut copy);
    copy
}

struct Context<'a> {
    authority: &'a str,
    excluded: &'a [usize],
    values: &'a [(String, String)],
    ordinal: usize,
}

impl Context<'_> {
    fn prune(&mut self, node: &mut Value) {
        let Some(object) = node.as_object_mut() else {
            return;
        };
        object.remove("event");
        explicit_inherit_as_null(object);
        let Some(Value::Array(items)) = object.get_mut("item") else {
            return;
        };
        let mut kept = Vec::new();
        for mut item in std::mem::take(items) {
            let is_request = item.get("request").is_some() && item.get("item").is_none();
            if is_request {
                let this = self.ordinal;
                self.ordinal += 1;
                if self.excluded.contains(&this) {
                    continue;
                }
                self.point_at_recorder(&mut item);
                if let Some(object) = item.as_object_mut() {
                    object.remove("event");
                }
                if let Some(request) = item.get_mut("request").and_then(Value::as_object_mut) {
                    explicit_inherit_as_null(request);
                }
            } else {
                self.prune(&mut item);
            }
            kept.push(item);
        }
        *items = kept;
    }

    fn point_at_recorder(&self, item: &mut Value) {
        let request = &mut item["request"];
        if let Some(url) = request.as_str().map(str::to_owned) {
            *request = serde_json::json!({"method": "GET", "url": url});
        }
        let (host, port) = self
            .authority
            .split_once(':')
            .unwrap_or((self.authority, ""));
        let url = &mut request["url"];
        match url {
            Value::String(raw) => *raw = self.with_origin(raw),
            Value::Object(parts) if parts.contains_key("host") || parts.contains_key("path") => {
                let written = match parts.get("host") {
                    Some(Value::Array(labels)) => labels
                        .iter()
                        .map(|label| {
                            label
                                .as_str()
                                .map_or_else(|| label.to_string(), str::to_owned)
                        })
                        .collect::<Vec<_>>()
                        .join("."),
                    Some(Value::String(host)) => host.clone(),
                    _ => String::new(),
                };
                let prefix = self.path_prefix(&written);
                parts.insert("protocol".into(), "http".into());
                parts.insert("host".into(), serde_json::json!([host]));
                parts.insert("port".into(), port.into());
                if !prefix.is_empty() {
                    let path = match parts.remove("path") {
                        Some(Value::Array(segments)) => {
                            let mut all: Vec<Value> = prefix
                                .trim_matches('/')
                                .split('/')
                                .map(|segment| Value::String(segment.to_owned()))
                                .collect();
                            all.extend(segments);
                            Value::Array(all)
                        }
                        Some(Value::String(path)) => {
                            Value::String(format!("{}/{}", prefix, path.trim_start_matches('/')))
                        }
                        _ => Value::String(prefix),
                    };
                    parts.insert("path".into(), path);
                }
            }
            Value::Object(parts) => {
                if let Some(raw) = parts.get("raw").and_then(Value::as_str) {
                    let raw = self.with_origin(raw);
                    parts.insert("raw".into(), raw.into());
                }
            }
            _ => {}
        }
    }

    /// `raw` with its `scheme://host:port` (or leading host) replaced by the recorder's, and
    /// the path prefix its host carries kept.
    fn with_origin(&self, raw: &str) -> String {
        let rest = raw.split_once("://").map_or(raw, |(_, rest)| rest);
        let end = rest.find(['/', '?']).unwrap_or(rest.len());
        let prefix = self.path_prefix(&rest[..end]);
        format!("http://{}{prefix}{}", self.authority, &rest[end..])
    }

    /// The path that `host`, resolved with the variables' values, carries after its
    /// authority: `/v3` for `{{baseUrl}}` = `https://host/v3`.
    fn path_prefix(&self, host: &str) -> String {
        let resolved = self.resolve(host);
        let rest = resolved
            .split_once("://")
            .map_or(resolved.as_str(), |(_, rest)| rest);
        let path = rest.find('/').map_or("", |index| &rest[index..]);
        path.trim_end_matches('/').to_owned()
    }

    /// `text` with `{{name}}` replaced by the values, as newman replaces them (recursively, a
    /// bounded number of rounds).
    fn resolve(&self, text: &str) -> String {
        let mut text = text.to_owned();
        for _ in 0..19 {
            let before = text.clone();
            for (name, value) in self.values {
                text = text.replace(&format!("{{{{{name}}}}}"), value);
            }
            if text == before {
                break;
            }
        }
        text
    }
}

/// A deliberate difference: `{"type": "inherit"}` inherits in the generated client (as the
/// format's authors mean it), while newman reads it as an unknown scheme and sends no auth.
/// newman is given `null`, which it reads as "inherit".
fn explicit_inherit_as_null(object: &mut serde_json::Map<String, Value>) {
    if object
        .get("auth")
        .and_then(|auth| auth.get("type"))
        .and_then(Value::as_str)
        == Some("inherit")
    {
        object.insert("auth".into(), Value::Null);
    }
}

/// A Postman environment file setting each variable to its value, which newman and the
/// driver both load.
pub fn environment(values: &[(String, String)]) -> Value {
    let values: Vec<Value> = values
        .iter()
        .map(|(key, value)| serde_json::json!({"key": key, "value": value, "enabled": true}))
        .collect();
    serde_json::json!({"name": "conformance", "values": values})
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_path_prefix_in_an_origin_variable_is_kept() {
        let values = vec![("baseUrl".to_owned(), "https://host.test/v3/".to_owned())];
        let collection = r#"{"item": [
            {"request": {"url": {"host": ["{{baseUrl}}"], "path": ["users"]}}},
            {"request": "{{baseUrl}}/teams?x=1"},
            {"request": {"url": {"host": ["api", "test"], "path": ["a"]}}}
        ]}"#;
        let copy = super::newman_copy(collection, "127.0.0.1:9", &[], &values);
        assert_eq!(
            copy["item"][0]["request"]["url"]["path"],
            serde_json::json!(["v3", "users"])
        );
        assert_eq!(
            copy["item"][1]["request"]["url"],
            "http://127.0.0.1:9/v3/teams?x=1"
        );
        assert_eq!(
            copy["item"][2]["request"]["url"]["path"],
            serde_json::json!(["a"])
        );
        assert_eq!(
            copy["item"][2]["request"]["url"]["host"],
            serde_json::json!(["127.0.0.1"])
        );
    }
}
