//! Names for a request's documented responses: a body type per status with JSON examples
//! (`{Request}{Reason}`, such as `GetRepoNotFound`), and what the client's result is.
//!
//! The success type is the body type of the one documented 2xx status, or an enum
//! `{Request}Success` when several 2xx statuses are documented; the error body type is an enum
//! `{Request}Failure` with a variant per documented error status and `Other` for the rest.
//! Without typed statuses both are the body decoded by its content type.

use crate::model::Examples;
use crate::model::response::{is_success, reason_phrase};

use super::ident::{self, Scope};
use super::types::{self, TypeDef, TypePath, TypeRef, Use};

/// The names of one request's responses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResponseNames {
    /// The statuses with a body type, ascending by code.
    pub statuses: Vec<StatusNames>,
    /// What a success response (2xx) decodes to.
    pub success: Outcome,
    /// What an error response decodes to.
    pub failure: Outcome,
}

/// A status with JSON examples.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusNames {
    pub code: u16,
    /// The enum variant for it (`NotFound`; `Status299` without a registered reason).
    pub variant: String,
    /// The type of its body and the structs it needs.
    pub ty: TypeRef,
    pub defs: Vec<TypeDef>,
}

/// The type a response decodes to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Outcome {
    /// The body decoded by its content type (`ResponseBody`).
    #[default]
    Untyped,
    /// The body type of the status at this index of `statuses`.
    Single(usize),
    /// An enum with a variant per status, and `Other`.
    Enum(Box<EnumNames>),
}

/// An enum over statuses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnumNames {
    pub name: String,
    /// The indices in `statuses` of its variants.
    pub variants: Vec<usize>,
    /// The identical enum this one is an alias of, by its path from this module (set by
    /// `share`).
    pub alias_of: Option<TypePath>,
}

/// Names the responses of the request whose type is `type_name`, claiming in `scope`.
pub fn name_responses(examples: &Examples, type_name: &str, scope: &mut Scope) -> ResponseNames {
    let typed: Vec<_> = examples
        .responses
        .iter()
        .filter_map(|status| Some((status.code, status.shape.as_ref()?)))
        .collect();
    let indices = |success: bool| -> Vec<usize> {
        (0..typed.len())
            .filter(|&i| {
                typed
                    .get(i)
                    .is_some_and(|(code, _)| is_success(*code) == success)
            })
            .collect()
    };
    let (successes, failures) = (indices(true), indices(false));
    let documented_successes = examples
        .responses
        .iter()
        .filter(|status| is_success(status.code))
        .count();

    let success = match successes.as_slice() {
        [] => Outcome::Untyped,
        [only] if documented_successes == 1 => Outcome::Single(*only),
        _ => Outcome::Enum(Box::new(EnumNames {
            name: scope.claim(format!("{type_name}Success")),
            variants: successes,
            alias_of: None,
        })),
    };
    let failure = if failures.is_empty() {
        Outcome::Untyped
    } else {
        Outcome::Enum(Box::new(EnumNames {
            name: scope.claim(format!("{type_name}Failure")),
            variants: failures,
            alias_of: None,
        }))
    };
    let statuses = typed
        .into_iter()
        .map(|(code, shape)| {
            let variant = variant(code);
            let (ty, defs) = types::name_shape(
                shape,
                &format!("{type_name}{variant}"),
                Use::Response,
                scope,
            );
            StatusNames {
                code,
                variant,
                ty,
                defs,
            }
        })
        .collect();
    ResponseNames {
        statuses,
        success,
        failure,
    }
}

/// The variant of a status: its reason phrase in `UpperCamelCase`, or `Status{code}`.
pub fn variant(code: u16) -> String {
    match reason_phrase(code) {
        Some(reason) => ident::camel(reason),
        None => ident::camel(&format!("Status {code}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::infer::shape_of;
    use crate::model::response::StatusExamples;
    use serde_json::{Value, json};

    /// Names for examples given as `{"code": .., "body": "JSON text or not"}`.
    fn names(examples: Value) -> ResponseNames {
        let mut responses: Vec<StatusExamples> = Vec::new();
        for example in examples.as_array().into_iter().flatten() {
            let code = example["code"]
                .as_u64()
                .and_then(|code| u16::try_from(code).ok())
                .unwrap_or(0);
            let sample: Option<Value> = example["body"]
                .as_str()
                .and_then(|body| serde_json::from_str(body).ok());
            let index = match responses.iter().position(|status| status.code == code) {
                Some(index) => index,
                None => {
                    responses.push(StatusExamples {
                        code,
                        names: Vec::new(),
                        samples: Vec::new(),
                        shape: None,
                    });
                    responses.len() - 1
                }
            };
            let status = &mut responses[index];
            if let Some(sample) = sample {
                let shape = shape_of(&sample);
                status.shape = Some(match status.shape.take() {
                    Some(known) => crate::infer::merge(known, shape),
                    None => shape,
                });
                status.samples.push(sample);
            }
        }
        responses.sort_by_key(|status| status.code);
        let examples = Examples {
            request_bodies: Vec::new(),
            responses,
        };
        name_responses(&examples, "GetRepo", &mut Scope::default())
    }

    #[test]
    fn one_documented_success_is_the_success_type() {
        let names = names(json!([
            {"code": 200, "body": "{\"id\": 1}"},
            {"code": 200, "body": "{\"id\": 2}"},
        ]));
        assert_eq!(names.success, Outcome::Single(0));
        assert_eq!(names.failure, Outcome::Untyped);
        assert_eq!(names.statuses[0].ty, TypeRef::Named("GetRepoOk".into()));
    }

    #[test]
    fn documented_errors_are_variants_of_the_failure_enum() {
        let names = names(json!([
            {"code": 404, "body": "{\"message\": \"x\"}"},
            {"code": 200, "body": "[1]"},
            {"code": 422, "body": "{\"errors\": []}"},
            {"code": 500, "body": ""},
        ]));
        let variants: Vec<_> = names
            .statuses
            .iter()
            .map(|s| (s.code, s.variant.as_str()))
            .collect();
        assert_eq!(
            variants,
            [(200, "Ok"), (404, "NotFound"), (422, "UnprocessableEntity")]
        );
        assert_eq!(names.success, Outcome::Single(0));
        assert_eq!(
            names.statuses[0].ty,
            TypeRef::Vec(Box::new(TypeRef::Integer))
        );
        assert_eq!(
            names.failure,
            Outcome::Enum(Box::new(EnumNames {
                name: "GetRepoFailure".into(),
                variants: vec![1, 2],
                alias_of: None,
            }))
        );
    }

    #[test]
    fn several_documented_successes_make_an_enum() {
        let names = names(json!([
            {"code": 200, "body": "{\"id\": 1}"},
            {"code": 204, "body": ""},
        ]));
        assert_eq!(
            names.success,
            Outcome::Enum(Box::new(EnumNames {
                name: "GetRepoSuccess".into(),
                variants: vec![0],
                alias_of: None,
            }))
        );
    }

    #[test]
    fn statuses_without_json_bodies_leave_the_result_untyped() {
        let names = names(json!([{"code": 204, "body": ""}, {"code": 404, "body": "Not Found"}]));
        assert_eq!(names, ResponseNames::default());
    }

    #[test]
    fn unregistered_statuses_are_named_by_code() {
        assert_eq!(variant(299), "Status299");
        assert_eq!(variant(418), "ImATeapot");
    }
}
