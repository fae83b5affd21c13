//! Body types: the structs named for inferred shapes (or aliases of identical ones), with serde
//! attributes only where they are needed.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use crate::name::{FieldDef, Presence, TypeDef, TypePath, TypeRef};

pub use super::example::example;

/// The Rust type of `ty`.
pub fn type_tokens(ty: &TypeRef) -> TokenStream {
    type_tokens_in(ty, &TokenStream::new())
}

/// The Rust type of `ty` seen from elsewhere: `module` is the path to the module that defines
/// its named types (`super::repos::`, or nothing for the same module).
pub fn type_tokens_in(ty: &TypeRef, module: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::Any => quote! { ::serde_json::Value },
        TypeRef::Bool => quote! { bool },
        TypeRef::Integer => quote! { i64 },
        TypeRef::Float => quote! { f64 },
        TypeRef::String => quote! { ::std::string::String },
        TypeRef::Vec(item) => {
            let item = type_tokens_in(item, module);
            quote! { ::std::vec::Vec<#item> }
        }
        TypeRef::Option(inner) => {
            let inner = type_tokens_in(inner, module);
            quote! { ::std::option::Option<#inner> }
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

/// The struct and alias definitions of one body whose type is `root_ty`, in order; `root` is
/// the path to the file's root module.
pub fn definitions(
    defs: &[TypeDef],
    root_ty: &TypeRef,
    owner: &Owner,
    root: &TokenStream,
) -> TokenStream {
    defs.iter()
        .map(|def| {
            let role = if *root_ty == TypeRef::Named(def.name.clone()) {
                "The body"
            } else {
                "Part of the body"
            };
            let doc = format!("{role} of {}.", owner.0);
            match &def.alias_of {
                Some(path) => alias(&def.name, path, &doc, "fields"),
                None => definition(def, &doc, root),
            }
        })
        .collect()
}

fn definition(def: &TypeDef, doc: &str, root: &TokenStream) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let fields = def.fields.iter().map(|f| field(f, root));
    let attrs = docs::attrs(&[doc]);
    quote! {
        #attrs
        #[derive(Clone, Debug, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
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

fn field(field: &FieldDef, root: &TokenStream) -> TokenStream {
    let ident = ident_tokens(&field.ident);
    let mut serde: Vec<TokenStream> = Vec::new();
    if crate::name::ident::unraw(&field.ident) != field.key {
        let key = &field.key;
        serde.push(quote! { rename = #key });
    }
    let value = type_tokens(&field.ty);
    let may_be_null = matches!(field.ty, TypeRef::Option(_) | TypeRef::Any);
    let ty = match field.presence {
        Presence::Required => value,
        Presence::Optional if may_be_null && field.ty != TypeRef::Any => value,
        Presence::Optional => quote! { ::std::option::Option<#value> },
        Presence::Omissible => {
            serde.push(quote! { default });
            if may_be_null {
                // serde reads a `null` into an `Option<Option<T>>` as `None`: read the value
                // itself, so that a `null` the sample has stays `Some(None)` and is sent back.
                let present = format!("{}runtime::present", root.to_string().replace(' ', ""));
                serde.push(quote! { deserialize_with = #present });
            }
            serde.push(quote! { skip_serializing_if = "::std::option::Option::is_none" });
            quote! { ::std::option::Option<#value> }
        }
    };
    let serde = (!serde.is_empty()).then(|| quote! { #[serde(#(#serde),*)] });
    let key = if field.key.is_empty() {
        "the empty string".to_owned()
    } else {
        docs::code(&field.key)
    };
    let doc = docs::attrs(&[format!("JSON key {key}.")]);
    quote! {
        #doc
        #serde
        pub #ident: #ty,
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
