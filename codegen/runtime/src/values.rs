//! The values of Postman's dynamic variables that need no list of words: UUIDs, times, numbers,
//! network addresses and the like, drawn from a [`fastrand::Rng`] in the forms Postman writes
//! them.

use std::fmt::Write as _;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Every name [`generate`] knows, without `$`.
pub(crate) const NAMES: &[&str] = &[
    "guid",
    "randomUUID",
    "timestamp",
    "isoTimestamp",
    "randomInt",
    "randomBoolean",
    "randomAlphaNumeric",
    "randomPassword",
    "randomHexColor",
    "randomIP",
    "randomIPV6",
    "randomMACAddress",
    "randomProtocol",
    "randomLatitude",
    "randomLongitude",
    "randomPrice",
    "randomBankAccount",
    "randomPhoneNumber",
    "randomPhoneNumberExt",
    "randomSemver",
    "randomMonth",
    "randomWeekday",
    "randomDatePast",
    "randomDateFuture",
    "randomDateRecent",
];

const ALPHANUMERIC: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A value of the dynamic variable `name` (without `$`) in the form Postman gives it.
pub(crate) fn generate(name: &str, rng: &mut fastrand::Rng, now: SystemTime) -> Option<String> {
    let since_epoch = now.duration_since(UNIX_EPOCH).unwrap_or(Duration::ZERO);
    let value = match name {
        "guid" | "randomUUID" => uuid_v4(rng),
        // Seconds, rounded as Postman rounds `Date.now() / 1000`.
        "timestamp" => ((since_epoch.as_millis() + 500) / 1000).to_string(),
        "isoTimestamp" => iso_timestamp(since_epoch),
        "randomInt" => rng.u32(0..=1000).to_string(),
        "randomBoolean" => rng.bool().to_string(),
        "randomAlphaNumeric" => pick_chars(rng, ALPHANUMERIC, 1),
        "randomPassword" => pick_chars(rng, ALPHANUMERIC, 15),
        "randomHexColor" => format!("#{:06x}", rng.u32(..0x0100_0000)),
        "randomIP" => {
            let [a, b, c, d] = rng.u32(..).to_be_bytes();
            format!("{a}.{b}.{c}.{d}")
        }
        "randomIPV6" => join((0..8).map(|_| format!("{:x}", rng.u16(..))), ":"),
        "randomMACAddress" => join((0..6).map(|_| format!("{:02x}", rng.u8(..))), ":"),
        "randomProtocol" => (if rng.bool() { "https" } else { "http" }).to_owned(),
        "randomLatitude" => decimal(rng.i64(-900_000..=900_000), 4),
        "randomLongitude" => decimal(rng.i64(-1_800_000..=1_800_000), 4),
        "randomPrice" => decimal(rng.i64(0..=100_000), 2),
        "randomBankAccount" => digits(rng, 8),
        "randomPhoneNumber" => phone_number(rng),
        "randomPhoneNumberExt" => format!("{}-{}", rng.u8(1..=99), phone_number(rng)),
        "randomSemver" => format!("{}.{}.{}", rng.u8(..10), rng.u8(..10), rng.u8(..10)),
        "randomMonth" => pick(rng, MONTHS).to_owned(),
        "randomWeekday" => pick(rng, WEEKDAYS).to_owned(),
        // A moment in the year before or after now, or the day before, as JavaScript's
        // `Date.prototype.toString` writes it in UTC.
        "randomDatePast" => js_date(since_epoch.saturating_sub(within(rng, 365))),
        "randomDateFuture" => js_date(since_epoch.saturating_add(within(rng, 365))),
        "randomDateRecent" => js_date(since_epoch.saturating_sub(within(rng, 1))),
        _ => return None,
    };
    Some(value)
}

/// A random (version 4, RFC 9562 variant) UUID, lower-case and hyphenated.
fn uuid_v4(rng: &mut fastrand::Rng) -> String {
    let mut bytes = rng.u128(..).to_be_bytes();
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut out = String::with_capacity(36);
    for (index, byte) in bytes.iter().enumerate() {
        if matches!(index, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// `2026-12-07T04:05:06.789Z`: the time in UTC with milliseconds, as JavaScript's
/// `toISOString` writes it.
fn iso_timestamp(since_epoch: Duration) -> String {
    let seconds = since_epoch.as_secs();
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    let (year, month, day) = civil_date(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60,
        since_epoch.subsec_millis()
    )
}

/// A random duration of up to `days` days, in whole milliseconds.
fn within(rng: &mut fastrand::Rng, days: u64) -> Duration {
    Duration::from_millis(rng.u64(..=days * 86_400_000))
}

/// `Mon Dec 07 2026 04:05:06 GMT+0000 (Coordinated Universal Time)`.
fn js_date(since_epoch: Duration) -> String {
    let seconds = since_epoch.as_secs();
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    let (year, month, day) = civil_date(days);
    // 1970-01-01 was a Thursday.
    let weekday = WEEKDAYS[usize::try_from((days + 3) % 7).unwrap_or_default()];
    let month = MONTHS[usize::try_from(month - 1).unwrap_or_default()];
    format!(
        "{} {} {day:02} {year} {:02}:{:02}:{:02} GMT+0000 (Coordinated Universal Time)",
        &weekday[..3],
        &month[..3],
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's days-to-civil); also
/// AWS Signature v4's dates.
pub(crate) fn civil_date(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

fn pick<'a>(rng: &mut fastrand::Rng, items: &[&'a str]) -> &'a str {
    items
        .get(rng.usize(..items.len()))
        .copied()
        .unwrap_or_default()
}

fn pick_chars(rng: &mut fastrand::Rng, alphabet: &[u8], count: usize) -> String {
    (0..count)
        .map(|_| char::from(alphabet[rng.usize(..alphabet.len())]))
        .collect()
}

fn digits(rng: &mut fastrand::Rng, count: usize) -> String {
    (0..count).map(|_| rng.digit(10)).collect()
}

/// `###-###-####`, the first digit not 0 or 1 (as a North American number).
fn phone_number(rng: &mut fastrand::Rng) -> String {
    format!(
        "{}{}-{}-{}",
        rng.u8(2..=9),
        digits(rng, 2),
        digits(rng, 3),
        digits(rng, 4)
    )
}

/// `units` divided by 10^`places`, written with exactly `places` decimals.
fn decimal(units: i64, places: u32) -> String {
    let scale = 10_i64.pow(places);
    let sign = if units < 0 { "-" } else { "" };
    let (whole, fraction) = (units.abs() / scale, units.abs() % scale);
    format!("{sign}{whole}.{fraction:0width$}", width = places as usize)
}

fn join(items: impl Iterator<Item = String>, separator: &str) -> String {
    items.collect::<Vec<_>>().join(separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_uuid_v4(text: &str) -> bool {
        let groups: Vec<&str> = text.split('-').collect();
        groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
            && text
                .bytes()
                .all(|b| b == b'-' || b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            && text.as_bytes()[14] == b'4'
            && matches!(text.as_bytes()[19], b'8' | b'9' | b'a' | b'b')
    }

    #[test]
    fn every_listed_name_generates_a_value_of_its_form() {
        let rng = &mut fastrand::Rng::with_seed(3);
        for name in NAMES {
            for _ in 0..50 {
                let value = generate(name, rng, UNIX_EPOCH).unwrap_or_default();
                let ok = match *name {
                    "guid" | "randomUUID" => is_uuid_v4(&value),
                    "timestamp" => value == "0",
                    "isoTimestamp" => value == "1970-01-01T00:00:00.000Z",
                    "randomInt" => value.parse::<u32>().is_ok_and(|n| n <= 1000),
                    "randomBoolean" => value == "true" || value == "false",
                    "randomAlphaNumeric" => value.len() == 1,
                    "randomPassword" => value.len() == 15,
                    "randomHexColor" => value.len() == 7 && value.starts_with('#'),
                    "randomIP" => value.parse::<std::net::Ipv4Addr>().is_ok(),
                    "randomIPV6" => value.parse::<std::net::Ipv6Addr>().is_ok(),
                    "randomMACAddress" => value.len() == 17,
                    "randomProtocol" => value == "http" || value == "https",
                    "randomLatitude" => value.parse::<f64>().is_ok_and(|v| v.abs() <= 90.0),
                    "randomLongitude" => value.parse::<f64>().is_ok_and(|v| v.abs() <= 180.0),
                    "randomPrice" => value
                        .parse::<f64>()
                        .is_ok_and(|v| (0.0..=1000.0).contains(&v)),
                    "randomBankAccount" => value.len() == 8,
                    "randomPhoneNumber" => value.len() == 12,
                    "randomPhoneNumberExt" => value.split_once('-').is_some(),
                    "randomSemver" => value.split('.').count() == 3,
                    "randomMonth" => MONTHS.contains(&value.as_str()),
                    "randomWeekday" => WEEKDAYS.contains(&value.as_str()),
                    "randomDatePast" | "randomDateFuture" | "randomDateRecent" => {
                        value.ends_with(" GMT+0000 (Coordinated Universal Time)")
                    }
                    _ => false,
                };
                assert!(ok, "${name}: {value:?}");
            }
        }
        assert_eq!(generate("notDynamic", rng, UNIX_EPOCH), None);
    }

    #[test]
    fn javascript_dates_are_written_as_javascript_writes_them() {
        let date = js_date(Duration::from_secs(1_796_616_269));
        assert_eq!(
            date,
            "Mon Dec 07 2026 04:04:29 GMT+0000 (Coordinated Universal Time)"
        );
        let at = UNIX_EPOCH + Duration::from_secs(86_400 * 400);
        let past = generate("randomDateRecent", &mut fastrand::Rng::with_seed(1), at);
        let past = past.unwrap_or_default();
        assert!(past.starts_with("Thu Feb 04 1971"), "{past}");
    }

    #[test]
    fn iso_dates_are_the_calendars() {
        let cases = [
            (0, "1970-01-01T00:00:00.000Z"),
            (951_782_400, "2000-02-29T00:00:00.000Z"),
            (4_107_542_399, "2100-02-28T23:59:59.000Z"),
        ];
        for (seconds, expected) in cases {
            assert_eq!(iso_timestamp(Duration::from_secs(seconds)), expected);
        }
    }
}
