//! The `infer` stage: JSON samples to type shapes, merging several samples of the same value.
//!
//! Pure functions over `serde_json::Value`; knows nothing of Postman or of Rust names.
//!
//! Shapes are as precise as the samples allow and never reject a sample: a field missing from
//! one sample is not always present, `null` next to a value makes it nullable, integers next
//! to floats are floats, anything else that disagrees is [`Shape::Any`]. Placeholder strings
//! (`"<integer>"`) are hints that give way to real values. Arrays and objects nested deeper
//! than [`MAX_DEPTH`] are [`Shape::Any`], which bounds every recursion over a shape.

mod placeholder;

use serde_json::Value;

use crate::model::shape::{Field, Scalar, Shape};
pub use placeholder::{BARE_VARIABLE, hinted_scalar, hinted_shape};

/// How many arrays and objects deep a shape is typed; a value nested deeper is
/// [`Shape::Any`] (`serde_json::Value`). Real APIs nest a few levels; generated types nested
/// far deeper cost every later stage (and rustc) stack and time for nothing.
pub const MAX_DEPTH: usize = 32;

/// The shape of one sample.
pub fn shape_of(sample: &Value) -> Shape {
    shape_at(sample, 0)
}

/// The shape of a sample inside `depth` arrays and objects.
fn shape_at(sample: &Value, depth: usize) -> Shape {
    match sample {
        Value::Array(_) | Value::Object(_) if depth >= MAX_DEPTH => Shape::Any,
        Value::Null => Shape::Null,
        Value::Bool(_) => Shape::Bool,
        Value::Number(number) if number.is_i64() => Shape::Integer,
        Value::Number(_) => Shape::Float,
        Value::String(text) => hinted_shape(text).unwrap_or(Shape::String),
        Value::Array(items) => Shape::Array(Box::new(merge_all(
            items.iter().map(|item| shape_at(item, depth + 1)),
        ))),
        Value::Object(members) => Shape::Object(
            members
                .iter()
                .map(|(key, value)| Field {
                    key: key.clone(),
                    shape: shape_at(value, depth + 1),
                    always_present: true,
                })
                .collect(),
        ),
    }
}

/// Merges the shapes of several samples of the same value; no samples give
/// [`Shape::Unknown`].
pub fn merge_all(shapes: impl IntoIterator<Item = Shape>) -> Shape {
    shapes.into_iter().fold(Shape::Unknown, merge)
}

/// The shape that accepts every value either shape accepts.
pub fn merge(a: Shape, b: Shape) -> Shape {
    match (a, b) {
        (Shape::Unknown, other) | (other, Shape::Unknown) => other,
        (Shape::Any, _) | (_, Shape::Any) => Shape::Any,
        (Shape::Null, Shape::Null) => Shape::Null,
        (Shape::Null, other) | (other, Shape::Null) => nullable(other),
        (Shape::Nullable(a), b) | (b, Shape::Nullable(a)) => nullable(merge(*a, b)),
        (Shape::Hint(a), Shape::Hint(b)) => merge_hints(a, b),
        // The samples hold a string there: a hint cannot make them something else.
        (Shape::Hint(_), Shape::String) | (Shape::String, Shape::Hint(_)) => Shape::String,
        (Shape::Hint(hint), other) | (other, Shape::Hint(hint)) => merge(hint.shape(), other),
        (Shape::Integer, Shape::Float) | (Shape::Float, Shape::Integer) => Shape::Float,
        (Shape::Array(a), Shape::Array(b)) => Shape::Array(Box::new(merge(*a, *b))),
        (Shape::Object(a), Shape::Object(b)) => Shape::Object(merge_fields(a, b)),
        (a, b) if a == b => a,
        _ => Shape::Any,
    }
}

fn merge_hints(a: Scalar, b: Scalar) -> Shape {
    match (a, b) {
        _ if a == b => Shape::Hint(a),
        (Scalar::Integer, Scalar::Float) | (Scalar::Float, Scalar::Integer) => {
            Shape::Hint(Scalar::Float)
        }
        // Placeholders that disagree: every sample is a string.
        _ => Shape::String,
    }
}

fn nullable(shape: Shape) -> Shape {
    match shape {
        Shape::Unknown | Shape::Any | Shape::Null | Shape::Nullable(_) => shape,
        other => Shape::Nullable(Box::new(other)),
    }
}

fn merge_fields(a: Vec<Field>, b: Vec<Field>) -> Vec<Field> {
    let mut b: Vec<Option<Field>> = b.into_iter().map(Some).collect();
    let mut merged: Vec<Field> = a
        .into_iter()
        .map(|field| {
            let twin = b
                .iter_mut()
                .find(|other| other.as_ref().is_some_and(|o| o.key == field.key))
                .and_then(Option::take);
            match twin {
                Some(twin) => Field {
                    key: field.key,
                    shape: merge(field.shape, twin.shape),
                    always_present: field.always_present && twin.always_present,
                },
                None => Field {
                    always_present: false,
                    ..field
                },
            }
        })
        .collect();
    merged.extend(b.into_iter().flatten().map(|field| Field {
        always_present: false,
        ..field
    }));
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn field(key: &str, shape: Shape, always_present: bool) -> Field {
        Field {
            key: key.to_owned(),
            shape,
            always_present,
        }
    }

    #[test]
    fn scalars_map_to_their_shapes() {
        assert_eq!(shape_of(&json!(1)), Shape::Integer);
        assert_eq!(shape_of(&json!(1.5)), Shape::Float);
        assert_eq!(shape_of(&json!("x")), Shape::String);
        assert_eq!(shape_of(&json!(true)), Shape::Bool);
        assert_eq!(shape_of(&json!(null)), Shape::Null);
    }

    #[test]
    fn integers_and_floats_merge_to_float() {
        assert_eq!(
            shape_of(&json!([1, 2.5])),
            Shape::Array(Box::new(Shape::Float))
        );
    }

    #[test]
    fn empty_arrays_have_unknown_elements_and_mixed_types_are_any() {
        assert_eq!(shape_of(&json!([])), Shape::Array(Box::new(Shape::Unknown)));
        assert_eq!(
            shape_of(&json!([1, "a"])),
            Shape::Array(Box::new(Shape::Any))
        );
    }

    #[test]
    fn an_empty_array_takes_the_elements_another_sample_shows() {
        let merged = merge(
            shape_of(&json!({"tags": []})),
            shape_of(&json!({"tags": ["a"]})),
        );
        let expected = Shape::Object(vec![field(
            "tags",
            Shape::Array(Box::new(Shape::String)),
            true,
        )]);
        assert_eq!(merged, expected);
        let mixed = shape_of(&json!([1, "a"]));
        assert_eq!(merge(mixed.clone(), shape_of(&json!([2]))), mixed);
    }

    #[test]
    fn null_next_to_a_value_makes_it_nullable() {
        let shape = shape_of(&json!([null, "a"]));
        assert_eq!(
            shape,
            Shape::Array(Box::new(Shape::Nullable(Box::new(Shape::String))))
        );
    }

    #[test]
    fn placeholder_strings_are_hints_of_their_kind() {
        let shape = shape_of(&json!({"n": "<integer>", "b": "<boolean>", "s": "<string>"}));
        let expected = Shape::Object(vec![
            field("n", Shape::Hint(Scalar::Integer), true),
            field("b", Shape::Hint(Scalar::Bool), true),
            field("s", Shape::String, true),
        ]);
        assert_eq!(shape, expected);
    }

    #[test]
    fn hints_give_way_to_the_values_samples_show() {
        assert_eq!(
            shape_of(&json!(["<integer>", 3])),
            Shape::Array(Box::new(Shape::Integer))
        );
        assert_eq!(
            shape_of(&json!(["<integer>", 1.5])),
            Shape::Array(Box::new(Shape::Float))
        );
        assert_eq!(
            shape_of(&json!(["<integer>", "seven"])),
            Shape::Array(Box::new(Shape::String))
        );
        assert_eq!(
            shape_of(&json!(["<boolean>", 3])),
            Shape::Array(Box::new(Shape::Any))
        );
        assert_eq!(
            shape_of(&json!(["<integer>", "<number>"])),
            Shape::Array(Box::new(Shape::Hint(Scalar::Float)))
        );
        assert_eq!(
            shape_of(&json!(["<integer>", "<boolean>"])),
            Shape::Array(Box::new(Shape::String))
        );
        let nullable = Shape::Nullable(Box::new(Shape::Hint(Scalar::Bool)));
        assert_eq!(
            shape_of(&json!([null, "<boolean>"])),
            Shape::Array(Box::new(nullable))
        );
    }

    #[test]
    fn objects_next_to_other_values_are_any() {
        assert_eq!(
            shape_of(&json!([{"a": 1}, [1]])),
            Shape::Array(Box::new(Shape::Any))
        );
        assert_eq!(
            shape_of(&json!([{"a": 1}, "x"])),
            Shape::Array(Box::new(Shape::Any))
        );
        assert_eq!(
            shape_of(&json!([true, null, 1])),
            Shape::Array(Box::new(Shape::Any))
        );
    }

    #[test]
    fn arrays_merge_their_elements_across_samples() {
        let merged = merge(
            shape_of(&json!({"tags": [1]})),
            shape_of(&json!({"tags": [2.5], "x": null})),
        );
        let expected = Shape::Object(vec![
            field("tags", Shape::Array(Box::new(Shape::Float)), true),
            field("x", Shape::Null, false),
        ]);
        assert_eq!(merged, expected);
    }

    #[test]
    fn values_nested_deeper_than_the_limit_are_any() {
        let nested = |depth: usize, inner: &str| -> Value {
            let text = format!("{}{inner}{}", "[".repeat(depth), "]".repeat(depth));
            serde_json::from_str(&text).expect("nested arrays parse")
        };
        let arrays = |depth: usize, inner: Shape| {
            (0..depth).fold(inner, |shape, _| Shape::Array(Box::new(shape)))
        };
        assert_eq!(
            shape_of(&nested(MAX_DEPTH, "1")),
            arrays(MAX_DEPTH, Shape::Integer)
        );
        assert_eq!(
            shape_of(&nested(MAX_DEPTH + 1, "1")),
            arrays(MAX_DEPTH, Shape::Any)
        );
        assert_eq!(shape_of(&nested(120, "1")), arrays(MAX_DEPTH, Shape::Any));
        let mut object = json!(1);
        for _ in 0..120 {
            object = json!({ "a": object });
        }
        let mut depth = 0;
        let mut shape = &shape_of(&object);
        while let Shape::Object(fields) = shape {
            depth += 1;
            shape = &fields[0].shape;
        }
        assert_eq!((depth, shape), (MAX_DEPTH, &Shape::Any));
    }

    #[test]
    fn no_samples_merge_to_unknown() {
        assert_eq!(merge_all(Vec::new()), Shape::Unknown);
    }

    #[test]
    fn fields_missing_from_a_sample_are_not_always_present() {
        let shape = shape_of(&json!([{"a": 1, "b": "x"}, {"a": 2, "c": true}]));
        let expected = Shape::Object(vec![
            field("a", Shape::Integer, true),
            field("b", Shape::String, false),
            field("c", Shape::Bool, false),
        ]);
        assert_eq!(shape, Shape::Array(Box::new(expected)));
    }
}
