//! A request's URL: as text or as an object, with hostile paths, queries and variables.

use arbitrary::{Arbitrary, Result};
use serde_json::{Map, Value, json};

use super::Build;
use super::vocabulary::*;

impl Build<'_, '_> {
    /// A URL as one string: an origin, then path segments and a query, from fragments.
    pub(super) fn url_text(&mut self) -> Result<String> {
        let origin = self.pick(&[
            "https://example.com",
            "{{baseUrl}}",
            "http://{{host}}:{{port}}",
            "",
            "example.com",
            "https://",
            "//x",
            "https://user:pw@example.com:99999",
            "{{baseUrl}}{{baseUrl}}",
            "https://[::1]",
            "https://ex\u{202E}ample.com",
            "file:///etc/passwd",
        ])?;
        let mut url = origin.to_owned();
        for segment in self.path_segments()? {
            url.push('/');
            url.push_str(&segment);
        }
        if self.u.ratio(1, 2)? {
            url.push('?');
            let pairs = self.count(4)?;
            for index in 0..pairs {
                if index > 0 {
                    url.push('&');
                }
                url.push_str(&self.text()?);
                if self.u.ratio(3, 4)? {
                    url.push('=');
                    url.push_str(&self.text()?);
                }
            }
        }
        if self.u.ratio(1, 8)? {
            url.push('#');
            url.push_str(&self.text()?);
        }
        Ok(url)
    }

    pub(super) fn path_segments(&mut self) -> Result<Vec<String>> {
        if self.u.ratio(1, 10)? {
            // Many path parameters, some with the same name.
            let count = self.u.int_in_range(10..=120)?;
            let mut segments = Vec::with_capacity(count);
            for index in 0..count {
                segments.push(if self.u.ratio(1, 4)? {
                    format!(":{}", self.pick(WORDS)?)
                } else {
                    format!(":p{index}")
                });
            }
            return Ok(segments);
        }
        let count = self.count(6)?;
        let mut segments = Vec::with_capacity(count);
        for _ in 0..count {
            segments.push(match self.u.int_in_range(0..=9)? {
                0 => "..".to_owned(),
                1 => ":..".to_owned(),
                2 => format!(":{}", self.text()?),
                3 => format!("{{{{{}}}}}", self.text()?),
                4 => ":id".to_owned(),
                5 => String::new(),
                _ => self.text()?,
            });
        }
        Ok(segments)
    }

    pub(super) fn url(&mut self) -> Result<Value> {
        if self.u.ratio(1, 3)? {
            return Ok(Value::String(self.url_text()?));
        }
        let raw = self.url_text()?;
        let mut url = Map::new();
        url.insert("raw".into(), Value::String(raw));
        if self.u.ratio(3, 4)? {
            let host = if self.u.ratio(1, 2)? {
                Value::String(
                    self.pick(&["{{baseUrl}}", "example.com", "a.{{b}}.c", ""])?
                        .into(),
                )
            } else {
                let labels = self.count(4)?;
                let mut list = Vec::with_capacity(labels);
                for _ in 0..labels {
                    list.push(self.scalar()?);
                }
                Value::Array(list)
            };
            url.insert("host".into(), host);
        }
        if self.u.ratio(1, 4)? {
            url.insert("protocol".into(), self.scalar()?);
        }
        if self.u.ratio(1, 6)? {
            url.insert("port".into(), self.scalar()?);
        }
        if self.u.ratio(3, 4)? {
            let segments = self.path_segments()?;
            let path = if self.u.ratio(1, 5)? {
                Value::String(segments.join("/"))
            } else {
                let mut list = Vec::with_capacity(segments.len());
                for segment in segments {
                    list.push(if self.u.ratio(1, 10)? {
                        json!({ "type": "string", "value": segment })
                    } else {
                        Value::String(segment)
                    });
                }
                Value::Array(list)
            };
            url.insert("path".into(), path);
        }
        if self.u.ratio(1, 2)? {
            let count = self.count(6)?;
            let mut query = Vec::with_capacity(count);
            for _ in 0..count {
                let mut param = json!({ "key": self.scalar()?, "value": self.scalar()? });
                if self.u.ratio(1, 3)? {
                    param["disabled"] = self.flag()?;
                }
                if self.u.ratio(1, 6)? {
                    param["description"] = self.description()?;
                }
                query.push(param);
            }
            url.insert("query".into(), Value::Array(query));
        }
        if self.u.ratio(1, 2)? {
            let count = self.count(6)?;
            let mut variables = Vec::with_capacity(count);
            for _ in 0..count {
                let key = if self.u.ratio(1, 2)? {
                    Value::String(self.pick(&["id", "..", "p0", "p1", "Self", ""])?.into())
                } else {
                    self.scalar()?
                };
                let mut variable = json!({ "key": key, "value": self.scalar()? });
                if self.u.ratio(1, 6)? {
                    variable["description"] = self.description()?;
                }
                variables.push(variable);
            }
            url.insert("variable".into(), Value::Array(variables));
        }
        Ok(Value::Object(url))
    }

    pub(super) fn flag(&mut self) -> Result<Value> {
        Ok(match self.u.int_in_range(0..=5)? {
            0 => json!("true"),
            1 => json!("yes"),
            2 => json!(1),
            3 => Value::Null,
            _ => Value::Bool(bool::arbitrary(self.u)?),
        })
    }
}
