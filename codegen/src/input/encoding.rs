//! The text of an input file from its bytes: UTF-8 (with or without a byte order mark), or
//! UTF-16 (as Windows tools such as PowerShell's `>` write it), decoded; UTF-32 is refused by
//! name. JSON starts with two ASCII characters, so the encoding shows in the first four bytes
//! even without a byte order mark (RFC 4627, section 3).

/// Why the bytes are not text this reader takes: what to tell the person, and the line and
/// column (1-based, in characters) of the first byte that is not.
#[derive(Debug, PartialEq, Eq)]
pub struct Undecodable {
    pub message: String,
    pub line_column: (usize, usize),
}

/// The encodings told apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Utf16 { big_endian: bool },
    Utf32 { big_endian: bool },
}

/// The text of `bytes`, without a byte order mark.
pub fn decode(bytes: &[u8]) -> Result<String, Undecodable> {
    let (encoding, bom) = detect(bytes);
    let body = bytes.get(bom..).unwrap_or_default();
    match encoding {
        Encoding::Utf8 => String::from_utf8(body.to_vec()).map_err(|err| {
            let valid = body
                .get(..err.utf8_error().valid_up_to())
                .unwrap_or_default();
            Undecodable {
                message: "the file is not valid UTF-8".to_owned(),
                line_column: end_of(&String::from_utf8_lossy(valid)),
            }
        }),
        Encoding::Utf16 { big_endian } => utf16(body, big_endian),
        Encoding::Utf32 { big_endian } => Err(Undecodable {
            message: format!(
                "the file is UTF-32 ({}); save it as UTF-8",
                endianness(big_endian)
            ),
            line_column: (1, 1),
        }),
    }
}

/// The encoding and the length of its byte order mark (0 without one).
fn detect(bytes: &[u8]) -> (Encoding, usize) {
    match bytes {
        [0xEF, 0xBB, 0xBF, ..] => (Encoding::Utf8, 3),
        [0xFF, 0xFE, 0, 0, ..] => (Encoding::Utf32 { big_endian: false }, 4),
        [0, 0, 0xFE, 0xFF, ..] => (Encoding::Utf32 { big_endian: true }, 4),
        [0xFF, 0xFE, ..] => (Encoding::Utf16 { big_endian: false }, 2),
        [0xFE, 0xFF, ..] => (Encoding::Utf16 { big_endian: true }, 2),
        // Without a mark, the zero bytes around the first ASCII characters tell.
        [0, 0, 0, a, ..] if *a != 0 => (Encoding::Utf32 { big_endian: true }, 0),
        [a, 0, 0, 0, ..] if *a != 0 => (Encoding::Utf32 { big_endian: false }, 0),
        [0, a, 0, b, ..] if *a != 0 && *b != 0 => (Encoding::Utf16 { big_endian: true }, 0),
        [a, 0, b, 0, ..] if *a != 0 && *b != 0 => (Encoding::Utf16 { big_endian: false }, 0),
        _ => (Encoding::Utf8, 0),
    }
}

fn utf16(body: &[u8], big_endian: bool) -> Result<String, Undecodable> {
    let pairs = body.chunks_exact(2);
    let odd = !pairs.remainder().is_empty();
    let units = pairs.map(|pair| match (pair, big_endian) {
        (&[high, low], true) | (&[low, high], false) => u16::from_be_bytes([high, low]),
        _ => 0, // `chunks_exact(2)` gives pairs only
    });
    let mut text = String::with_capacity(body.len() / 2);
    for decoded in char::decode_utf16(units) {
        match decoded {
            Ok(c) => text.push(c),
            Err(_) => return Err(bad_utf16(&text, big_endian, "it has an unpaired surrogate")),
        }
    }
    if odd {
        return Err(bad_utf16(&text, big_endian, "it ends in half a character"));
    }
    Ok(text)
}

fn bad_utf16(decoded: &str, big_endian: bool, why: &str) -> Undecodable {
    Undecodable {
        message: format!(
            "the file is UTF-16 ({}) but not valid UTF-16: {why}; save it as UTF-8",
            endianness(big_endian)
        ),
        line_column: end_of(decoded),
    }
}

fn endianness(big_endian: bool) -> &'static str {
    if big_endian {
        "big-endian"
    } else {
        "little-endian"
    }
}

/// Line and column just after `text`.
fn end_of(text: &str) -> (usize, usize) {
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    const JSON: &str = "{\"item\": [], \"info\": {\"name\": \"h\u{e9}llo \u{1F980}\"}}";

    fn utf16_bytes(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut bytes = Vec::new();
        let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
        for unit in units {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend(pair);
        }
        bytes
    }

    #[test]
    fn utf8_is_read_with_or_without_a_byte_order_mark() {
        assert_eq!(decode(JSON.as_bytes()).as_deref(), Ok(JSON));
        let marked = [b"\xEF\xBB\xBF".as_slice(), JSON.as_bytes()].concat();
        assert_eq!(decode(&marked).as_deref(), Ok(JSON));
    }

    #[test]
    fn utf16_is_decoded_in_either_byte_order_with_or_without_a_mark() {
        for big_endian in [false, true] {
            for bom in [true, false] {
                let bytes = utf16_bytes(JSON, big_endian, bom);
                assert_eq!(decode(&bytes).as_deref(), Ok(JSON), "{big_endian} {bom}");
            }
        }
    }

    #[test]
    fn broken_utf16_is_refused_with_its_place() {
        let mut bytes = utf16_bytes("{\n \"a\": \"x", false, true);
        bytes.extend([0x00, 0xD8, b'y', 0]); // a high surrogate, then `y`
        let err = decode(&bytes).err();
        assert_eq!(
            err.as_ref().map(|e| e.message.as_str()),
            Some(
                "the file is UTF-16 (little-endian) but not valid UTF-16: it has an unpaired \
                 surrogate; save it as UTF-8"
            )
        );
        assert_eq!(err.map(|e| e.line_column), Some((2, 9)));
        let mut odd = utf16_bytes("{}", true, true);
        odd.push(b' ');
        let message = decode(&odd).err().map(|e| e.message).unwrap_or_default();
        assert!(message.contains("ends in half a character"), "{message}");
    }

    #[test]
    fn utf32_is_refused_by_name() {
        for (bytes, order) in [
            (b"\xFF\xFE\0\0{\0\0\0".as_slice(), "little-endian"),
            (b"\0\0\xFE\xFF\0\0\0{".as_slice(), "big-endian"),
            (b"{\0\0\0}\0\0\0".as_slice(), "little-endian"),
            (b"\0\0\0{\0\0\0}".as_slice(), "big-endian"),
        ] {
            let message = decode(bytes).err().map(|e| e.message).unwrap_or_default();
            assert_eq!(
                message,
                format!("the file is UTF-32 ({order}); save it as UTF-8")
            );
        }
    }

    #[test]
    fn other_bytes_are_refused_where_they_stop_being_utf8() {
        let err = decode(b"{\n  \"a\": \"caf\xE9\"}").err();
        assert_eq!(
            err.as_ref().map(|e| e.message.as_str()),
            Some("the file is not valid UTF-8")
        );
        assert_eq!(err.map(|e| e.line_column), Some((2, 12)));
    }
}
