//! Auth: the scheme that applies to a request (its own, else the nearest folder's, else the
//! collection's) turned into the header or query parameter Postman adds for it.

use serde_json::Value;

use super::scalar_text;

/// What an auth scheme adds to a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Applied {
    /// No auth (`noauth`, or none anywhere above).
    None,
    /// A header, replacing any header of the same name the request has.
    Header { name: String, value: String },
    /// `Authorization: Basic base64(username:password)`, encoded when the request is built
    /// because both may hold `{{variables}}`.
    Basic { username: String, password: String },
    /// A query parameter appended to the request's query.
    Query { key: String, value: String },
    /// A scheme the client cannot apply (it needs a handshake or a signature).
    Unsupported { kind: String },
}

/// Whether `auth` decides the request's auth: a valid `type` other than `inherit`.
pub fn is_set(auth: Option<&Value>) -> bool {
    kind(auth).is_some_and(|kind| kind != "inherit")
}

fn kind(auth: Option<&Value>) -> Option<&str> {
    auth?.get("type")?.as_str().filter(|kind| !kind.is_empty())
}

/// The parameter `key` of the scheme: v2.1 writes a list of `{key, value}`, v2.0 an object.
fn param(auth: &Value, scheme: &str, key: &str) -> Option<String> {
    match auth.get(scheme)? {
        Value::Array(entries) => entries
            .iter()
            .find(|entry| entry.get("key").and_then(Value::as_str) == Some(key))
            .and_then(|entry| entry.get("value"))
            .and_then(scalar_text),
        Value::Object(params) => params.get(key).and_then(scalar_text),
        _ => None,
    }
}

/// What the decisive `auth` object adds to a request.
pub fn apply(auth: Option<&Value>) -> Applied {
    let (Some(auth), Some(kind)) = (auth, kind(auth)) else {
        return Applied::None;
    };
    let get = |key: &str| param(auth, kind, key);
    match kind {
        "noauth" | "inherit" => Applied::None,
        "bearer" => Applied::Header {
            name: "Authorization".to_owned(),
            value: format!("Bearer {}", get("token").unwrap_or_default()),
        },
        "basic" => Applied::Basic {
            username: get("username").unwrap_or_default(),
            password: get("password").unwrap_or_default(),
        },
        "apikey" => {
            let key = get("key").unwrap_or_default();
            let value = get("value").unwrap_or_default();
            if get("in").as_deref() == Some("query") {
                Applied::Query { key, value }
            } else {
                Applied::Header { name: key, value }
            }
        }
        "oauth2" => {
            let token = get("accessToken").unwrap_or_default();
            if get("addTokenTo").as_deref() == Some("queryParams") {
                Applied::Query {
                    key: "access_token".to_owned(),
                    value: token,
                }
            } else {
                let prefix = get("headerPrefix").unwrap_or_else(|| "Bearer".to_owned());
                let value = if prefix.is_empty() {
                    token
                } else {
                    format!("{prefix} {token}")
                };
                Applied::Header {
                    name: "Authorization".to_owned(),
                    value,
                }
            }
        }
        other => Applied::Unsupported {
            kind: other.to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bearer_basic_apikey_and_oauth2_are_applied_as_postman_applies_them() {
        let bearer = json!({"type": "bearer", "bearer": [{"key": "token", "value": "{{tok}}"}]});
        assert_eq!(
            apply(Some(&bearer)),
            Applied::Header {
                name: "Authorization".into(),
                value: "Bearer {{tok}}".into()
            }
        );
        let basic_v20 = json!({"type": "basic", "basic": {"username": "u2", "password": "p2"}});
        assert_eq!(
            apply(Some(&basic_v20)),
            Applied::Basic {
                username: "u2".into(),
                password: "p2".into()
            }
        );
        let apikey = json!({"type": "apikey", "apikey": [
            {"key": "key", "value": "X-Key"}, {"key": "value", "value": "k v"}, {"key": "in", "value": "query"}]});
        assert_eq!(
            apply(Some(&apikey)),
            Applied::Query {
                key: "X-Key".into(),
                value: "k v".into()
            }
        );
        let oauth2 = json!({"type": "oauth2", "oauth2": [
            {"key": "accessToken", "value": "at"}, {"key": "headerPrefix", "value": "Token"}]});
        assert_eq!(
            apply(Some(&oauth2)),
            Applied::Header {
                name: "Authorization".into(),
                value: "Token at".into()
            }
        );
        let oauth2_query =
            json!({"type": "oauth2", "oauth2": {"accessToken": "at", "addTokenTo": "queryParams"}});
        assert_eq!(
            apply(Some(&oauth2_query)),
            Applied::Query {
                key: "access_token".into(),
                value: "at".into()
            }
        );
    }

    #[test]
    fn noauth_inherit_and_null_are_told_apart() {
        assert!(is_set(Some(&json!({"type": "noauth"}))));
        assert!(!is_set(Some(&json!({"type": "inherit"}))));
        assert!(!is_set(Some(&Value::Null)));
        assert!(!is_set(None));
        assert_eq!(apply(Some(&json!({"type": "noauth"}))), Applied::None);
    }

    #[test]
    fn schemes_that_need_a_handshake_are_unsupported() {
        for kind in [
            "digest", "oauth1", "hawk", "awsv4", "ntlm", "jwt", "edgegrid", "asap",
        ] {
            assert_eq!(
                apply(Some(&json!({"type": kind}))),
                Applied::Unsupported { kind: kind.into() }
            );
        }
    }
}
