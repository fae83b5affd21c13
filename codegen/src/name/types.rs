//! Named types for inferred shapes: every object shape becomes a struct named from its parent
//! and field (array elements singularized), claimed in the module's scope.

use heck::ToUpperCamelCase;

use crate::model::shape::{Field, Shape};

use super::ident::{self, Scope};

/// A Rust type for a shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeRef {
    /// `serde_json::Value`
    Any,
    Bool,
    Integer,
    Float,
    String,
    Vec(Box<TypeRef>),
    Option(Box<TypeRef>),
    /// A struct defined in the same module.
    Named(String),
}

/// A struct to emit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeDef {
    pub name: String,
    pub fields: Vec<FieldDef>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldDef {
    /// The Rust field name (maybe raw, `r#type`).
    pub ident: String,
    /// The JSON key; serde needs a rename when it differs from the unraw identifier.
    pub key: String,
    pub ty: TypeRef,
    /// Whether the field may be left out (`Option`, omitted when `None`).
    pub optional: bool,
}

/// How fields of request bodies are treated: every field of a request body may be left out,
/// because a sample shows what an API accepts, not what it requires.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Use {
    Request,
}

/// Names the shape of a body rooted at a type called `root`, claiming names in `scope`.
/// Returns the type of the root and the structs it needs, parents before children.
pub fn name_shape(
    shape: &Shape,
    root: &str,
    usage: Use,
    scope: &mut Scope,
) -> (TypeRef, Vec<TypeDef>) {
    let mut defs = Vec::new();
    let ty = type_of(shape, root, usage, scope, &mut defs);
    (ty, defs)
}

fn type_of(
    shape: &Shape,
    name: &str,
    usage: Use,
    scope: &mut Scope,
    defs: &mut Vec<TypeDef>,
) -> TypeRef {
    match shape {
        Shape::Any | Shape::Null => TypeRef::Any,
        Shape::Bool => TypeRef::Bool,
        Shape::Integer => TypeRef::Integer,
        Shape::Float => TypeRef::Float,
        Shape::String => TypeRef::String,
        Shape::Nullable(inner) => match type_of(inner, name, usage, scope, defs) {
            TypeRef::Any => TypeRef::Any,
            inner => TypeRef::Option(Box::new(inner)),
        },
        Shape::Array(item) => {
            let item_name = format!("{name}Item");
            TypeRef::Vec(Box::new(type_of(item, &item_name, usage, scope, defs)))
        }
        Shape::Object(fields) => {
            let name = scope.claim(ident::camel(name));
            let slot = defs.len();
            defs.push(TypeDef {
                name: name.clone(),
                fields: Vec::new(),
            });
            let fields = name_fields(fields, &name, usage, scope, defs);
            if let Some(def) = defs.get_mut(slot) {
                def.fields = fields;
            }
            TypeRef::Named(name)
        }
    }
}

fn name_fields(
    fields: &[Field],
    parent: &str,
    usage: Use,
    scope: &mut Scope,
    defs: &mut Vec<TypeDef>,
) -> Vec<FieldDef> {
    let mut field_scope = Scope::default();
    fields
        .iter()
        .map(|field| {
            let ident = field_scope.claim(ident::snake(&field.key));
            let child_name = match &field.shape {
                Shape::Array(_) => {
                    format!("{parent}{}", singular(&field.key.to_upper_camel_case()))
                }
                _ => format!("{parent}{}", field.key.to_upper_camel_case()),
            };
            let ty = match &field.shape {
                Shape::Array(item) => {
                    TypeRef::Vec(Box::new(type_of(item, &child_name, usage, scope, defs)))
                }
                shape => type_of(shape, &child_name, usage, scope, defs),
            };
            FieldDef {
                ident,
                key: field.key.clone(),
                ty,
                optional: match usage {
                    Use::Request => true,
                },
            }
        })
        .collect()
}

/// A plain English singular, good enough for names: `identities` → `identity`, `users` → `user`.
fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else if word.ends_with("sses") || word.ends_with("xes") {
        word.get(..word.len() - 2).unwrap_or(word).to_owned()
    } else if word.ends_with("ss") || word.ends_with("us") {
        word.to_owned()
    } else if let Some(stem) = word.strip_suffix('s') {
        stem.to_owned()
    } else {
        format!("{word}Item")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::infer::shape_of;
    use serde_json::json;

    #[test]
    fn nested_objects_are_named_from_parent_and_field() {
        let shape = shape_of(&json!({"user": {"id": 1}, "roles": [{"name": "a"}], "type": "x"}));
        let mut scope = Scope::default();
        let (ty, defs) = name_shape(&shape, "CreateBody", Use::Request, &mut scope);
        assert_eq!(ty, TypeRef::Named("CreateBody".into()));
        let names: Vec<_> = defs.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["CreateBody", "CreateBodyUser", "CreateBodyRole"]);
        let root = &defs[0];
        assert_eq!(
            root.fields[1].ty,
            TypeRef::Vec(Box::new(TypeRef::Named("CreateBodyRole".into())))
        );
        assert_eq!(
            (root.fields[2].ident.as_str(), root.fields[2].key.as_str()),
            ("r#type", "type")
        );
    }

    #[test]
    fn keys_colliding_after_case_conversion_get_distinct_fields() {
        let shape = shape_of(&json!({"userId": 1, "user_id": 2, "UserID": 3}));
        let (_, defs) = name_shape(&shape, "B", Use::Request, &mut Scope::default());
        let idents: Vec<_> = defs[0].fields.iter().map(|f| f.ident.as_str()).collect();
        assert_eq!(idents, ["user_id", "user_id_2", "user_id_3"]);
    }

    #[test]
    fn singulars_read_naturally() {
        assert_eq!(singular("Identities"), "Identity");
        assert_eq!(singular("Users"), "User");
        assert_eq!(singular("Status"), "Status");
        assert_eq!(singular("Boxes"), "Box");
        assert_eq!(singular("Phases"), "Phase");
        assert_eq!(singular("Addresses"), "Address");
        assert_eq!(singular("Data"), "DataItem");
    }
}
