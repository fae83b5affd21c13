//! Bundled collections with hostile values planted in them.

use std::sync::OnceLock;

use arbitrary::Result;
use serde_json::Value;

use super::Build;
use super::vocabulary::*;

#[rustfmt::skip]
const BUNDLED: &[&str] = &[
    include_str!("../../../../collections/08-starwars-graphql.postman_collection.json"),
    include_str!("../../../../collections/12-codegen-test-cases.postman_collection.json"),
    include_str!("../../../../collections/14-newman-bom-in-collection.postman_collection.json"),
    include_str!("../../../../collections/15-newman-inherited-entities.postman_collection.json"),
    include_str!("../../../../collections/16-newman-custom-http-method.postman_collection.json"),
    include_str!("../../../../collections/17-http-status-messages.postman_collection.json"),
    include_str!("../../../../collections/19-petstore-urlencoded-disabled.postman_collection.json"),
    include_str!("../../../../collections/features.postman_collection.json"),
    include_str!("../../../../collections/link-a-user-account.item.json"),
    include_str!("../../../../collections/link-a-user-account.postman_collection.json"),
    include_str!("../../../../collections/nested-request-body.postman_collection.json"),
    include_str!("../../../../collections/typed-responses.postman_collection.json"),
];

fn bundled() -> &'static [Value] {
    static PARSED: OnceLock<Vec<Value>> = OnceLock::new();
    PARSED.get_or_init(|| {
        BUNDLED
            .iter()
            .filter_map(|text| serde_json::from_str(text.trim_start_matches('\u{FEFF}')).ok())
            .collect()
    })
}

impl Build<'_, '_> {
    /// A bundled collection with a few of its values replaced, or keys added, hostile ones.
    pub(super) fn bundled_with_edits(&mut self) -> Result<Value> {
        let bases = bundled();
        let Some(base) = self.u.choose(bases).ok().cloned() else {
            return self.collection();
        };
        let mut root = base;
        let edits = self.u.int_in_range(1..=8)?;
        for _ in 0..edits {
            let mut places = Vec::new();
            places_in(&root, String::new(), &mut places);
            let Ok(place) = self.u.choose(&places) else {
                break;
            };
            let place = place.clone();
            let replacement = self.planted()?;
            let add_key = self.pick(POSTMAN_KEYS)?;
            let add = self.u.ratio(1, 3)?;
            if let Some(target) = root.pointer_mut(&place) {
                match target {
                    Value::Object(object) if add => {
                        object.insert(add_key.to_owned(), replacement);
                    }
                    Value::Array(array) if add => array.push(replacement),
                    other => *other = replacement,
                }
            }
        }
        Ok(root)
    }

    /// A value to plant into a bundled collection.
    pub(super) fn planted(&mut self) -> Result<Value> {
        Ok(match self.u.int_in_range(0..=11)? {
            0 => self.description()?,
            1 => self.url()?,
            2 => self.request()?,
            3 => self.items(3)?,
            4 => self.variables()?,
            5 => self.auth()?,
            6 => self.responses()?,
            7 => self.body()?,
            8 => self.headers()?,
            9 => Value::String(self.json_text()?),
            _ => self.scalar()?,
        })
    }
}

/// JSON pointers to every value in `value`.
fn places_in(value: &Value, here: String, places: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            for (key, child) in object {
                let escaped = key.replace('~', "~0").replace('/', "~1");
                places_in(child, format!("{here}/{escaped}"), places);
            }
        }
        Value::Array(array) => {
            for (index, child) in array.iter().enumerate() {
                places_in(child, format!("{here}/{index}"), places);
            }
        }
        _ => {}
    }
    places.push(here);
}
