//! What a request's saved examples show: more samples of its request body, and its responses
//! by status code (data only; lowering lives in `lower::responses`).

use serde_json::Value;

use super::shape::Shape;

/// The saved examples (`response[]`) of one request item.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Examples {
    /// The JSON bodies of the examples' original requests, in the collection's order; they
    /// are samples of the request body too.
    pub request_bodies: Vec<Value>,
    /// The documented responses, one entry per status code, ascending.
    pub responses: Vec<StatusExamples>,
}

/// The examples of one status code.
#[derive(Clone, Debug, PartialEq)]
pub struct StatusExamples {
    pub code: u16,
    /// The examples' names, in the collection's order.
    pub names: Vec<String>,
    /// Their JSON bodies; bodies that are empty, not JSON or cut short are left out.
    pub samples: Vec<Value>,
    /// The merged shape of `samples`; `None` when there are none (then the status has no
    /// body type).
    pub shape: Option<Shape>,
}

impl Examples {
    /// Whether the examples document any response with a JSON body.
    pub fn has_typed_responses(&self) -> bool {
        self.responses.iter().any(|status| status.shape.is_some())
    }
}

/// Whether `code` is a success (2xx).
pub fn is_success(code: u16) -> bool {
    (200..300).contains(&code)
}

/// The IANA reason phrases, by code.
const REASONS: &[(u16, &str)] = &[
    (100, "Continue"),
    (101, "Switching Protocols"),
    (102, "Processing"),
    (103, "Early Hints"),
    (200, "OK"),
    (201, "Created"),
    (202, "Accepted"),
    (203, "Non-Authoritative Information"),
    (204, "No Content"),
    (205, "Reset Content"),
    (206, "Partial Content"),
    (207, "Multi-Status"),
    (208, "Already Reported"),
    (226, "IM Used"),
    (300, "Multiple Choices"),
    (301, "Moved Permanently"),
    (302, "Found"),
    (303, "See Other"),
    (304, "Not Modified"),
    (305, "Use Proxy"),
    (307, "Temporary Redirect"),
    (308, "Permanent Redirect"),
    (400, "Bad Request"),
    (401, "Unauthorized"),
    (402, "Payment Required"),
    (403, "Forbidden"),
    (404, "Not Found"),
    (405, "Method Not Allowed"),
    (406, "Not Acceptable"),
    (407, "Proxy Authentication Required"),
    (408, "Request Timeout"),
    (409, "Conflict"),
    (410, "Gone"),
    (411, "Length Required"),
    (412, "Precondition Failed"),
    (413, "Content Too Large"),
    (414, "URI Too Long"),
    (415, "Unsupported Media Type"),
    (416, "Range Not Satisfiable"),
    (417, "Expectation Failed"),
    (418, "I'm a teapot"),
    (421, "Misdirected Request"),
    (422, "Unprocessable Entity"),
    (423, "Locked"),
    (424, "Failed Dependency"),
    (425, "Too Early"),
    (426, "Upgrade Required"),
    (428, "Precondition Required"),
    (429, "Too Many Requests"),
    (431, "Request Header Fields Too Large"),
    (451, "Unavailable For Legal Reasons"),
    (500, "Internal Server Error"),
    (501, "Not Implemented"),
    (502, "Bad Gateway"),
    (503, "Service Unavailable"),
    (504, "Gateway Timeout"),
    (505, "HTTP Version Not Supported"),
    (506, "Variant Also Negotiates"),
    (507, "Insufficient Storage"),
    (508, "Loop Detected"),
    (510, "Not Extended"),
    (511, "Network Authentication Required"),
];

/// The reason phrase of a status code (`404` → `Not Found`), when it is a registered one.
pub fn reason_phrase(code: u16) -> Option<&'static str> {
    REASONS
        .iter()
        .find(|(known, _)| *known == code)
        .map(|(_, reason)| *reason)
}

/// The status code of a reason phrase, compared without case or spacing (`"Not found"`,
/// `"OK"`); for examples that give their `status` but not their `code`.
pub fn code_of_reason(reason: &str) -> Option<u16> {
    let simple = |text: &str| -> String {
        text.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let wanted = simple(reason);
    if wanted.is_empty() {
        return None;
    }
    REASONS
        .iter()
        .find(|(_, known)| simple(known) == wanted)
        .map(|(code, _)| *code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reason_phrases_and_codes_map_both_ways() {
        assert_eq!(reason_phrase(404), Some("Not Found"));
        assert_eq!(reason_phrase(299), None);
        assert_eq!(code_of_reason("Not found"), Some(404));
        assert_eq!(code_of_reason("OK"), Some(200));
        assert_eq!(code_of_reason("  "), None);
        assert_eq!(code_of_reason("Fine"), None);
    }
}
