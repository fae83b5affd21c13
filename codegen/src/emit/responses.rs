//! A request's responses: the `Success` and `Failure` types of its `Request` impl, its
//! `decode` (a match from status to the helper that decodes it), the body types of its
//! documented statuses and the enums over them.
//!
//! Per request this is data: which status decodes to which type. How a body is decoded is in
//! the shared `RawResponse` helpers.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{docs, types};
use crate::model::response::reason_phrase;
use crate::name::{EnumNames, OperationNames, Outcome, ResponseNames, StatusNames, TypeRef};

/// The tokens a request's responses add.
pub struct ResponseTokens {
    /// `type Success = ...; type Failure = ...;` inside the `Request` impl.
    pub associated: TokenStream,
    /// `fn decode` inside the `Request` impl.
    pub decode: TokenStream,
    /// The body types and enums, after the impl.
    pub definitions: TokenStream,
}

pub fn responses(names: &OperationNames, root: &TokenStream) -> ResponseTokens {
    let responses = &names.responses;
    let success = outcome_type(&responses.success, responses, root);
    let failure = outcome_type(&responses.failure, responses, root);
    let owner = format!("[`{}`]", names.type_name);
    let bodies = responses.statuses.iter().map(|status| {
        let owner = types::Owner(format!("a {} response to {owner}", label(status.code)));
        types::definitions(&status.defs, &status.ty, &owner, root)
    });
    let success_enum = enumeration(
        &responses.success,
        responses,
        &format!("A success response of {owner}"),
        root,
    );
    let failure_enum = enumeration(
        &responses.failure,
        responses,
        &format!("An error response of {owner}"),
        root,
    );
    ResponseTokens {
        associated: quote! {
            type Success = #success;
            type Failure = #failure;
        },
        decode: decode(responses, root),
        definitions: quote! { #success_enum #failure_enum #(#bodies)* },
    }
}

/// The status as documentation: `` `404 Not Found` ``.
fn label(code: u16) -> String {
    match reason_phrase(code) {
        Some(reason) => docs::code(&format!("{code} {reason}")),
        None => docs::code(&code.to_string()),
    }
}

fn outcome_type(outcome: &Outcome, responses: &ResponseNames, root: &TokenStream) -> TokenStream {
    match outcome {
        Outcome::Untyped => quote! { #root ResponseBody },
        Outcome::Single(index) => match responses.statuses.get(*index) {
            Some(status) => types::type_tokens(&status.ty),
            None => quote! { #root ResponseBody },
        },
        Outcome::Enum(enumeration) => {
            let name = format_ident!("{}", enumeration.name);
            quote! { #name }
        }
    }
}

fn enumeration(
    outcome: &Outcome,
    responses: &ResponseNames,
    title: &str,
    root: &TokenStream,
) -> TokenStream {
    let Outcome::Enum(enumeration) = outcome else {
        return TokenStream::new();
    };
    let EnumNames {
        name,
        variants,
        alias_of,
    } = &**enumeration;
    if let Some(path) = alias_of {
        return types::alias(name, path, &format!("{title}, by status."), "variants");
    }
    let name = format_ident!("{}", name);
    let variants = variants
        .iter()
        .filter_map(|index| responses.statuses.get(*index))
        .map(|status| {
            let variant = format_ident!("{}", status.variant);
            let ty = types::type_tokens(&status.ty);
            // Bodies are often big structs; boxed, every variant stays small (`large_enum_variant`).
            let ty = match &status.ty {
                TypeRef::Named(_) | TypeRef::Option(_) => quote! { ::std::boxed::Box<#ty> },
                _ => ty,
            };
            let doc = docs::attrs(&[format!("{}.", label(status.code))]);
            quote! { #doc #variant(#ty), }
        });
    let doc = docs::attrs(&[format!("{title}, by status.")]);
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        pub enum #name {
            #(#variants)*
            /// Another status, its body decoded by its content type.
            Other(#root ResponseBody),
        }
    }
}

fn decode(responses: &ResponseNames, root: &TokenStream) -> TokenStream {
    let signature = quote! { fn decode(&self, raw: &#root RawResponse<'_>) -> #root Decoded<Self> };
    if responses.success == Outcome::Untyped && responses.failure == Outcome::Untyped {
        return quote! { #signature { raw.untyped() } };
    }
    let arms = |outcome: &Outcome, helper: TokenStream| -> Vec<TokenStream> {
        let Outcome::Enum(enumeration) = outcome else {
            return Vec::new();
        };
        let EnumNames { name, variants, .. } = &**enumeration;
        let name = format_ident!("{}", name);
        variants
            .iter()
            .filter_map(|index| responses.statuses.get(*index))
            .map(|status: &StatusNames| {
                let code = proc_macro2::Literal::u16_unsuffixed(status.code);
                let variant = format_ident!("{}", status.variant);
                quote! { #code => raw.#helper(#name::#variant), }
            })
            .collect()
    };
    let mut all = arms(&responses.success, quote! { ok });
    all.extend(arms(&responses.failure, quote! { err }));
    let on_success = match &responses.success {
        Outcome::Untyped => quote! { raw.ok_body() },
        Outcome::Single(_) => quote! { raw.ok_json() },
        Outcome::Enum(enumeration) => {
            let name = format_ident!("{}", enumeration.name);
            quote! { raw.ok_other(#name::Other) }
        }
    };
    let on_failure = match &responses.failure {
        Outcome::Enum(enumeration) => {
            let name = format_ident!("{}", enumeration.name);
            quote! { raw.err_other(#name::Other) }
        }
        Outcome::Untyped | Outcome::Single(_) => quote! { raw.err_body() },
    };
    quote! {
        #signature {
            match raw.status.as_u16() {
                #(#all)*
                // A guard rather than `200..=299`, which would overlap the arms of 2xx codes.
                _ if raw.status.is_success() => #on_success,
                _ => #on_failure,
            }
        }
    }
}
