//! The `name` stage: every Rust identifier of the generated code, decided in one place.
//!
//! Walks the model in the collection's order and gives each folder a module, each request a
//! type, a path function and fields, each body its structs. Names are claimed per Rust scope,
//! so repeated names get numbered deterministically and neither the generated API's own items
//! (`Client`, `Variables`, the runtime `rt`) nor the prelude names the generated code uses
//! (`String`, `Option`, ...) are ever shadowed.

pub mod ident;
pub mod responses;
mod share;
pub mod types;

use crate::model::{Api, Body, Group, Node, Operation, Segment};
use ident::Scope;
pub use responses::{EnumNames, Outcome, ResponseNames, StatusNames};
pub use types::{FieldDef, Presence, TypeDef, TypePath, TypeRef, Use};

/// Items every generated file defines at its root (`runtime` in standalone mode).
pub const ROOT_ITEMS: &[&str] = &["Client", "Variables", "runtime"];

/// Names the generated code uses bare in every module: the runtime's import, the prelude's
/// types, traits and variants, and primitive types (which a module of that name would hide).
pub const MODULE_RESERVED: &[&str] = &[
    "rt", "String", "Option", "Vec", "Box", "Default", "Result", "Into", "Some", "None", "Ok",
    "Err", "bool", "i64", "f64", "str", "u16",
];

fn module_scope(extra: &[&str]) -> Scope {
    let names: Vec<&str> = MODULE_RESERVED.iter().chain(extra).copied().collect();
    Scope::with_reserved(&names)
}

/// Names for a whole [`Api`], in the same tree shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Names {
    /// Field of `Variables` for each of `Api::variables`, in the same order.
    pub variables: Vec<String>,
    pub root: GroupNames,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupNames {
    /// The module for this folder (unused for the root).
    pub module: String,
    /// One entry per child of the group, in the same order.
    pub children: Vec<NodeNames>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeNames {
    Group(GroupNames),
    Operation(OperationNames),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OperationNames {
    /// The request struct.
    pub type_name: String,
    /// Path parameters in order of first appearance: (name in the collection, field ident).
    pub params: Vec<(String, String)>,
    /// The body field's type and the structs it needs.
    pub body: Option<(TypeRef, Vec<TypeDef>)>,
    /// The types of the documented responses.
    pub responses: ResponseNames,
}

/// Decides every identifier for `api`.
pub fn name(api: &Api) -> Names {
    let mut names = name_each(api);
    share_types(&mut names);
    names
}

/// Every identifier for `api`, before identical types are shared: what a part of the
/// collection keeps when the rest is left out (then [`share_types`]).
pub fn name_each(api: &Api) -> Names {
    let mut variable_scope = Scope::default();
    let variables = api
        .variables
        .iter()
        .map(|variable| variable_scope.claim(ident::snake(&variable.name)))
        .collect();
    let root = name_group(&api.root, String::new(), module_scope(ROOT_ITEMS));
    Names { variables, root }
}

/// Turns every body and response struct identical to an earlier one into an alias of it.
pub fn share_types(names: &mut Names) {
    share::share(&mut names.root);
}

fn name_group(group: &Group, module: String, mut scope: Scope) -> GroupNames {
    let mut children: Vec<NodeNames> = group
        .children
        .iter()
        .map(|child| match child {
            Node::Group(child) => {
                let module = scope.claim(ident::snake(&child.name));
                // A module named like its parent trips `clippy::module_inception`.
                let child_scope = module_scope(&[ident::unraw(&module)]);
                NodeNames::Group(name_group(child, module, child_scope))
            }
            Node::Operation(operation) => {
                NodeNames::Operation(name_operation(operation, &mut scope))
            }
        })
        .collect();
    // Body and response types are named after every request of the module has its names, so
    // that no sample can rename a request.
    for (child, names) in group.children.iter().zip(&mut children) {
        if let (Node::Operation(operation), NodeNames::Operation(names)) = (child, names) {
            name_types(operation, names, &mut scope);
        }
    }
    GroupNames { module, children }
}

fn name_operation(operation: &Operation, scope: &mut Scope) -> OperationNames {
    let type_name = scope.claim(ident::camel(&operation.name));
    let mut field_scope = Scope::with_reserved(&["body", "headers", "query"]);
    let mut params: Vec<(String, String)> = Vec::new();
    for segment in &operation.url.path {
        if let Segment::Param(param) = segment
            && !params.iter().any(|(name, _)| *name == param.name)
        {
            params.push((
                param.name.clone(),
                field_scope.claim(ident::snake(&param.name)),
            ));
        }
    }
    OperationNames {
        type_name,
        params,
        body: None,
        responses: ResponseNames::default(),
    }
}

/// Names the body and response types of an operation named `names`.
fn name_types(operation: &Operation, names: &mut OperationNames, scope: &mut Scope) {
    let type_name = names.type_name.clone();
    names.body = match &operation.body {
        Body::Json { shape, .. } => Some(types::name_shape(
            shape,
            &format!("{type_name}Body"),
            types::Use::Request,
            scope,
        )),
        Body::None
        | Body::Text { .. }
        | Body::UrlEncoded { .. }
        | Body::Multipart { .. }
        | Body::File { .. } => None,
    };
    names.responses = responses::name_responses(&operation.examples, &type_name, scope);
}
