//! The `lower` stage: a Postman document to the API model.
//!
//! Decides what the collection means (folders, URLs, headers, bodies, variables) and reports
//! what it cannot carry over as warnings with their location. Produces no Rust names or tokens.

mod auth;
mod body;
mod raw;
mod responses;
mod template_body;
mod url;
pub(crate) mod variables;

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use serde_json::Value;

use crate::error::Warning;
use crate::input::postman::{self, HeaderList, Node as RawNode, RequestDef, Text};
use crate::input::{Document, Form, JsonPath, Step};
use crate::model::{Api, Auth, AuthDef, Doc, Group, Header, Node, Operation, WrittenIn};
use crate::warning::WarningKind;

/// Lowers one document; never fails: what cannot be carried over becomes a warning.
pub fn lower(doc: &Document) -> (Api, Vec<Warning>) {
    let mut lowering = Lowering {
        doc,
        warnings: Vec::new(),
        warned: HashMap::new(),
        auths: Vec::new(),
        auth_index: HashMap::new(),
    };
    let root = &doc.root;
    let info = root.info.as_ref();
    let name = info
        .and_then(|info| text(&info.name))
        .or_else(|| text(&root.name))
        .unwrap_or("collection")
        .to_owned();
    let description = info
        .and_then(|info| info.description.as_ref())
        .or(root.description.as_ref())
        .and_then(description);
    let path = JsonPath::root();
    let root_group = match doc.form {
        Form::Collection => lowering.group(root, &path, &Inherited::default()),
        Form::Item => Group {
            name: name.clone(),
            description: None,
            children: lowering
                .node(root, &path, &Inherited::default())
                .into_iter()
                .collect(),
        },
    };
    let auths = std::mem::take(&mut lowering.auths);
    let variables = variables::collect(
        &root_group,
        &auths,
        root.variable.as_deref().unwrap_or_default(),
    );
    let api = Api {
        name,
        description: match doc.form {
            Form::Collection => description,
            Form::Item => None,
        },
        variables,
        auths,
        root: root_group,
    };
    (api, lowering.located_warnings())
}

/// What a node takes from the folders above it.
#[derive(Clone, Default)]
struct Inherited {
    disable_body_pruning: bool,
    /// The nearest `auth` that decides (a type other than `inherit`), where it is, and what
    /// wrote it (for docs).
    auth: Option<(Value, JsonPath, WrittenIn)>,
}

impl Inherited {
    fn below(&self, node: &RawNode, path: &JsonPath) -> Inherited {
        let ppb = node.protocol_profile_behavior.as_ref();
        Inherited {
            disable_body_pruning: ppb
                .and_then(|ppb| ppb.get("disableBodyPruning"))
                .and_then(Value::as_bool)
                .unwrap_or(self.disable_body_pruning),
            auth: match &node.auth {
                Some(auth) if auth::is_set(Some(auth)) => {
                    let written_in = if *path == JsonPath::root() {
                        WrittenIn::Collection
                    } else {
                        WrittenIn::Folder(text(&node.name).unwrap_or_default().to_owned())
                    };
                    Some((auth.clone(), path.key("auth"), written_in))
                }
                _ => self.auth.clone(),
            },
        }
    }
}

struct Lowering<'a> {
    doc: &'a Document,
    /// The warnings in the order they were found, located all at once at the end (one walk
    /// over the text, however many there are).
    warnings: Vec<(WarningKind, JsonPath, String)>,
    /// The warnings (by index) with each hash of path and message, to record each once.
    warned: HashMap<u64, Vec<usize>>,
    /// The distinct auths requests use, in the order first used, and their indexes.
    auths: Vec<AuthDef>,
    auth_index: HashMap<Auth, usize>,
}

impl Lowering<'_> {
    /// Records a warning once: requests that inherit the same auth share its warning.
    fn warn(&mut self, kind: WarningKind, path: &JsonPath, message: impl Into<String>) {
        let message = message.into();
        let mut hasher = DefaultHasher::new();
        (path, &message).hash(&mut hasher);
        let same = self.warned.entry(hasher.finish()).or_default();
        let warnings = &self.warnings;
        let known = |index: &usize| {
            warnings
                .get(*index)
                .is_some_and(|(_, known, text)| known == path && *text == message)
        };
        if !same.iter().any(known) {
            same.push(warnings.len());
            self.warnings.push((kind, path.clone(), message));
        }
    }

    fn located_warnings(self) -> Vec<Warning> {
        let paths: Vec<&JsonPath> = self.warnings.iter().map(|(_, path, _)| path).collect();
        let locations = self.doc.locate_all(&paths);
        locations
            .into_iter()
            .zip(&self.warnings)
            .map(|(location, (kind, path, message))| Warning {
                kind: *kind,
                item: item_names(self.doc, path),
                location,
                message: message.clone(),
            })
            .collect()
    }

    fn group(&mut self, node: &RawNode, path: &JsonPath, inherited: &Inherited) -> Group {
        let inherited = inherited.below(node, path);
        self.note_scripts(node, path);
        let children = node
            .item
            .iter()
            .flatten()
            .enumerate()
            .filter_map(|(index, child)| {
                self.node(child, &path.key("item").index(index), &inherited)
            })
            .collect();
        Group {
            name: text(&node.name).unwrap_or_default().to_owned(),
            description: node.description.as_ref().and_then(description),
            children,
        }
    }

    /// A folder or a request; `None` for a request left out (with a warning).
    fn node(&mut self, node: &RawNode, path: &JsonPath, inherited: &Inherited) -> Option<Node> {
        match &node.request {
            Some(request) if node.item.is_none() => self
                .operation(node, request, path, inherited)
                .map(|operation| Node::Operation(Box::new(operation))),
            _ => Some(Node::Group(self.group(node, path, inherited))),
        }
    }

    /// A request, or `None` when its method is not one: no client could send it (neither can
    /// Postman), so it is left out with a warning rather than generated to fail when built.
    fn operation(
        &mut self,
        node: &RawNode,
        request: &RequestDef,
        path: &JsonPath,
        inherited: &Inherited,
    ) -> Option<Operation> {
        let request_path = path.key("request");
        let empty = postman::Request::default();
        let request_def = request;
        let request = match request_def {
            RequestDef::Url(_) => &empty,
            RequestDef::Full(request) => request.as_ref(),
        };
        let written = text(&request.method)
            .map(str::trim)
            .filter(|method| !method.is_empty())
            .unwrap_or("GET");
        if !is_method(written) {
            self.warn(
                WarningKind::Method,
                &request_path.key("method"),
                format!(
                    "{written:?} is not an HTTP method (one word of letters, digits and \
                     `!#$%&'*+-.^_`|~`); the request is left out of the client"
                ),
            );
            return None;
        }
        let method = written.to_ascii_uppercase();
        let inherited = inherited.below(node, path);
        self.note_scripts(node, path);
        let url = match request_def {
            RequestDef::Url(raw) => url::lower_url(Some(&postman::UrlDef::Raw(raw.clone()))),
            RequestDef::Full(request) => url::lower_url(request.url.as_ref()),
        };
        let mut headers = lower_headers(request.header.as_ref());
        let lowered = body::lower_body(
            request.body.as_ref(),
            &method,
            inherited.disable_body_pruning,
            &headers,
        );
        if let Some(message) = lowered.unsupported {
            self.warn(WarningKind::Body, &request_path.key("body"), message);
        }
        let own = request.auth.as_ref().filter(|own| auth::is_set(Some(own)));
        let (auth, auth_path, written_in) = match (own, &inherited.auth) {
            (Some(own), _) => {
                let name = text(&node.name).unwrap_or_default().to_owned();
                (
                    Some(own),
                    request_path.key("auth"),
                    WrittenIn::Request(name),
                )
            }
            (None, Some((auth, path, written_in))) => {
                (Some(auth), path.clone(), written_in.clone())
            }
            (None, None) => (None, JsonPath::root(), WrittenIn::Collection),
        };
        let auth = auth::lower(auth);
        let unsupported_auth = auth.as_ref().and_then(|auth| {
            if auth::is_applied(&auth.scheme) {
                auth::unsupported_variant(auth)
            } else {
                Some(auth.scheme.clone())
            }
        });
        if let Some(kind) = &unsupported_auth {
            self.warn(
                WarningKind::Auth,
                &auth_path,
                format!(
                    "auth type `{kind}` needs a handshake or a signature the generated client \
                     does not perform; add its credentials with `Client::default_header`"
                ),
            );
        }
        let auth = auth.map(|auth| self.auth_index(auth, written_in));
        let has_content_type = headers
            .iter()
            .any(|h| h.enabled && h.name.eq_ignore_ascii_case("content-type"));
        if let (Some(content_type), false) = (lowered.content_type, has_content_type) {
            headers.push(Header {
                name: "Content-Type".to_owned(),
                value: content_type.to_owned(),
                enabled: true,
                description: None,
            });
        }
        let examples = responses::lower_examples(
            node.response.as_ref(),
            &path.key("response"),
            &mut |path, message| self.warn(WarningKind::Example, path, message),
        );
        Some(Operation {
            name: text(&node.name).unwrap_or_default().to_owned(),
            description: node
                .description
                .as_ref()
                .or(request.description.as_ref())
                .and_then(description),
            method,
            url,
            headers,
            auth,
            unsupported_auth,
            body: responses::with_request_samples(lowered.body, &examples),
            examples,
        })
    }

    /// The index of `auth` in the collection's list of auths, added when it is new.
    fn auth_index(&mut self, auth: Auth, written_in: WrittenIn) -> usize {
        if let Some(index) = self.auth_index.get(&auth) {
            return *index;
        }
        let index = self.auths.len();
        self.auth_index.insert(auth.clone(), index);
        self.auths.push(AuthDef { auth, written_in });
        index
    }

    fn note_scripts(&mut self, node: &RawNode, path: &JsonPath) {
        let has_script = match &node.event {
            Some(Value::Array(events)) => !events.is_empty(),
            Some(Value::Object(_)) => true,
            _ => false,
        };
        if has_script {
            self.warn(
                WarningKind::Scripts,
                &path.key("event"),
                "pre-request and test scripts are not run by the generated client",
            );
        }
    }
}

/// The names of the folders and the request `path` is in (an item of a collection is at
/// `item[i]`, its children at `item[i].item[j]`), from the top.
fn item_names(doc: &Document, path: &JsonPath) -> Vec<String> {
    let mut names = Vec::new();
    let mut node = &doc.root;
    if doc.form == Form::Item {
        names.push(text(&node.name).unwrap_or_default().to_owned());
    }
    for pair in path.steps().chunks(2) {
        let [Step::Key(key), Step::Index(index)] = pair else {
            break;
        };
        let child = node.item.as_ref().and_then(|items| items.get(*index));
        let Some(child) = child.filter(|_| key == "item") else {
            break;
        };
        names.push(text(&child.name).unwrap_or_default().to_owned());
        node = child;
    }
    names
}

fn lower_headers(headers: Option<&HeaderList>) -> Vec<Header> {
    match headers {
        None => Vec::new(),
        Some(HeaderList::Lines(lines)) => lines
            .lines()
            .filter_map(|line| line.split_once(':'))
            .filter(|(name, _)| !name.trim().is_empty() && !name.contains(char::is_whitespace))
            .map(|(name, value)| Header {
                name: name.to_owned(),
                value: value.trim().to_owned(),
                enabled: true,
                description: None,
            })
            .collect(),
        Some(HeaderList::Entries(entries)) => entries
            .iter()
            .filter_map(|entry| {
                let name = text(&entry.key).or_else(|| text(&entry.name))?;
                (!name.is_empty()).then(|| Header {
                    name: name.to_owned(),
                    value: entry.value.0.clone().unwrap_or_default(),
                    enabled: !entry.disabled.0,
                    description: entry.description.as_ref().and_then(description),
                })
            })
            .collect(),
    }
}

/// Whether `method` is an HTTP method: a token of RFC 9110 (what `http::Method` and Node's
/// HTTP client accept), so custom methods such as `PURGE` or `MKCOL` are.
fn is_method(method: &str) -> bool {
    !method.is_empty()
        && method
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn text(text: &Text) -> Option<&str> {
    text.0.as_deref()
}

/// A JSON scalar as Postman stringifies it; `None` for null, objects and arrays.
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

/// A description given as a JSON value (string or `{content, type}`), as in body fields.
fn description_value(value: &Value) -> Option<Doc> {
    serde_json::from_value::<postman::Description>(value.clone())
        .ok()
        .as_ref()
        .and_then(description)
}

fn description(description: &postman::Description) -> Option<Doc> {
    let (content, kind) = match description {
        postman::Description::Text(content) => (content.as_str(), None),
        postman::Description::Object { content, kind } => (text(content)?, text(kind)),
    };
    (!content.trim().is_empty()).then(|| Doc {
        text: content.to_owned(),
        type_hint: kind.map(str::to_owned),
    })
}

#[cfg(test)]
mod tests;
