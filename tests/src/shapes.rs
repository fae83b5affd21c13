//! Dynamic variables compared by shape: newman and the generated client each generate their own
//! `{{$guid}}`, so the conformance test replaces every value that has the shape of a dynamic
//! variable the request uses (a UUID, a timestamp near now, an integer up to 1000) by a
//! marker with the variable's name on both sides before comparing. Requests using a dynamic
//! variable that has no such shape (`{{$randomFirstName}}`) are left out instead
//! ([`unshaped`]).

use std::collections::BTreeSet;
use std::time::{SystemTime, UNIX_EPOCH};

/// The dynamic variables whose values [`mask`] recognizes.
pub const SHAPED: &[&str] = &[
    "$guid",
    "$randomUUID",
    "$timestamp",
    "$isoTimestamp",
    "$randomInt",
];

/// How far from the test's clock a generated timestamp may be, in seconds.
const NEAR: u64 = 3600;

/// The dynamic variables (`$name`) that `text` references as `{{$name}}`.
pub fn names_in(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{$") {
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) if !after[..end].contains(['{', '}']) => {
                names.insert(after[..end].to_owned());
                rest = &after[end..];
            }
            _ => rest = &rest[start + 3..],
        }
    }
    names
}

/// The first dynamic variable of `names` whose values have no shape [`mask`] knows, if any.
pub fn unshaped(names: &BTreeSet<String>) -> Option<&str> {
    names
        .iter()
        .map(String::as_str)
        .find(|name| !SHAPED.contains(name))
}

/// `text` with each value that has the shape of one of the dynamic variables `names` replaced
/// by `<dynamic $name>`: UUIDs (`$guid`, `$randomUUID`, as `<dynamic $guid>`), Unix timestamps
/// and ISO timestamps within an hour of `now`, and integers from 0 to 1000 (`$randomInt`). A
/// reference sent as written (`{{$guid}}`) stays as it is, so it never equals a masked value.
pub fn mask(text: &str, names: &BTreeSet<String>, now: SystemTime) -> String {
    let uses = |name: &str| names.contains(name);
    let now = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let near = |seconds: u64| seconds.abs_diff(now) <= NEAR;
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut index = 0;
    while index < bytes.len() {
        let rest = &text[index..];
        let after_word = index == 0 || !bytes[index - 1].is_ascii_alphanumeric();
        // A UUID or an ISO time is masked whole or copied whole, never in pieces.
        if after_word && is_uuid(rest) {
            let masked = uses("$guid") || uses("$randomUUID");
            out.push_str(if masked {
                "<dynamic $guid>"
            } else {
                &rest[..36]
            });
            index += 36;
            continue;
        }
        if after_word && let Some(seconds) = iso_seconds(rest) {
            let masked = uses("$isoTimestamp") && near(seconds);
            out.push_str(if masked {
                "<dynamic $isoTimestamp>"
            } else {
                &rest[..24]
            });
            index += 24;
            continue;
        }
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        // A number on its own: not part of a word or a decimal.
        let joins = |byte: u8| byte.is_ascii_alphanumeric() || byte == b'.';
        let starts = index == 0 || !joins(bytes[index - 1]);
        if starts && digits > 0 {
            let run = &rest[..digits];
            let value = run.parse::<u64>().ok();
            let whole = !bytes.get(index + digits).copied().is_some_and(joins);
            if whole && uses("$timestamp") && digits == 10 && value.is_some_and(near) {
                out.push_str("<dynamic $timestamp>");
            } else if whole && uses("$randomInt") && value.is_some_and(|v| v <= 1000) {
                out.push_str("<dynamic $randomInt>");
            } else {
                out.push_str(run);
            }
            index += digits;
            continue;
        }
        let width = rest.chars().next().map_or(1, char::len_utf8);
        out.push_str(&rest[..width]);
        index += width;
    }
    out
}

/// Whether `text` starts with a hyphenated UUID (lower- or upper-case hex).
fn is_uuid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 36
        && bytes[..36].iter().enumerate().all(|(index, byte)| {
            if matches!(index, 8 | 13 | 18 | 23) {
                *byte == b'-'
            } else {
                byte.is_ascii_hexdigit()
            }
        })
        && !bytes.get(36).is_some_and(u8::is_ascii_alphanumeric)
}

/// The Unix time of `YYYY-MM-DDTHH:MM:SS.mmmZ` at the start of `text`, if it starts so.
fn iso_seconds(text: &str) -> Option<u64> {
    let bytes = text.as_bytes().get(..24)?;
    let shape = b"dddd-dd-ddTdd:dd:dd.dddZ";
    let fits = bytes
        .iter()
        .zip(shape)
        .all(|(byte, expected)| match expected {
            b'd' => byte.is_ascii_digit(),
            other => byte == other,
        });
    if !fits {
        return None;
    }
    let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<u64>().ok();
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let days = days_from_civil(year, month, day)?;
    Some(days * 86_400 + number(11..13)? * 3600 + number(14..16)? * 60 + number(17..19)?)
}

/// Days from 1970-01-01 to a Gregorian date (Howard Hinnant's days-from-civil), from 1970 on.
fn days_from_civil(year: u64, month: u64, day: u64) -> Option<u64> {
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || year < 1970 {
        return None;
    }
    let year = if month <= 2 { year - 1 } else { year };
    let era = year / 400;
    let year_of_era = year % 400;
    let shifted_month = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    (era * 146_097 + day_of_era).checked_sub(719_468)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn names(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|name| (*name).to_owned()).collect()
    }

    /// 2026-12-07T04:04:29Z.
    fn now() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_796_616_269)
    }

    #[test]
    fn values_of_the_shapes_the_request_uses_are_masked() {
        let all = names(SHAPED);
        let text = "/x?a=835ca4ff-a425-49cd-a957-8ac92c658a3c&t=1796616269\
                    &i=2026-12-07T04:04:29.339Z&n=320&u=user-7&amount=1001&v=1.5";
        assert_eq!(
            mask(text, &all, now()),
            "/x?a=<dynamic $guid>&t=<dynamic $timestamp>&i=<dynamic $isoTimestamp>\
             &n=<dynamic $randomInt>&u=user-<dynamic $randomInt>&amount=1001&v=1.5"
        );
    }

    #[test]
    fn nothing_is_masked_for_variables_the_request_does_not_use() {
        let text = "id 835ca4ff-a425-49cd-a957-8ac92c658a3c at 1796616269, 42 items";
        assert_eq!(mask(text, &names(&[]), now()), text);
        assert_eq!(
            mask(text, &names(&["$guid"]), now()),
            "id <dynamic $guid> at 1796616269, 42 items"
        );
    }

    #[test]
    fn values_near_the_shape_but_not_of_it_stay() {
        let all = names(SHAPED);
        let cases = [
            // A timestamp a day away, an ISO time a year away, a UUID cut short or run on.
            "1796529869",
            "2025-12-07T04:04:29.339Z",
            "835ca4ff-a425-49cd-a957-8ac92c658a3",
            "835ca4ff-a425-49cd-a957-8ac92c658a3cx",
            "v2", // digits inside a word
            "3.5",
        ];
        for text in cases {
            assert_eq!(mask(text, &all, now()), text, "{text}");
        }
    }

    #[test]
    fn a_reference_sent_as_written_never_equals_a_generated_value() {
        let all = names(SHAPED);
        let generated = mask("835ca4ff-a425-49cd-a957-8ac92c658a3c 7", &all, now());
        assert_ne!(mask("{{$guid}} {{$randomInt}}", &all, now()), generated);
    }

    #[test]
    fn dynamic_names_are_found_and_the_unshaped_reported() {
        let found = names_in(
            r#"{"a": "{{$guid}}", "b": {{$randomInt}}, "c": "{{x}}{{$randomFirstName}}"}"#,
        );
        assert_eq!(found, names(&["$guid", "$randomFirstName", "$randomInt"]));
        assert_eq!(unshaped(&found), Some("$randomFirstName"));
        assert_eq!(unshaped(&names(&["$guid"])), None);
    }
}
