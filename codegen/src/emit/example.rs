//! Example bodies: the collection's sample as JSON text that fits its generated type, which
//! `new` deserializes (`rt::example`) and so sends.
//!
//! A placeholder such as `"<integer>"` where the type is a number or a boolean is a hint, not a
//! value: the field is left out (an array element is dropped), since no value of the type
//! says "some integer". Keys follow the type's field order.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::{Map, Value};

use crate::name::{FieldDef, Presence, TypeDef, TypeRef};

/// `sample` as compact JSON text of a value of type `ty` (using the structs in `defs`), or
/// `None` when the sample cannot be one (a placeholder).
pub fn json(ty: &TypeRef, sample: &Value, defs: &[TypeDef]) -> Option<String> {
    let value = fit(ty, sample, defs)?;
    Some(safe_text(&value.to_string()))
}

/// A raw string literal of `text` (`r#"..."#`, with as many `#` as the text needs).
pub fn raw_string(text: &str) -> TokenStream {
    // One more `#` than the longest run of them after a quote, found in one pass.
    let (mut longest, mut run, mut after_quote) = (0, 0, false);
    for c in text.chars() {
        match c {
            '#' if after_quote => {
                run += 1;
                longest = longest.max(run);
            }
            '"' => (after_quote, run) = (true, 0),
            _ => (after_quote, run) = (false, 0),
        }
    }
    let fence = "#".repeat(longest + 1);
    match format!("r{fence}\"{text}\"{fence}").parse::<Literal>() {
        Ok(literal) => quote! { #literal },
        Err(_) => quote! { #text },
    }
}

/// JSON text with every character that could mislead a reader of the code (controls, bidi
/// overrides and other invisible formatting) written as a `\uXXXX` escape, which JSON reads
/// back as the same character.
fn safe_text(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_unsafe(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Characters that must not appear in generated code as they are.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061c}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}'
            | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

fn fit(ty: &TypeRef, sample: &Value, defs: &[TypeDef]) -> Option<Value> {
    Some(match (ty, sample) {
        (TypeRef::Any, sample) => sample.clone(),
        (TypeRef::Option(_), Value::Null) => Value::Null,
        (TypeRef::Option(inner), sample) => fit(inner, sample, defs)?,
        (TypeRef::Bool, Value::Bool(_)) | (TypeRef::Float, Value::Number(_)) => sample.clone(),
        (TypeRef::Integer, Value::Number(number)) if number.as_i64().is_some() => sample.clone(),
        (TypeRef::String, Value::String(_)) => sample.clone(),
        (TypeRef::Vec(item), Value::Array(items)) => Value::Array(
            items
                .iter()
                .filter_map(|sample| fit(item, sample, defs))
                .collect(),
        ),
        (TypeRef::Named(name), Value::Object(members)) => {
            let def = defs.iter().find(|def| def.name == *name)?;
            let mut object = Map::new();
            for field in &def.fields {
                if let Some(value) = field_value(field, members.get(&field.key), defs) {
                    object.insert(field.key.clone(), value);
                }
            }
            Value::Object(object)
        }
        _ => return None,
    })
}

/// A field's value, or `None` to leave the field out (it is `None` in Rust).
fn field_value(field: &FieldDef, sample: Option<&Value>, defs: &[TypeDef]) -> Option<Value> {
    let value = fit(&field.ty, sample?, defs)?;
    match field.presence {
        // An optional response field read from `null` is `None` either way.
        Presence::Optional if value.is_null() => None,
        _ => Some(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::infer::shape_of;
    use crate::name::ident::Scope;
    use crate::name::types::{Use, name_shape};
    use serde_json::json;

    /// The example of `sample` for the type of `sample` merged with `other`.
    fn example_of(sample: Value, other: Value) -> Option<String> {
        let shape = crate::infer::merge(shape_of(&sample), shape_of(&other));
        let (ty, defs) = name_shape(&shape, "B", Use::Request, &mut Scope::default());
        json(&ty, &sample, &defs)
    }

    #[test]
    fn a_null_request_field_is_sent_as_null_and_an_absent_one_is_left_out() {
        let text = example_of(json!({"a": null, "b": null}), json!({"b": "x", "c": 1}));
        assert_eq!(text.as_deref(), Some(r#"{"a":null,"b":null}"#));
    }

    #[test]
    fn placeholders_of_typed_values_are_left_out_of_the_example() {
        let text = example_of(
            json!({"n": "<integer>", "s": "<string>", "l": ["<boolean>", true]}),
            json!({}),
        );
        assert_eq!(text.as_deref(), Some(r#"{"s":"<string>","l":[true]}"#));
    }

    #[test]
    fn invisible_and_bidi_characters_are_escaped() {
        let text = example_of(json!({"a": "x\u{202e}y\u{7f}"}), json!({}));
        assert_eq!(text.as_deref(), Some(r#"{"a":"x\u202ey\u007f"}"#));
    }

    #[test]
    fn raw_strings_get_enough_hashes() {
        assert_eq!(raw_string(r#"{"a":1}"#).to_string(), r###"r#"{"a":1}"#"###);
        assert_eq!(
            raw_string(r##"{"a":"#"}"##).to_string(),
            r###"r##"{"a":"#"}"##"###
        );
    }
}
