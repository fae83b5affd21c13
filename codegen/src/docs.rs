//! Descriptions (HTML, Markdown or plain text) to rustdoc lines.
//!
//! Every description goes through one funnel: HTML is first turned into
//! Markdown with `htmd`, then all Markdown is parsed with `pulldown-cmark`,
//! rewritten event by event so that rustdoc has nothing to warn about (code
//! blocks become `text` fences, HTML left in Markdown is converted or shown as
//! text, only absolute links stay links, bare URLs become autolinks) and
//! serialised again with `pulldown-cmark-to-cmark`, which escapes text (`[`,
//! `]`, `<`, backticks, ...).

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
const HTML_MARKERS: &str = "\
    p br strong b em i code pre ul ol li h1 h2 h3 h4 h5 h6 table div span blockquote hr img \
    tr td th dl dt dd tt kbd u sup sub";

/// HTML elements kept as markup in HTML descriptions; any other `<name` (such
/// as the `<string>` or `<id>` placeholders) is text and gets escaped.
const KNOWN_ELEMENTS: &str = "\
    a abbr address article aside b bdi bdo big blockquote body br caption center cite code \
    col colgroup dd del details dfn div dl dt em figcaption figure font footer h1 h2 h3 h4 h5 \
    h6 head header hr html i img ins kbd label li main mark nav ol p pre q s samp script \
    section small span strike strong style sub summary sup table tbody td tfoot th thead time \
    tr tt u ul var wbr";

/// Tags with an `htmd` handler; inside `<pre>` they only contribute their text.
const TEXT_ONLY_IN_PRE: &str = "\
    a b blockquote br caption code div em h1 h2 h3 h4 h5 h6 hr i img li ol p pre span strong \
    table tbody td th thead tr ul";

/// Elements that are empty or closed by their next sibling, so they do not nest.
const UNNESTED: &str = "br hr img wbr col p li td th tr dt dd";

/// Unicode bidirectional controls (rejected by rustc in literals) and the BOM.
const BIDI_CONTROLS: &str = "\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}\u{200E}\u{200F}\u{FEFF}";

/// Whether `name` is in a space-separated `list` (ASCII case-insensitive).
fn listed(list: &str, name: &str) -> bool {
    list.split(' ').any(|item| item.eq_ignore_ascii_case(name))
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
/// Input nested too deep for the converters comes out as one `text` block.
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

/// Whether the text nests deeper than the recursive converters can take (the
/// stack could overflow): more than 100 open HTML elements, or a line starting
/// with over 200 characters of indentation, quote or list markers.
fn too_deep(text: &str) -> bool {
    let (mut depth, mut deepest) = (0usize, 0);
    for piece in text.split('<').skip(1) {
        match tag_name(piece) {
            Some(_) if piece.starts_with('/') => depth = depth.saturating_sub(1),
            Some(name) if listed(KNOWN_ELEMENTS, name) && !listed(UNNESTED, name) => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            _ => {}
        }
    }
    let markers = |c: char| c.is_whitespace() || c.is_ascii_digit() || "<>-+*.)".contains(c);
    deepest > 100
        || text
            .lines()
            .any(|line| line.len() - line.trim_start_matches(markers).len() > 200)
}

/// Normalises line endings and drops control and bidi characters (but not `\n`, `\t`).
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !(c.is_control() || BIDI_CONTROLS.contains(c)))
        .collect()
}

/// Parser extensions for Markdown input (rustdoc also renders these).
fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// The name after `<` or `</`, ASCII letters and digits, starting with a letter.
fn tag_name(after_lt: &str) -> Option<&str> {
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
        .add_handler(
            vec!["pre"],
            move |handlers: &dyn Handlers, element: Element| {
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
            },
        )
        .add_handler(
            TEXT_ONLY_IN_PRE.split(' ').collect(),
            move |handlers: &dyn Handlers, element: Element| {
                if pre_depth.load(Ordering::Relaxed) == 0 {
                    handlers.fallback(element)
                } else if element.tag == "br" {
                    Some("\n".into())
                } else {
                    Some(handlers.walk_children(element.node).content.into())
                }
            },
        )
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
    Some(polish(&out, rustdoc))
}

/// Respells two things in the serialised Markdown: hard breaks (`  ` before a
/// newline, which tidying would trim) become `\`, and `&amp;` in text becomes
/// `&` unless an entity name and `;` follow.
fn polish(markdown: &str, options: Options) -> String {
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
                Event::Text(text) if self.in_code_block => {
                    self.emit(Event::Text(text.into_string().into()))
                }
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
                        Event::Start(Tag::Link {
                            dest_url, title, ..
                        })
                        | Event::Start(Tag::Image {
                            dest_url, title, ..
                        }) => {
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
            // Two line breaks in a row would end the paragraph.
            (
                Event::HardBreak | Event::SoftBreak,
                None | Some(Event::Start(_) | Event::HardBreak | Event::SoftBreak),
            ) => {}
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
                    && matches!(
                        end,
                        TagEnd::Strong | TagEnd::Emphasis | TagEnd::Strikethrough | TagEnd::Link
                    ) =>
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
            self.emit(if is_code {
                Event::Code(text.into())
            } else {
                Event::Text(text.into())
            });
        }
    }

    /// Inline HTML in Markdown: formatting tags become Markdown, a few known
    /// tags are dropped (keeping their content), anything else is text.
    fn inline_html(&mut self, html: &str) {
        if html.starts_with("<!--") {
            return; // comments are invisible
        }
        let name = html
            .get(1..)
            .and_then(tag_name)
            .unwrap_or_default()
            .to_ascii_lowercase();
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
            known if listed(KNOWN_ELEMENTS, known) => return,
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
        let lines: Vec<&str> = block
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
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
    let value = tag
        .get(at + 4..)?
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let value = match value.chars().next()? {
        quote @ ('"' | '\'') => value.get(1..)?.split(quote).next()?,
        _ => value
            .split(|c: char| c.is_whitespace() || c == '>')
            .next()?,
    };
    Some(value.replace("&amp;", "&"))
}

fn is_absolute(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s))
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
            let link: CowStr = text
                .get(at..at + url)
                .unwrap_or_default()
                .to_string()
                .into();
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
    let Some(scheme) = ["http://", "https://"]
        .into_iter()
        .find(|s| lower.starts_with(s))
    else {
        return 0;
    };
    let stop = |c: char| c.is_whitespace() || c.is_control() || "<>\"`|".contains(c);
    let mut url = text
        .get(..text.find(stop).unwrap_or(text.len()))
        .unwrap_or_default();
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ':', ';', '!', '?', '\'', '*', '_', '~']);
        let unbalanced = [('(', ')'), ('[', ']'), ('{', '}')]
            .into_iter()
            .any(|(open, close)| {
                trimmed.ends_with(close)
                    && trimmed.matches(close).count() > trimmed.matches(open).count()
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
    if url.len() > scheme.len() {
        url.len()
    } else {
        0
    }
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

#[cfg(test)]
mod tests {
    use super::{Format, detect, to_rustdoc};

    fn html(text: &str) -> String {
        to_rustdoc(text, Format::Html).join("\n")
    }

    fn md(text: &str) -> String {
        to_rustdoc(text, Format::Markdown).join("\n")
    }

    /// The output rules every rendering must follow, whatever the input.
    fn assert_tidy(lines: &[String]) {
        assert!(
            lines.first().is_none_or(|l| !l.is_empty()),
            "leading blank: {lines:?}"
        );
        assert!(
            lines.last().is_none_or(|l| !l.is_empty()),
            "trailing blank: {lines:?}"
        );
        for pair in lines.windows(2) {
            assert!(
                !(pair[0].is_empty() && pair[1].is_empty()),
                "double blank: {lines:?}"
            );
        }
        for line in lines {
            assert_eq!(line.trim_end(), line, "trailing whitespace: {lines:?}");
            assert!(
                !line.contains(|c: char| c.is_control() && c != '\t'),
                "control: {line:?}"
            );
        }
    }

    const AUTH0_LINK_USER_ACCOUNT: &str = "Links the account specified in the body (<strong>secondary account</strong>) to the account specified by the <code>id</code> param of the URL (<strong>primary account</strong>).<br>There are two ways of invoking the endpoint:<br><ul><li>With the authenticated primary account's JWT in the Authorization header, which has the <code>update:current_user_identities</code> scope:\n<pre>\nPOST /api/v2/users/PRIMARY_ACCOUNT_USER_ID/identities\nAuthorization: \"Bearer PRIMARY_ACCOUNT_JWT\"\n{\n \"link_with\": \"SECONDARY_ACCOUNT_JWT\"\n}\n</pre>In this case only the <code>link_with</code> param is required in the body, containing the JWT obtained upon the secondary account's authentication.</li><li>With an API V2 generated token with <code>update:users</code> scope:\n<pre>\nPOST /api/v2/users/PRIMARY_ACCOUNT_USER_ID/identities\nAuthorization: \"Bearer YOUR_API_V2_TOKEN\"\n{\n \"provider\": \"SECONDARY_ACCOUNT_PROVIDER\",\n \"connection_id\": \"SECONDARY_ACCOUNT_CONNECTION_ID(OPTIONAL)\",\n \"user_id\": \"SECONDARY_ACCOUNT_USER_ID\"\n}\n</pre>In this case you need to send <code>provider</code> and <code>user_id</code> in the body. Optionally you can also send the <code>connection_id</code> param which is suitable for identifying a particular database connection for the 'auth0' provider.</li></ul>On successful linking, the endpoint returns the new array of the primary account identities.";

    #[test]
    fn auth0_link_user_account_description_reads_as_markdown() {
        assert_eq!(detect(AUTH0_LINK_USER_ACCOUNT, None), Format::Html);
        let expected = [
            "Links the account specified in the body (**secondary account**) to the account specified by the `id` param of the URL (**primary account**).\\",
            "There are two ways of invoking the endpoint:",
            "",
            "- With the authenticated primary account's JWT in the Authorization header, which has the `update:current_user_identities` scope:",
            "",
            "  ```text",
            "  POST /api/v2/users/PRIMARY_ACCOUNT_USER_ID/identities",
            "  Authorization: \"Bearer PRIMARY_ACCOUNT_JWT\"",
            "  {",
            "   \"link_with\": \"SECONDARY_ACCOUNT_JWT\"",
            "  }",
            "  ```",
            "",
            "  In this case only the `link_with` param is required in the body, containing the JWT obtained upon the secondary account's authentication.",
            "",
            "- With an API V2 generated token with `update:users` scope:",
            "",
            "  ```text",
            "  POST /api/v2/users/PRIMARY_ACCOUNT_USER_ID/identities",
            "  Authorization: \"Bearer YOUR_API_V2_TOKEN\"",
            "  {",
            "   \"provider\": \"SECONDARY_ACCOUNT_PROVIDER\",",
            "   \"connection_id\": \"SECONDARY_ACCOUNT_CONNECTION_ID(OPTIONAL)\",",
            "   \"user_id\": \"SECONDARY_ACCOUNT_USER_ID\"",
            "  }",
            "  ```",
            "",
            "  In this case you need to send `provider` and `user_id` in the body. Optionally you can also send the `connection_id` param which is suitable for identifying a particular database connection for the 'auth0' provider.",
            "",
            "On successful linking, the endpoint returns the new array of the primary account identities.",
        ];
        assert_eq!(to_rustdoc(AUTH0_LINK_USER_ACCOUNT, Format::Html), expected);
    }

    #[test]
    fn pre_blocks_become_text_fences_with_verbatim_content() {
        let with_code = "<p>Body:</p><pre><code class=\"language-json\">{\"a\": \"&lt;b&gt; &amp; [x] *y* _z_\"}\n  indented</code></pre>";
        assert_eq!(
            html(with_code),
            "Body:\n\n```text\n{\"a\": \"<b> & [x] *y* _z_\"}\n  indented\n```"
        );
        let without_code = "<pre>\nline1<br><b>bold</b> <a href=\"https://e.com\">link</a>\n</pre>";
        assert_eq!(html(without_code), "```text\nline1\nbold link\n```");
    }

    #[test]
    fn pre_blocks_with_backticks_get_a_longer_fence() {
        assert_eq!(
            html("<pre>```js\nx\n```</pre>"),
            "````text\n```js\nx\n```\n````"
        );
    }

    #[test]
    fn html_formatting_becomes_markdown() {
        let text = "<p>A <strong>bold</strong>, <em>italic</em>, <b>b</b>, <i>i</i>, <code>code</code> \
                    and <a href=\"https://example.com/x\">a link</a>.</p><p>Second<br>line</p>";
        assert_eq!(
            html(text),
            "A **bold**, *italic*, **b**, *i*, `code` and [a link](https://example.com/x).\n\nSecond\\\nline"
        );
    }

    #[test]
    fn nested_html_lists_keep_their_structure() {
        let text = "<ul><li>a<ul><li>b</li><li>c<ol><li>d</li><li>e</li></ol></li></ul></li><li>f</li></ul>";
        assert_eq!(html(text), "- a\n  - b\n  - c\n    1. d\n    2. e\n- f");
    }

    #[test]
    fn markdown_code_blocks_of_any_kind_become_text_fences() {
        let text = "```json\n{\"a\": 1}\n```\n\n```js\nlet a;\n```\n\n~~~rust\nfn main() {}\n~~~\n\n\
                    ```\nnone\n```\n\n    indented code\n\n```rust,ignore\nx\n```";
        assert_eq!(
            md(text),
            "```text\n{\"a\": 1}\n```\n\n```text\nlet a;\n```\n\n```text\nfn main() {}\n```\n\n\
             ```text\nnone\n```\n\n```text\nindented code\n```\n\n```text\nx\n```"
        );
    }

    #[test]
    fn code_blocks_in_list_items_stay_inside_the_item() {
        let text = "- item\n\n  ```json\n  {}\n  ```\n- next";
        assert_eq!(md(text), "- item\n\n  ```text\n  {}\n  ```\n\n- next");
    }

    #[test]
    fn unclosed_code_blocks_are_closed() {
        assert_eq!(
            md("```json\n{\"open\": true"),
            "```text\n{\"open\": true\n```"
        );
    }

    #[test]
    fn brackets_are_escaped_so_rustdoc_sees_no_intra_doc_links() {
        assert_eq!(
            md("Use [foo], data[0] or [Vec]."),
            "Use \\[foo\\], data\\[0\\] or \\[Vec\\]."
        );
        assert_eq!(
            html("<p>filter[state][not]</p>"),
            "filter\\[state\\]\\[not\\]"
        );
    }

    #[test]
    fn absolute_links_are_kept_and_other_links_unwrapped() {
        let text = "[docs](https://example.com/docs), [ref][r], [rel](/relative), [anchor](#x), \
                    [path](foo::bar), [mail](mailto:a@b.c)\n\n[r]: https://example.com/ref";
        assert_eq!(
            md(text),
            "[docs](https://example.com/docs), [ref](https://example.com/ref), rel, anchor, path, \
             [mail](mailto:a@b.c)"
        );
        assert_eq!(
            html("<a href=\"/docs/connect\">Connect</a> it"),
            "Connect it"
        );
    }

    #[test]
    fn images_become_links() {
        assert_eq!(
            md("![logo](https://example.com/logo.png) ![local](logo.png)"),
            "[logo](https://example.com/logo.png) local"
        );
    }

    #[test]
    fn bare_urls_become_autolinks() {
        let text = "See https://example.com/a_b?c=1&d=2. Or (http://x.org/y). Or HTTPS://z.io/{{id}}/w, ok.";
        assert_eq!(
            md(text),
            "See <https://example.com/a_b?c=1&d=2>. Or (<http://x.org/y>). Or <HTTPS://z.io/{{id}}/w>, ok."
        );
        assert_eq!(
            html("<p>Go to https://example.com now</p>"),
            "Go to <https://example.com> now"
        );
        // Inside a link the URL is the link text, not a bare URL.
        assert_eq!(
            md("[https://a.io](https://a.io)"),
            "[https://a.io](https://a.io)"
        );
    }

    #[test]
    fn placeholders_are_escaped_not_passed_as_html() {
        assert_eq!(
            md("Pass <string> or <integer>, not <id>."),
            "Pass \\<string> or \\<integer>, not \\<id>."
        );
        assert_eq!(
            html("<p>Pass <string> as &lt;id&gt;</p>"),
            "Pass \\<string> as \\<id>"
        );
        assert_eq!(
            md("<foo bar=\"1\">\nx\n</foo>"),
            "\\<foo bar=\"1\"> x \\</foo>"
        );
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            html("<p>a &lt; b &amp;&amp; c &gt; d &quot;q&quot; &#39;s&#39; &eacute;</p>"),
            "a \\< b && c > d \"q\" 's' é"
        );
        assert_eq!(md("Q&amp;A &copy; &#x41;"), "Q&A © A");
    }

    #[test]
    fn crlf_and_lone_cr_become_lf() {
        assert_eq!(md("a\r\nb\rc\r\n\r\n\r\nd"), "a\nb\nc\n\nd");
        assert_eq!(
            to_rustdoc("```\r\nx\r\n```", Format::Plain),
            ["```text", "x", "```"]
        );
    }

    #[test]
    fn empty_or_blank_input_gives_no_lines() {
        for format in [Format::Html, Format::Markdown, Format::Plain] {
            for text in [
                "",
                " ",
                "\n\n",
                " \t\r\n ",
                "\u{0}",
                "<p></p>",
                "<!-- hidden -->",
            ] {
                assert!(
                    to_rustdoc(text, format).is_empty(),
                    "{text:?} as {format:?}"
                );
            }
        }
    }

    #[test]
    fn hostile_input_comes_out_as_plain_text() {
        let text = "\"]\n#[doc = \"x\"]\nend */ \u{0}\u{7}\u{1b}[0m \u{202e}rtl &amp;lt;";
        let lines = to_rustdoc(text, Format::Markdown);
        assert_eq!(
            lines,
            [
                "\"\\]",
                "\\#\\[doc = \"x\"\\]",
                "end \\*/ \\[0m rtl &amp;lt;"
            ]
        );
        assert_tidy(&lines);
        assert_eq!(html("<script>alert(1)</script><p>ok</p>"), "ok");
    }

    #[test]
    fn control_characters_are_dropped_but_tabs_kept() {
        assert_eq!(md("a\u{0}b\u{8}c\td\u{7f}e\u{85}f"), "abc\tdef");
    }

    #[test]
    fn stray_backticks_are_escaped_and_code_spans_kept() {
        assert_eq!(md("a ` b"), "a \\` b");
        assert_eq!(md("`code` and ``a ` b``"), "`code` and ``a ` b``");
    }

    #[test]
    fn hard_breaks_use_a_backslash_not_trailing_spaces() {
        assert_eq!(md("one  \ntwo\\\nthree"), "one\\\ntwo\\\nthree");
    }

    #[test]
    fn markdown_with_inline_html_converts_the_html() {
        let text = "Get a [key](https://example.com/k).\n\nNeeds <a href=\"#auth\">API Key</a>, \
                    <b>care</b> and <code>x-api-key</code>.<br>Next line<br>";
        assert_eq!(detect(text, None), Format::Html);
        assert_eq!(
            html(text),
            "Get a [key](https://example.com/k).\n\nNeeds API Key, **care** and `x-api-key`.\\\nNext line"
        );
    }

    #[test]
    fn html_blocks_in_markdown_are_converted() {
        let text = "Intro text.\n\n<h3>Fields</h3>\n<table><tr><th>name</th><th>type</th></tr>\
                    <tr><td>id</td><td>string</td></tr></table>";
        assert_eq!(
            html(text),
            "Intro text.\n\n### Fields\n\n|name|type|\n|----|----|\n|id|string|"
        );
    }

    #[test]
    fn line_breaks_in_table_cells_stay_on_one_line() {
        assert_eq!(md("|a|b|\n|-|-|\n|1<br>2|3|"), "|a|b|\n|-|-|\n|1 2|3|");
    }

    #[test]
    fn output_is_tidy_and_deterministic() {
        let text = "\n\n  Title  \n\n\n\nPara with trailing spaces   \n\n\n- a   \n\n\n- b\n\n\n";
        let lines = to_rustdoc(text, Format::Markdown);
        assert_tidy(&lines);
        assert_eq!(
            lines,
            [
                "Title",
                "",
                "Para with trailing spaces",
                "",
                "- a",
                "",
                "- b"
            ]
        );
        assert_eq!(lines, to_rustdoc(text, Format::Markdown));
        assert_tidy(&to_rustdoc(AUTH0_LINK_USER_ACCOUNT, Format::Html));
    }

    #[test]
    fn never_panics_and_stays_tidy_on_random_input() {
        const PIECES: &[&str] = &[
            "<",
            ">",
            "</",
            "b>",
            "<pre>",
            "</pre>",
            "<code>",
            "</code>",
            "<a href=\"",
            "https://x.io/a_b",
            "[",
            "]",
            "(",
            ")",
            "`",
            "```",
            "\n",
            "\n\n",
            "    ",
            "*",
            "_",
            "#",
            "|",
            "-",
            "1.",
            "&amp;",
            "&",
            "\\",
            "<br>",
            "<li>",
            "<ul>",
            "<table>",
            "<td>",
            "<tr>",
            "text",
            " ",
            "\t",
            "\r",
            "\0",
            "é",
            "🦀",
            "<string>",
            "> ",
            "~~",
            "<!--",
            "-->",
            "<p>",
            "</p>",
            "\"",
            "![",
            "](",
            "{{id}}",
        ];
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..400 {
            let count = next() % 30;
            let text: String = (0..count)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            for format in [Format::Html, Format::Markdown, Format::Plain] {
                let lines = to_rustdoc(&text, format);
                assert_tidy(&lines);
                assert_eq!(
                    lines,
                    to_rustdoc(&text, format),
                    "not deterministic: {text:?}"
                );
            }
            let _ = detect(&text, Some("text/markdown"));
        }
    }

    #[test]
    fn input_nested_too_deep_becomes_one_text_block() {
        for text in [
            "<ul><li>".repeat(5000),
            "> ".repeat(5000),
            "<b>".repeat(5000),
        ] {
            for format in [Format::Html, Format::Markdown] {
                let lines = to_rustdoc(&text, format);
                assert_eq!(lines.first().map(String::as_str), Some("```text"));
                assert_eq!(lines.last().map(String::as_str), Some("```"));
            }
        }
        // Ordinary nesting is still converted.
        assert_eq!(html(&format!("{}x", "<ul><li>".repeat(3))), "- * - x");
    }

    #[test]
    fn detect_finds_html_tags_whatever_the_hint() {
        for hint in [
            None,
            Some("text/plain"),
            Some("text/html"),
            Some("text/markdown"),
        ] {
            assert_eq!(detect("Some <p>text</p>", hint), Format::Html, "{hint:?}");
            assert_eq!(detect("One<br/>two", hint), Format::Html, "{hint:?}");
            assert_eq!(
                detect("<A HREF=\"x\">y</A>", hint),
                Format::Html,
                "{hint:?}"
            );
        }
    }

    #[test]
    fn detect_keeps_markdown_when_tags_are_only_in_code() {
        let text = "Use `<br>` here.\n\n```html\n<p>x</p>\n```";
        assert_eq!(detect(text, Some("text/markdown")), Format::Markdown);
        assert_eq!(
            detect(text, Some("text/markdown; charset=utf-8")),
            Format::Markdown
        );
        // Only a Markdown hint makes code spans count as code.
        assert_eq!(detect(text, Some("text/plain")), Format::Html);
        assert_eq!(
            detect("`x` and <b>y</b>", Some("text/markdown")),
            Format::Html
        );
    }

    #[test]
    fn detect_calls_text_without_html_tags_markdown() {
        for text in [
            "Just *text*",
            "a < b > c",
            "Pass <string> or <id>",
            "<a name=\"x\">y</a>",
            "",
        ] {
            for hint in [
                None,
                Some("text/plain"),
                Some("text/html"),
                Some("text/markdown"),
            ] {
                assert_eq!(detect(text, hint), Format::Markdown, "{text:?} {hint:?}");
            }
        }
    }
}
