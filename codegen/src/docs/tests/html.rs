//! HTML descriptions.

use super::{AUTH0_LINK_USER_ACCOUNT, html};
use crate::docs::{Format, detect, to_rustdoc};

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
    let text =
        "<ul><li>a<ul><li>b</li><li>c<ol><li>d</li><li>e</li></ol></li></ul></li><li>f</li></ul>";
    assert_eq!(html(text), "- a\n  - b\n  - c\n    1. d\n    2. e\n- f");
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
