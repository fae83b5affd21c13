//! Descriptions (HTML, Markdown or plain text) to rustdoc lines.
//!
//! Every description goes through one funnel: HTML is first turned into
//! Markdown with `htmd`, then all Markdown is parsed with `pulldown-cmark`,
//! rewritten event by event so that rustdoc has nothing to warn about, and
//! serialised again with `pulldown-cmark-to-cmark` (which escapes text).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use htmd::options::{BulletListMarker, Options as HtmlOptions};
use htmd::{Element, HtmlToMarkdown, element_handler::Handlers};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

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
const HTML_MARKERS: &[&str] = &[
    "p", "br", "strong", "b", "em", "i", "code", "pre", "ul", "ol", "li", "h1", "h2", "h3", "h4",
    "h5", "h6", "table", "div", "span", "blockquote", "hr", "img", "tr", "td", "th", "dl", "dt",
    "dd", "tt", "kbd", "u", "sup", "sub",
];

/// HTML elements kept as markup in HTML descriptions; any other `<name` (such
/// as the `<string>` or `<id>` placeholders) is text and gets escaped.
const KNOWN_ELEMENTS: &[&str] = &[
    "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "big", "blockquote", "body",
    "br", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn",
    "div", "dl", "dt", "em", "figcaption", "figure", "font", "footer", "h1", "h2", "h3", "h4",
    "h5", "h6", "head", "header", "hr", "html", "i", "img", "ins", "kbd", "label", "li", "main",
    "mark", "nav", "ol", "p", "pre", "q", "s", "samp", "script", "section", "small", "span",
    "strike", "strong", "style", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "time", "tr", "tt", "u", "ul", "var", "wbr",
];

/// Tags with an `htmd` handler; inside `<pre>` they only contribute their text.
const TEXT_ONLY_IN_PRE: &[&str] = &[
    "a", "b", "blockquote", "br", "caption", "code", "div", "em", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "li", "ol", "p", "pre", "span", "strong", "table", "tbody", "td",
    "th", "thead", "tr", "ul",
];

/// Unicode bidirectional controls, rejected by rustc in literals (Trojan Source).
const BIDI_CONTROLS: &[char] = &[
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
    '\u{2068}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{FEFF}',
];

/// Decides the format from the Postman `type` hint (`text/html`, `text/markdown`,
/// `text/plain`, or None) and the text itself.
///
/// The hint is unreliable: real exports label Markdown as `text/plain`, and old
/// collections (Auth0) put raw HTML in plain strings. So the text decides: common
/// HTML tags (`<p>`, `<br>`, `<strong>`, `<code>`, `<pre>`, `<ul>`, `<a href`, ...)
/// make it [`Format::Html`], unless the hint is `text/markdown` and the tags only
/// appear inside code; anything else is [`Format::Markdown`].
pub fn detect(text: &str, type_hint: Option<&str>) -> Format {
    let media_type = type_hint.and_then(|hint| hint.split(';').next()).map(str::trim);
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
    if tagged { Format::Html } else { Format::Markdown }
}

/// Converts a description into rustdoc lines (without the leading `///` or space;
/// the caller emits each line as `#[doc = " line"]`).
///
/// The lines are tidy Markdown: no trailing whitespace, no leading, trailing or
/// doubled blank lines. Every code block is a `text` fence (never a doctest),
/// brackets, angle brackets and backticks in text are escaped, bare URLs become
/// autolinks and only absolute links survive, so rustdoc has nothing to warn about.
pub fn to_rustdoc(text: &str, format: Format) -> Vec<String> {
    let cleaned = clean(text);
    if cleaned.trim().is_empty() {
        return Vec::new();
    }
    // The converters are third-party code: a panic there must not take down codegen.
    let rendered = catch_unwind(AssertUnwindSafe(|| {
        let mut rewriter = Rewriter::default();
        if format == Format::Html && !looks_like_markdown(&cleaned) {
            rewriter.raw_html_is_text = true;
            let md = html_to_markdown(&cleaned)?;
            if std::env::var_os("DOCS_DEBUG").is_some() { eprintln!("HTMD:\n{md}\n---"); }
            rewriter.feed(parse(&md));
        } else {
            // Markdown, possibly with some HTML in it (converted as it comes).
            rewriter.feed(parse(&cleaned));
        }
        let ev = rewriter.finish();
        if std::env::var_os("DOCS_DEBUG").is_some() { for e in &ev { eprintln!("{e:?}"); } }
        render(&ev)
    }));
    tidy(&rendered.ok().flatten().unwrap_or_else(|| fence(&cleaned)))
}

/// Normalises line endings and drops control and bidi characters (but not `\n`, `\t`).
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !(c.is_control() || BIDI_CONTROLS.contains(&c)))
        .collect()
}

/// Parser extensions for Markdown input (rustdoc also renders these).
fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// The name after `<` or `</`, ASCII letters and digits, starting with a letter.
fn tag_name(after_lt: &str) -> Option<&str> {
    let rest = after_lt.strip_prefix('/').unwrap_or(after_lt);
    let len = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
    let name = rest.get(..len)?;
    name.starts_with(|c: char| c.is_ascii_alphabetic()).then_some(name)
}

fn has_html_markers(text: &str) -> bool {
    text.match_indices('<').any(|(at, _)| {
        let after_lt = text.get(at + 1..).unwrap_or_default();
        let Some(name) = tag_name(after_lt) else { return false };
        let rest = after_lt.get(name.len()..).unwrap_or_default();
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        if name.eq_ignore_ascii_case("a") && !after_lt.starts_with('/') {
            let attrs = rest.trim_start();
            return attrs.len() < rest.len()
                && attrs.get(..4).is_some_and(|a| a.eq_ignore_ascii_case("href"));
        }
        let ends_tag = rest.starts_with(|c: char| c == '>' || c.is_ascii_whitespace());
        ends_tag && HTML_MARKERS.iter().any(|m| m.eq_ignore_ascii_case(name))
    })
}

/// Turns `<` into `&lt;` unless it opens or closes a known HTML element.
fn escape_unknown_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    for (i, piece) in html.split('<').enumerate() {
        if i > 0 {
            let known = tag_name(piece).is_none_or(|name| {
                KNOWN_ELEMENTS.iter().any(|k| k.eq_ignore_ascii_case(name))
            });
            out.push_str(if known { "<" } else { "&lt;" });
        }
        out.push_str(piece);
    }
    out
}

/// HTML to Markdown with `htmd`; `<pre>` becomes a verbatim `text` fence.
fn html_to_markdown(html: &str) -> Option<String> {
    let pre_depth = Arc::new(AtomicUsize::new(0));
    let depth = Arc::clone(&pre_depth);
    let options = HtmlOptions {
        bullet_list_marker: BulletListMarker::Dash,
        ul_bullet_spacing: 1,
        ol_number_spacing: 1,
        ..HtmlOptions::default()
    };
    let converter = HtmlToMarkdown::builder()
        .options(options)
        .skip_tags(vec!["script", "style"])
        .add_handler(vec!["pre"], move |handlers: &dyn Handlers, element: Element| {
            depth.fetch_add(1, Ordering::Relaxed);
            let body = handlers.walk_children(element.node).content;
            depth.fetch_sub(1, Ordering::Relaxed);
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
        .add_handler(TEXT_ONLY_IN_PRE.to_vec(), move |handlers: &dyn Handlers, element: Element| {
            if pre_depth.load(Ordering::Relaxed) == 0 {
                handlers.fallback(element)
            } else if element.tag == "br" {
                Some("\n".into())
            } else {
                Some(handlers.walk_children(element.node).content.into())
            }
        })
        .build();
    converter.convert(&escape_unknown_tags(html)).ok()
}

/// A fenced `text` block around verbatim content, minus blank lines at both ends.
fn fence(body: &str) -> String {
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

/// Parses Markdown with the extensions rustdoc also renders.
fn parse(markdown: &str) -> Vec<Event<'_>> {
    Parser::new_ext(markdown, markdown_options()).collect()
}

/// Writes the events as Markdown; `text` escaping is done by the serialiser.
fn render(events: &[Event<'_>]) -> Option<String> {
    let options = pulldown_cmark_to_cmark::Options {
        code_block_token_count: 3,
        list_token: '-',
        increment_ordered_list_bullets: true,
        ..Default::default()
    };
    // Escape for everything rustdoc's own parser understands.
    let rustdoc = markdown_options() | Options::ENABLE_FOOTNOTES | Options::ENABLE_HEADING_ATTRIBUTES;
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
    Some(backslash_hard_breaks(&out, rustdoc))
}

/// Rewrites hard breaks (`  ` before a newline, which tidying would trim) as `\`.
fn backslash_hard_breaks(markdown: &str, options: Options) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut done = 0;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        let spelled = markdown.get(range.clone()).unwrap_or_default();
        if event == Event::HardBreak && spelled.starts_with("  ") {
            out.push_str(markdown.get(done..range.start).unwrap_or_default());
            out.push_str("\\\n");
            done = range.end;
        }
    }
    out.push_str(markdown.get(done..).unwrap_or_default());
    out
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

/// Rewrites parser events into rustdoc-safe ones.
#[derive(Default)]
struct Rewriter {
    out: Vec<Event<'static>>,
    /// Text not yet emitted (gathered so that URLs can be found in it).
    text: String,
    /// The gathered text is inside an HTML `<code>` element.
    text_is_code: bool,
    html_block: Option<String>,
    /// Raw HTML is shown as text, not converted (set for `htmd` output).
    raw_html_is_text: bool,
    in_code_block: bool,
    in_table: bool,
    /// How many parser elements are open.
    depth: usize,
    /// For each open parser link or image: whether a link was emitted.
    links: Vec<bool>,
    /// Elements opened by inline HTML: their end and the depth they were opened at.
    html_open: Vec<(TagEnd, usize)>,
}

impl Rewriter {
    fn feed(&mut self, events: Vec<Event<'_>>) {
        let mut events = events.into_iter().peekable();
        while let Some(event) = events.next() {
            match event {
                Event::Text(text) if self.in_code_block => self.emit(Event::Text(text.into_string().into())),
                Event::Text(html) | Event::Html(html) | Event::InlineHtml(html)
                    if self.html_block.is_some() =>
                {
                    self.html_block.get_or_insert_default().push_str(&html);
                }
                Event::Text(text) => self.text.push_str(&text),
                Event::InlineHtml(html) => self.inline_html(&html),
                Event::SoftBreak if self.text_is_code => self.text.push(' '),
                // `htmd` writes `|` in table cells as `&#124;`, which code spans keep.
                Event::Code(code) if self.in_table => {
                    self.flush_text();
                    self.emit(Event::Code(code.replace("&#124;", "|").into()));
                }
                other => {
                    self.flush_text();
                    match other {
                        Event::Start(Tag::HtmlBlock) => self.html_block = Some(String::new()),
                        Event::End(TagEnd::HtmlBlock) => self.end_html_block(),
                        Event::Start(Tag::CodeBlock(_)) => {
                            self.in_code_block = true;
                            self.depth += 1;
                            let kind = CodeBlockKind::Fenced(CowStr::Borrowed("text"));
                            self.emit(Event::Start(Tag::CodeBlock(kind)));
                        }
                        Event::Start(Tag::Link { dest_url, title, .. })
                        | Event::Start(Tag::Image { dest_url, title, .. }) => {
                            let empty = matches!(
                                events.peek(),
                                Some(Event::End(TagEnd::Link | TagEnd::Image))
                            );
                            self.start_link(&dest_url, &title, empty);
                        }
                        Event::Start(tag) => {
                            self.depth += 1;
                            self.in_table |= matches!(tag, Tag::Table(_));
                            self.emit(Event::Start(tag.into_static()));
                        }
                        Event::End(end) => self.end(end),
                        other => self.emit(other.into_static()),
                    }
                }
            }
        }
    }

    fn finish(mut self) -> Vec<Event<'static>> {
        self.flush_text();
        while let Some((end, _)) = self.html_open.pop() {
            self.emit(Event::End(end));
        }
        autolink_bare_urls(self.out)
    }

    /// Pushes an event, leaving out empty inline elements and stray hard breaks.
    fn emit(&mut self, event: Event<'static>) {
        match (&event, self.out.last()) {
            (Event::HardBreak, None | Some(Event::Start(_) | Event::HardBreak | Event::SoftBreak))
            | (Event::SoftBreak, Some(Event::HardBreak)) => {}
            // Adjacent code spans would run their backticks together.
            (Event::Code(more), Some(Event::Code(code))) => {
                let merged = format!("{code}{more}");
                self.out.pop();
                self.out.push(Event::Code(merged.into()));
            }
            (Event::End(_), Some(Event::HardBreak)) => {
                self.out.pop();
                self.emit(event);
            }
            (Event::End(end), Some(Event::Start(start)))
                if start.to_end() == *end
                    && matches!(end, TagEnd::Strong | TagEnd::Emphasis | TagEnd::Strikethrough | TagEnd::Link) =>
            {
                self.out.pop();
            }
            _ => self.out.push(event),
        }
    }

    /// Ends a parser element, first closing what inline HTML opened inside it.
    fn end(&mut self, end: TagEnd) {
        while let Some(&(html_end, depth)) = self.html_open.last() {
            if depth < self.depth {
                break;
            }
            self.html_open.pop();
            self.emit(Event::End(html_end));
        }
        self.depth = self.depth.saturating_sub(1);
        match end {
            TagEnd::CodeBlock => {
                self.in_code_block = false;
                // Content without a final newline would leave the fence unclosed.
                if matches!(self.out.last(), Some(Event::Text(code)) if !code.ends_with('\n')) {
                    self.emit(Event::Text(CowStr::Borrowed("\n")));
                }
            }
            TagEnd::Table => self.in_table = false,
            TagEnd::Link | TagEnd::Image => {
                if self.links.pop() == Some(true) {
                    self.emit(Event::End(TagEnd::Link));
                }
                return;
            }
            _ => {}
        }
        self.emit(Event::End(end));
    }

    fn in_link(&self) -> bool {
        self.links.contains(&true) || self.html_open.iter().any(|(end, _)| *end == TagEnd::Link)
    }

    /// Emits the gathered text (as code inside an HTML `<code>`).
    fn flush_text(&mut self) {
        let text = std::mem::take(&mut self.text).replace('\n', " ");
        let is_code = std::mem::take(&mut self.text_is_code);
        if !text.is_empty() {
            self.emit(if is_code { Event::Code(text.into()) } else { Event::Text(text.into()) });
        }
    }

    /// Inline HTML in Markdown: formatting tags become Markdown, a few known
    /// tags are dropped (keeping their content), anything else is text.
    fn inline_html(&mut self, html: &str) {
        if html.starts_with("<!--") {
            return; // comments are invisible
        }
        let name = html.get(1..).and_then(tag_name).unwrap_or_default().to_ascii_lowercase();
        let end = match name.as_str() {
            _ if self.raw_html_is_text => return self.text.push_str(html),
            "b" | "strong" => TagEnd::Strong,
            "i" | "em" => TagEnd::Emphasis,
            "s" | "strike" | "del" => TagEnd::Strikethrough,
            "a" => TagEnd::Link,
            "code" | "tt" | "kbd" | "samp" => {
                self.flush_text();
                self.text_is_code = !html.starts_with("</");
                return;
            }
            "br" if self.in_table => return self.text.push(' '), // cells are one line
            "br" => {
                self.flush_text();
                return self.emit(Event::HardBreak);
            }
            known if KNOWN_ELEMENTS.contains(&known) => return,
            _ => return self.text.push_str(html),
        };
        if html.starts_with("</") {
            if self.html_open.last().is_some_and(|(open, _)| *open == end) {
                self.flush_text();
                self.html_open.pop();
                self.emit(Event::End(end));
            }
            return;
        }
        let start = match end {
            TagEnd::Strong => Tag::Strong,
            TagEnd::Emphasis => Tag::Emphasis,
            TagEnd::Strikethrough => Tag::Strikethrough,
            _ => match href(html) {
                Some(url) if is_absolute(&url) && !self.in_link() => Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url: url.into(),
                    title: CowStr::Borrowed(""),
                    id: CowStr::Borrowed(""),
                },
                _ => return,
            },
        };
        self.flush_text();
        self.html_open.push((end, self.depth));
        self.emit(Event::Start(start));
    }

    /// An HTML block is converted with `htmd`, or (inside `htmd` output) shown as text.
    fn end_html_block(&mut self) {
        let block = self.html_block.take().unwrap_or_default();
        if block.trim_start().starts_with("<!--") {
            return;
        }
        if !self.raw_html_is_text
            && let Some(markdown) = html_to_markdown(&block)
        {
            self.raw_html_is_text = true;
            self.feed(parse(&markdown));
            self.raw_html_is_text = false;
            return;
        }
        let lines: Vec<&str> = block.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        if lines.is_empty() {
            return;
        }
        self.emit(Event::Start(Tag::Paragraph));
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                self.emit(Event::SoftBreak);
            }
            self.text.push_str(line);
            self.flush_text();
        }
        self.emit(Event::End(TagEnd::Paragraph));
    }

    /// Keeps only absolute links (others would be read as intra-doc links) and
    /// never nests them; images become links; an empty link shows its URL.
    fn start_link(&mut self, dest: &str, title: &str, empty: bool) {
        self.depth += 1;
        let keep = is_absolute(dest) && !self.in_link();
        if keep && empty {
            self.text.push_str(dest);
            self.flush_text();
        } else if keep {
            self.emit(Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url: dest.to_string().into(),
                title: title.to_string().into(),
                id: CowStr::Borrowed(""),
            }));
        }
        self.links.push(keep && !empty);
    }
}

/// The `href` attribute of an HTML start tag, with `&amp;` decoded.
fn href(tag: &str) -> Option<String> {
    let at = tag.to_ascii_lowercase().find("href")?;
    let value = tag.get(at + 4..)?.trim_start().strip_prefix('=')?.trim_start();
    let value = match value.chars().next()? {
        quote @ ('"' | '\'') => value.get(1..)?.split(quote).next()?,
        _ => value.split(|c: char| c.is_whitespace() || c == '>').next()?,
    };
    Some(value.replace("&amp;", "&"))
}

fn is_absolute(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"].iter().any(|s| lower.starts_with(s))
}

/// Turns `http(s)://` URLs in text (outside links and code) into autolinks;
/// adjacent text events are joined first, as rustdoc would see them.
fn autolink_bare_urls(events: Vec<Event<'static>>) -> Vec<Event<'static>> {
    let mut out = Vec::with_capacity(events.len());
    let mut text = String::new();
    let (mut links, mut in_code) = (0usize, false);
    for event in events {
        match &event {
            Event::Text(more) if links == 0 && !in_code => {
                text.push_str(more);
                continue;
            }
            Event::Start(Tag::Link { .. }) => links += 1,
            Event::End(TagEnd::Link) => links = links.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            _ => {}
        }
        autolinked(&std::mem::take(&mut text), &mut out);
        out.push(event);
    }
    autolinked(&text, &mut out);
    out
}

/// Pushes `text` as text events, with each `http(s)://` URL as an autolink.
fn autolinked(text: &str, out: &mut Vec<Event<'static>>) {
    let lower = text.to_ascii_lowercase();
    let mut done = 0;
    let mut from = 0;
    while let Some(found) = lower.get(from..).and_then(|rest| rest.find("http")) {
        let at = from + found;
        let url = text.get(at..).map_or(0, url_len);
        from = at + url.max(4);
        if url > 0 {
            let before = text.get(done..at).unwrap_or_default();
            let link: CowStr = text.get(at..at + url).unwrap_or_default().to_string().into();
            if !before.is_empty() {
                out.push(Event::Text(before.to_string().into()));
            }
            out.push(Event::Start(Tag::Link {
                link_type: LinkType::Autolink,
                dest_url: link.clone(),
                title: CowStr::Borrowed(""),
                id: CowStr::Borrowed(""),
            }));
            out.push(Event::Text(link));
            out.push(Event::End(TagEnd::Link));
            done = at + url;
        }
    }
    if let Some(rest) = text.get(done..).filter(|rest| !rest.is_empty()) {
        out.push(Event::Text(rest.to_string().into()));
    }
}

/// Length of the URL at the start of `text` (0 if none), GFM style: it stops at
/// whitespace or ``<>"`|`` and leaves out trailing punctuation and unbalanced brackets.
fn url_len(text: &str) -> usize {
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    let Some(scheme) = ["http://", "https://"].into_iter().find(|s| lower.starts_with(s)) else {
        return 0;
    };
    let stop = |c: char| c.is_whitespace() || c.is_control() || "<>\"`|".contains(c);
    let mut url = text.get(..text.find(stop).unwrap_or(text.len())).unwrap_or_default();
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ':', ';', '!', '?', '\'', '*', '_', '~']);
        let unbalanced = [('(', ')'), ('[', ']'), ('{', '}')].into_iter().any(|(open, close)| {
            trimmed.ends_with(close) && trimmed.matches(close).count() > trimmed.matches(open).count()
        });
        let trimmed = match unbalanced {
            true => trimmed.get(..trimmed.len() - 1).unwrap_or_default(),
            false => trimmed,
        };
        if trimmed.len() == url.len() {
            break;
        }
        url = trimmed;
    }
    if url.len() > scheme.len() { url.len() } else { 0 }
}

/// Splits into lines without trailing whitespace or extra blank lines.
fn tidy(rendered: &str) -> Vec<String> {
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
