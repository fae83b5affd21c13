//! A request's headers and body, and its saved responses.

use arbitrary::{Arbitrary, Result};
use serde_json::{Value, json};

use super::Build;
use super::vocabulary::*;

impl Build<'_, '_> {
    pub(super) fn headers(&mut self) -> Result<Value> {
        if self.u.ratio(1, 8)? {
            let lines = self.count(4)?;
            let mut text = String::new();
            for _ in 0..lines {
                text.push_str(&self.text()?);
                text.push_str(self.pick(&[": ", ":", "", "::"])?);
                text.push_str(&self.text()?);
                text.push_str(self.pick(&["\n", "\r\n", "\n\n"])?);
            }
            return Ok(Value::String(text));
        }
        let count = self.count(6)?;
        let mut headers = Vec::with_capacity(count);
        for _ in 0..count {
            let key = match self.u.int_in_range(0..=5)? {
                0 => Value::String(self.pick(CONTENT_TYPE_KEYS)?.into()),
                _ => self.scalar()?,
            };
            let value = match self.u.int_in_range(0..=9)? {
                0 => self.number()?,
                1 => json!({ "nested": self.text()? }),
                2 => Value::String(self.pick(CONTENT_TYPES)?.into()),
                _ => self.scalar()?,
            };
            let mut header = json!({ "value": value });
            header[if self.u.ratio(1, 8)? { "name" } else { "key" }] = key;
            if self.u.ratio(1, 3)? {
                header["disabled"] = self.flag()?;
            }
            if self.u.ratio(1, 8)? {
                header["description"] = self.description()?;
            }
            headers.push(header);
        }
        Ok(Value::Array(headers))
    }

    pub(super) fn body(&mut self) -> Result<Value> {
        let mode = self.pick(BODY_MODES)?;
        let mut body = json!({ "mode": mode });
        match mode {
            "urlencoded" | "formdata" => {
                let count = self.count(6)?;
                let mut fields = Vec::with_capacity(count);
                for _ in 0..count {
                    let mut field = json!({ "key": self.scalar()?, "value": self.scalar()? });
                    if self.u.ratio(1, 3)? {
                        field["type"] =
                            Value::String(self.pick(&["text", "file", "", "weird"])?.into());
                    }
                    if self.u.ratio(1, 4)? {
                        field["src"] = self.scalar()?;
                    }
                    if self.u.ratio(1, 4)? {
                        field["disabled"] = self.flag()?;
                    }
                    if self.u.ratio(1, 6)? {
                        field["contentType"] = Value::String(self.pick(CONTENT_TYPES)?.into());
                    }
                    fields.push(field);
                }
                body[mode] = Value::Array(fields);
            }
            "file" => body["file"] = json!({ "src": self.scalar()? }),
            "graphql" => {
                body["graphql"] = json!({ "query": self.text()?, "variables": self.json_text()? });
            }
            _ => {
                body["raw"] = Value::String(self.json_text()?);
                if self.u.ratio(1, 2)? {
                    body["options"] = json!({ "raw": { "language": self.pick(LANGUAGES)? } });
                }
            }
        }
        if self.u.ratio(1, 10)? {
            body["disabled"] = self.flag()?;
        }
        Ok(body)
    }

    /// The text of a JSON sample: usually a value (with keys JSON maps could not hold twice),
    /// sometimes cut short, commented, or not JSON at all.
    pub(super) fn json_text(&mut self) -> Result<String> {
        let mut text = String::new();
        self.json_sample(&mut text, 0)?;
        Ok(match self.u.int_in_range(0..=11)? {
            0 => {
                let cut = self.u.int_in_range(0..=text.len())?;
                let cut = (0..=cut)
                    .rev()
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(0);
                text.truncate(cut);
                text
            }
            1 => format!("// a comment\n{text}\r\n"),
            2 => self.text()?,
            3 => format!("{text},"),
            _ => text,
        })
    }

    pub(super) fn json_sample(&mut self, out: &mut String, depth: usize) -> Result<()> {
        if !self.spend() {
            out.push_str("null");
            return Ok(());
        }
        let choice = if depth > 6 {
            9
        } else {
            self.u.int_in_range(0..=12)?
        };
        match choice {
            0..=2 => {
                out.push('{');
                let fields = self.count(6)?;
                for index in 0..fields {
                    if index > 0 {
                        out.push(',');
                    }
                    out.push_str(&Value::String(self.text()?).to_string());
                    out.push(':');
                    self.json_sample(out, depth + 1)?;
                }
                out.push('}');
            }
            3 | 4 => {
                out.push('[');
                let elements = self.count(4)?;
                for index in 0..elements {
                    if index > 0 {
                        out.push(',');
                    }
                    self.json_sample(out, depth + 1)?;
                }
                out.push(']');
            }
            5 => {
                // Nested arrays, past the parser's recursion limit sometimes.
                let levels = self.u.int_in_range(1..=140)?;
                out.push_str(&"[".repeat(levels));
                out.push_str(&"]".repeat(levels));
            }
            6 => out.push_str(&Value::String(self.pick(PLACEHOLDERS)?.into()).to_string()),
            7 => out.push_str(self.pick(NUMBERS)?),
            8 => out.push_str(self.pick(&["true", "false", "null"])?),
            _ => out.push_str(&Value::String(self.text()?).to_string()),
        }
        Ok(())
    }

    pub(super) fn responses(&mut self) -> Result<Value> {
        let count = self.count(4)?;
        let mut responses = Vec::with_capacity(count);
        for _ in 0..count {
            if !self.spend() {
                break;
            }
            let code = match self.u.int_in_range(0..=9)? {
                0 => self.scalar()?,
                1 => Value::from(u16::arbitrary(self.u)?),
                _ => Value::from(self.pick(CODES)?),
            };
            let mut response = json!({
                "name": self.scalar()?,
                "code": code,
                "status": self.scalar()?,
                "body": self.json_text()?,
            });
            if self.u.ratio(2, 3)? {
                let content_type = self.pick(CONTENT_TYPES)?;
                response["header"] = json!([{ "key": "Content-Type", "value": content_type }]);
            }
            if self.u.ratio(1, 2)? {
                response["_postman_previewlanguage"] = Value::String(self.pick(LANGUAGES)?.into());
            }
            if self.u.ratio(1, 3)? {
                response["originalRequest"] = self.request()?;
            }
            responses.push(response);
        }
        Ok(Value::Array(responses))
    }
}
