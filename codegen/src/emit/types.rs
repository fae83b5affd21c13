//! Body types: the structs named for inferred shapes, and the example value built from a sample
//! (the body the collection sends).

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

use super::docs;
use crate::name::{FieldDef, TypeDef, TypeRef};

/// The Rust type of `ty`.
pub fn type_tokens(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Any => quote! { ::serde_json::Value },
        TypeRef::Bool => quote! { bool },
        TypeRef::Integer => quote! { i64 },
        TypeRef::Float => quote! { f64 },
        TypeRef::String => quote! { ::std::string::String },
        TypeRef::Vec(item) => {
            let item = type_tokens(item);
            quote! { ::std::vec::Vec<#item> }
        }
        TypeRef::Option(inner) => {
            let inner = type_tokens(inner);
            quote! { ::std::option::Option<#inner> }
        }
        TypeRef::Named(name) => {
            let name = format_ident!("{}", name);
            quote! { #name }
        }
    }
}

/// The struct definitions, in order.
pub fn definitions(defs: &[TypeDef], owner: &str) -> TokenStream {
    defs.iter().map(|def| definition(def, owner)).collect()
}

fn definition(def: &TypeDef, owner: &str) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let fields = def.fields.iter().map(field);
    let attrs = docs::attrs(&[format!("Part of the body of [`{owner}`].")]);
    quote! {
        #attrs
        #[derive(Clone, Debug, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct #name { #(#fields)* }
    }
}

fn field(field: &FieldDef) -> TokenStream {
    let ident = ident_tokens(&field.ident);
    let rename = (crate::name::ident::unraw(&field.ident) != field.key).then(|| {
        let key = &field.key;
        quote! { #[serde(rename = #key)] }
    });
    let ty = type_tokens(&field.ty);
    let doc = docs::attrs(&[format!("JSON key {}.", docs::code(&field.key))]);
    if field.optional {
        quote! {
            #doc
            #rename
            #[serde(default, skip_serializing_if = "::std::option::Option::is_none")]
            pub #ident: ::std::option::Option<#ty>,
        }
    } else {
        quote! { #doc #rename pub #ident: #ty, }
    }
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

/// An expression of type `ty` equal to `sample`, using the structs in `defs`.
pub fn example(ty: &TypeRef, sample: &Value, defs: &[TypeDef]) -> TokenStream {
    match (ty, sample) {
        (TypeRef::Option(_), Value::Null) => quote! { ::std::option::Option::None },
        (TypeRef::Option(inner), sample) => {
            let inner = example(inner, sample, defs);
            quote! { ::std::option::Option::Some(#inner) }
        }
        (TypeRef::Bool, Value::Bool(flag)) => quote! { #flag },
        (TypeRef::Integer, Value::Number(number)) if number.as_i64().is_some() => {
            number_tokens(number)
        }
        (TypeRef::Float, Value::Number(number)) => {
            let float = number.as_f64().unwrap_or_default();
            let literal = Literal::f64_unsuffixed(float.abs());
            if float.is_sign_negative() {
                quote! { -#literal }
            } else {
                quote! { #literal }
            }
        }
        (TypeRef::String, Value::String(text)) => quote! { #text.to_owned() },
        (TypeRef::Vec(item), Value::Array(items)) => {
            let items = items.iter().map(|sample| example(item, sample, defs));
            quote! { ::std::vec![#(#items),*] }
        }
        (TypeRef::Named(name), Value::Object(members)) => {
            let Some(def) = defs.iter().find(|def| def.name == *name) else {
                return any(sample);
            };
            let ident = format_ident!("{}", name);
            let fields = def.fields.iter().map(|field| {
                let ident = ident_tokens(&field.ident);
                let value = match members.get(&field.key) {
                    Some(sample) if field.optional => {
                        let value = example(&field.ty, sample, defs);
                        quote! { ::std::option::Option::Some(#value) }
                    }
                    Some(sample) => example(&field.ty, sample, defs),
                    None => quote! { ::std::option::Option::None },
                };
                quote! { #ident: #value, }
            });
            quote! { #ident { #(#fields)* } }
        }
        _ => any(sample),
    }
}

/// A `serde_json::Value` expression for `sample`.
fn any(sample: &Value) -> TokenStream {
    let json = json_tokens(sample);
    quote! { ::serde_json::json!(#json) }
}

fn json_tokens(value: &Value) -> TokenStream {
    match value {
        Value::Null => quote! { null },
        Value::Bool(flag) => quote! { #flag },
        Value::Number(number) => number_tokens(number),
        Value::String(text) => quote! { #text },
        Value::Array(items) => {
            let items = items.iter().map(json_tokens);
            quote! { [#(#items),*] }
        }
        Value::Object(members) => {
            let members = members.iter().map(|(key, value)| {
                let value = json_tokens(value);
                quote! { #key: #value }
            });
            quote! { { #(#members),* } }
        }
    }
}

/// A number literal; negative numbers as `-` and the literal of their magnitude.
fn number_tokens(number: &serde_json::Number) -> TokenStream {
    let (negative, literal) = if let Some(int) = number.as_i64() {
        (int < 0, Literal::u64_unsuffixed(int.unsigned_abs()))
    } else if let Some(int) = number.as_u64() {
        (false, Literal::u64_unsuffixed(int))
    } else {
        let float = number.as_f64().unwrap_or_default();
        (
            float.is_sign_negative(),
            Literal::f64_unsuffixed(float.abs()),
        )
    };
    if negative {
        quote! { -#literal }
    } else {
        quote! { #literal }
    }
}
