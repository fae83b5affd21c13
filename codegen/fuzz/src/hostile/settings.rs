//! What a collection or request sets around its requests: variables, auth and events.

use arbitrary::{Arbitrary, Result};
use serde_json::{Map, Value, json};

use super::Build;
use super::vocabulary::*;

impl Build<'_, '_> {
    /// Collection or folder variables: self-references, cycles, values of every JSON type.
    pub(super) fn variables(&mut self) -> Result<Value> {
        let count = self.count(6)?;
        let mut variables = Vec::with_capacity(count);
        let mut keys: Vec<String> = Vec::with_capacity(count);
        for _ in 0..count {
            let key = self.text()?;
            let value = match self.u.int_in_range(0..=9)? {
                0 => Value::String(format!("{{{{{key}}}}}")),
                1 => Value::String(format!("a{{{{{key}}}}}b{{{{{key}}}}}")),
                2 => match keys.last() {
                    Some(previous) => Value::String(format!("{{{{{previous}}}}}")),
                    None => Value::Null,
                },
                3 => self.number()?,
                4 => json!({ "an": ["object", 1] }),
                5 => Value::Bool(bool::arbitrary(self.u)?),
                _ => self.scalar()?,
            };
            let mut variable = json!({ "value": value });
            variable[if self.u.ratio(1, 6)? { "id" } else { "key" }] = Value::String(key.clone());
            if self.u.ratio(1, 6)? {
                variable["disabled"] = self.flag()?;
            }
            if self.u.ratio(1, 6)? {
                variable["type"] =
                    Value::String(self.pick(&["string", "any", "secret", "number"])?.into());
            }
            if self.u.ratio(1, 8)? {
                variable["description"] = self.description()?;
            }
            keys.push(key);
            variables.push(variable);
        }
        // The first variable refers to the last: a cycle through all of them.
        if let (Some(first), Some(last)) = (variables.first_mut(), keys.last())
            && self.u.ratio(1, 4)?
        {
            first["value"] = Value::String(format!("{{{{{last}}}}}"));
        }
        Ok(Value::Array(variables))
    }

    pub(super) fn auth(&mut self) -> Result<Value> {
        let kind = self.pick(AUTH_TYPES)?;
        let count = self.count(5)?;
        let mut entries = Vec::with_capacity(count);
        for _ in 0..count {
            let key = self.pick(AUTH_KEYS)?;
            let value = match self.u.int_in_range(0..=7)? {
                0 => self.number()?,
                1 => json!({ "odd": true }),
                // OAuth 2's extra token request parameters: a list of {key, value, send_as}.
                7 => {
                    let mut list = Vec::new();
                    for _ in 0..self.count(3)? {
                        list.push(json!({
                            "key": self.pick(WORDS)?,
                            "value": self.scalar()?,
                            "enabled": self.u.ratio(3, 4)?,
                            "send_as": self.pick(&["request_body", "request_header",
                                "request_url", "", "elsewhere"])?,
                        }));
                    }
                    Value::Array(list)
                }
                2 => Value::String(
                    self.pick(&["header", "query", "queryParams", "headers"])?
                        .into(),
                ),
                _ => self.scalar()?,
            };
            entries.push(json!({ "key": key, "value": value, "type": "string" }));
        }
        let mut auth = json!({ "type": kind });
        if !kind.is_empty() {
            auth[kind] = if self.u.ratio(1, 5)? {
                // The v2.0 form: an object of key to value.
                let mut object = Map::new();
                for entry in entries {
                    if let (Some(key), Some(value)) = (entry.get("key"), entry.get("value")) {
                        object.insert(key.as_str().unwrap_or_default().to_owned(), value.clone());
                    }
                }
                Value::Object(object)
            } else {
                Value::Array(entries)
            };
        }
        Ok(auth)
    }

    pub(super) fn events(&mut self) -> Result<Value> {
        let listen = self.pick(&["prerequest", "test", "", "other"])?;
        Ok(
            json!([{ "listen": listen, "script": { "type": "text/javascript", "exec": [self.text()?] } }]),
        )
    }
}
