//! Variables: every `{{name}}` the requests use, with the collection's value as default.

use std::collections::BTreeMap;

use crate::input::postman::Variable as RawVariable;
use crate::model::{AuthDef, Body, Group, Node, Operation, PartValue, Segment, Variable};

use super::{description, scalar_text, text};

/// The variables used anywhere below `root` and in `auths`, sorted by name, with defaults
/// from `declared`.
///
/// A variable used only inside another variable's value (`host` = `{{sub}}.example.com`) is
/// used too, since the client resolves values recursively as Postman does: the names found in
/// the requests are followed through the declared values, each name once, so the work is
/// linear in the total size of the values. A name made of another reference
/// (`{{hello_{{var}}}}`) is found by resolving the template with the declared values, within
/// fixed bounds.
///
/// A dynamic variable (`{{$guid}}`) is one of them only when the collection declares a
/// variable of that name, which then wins over the generated value, as in Postman.
pub fn collect(root: &Group, auths: &[AuthDef], declared: &[RawVariable]) -> Vec<Variable> {
    let mut used = BTreeMap::new();
    let mut pending = Vec::new();
    let mut composed = Vec::new();
    let mut found = |template: &str| {
        for name in references(template) {
            if used.insert(name.to_owned(), ()).is_none() {
                pending.push(name.to_owned());
            }
        }
        if is_composed(template) && composed.len() < MAX_COMPOSED {
            composed.push(template.to_owned());
        }
    };
    visit(root, &mut found);
    for def in auths {
        for (_, value) in &def.auth.params {
            found(value);
        }
    }
    let mut budget = COMPOSED_BUDGET;
    for template in &composed {
        for name in composed_references(template, declared, &mut budget) {
            if used.insert(name.clone(), ()).is_none() {
                pending.push(name);
            }
        }
    }
    while let Some(name) = pending.pop() {
        let Some(value) = declaration(declared, &name)
            .and_then(|variable| variable.value.as_ref())
            .and_then(scalar_text)
        else {
            continue;
        };
        for referenced in references(&value) {
            if used.insert(referenced.to_owned(), ()).is_none() {
                pending.push(referenced.to_owned());
            }
        }
    }
    used.into_keys()
        .filter_map(|name| {
            let declaration = declaration(declared, &name);
            if name.starts_with('$') && declaration.is_none() {
                return None;
            }
            Some(Variable {
                default: declaration
                    .and_then(|variable| variable.value.as_ref())
                    .and_then(scalar_text),
                description: declaration
                    .and_then(|variable| variable.description.as_ref())
                    .and_then(description),
                name,
            })
        })
        .collect()
}

/// How many templates with a reference inside a reference are followed, and how many bytes
/// of resolved text all of them may take: bounds for hostile input.
const MAX_COMPOSED: usize = 1024;
const COMPOSED_BUDGET: usize = 1 << 20;

/// Whether a reference in `template` has another inside it (`{{hello_{{var}}}}`). One pass.
fn is_composed(template: &str) -> bool {
    let (bytes, mut open, mut i) = (template.as_bytes(), false, 0);
    while let Some(pair) = bytes.get(i..i + 2) {
        match pair {
            b"{{" if open => return true,
            b"{{" => (open, i) = (true, i + 2),
            b"}}" => (open, i) = (false, i + 2),
            _ => i += 1,
        }
    }
    false
}

/// The names `template` refers to once the references inside its references are resolved
/// with the declared values, round by round as Postman resolves (`{{hello_{{var}}}}` with
/// `var` = `variable_value` refers to `hello_variable_value`). Each round's text is paid for
/// from `budget`.
fn composed_references(
    template: &str,
    declared: &[RawVariable],
    budget: &mut usize,
) -> Vec<String> {
    let mut names = Vec::new();
    let mut text = template.to_owned();
    for _ in 0..MAX_ROUNDS {
        let mut resolved = String::with_capacity(text.len());
        let mut copied = 0;
        for name in references(&text) {
            let start = name.as_ptr() as usize - text.as_ptr() as usize;
            let value = declaration(declared, name)
                .and_then(|variable| variable.value.as_ref())
                .and_then(scalar_text);
            if let Some(value) = value {
                resolved.push_str(&text[copied..start - 2]);
                resolved.push_str(&value);
                copied = start + name.len() + 2;
            }
        }
        if copied == 0 || resolved.len() > *budget {
            break;
        }
        resolved.push_str(&text[copied..]);
        *budget -= resolved.len();
        names.extend(references(&resolved).map(str::to_owned));
        text = resolved;
    }
    names
}

/// Postman's limit on rounds of resolution.
const MAX_ROUNDS: usize = 19;

/// The declaration that gives `name` its value: the last enabled one, as Postman reads the list.
fn declaration<'a>(declared: &'a [RawVariable], name: &str) -> Option<&'a RawVariable> {
    declared.iter().rev().find(|variable| {
        !variable.disabled.0 && text(&variable.key).or_else(|| text(&variable.id)) == Some(name)
    })
}

/// Names referenced as `{{name}}` in `template`, the way Postman finds them (the pattern
/// `\{\{([^{}]*?)\}\}`, the earliest first), dynamic variables (`{{$guid}}`, which Postman
/// generates unless the collection defines them) included. Every byte is looked at a bounded
/// number of times, so a value of 400 KB of `{` costs what its length costs.
pub fn references(template: &str) -> impl Iterator<Item = &str> {
    let bytes = template.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(found) = template.get(from..)?.find("{{") {
            let start = from + found;
            let after = start + 2;
            // The name runs to the first brace after `{{`, which must start `}}`.
            let brace = bytes
                .get(after..)?
                .iter()
                .position(|b| matches!(b, b'{' | b'}'))?;
            let end = after + brace;
            if bytes.get(end..end + 2) != Some(b"}}") {
                // `{{{`: a reference may start one later; `{{a{` or `{{a}b`: not before
                // this brace.
                from = if bytes.get(end) == Some(&b'{') && end == after {
                    start + 1
                } else {
                    end
                };
                continue;
            }
            from = end + 2;
            let name = template.get(after..end)?;
            if !name.is_empty() {
                return Some(name);
            }
        }
        None
    })
}

fn visit(group: &Group, found: &mut impl FnMut(&str)) {
    for child in &group.children {
        match child {
            Node::Group(group) => visit(group, found),
            Node::Operation(operation) => visit_operation(operation, found),
        }
    }
}

fn visit_operation(operation: &Operation, found: &mut impl FnMut(&str)) {
    found(&operation.url.origin);
    for segment in &operation.url.path {
        match segment {
            Segment::Literal(text) => found(text),
            // Values of path parameters are templates in the collection's own request.
            Segment::Param(param) => found(param.default.as_deref().unwrap_or_default()),
        }
    }
    for param in &operation.url.query {
        found(&param.key);
        found(param.value.as_deref().unwrap_or_default());
    }
    for header in &operation.headers {
        found(&header.name);
        found(&header.value);
    }
    match &operation.body {
        Body::Text { template } => found(template),
        Body::UrlEncoded { fields } => {
            for field in fields {
                found(&field.key);
                found(&field.value);
            }
        }
        Body::Multipart { parts } => {
            for part in parts {
                found(&part.key);
                match &part.value {
                    PartValue::Text(value) => found(value),
                    PartValue::Files(paths) => paths.iter().for_each(|path| found(path)),
                }
                if let Some(content_type) = &part.content_type {
                    found(content_type);
                }
            }
        }
        Body::File { src: Some(src) } => found(src),
        Body::Json {
            template: Some(template),
            ..
        } => found(template),
        Body::None | Body::Json { template: None, .. } | Body::File { src: None } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::{RawVariable, is_composed, references};

    #[test]
    fn a_name_made_of_another_reference_is_a_variable_too() {
        let declared: Vec<RawVariable> = serde_json::from_value(serde_json::json!([
            {"key": "var", "value": "variable_value"},
            {"key": "hello_variable_value", "value": "hello"}
        ]))
        .unwrap_or_default();
        assert!(is_composed("/{{hello_{{var}}}}"));
        assert!(!is_composed("{{a}}/{{b}}"));
        let mut budget = super::COMPOSED_BUDGET;
        let names = super::composed_references("/{{hello_{{var}}}}", &declared, &mut budget);
        assert_eq!(names, ["hello_variable_value"]);
    }

    #[test]
    fn a_dynamic_variable_is_a_variable_only_where_the_collection_declares_it() {
        let json = r#"{"info": {"name": "c"}, "variable": [{"key": "$guid", "value": "fixed"}],
            "item": [{"name": "r", "request": {"method": "GET",
            "url": "http://h/{{$guid}}/{{$timestamp}}/{{id}}"}}]}"#;
        let document = crate::input::parse(std::path::Path::new("c.json"), json.as_bytes());
        let document = document.unwrap_or_else(|err| panic!("{err}"));
        let (api, _) = crate::lower::lower(&document);
        let variables: Vec<(&str, Option<&str>)> = api
            .variables
            .iter()
            .map(|v| (v.name.as_str(), v.default.as_deref()))
            .collect();
        assert_eq!(variables, [("$guid", Some("fixed")), ("id", None)]);
    }

    #[test]
    fn references_are_found_like_postman_finds_them() {
        let found: Vec<_> = references("a{{x}}b{{ y }}{{$guid}}{{}}{{a{b}}{{z}}").collect();
        assert_eq!(found, ["x", " y ", "$guid", "z"]);
        let found: Vec<_> = references("{{{a}}} {{b}c}} {{{{d}} {{é}}{{").collect();
        assert_eq!(found, ["a", "d", "é"]);
    }

    #[test]
    fn a_long_run_of_braces_holds_one_reference() {
        // 400 KB of `{` before `}}`, and of `{{a{` repeated: rescanning to the next `}}` from
        // each `{{` took minutes in a debug build (`cargo bench -p codegen --bench linear`).
        for text in [
            format!("{}x}}}}", "{".repeat(400_000)),
            format!("{}{{{{b}}}}", "{{a{".repeat(100_000)),
        ] {
            let found: Vec<_> = references(&text).collect();
            assert_eq!(found.len(), 1, "{found:?}");
        }
    }
}
