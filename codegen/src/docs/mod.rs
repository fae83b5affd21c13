//! Descriptions (HTML, Markdown or plain text) to rustdoc lines.
//!
//! Every description goes through one funnel: HTML is first turned into
//! Markdown with `htmd`, then all Markdown is parsed with `pulldown-cmark`,
//! rewritten event by event so that rustdoc has nothing to warn about (code
//! blocks become `text` fences, HTML left in Markdown is converted or shown as
//! text, only absolute links stay links, bare URLs become autolinks) and
//! serialised again with `pulldown-cmark-to-cmark`, which escapes text (`[`,
//! `]`, `<`, backticks, ...).
//!
//! This module holds the public API ([`detect`], [`to_rustdoc`]), the pipeline
//! and what the stages share (Markdown options, tag names); each stage lives
//! in its own submodule:
//!
//! - `tidy`: cleaning the input (line endings, control and bidi characters),
//!   serialising events back to Markdown and tidying the output lines;
//! - `html`: HTML to Markdown with `htmd` (`<pre>` as verbatim `text`
//!   fences, unknown tags as text) and the guard against input nested too deep;
//! - `rewrite`: the `pulldown-cmark` event rewriter (code blocks, links,
//!   inline and block HTML in Markdown);
//! - `autolink`: bare `http(s)://` URLs in text to autolinks.

mod autolink;
mod html;
mod rewrite;
mod tidy;

use std::panic::{AssertUnwindSafe, catch_unwind};

use pulldown_cmark::{Event, Options, Parser};

use html::{html_to_markdown, too_deep};
use rewrite::Rewriter;
use tidy::{clean, fence, render, tidy};

/// How a description is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// HTML, as in old collections (Auth0) and `text/html` descriptions.
    Html,
    /// CommonMark with GitHub tables, strikethrough and task lists.
    Markdown,
    /// Plain text; rendered like Markdown (plain text is Markdown once escaped).
    Plain,
}

/// Tags whose presence makes a description HTML (`<a` only counts with `href`).
#[rustfmt::skip]
const HTML_MARKERS: &[&str] = &[
    "b", "blockquote", "br", "code", "dd", "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "kbd", "li", "ol", "p", "pre", "span", "strong", "sub", "sup", "table",
    "td", "th", "tr", "tt", "u", "ul",
];

/// HTML elements kept as markup in HTML descriptions; any other `<name` (such
/// as the `<string>` or `<id>` placeholders) is text and gets escaped.
#[rustfmt::skip]
pub(super) const KNOWN_ELEMENTS: &[&str] = &[
    "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "big", "blockquote", "body",
    "br", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn",
    "div", "dl", "dt", "em", "figcaption", "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5",
    "h6", "head", "header", "hr", "html", "i", "img", "ins", "kbd", "label", "li", "main", "mark",
    "nav", "ol", "p", "pre", "q", "s", "samp", "script", "section", "small", "span", "strike",
    "strong", "style", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "time", "tr", "tt", "u", "ul", "var", "wbr",
];

const _: () = assert!(sorted(HTML_MARKERS) && sorted(KNOWN_ELEMENTS));

/// Whether `name` is in a `list` of tag names (ASCII case-insensitive).
///
/// Every list is sorted and lowercase (checked at compile time with [`sorted`]),
/// so this is a binary search; it runs for every `<` in a description.
pub(super) fn listed(list: &[&str], name: &str) -> bool {
    let mut lower = [0; 16];
    let Some(lower) = lower.get_mut(..name.len()) else {
        return false; // longer than any tag name
    };
    lower.copy_from_slice(name.as_bytes());
    lower.make_ascii_lowercase();
    list.binary_search_by(|item| item.as_bytes().cmp(lower))
        .is_ok()
}

/// Whether a tag list is strictly ascending and lowercase, as [`listed`] needs.
pub(super) const fn sorted(list: &[&str]) -> bool {
    let mut i = 0;
    while i < list.len() {
        let item = list[i].as_bytes();
        let mut j = 0;
        while j < item.len() {
            if item[j].is_ascii_uppercase() {
                return false;
            }
            j += 1;
        }
        if i > 0 && !less(list[i - 1].as_bytes(), item) {
            return false;
        }
        i += 1;
    }
    true
}

/// `a < b` byte-wise, usable in constants.
const fn less(a: &[u8], b: &[u8]) -> bool {
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return a[i] < b[i];
        }
        i += 1;
    }
    a.len() < b.len()
}

/// Decides the format from the Postman `type` hint (`text/html`, `text/markdown`,
/// `text/plain`, or None) and the text itself.
///
/// The hint is unreliable: real exports label Markdown as `text/plain`, and old
/// collections (Auth0) put raw HTML in plain strings. So the text decides: common
/// HTML tags (`<p>`, `<br>`, `<strong>`, `<code>`, `<pre>`, `<ul>`, `<a href`, ...)
/// make it [`Format::Html`], unless the hint is `text/markdown` and the tags only
/// appear inside code; anything else is [`Format::Markdown`].
pub fn detect(text: &str, type_hint: Option<&str>) -> Format {
    let media_type = type_hint
        .and_then(|hint| hint.split(';').next())
        .map(str::trim);
    let tagged = if media_type.is_some_and(|t| t.eq_ignore_ascii_case("text/markdown")) {
        // Code spans and blocks are not HTML events, so only raw HTML is seen here.
        let raw_html: String = Parser::new_ext(text, markdown_options())
            .filter_map(|event| match event {
                Event::Html(html) | Event::InlineHtml(html) => Some(html.into_string()),
                _ => None,
            })
            .collect();
        has_html_markers(&raw_html)
    } else {
        has_html_markers(text)
    };
    if tagged {
        Format::Html
    } else {
        Format::Markdown
    }
}

/// Converts a description into rustdoc lines (without the leading `///` or space;
/// the caller emits each line as `#[doc = " line"]`).
///
/// The lines are tidy Markdown: no trailing whitespace, no leading, trailing or
/// doubled blank lines. Every code block is a `text` fence (never a doctest),
/// brackets, angle brackets and backticks in text are escaped, bare URLs become
/// autolinks and only absolute links survive, so rustdoc has nothing to warn about.
///
/// HTML that also shows Markdown signs (`](`, backticks, blank lines, headings,
/// list or quote markers) is read as Markdown with embedded HTML, as Postman
/// renders it: HTML blocks go through `htmd`, inline tags become Markdown.
/// Input nested too deep for the converters (HTML elements more than 32 levels deep, or a line
/// starting with over 200 characters of indentation, quote or list markers) comes out verbatim
/// as one `text` block, and an HTML block that deep inside Markdown as a paragraph of its text:
/// the conversion needs the same small stack (well under 256 KiB) on any thread.
pub fn to_rustdoc(text: &str, format: Format) -> Vec<String> {
    let cleaned = clean(text);
    if cleaned.trim().is_empty() {
        return Vec::new();
    }
    if too_deep(&cleaned) {
        return tidy(&fence(&cleaned));
    }
    // The converters are third-party code: a panic there must not take down codegen.
    let rendered = catch_unwind(AssertUnwindSafe(|| {
        let mut rewriter = Rewriter::default();
        if format == Format::Html && !looks_like_markdown(&cleaned) {
            rewriter.raw_html_is_text = true;
            rewriter.feed(parse(&html_to_markdown(&cleaned)?));
        } else {
            // Markdown, possibly with some HTML in it (converted as it comes).
            rewriter.feed(parse(&cleaned));
        }
        render(&rewriter.finish())
    }));
    tidy(&rendered.ok().flatten().unwrap_or_else(|| fence(&cleaned)))
}

/// `text` shown as it is, in a `text` block (a request body, say): tidy lines, never a doctest.
pub fn verbatim(text: &str) -> Vec<String> {
    tidy(&fence(&clean(text)))
}

/// Parser extensions for Markdown input (rustdoc also renders these).
pub(super) fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// The name after `<` or `</`, ASCII letters and digits, starting with a letter.
pub(super) fn tag_name(after_lt: &str) -> Option<&str> {
    let rest = after_lt.strip_prefix('/').unwrap_or(after_lt);
    let len = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let name = rest.get(..len)?;
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        .then_some(name)
}

fn has_html_markers(text: &str) -> bool {
    text.match_indices('<').any(|(at, _)| {
        let after_lt = text.get(at + 1..).unwrap_or_default();
        let Some(name) = tag_name(after_lt) else {
            return false;
        };
        let rest = after_lt.get(name.len()..).unwrap_or_default();
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        if name.eq_ignore_ascii_case("a") && !after_lt.starts_with('/') {
            let attrs = rest.trim_start();
            return attrs.len() < rest.len()
                && attrs
                    .get(..4)
                    .is_some_and(|a| a.eq_ignore_ascii_case("href"));
        }
        let ends_tag = rest.starts_with(|c: char| c == '>' || c.is_ascii_whitespace());
        ends_tag && listed(HTML_MARKERS, name)
    })
}

/// Parses Markdown with the extensions rustdoc also renders.
pub(super) fn parse(markdown: &str) -> Vec<Event<'_>> {
    Parser::new_ext(markdown, markdown_options()).collect()
}

/// Markdown signs in an HTML description: then it is Markdown with some HTML.
fn looks_like_markdown(text: &str) -> bool {
    text.contains("](")
        || text.contains('`')
        || text.trim().lines().any(|line| {
            let line = line.trim_start();
            line.is_empty() || ["#", "- ", "* ", "> "].iter().any(|m| line.starts_with(m))
        })
}

#[cfg(test)]
mod tests;
