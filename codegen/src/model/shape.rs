//! Type shapes inferred from JSON samples (data only; inference lives in `infer`).

/// What the samples of one JSON value show about its type.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// Nothing certain: mixed types, empty arrays, or no sample at all.
    Any,
    /// Only `null` was seen.
    Null,
    Bool,
    Integer,
    Float,
    String,
    /// An array whose elements merge into one shape.
    Array(Box<Shape>),
    /// An object with its keys in first-seen order.
    Object(Vec<Field>),
    /// A value that was `null` in some samples and of the inner shape in others.
    Nullable(Box<Shape>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The JSON key, exactly as in the samples.
    pub key: String,
    pub shape: Shape,
    /// Present in every sample of the enclosing object.
    pub always_present: bool,
}
