//! Cleaning the input and tidying the output: line endings and invisible
//! characters on the way in; serialising events back to Markdown (with the
//! serialiser's escaping), respelling what tidying would break, and splitting
//! into tidy lines on the way out. Also the verbatim `text` fence.

use pulldown_cmark::{Event, Options, Parser};

use super::markdown_options;

/// Unicode bidirectional controls (rejected by rustc in literals) and the BOM.
const BIDI_CONTROLS: &str = "\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}\u{200E}\u{200F}\u{FEFF}";

/// Normalises line endings and drops control and bidi characters (but not `\n`, `\t`).
pub(super) fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Kept characters are copied a run at a time, from `kept` up to the next dropped one.
    let mut kept = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '\n' || c == '\t' || !(c.is_control() || is_bidi_control(c)) {
            continue;
        }
        out.push_str(text.get(kept..at).unwrap_or_default());
        // `\r\n` and a lone `\r` both end a line.
        if c == '\r' {
            chars.next_if(|&(_, next)| next == '\n');
            out.push('\n');
        }
        kept = chars.peek().map_or(text.len(), |&(next, _)| next);
    }
    out.push_str(text.get(kept..).unwrap_or_default());
    out
}

fn is_bidi_control(c: char) -> bool {
    // All of them lie in this range, which most text never reaches.
    ('\u{200E}'..='\u{FEFF}').contains(&c) && BIDI_CONTROLS.contains(c)
}

/// A fenced `text` block around verbatim content, minus blank lines at both ends.
pub(super) fn fence(body: &str) -> String {
    let start = body
        .find(|c: char| !c.is_whitespace())
        .and_then(|first| body.get(..first))
        .and_then(|blank| blank.rfind('\n'))
        .map_or(0, |newline| newline + 1);
    let body = body.get(start..).unwrap_or(body).trim_end();
    let mut longest = 0;
    let mut run = 0;
    for c in body.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let ticks = "`".repeat(longest.max(2) + 1);
    format!("{ticks}text\n{body}\n{ticks}")
}

/// Writes the events as Markdown; `text` escaping is done by the serialiser.
pub(super) fn render(events: &[Event<'_>]) -> Option<String> {
    let options = pulldown_cmark_to_cmark::Options {
        code_block_token_count: 3,
        list_token: '-',
        increment_ordered_list_bullets: true,
        ..Default::default()
    };
    // Escape for everything rustdoc's own parser understands.
    let rustdoc =
        markdown_options() | Options::ENABLE_FOOTNOTES | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut out = String::new();
    if pulldown_cmark_to_cmark::cmark_with_options(events, &mut out, rustdoc, options.clone())
        .is_err()
    {
        // No exact spelling found (e.g. odd emphasis): write the closest one
        // unchecked (the serialiser skips its check for smart punctuation).
        out.clear();
        let unchecked = rustdoc | Options::ENABLE_SMART_PUNCTUATION;
        pulldown_cmark_to_cmark::cmark_with_options(events, &mut out, unchecked, options).ok()?;
    }
    Some(polish(out, rustdoc))
}

/// Respells two things in the serialised Markdown: hard breaks (`  ` before a
/// newline, which tidying would trim) become `\`, and `&amp;` in text becomes
/// `&` unless an entity name and `;` follow.
fn polish(markdown: String, options: Options) -> String {
    // Both spellings contain these; without them there is nothing to parse for.
    if !markdown.contains("  ") && !markdown.contains("&amp;") {
        return markdown;
    }
    let markdown = markdown.as_str();
    let mut out = String::with_capacity(markdown.len());
    let mut done = 0;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        let spelled = markdown.get(range.clone()).unwrap_or_default();
        let rest = markdown.get(range.end..).unwrap_or_default();
        let entity_char = |c: char| c.is_ascii_alphanumeric() || c == '#';
        let entity_next =
            rest.starts_with(entity_char) && rest.trim_start_matches(entity_char).starts_with(';');
        let respelled = match event {
            Event::HardBreak if spelled.starts_with("  ") => "\\\n",
            Event::Text(_) if spelled == "&amp;" && !entity_next => "&",
            _ => continue,
        };
        out.push_str(markdown.get(done..range.start).unwrap_or_default());
        out.push_str(respelled);
        done = range.end;
    }
    out.push_str(markdown.get(done..).unwrap_or_default());
    out
}

/// Splits into lines without trailing whitespace or extra blank lines.
pub(super) fn tidy(rendered: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in rendered.lines().map(str::trim_end) {
        if line.is_empty() && lines.last().is_none_or(String::is_empty) {
            continue;
        }
        lines.push(line.to_string());
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}
