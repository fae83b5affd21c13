//! Postman's dynamic variables: `{{$guid}}`, `{{$timestamp}}`, `{{$randomInt}}` and the other
//! `{{$name}}` references Postman fills in when it sends a request, generated here the same way.
//!
//! Where the collection itself defines a variable of that name, its value wins, as in Postman.
//! Every reference gets a value of its own, as newman gives it (two `{{$guid}}` in one request
//! are two UUIDs); a request is built once, so its retries send the same values. Nothing is
//! fetched: the values come from a pseudo-random generator and the clock, and
//! [`DynamicVariables::seeded`] with [`DynamicVariables::at`] makes them the same on every run.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::template::Variables;

/// Where the values of dynamic variables come from: random or seeded, and the system clock or a
/// fixed time. A client uses `DynamicVariables::default()` (random, system clock) unless given
/// another with [`Client::with_dynamic_variables`](super::Client::with_dynamic_variables).
#[derive(Clone, Debug, Default)]
pub struct DynamicVariables {
    /// The seed and how many requests have been built from it, when seeded.
    seeded: Option<(u64, Arc<AtomicU64>)>,
    /// The time `$timestamp` and `$isoTimestamp` give, instead of the clock's.
    now: Option<SystemTime>,
}

impl DynamicVariables {
    /// Values drawn from a generator seeded with `seed`: the n-th request a client builds gets
    /// the same values on every run (clones of the client share the count).
    pub fn seeded(seed: u64) -> Self {
        DynamicVariables {
            seeded: Some((seed, Arc::new(AtomicU64::new(0)))),
            now: None,
        }
    }

    /// With `$timestamp` and `$isoTimestamp` at `now` instead of the clock's time.
    #[must_use]
    pub fn at(mut self, now: SystemTime) -> Self {
        self.now = Some(now);
        self
    }

    /// The names this runtime generates, without their `$`.
    pub fn names() -> &'static [&'static str] {
        NAMES
    }

    /// The variables of one request: `variables`, and dynamic values where they have none.
    pub(crate) fn scope<'a, V: Variables + ?Sized>(&self, variables: &'a V) -> Scope<'a, V> {
        let seed = match &self.seeded {
            Some((seed, count)) => mix(seed ^ mix(count.fetch_add(1, Ordering::Relaxed))),
            None => fastrand::u64(..),
        };
        Scope {
            variables,
            seed: Cell::new(seed),
            now: self.now.unwrap_or_else(SystemTime::now),
        }
    }

    /// A value for the dynamic variable `name` (without its `$`), or `None` when Postman has
    /// no dynamic variable of that name, from this source's generator and clock.
    pub fn value(&self, name: &str) -> Option<String> {
        let scope = self.scope(&NoVariables);
        scope.generate(name)
    }
}

/// SplitMix64's finalizer: spreads a seed and a count over all bits.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

struct NoVariables;

impl Variables for NoVariables {
    fn lookup(&self, _: &str) -> Option<&str> {
        None
    }

    fn set(&mut self, _: &str, _: String) -> bool {
        false
    }
}

/// The variables one request is built with: the collection's, then the dynamic ones.
pub(crate) struct Scope<'a, V: ?Sized> {
    variables: &'a V,
    /// The generator's state, moved on by every value drawn.
    seed: Cell<u64>,
    now: SystemTime,
}

impl<V: Variables + ?Sized> Variables for Scope<'_, V> {
    fn lookup(&self, name: &str) -> Option<&str> {
        self.variables.lookup(name)
    }

    fn set(&mut self, _: &str, _: String) -> bool {
        false
    }

    fn names(&self) -> &'static [&'static str] {
        self.variables.names()
    }

    fn value(&self, name: &str) -> Option<Cow<'_, str>> {
        if let Some(value) = self.variables.value(name) {
            return Some(value);
        }
        self.generate(name.strip_prefix('$')?).map(Cow::Owned)
    }
}

impl<V: ?Sized> Scope<'_, V> {
    /// A fresh value for the dynamic variable `name` (without `$`).
    fn generate(&self, name: &str) -> Option<String> {
        let mut rng = fastrand::Rng::with_seed(self.seed.get());
        let value = generate(name, &mut rng, self.now);
        self.seed.set(rng.u64(..));
        value
    }
}

/// Every name [`generate`] knows, without `$`.
const NAMES: &[&str] = &[
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
fn generate(name: &str, rng: &mut fastrand::Rng, now: SystemTime) -> Option<String> {
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

/// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's days-to-civil).
fn civil_date(days: u64) -> (u64, u64, u64) {
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
    use crate::template::resolve;

    struct Declared;

    impl Variables for Declared {
        fn lookup(&self, name: &str) -> Option<&str> {
            (name == "$guid").then_some("the-collections-own")
        }

        fn set(&mut self, _: &str, _: String) -> bool {
            false
        }
    }

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
    fn every_reference_gets_a_value_of_its_own_shape() {
        let now = UNIX_EPOCH + Duration::from_millis(1_796_616_269_339);
        let dynamic = DynamicVariables::seeded(1).at(now);
        let variables = NoVariables;
        let scope = dynamic.scope(&variables);
        let text = resolve(
            "{{$guid}} {{$guid}} {{$randomUUID}} {{$timestamp}} {{$isoTimestamp}} {{$randomInt}}",
            &scope,
        )
        .unwrap_or_default();
        let words: Vec<&str> = text.split(' ').collect();
        assert_eq!(words.len(), 6, "{text}");
        assert!(words[..3].iter().all(|w| is_uuid_v4(w)), "{text}");
        assert_ne!(words[0], words[1], "two references, two values");
        assert_eq!(words[3], "1796616269");
        assert_eq!(words[4], "2026-12-07T04:04:29.339Z");
        assert!(words[5].parse::<u32>().is_ok_and(|n| n <= 1000), "{text}");
    }

    #[test]
    fn the_collections_own_variable_wins_and_unknown_names_stay() {
        let scope = DynamicVariables::seeded(1).scope(&Declared);
        let text = resolve("{{$guid}} {{$nothing}} {{$randomInt}}", &scope);
        let text = text.unwrap_or_default();
        assert!(
            text.starts_with("the-collections-own {{$nothing}} "),
            "{text}"
        );
    }

    #[test]
    fn a_seed_gives_the_same_values_request_after_request() {
        let values = |dynamic: &DynamicVariables| -> Vec<String> {
            (0..3)
                .map(|_| {
                    resolve(
                        "{{$guid}}/{{$randomPassword}}",
                        &dynamic.scope(&NoVariables),
                    )
                })
                .map(Result::unwrap_or_default)
                .collect()
        };
        let first = values(&DynamicVariables::seeded(7));
        assert_eq!(first, values(&DynamicVariables::seeded(7)));
        assert_ne!(first[0], first[1], "each request draws new values");
        assert_ne!(first, values(&DynamicVariables::seeded(8)));
    }

    #[test]
    fn every_listed_name_generates_a_value_of_its_form() {
        let dynamic = DynamicVariables::seeded(3).at(UNIX_EPOCH);
        for name in DynamicVariables::names() {
            for _ in 0..50 {
                let value = dynamic.value(name).unwrap_or_default();
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
                    _ => false,
                };
                assert!(ok, "${name}: {value:?}");
            }
        }
        assert_eq!(dynamic.value("notDynamic"), None);
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
