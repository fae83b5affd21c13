//! Unit tests of the description conversion: general rules and robustness
//! here, HTML and Markdown specifics in the submodules.

mod html;
mod markdown;

use super::html::MAX_HTML_DEPTH;
use super::{Format, detect, to_rustdoc};

pub(super) fn html(text: &str) -> String {
    to_rustdoc(text, Format::Html).join("\n")
}

pub(super) fn md(text: &str) -> String {
    to_rustdoc(text, Format::Markdown).join("\n")
}

/// The output rules every rendering must follow, whatever the input.
pub(super) fn assert_tidy(lines: &[String]) {
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

pub(super) const AUTH0_LINK_USER_ACCOUNT: &str = "Links the account specified in the body (<strong>secondary account</strong>) to the account specified by the <code>id</code> param of the URL (<strong>primary account</strong>).<br>There are two ways of invoking the endpoint:<br><ul><li>With the authenticated primary account's JWT in the Authorization header, which has the <code>update:current_user_identities</code> scope:\n<pre>\nPOST /api/v2/users/PRIMARY_ACCOUNT_USER_ID/identities\nAuthorization: \"Bearer PRIMARY_ACCOUNT_JWT\"\n{\n \"link_with\": \"SECONDARY_ACCOUNT_JWT\"\n}\n</pre>In this case only the <code>link_with</code> param is required in the body, containing the JWT obtained upon the secondary account's authentication.</li><li>With an API V2 generated token with <code>update:users</code> scope:\n<pre>\nPOST /api/v2/users/PRIMARY_ACCOUNT_USER_ID/identities\nAuthorization: \"Bearer YOUR_API_V2_TOKEN\"\n{\n \"provider\": \"SECONDARY_ACCOUNT_PROVIDER\",\n \"connection_id\": \"SECONDARY_ACCOUNT_CONNECTION_ID(OPTIONAL)\",\n \"user_id\": \"SECONDARY_ACCOUNT_USER_ID\"\n}\n</pre>In this case you need to send <code>provider</code> and <code>user_id</code> in the body. Optionally you can also send the <code>connection_id</code> param which is suitable for identifying a particular database connection for the 'auth0' provider.</li></ul>On successful linking, the endpoint returns the new array of the primary account identities.";

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
fn a_bare_url_before_a_long_run_of_closing_brackets_keeps_them_outside_the_link() {
    // Trimming each unbalanced `)` recounted the brackets of the whole URL: about a minute
    // for these 100,000 in a release build (`cargo bench -p codegen --bench linear`).
    let text = format!("see http://a.io/x{} now", ")".repeat(100_000));
    let lines = to_rustdoc(&text, Format::Markdown);
    assert!(
        lines[0].starts_with("see <http://a.io/x>)))"),
        "{}",
        &lines[0][..40]
    );
    assert_eq!(md("(see http://a.io/(x)))."), "(see <http://a.io/(x)>)).");
}

#[test]
fn control_characters_are_dropped_but_tabs_kept() {
    assert_eq!(md("a\u{0}b\u{8}c\td\u{7f}e\u{85}f"), "abc\tdef");
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

/// Runs `convert` on a thread with a 256 KiB stack, far less than the 2 MiB of the threads
/// generation runs descriptions on.
fn on_small_stack<T: Send + 'static>(convert: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(convert)
        .expect("a thread can be spawned")
        .join()
        .expect("the conversion does not overflow a small stack")
}

fn is_one_text_block(lines: &[String]) -> bool {
    lines.first().map(String::as_str) == Some("```text")
        && lines.last().map(String::as_str) == Some("```")
        && lines.iter().filter(|line| line.starts_with("```")).count() == 2
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
fn closing_tags_that_close_nothing_do_not_hide_deep_nesting() {
    // `</p>` without an open `<p>` closes nothing: the `<div>`s stay open, 10,000 deep.
    let text = format!("<p>x</p>{}", "<div></p>".repeat(10_000));
    for format in [Format::Html, Format::Markdown] {
        let converted = text.clone();
        let lines = on_small_stack(move || to_rustdoc(&converted, format));
        assert!(is_one_text_block(&lines), "{format:?}: {:?}", &lines[..3]);
        assert_eq!(lines.get(1).map(String::len), Some(text.len()));
    }
    // A closing tag still closes what it matches, with what is open inside it.
    let balanced = "<div><span>x</div>".repeat(MAX_HTML_DEPTH * 2);
    assert_eq!(html(&balanced), ["x"; MAX_HTML_DEPTH * 2].join("\n\n"));
}

#[test]
fn nesting_the_html_parser_adds_is_measured_too() {
    // Only `<table>` nests in the text; the parser adds `<tbody>`, `<tr>` and `<td>` below each.
    let text = format!("{}x", "<table><tr><td>".repeat(MAX_HTML_DEPTH / 3));
    let lines = on_small_stack(move || to_rustdoc(&text, Format::Html));
    assert!(is_one_text_block(&lines), "{lines:?}");
    // Inside Markdown, an HTML block that deep is shown as a paragraph of its text.
    let text = format!(
        "Intro\n\n{}x\n\nEnd",
        "<table><tr><td>".repeat(MAX_HTML_DEPTH / 3)
    );
    let lines = on_small_stack(move || to_rustdoc(&text, Format::Markdown));
    assert_eq!(lines.first().map(String::as_str), Some("Intro"));
    assert_eq!(lines.last().map(String::as_str), Some("End"));
    assert!(
        lines.iter().any(|line| line.contains("\\<table>")),
        "{lines:?}"
    );
}

#[test]
fn conversion_is_the_same_on_a_small_stack_as_on_a_large_one() {
    let mut texts = Vec::new();
    for depth in [MAX_HTML_DEPTH - 3, MAX_HTML_DEPTH - 2, MAX_HTML_DEPTH, 1000] {
        for open in [
            "<div>",
            "<ul><li>",
            "<blockquote>",
            "<span>",
            "<b><div>",
            "<pre><div>",
        ] {
            texts.push(format!("{}x", open.repeat(depth)));
            texts.push(format!("Text\n\n{}x\n\nmore", open.repeat(depth)));
        }
        texts.push(format!("{}x", "> ".repeat(depth)));
        texts.push(format!("{}x", "- ".repeat(depth)));
        texts.push(format!(
            "{}x{}",
            "[".repeat(depth),
            "](https://x.io)".repeat(depth)
        ));
        texts.push(format!("{}x{}", "*_".repeat(depth), "_*".repeat(depth)));
        texts.push(
            (0..depth)
                .map(|i| format!("{}- x\n", "  ".repeat(i % 90)))
                .collect(),
        );
    }
    // As deep as Markdown is converted: 200 characters of markers before the text.
    texts.push(format!("{}x", ">".repeat(200)));
    texts.push(format!("{}x", "> ".repeat(100)));
    texts.push(format!("{}x", "* ".repeat(100)));
    for text in &texts[texts.len() - 3..] {
        assert!(!is_one_text_block(
            &md(text).lines().map(str::to_owned).collect::<Vec<_>>()
        ));
    }
    for text in texts {
        for format in [Format::Html, Format::Markdown] {
            let here = to_rustdoc(&text, format);
            assert_tidy(&here);
            let converted = text.clone();
            let small = on_small_stack(move || to_rustdoc(&converted, format));
            assert_eq!(small, here, "{format:?}: {text:?}");
        }
    }
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
