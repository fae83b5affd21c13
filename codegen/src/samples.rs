//! The JSON samples of a collection, each with the generated Rust type it must fit: every
//! request body the client types (the item's own and those of its examples' original
//! requests) and every JSON body of a saved example response.
//!
//! The example body each request's `new` embeds as JSON text is listed too.
//!
//! This is what the round-trip test checks: each sample deserializes into its type and
//! serializes back to an equal value. A placeholder such as `"<integer>"` where the type is a
//! number or a boolean is a hint, not a value; the sample is given with a value of that type
//! in its place.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use crate::emit::types::{ident_tokens, type_tokens_in};
use crate::infer::hinted_scalar;
use crate::model::{Body, Group, Node, Operation};
use crate::name::{GroupNames, NodeNames, OperationNames, TypeDef, TypeRef};

/// A typed body and its JSON samples.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypedBody {
    /// The Rust type, as a path from the generated file's root (`repos::GetRepoOk`,
    /// `::std::vec::Vec<repos::ListReposOkItem>`).
    pub rust_type: String,
    pub kind: SampleKind,
    /// Which body: the request's name and `request body` or the status of a response.
    pub origin: String,
    /// The samples, each as its type reads it.
    pub samples: Vec<Value>,
}

/// What a sample is the body of, which decides how `null` and absent compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SampleKind {
    /// A request body: a field set to `null` stays `null`, an absent one stays absent.
    Request,
    /// A response body: a field that may be missing reads `null` and absent alike (`None`).
    Response,
}

/// The typed bodies of a whole collection, and the JSON request bodies that have no type.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Samples {
    pub bodies: Vec<TypedBody>,
    /// Requests whose body is JSON but is sent as a text template (it holds
    /// `{{variables}}`).
    pub untyped_request_bodies: Vec<String>,
}

impl Samples {
    /// How many samples there are in all.
    pub fn count(&self) -> usize {
        self.bodies.iter().map(|body| body.samples.len()).sum()
    }
}

/// The samples of `root`, whose names are `names`.
pub fn collect(root: &Group, names: &GroupNames) -> Samples {
    let mut samples = Samples::default();
    group(root, names, &TokenStream::new(), &mut samples);
    samples
}

fn group(group_: &Group, names: &GroupNames, module: &TokenStream, samples: &mut Samples) {
    for pair in group_.children.iter().zip(&names.children) {
        match pair {
            (Node::Group(child), NodeNames::Group(child_names)) => {
                let ident = ident_tokens(&child_names.module);
                group(child, child_names, &quote! { #module #ident :: }, samples);
            }
            (Node::Operation(operation), NodeNames::Operation(names)) => {
                self::operation(operation, names, module, samples);
            }
            _ => {}
        }
    }
}

fn operation(
    operation: &Operation,
    names: &OperationNames,
    module: &TokenStream,
    samples: &mut Samples,
) {
    let rust_type = |ty: &TypeRef| type_tokens_in(ty, module).to_string().replace(' ', "");
    match (&operation.body, &names.body) {
        // Written with `{{variables}}`: its own sample holds no values where they stand, so
        // only the examples' bodies are samples of its type; `new` sends the template.
        (
            Body::Json {
                template: Some(_), ..
            },
            Some((ty, defs)),
        ) => {
            let bodies = &operation.examples.request_bodies;
            if !bodies.is_empty() {
                samples.bodies.push(TypedBody {
                    rust_type: rust_type(ty),
                    kind: SampleKind::Request,
                    origin: format!("{}: request body", operation.name),
                    samples: bodies.iter().map(|body| concrete(ty, body, defs)).collect(),
                });
            }
        }
        (Body::Json { sample, .. }, Some((ty, defs))) => {
            let bodies = std::iter::once(sample).chain(&operation.examples.request_bodies);
            samples.bodies.push(TypedBody {
                rust_type: rust_type(ty),
                kind: SampleKind::Request,
                origin: format!("{}: request body", operation.name),
                samples: bodies.map(|body| concrete(ty, body, defs)).collect(),
            });
            // The JSON text `new` deserializes must fit too, or `new` would send the default.
            let example = crate::emit::example::json(ty, sample, defs)
                .and_then(|text| serde_json::from_str::<Value>(&text).ok());
            if let Some(example) = example {
                samples.bodies.push(TypedBody {
                    rust_type: rust_type(ty),
                    kind: SampleKind::Request,
                    origin: format!("{}: the example body of `new`", operation.name),
                    samples: vec![example],
                });
            }
        }
        (Body::Text { template }, _) if serde_json::from_str::<Value>(template).is_ok() => {
            samples.untyped_request_bodies.push(operation.name.clone());
        }
        _ => {}
    }
    for status in &names.responses.statuses {
        let Some(examples) = operation
            .examples
            .responses
            .iter()
            .find(|e| e.code == status.code)
        else {
            continue;
        };
        samples.bodies.push(TypedBody {
            rust_type: rust_type(&status.ty),
            kind: SampleKind::Response,
            origin: format!("{}: {} response", operation.name, status.code),
            samples: examples
                .samples
                .iter()
                .map(|sample| concrete(&status.ty, sample, &status.defs))
                .collect(),
        });
    }
}

/// `sample` with each placeholder that stands for a number or a boolean, where its type is
/// one, replaced by a value of that type (`0`, `0.0`, `false`).
pub fn concrete(ty: &TypeRef, sample: &Value, defs: &[TypeDef]) -> Value {
    match (ty, sample) {
        (TypeRef::Option(inner), sample) => concrete(inner, sample, defs),
        (TypeRef::Integer | TypeRef::Float | TypeRef::Bool, Value::String(text))
            if hinted_scalar(text).is_some() =>
        {
            match ty {
                TypeRef::Integer => Value::from(0),
                TypeRef::Float => Value::from(0.0),
                _ => Value::Bool(false),
            }
        }
        (TypeRef::Vec(item), Value::Array(items)) => Value::Array(
            items
                .iter()
                .map(|item_sample| concrete(item, item_sample, defs))
                .collect(),
        ),
        (TypeRef::Named(name), Value::Object(members)) => {
            let Some(def) = defs.iter().find(|def| def.name == *name) else {
                return sample.clone();
            };
            let members = members.iter().map(|(key, value)| {
                let value = match def.fields.iter().find(|field| field.key == *key) {
                    Some(field) => concrete(&field.ty, value, defs),
                    None => value.clone(),
                };
                (key.clone(), value)
            });
            Value::Object(members.collect())
        }
        _ => sample.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::infer::{merge, shape_of};
    use crate::name::ident::Scope;
    use crate::name::types::{Use, name_shape};
    use serde_json::json;

    #[test]
    fn placeholders_of_typed_values_become_values_of_their_type() {
        let sample = json!({"n": "<integer>", "f": ["<number>"], "b": "<boolean>", "s": "<string>", "o": null});
        let shape = merge(shape_of(&sample), shape_of(&json!({"o": {"n": "<long>"}})));
        let (ty, defs) = name_shape(&shape, "B", Use::Response, &mut Scope::default());
        assert_eq!(
            concrete(&ty, &sample, &defs),
            json!({"n": 0, "f": [0.0], "b": false, "s": "<string>", "o": null})
        );
        assert_eq!(
            concrete(&ty, &json!({"o": {"n": "<long>"}}), &defs),
            json!({"o": {"n": 0}})
        );
    }

    #[test]
    fn placeholders_where_the_samples_show_strings_stay_strings() {
        let shape = shape_of(&json!(["<integer>", "seven"]));
        let (ty, defs) = name_shape(&shape, "B", Use::Response, &mut Scope::default());
        assert_eq!(
            concrete(&ty, &json!(["<integer>"]), &defs),
            json!(["<integer>"])
        );
    }
}
