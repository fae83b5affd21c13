//! Placeholder strings: what openapi-to-postman writes where a schema has no example
//! (`"<integer>"`, `"<boolean>"`, `"<dateTime>"`, ...). They say what a value is, not what it
//! is worth.

use crate::model::shape::{Scalar, Shape};

/// What a `{{variable}}` written where a JSON value goes is read as (a noncharacter, which no
/// text means): a value of the variable's kind, which only other samples can tell.
pub const BARE_VARIABLE: &str = "\u{FDD0}";

/// The shape a placeholder string stands for: `Some` for the placeholders of numbers, booleans
/// and objects, `None` for any other string (placeholders of strings, such as `"<string>"`,
/// `"<uuid>"` or `"<dateTime>"`, are strings like any other).
pub fn hinted_shape(text: &str) -> Option<Shape> {
    if text == BARE_VARIABLE {
        return Some(Shape::Unknown);
    }
    let name = text.strip_prefix('<')?.strip_suffix('>')?;
    let shape = match name {
        "integer" | "long" | "int" | "int32" | "int64" | "unix-time" => {
            Shape::Hint(Scalar::Integer)
        }
        "number" | "double" | "float" => Shape::Hint(Scalar::Float),
        "boolean" | "bool" => Shape::Hint(Scalar::Bool),
        // An object schema without properties: any JSON value.
        "object" => Shape::Any,
        _ => return None,
    };
    Some(shape)
}

/// The scalar a placeholder string stands for, if it is a placeholder of a number or boolean.
pub fn hinted_scalar(text: &str) -> Option<Scalar> {
    match hinted_shape(text) {
        Some(Shape::Hint(scalar)) => Some(scalar),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_of_numbers_and_booleans_are_hints() {
        assert_eq!(
            hinted_shape("<integer>"),
            Some(Shape::Hint(Scalar::Integer))
        );
        assert_eq!(hinted_shape("<long>"), Some(Shape::Hint(Scalar::Integer)));
        assert_eq!(hinted_shape("<number>"), Some(Shape::Hint(Scalar::Float)));
        assert_eq!(hinted_shape("<double>"), Some(Shape::Hint(Scalar::Float)));
        assert_eq!(hinted_shape("<boolean>"), Some(Shape::Hint(Scalar::Bool)));
        assert_eq!(hinted_shape("<object>"), Some(Shape::Any));
    }

    #[test]
    fn placeholders_of_strings_and_other_text_are_not_hints() {
        for text in [
            "<string>",
            "<dateTime>",
            "<uuid>",
            "<uri>",
            "integer",
            "<integer",
            "",
            "<>",
        ] {
            assert_eq!(hinted_shape(text), None, "{text:?}");
        }
    }
}
