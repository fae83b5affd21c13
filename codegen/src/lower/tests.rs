use std::path::Path;

use super::*;
use crate::input;

fn document(text: &str) -> Document {
    input::parse(Path::new("c.json"), text.as_bytes())
        .unwrap_or_else(|err| panic!("{}", err.report()))
}

#[test]
fn requests_whose_method_is_no_http_method_are_left_out_with_a_warning() {
    let request = |method: &str| {
        format!(
            r#"{{"name": {method:?}, "request": {{"method": {method:?}, "url": "https://x.io"}}}}"#
        )
    };
    let methods = ["GET /x", "PO(ST", "propfind", "", " post ", "M\u{e9}THOD"];
    let items: Vec<String> = methods.iter().map(|method| request(method)).collect();
    let doc = document(&format!("{{\"item\": [\n{}\n]}}", items.join(",\n")));
    let (api, warnings) = lower(&doc);
    let kept: Vec<(&str, &str)> = api
        .root
        .children
        .iter()
        .filter_map(|child| match child {
            Node::Operation(operation) => {
                Some((operation.name.as_str(), operation.method.as_str()))
            }
            Node::Group(_) => None,
        })
        .collect();
    assert_eq!(
        kept,
        [("propfind", "PROPFIND"), ("", "GET"), (" post ", "POST")]
    );
    let told: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        told,
        [
            "\"GET /x\" is not an HTTP method (one word of letters, digits and \
             `!#$%&'*+-.^_`|~`); the request is left out of the client \
             (c.json:2:42 at $.item[0].request.method)",
            "\"PO(ST\" is not an HTTP method (one word of letters, digits and \
             `!#$%&'*+-.^_`|~`); the request is left out of the client \
             (c.json:3:41 at $.item[1].request.method)",
            "\"M\u{e9}THOD\" is not an HTTP method (one word of letters, digits and \
             `!#$%&'*+-.^_`|~`); the request is left out of the client \
             (c.json:7:42 at $.item[5].request.method)",
        ]
    );
    // A single request item with no method of HTTP gives a client without requests.
    let item = document(&request("GET /x"));
    let (api, warnings) = lower(&item);
    assert!(api.root.children.is_empty());
    assert_eq!(warnings.len(), 1);
}

#[test]
fn variables_used_only_by_other_variables_values_files_and_content_types_are_collected() {
    let doc = document(
        r#"{
          "variable": [
            {"key": "host", "value": "{{sub}}.example.com"},
            {"key": "sub", "value": "{{region}}-api"},
            {"key": "region", "value": "eu"},
            {"key": "token", "value": "{{prefix}}-{{secret}}"},
            {"key": "loop", "value": "{{loop}}{{loop}}"},
            {"key": "dir", "value": "{{home}}/data"},
            {"key": "unused", "value": "{{never}}"}
          ],
          "item": [
            {"name": "a", "request": {
              "method": "POST",
              "url": "https://{{host}}/x?l={{loop}}",
              "header": [{"key": "Authorization", "value": "Bearer {{token}}"}],
              "body": {"mode": "formdata", "formdata": [
                {"key": "f", "type": "file", "src": "{{dir}}/a.txt", "contentType": "{{mime}}"}
              ]}
            }},
            {"name": "b", "request": {
              "method": "PUT", "url": "https://x.io",
              "body": {"mode": "file", "file": {"src": "{{upload}}"}}
            }}
          ]
        }"#,
    );
    let (api, _) = lower(&doc);
    let names: Vec<(&str, Option<&str>)> = api
        .variables
        .iter()
        .map(|variable| (variable.name.as_str(), variable.default.as_deref()))
        .collect();
    assert_eq!(
        names,
        [
            ("dir", Some("{{home}}/data")),
            ("home", None),
            ("host", Some("{{sub}}.example.com")),
            ("loop", Some("{{loop}}{{loop}}")),
            ("mime", None),
            ("prefix", None),
            ("region", Some("eu")),
            ("secret", None),
            ("sub", Some("{{region}}-api")),
            ("token", Some("{{prefix}}-{{secret}}")),
            ("upload", None),
        ]
    );
}

#[test]
fn each_of_twenty_thousand_scripted_requests_is_warned_about_where_it_is() {
    // Locating each warning by walking the text up to it took minutes; the cost is
    // measured by `cargo bench -p codegen --bench linear`.
    let items = |event: &str| {
        let item = format!(r#"{{"name": "r", "request": "https://x.io/a"{event}}}"#);
        format!("{{\"item\": [\n{}\n]}}", vec![item; 20_000].join(",\n"))
    };
    let plain = document(&items(""));
    let scripted = document(&items(r#", "event": [{"listen": "test"}]"#));
    let (_, none) = lower(&plain);
    let (_, warnings) = lower(&scripted);
    assert!(none.is_empty());
    assert_eq!(warnings.len(), 20_000);
    let last = warnings
        .last()
        .map(|w| (w.location.json_path.as_str(), w.location.line_column));
    assert_eq!(last, Some(("$.item[19999].event", Some((20_001, 53)))));
}
