//! The collection's shape: folders, items and requests.

use arbitrary::{Arbitrary, Result};
use serde_json::{Map, Value, json};

use super::Build;
use super::vocabulary::*;

impl Build<'_, '_> {
    pub(super) fn collection(&mut self) -> Result<Value> {
        let mut root = Map::new();
        match self.u.int_in_range(0..=5)? {
            0 => {}
            1 => {
                root.insert("info".into(), json!({ "name": self.scalar()? }));
            }
            _ => {
                let schema = self.pick(&[
                    "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
                    "https://schema.getpostman.com/json/collection/v2.0.0/collection.json",
                    "",
                    "v3",
                ])?;
                let mut info = json!({ "name": self.text()?, "schema": schema });
                if self.u.ratio(1, 3)? {
                    info["description"] = self.description()?;
                }
                root.insert("info".into(), info);
            }
        }
        root.insert("item".into(), self.items(0)?);
        if self.u.ratio(2, 3)? {
            root.insert("variable".into(), self.variables()?);
        }
        if self.u.ratio(1, 3)? {
            root.insert("auth".into(), self.auth()?);
        }
        if self.u.ratio(1, 6)? {
            root.insert("event".into(), self.events()?);
        }
        Ok(Value::Object(root))
    }

    /// The items of a collection or folder at `depth`: requests, folders and chains of folders
    /// nested deep enough to reach the JSON parser's recursion limit.
    pub(super) fn items(&mut self, depth: usize) -> Result<Value> {
        let count = self.count(if depth == 0 { 8 } else { 4 })?;
        let mut items = Vec::with_capacity(count);
        for _ in 0..count {
            if !self.spend() {
                break;
            }
            let item = match self.u.int_in_range(0..=9)? {
                0..=1 if depth < 6 => self.folder(depth)?,
                2 if depth == 0 => self.deep_folders()?,
                _ => self.request_item()?,
            };
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    pub(super) fn folder(&mut self, depth: usize) -> Result<Value> {
        let mut folder = json!({ "name": self.text()?, "item": self.items(depth + 1)? });
        if self.u.ratio(1, 3)? {
            folder["description"] = self.description()?;
        }
        if self.u.ratio(1, 4)? {
            folder["auth"] = self.auth()?;
        }
        if self.u.ratio(1, 4)? {
            folder["variable"] = self.variables()?;
        }
        Ok(folder)
    }

    pub(super) fn deep_folders(&mut self) -> Result<Value> {
        let depth = self.u.int_in_range(1..=70)?;
        let mut node = self.request_item()?;
        for level in 0..depth {
            let name = if self.u.ratio(1, 2)? {
                format!("level {level}")
            } else {
                self.text()?
            };
            node = json!({ "name": name, "item": [node] });
        }
        Ok(node)
    }

    pub(super) fn request_item(&mut self) -> Result<Value> {
        let mut item = Map::new();
        if !self.u.ratio(1, 20)? {
            item.insert("name".into(), self.scalar()?);
        }
        let request = if self.u.ratio(1, 8)? {
            Value::String(self.url_text()?)
        } else {
            self.request()?
        };
        item.insert("request".into(), request);
        if self.u.ratio(1, 2)? {
            item.insert("response".into(), self.responses()?);
        }
        if self.u.ratio(1, 8)? {
            item.insert("event".into(), self.events()?);
        }
        if self.u.ratio(1, 8)? {
            item.insert(
                "protocolProfileBehavior".into(),
                json!({ "disableBodyPruning": bool::arbitrary(self.u)? }),
            );
        }
        Ok(Value::Object(item))
    }

    pub(super) fn request(&mut self) -> Result<Value> {
        let mut request = Map::new();
        let method = match self.u.int_in_range(0..=12)? {
            0 => self.scalar()?,
            1 => Value::String(self.text()?),
            _ => Value::String(self.pick(METHODS)?.to_owned()),
        };
        request.insert("method".into(), method);
        request.insert("url".into(), self.url()?);
        if self.u.ratio(2, 3)? {
            request.insert("header".into(), self.headers()?);
        }
        if self.u.ratio(2, 3)? {
            request.insert("body".into(), self.body()?);
        }
        if self.u.ratio(1, 4)? {
            request.insert("auth".into(), self.auth()?);
        }
        if self.u.ratio(1, 3)? {
            request.insert("description".into(), self.description()?);
        }
        Ok(Value::Object(request))
    }
}
