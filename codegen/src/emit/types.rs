//! Body types: the structs named for inferred shapes (or aliases of identical ones), with serde
//! attributes only where they say something, and field docs from the collection's samples.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::{Map, Value};

use super::docs;
use crate::name::{FieldDef, Presence, TypeDef, TypePath, TypeRef};

/// Longest example value shown in a field's docs.
const EXAMPLE_LIMIT: usize = 60;

/// The Rust type of `ty`.
pub fn type_tokens(ty: &TypeRef) -> TokenStream {
    type_tokens_in(ty, &TokenStream::new())
}

/// The Rust type of `ty` seen from elsewhere: `module` is the path to the module that defines
/// its named types (`super::repos::`, or nothing for the same module).
pub fn type_tokens_in(ty: &TypeRef, module: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::Any => quote! { rt::Value },
        TypeRef::Bool => quote! { bool },
        TypeRef::Integer => quote! { i64 },
        TypeRef::Float => quote! { f64 },
        TypeRef::String => quote! { String },
        TypeRef::Vec(item) => {
            let item = type_tokens_in(item, module);
            quote! { Vec<#item> }
        }
        TypeRef::Option(inner) => {
            let inner = type_tokens_in(inner, module);
            quote! { Option<#inner> }
        }
        TypeRef::Named(name) => {
            let name = format_ident!("{}", name);
            quote! { #module #name }
        }
    }
}

/// Whose body a set of types belongs to, as documentation text: ``[`GetRepo`]`` or
/// ``a `404 Not Found` response to [`GetRepo`]``.
pub struct Owner(pub String);

/// The struct and alias definitions of one body whose type is `root_ty`, in order. `samples`
/// are the body's JSON samples, which the field docs take example values from. Every type of
/// the body is defined, as a struct or as an alias, even where nothing in the file names it: a
/// type's name never disappears because another request's samples changed. The body's own
/// type is a documented `pub type`; a part of it that is another type is a one-line
/// `pub use OTHER as NAME;` (the same type under the name it has here).
pub fn definitions(
    defs: &[TypeDef],
    root_ty: &TypeRef,
    owner: &Owner,
    samples: &[&Value],
) -> TokenStream {
    let root_name = match root_ty {
        TypeRef::Named(name) => Some(name.as_str()),
        _ => None,
    };
    let mut examples = Examples::default();
    for sample in samples {
        examples.collect(root_ty, sample, defs, 0);
    }
    defs.iter()
        .map(|def| {
            let role = if Some(def.name.as_str()) == root_name {
                "The body"
            } else {
                "Part of the body"
            };
            let doc = format!("{role} of {}.", owner.0);
            match &def.alias_of {
                Some(path) if Some(def.name.as_str()) == root_name => {
                    alias(&def.name, path, &doc, "fields")
                }
                Some(path) => reexport(&def.name, path),
                None => definition(def, &doc, &examples),
            }
        })
        .collect()
}

fn definition(def: &TypeDef, doc: &str, examples: &Examples) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let fields = def
        .fields
        .iter()
        .map(|f| field(f, examples.of(&def.name, &f.key)));
    // A field is documented where there is something to say beyond its name and type.
    let undocumented = def
        .fields
        .iter()
        .any(|f| field_doc(f, examples.of(&def.name, &f.key)).is_none());
    let allow = undocumented.then(|| quote! { #[allow(missing_docs)] });
    let attrs = docs::attrs(&[doc]);
    let omissible = def.fields.iter().any(|f| f.presence == Presence::Omissible);
    let serde = if omissible {
        quote! { #[serde(crate = "rt::serde", default)] }
    } else {
        quote! { #[serde(crate = "rt::serde")] }
    };
    quote! {
        #attrs
        #[derive(Clone, Debug, Default, PartialEq, rt::Serialize, rt::Deserialize)]
        #serde
        #allow
        pub struct #name { #(#fields)* }
    }
}

/// `pub type NAME = PATH;`, documented with `doc` and a link to the type it is, which has
/// the same `parts` (fields, variants).
pub fn alias(name: &str, path: &TypePath, doc: &str, parts: &str) -> TokenStream {
    let name = format_ident!("{}", name);
    let modules = path.modules.iter().map(|module| ident_tokens(module));
    let target = format_ident!("{}", path.name);
    let target_path = quote! { #(#modules ::)* #target };
    let link = if path.modules.is_empty() {
        format!("[`{}`]", path.name)
    } else {
        format!(
            "[`{}`]({})",
            path.name,
            target_path.to_string().replace(' ', "")
        )
    };
    let attrs = docs::attrs(&[format!("{doc} It is {link}, which has the same {parts}.")]);
    quote! {
        #attrs
        pub type #name = #target_path;
    }
}

/// `pub use PATH as NAME;`: the type at `path`, under the name `name` as well.
fn reexport(name: &str, path: &TypePath) -> TokenStream {
    let name = format_ident!("{}", name);
    let modules = path.modules.iter().map(|module| ident_tokens(module));
    let target = format_ident!("{}", path.name);
    // A path that starts with a module of this file goes through `self::`.
    let start = path.modules.first().is_none_or(|first| first != "super");
    let start = start.then(|| quote! { self:: });
    quote! { pub use #start #(#modules ::)* #target as #name; }
}

fn field(field: &FieldDef, example: Option<&Value>) -> TokenStream {
    let ident = ident_tokens(&field.ident);
    let mut serde: Vec<TokenStream> = Vec::new();
    if renamed(field) {
        let key = &field.key;
        serde.push(quote! { rename = #key });
    }
    let value = type_tokens(&field.ty);
    let may_be_null = matches!(field.ty, TypeRef::Option(_) | TypeRef::Any);
    let ty = match field.presence {
        Presence::Required => value,
        Presence::Optional if may_be_null && field.ty != TypeRef::Any => value,
        Presence::Optional => quote! { Option<#value> },
        Presence::Omissible => {
            if may_be_null {
                // serde reads a `null` into an `Option<Option<T>>` as `None`: read the value
                // itself, so that a `null` the sample has stays `Some(None)` and is sent back.
                serde.push(quote! { deserialize_with = "rt::present" });
            }
            serde.push(quote! { skip_serializing_if = "Option::is_none" });
            quote! { Option<#value> }
        }
    };
    let serde = (!serde.is_empty()).then(|| quote! { #[serde(#(#serde),*)] });
    let doc = field_doc(field, example).map(|doc| docs::attrs(&[doc]));
    quote! {
        #doc
        #serde
        pub #ident: #ty,
    }
}

/// Whether the field's name is not its JSON key.
fn renamed(field: &FieldDef) -> bool {
    crate::name::ident::unraw(&field.ident) != field.key
}

/// What a field's docs say: its JSON key where the field is named otherwise, and the first
/// short scalar value the samples give it; nothing when it would say neither.
fn field_doc(field: &FieldDef, example: Option<&Value>) -> Option<String> {
    let key = if field.key.is_empty() {
        "the empty key".to_owned()
    } else {
        docs::code(&field.key)
    };
    let example = example
        .filter(|value| !value.is_object() && !value.is_array() && value.as_str() != Some(""))
        .map(Value::to_string)
        .filter(|text| text.chars().count() <= EXAMPLE_LIMIT)
        .map(|text| docs::code(&text));
    match (renamed(field), example) {
        (true, Some(example)) => Some(format!("JSON key {key}, for example {example}.")),
        (true, None) => Some(format!("JSON key {key}.")),
        (false, Some(example)) => Some(format!("For example {example}.")),
        (false, None) => None,
    }
}

/// The first value the samples give each field, by struct name and key.
#[derive(Default)]
struct Examples<'a> {
    values: BTreeMap<(&'a str, &'a str), &'a Value>,
}

/// How deep sample values are followed for examples.
const EXAMPLE_DEPTH: usize = 64;

impl<'a> Examples<'a> {
    fn of(&self, name: &str, key: &str) -> Option<&'a Value> {
        self.values.get(&(name, key)).copied()
    }

    fn collect(&mut self, ty: &'a TypeRef, sample: &'a Value, defs: &'a [TypeDef], depth: usize) {
        if depth > EXAMPLE_DEPTH {
            return;
        }
        match (ty, sample) {
            (TypeRef::Option(inner), sample) => self.collect(inner, sample, defs, depth + 1),
            (TypeRef::Vec(item), Value::Array(items)) => {
                for sample in items {
                    self.collect(item, sample, defs, depth + 1);
                }
            }
            (TypeRef::Named(name), Value::Object(members)) => {
                let Some(def) = defs.iter().find(|def| def.name == *name) else {
                    return;
                };
                self.collect_fields(def, members, defs, depth);
            }
            _ => {}
        }
    }

    fn collect_fields(
        &mut self,
        def: &'a TypeDef,
        members: &'a Map<String, Value>,
        defs: &'a [TypeDef],
        depth: usize,
    ) {
        for field in &def.fields {
            let Some(value) = members.get(&field.key) else {
                continue;
            };
            if !value.is_null() && !is_placeholder(value) {
                self.values
                    .entry((def.name.as_str(), field.key.as_str()))
                    .or_insert(value);
            }
            self.collect(&field.ty, value, defs, depth + 1);
        }
    }
}

fn is_placeholder(value: &Value) -> bool {
    value
        .as_str()
        .is_some_and(|text| text.starts_with('<') && text.ends_with('>'))
}

/// An identifier token for a field, raw (`r#type`) where it needs to be.
pub fn ident_tokens(ident: &str) -> TokenStream {
    let span = proc_macro2::Span::call_site();
    let ident = match ident.strip_prefix("r#") {
        Some(raw) => proc_macro2::Ident::new_raw(raw, span),
        None => proc_macro2::Ident::new(ident, span),
    };
    quote! { #ident }
}
