//! Reading request bodies as the real service does: by the protobuf JSON
//! mapping (proto3 JSON), which is more forgiving than serde's defaults.
//!
//! - a member that is `null` is treated as absent, so it takes the field's
//!   default (an empty list or map, `""`, `0`, `false`, no message); a
//!   top-level `null` reads as `{}`;
//! - a member may use the lowerCamelCase name (`frequencyMinutes`) beside
//!   the snake_case one (`frequency_minutes`);
//! - integers may be numbers or decimal strings (`3` or `"3"`);
//! - unknown members are ignored.
//!
//! The renaming is driven by the target type's own field list, so the keys
//! of a map (labels, `region_nodes`) are never touched. One limit: inside a
//! `#[serde(flatten)]` or untagged part, which serde reads through its own
//! buffer, members are read as written.
//!
//! ```
//! #[derive(serde::Deserialize, Debug, PartialEq)]
//! struct Account { name: String, #[serde(default)] roles: Vec<String> }
//! let a: Account = crdb_cloud::proto3::from_str(r#"{"name":"ci","roles":null}"#).unwrap();
//! assert_eq!(a, Account { name: "ci".into(), roles: vec![] });
//! ```

use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;
use serde_json::Value;

/// Reads `T` from JSON text by the proto3 JSON rules.
pub fn from_str<T: DeserializeOwned>(json: &str) -> serde_json::Result<T> {
    let value: Value = serde_json::from_str(json)?;
    from_value(&value)
}

/// Reads `T` from JSON bytes by the proto3 JSON rules.
pub fn from_slice<T: DeserializeOwned>(json: &[u8]) -> serde_json::Result<T> {
    let value: Value = serde_json::from_slice(json)?;
    from_value(&value)
}

/// Reads `T` from a parsed JSON value by the proto3 JSON rules.
pub fn from_value<T: DeserializeOwned>(value: &Value) -> serde_json::Result<T> {
    T::deserialize(Proto3(value))
}

/// The proto3 reading without a schema, for a check that must refuse
/// nothing the service takes but need not read it exactly (the npm
/// package's body checks, where one generic pass is far smaller than a
/// schema-driven reader per model): `null` members are dropped and
/// lowerCamelCase member names become snake_case, at every depth, unless
/// the snake_case name is there too. Map keys are renamed as well, which a
/// check can afford (it never sends what it read) and a server cannot.
pub fn loosen(value: &mut Value) {
    match value {
        Value::Object(members) => {
            members.retain(|_, v| !v.is_null());
            let camel: Vec<String> = members
                .keys()
                .filter(|k| k.bytes().any(|b| b.is_ascii_uppercase()))
                .cloned()
                .collect();
            for key in camel {
                let snake = to_snake(&key);
                if !members.contains_key(&snake)
                    && let Some(v) = members.remove(&key)
                {
                    members.insert(snake, v);
                }
            }
            members.values_mut().for_each(loosen);
        }
        Value::Array(items) => items.iter_mut().for_each(loosen),
        _ => {}
    }
}

/// `frequencyMinutes` → `frequency_minutes`.
fn to_snake(key: &str) -> String {
    let mut snake = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            snake.push('_');
            snake.push(c.to_ascii_lowercase());
        } else {
            snake.push(c);
        }
    }
    snake
}

/// A JSON value read by the proto3 rules.
#[derive(Debug, Clone, Copy)]
struct Proto3<'de>(&'de Value);

/// The snake_case field a lowerCamelCase member names, if it is one of
/// `fields` (`frequencyMinutes` → `frequency_minutes`).
fn snake_field(key: &str, fields: &'static [&'static str]) -> Option<&'static str> {
    if !key.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let snake = to_snake(key);
    fields.iter().copied().find(|f| *f == snake)
}

/// The name a struct member is read under: its own when the struct has a
/// field of that name, else the snake_case field it spells in camelCase.
fn field_name<'de>(key: &'de str, fields: &'static [&'static str]) -> &'de str {
    if fields.contains(&key) {
        key
    } else {
        snake_field(key, fields).unwrap_or(key)
    }
}

impl<'de> IntoDeserializer<'de, serde_json::Error> for Proto3<'de> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> Proto3<'de> {
    /// An integer given as a decimal string, read as a number.
    fn visit_integer<V: Visitor<'de>>(self, visitor: V) -> serde_json::Result<V::Value> {
        if let Value::String(s) = self.0 {
            let trimmed = s.trim();
            if let Ok(n) = trimmed.parse::<i64>() {
                return visitor.visit_i64(n);
            }
            if let Ok(n) = trimmed.parse::<u64>() {
                return visitor.visit_u64(n);
            }
        }
        de::Deserializer::deserialize_any(self, visitor)
    }
}

/// The integer methods of the deserializer: each takes a decimal string too.
macro_rules! integers_from_strings {
    ($($method:ident)+) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> serde_json::Result<V::Value> {
                self.visit_integer(visitor)
            }
        )+
    };
}

impl<'de> de::Deserializer<'de> for Proto3<'de> {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> serde_json::Result<V::Value> {
        match self.0 {
            Value::Array(items) => {
                let mut seq = SeqDeserializer::new(items.iter().map(Proto3));
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            Value::Object(members) => {
                let mut map =
                    MapDeserializer::new(members.iter().map(|(k, v)| (k.as_str(), Proto3(v))));
                let value = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(value)
            }
            scalar => scalar.deserialize_any(visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> serde_json::Result<V::Value> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> serde_json::Result<V::Value> {
        let members = match self.0 {
            Value::Object(members) => Some(members),
            Value::Null => None,
            _ => return self.deserialize_any(visitor),
        };
        let present = members
            .into_iter()
            .flatten()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| (field_name(k, fields), Proto3(v)));
        let mut map = MapDeserializer::new(present);
        let value = visitor.visit_map(&mut map)?;
        map.end()?;
        Ok(value)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> serde_json::Result<V::Value> {
        match self.0 {
            Value::Null => visitor.visit_seq(SeqDeserializer::<_, serde_json::Error>::new(
                std::iter::empty::<Proto3<'de>>(),
            )),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> serde_json::Result<V::Value> {
        match self.0 {
            Value::Null => visitor.visit_map(MapDeserializer::<_, serde_json::Error>::new(
                std::iter::empty::<(&str, Proto3<'de>)>(),
            )),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> serde_json::Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> serde_json::Result<V::Value> {
        self.0.deserialize_enum(name, variants, visitor)
    }

    integers_from_strings! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
    }

    forward_to_deserialize_any! {
        bool i128 u128 f32 f64 char str string bytes byte_buf unit unit_struct
        tuple tuple_struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::collections::BTreeMap;

    #[derive(Debug, Default, PartialEq, Deserialize)]
    struct Inner {
        #[serde(default)]
        frequency_minutes: i32,
        #[serde(default)]
        enabled: bool,
    }

    #[derive(Debug, Default, PartialEq, Deserialize)]
    struct Outer {
        name: String,
        #[serde(default)]
        roles: Vec<String>,
        #[serde(default)]
        labels: BTreeMap<String, String>,
        #[serde(default)]
        region_nodes: BTreeMap<String, i32>,
        #[serde(default)]
        inner: Option<Inner>,
        #[serde(default)]
        note: String,
        #[serde(default, rename = "type")]
        kind: String,
    }

    fn outer(json: &str) -> Outer {
        from_str(json).unwrap()
    }

    #[test]
    fn null_is_the_default() {
        let o = outer(r#"{"name":"a","roles":null,"labels":null,"inner":null,"note":null}"#);
        assert_eq!(
            o,
            Outer {
                name: "a".into(),
                ..Default::default()
            }
        );
        assert_eq!(outer(r#"{"name":"a"}"#), o);
        let i: Inner = from_str("null").unwrap();
        assert_eq!(i, Inner::default());
    }

    #[test]
    fn camel_case_names_are_read() {
        let o = outer(
            r#"{"name":"a","regionNodes":{"us-east-1":3},"inner":{"frequencyMinutes":60,"enabled":true}}"#,
        );
        assert_eq!(o.region_nodes["us-east-1"], 3);
        assert_eq!(
            o.inner,
            Some(Inner {
                frequency_minutes: 60,
                enabled: true
            })
        );
    }

    #[test]
    fn map_keys_are_kept_as_written() {
        let o = outer(r#"{"name":"a","labels":{"costCenter":"x","null":"y"}}"#);
        assert_eq!(o.labels["costCenter"], "x");
        assert_eq!(o.labels["null"], "y");
    }

    #[test]
    fn integers_may_be_strings() {
        let o =
            outer(r#"{"name":"a","region_nodes":{"r":"5"},"inner":{"frequency_minutes":"15"}}"#);
        assert_eq!(o.region_nodes["r"], 5);
        assert_eq!(o.inner.unwrap().frequency_minutes, 15);
        let bad = from_str::<Outer>(r#"{"name":"a","inner":{"frequency_minutes":"x"}}"#);
        assert!(bad.is_err());
    }

    #[test]
    fn unknown_members_are_ignored_and_required_ones_named() {
        let o = outer(r#"{"name":"a","extra":{"deep":[1,2]},"type":"t"}"#);
        assert_eq!(o.kind, "t");
        let e = from_str::<Outer>(r#"{"roles":[]}"#).unwrap_err();
        assert!(e.to_string().contains("name"), "{e}");
        let e = from_str::<Outer>(r#"{"name":null}"#).unwrap_err();
        assert!(e.to_string().contains("name"), "{e}");
    }

    #[test]
    fn loosening_drops_nulls_and_renames_camel_case() {
        let mut v: Value = serde_json::from_str(
            r#"{"name":"a","roles":null,"regionNodes":{"r":3},"inner":{"frequencyMinutes":5,"enabled":null},"list":[{"aB":1,"a_b":2}]}"#,
        )
        .unwrap();
        loosen(&mut v);
        assert_eq!(
            v,
            serde_json::json!({"name":"a","region_nodes":{"r":3},"inner":{"frequency_minutes":5},"list":[{"aB":1,"a_b":2}]})
        );
        let o: Outer = serde_json::from_value(v).unwrap();
        assert_eq!(o.region_nodes["r"], 3);
    }

    #[test]
    fn a_go_encoders_body_is_read() {
        // encoding/json of a struct with nil slices, nil maps and zero values
        let o = outer(
            r#"{"name":"ci","roles":null,"labels":null,"region_nodes":null,"inner":null,"note":"","type":""}"#,
        );
        assert_eq!(o.name, "ci");
        assert!(o.roles.is_empty() && o.labels.is_empty());
    }
}
