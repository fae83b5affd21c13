//! The one identifier sanitizer: any text to a valid, warning-free Rust identifier.
//!
//! Text is transliterated to ASCII (`Привет` → `privet`, `🚀` → `rocket`), cased with heck,
//! stripped of everything that cannot be in an identifier, and then made safe: keywords become
//! raw identifiers (`r#type`), the few that cannot be raw get a `_` suffix (`self_`), a leading
//! digit gets a `_` prefix, and nothing left gives a fallback name.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords of every edition, strict and reserved, that need `r#` to be identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// `snake_case` for modules, functions and fields.
pub fn snake(text: &str) -> String {
    let cased = clean(&ascii(text).to_snake_case(), '_');
    finish(cased.trim_matches('_').to_owned(), "unnamed")
}

/// `UpperCamelCase` for types.
pub fn camel(text: &str) -> String {
    let cased = clean(&ascii(text).to_upper_camel_case(), '\0');
    finish(cased, "Unnamed")
}

/// `text` transliterated to ASCII; apostrophes (`Pol'zovateli`, `don't`) do not split words.
fn ascii(text: &str) -> String {
    deunicode::deunicode(text).replace('\'', "")
}

/// The identifier without a raw prefix: what serde uses as the default key.
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

fn clean(text: &str, keep: char) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == keep)
        .collect()
}

fn finish(ident: String, fallback: &str) -> String {
    let ident = if ident.is_empty() {
        fallback.to_owned()
    } else if ident.chars().all(|c| c.is_ascii_digit() || c == '_') {
        // `_1` is a parameter name clippy rejects (`just_underscores_and_digits`); a type may
        // be `_201`.
        let number = ident.trim_matches('_');
        if fallback.starts_with(char::is_uppercase) {
            format!("_{number}")
        } else {
            format!("number_{number}")
        }
    } else if ident.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{ident}")
    } else {
        ident
    };
    if NOT_RAW.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

/// Names already used in one Rust namespace; claiming a taken name gives the next free one
/// with a number appended (`user`, `user_2`; `User`, `User2`).
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    pub fn with_reserved(names: &[&str]) -> Self {
        Scope {
            taken: names.iter().map(|name| (*name).to_owned()).collect(),
        }
    }

    pub fn claim(&mut self, ident: String) -> String {
        // `Self_` and `self_` are numbered `Self2` and `self_2`, never `Self_2` (not camel
        // case) or `self__2`.
        let base = unraw(&ident).trim_end_matches('_').to_owned();
        let mut candidate = ident;
        // Types are UpperCamelCase (`User2`); everything else is snake_case (`user_2`).
        let separator = if base.contains(|c: char| c.is_ascii_uppercase()) {
            ""
        } else {
            "_"
        };
        let mut number = 2;
        while self.taken.contains(unraw(&candidate)) {
            candidate = format!("{base}{separator}{number}");
            number += 1;
        }
        self.taken.insert(unraw(&candidate).to_owned());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_identifiers_are_sanitized() {
        let cases = [
            ("Link a user account", "link_a_user_account"),
            ("userId", "user_id"),
            ("user-id", "user_id"),
            ("$ref", "r#ref"),
            ("don't", "dont"),
            ("type", "r#type"),
            ("gen", "r#gen"),
            ("self", "self_"),
            ("Self", "self_"),
            ("crate", "crate_"),
            ("super", "super_"),
            ("_", "unnamed"),
            ("", "unnamed"),
            ("1st", "_1st"),
            ("1", "number_1"),
            ("_2_", "number_2"),
            ("2FA settings", "_2fa_settings"),
            ("Привет мир", "privet_mir"),
            ("🚀 Launch", "rocket_launch"),
            ("{id}", "id"),
            ("a\"]; fn evil() {", "a_fn_evil"),
        ];
        for (input, expected) in cases {
            assert_eq!(snake(input), expected, "snake({input:?})");
        }
    }

    #[test]
    fn camel_case_identifiers_are_sanitized() {
        let cases = [
            ("Link a user account", "LinkAUserAccount"),
            ("users", "Users"),
            ("Self", "Self_"),
            ("self", "Self_"),
            ("1st place", "_1stPlace"),
            ("201", "_201"),
            ("", "Unnamed"),
            ("!!!", "Unnamed"),
            ("Пользователи", "Polzovateli"),
        ];
        for (input, expected) in cases {
            assert_eq!(camel(input), expected, "camel({input:?})");
        }
    }

    #[test]
    fn scopes_number_repeated_names_deterministically() {
        let mut scope = Scope::with_reserved(&["Client"]);
        assert_eq!(scope.claim("Client".into()), "Client2");
        assert_eq!(scope.claim("get_user".into()), "get_user");
        assert_eq!(scope.claim("get_user".into()), "get_user_2");
        assert_eq!(scope.claim("get_user".into()), "get_user_3");
        assert_eq!(scope.claim("r#type".into()), "r#type");
        assert_eq!(scope.claim("r#type".into()), "type_2");
        assert_eq!(scope.claim("_200Ok".into()), "_200Ok");
        assert_eq!(scope.claim("_200Ok".into()), "_200Ok2");
        assert_eq!(scope.claim("_1st".into()), "_1st");
        assert_eq!(scope.claim("_1st".into()), "_1st_2");
        assert_eq!(scope.claim("Self_".into()), "Self_");
        assert_eq!(scope.claim("Self_".into()), "Self2");
        assert_eq!(scope.claim("self_".into()), "self_");
        assert_eq!(scope.claim("self_".into()), "self_2");
    }
}
