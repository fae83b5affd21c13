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
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::SystemTime;

use super::error::Error;
use super::template::Variables;
use super::values::{self, NAMES};
use super::words;

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

    /// The names this runtime generates, without their `$`: those that need no word list,
    /// then (with the `fake` feature) those made of words.
    pub fn names() -> impl Iterator<Item = &'static str> {
        NAMES.iter().chain(words::NAMES).copied()
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
            missing: Cell::new(None),
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
    /// A dynamic variable of Postman's that was referenced but could not be generated.
    missing: Cell<Option<&'static str>>,
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
        let value = values::generate(name, &mut rng, self.now);
        let words_seed = rng.u64(..);
        self.seed.set(rng.u64(..));
        let value = value.or_else(|| words::generate(name, words_seed));
        if value.is_none() {
            let postman = words::NAMES.iter().chain(NOT_GENERATED);
            if let Some(known) = postman.copied().find(|known| *known == name) {
                self.missing.set(Some(known));
            }
        }
        value
    }

    /// An error when the request referenced a dynamic variable of Postman's that is not
    /// generated here (and would otherwise be sent as written).
    pub(crate) fn check(&self) -> Result<(), Error> {
        let Some(name) = self.missing.get() else {
            return Ok(());
        };
        Err(Error::build(if words::NAMES.contains(&name) {
            format!(
                "{{{{${name}}}}} is generated only with the runtime's `fake` feature \
                 (or define a variable of that name)"
            )
        } else {
            format!(
                "{{{{${name}}}}} is a dynamic variable of Postman's that is not generated here; \
                 define a variable of that name"
            )
        }))
    }
}

/// Postman's dynamic variables that are not generated here (images, products, databases,
/// hacker phrases, ...): a request that uses one fails to build rather than send it as written.
const NOT_GENERATED: &[&str] = &[
    "randomLocale",
    "randomColor",
    "randomDepartment",
    "randomProductName",
    "randomProductAdjective",
    "randomProductMaterial",
    "randomProduct",
    "randomDatabaseColumn",
    "randomDatabaseType",
    "randomDatabaseCollation",
    "randomDatabaseEngine",
    "randomBankAccountName",
    "randomCreditCardMask",
    "randomTransactionType",
    "randomBitcoin",
    "randomBankAccountIban",
    "randomAbbreviation",
    "randomAdjective",
    "randomNoun",
    "randomVerb",
    "randomIngverb",
    "randomPhrase",
    "randomAvatarImage",
    "randomImageUrl",
    "randomAbstractImage",
    "randomAnimalsImage",
    "randomBusinessImage",
    "randomCatsImage",
    "randomCityImage",
    "randomFoodImage",
    "randomNightlifeImage",
    "randomFashionImage",
    "randomPeopleImage",
    "randomNatureImage",
    "randomSportsImage",
    "randomTransportImage",
    "randomImageDataUri",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::resolve;
    use std::time::{Duration, UNIX_EPOCH};

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
    fn postmans_variables_that_are_not_generated_fail_the_build() {
        let scope = DynamicVariables::seeded(1).scope(&NoVariables);
        let text = resolve("{{$randomAvatarImage}} {{$notPostmans}}", &scope);
        assert_eq!(
            text.ok().as_deref(),
            Some("{{$randomAvatarImage}} {{$notPostmans}}")
        );
        let err = scope
            .check()
            .err()
            .map(|err| err.to_string())
            .unwrap_or_default();
        assert!(
            err.contains("{{$randomAvatarImage}} is a dynamic variable"),
            "{err}"
        );

        let scope = DynamicVariables::seeded(1).scope(&NoVariables);
        let text = resolve("{{$randomFirstName}}", &scope).unwrap_or_default();
        let checked = scope.check().map_err(|err| err.to_string());
        if cfg!(feature = "fake") {
            assert!(checked.is_ok() && !text.contains('$'), "{text} {checked:?}");
        } else {
            let err = checked.err().unwrap_or_default();
            assert!(err.contains("the runtime's `fake` feature"), "{err}");
        }
        let scope = DynamicVariables::seeded(1).scope(&NoVariables);
        let _ = resolve("{{$notPostmans}}", &scope);
        assert!(
            scope.check().is_ok(),
            "other names stay as written, as in newman"
        );
    }
}
