//! Type shapes inferred from JSON samples (data only; inference lives in `infer`).

/// What the samples of one JSON value show about its type.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// No sample at all (the elements of an empty array): what another sample shows wins.
    Unknown,
    /// Samples that disagree (a number and a string, an object and an array): any value.
    Any,
    /// Only `null` was seen.
    Null,
    Bool,
    Integer,
    Float,
    String,
    /// Only placeholder strings such as `"<integer>"` were seen (what openapi-to-postman writes
    /// for a schema): a hint that the value is of this kind, not a value.
    Hint(Scalar),
    /// An array whose elements merge into one shape.
    Array(Box<Shape>),
    /// An object with its keys in first-seen order.
    Object(Vec<Field>),
    /// A value that was `null` in some samples and of the inner shape in others.
    Nullable(Box<Shape>),
}

/// The kinds of value a placeholder string can stand for (other placeholders are strings).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scalar {
    Bool,
    Integer,
    Float,
}

impl Scalar {
    /// The shape of a value of this kind.
    pub fn shape(self) -> Shape {
        match self {
            Scalar::Bool => Shape::Bool,
            Scalar::Integer => Shape::Integer,
            Scalar::Float => Shape::Float,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The JSON key, exactly as in the samples.
    pub key: String,
    pub shape: Shape,
    /// Present in every sample of the enclosing object.
    pub always_present: bool,
}
