//! Named types for inferred shapes: every object shape becomes a struct named from its parent
//! and field (array elements singularized), claimed in the module's scope.
//!
//! A type's name depends only on where it is (its request, body or status, and the keys on the
//! way down), never on samples elsewhere, so that a sample changing in one request renames
//! nothing in another.

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
    /// A struct (or an alias of one) defined in the same module.
    Named(String),
}

/// A struct to emit, or an alias when sharing found an identical struct before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeDef {
    pub name: String,
    pub usage: Use,
    /// The fields, also kept for an alias: they are what the type reads and writes.
    pub fields: Vec<FieldDef>,
    /// The identical struct this type is an alias of, by its path from this type's module
    /// (set by `share`).
    pub alias_of: Option<TypePath>,
}

/// Where a type is defined: modules from some module (`super` to go up), and its name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct TypePath {
    pub modules: Vec<String>,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldDef {
    /// The Rust field name (maybe raw, `r#type`).
    pub ident: String,
    /// The JSON key; serde needs a rename when it differs from the unraw identifier.
    pub key: String,
    /// The type of the value when it is there (`Option` when it may be `null`).
    pub ty: TypeRef,
    pub presence: Presence,
}

/// Whether a field may be missing, and how the Rust type says so.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Presence {
    /// A response field every sample has: the field is of the value's type.
    Required,
    /// A response field some samples lack: `Option` of the value's type (one `Option` also
    /// when the value may be `null`: missing and `null` both read as `None`).
    Optional,
    /// A request body field: `Option` of the value's type, omitted when `None`. When the value
    /// may be `null` this is `Option<Option<T>>` (or `Option<Value>`), so that `Some(None)`
    /// sends `null` while `None` leaves the field out.
    Omissible,
}

/// What a body is for, which decides how its fields may be missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Use {
    /// A request body: every field may be left out, because a sample shows what an API
    /// accepts, not what it requires.
    Request,
    /// A response body: a field is required when every sample has it.
    Response,
}

impl Use {
    fn presence(self, field: &Field) -> Presence {
        match self {
            Use::Request => Presence::Omissible,
            Use::Response if field.always_present => Presence::Required,
            Use::Response => Presence::Optional,
        }
    }
}

/// Names the shape of a body rooted at a type called `root`, claiming names in `scope`.
/// Returns the type of the root and the structs it needs, parents before children.
pub fn name_shape(
    shape: &Shape,
    root: &str,
    usage: Use,
    scope: &mut Scope,
) -> (TypeRef, Vec<TypeDef>) {
    let mut namer = Namer {
        usage,
        scope,
        defs: Vec::new(),
        depth: 0,
        arrays: 0,
    };
    let ty = namer.type_of(shape, root);
    (ty, namer.defs)
}

struct Namer<'a> {
    usage: Use,
    scope: &'a mut Scope,
    defs: Vec<TypeDef>,
    /// How many objects and arrays the value being named is inside.
    depth: usize,
    /// How many arrays directly inside each other it is in (`Vec<Vec<...>>`).
    arrays: usize,
}

/// Arrays of arrays nested deeper than this are typed `serde_json::Value`: `Vec<Vec<Vec<Vec<T>>>>`
/// inside an `Option` is as far as clippy's `type_complexity` allows.
pub const MAX_ARRAY_DEPTH: usize = 4;

/// Objects and arrays nested deeper than this are typed `serde_json::Value`: rustc's trait
/// solver (and clippy's `type_complexity`) give up on much deeper serde types, and no API
/// documents a schema that deep by example.
pub const MAX_DEPTH: usize = 24;

impl Namer<'_> {
    fn type_of(&mut self, shape: &Shape, name: &str) -> TypeRef {
        if matches!(shape, Shape::Array(_) | Shape::Object(_)) && self.depth >= MAX_DEPTH {
            return TypeRef::Any;
        }
        let arrays = self.arrays;
        match shape {
            Shape::Array(_) if arrays >= MAX_ARRAY_DEPTH => return TypeRef::Any,
            Shape::Array(_) => self.arrays += 1,
            Shape::Object(_) => self.arrays = 0,
            _ => {}
        }
        self.depth += 1;
        let ty = self.type_of_shape(shape, name);
        self.depth -= 1;
        self.arrays = arrays;
        ty
    }

    fn type_of_shape(&mut self, shape: &Shape, name: &str) -> TypeRef {
        match shape {
            Shape::Unknown | Shape::Any | Shape::Null => TypeRef::Any,
            Shape::Bool => TypeRef::Bool,
            Shape::Integer => TypeRef::Integer,
            Shape::Float => TypeRef::Float,
            Shape::String => TypeRef::String,
            Shape::Hint(scalar) => self.type_of(&scalar.shape(), name),
            Shape::Nullable(inner) => match self.type_of(inner, name) {
                TypeRef::Any => TypeRef::Any,
                inner => TypeRef::Option(Box::new(inner)),
            },
            Shape::Array(item) => {
                let item_name = format!("{name}Item");
                TypeRef::Vec(Box::new(self.type_of(item, &item_name)))
            }
            Shape::Object(fields) => {
                let name = self.scope.claim(ident::camel(name));
                let slot = self.defs.len();
                self.defs.push(TypeDef {
                    name: name.clone(),
                    usage: self.usage,
                    fields: Vec::new(),
                    alias_of: None,
                });
                let fields = self.fields(fields, &name);
                if let Some(def) = self.defs.get_mut(slot) {
                    def.fields = fields;
                }
                TypeRef::Named(name)
            }
        }
    }

    fn fields(&mut self, fields: &[Field], parent: &str) -> Vec<FieldDef> {
        let idents = field_idents(fields);
        fields
            .iter()
            .zip(idents)
            .map(|(field, ident)| {
                let key_name = field.key.to_upper_camel_case();
                let ty = match &field.shape {
                    Shape::Array(_) if self.depth >= MAX_DEPTH => TypeRef::Any,
                    Shape::Array(item) => {
                        let item_name = format!("{parent}{}", singular(&key_name));
                        self.depth += 1;
                        self.arrays = 1;
                        let item = self.type_of(item, &item_name);
                        self.arrays = 0;
                        self.depth -= 1;
                        TypeRef::Vec(Box::new(item))
                    }
                    shape => self.type_of(shape, &format!("{parent}{key_name}")),
                };
                FieldDef {
                    ident,
                    key: field.key.clone(),
                    ty,
                    presence: self.usage.presence(field),
                }
            })
            .collect()
    }
}

/// The field identifiers of an object's keys. Keys that are identifiers already keep them
/// (`user_id`); the others are claimed after them, in order, so that `userId` next to `user_id`
/// becomes `user_id_2` and needs the rename, not `user_id`.
fn field_idents(fields: &[Field]) -> Vec<String> {
    let mut scope = Scope::default();
    let mut idents: Vec<Option<String>> = fields
        .iter()
        .map(|field| {
            let ident = ident::snake(&field.key);
            (ident::unraw(&ident) == field.key).then(|| scope.claim(ident))
        })
        .collect();
    fields
        .iter()
        .zip(idents.iter_mut())
        .map(|(field, ident)| {
            ident
                .take()
                .unwrap_or_else(|| scope.claim(ident::snake(&field.key)))
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
    use crate::infer::{merge, shape_of};
    use serde_json::json;

    fn name(sample: serde_json::Value, usage: Use) -> (TypeRef, Vec<TypeDef>) {
        name_shape(&shape_of(&sample), "B", usage, &mut Scope::default())
    }

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
    fn the_elements_of_a_root_array_are_items() {
        let (ty, defs) = name(json!([{"id": 1}]), Use::Response);
        assert_eq!(ty, TypeRef::Vec(Box::new(TypeRef::Named("BItem".into()))));
        assert_eq!(defs[0].name, "BItem");
    }

    #[test]
    fn keys_colliding_after_case_conversion_get_distinct_fields() {
        let (_, defs) = name(
            json!({"userId": 1, "user_id": 2, "UserID": 3}),
            Use::Request,
        );
        let idents: Vec<_> = defs[0].fields.iter().map(|f| f.ident.as_str()).collect();
        assert_eq!(idents, ["user_id_2", "user_id", "user_id_3"]);
    }

    #[test]
    fn keys_that_are_not_identifiers_get_sanitized_fields() {
        let (_, defs) = name(
            json!({"user-id": 1, "1st": true, "": 0, "self": 1, "type": 2, "$ref": "x"}),
            Use::Request,
        );
        let idents: Vec<_> = defs[0].fields.iter().map(|f| f.ident.as_str()).collect();
        assert_eq!(
            idents[..5],
            ["user_id", "_1st", "unnamed", "self_", "r#type"]
        );
        // Each differs from its key, so serde is told the key; `r#type` is `type` to serde.
        let renamed: Vec<_> = defs[0]
            .fields
            .iter()
            .filter(|f| super::ident::unraw(&f.ident) != f.key)
            .collect();
        assert_eq!(renamed.len(), 5);
    }

    #[test]
    fn every_request_field_may_be_left_out() {
        let (_, defs) = name(json!({"a": 1, "b": {"c": null}}), Use::Request);
        let presences: Vec<_> = defs
            .iter()
            .flat_map(|d| &d.fields)
            .map(|f| f.presence)
            .collect();
        assert_eq!(presences, [Presence::Omissible; 3]);
    }

    #[test]
    fn response_fields_are_required_only_when_every_sample_has_them() {
        let shape = merge(
            shape_of(&json!({"a": 1, "b": 2})),
            shape_of(&json!({"a": null})),
        );
        let (_, defs) = name_shape(&shape, "R", Use::Response, &mut Scope::default());
        let fields: Vec<_> = defs[0]
            .fields
            .iter()
            .map(|f| (f.ty.clone(), f.presence))
            .collect();
        assert_eq!(
            fields,
            [
                (
                    TypeRef::Option(Box::new(TypeRef::Integer)),
                    Presence::Required
                ),
                (TypeRef::Integer, Presence::Optional),
            ]
        );
    }

    #[test]
    fn hints_type_values_and_null_alone_is_any() {
        let (_, defs) = name(
            json!({"n": "<integer>", "f": "<double>", "b": "<boolean>", "z": null}),
            Use::Response,
        );
        let types: Vec<_> = defs[0].fields.iter().map(|f| f.ty.clone()).collect();
        assert_eq!(
            types,
            [
                TypeRef::Integer,
                TypeRef::Float,
                TypeRef::Bool,
                TypeRef::Any
            ]
        );
    }

    #[test]
    fn values_nested_too_deep_are_any() {
        let mut deep = json!(1);
        for _ in 0..100 {
            deep = json!({ "a": [deep] });
        }
        let (_, defs) = name_shape(&shape_of(&deep), "B", Use::Request, &mut Scope::default());
        // Each level is an object and an array: half the depth are structs, then `Value`.
        assert_eq!(defs.len(), MAX_DEPTH / 2);
        let last = defs.last().map(|def| def.fields[0].ty.clone());
        assert_eq!(last, Some(TypeRef::Vec(Box::new(TypeRef::Any))));
    }

    #[test]
    fn arrays_of_arrays_nested_too_deep_are_any() {
        let deep = json!({"a": [[[[[[1]]]]]]});
        let (_, defs) = name_shape(&shape_of(&deep), "B", Use::Request, &mut Scope::default());
        let vec = |ty| TypeRef::Vec(Box::new(ty));
        let expected = vec(vec(vec(vec(TypeRef::Any))));
        assert_eq!(defs[0].fields[0].ty, expected);
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
