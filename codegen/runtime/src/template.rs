//! `{{variables}}`: the trait a collection's generated `Variables` implements, and how the
//! templates written in a collection are resolved with it.
//!
//! Resolution follows Postman: every `{{name}}` the variables know is replaced, then the
//! replacements' own references, up to [`MAX_ROUNDS`] rounds; unknown names stay as written.
//! It is linear in the text per round and bounded in size ([`MAX_LEN`]), so a collection whose
//! variables refer to themselves many times cannot exhaust memory.

use std::borrow::Cow;

use super::error::Error;

/// Values of a collection's variables, by the names the collection writes them with.
///
/// The generated `Variables` struct implements it; a client resolves every template of the
/// collection (origin, path, query, headers, text bodies, auth) through it.
pub trait Variables {
    /// The value of the variable written `{{name}}`, if the collection uses it.
    fn lookup(&self, name: &str) -> Option<&str>;

    /// Sets the variable written `{{name}}`; returns whether the collection uses it (an
    /// unknown name changes nothing).
    fn set(&mut self, name: &str, value: String) -> bool;

    /// The names of the collection's variables, as the collection writes them.
    fn names(&self) -> &'static [&'static str] {
        &[]
    }

    /// What `{{name}}` resolves to: [`Variables::lookup`] here; the client's variables add
    /// Postman's dynamic variables (`{{$guid}}`, `{{$timestamp}}`, ...) where the collection
    /// defines no variable of that name, a fresh value each time one is asked for.
    fn value(&self, name: &str) -> Option<Cow<'_, str>> {
        self.lookup(name).map(Cow::Borrowed)
    }
}

/// How many times a text is resolved again after its variables were replaced, as Postman does.
pub const MAX_ROUNDS: usize = 19;

/// The longest text (in bytes) a template may resolve to.
pub const MAX_LEN: usize = 16 * 1024 * 1024;

/// `template` with every `{{name}}` that `variables` knows replaced, as Postman replaces it.
///
/// # Errors
///
/// When the text would grow past [`MAX_LEN`] bytes; the error names the variable.
pub fn resolve<V: Variables + ?Sized>(template: &str, variables: &V) -> Result<String, Error> {
    let mut text = template.to_owned();
    for _ in 0..MAX_ROUNDS {
        let mut out = String::with_capacity(text.len());
        if !resolve_once(&text, variables, &mut out)? {
            break;
        }
        text = out;
    }
    Ok(text)
}

/// Each of `templates` resolved with `variables`: the collection's values of a request's path
/// parameters, for its `collection` constructor.
///
/// # Errors
///
/// When a text would grow past [`MAX_LEN`] bytes.
pub fn resolve_all<V: Variables + ?Sized, const N: usize>(
    templates: [&str; N],
    variables: &V,
) -> Result<[String; N], Error> {
    let mut resolved: [String; N] = std::array::from_fn(|_| String::new());
    for (slot, template) in resolved.iter_mut().zip(templates) {
        *slot = resolve(template, variables)?;
    }
    Ok(resolved)
}

/// One round: appends `text` with its known references replaced to `out`; returns whether any
/// was. A reference is `{{` and `}}` around a name without braces, the earliest first (the
/// pattern `\{\{([^{}]*?)\}\}` of postman-collection); every byte is looked at a bounded
/// number of times.
fn resolve_once<V: Variables + ?Sized>(
    text: &str,
    variables: &V,
    out: &mut String,
) -> Result<bool, Error> {
    let bytes = text.as_bytes();
    let (mut from, mut copied, mut changed) = (0, 0, false);
    while let Some(found) = text[from..].find("{{") {
        let start = from + found;
        let mut end = start + 2;
        loop {
            match bytes.get(end) {
                None => {
                    out.push_str(&text[copied..]);
                    return Ok(changed);
                }
                // `{{{`: a reference may start one later; `{{a{`: not before this brace.
                Some(b'{') => {
                    from = if end == start + 2 { start + 1 } else { end };
                    break;
                }
                Some(b'}') if bytes.get(end + 1) == Some(&b'}') => {
                    let name = &text[start + 2..end];
                    if let Some(value) = variables.value(name) {
                        if out.len() + (start - copied) + value.len() > MAX_LEN {
                            return Err(Error::build(format!(
                                "the variable {{{{{name}}}}} makes a text longer than {MAX_LEN} bytes \
                                 (does its value refer to itself?)"
                            )));
                        }
                        out.push_str(&text[copied..start]);
                        out.push_str(&value);
                        copied = end + 2;
                        changed = true;
                    }
                    from = end + 2;
                    break;
                }
                Some(b'}') => {
                    from = end + 1;
                    break;
                }
                Some(_) => end += 1,
            }
        }
    }
    if out.len() + (text.len() - copied) > MAX_LEN {
        return Err(Error::build(format!(
            "a text resolves to more than {MAX_LEN} bytes"
        )));
    }
    out.push_str(&text[copied..]);
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Map(Vec<(&'static str, String)>);

    impl Variables for Map {
        fn lookup(&self, name: &str) -> Option<&str> {
            self.0
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| value.as_str())
        }

        fn set(&mut self, _: &str, _: String) -> bool {
            false
        }
    }

    fn map(pairs: &[(&'static str, &str)]) -> Map {
        Map(pairs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect())
    }

    #[test]
    fn known_references_are_replaced_and_unknown_ones_kept() {
        let vars = map(&[("host", "example.com"), ("empty", "")]);
        let resolved = resolve("https://{{host}}/{{missing}}/{{empty}}x", &vars);
        assert_eq!(
            resolved.ok().as_deref(),
            Some("https://example.com/{{missing}}/x")
        );
    }

    #[test]
    fn several_templates_are_resolved_in_order() {
        let vars = map(&[
            ("username", "{{first}}.{{last}}"),
            ("first", "ada"),
            ("last", "l"),
        ]);
        let resolved = resolve_all(["{{username}}", ":id", ""], &vars);
        assert_eq!(
            resolved.ok(),
            Some(["ada.l".into(), ":id".into(), String::new()])
        );
    }

    #[test]
    fn values_that_refer_to_variables_are_resolved_again() {
        let vars = map(&[
            ("url", "{{scheme}}://{{host}}"),
            ("scheme", "https"),
            ("host", "h"),
        ]);
        assert_eq!(
            resolve("{{url}}/a", &vars).ok().as_deref(),
            Some("https://h/a")
        );
    }

    #[test]
    fn braces_around_references_follow_postman() {
        let vars = map(&[("a", "1")]);
        let cases = [
            ("{{{a}}}", "{1}"),
            ("{{a}", "{{a}"),
            ("{{a{{a}}", "{{a1"),
            ("{{a}x}}", "{{a}x}}"),
            ("}}{{", "}}{{"),
            ("{{}}", "{{}}"),
            ("é{{a}}ü", "é1ü"),
        ];
        for (template, expected) in cases {
            assert_eq!(
                resolve(template, &vars).ok().as_deref(),
                Some(expected),
                "{template}"
            );
        }
    }

    #[test]
    fn a_self_referencing_value_stops_after_the_last_round() {
        let vars = map(&[("a", "x{{a}}")]);
        let resolved = resolve("{{a}}", &vars).unwrap_or_default();
        assert_eq!(resolved, format!("{}{{{{a}}}}", "x".repeat(MAX_ROUNDS)));
    }

    #[test]
    fn a_value_that_multiplies_itself_is_an_error_naming_it() {
        let vars = map(&[("boom", &"{{boom}}".repeat(10))]);
        let err = resolve("{{boom}}", &vars).err().map(|err| err.to_string());
        assert!(err.is_some_and(|err| err.contains("{{boom}}")));
    }

    #[test]
    fn many_open_braces_resolve_in_linear_time() {
        let template = "{".repeat(400_000);
        assert_eq!(resolve(&template, &map(&[])).ok(), Some(template));
    }
}
