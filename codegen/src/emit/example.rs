//! Example values: a Rust expression of a body type equal to the collection's sample, which
//! is what `new` sends.
//!
//! A placeholder such as `"<integer>"` where the type is a number or a boolean is a hint, not a
//! value: the field is left out (an array element is dropped), since no value of the type
//! says "some integer".

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::{Number, Value};

use super::types::ident_tokens;
use crate::name::{FieldDef, Presence, TypeDef, TypeRef};

/// Above this many JSON values a `serde_json::Value` is built with constructors: `json!`
/// recurses once per token tree and would reach the compiler's recursion limit.
const JSON_MACRO_LIMIT: usize = 32;

/// An expression of type `ty` equal to `sample`, using the structs in `defs`.
pub fn example(ty: &TypeRef, sample: &Value, defs: &[TypeDef]) -> TokenStream {
    value(ty, sample, defs).unwrap_or_else(|| quote! { ::std::default::Default::default() })
}

/// `None` when the sample cannot be a value of `ty` (a placeholder).
fn value(ty: &TypeRef, sample: &Value, defs: &[TypeDef]) -> Option<TokenStream> {
    let tokens = match (ty, sample) {
        (TypeRef::Any, sample) => any(sample),
        (TypeRef::Option(_), Value::Null) => quote! { ::std::option::Option::None },
        (TypeRef::Option(inner), sample) => {
            let inner = value(inner, sample, defs)?;
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
            let items: Vec<TokenStream> = items
                .iter()
                .filter_map(|sample| value(item, sample, defs))
                .collect();
            // A call rather than `vec!`, so that the formatter lays the elements out.
            if items.is_empty() {
                quote! { ::std::vec::Vec::new() }
            } else {
                quote! { ::std::vec::Vec::from([#(#items),*]) }
            }
        }
        (TypeRef::Named(name), Value::Object(members)) => {
            let def = defs.iter().find(|def| def.name == *name)?;
            let ident = format_ident!("{}", name);
            let fields = def.fields.iter().map(|field| {
                let ident = ident_tokens(&field.ident);
                let value = field_value(field, members.get(&field.key), defs);
                quote! { #ident: #value, }
            });
            quote! { #ident { #(#fields)* } }
        }
        _ => return None,
    };
    Some(tokens)
}

fn field_value(field: &FieldDef, sample: Option<&Value>, defs: &[TypeDef]) -> TokenStream {
    let none = quote! { ::std::option::Option::None };
    let value = sample.and_then(|sample| value(&field.ty, sample, defs));
    match (field.presence, value) {
        (Presence::Required, Some(value)) => value,
        (Presence::Required, None) => quote! { ::std::default::Default::default() },
        (Presence::Optional, Some(value)) if matches!(field.ty, TypeRef::Option(_)) => value,
        (Presence::Optional | Presence::Omissible, Some(value)) => {
            quote! { ::std::option::Option::Some(#value) }
        }
        (Presence::Optional | Presence::Omissible, None) => none,
    }
}

/// A `serde_json::Value` expression for `sample`.
fn any(sample: &Value) -> TokenStream {
    if sample.is_null() {
        quote! { ::serde_json::Value::Null }
    } else if count(sample) <= JSON_MACRO_LIMIT {
        let json = json_tokens(sample);
        quote! { ::serde_json::json!(#json) }
    } else {
        constructed(sample)
    }
}

fn count(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(count).sum::<usize>(),
        Value::Object(members) => 1 + members.values().map(count).sum::<usize>(),
        _ => 1,
    }
}

fn json_tokens(value: &Value) -> TokenStream {
    match value {
        Value::Null => quote! { null },
        Value::Bool(flag) => quote! { #flag },
        Value::Number(number) => json_number(number),
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

/// A `serde_json::Value` built with constructors, for values too big for `json!`.
fn constructed(value: &Value) -> TokenStream {
    match value {
        Value::Null => quote! { ::serde_json::Value::Null },
        Value::Bool(flag) => quote! { ::serde_json::Value::Bool(#flag) },
        Value::Number(number) => {
            let number = json_number(number);
            quote! { ::serde_json::Value::from(#number) }
        }
        Value::String(text) => quote! { ::serde_json::Value::String(#text.to_owned()) },
        Value::Array(items) => {
            let items = items.iter().map(constructed);
            quote! { ::serde_json::Value::Array(::std::vec![#(#items),*]) }
        }
        Value::Object(members) => {
            let members = members.iter().map(|(key, value)| {
                let value = constructed(value);
                quote! { (#key.to_owned(), #value) }
            });
            quote! { ::serde_json::Value::Object(::serde_json::Map::from_iter([#(#members),*])) }
        }
    }
}

/// A number literal for a `serde_json::Value`, where nothing else gives the literal a type:
/// integers beyond `i32` get a suffix (an unsuffixed literal would be an `i32`).
fn json_number(number: &Number) -> TokenStream {
    match (number.as_i64(), number.as_u64()) {
        (Some(int), _) if i32::try_from(int).is_ok() => number_tokens(number),
        (Some(i64::MIN), _) => quote! { i64::MIN },
        (Some(int), _) => {
            let literal = Literal::i64_suffixed(int.abs());
            if int < 0 {
                quote! { -#literal }
            } else {
                quote! { #literal }
            }
        }
        (None, Some(int)) => {
            let literal = Literal::u64_suffixed(int);
            quote! { #literal }
        }
        (None, None) => number_tokens(number),
    }
}

/// A number literal; negative numbers as `-` and the literal of their magnitude. Floats keep a
/// fraction or exponent, so that `json!` and `Value::from` make floats of them.
fn number_tokens(number: &Number) -> TokenStream {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::infer::shape_of;
    use crate::name::ident::Scope;
    use crate::name::types::{Use, name_shape};
    use serde_json::json;

    /// The example of `sample` for the type of `sample` merged with `other`, as text.
    fn example_of(sample: Value, other: Value) -> String {
        let shape = crate::infer::merge(shape_of(&sample), shape_of(&other));
        let (ty, defs) = name_shape(&shape, "B", Use::Request, &mut Scope::default());
        example(&ty, &sample, &defs)
            .to_string()
            .replace(":: std :: option :: Option :: ", "")
    }

    #[test]
    fn a_null_request_field_is_sent_as_null_and_an_absent_one_is_left_out() {
        let code = example_of(json!({"a": null, "b": null}), json!({"b": "x", "c": 1}));
        assert_eq!(
            code,
            "B { a : Some (:: serde_json :: Value :: Null) , b : Some (None) , c : None , }"
        );
    }

    #[test]
    fn placeholders_of_typed_values_are_left_out_of_the_example() {
        let code = example_of(
            json!({"n": "<integer>", "s": "<string>", "l": ["<boolean>"]}),
            json!({}),
        );
        assert_eq!(
            code,
            "B { n : None , s : Some (\"<string>\" . to_owned ()) , l : Some (:: std :: vec :: Vec :: new ()) , }"
        );
    }

    #[test]
    fn big_integers_in_json_values_are_typed() {
        assert_eq!(
            any(&json!(10_000_000_000_i64)).to_string(),
            ":: serde_json :: json ! (10000000000i64)"
        );
        assert_eq!(
            any(&json!(-10_000_000_000_i64)).to_string(),
            ":: serde_json :: json ! (- 10000000000i64)"
        );
        assert_eq!(any(&json!(7)).to_string(), ":: serde_json :: json ! (7)");
    }

    #[test]
    fn big_json_values_are_built_without_the_json_macro() {
        let big: Vec<u32> = (0..40).collect();
        let code = any(&json!(big)).to_string();
        assert!(
            code.starts_with(":: serde_json :: Value :: Array"),
            "{code}"
        );
        assert!(
            any(&json!([1, 2]))
                .to_string()
                .starts_with(":: serde_json :: json !")
        );
    }
}
