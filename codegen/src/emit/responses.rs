//! A request's responses: the `Success` and `Failure` types of its `Request` impl, the body
//! types of its documented statuses, and the enums over them with their `Decode` impl (a match
//! from status to variant).
//!
//! Per request this is data: which status decodes to which type. How a body is decoded is in
//! the shared `Decode` trait and `RawResponse`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{docs, types};
use crate::model::Operation;
use crate::model::response::reason_phrase;
use crate::name::{EnumNames, OperationNames, Outcome, ResponseNames, StatusNames, TypeRef};

/// The tokens a request's responses add.
pub struct ResponseTokens {
    /// The `Success` and `Failure` types of the `Request` impl, when typed (`success = ...`,
    /// `failure = ...` in the request's attribute; `rt::ResponseBody` otherwise).
    pub success: Option<TokenStream>,
    pub failure: Option<TokenStream>,
    /// The body types and enums, after the impl.
    pub definitions: TokenStream,
}

pub fn responses(operation: &Operation, names: &OperationNames) -> ResponseTokens {
    let responses = &names.responses;
    let success = outcome_type(&responses.success, responses);
    let failure = outcome_type(&responses.failure, responses);
    let owner = format!("[`{}`]", names.type_name);
    let bodies = responses.statuses.iter().map(|status| {
        let owner = types::Owner(format!("a {} response to {owner}", label(status.code)));
        let samples: Vec<_> = operation
            .examples
            .responses
            .iter()
            .filter(|examples| examples.code == status.code)
            .flat_map(|examples| &examples.samples)
            .collect();
        types::definitions(&status.defs, &status.ty, &owner, &samples)
    });
    let success_enum = enumeration(
        &responses.success,
        responses,
        &format!("A success response of {owner}"),
    );
    let failure_enum = enumeration(
        &responses.failure,
        responses,
        &format!("An error response of {owner}"),
    );
    ResponseTokens {
        success,
        failure,
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

fn outcome_type(outcome: &Outcome, responses: &ResponseNames) -> Option<TokenStream> {
    match outcome {
        Outcome::Untyped => None,
        Outcome::Single(index) => responses
            .statuses
            .get(*index)
            .map(|status| types::type_tokens(&status.ty)),
        Outcome::Enum(enumeration) => {
            let name = format_ident!("{}", enumeration.name);
            Some(quote! { #name })
        }
    }
}

fn enumeration(outcome: &Outcome, responses: &ResponseNames, title: &str) -> TokenStream {
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
    let statuses: Vec<&StatusNames> = variants
        .iter()
        .filter_map(|index| responses.statuses.get(*index))
        .collect();
    let variants = statuses.iter().map(|status| {
        let variant = format_ident!("{}", status.variant);
        let ty = types::type_tokens(&status.ty);
        // Bodies are often big structs; boxed, every variant stays small (`large_enum_variant`).
        let ty = match &status.ty {
            TypeRef::Named(_) | TypeRef::Option(_) => quote! { Box<#ty> },
            _ => ty,
        };
        let doc = docs::attrs(&[format!("{}.", label(status.code))]);
        quote! { #doc #variant(#ty), }
    });
    let arms = statuses.iter().map(|status| {
        let code = proc_macro2::Literal::u16_unsuffixed(status.code);
        let variant = format_ident!("{}", status.variant);
        quote! { #code => response.json().map(Self::#variant), }
    });
    let doc = docs::attrs(&[format!("{title}, by status.")]);
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        pub enum #name {
            #(#variants)*
            /// Another status, its body decoded by its content type.
            Other(rt::ResponseBody),
        }

        impl rt::Decode for #name {
            fn decode(response: &rt::RawResponse<'_>) -> Result<Self, rt::DecodeError> {
                match response.status.as_u16() {
                    #(#arms)*
                    _ => response.body().map(Self::Other),
                }
            }
        }
    }
}
