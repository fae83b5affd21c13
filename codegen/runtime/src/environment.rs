//! Values for a collection's variables from outside the code: a Postman environment file, or
//! the process's environment variables; and keeping secret values out of `Debug` output.

use std::fmt;

use super::error::Error;
use super::template::Variables;

/// What loading values did: the variables it set, and the names it was given that the
/// collection does not use (so that a typo is reported, not ignored).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    /// The collection's names of the variables that were set, in the order they were read.
    pub set: Vec<String>,
    /// Names given that the collection does not use: an environment file's keys, or
    /// environment variables with the prefix.
    pub unknown: Vec<String>,
    /// The variables an environment file marks `"type": "secret"`.
    pub secrets: Vec<String>,
}

/// Sets `variables` from a Postman environment file's JSON (`{"values": [{"key", "value",
/// "enabled", "type"}]}`), as newman does: enabled values only, and they win over the
/// collection's own values.
///
/// # Errors
///
/// When the text is not an environment file.
pub fn load_environment<V: Variables + ?Sized>(
    variables: &mut V,
    json: &str,
) -> Result<Loaded, Error> {
    let file: serde_json::Value = serde_json::from_str(json)
        .map_err(|err| Error::build_with("the environment file is not JSON", err))?;
    let values = file
        .get("values")
        .and_then(serde_json::Value::as_array)
        .ok_or_else(|| Error::build("the environment file has no \"values\" list"))?;
    let mut loaded = Loaded::default();
    for entry in values {
        let Some(key) = entry.get("key").and_then(serde_json::Value::as_str) else {
            continue;
        };
        if entry.get("enabled").and_then(serde_json::Value::as_bool) == Some(false) {
            continue;
        }
        let value = match entry.get("value") {
            Some(serde_json::Value::String(text)) => text.clone(),
            Some(serde_json::Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        };
        if entry.get("type").and_then(serde_json::Value::as_str) == Some("secret") {
            loaded.secrets.push(key.to_owned());
        }
        if variables.set(key, value) {
            loaded.set.push(key.to_owned());
        } else {
            loaded.unknown.push(key.to_owned());
        }
    }
    Ok(loaded)
}

/// Sets `variables` from the process's environment: the collection's variable `baseUrl` is
/// read from `{prefix}BASE_URL` (see [`env_var_name`]). Environment variables that start with
/// `prefix` but name no variable of the collection are reported in [`Loaded::unknown`].
pub fn load_env_vars<V: Variables + ?Sized>(variables: &mut V, prefix: &str) -> Loaded {
    let vars = std::env::vars_os()
        .filter_map(|(key, value)| Some((key.into_string().ok()?, value.into_string().ok()?)));
    load_env_vars_from(variables, prefix, vars)
}

/// [`load_env_vars`] from the environment `vars` instead of the process's.
pub fn load_env_vars_from<V: Variables + ?Sized>(
    variables: &mut V,
    prefix: &str,
    vars: impl IntoIterator<Item = (String, String)>,
) -> Loaded {
    let names = variables.names();
    let wanted: Vec<(String, &str)> = names
        .iter()
        .map(|name| (env_var_name(prefix, name), *name))
        .collect();
    let mut found: Vec<(&str, String)> = Vec::new();
    let mut loaded = Loaded::default();
    for (key, value) in vars {
        match wanted.iter().find(|(env_name, _)| *env_name == key) {
            Some((_, name)) => found.push((name, value)),
            None if !prefix.is_empty() && key.starts_with(prefix) => loaded.unknown.push(key),
            None => {}
        }
    }
    // In the collection's order, whatever the environment's.
    for name in names {
        let value = found.iter().find(|(found, _)| found == name);
        if value.is_some_and(|(_, value)| variables.set(name, value.clone())) {
            loaded.set.push((*name).to_owned());
        }
    }
    loaded.unknown.sort();
    loaded
}

/// The environment variable a collection's variable is read from: `prefix` and the name in
/// upper snake case, `_` for anything but letters and digits (`baseUrl` → `BASE_URL`,
/// `auth0_token` → `AUTH0_TOKEN`, `api-key` → `API_KEY`).
pub fn env_var_name(prefix: &str, name: &str) -> String {
    let mut out = String::from(prefix);
    let mut previous: Option<char> = None;
    for c in name.chars() {
        if c.is_ascii_uppercase()
            && previous.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit())
        {
            out.push('_');
        }
        out.push(if c.is_ascii_alphanumeric() {
            c.to_ascii_uppercase()
        } else {
            '_'
        });
        previous = Some(c);
    }
    out
}

/// Whether a variable's name says it holds a secret: one of its words (`clientSecret` is
/// `client` and `secret`) is or ends in `token`, `secret`, `password`, `key`, or is `auth`,
/// `authorization`, `credential(s)`, `cookie`, `session`, `jwt` or `bearer`. Its value is shown
/// as `<redacted>` in `Debug` output.
pub fn looks_secret(name: &str) -> bool {
    const ENDINGS: &[&str] = &["token", "secret", "password", "passwd", "key"];
    const WORDS: &[&str] = &[
        "auth",
        "authorization",
        "credential",
        "credentials",
        "cookie",
        "session",
        "jwt",
        "bearer",
        "pwd",
    ];
    words(name).iter().any(|word| {
        WORDS.contains(&word.as_str()) || ENDINGS.iter().any(|ending| word.ends_with(ending))
    })
}

/// The lower-case words of a name in snake, kebab or camel case.
fn words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut previous: Option<char> = None;
    for c in name.chars() {
        let boundary = !c.is_ascii_alphanumeric()
            || (c.is_ascii_uppercase() && previous.is_some_and(|p| p.is_ascii_lowercase()));
        if boundary || words.is_empty() {
            words.push(String::new());
        }
        match words.last_mut() {
            Some(word) if c.is_ascii_alphanumeric() => word.push(c.to_ascii_lowercase()),
            _ => {}
        }
        previous = Some(c);
    }
    words.retain(|word| !word.is_empty());
    words
}

/// `Debug` of a collection's variables, as `name { "baseUrl": "...", "token": <redacted> }`:
/// the values of names that [`looks_secret`] are not shown.
///
/// # Errors
///
/// When the formatter fails.
pub fn debug_variables<V: Variables + ?Sized>(
    variables: &V,
    name: &str,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    let mut map = f.debug_struct(name);
    for key in variables.names() {
        let value = variables.lookup(key).unwrap_or_default();
        if looks_secret(key) {
            map.field(key, &Redacted(value));
        } else {
            map.field(key, &value);
        }
    }
    map.finish()
}

/// A value shown as `"<redacted>"` (or `""` when empty) by `Debug`.
pub struct Redacted<'a>(pub &'a str);

impl fmt::Debug for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            f.write_str("\"\"")
        } else {
            f.write_str("<redacted>")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Two {
        base_url: String,
        token: String,
    }

    impl Variables for Two {
        fn lookup(&self, name: &str) -> Option<&str> {
            match name {
                "baseUrl" => Some(&self.base_url),
                "token" => Some(&self.token),
                _ => None,
            }
        }

        fn set(&mut self, name: &str, value: String) -> bool {
            match name {
                "baseUrl" => self.base_url = value,
                "token" => self.token = value,
                _ => return false,
            }
            true
        }

        fn names(&self) -> &'static [&'static str] {
            &["baseUrl", "token"]
        }
    }

    #[test]
    fn an_environment_file_sets_enabled_values_and_reports_unknown_names() {
        let mut vars = Two::default();
        let file = r#"{"name": "staging", "values": [
            {"key": "baseUrl", "value": "https://staging.example.com", "enabled": true},
            {"key": "token", "value": "old", "enabled": false},
            {"key": "tokne", "value": "typo", "enabled": true},
            {"key": "token", "value": "s3cret", "type": "secret"}
        ]}"#;
        let loaded = load_environment(&mut vars, file).unwrap_or_default();
        assert_eq!(vars.base_url, "https://staging.example.com");
        assert_eq!(vars.token, "s3cret");
        assert_eq!(loaded.set, ["baseUrl", "token"]);
        assert_eq!(loaded.unknown, ["tokne"]);
        assert_eq!(loaded.secrets, ["token"]);
        assert!(load_environment(&mut vars, "[]").is_err());
    }

    #[test]
    fn environment_variable_names_are_upper_snake_case_with_the_prefix() {
        assert_eq!(env_var_name("API_", "baseUrl"), "API_BASE_URL");
        assert_eq!(env_var_name("", "auth0_token"), "AUTH0_TOKEN");
        assert_eq!(env_var_name("X_", "api-key"), "X_API_KEY");
        assert_eq!(env_var_name("X_", "URLs"), "X_URLS");
    }

    #[test]
    fn process_environment_variables_set_values_and_unknown_ones_are_reported() {
        let prefix = format!("CODEGEN_RUNTIME_TEST_{}_", std::process::id());
        // The names are unique to this test and process.
        std::env::set_var(format!("{prefix}BASE_URL"), "http://127.0.0.1:1");
        std::env::set_var(format!("{prefix}TOKEN_TYPO"), "x");
        let mut vars = Two::default();
        let loaded = load_env_vars(&mut vars, &prefix);
        assert_eq!(vars.base_url, "http://127.0.0.1:1");
        assert_eq!(loaded.set, ["baseUrl"]);
        assert_eq!(loaded.unknown, [format!("{prefix}TOKEN_TYPO")]);
    }

    #[test]
    fn secrets_are_recognized_by_name_and_redacted() {
        for name in [
            "token",
            "auth0_token",
            "clientSecret",
            "api_key",
            "password",
        ] {
            assert!(looks_secret(name), "{name}");
        }
        for name in ["baseUrl", "userId", "domain"] {
            assert!(!looks_secret(name), "{name}");
        }
        assert_eq!(format!("{:?}", Redacted("abc")), "<redacted>");
        struct Shown(Two);
        impl fmt::Debug for Shown {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                debug_variables(&self.0, "Variables", f)
            }
        }
        let vars = Two {
            base_url: "https://h".into(),
            token: "s3cret".into(),
        };
        assert_eq!(
            format!("{:?}", Shown(vars)),
            r#"Variables { baseUrl: "https://h", token: <redacted> }"#
        );
        assert_eq!(format!("{:?}", Redacted("")), "\"\"");
    }
}
