//! JSON in and out: a parser that refuses duplicate keys, and a pretty printer that keeps
//! the key order it is given.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::FieldError;

/// Parses `text` into a JSON value. A key repeated in one object is an error (`serde_json` would
/// silently keep the last one, losing data). Errors carry line and column.
pub(super) fn parse(text: &str) -> Result<Value, FieldError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(FieldError::new("", "the file is empty"));
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Strict
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
        .map_err(|e| json_error(&e))?;
    Ok(value)
}

fn json_error(e: &serde_json::Error) -> FieldError {
    let (line, column) = (e.line(), e.column());
    let what = if e.is_eof() {
        "the file ends too early (is it cut off?)".to_owned()
    } else {
        let full = e.to_string();
        let suffix = format!(" at line {line} column {column}");
        full.strip_suffix(&suffix).unwrap_or(&full).to_owned()
    };
    FieldError::new(
        "",
        format!("the file is not valid JSON (line {line}, column {column}): {what}"),
    )
}

/// Builds a [`Value`] like `serde_json` does, but fails on a repeated key.
struct Strict;

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(v) = seq.next_element_seed(Strict)? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(de::Error::custom(format_args!(
                    "the key \"{key}\" appears twice in one object"
                )));
            }
            let value = map.next_value_seed(Strict)?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

/// A JSON value whose objects keep the key order they were built with.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Json {
    /// `null`.
    Null,
    /// A whole number.
    Int(i64),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<Json>),
    /// An object, keys in output order.
    Obj(Vec<(&'static str, Json)>),
}

impl Json {
    /// Pretty text like `serde_json`'s pretty printer: two-space indent, `"key": value`,
    /// empty containers as `[]` / `{}`, and a final newline.
    pub(super) fn to_pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out.push('\n');
        out
    }

    fn write(&self, out: &mut String, depth: usize) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Int(n) => out.push_str(&n.to_string()),
            Json::Str(s) => write_str(out, s),
            Json::Arr(items) if items.is_empty() => out.push_str("[]"),
            Json::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, depth + 1);
                    item.write(out, depth + 1);
                }
                newline(out, depth);
                out.push(']');
            }
            Json::Obj(fields) if fields.is_empty() => out.push_str("{}"),
            Json::Obj(fields) => {
                out.push('{');
                for (i, (key, value)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    newline(out, depth + 1);
                    write_str(out, key);
                    out.push_str(": ");
                    value.write(out, depth + 1);
                }
                newline(out, depth);
                out.push('}');
            }
        }
    }
}

fn newline(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// A JSON string literal, escaped the way `serde_json` escapes (only what JSON requires).
fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let n = u32::from(c) as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[n >> 4]));
                out.push(char::from(HEX[n & 0xf]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    /// `Strict` behind a plain `Deserialize`, to compare with `serde_json`'s own `Value`.
    struct StrictValue(Value);

    impl<'de> Deserialize<'de> for StrictValue {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            Strict.deserialize(d).map(StrictValue)
        }
    }

    #[test]
    fn repeated_key_is_an_error_with_its_line() {
        let e = parse("{\n  \"a\": 1,\n  \"a\": 2\n}").unwrap_err();
        assert!(e.message.contains("\"a\" appears twice"), "{e}");
        assert!(e.message.contains("line 3"), "{e}");
    }

    #[test]
    fn byte_order_mark_is_ignored() {
        assert_eq!(parse("\u{feff}{}").unwrap(), Value::Object(Map::new()));
    }

    #[test]
    fn trailing_garbage_is_an_error() {
        let e = parse("{} x").unwrap_err();
        assert!(e.message.contains("line 1, column 4"), "{e}");
    }

    #[test]
    fn strict_value_parses_like_serde_json() {
        let text = r#"{"a":[1,-2,3.5,true,null,"x\u00e6"],"b":{}}"#;
        let strict: StrictValue = serde_json::from_str(text).unwrap();
        assert_eq!(strict.0, serde_json::from_str::<Value>(text).unwrap());
    }

    #[test]
    fn strings_are_escaped_exactly_like_serde_json() {
        let s: String = (0u8..0x80)
            .map(char::from)
            .chain("æøå – «»\u{2028}😀".chars())
            .collect();
        let mut ours = String::new();
        write_str(&mut ours, &s);
        assert_eq!(ours, serde_json::to_string(&s).unwrap());
    }

    #[test]
    fn pretty_output_matches_serde_json_for_the_same_order() {
        let j = Json::Obj(vec![
            ("b", Json::Str("tab\t \"q\" \\ \u{1} æøå".into())),
            (
                "a",
                Json::Arr(vec![Json::Int(-1), Json::Null, Json::Obj(vec![])]),
            ),
            ("c", Json::Arr(vec![])),
        ]);
        let text = j.to_pretty();
        assert!(text.starts_with("{\n  \"b\": "), "{text}");
        let reparsed: Value = serde_json::from_str(&text).unwrap();
        // serde_json sorts keys; so compare against its pretty form of the sorted value
        // only for the escaping and layout of one string.
        assert_eq!(
            reparsed["b"],
            Value::String("tab\t \"q\" \\ \u{1} æøå".into())
        );
        let arr = serde_json::to_string_pretty(&reparsed["a"]).unwrap();
        assert!(text.contains(&arr.replace('\n', "\n  ")), "{text}\n{arr}");
    }
}
