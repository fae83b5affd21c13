//! HTML to Markdown with `htmd`: `<pre>` becomes a verbatim `text` fence,
//! tags that are not HTML elements (placeholders such as `<id>`) are text, and
//! input nested too deep for the recursive converter is refused (estimated
//! before parsing, measured after), so that conversion never needs more stack
//! than a small thread has.

use std::cell::Cell;
use std::rc::Rc;
use std::sync::LazyLock;

use htmd::options::{BulletListMarker, Options as HtmlOptions};
use htmd::{Element, HtmlToMarkdown, Node, element_handler::Handlers};

use super::tidy::fence;
use super::{KNOWN_ELEMENTS, listed, sorted, tag_name};

/// Tags with an `htmd` handler; inside `<pre>` they only contribute their text.
#[rustfmt::skip]
const TEXT_ONLY_IN_PRE: &[&str] = &[
    "a", "b", "blockquote", "br", "caption", "code", "div", "em", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "li", "ol", "p", "pre", "span", "strong", "table", "tbody", "td", "th",
    "thead", "tr", "ul",
];

/// Elements that are empty or closed by their next sibling, so they do not nest.
const UNNESTED: &[&str] = &[
    "br", "col", "dd", "dt", "hr", "img", "li", "p", "td", "th", "tr", "wbr",
];

const _: () = assert!(sorted(TEXT_ONLY_IN_PRE) && sorted(UNNESTED));

/// How deep HTML elements may nest for `htmd`, which recurses once per element (about 5 KiB
/// of stack each in a debug build): 32 levels (`<html>` and `<body>`, which the HTML parser
/// adds, count) fit in 256 KiB with room to spare, far more than any real description nests.
pub(super) const MAX_HTML_DEPTH: usize = 32;

/// How many characters of indentation, quote or list markers may start a line. `pulldown-cmark`
/// and its serialiser nest without recursion; the limit keeps the output small.
const MAX_LINE_PREFIX: usize = 200;

/// Whether the text nests too deep to be converted: more than [`MAX_HTML_DEPTH`] HTML elements
/// open at once, or a line starting with over [`MAX_LINE_PREFIX`] characters of indentation,
/// quote or list markers.
///
/// A cheap estimate made before parsing (the HTML parser is slow on deep input): a closing tag
/// only closes an element it matches, as the HTML parser does, so stray `</p>` tags cannot hide
/// open `<div>`s. The exact depth of the parsed document is checked in [`html_to_markdown`].
pub(super) fn too_deep(text: &str) -> bool {
    let mut open: Vec<&str> = Vec::new();
    for piece in text.split('<').skip(1) {
        match tag_name(piece) {
            Some(name) if piece.starts_with('/') => {
                if let Some(at) = open.iter().rposition(|o| o.eq_ignore_ascii_case(name)) {
                    open.truncate(at);
                }
            }
            Some(name) if listed(KNOWN_ELEMENTS, name) && !listed(UNNESTED, name) => {
                open.push(name);
                if open.len() > MAX_HTML_DEPTH {
                    return true;
                }
            }
            _ => {}
        }
    }
    let markers = |c: char| c.is_whitespace() || c.is_ascii_digit() || "<>-+*.)".contains(c);
    text.lines()
        .any(|line| line.len() - line.trim_start_matches(markers).len() > MAX_LINE_PREFIX)
}

/// How deep the nodes of a parsed document nest (the document itself is level 0), counted
/// without recursion.
fn depth(document: &Rc<Node>) -> usize {
    let mut deepest = 0;
    let mut pending = vec![(Rc::clone(document), 0)];
    while let Some((node, level)) = pending.pop() {
        deepest = deepest.max(level);
        pending.extend(
            node.children
                .borrow()
                .iter()
                .map(|child| (Rc::clone(child), level + 1)),
        );
    }
    deepest
}

/// Turns `<` into `&lt;` unless it opens or closes a known HTML element.
fn escape_unknown_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    for (i, piece) in html.split('<').enumerate() {
        if i > 0 {
            let known = tag_name(piece).is_none_or(|name| listed(KNOWN_ELEMENTS, name));
            out.push_str(if known { "<" } else { "&lt;" });
        }
        out.push_str(piece);
    }
    out
}

thread_local! {
    /// How many `<pre>` elements the conversion on this thread is inside.
    static PRE_DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// The `htmd` converter, built once: its handlers keep no state of their own
/// (the `<pre>` depth is per thread), so all conversions share it.
static CONVERTER: LazyLock<HtmlToMarkdown> = LazyLock::new(|| {
    let options = HtmlOptions {
        bullet_list_marker: BulletListMarker::Dash,
        ul_bullet_spacing: 1,
        ol_number_spacing: 1,
        ..HtmlOptions::default()
    };
    HtmlToMarkdown::builder()
        .options(options)
        .skip_tags(vec!["script", "style"])
        .add_handler(vec!["pre"], |handlers: &dyn Handlers, element: Element| {
            PRE_DEPTH.set(PRE_DEPTH.get() + 1);
            let body = handlers.walk_children(element.node).content;
            PRE_DEPTH.set(PRE_DEPTH.get().saturating_sub(1));
            // htmd escapes a backtick or tilde that starts the text of a `<pre>`.
            let body = match body.strip_prefix('\\') {
                Some(rest) if rest.starts_with(['`', '~']) => rest,
                _ => &body,
            };
            if body.trim().is_empty() {
                return Some("".into());
            }
            Some(format!("\n\n{}\n\n", fence(body)).into())
        })
        .add_handler(
            TEXT_ONLY_IN_PRE.to_vec(),
            |handlers: &dyn Handlers, element: Element| {
                if PRE_DEPTH.get() == 0 {
                    handlers.fallback(element)
                } else if element.tag == "br" {
                    Some("\n".into())
                } else {
                    Some(handlers.walk_children(element.node).content.into())
                }
            },
        )
        .build()
});

/// HTML to Markdown with `htmd`; `<pre>` becomes a verbatim `text` fence. `None` when the
/// parsed document nests more than [`MAX_HTML_DEPTH`] elements deep (whatever the text looked
/// like: the parser adds elements of its own), so the conversion needs the same small stack on
/// every thread.
pub(super) fn html_to_markdown(html: &str) -> Option<String> {
    // A panic inside an earlier conversion (caught by the caller) may have
    // left the depth up; each conversion starts outside any `<pre>`.
    PRE_DEPTH.set(0);
    let document = CONVERTER.html_to_tree(&escape_unknown_tags(html)).ok()?;
    if depth(&document) > MAX_HTML_DEPTH {
        return None;
    }
    Some(CONVERTER.tree_to_markdown(&document))
}
