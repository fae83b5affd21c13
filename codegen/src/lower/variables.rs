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
/// linear in the total size of the values.
///
/// A dynamic variable (`{{$guid}}`) is one of them only when the collection declares a
/// variable of that name, which then wins over the generated value, as in Postman.
pub fn collect(root: &Group, auths: &[AuthDef], declared: &[RawVariable]) -> Vec<Variable> {
    let mut used = BTreeMap::new();
    let mut pending = Vec::new();
    let mut found = |template: &str| {
        for name in references(template) {
            if used.insert(name.to_owned(), ()).is_none() {
                pending.push(name.to_owned());
            }
        }
    };
    visit(root, &mut found);
    for def in auths {
        for (_, value) in &def.auth.params {
            found(value);
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
        if let Segment::Literal(text) = segment {
            found(text);
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
    use super::references;

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
