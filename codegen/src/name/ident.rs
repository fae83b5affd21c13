//! The one identifier sanitizer: any text to a valid, warning-free Rust identifier.
//!
//! Text is transliterated to ASCII (`Привет` → `privet`, `🚀` → `rocket`), cased with heck,
//! stripped of everything that cannot be in an identifier, and then made safe: keywords become
//! raw identifiers (`r#type`), the few that cannot be raw get a `_` suffix (`self_`), a leading
//! digit gets a `_` prefix, and nothing left gives a fallback name.

use std::collections::BTreeSet;

use heck::ToSnakeCase;

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

/// `snake_case` for modules, functions and fields: the [`words`] joined by `_`.
pub fn snake(text: &str) -> String {
    finish(words(text).join("_"), "unnamed")
}

/// `UpperCamelCase` for types: the same [`words`] as [`snake`], each capitalized, joined
/// without a separator except between two words that meet digit to digit, which keep a `_`
/// (as rustc's own camel-case rule does): `SAML 2.0 metadata` is `Saml2_0Metadata` and
/// `saml_2_0_metadata`, never `Saml20Metadata`, which would read as a twenty.
pub fn camel(text: &str) -> String {
    let mut cased = String::new();
    for word in words(text) {
        let digits_meet = cased.ends_with(|c: char| c.is_ascii_digit())
            && word.starts_with(|c: char| c.is_ascii_digit());
        if digits_meet {
            cased.push('_');
        }
        let mut chars = word.chars();
        cased.extend(chars.next().map(|c| c.to_ascii_uppercase()));
        cased.push_str(chars.as_str());
    }
    finish(cased, "Unnamed")
}

/// The lowercase ASCII words of `text`, the one split every identifier is made from: text is
/// transliterated, split at everything that is not a letter or digit and at case changes as
/// heck splits them (`userID` → `user`, `id`; `HTTPServer` → `http`, `server`), and digits
/// followed by a capitalized word end a word (`0Metadata` → `0`, `metadata`), as they already
/// do after a letter (`V2Users`): so a camel-case name splits back into its own words. The
/// plural of an acronym stays one word (`URLs` → `urls`, `IDsList` → `ids`, `list`).
fn words(text: &str) -> Vec<String> {
    let ascii = ascii(text);
    let mut split = String::with_capacity(ascii.len() + 8);
    let mut chars = ascii.chars().peekable();
    let mut previous = [None, None];
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let capitalized = c.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase());
        if capitalized && previous[1].is_some_and(|p: char| p.is_ascii_digit()) {
            split.push(' ');
        }
        let acronym = previous
            .iter()
            .all(|p| p.is_some_and(|p: char| p.is_ascii_uppercase()));
        let plural = c == 's' && acronym && !next.is_some_and(|n| n.is_ascii_lowercase());
        split.push(if plural { 'S' } else { c });
        previous = [previous[1], Some(c)];
    }
    split
        .to_snake_case()
        .split('_')
        .map(clean)
        .filter(|word| !word.is_empty())
        .collect()
}

/// `text` transliterated to ASCII; apostrophes (`Pol'zovateli`, `don't`) do not split words.
fn ascii(text: &str) -> String {
    deunicode::deunicode(text).replace('\'', "")
}

/// The identifier without a raw prefix: what serde uses as the default key.
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

fn clean(text: &str) -> String {
    text.chars().filter(char::is_ascii_alphanumeric).collect()
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
            ("URLs", "urls"),
            ("Get user IDs", "get_user_ids"),
            ("APIsList", "apis_list"),
            ("HTTPServer", "http_server"),
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

    /// One rule for every kind of name: types, functions and modules are made of the same
    /// words, digits included.
    #[test]
    fn digits_split_words_the_same_way_in_every_kind_of_name() {
        // (text, type, function or module)
        let table = [
            (
                "Returns the SAML 2.0 metadata",
                "ReturnsTheSaml2_0Metadata",
                "returns_the_saml_2_0_metadata",
            ),
            ("v1.0 $metadata", "V1_0Metadata", "v1_0_metadata"),
            (
                "OAuth1.0 (verify signature)",
                "OAuth1_0VerifySignature",
                "o_auth1_0_verify_signature",
            ),
            ("Get users v2", "GetUsersV2", "get_users_v2"),
            ("V2Users", "V2Users", "v2_users"),
            ("user2", "User2", "user2"),
            ("Status 404", "Status404", "status_404"),
            ("ipv4 address", "Ipv4Address", "ipv4_address"),
            ("B2B customers", "B2bCustomers", "b2b_customers"),
            ("2FA settings", "_2faSettings", "_2fa_settings"),
            ("1st place", "_1stPlace", "_1st_place"),
            ("version 1 2 3", "Version1_2_3", "version_1_2_3"),
            ("1.2", "_1_2", "number_1_2"),
            ("201", "_201", "number_201"),
            ("HTTP2Server", "Http2Server", "http2_server"),
        ];
        for (text, type_name, function) in table {
            assert_eq!(camel(text), type_name, "camel({text:?})");
            assert_eq!(snake(text), function, "snake({text:?})");
            // Names built from names (`{Request}Body`, `{Parent}{Key}`) keep their words.
            assert_eq!(
                camel(type_name),
                type_name,
                "camel is stable on {type_name:?}"
            );
            assert_eq!(
                camel(&format!("{type_name}Item")),
                format!("{type_name}Item"),
                "a suffix keeps the words of {type_name:?}"
            );
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
