//! Bare `http(s)://` URLs in text become autolinks, GFM style, so that rustdoc
//! shows them as links and does not warn about them.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

/// Turns `http(s)://` URLs in text (outside links and code) into autolinks;
/// adjacent text events are joined first, as rustdoc would see them.
pub(super) fn autolink_bare_urls(events: Vec<Event<'static>>) -> Vec<Event<'static>> {
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
    // How many of each bracket the URL holds, counted once and kept up to date as closing
    // brackets are trimmed (counting again per trimmed bracket is quadratic).
    let brackets = [('(', ')'), ('[', ']'), ('{', '}')];
    let mut counts =
        brackets.map(|(open, close)| (url.matches(open).count(), url.matches(close).count()));
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ':', ';', '!', '?', '\'', '*', '_', '~']);
        let unbalanced = brackets
            .iter()
            .zip(counts.iter_mut())
            .find(|((_, close), (opens, closes))| trimmed.ends_with(*close) && closes > opens);
        let trimmed = match unbalanced {
            Some((_, (_, closes))) => {
                *closes -= 1;
                trimmed.get(..trimmed.len() - 1).unwrap_or_default()
            }
            None => trimmed,
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
