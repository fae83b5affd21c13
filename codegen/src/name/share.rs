//! Sharing: a struct identical to one defined earlier in the file (same keys, field names,
//! presence and types, all the way down) becomes an alias of it, `pub type B = super::a::A;`.
//!
//! Every type keeps the name of its own place, as an alias or as a struct, so a sample that
//! changes elsewhere may turn an alias into a struct or back, but never renames or removes a
//! type. A request's own body type is shared too (its example is JSON text in the request's
//! `new`, not an impl on the type). Enums over statuses are shared the same way: same variants
//! with identical bodies.

use std::collections::BTreeMap;

use super::responses::{Outcome, ResponseNames};
use super::types::{TypeDef, TypePath, TypeRef};
use super::{GroupNames, NodeNames};

/// Turns every struct identical to an earlier one (in the file's order) into an alias of it.
pub fn share(root: &mut GroupNames) {
    Sharing::default().group(root, &mut Vec::new());
}

#[derive(Default)]
struct Sharing {
    /// Structural keys, numbered in order of first appearance.
    identities: BTreeMap<String, usize>,
    /// The first struct of each identity.
    first: BTreeMap<usize, TypePath>,
    /// The first enum of each structural key.
    first_enums: BTreeMap<String, TypePath>,
}

impl Sharing {
    fn group(&mut self, group: &mut GroupNames, modules: &mut Vec<String>) {
        for child in &mut group.children {
            match child {
                NodeNames::Group(inner) => {
                    modules.push(inner.module.clone());
                    self.group(inner, modules);
                    modules.pop();
                }
                NodeNames::Operation(operation) => {
                    if let Some((_, defs)) = &mut operation.body {
                        self.defs(defs, modules);
                    }
                    for status in &mut operation.responses.statuses {
                        self.defs(&mut status.defs, modules);
                    }
                    self.enums(&mut operation.responses, modules);
                }
            }
        }
    }

    /// Shares the structs of one body.
    fn defs(&mut self, defs: &mut [TypeDef], modules: &[String]) {
        let mut memo = vec![None; defs.len()];
        let identities: Vec<usize> = (0..defs.len())
            .map(|index| self.identity(defs, index, &mut memo))
            .collect();
        for (def, identity) in defs.iter_mut().zip(identities) {
            match self.first.get(&identity) {
                Some(first) => def.alias_of = Some(relative(modules, first)),
                None => {
                    let path = TypePath {
                        modules: modules.to_vec(),
                        name: def.name.clone(),
                    };
                    self.first.insert(identity, path);
                }
            }
        }
    }

    /// Shares the success and error enums of one request.
    fn enums(&mut self, responses: &mut ResponseNames, modules: &[String]) {
        let ResponseNames {
            statuses,
            success,
            failure,
        } = responses;
        for (kind, outcome) in [("success", success), ("failure", failure)] {
            let Outcome::Enum(enumeration) = outcome else {
                continue;
            };
            let mut key = format!("{kind}{{");
            for status in enumeration
                .variants
                .iter()
                .filter_map(|index| statuses.get(*index))
            {
                let mut memo = vec![None; status.defs.len()];
                let ty = self.type_key(&status.defs, &status.ty, &mut memo);
                key.push_str(&format!("{} {ty};", status.variant));
            }
            match self.first_enums.get(&key) {
                Some(first) => enumeration.alias_of = Some(relative(modules, first)),
                None => {
                    let path = TypePath {
                        modules: modules.to_vec(),
                        name: enumeration.name.clone(),
                    };
                    self.first_enums.insert(key, path);
                }
            }
        }
    }

    /// The identity of `defs[index]`: equal for structs that read and write the same JSON
    /// into the same fields of the same types.
    fn identity(&mut self, defs: &[TypeDef], index: usize, memo: &mut [Option<usize>]) -> usize {
        if let Some(Some(identity)) = memo.get(index) {
            return *identity;
        }
        let Some(def) = defs.get(index) else {
            return usize::MAX;
        };
        let mut key = format!("{:?}{{", def.usage);
        for field in &def.fields {
            let ty = self.type_key(defs, &field.ty, memo);
            key.push_str(&format!(
                "{:?} {} {:?} {ty};",
                field.key, field.ident, field.presence
            ));
        }
        let next = self.identities.len();
        let identity = *self.identities.entry(key).or_insert(next);
        if let Some(slot) = memo.get_mut(index) {
            *slot = Some(identity);
        }
        identity
    }

    fn type_key(&mut self, defs: &[TypeDef], ty: &TypeRef, memo: &mut [Option<usize>]) -> String {
        match ty {
            TypeRef::Any => "any".to_owned(),
            TypeRef::Bool => "bool".to_owned(),
            TypeRef::Integer => "i64".to_owned(),
            TypeRef::Float => "f64".to_owned(),
            TypeRef::String => "string".to_owned(),
            TypeRef::Vec(item) => format!("[{}]", self.type_key(defs, item, memo)),
            TypeRef::Option(inner) => format!("?{}", self.type_key(defs, inner, memo)),
            TypeRef::Named(name) => match defs.iter().position(|def| def.name == *name) {
                Some(index) => format!("#{}", self.identity(defs, index, memo)),
                None => format!("@{name}"),
            },
        }
    }
}

/// The path to `target` from the module at `modules`: `super` up to the common ancestor, then
/// down (`super::repos::Repo`, or just `Repo` in the same module).
fn relative(modules: &[String], target: &TypePath) -> TypePath {
    let common = modules
        .iter()
        .zip(&target.modules)
        .take_while(|(a, b)| a == b)
        .count();
    let up = std::iter::repeat_n("super".to_owned(), modules.len() - common);
    TypePath {
        modules: up
            .chain(target.modules.iter().skip(common).cloned())
            .collect(),
        name: target.name.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::infer::shape_of;
    use crate::name::OperationNames;
    use crate::name::ident::Scope;
    use crate::name::responses::ResponseNames;
    use crate::name::types::{Use, name_shape};
    use serde_json::{Value, json};

    fn operation(scope: &mut Scope, name: &str, body: Value) -> NodeNames {
        NodeNames::Operation(OperationNames {
            type_name: name.to_owned(),
            params: Vec::new(),
            body: Some(name_shape(
                &shape_of(&body),
                &format!("{name}Body"),
                Use::Request,
                scope,
            )),
            responses: ResponseNames::default(),
        })
    }

    fn defs(names: &GroupNames, index: usize) -> Vec<(String, Option<String>)> {
        let Some(NodeNames::Operation(operation)) = names.children.get(index) else {
            return Vec::new();
        };
        let defs = operation
            .body
            .as_ref()
            .map(|(_, defs)| defs.clone())
            .unwrap_or_default();
        defs.into_iter()
            .map(|def| (def.name, def.alias_of.map(|path| path.name)))
            .collect()
    }

    #[test]
    fn identical_structs_become_aliases_of_the_first_and_keep_their_names() {
        let mut scope = Scope::default();
        let user = json!({"id": 1, "login": "a"});
        let mut names = GroupNames {
            module: String::new(),
            children: vec![
                operation(&mut scope, "A", json!({"owner": user, "author": user})),
                operation(&mut scope, "B", json!({"owner": user})),
            ],
        };
        share(&mut names);
        let some = |name: &str| Some(name.to_owned());
        assert_eq!(
            defs(&names, 0),
            [
                ("ABody".into(), None),
                ("ABodyOwner".into(), None),
                ("ABodyAuthor".into(), some("ABodyOwner"))
            ]
        );
        assert_eq!(
            defs(&names, 1),
            [
                ("BBody".into(), None),
                ("BBodyOwner".into(), some("ABodyOwner"))
            ]
        );
    }

    #[test]
    fn a_request_body_identical_to_an_earlier_one_is_an_alias_of_it() {
        let mut scope = Scope::default();
        let body = json!({"name": "a", "tags": ["x"]});
        let mut names = GroupNames {
            module: String::new(),
            children: vec![
                operation(&mut scope, "A", body.clone()),
                operation(&mut scope, "B", body),
            ],
        };
        share(&mut names);
        assert_eq!(defs(&names, 1), [("BBody".into(), Some("ABody".into()))]);
    }

    #[test]
    fn identical_error_enums_become_aliases_of_the_first() {
        use crate::model::response::{Examples, StatusExamples};
        use crate::name::responses::name_responses;
        let examples = |message: Value| Examples {
            request_bodies: Vec::new(),
            responses: vec![StatusExamples {
                code: 404,
                names: Vec::new(),
                samples: vec![message.clone()],
                shape: Some(shape_of(&message)),
            }],
        };
        let mut scope = Scope::default();
        let mut operation = |name: &str, message: Value| {
            NodeNames::Operation(OperationNames {
                type_name: name.to_owned(),
                params: Vec::new(),
                body: None,
                responses: name_responses(&examples(message), name, &mut scope),
            })
        };
        let mut names = GroupNames {
            module: String::new(),
            children: vec![
                operation("A", json!({"message": "x"})),
                operation("B", json!({"message": "y"})),
                operation("C", json!({"message": 1})),
            ],
        };
        share(&mut names);
        let aliases: Vec<_> = names
            .children
            .iter()
            .map(|child| match child {
                NodeNames::Operation(OperationNames {
                    responses:
                        ResponseNames {
                            failure: Outcome::Enum(e),
                            ..
                        },
                    ..
                }) => e.alias_of.as_ref().map(|path| path.name.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(aliases, [None, Some("AFailure".to_owned()), None]);
    }

    #[test]
    fn aliases_name_their_struct_by_the_shortest_path() {
        let path = |modules: &[&str], name: &str| TypePath {
            modules: modules.iter().map(|m| (*m).to_owned()).collect(),
            name: name.to_owned(),
        };
        let here = ["a".to_owned(), "b".to_owned()];
        assert_eq!(relative(&here, &path(&["a", "b"], "X")), path(&[], "X"));
        assert_eq!(
            relative(&here, &path(&["a", "c"], "X")),
            path(&["super", "c"], "X")
        );
        assert_eq!(
            relative(&here, &path(&[], "X")),
            path(&["super", "super"], "X")
        );
        assert_eq!(relative(&[], &path(&["a"], "X")), path(&["a"], "X"));
    }

    #[test]
    fn structs_that_differ_anywhere_below_stay_apart() {
        let mut scope = Scope::default();
        let mut names = GroupNames {
            module: String::new(),
            children: vec![operation(
                &mut scope,
                "A",
                json!({"x": {"owner": {"id": 1}}, "y": {"owner": {"id": "1"}}}),
            )],
        };
        share(&mut names);
        assert!(defs(&names, 0).iter().all(|(_, alias)| alias.is_none()));
    }
}
