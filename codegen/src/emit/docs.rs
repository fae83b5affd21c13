//! Documentation as tokens: one `#[doc = " line"]` attribute per line, so no text can become
//! code.

use proc_macro2::TokenStream;
use quote::quote;

use crate::docs;
use crate::model::Doc;

/// Doc attributes for `lines`; an empty line stays an empty doc line.
pub fn attrs<S: AsRef<str>>(lines: &[S]) -> TokenStream {
    lines
        .iter()
        .map(|line| {
            // Tabs render unpredictably in rustdoc (and `clippy::tabs_in_doc_comments` says so);
            // bidi overrides and other invisible characters are errors in rustc, and would
            // mislead a reader anyway.
            let line: String = line
                .as_ref()
                .replace('\t', "    ")
                .chars()
                .map(|c| {
                    if super::example::is_unsafe(c) {
                        '\u{fffd}'
                    } else {
                        c
                    }
                })
                .collect();
            let text = if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            };
            quote! { #[doc = #text] }
        })
        .collect()
}

/// The rustdoc lines of a description (empty when there is none).
pub fn description(doc: Option<&Doc>) -> Vec<String> {
    let Some(doc) = doc else {
        return Vec::new();
    };
    if is_plain_sentence(&doc.text) {
        // Most descriptions of parameters are a few plain words; the converters would give
        // them back unchanged, at a cost.
        return vec![doc.text.clone()];
    }
    docs::to_rustdoc(&doc.text, docs::detect(&doc.text, doc.type_hint.as_deref()))
}

/// Text that reads the same as Markdown, HTML and rustdoc: letters, digits, single spaces and
/// a little punctuation, starting with a letter (so that it cannot start a list or a heading).
fn is_plain_sentence(text: &str) -> bool {
    let mut previous = ' ';
    let plain = text.chars().all(|c| {
        let ok = c.is_ascii_alphanumeric()
            || matches!(c, '.' | ',' | ';' | '(' | ')' | '?' | '\'' | '-')
            || (c == ' ' && previous != ' ');
        previous = c;
        ok
    });
    plain && text.starts_with(|c: char| c.is_ascii_alphabetic()) && !text.ends_with(' ')
}

/// Lines showing `text` as it is, in a `text` block.
pub fn verbatim(text: &str) -> Vec<String> {
    docs::verbatim(text)
}

/// Text shown inside backticks in docs: backticks in it would end the code span early.
pub fn code(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let ticks = longest_backtick_run(&text) + 1;
    let fence = "`".repeat(ticks);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A name as one line of documentation text, with Markdown in it escaped.
pub fn title(name: &str) -> String {
    if is_plain_sentence(name) {
        return name.to_owned();
    }
    docs::to_rustdoc(name, docs::Format::Plain).join(" ")
}

fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

/// Appends a paragraph to `lines`, separated from what is there by a blank line.
pub fn push_paragraph(lines: &mut Vec<String>, paragraph: impl IntoIterator<Item = String>) {
    let paragraph: Vec<String> = paragraph.into_iter().collect();
    if paragraph.is_empty() {
        return;
    }
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.extend(paragraph);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_sentences_are_what_the_converters_give_back() {
        let samples = [
            "Max items",
            "Parent id",
            "Status filter (optional).",
            "The user's name, or its id; see below?",
            "Id of the thing - required",
            "A",
        ];
        for text in samples {
            assert!(is_plain_sentence(text), "{text}");
            assert_eq!(
                docs::to_rustdoc(text, docs::detect(text, None)),
                [text],
                "{text}"
            );
            assert_eq!(docs::to_rustdoc(text, docs::Format::Html), [text], "{text}");
            assert_eq!(
                docs::to_rustdoc(text, docs::Format::Plain),
                [text],
                "{text}"
            );
        }
        for text in [
            "1. first",
            "- item",
            "a  b",
            "*x*",
            "x_y_",
            "see http://x",
            "",
            " a",
            "a ",
        ] {
            assert!(!is_plain_sentence(text), "{text}");
        }
    }
}
