//! Auth: the scheme that applies to a request (its own, else the nearest folder's, else the
//! collection's) with the parameters the runtime applies it with, as templates.

use serde_json::Value;

use super::scalar_text;
use crate::model::Auth;

/// Whether `auth` decides the request's auth: a valid `type` other than `inherit`.
pub fn is_set(auth: Option<&Value>) -> bool {
    kind(auth).is_some_and(|kind| kind != "inherit")
}

fn kind(auth: Option<&Value>) -> Option<&str> {
    auth?.get("type")?.as_str().filter(|kind| !kind.is_empty())
}

/// The schemes the runtime applies, with the parameters it reads.
const APPLIED: &[(&str, &[&str])] = &[
    ("bearer", &["token"]),
    ("basic", &["username", "password"]),
    ("apikey", &["key", "value", "in"]),
    (
        "oauth2",
        &[
            "accessToken",
            "addTokenTo",
            "tokenType",
            "headerPrefix",
            "grant_type",
            "accessTokenUrl",
            "refreshTokenUrl",
            "clientId",
            "clientSecret",
            "username",
            "password",
            "scope",
            "client_authentication",
            "refreshToken",
        ],
    ),
];

/// The schemes the runtime signs the formed request with; their parameters are all kept.
const SIGNED: &[&str] = &["oauth1", "awsv4", "hawk", "digest"];

/// Whether the runtime applies the scheme `kind`.
pub fn is_applied(kind: &str) -> bool {
    APPLIED.iter().any(|(scheme, _)| *scheme == kind) || SIGNED.contains(&kind)
}

/// What the runtime cannot do with `auth`, a scheme it applies: OAuth 1.0 signed with RSA,
/// which needs a private key (the runtime signs with HMAC and PLAINTEXT only).
pub fn unsupported_variant(auth: &Auth) -> Option<String> {
    let method = auth
        .params
        .iter()
        .find(|(key, _)| key == "signatureMethod")
        .map(|(_, value)| value.as_str())?;
    (auth.scheme == "oauth1" && method.to_ascii_uppercase().starts_with("RSA"))
        .then(|| format!("oauth1` with `{method}"))
}

/// The scheme's parameters in the collection's order: v2.1 writes a list of `{key, value}`,
/// v2.0 an object. A parameter without a value (`null`, or none) is left out, as
/// postman-runtime reads it as absent; the first of two of the same name is kept.
fn params(auth: &Value, scheme: &str) -> Vec<(String, String)> {
    let pairs: Vec<(&str, &Value)> = match auth.get(scheme) {
        Some(Value::Array(entries)) => entries
            .iter()
            .filter_map(|entry| Some((entry.get("key")?.as_str()?, entry.get("value")?)))
            .collect(),
        Some(Value::Object(params)) => params.iter().map(|(k, v)| (k.as_str(), v)).collect(),
        _ => Vec::new(),
    };
    let wanted = APPLIED
        .iter()
        .find(|(known, _)| *known == scheme)
        .map(|(_, wanted)| *wanted);
    let mut out: Vec<(String, String)> = Vec::new();
    for (key, value) in pairs {
        if scheme == "oauth2" && EXTRA_PARAMS.contains(&key) {
            out.extend(extra_params(key, value));
            continue;
        }
        if wanted.is_some_and(|wanted| !wanted.contains(&key)) || out.iter().any(|(k, _)| k == key)
        {
            continue;
        }
        if let Some(text) = scalar_text(value) {
            out.push((key.to_owned(), text));
        }
    }
    out
}

/// The OAuth 2 lists of extra parameters ("Advanced options") that the runtime sends with a
/// token request it makes: with the request for a token, and with the request that renews it.
const EXTRA_PARAMS: &[&str] = &["tokenRequestParams", "refreshRequestParams"];

/// The enabled entries of an OAuth 2 list of extra parameters (`[{key, value, enabled,
/// send_as}]`), each as one parameter named `LIST:PLACE:KEY`, where PLACE is `body`, `header`
/// or `url` (`send_as` `request_body`, `request_header`, `request_url`; the body when it says
/// none). The runtime reads them back by that prefix; a key may come more than once.
fn extra_params(list: &str, value: &Value) -> Vec<(String, String)> {
    let Value::Array(entries) = value else {
        return Vec::new();
    };
    entries
        .iter()
        .filter(|entry| entry.get("enabled") != Some(&Value::Bool(false)))
        .filter_map(|entry| {
            let key = entry.get("key")?.as_str().filter(|key| !key.is_empty())?;
            let value = scalar_text(entry.get("value")?)?;
            let place = match entry.get("send_as").and_then(Value::as_str) {
                Some("request_header") => "header",
                Some("request_url") => "url",
                _ => "body",
            };
            Some((format!("{list}:{place}:{key}"), value))
        })
        .collect()
}

/// The decisive `auth` object as the model's auth: `None` for no auth (`noauth`, or none).
pub fn lower(auth: Option<&Value>) -> Option<Auth> {
    let (Some(auth), Some(kind)) = (auth, kind(auth)) else {
        return None;
    };
    match kind {
        "noauth" | "inherit" => None,
        scheme => Some(Auth {
            scheme: scheme.to_owned(),
            params: params(auth, scheme),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn auth(scheme: &str, params: &[(&str, &str)]) -> Option<Auth> {
        Some(Auth {
            scheme: scheme.to_owned(),
            params: params
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        })
    }

    #[test]
    fn parameters_are_read_from_both_formats_keeping_what_the_runtime_reads() {
        let bearer = json!({"type": "bearer", "bearer": [
            {"key": "token", "value": "{{tok}}", "type": "string"}, {"key": "other", "value": "x"}]});
        assert_eq!(
            lower(Some(&bearer)),
            auth("bearer", &[("token", "{{tok}}")])
        );
        let basic_v20 = json!({"type": "basic", "basic": {"username": "u2", "password": "p2", "saveHelperData": true}});
        assert_eq!(
            lower(Some(&basic_v20)),
            auth("basic", &[("username", "u2"), ("password", "p2")])
        );
        let oauth2 = json!({"type": "oauth2", "oauth2": [
            {"key": "headerPrefix", "value": null}, {"key": "accessToken", "value": "at"},
            {"key": "accessToken", "value": "second"}, {"key": "tokenName", "value": "n"},
            {"key": "useBrowser", "value": false}, {"key": "addTokenTo", "value": "header"}]});
        assert_eq!(
            lower(Some(&oauth2)),
            auth("oauth2", &[("accessToken", "at"), ("addTokenTo", "header")])
        );
        // Extra token request parameters: the enabled ones, each where it is sent.
        let extra = json!({"type": "oauth2", "oauth2": [
            {"key": "grant_type", "value": "client_credentials"},
            {"key": "tokenRequestParams", "value": [
                {"key": "audience", "value": "{{audience}}", "enabled": true, "send_as": "request_body"},
                {"key": "resource", "value": "r1"}, {"key": "resource", "value": "r2"},
                {"key": "off", "value": "x", "enabled": false, "send_as": "request_body"},
                {"key": "X-Tenant", "value": "t", "enabled": true, "send_as": "request_header"},
                {"key": "", "value": "no key"}]},
            {"key": "refreshRequestParams", "value": [
                {"key": "via", "value": "url", "send_as": "request_url"}]},
            {"key": "authRequestParams", "value": [{"key": "prompt", "value": "login"}]}]});
        assert_eq!(
            lower(Some(&extra)),
            auth(
                "oauth2",
                &[
                    ("grant_type", "client_credentials"),
                    ("tokenRequestParams:body:audience", "{{audience}}"),
                    ("tokenRequestParams:body:resource", "r1"),
                    ("tokenRequestParams:body:resource", "r2"),
                    ("tokenRequestParams:header:X-Tenant", "t"),
                    ("refreshRequestParams:url:via", "url"),
                ]
            )
        );
        // A scheme the runtime signs with keeps every parameter.
        let hawk = json!({"type": "hawk", "hawk": [{"key": "authId", "value": "id"}, {"key": "delegation", "value": 1}]});
        assert_eq!(
            lower(Some(&hawk)),
            auth("hawk", &[("authId", "id"), ("delegation", "1")])
        );
    }

    #[test]
    fn noauth_inherit_and_null_are_told_apart() {
        assert!(is_set(Some(&json!({"type": "noauth"}))));
        assert!(!is_set(Some(&json!({"type": "inherit"}))));
        assert!(!is_set(Some(&Value::Null)));
        assert!(!is_set(None));
        assert_eq!(lower(Some(&json!({"type": "noauth"}))), None);
        assert!(is_applied("apikey") && is_applied("digest") && !is_applied("ntlm"));
        let rsa = lower(Some(
            &json!({"type": "oauth1", "oauth1": {"signatureMethod": "RSA-SHA256"}}),
        ));
        assert_eq!(
            rsa.as_ref().and_then(unsupported_variant).as_deref(),
            Some("oauth1` with `RSA-SHA256")
        );
        let hmac = lower(Some(
            &json!({"type": "oauth1", "oauth1": {"signatureMethod": "HMAC-SHA1"}}),
        ));
        assert_eq!(hmac.as_ref().and_then(unsupported_variant), None);
    }
}
