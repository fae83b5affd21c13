//! The `pulldown-cmark` event rewriter: turns parser events into ones rustdoc
//! has nothing to warn about. Code blocks become `text` fences, only absolute
//! links stay links (images become links), inline HTML becomes Markdown or
//! text, and HTML blocks are converted with `htmd` (or shown as text).

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Tag, TagEnd};

use super::autolink::autolink_bare_urls;
use super::html::html_to_markdown;
use super::{KNOWN_ELEMENTS, listed, parse, tag_name};

/// Rewrites parser events into rustdoc-safe ones.
#[derive(Default)]
pub(super) struct Rewriter {
    out: Vec<Event<'static>>,
    /// Text not yet emitted (gathered so that URLs can be found in it).
    text: String,
    /// The gathered text is inside an HTML `<code>` element.
    text_is_code: bool,
    html_block: Option<String>,
    /// Raw HTML is shown as text, not converted (set for `htmd` output).
    pub(super) raw_html_is_text: bool,
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
    pub(super) fn feed(&mut self, events: Vec<Event<'_>>) {
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

    pub(super) fn finish(mut self) -> Vec<Event<'static>> {
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
