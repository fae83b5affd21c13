//! The crate's examples: one per top-level folder, building each of its requests.

use std::fmt::Write as _;

use super::{Crate, arguments};
use crate::emit::docs;
use crate::model::{Group, Node, Operation};
use crate::name::ident::{self, Scope};
use crate::name::{GroupNames, NodeNames, OperationNames};

/// An example per top-level folder (and one for the requests outside folders).
pub fn examples(krate: &Crate<'_>, library: &str) -> Vec<(String, String)> {
    let api = krate.api;
    let names = &krate.names.root;
    let mut scope = Scope::default();
    let mut out = Vec::new();
    let mut loose = Vec::new();
    for (node, node_names) in api.root.children.iter().zip(&names.children) {
        match (node, node_names) {
            (Node::Group(group), NodeNames::Group(group_names)) => {
                let mut calls = Vec::new();
                let path = format!("{library}::{}", group_names.module);
                collect_calls(group, group_names, &path, &mut calls);
                if calls.is_empty() {
                    continue;
                }
                let name = scope.claim(ident::unraw(&group_names.module).to_owned());
                let title = format!("the folder {}", docs::code(&group.name));
                out.push((name, example(library, &title, &calls)));
            }
            (Node::Operation(operation), NodeNames::Operation(names)) => {
                loose.push(call(operation, names, library));
            }
            _ => {}
        }
    }
    if !loose.is_empty() {
        let name = scope.claim("requests".to_owned());
        out.push((
            name,
            example(library, "the collection outside its folders", &loose),
        ));
    }
    out
}

fn collect_calls(group: &Group, names: &GroupNames, path: &str, calls: &mut Vec<String>) {
    for (node, node_names) in group.children.iter().zip(&names.children) {
        match (node, node_names) {
            (Node::Operation(operation), NodeNames::Operation(names)) => {
                calls.push(call(operation, names, path));
            }
            (Node::Group(group), NodeNames::Group(names)) => {
                let inner = format!("{path}::{}", names.module);
                collect_calls(group, names, &inner, calls);
            }
            _ => {}
        }
    }
}

fn call(operation: &Operation, names: &OperationNames, path: &str) -> String {
    format!(
        "show(&client, {:?}, &{path}::{}::new({}));",
        operation.name,
        names.type_name,
        arguments(operation, &names.params)
    )
}

fn example(library: &str, title: &str, calls: &[String]) -> String {
    let mut text = format!(
        "//! The requests of {}: each is built as the collection gives it, with the\n\
         //! collection's variables, and its method and URL printed, or why it could not be\n\
         //! built (a file it reads is not allowed, a variable makes no URL). Nothing is sent.\n\n\
         use {library}::{{Client, Variables}};\n\n\
         fn main() {{\n    \
         let client = Client::new(Variables::default());\n",
        title.replace(['\r', '\n'], " ")
    );
    for call in calls {
        let _ = writeln!(text, "    {call}");
    }
    text.push_str(
        "}\n\n\
         /// Builds `request` and prints it, or why it could not be built.\n\
         fn show<R>(client: &Client, name: &str, request: &R)\n\
         where\n    R: codegen_runtime::Request<Variables>,\n{\n    \
         match client.build(request) {\n        \
         Ok(request) => println!(\"{} {}\", request.method(), request.uri()),\n        \
         Err(err) => println!(\"{name}: {err}\"),\n    \
         }\n}\n",
    );
    text
}
