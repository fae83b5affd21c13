//! Percent-encoding as Postman applies it to each part of a URL, and the one exception: a
//! path parameter is always exactly one segment.

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS, NON_ALPHANUMERIC};

/// Encoded in a path parameter: everything but RFC 3986 `pchar`, so that a value is always
/// exactly one segment (`auth0|123` becomes `auth0%7C123`).
pub const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@');

/// Encoded in the rest of a path, as Postman encodes it.
pub const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'#')
    .add(b'?')
    .add(b'{')
    .add(b'}');

/// Encoded in a query name, as Postman encodes it.
pub const QUERY_KEY: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'\'')
    .add(b'<')
    .add(b'>')
    .add(b'&')
    .add(b'=');

/// Encoded in a query value, as Postman encodes it.
pub const QUERY_VALUE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'\'')
    .add(b'<')
    .add(b'>')
    .add(b'&');

/// Encoded in urlencoded form fields: everything but RFC 3986's unreserved characters, as
/// Postman encodes a urlencoded body (`querystring.stringify`, then `!'()*`).
pub const FORM: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// A path parameter's value, encoded to stay one segment: `.` and `..`, which a server would
/// read as "this" and "the parent" segment, are encoded too (`%2E`, as RFC 3986 allows).
pub fn segment(value: &str) -> String {
    if value == "." || value == ".." {
        return value.replace('.', "%2E");
    }
    utf8_percent_encode(value, SEGMENT).to_string()
}

/// A path from its literal `pieces` and the path parameter `values` between them, each value
/// encoded as one segment: `path(&["/users/", "/keys"], &["a/b"])` is `/users/a%2Fb/keys`.
pub fn path(pieces: &[&str], values: &[&str]) -> String {
    let mut path = String::new();
    let mut values = values.iter();
    for piece in pieces {
        path.push_str(piece);
        if let Some(value) = values.next() {
            path.push_str(&segment(value));
        }
    }
    for value in values {
        path.push_str(&segment(value));
    }
    path
}

/// `text` percent-encoded with `set`; `%XX` already in it is kept as it is.
pub fn encode(text: &str, set: &'static AsciiSet) -> String {
    utf8_percent_encode(text, set).to_string()
}

/// A resolved origin without its trailing `/`; without a scheme Postman uses `http`.
pub fn origin(origin: &str) -> String {
    let origin = origin.trim_end_matches('/');
    if origin.contains("://") {
        origin.to_owned()
    } else {
        format!("http://{origin}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_parameter_is_always_one_segment() {
        let cases = [
            ("auth0|5f7c", "auth0%7C5f7c"),
            ("a/b?c#d", "a%2Fb%3Fc%23d"),
            ("{{token}}", "%7B%7Btoken%7D%7D"),
            (".", "%2E"),
            ("..", "%2E%2E"),
            ("...", "..."),
            ("a.b", "a.b"),
            ("user@example.com", "user@example.com"),
            ("é", "%C3%A9"),
            ("50%", "50%25"),
        ];
        for (value, expected) in cases {
            assert_eq!(segment(value), expected, "{value}");
        }
    }

    #[test]
    fn paths_interleave_pieces_and_encoded_values() {
        assert_eq!(
            path(&["/users/", "/keys/", ""], &["a/b", "1"]),
            "/users/a%2Fb/keys/1"
        );
        assert_eq!(path(&["/static"], &[]), "/static");
        assert_eq!(path(&["/a/"], &["x", "y"]), "/a/xy");
    }

    #[test]
    fn origins_get_a_scheme_and_lose_their_trailing_slash() {
        assert_eq!(origin("example.com/"), "http://example.com");
        assert_eq!(origin("https://example.com"), "https://example.com");
    }

    #[test]
    fn the_rest_of_the_url_is_encoded_as_postman_encodes_it() {
        assert_eq!(encode("/a b/{x}", PATH), "/a%20b/%7Bx%7D");
        assert_eq!(encode("a=b&c", QUERY_KEY), "a%3Db%26c");
        assert_eq!(encode("a=b&c", QUERY_VALUE), "a=b%26c");
        assert_eq!(encode("a b+c", FORM), "a%20b%2Bc");
        assert_eq!(encode("it's (new)!*~", FORM), "it%27s%20%28new%29%21%2A~");
    }
}
