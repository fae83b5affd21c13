//! Markdown and plain text descriptions.

use super::{html, md};
use crate::docs::{Format, to_rustdoc};

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
    let text =
        "See https://example.com/a_b?c=1&d=2. Or (http://x.org/y). Or HTTPS://z.io/{{id}}/w, ok.";
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
fn stray_backticks_are_escaped_and_code_spans_kept() {
    assert_eq!(md("a ` b"), "a \\` b");
    assert_eq!(md("`code` and ``a ` b``"), "`code` and ``a ` b``");
}

#[test]
fn hard_breaks_use_a_backslash_not_trailing_spaces() {
    assert_eq!(md("one  \ntwo\\\nthree"), "one\\\ntwo\\\nthree");
}

#[test]
fn line_breaks_in_table_cells_stay_on_one_line() {
    assert_eq!(md("|a|b|\n|-|-|\n|1<br>2|3|"), "|a|b|\n|-|-|\n|1 2|3|");
}
