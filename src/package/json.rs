//! JSON in and out: a parser that refuses duplicate keys, and a pretty printer that keeps
//! the key order it is given.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::FieldError;

/// Limits on what one file may hold, checked while it is parsed (before anything is built
/// from it); each refusal names the place in the file.
pub mod limits {
    /// Objects and arrays nested deeper than this are refused (the formats need 7).
    pub const MAX_DEPTH: usize = 16;
    /// The longest text value, in bytes (a whole item's notes fit many times over).
    pub const MAX_STRING_BYTES: usize = 1_000_000;
    /// The longest `data` / `draft_pdf` value: base64 of [`crate::model::agenda::MAX_ATTACHMENT_BYTES`].
    pub const MAX_BASE64_BYTES: usize = 133_333_336;
    /// The most entries of one array (items, people, attachments, comments …).
    pub const MAX_ARRAY_LEN: usize = 10_000;
    /// The most keys of one object (the formats use at most 18).
    pub const MAX_OBJECT_KEYS: usize = 64;
    /// The longest key, in bytes (the formats use at most 17).
    pub const MAX_KEY_BYTES: usize = 64;
}

use limits::{
    MAX_ARRAY_LEN, MAX_BASE64_BYTES, MAX_DEPTH, MAX_KEY_BYTES, MAX_OBJECT_KEYS, MAX_STRING_BYTES,
};

/// Keys whose values are base64 file contents and may be long.
const LONG_KEYS: &[&str] = &["data", "draft_pdf"];

/// Parses `text` into a JSON value. A key repeated in one object is an error (`serde_json` would
/// silently keep the last one, losing data). Errors carry line and column; a value beyond the
/// [`limits`] is refused with its path.
pub(super) fn parse(text: &str) -> Result<Value, FieldError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(FieldError::new("", "the file is empty"));
    }
    let mut ctx = Ctx::default();
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Strict {
        ctx: &mut ctx,
        long: false,
    }
    .deserialize(&mut de)
    .and_then(|v| de.end().map(|()| v));
    match value {
        Ok(v) => Ok(v),
        Err(_) if ctx.problem.is_some() => Err(ctx
            .problem
            .take()
            .unwrap_or_else(|| FieldError::new("", "the file could not be read"))),
        Err(e) => Err(json_error(&e)),
    }
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

/// One step of the path to the value being parsed.
enum Seg {
    Key(String),
    Index(usize),
}

/// Where the parser is, and the first limit exceeded.
#[derive(Default)]
struct Ctx {
    path: Vec<Seg>,
    problem: Option<FieldError>,
}

impl Ctx {
    fn path_text(&self) -> String {
        let mut out = String::new();
        for seg in &self.path {
            match seg {
                Seg::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Seg::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    }

    /// Records a refusal at the current path and returns the error that stops the parser.
    fn refuse<E: de::Error>(&mut self, message: String) -> E {
        let path = self.path_text();
        self.problem = Some(FieldError::new(path, message));
        E::custom("limit exceeded")
    }
}

/// Builds a [`Value`] like `serde_json` does, but fails on a repeated key and on anything
/// beyond the [`limits`].
struct Strict<'c> {
    ctx: &'c mut Ctx,
    /// The value may be a long base64 text (`data`, `draft_pdf`).
    long: bool,
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl Strict<'_> {
    fn text<E: de::Error>(self, v: &str) -> Result<(), E> {
        let max = if self.long {
            MAX_BASE64_BYTES
        } else {
            MAX_STRING_BYTES
        };
        if v.len() > max {
            return Err(self.ctx.refuse(format!(
                "the text is {} bytes long, more than the {max} bytes allowed here",
                v.len()
            )));
        }
        Ok(())
    }

    fn enter<E: de::Error>(&mut self) -> Result<(), E> {
        if self.ctx.path.len() >= MAX_DEPTH {
            return Err(self.ctx.refuse(format!(
                "nested deeper than {MAX_DEPTH} levels (no Møtebok file is)"
            )));
        }
        Ok(())
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
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

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        self.text::<E>(v)?;
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        self.text::<E>(&v)?;
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

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Value, A::Error> {
        self.enter::<A::Error>()?;
        let mut items = Vec::new();
        loop {
            self.ctx.path.push(Seg::Index(items.len()));
            let next = seq.next_element_seed(Strict {
                ctx: &mut *self.ctx,
                long: false,
            })?;
            let Some(v) = next else {
                self.ctx.path.pop();
                break;
            };
            if items.len() >= MAX_ARRAY_LEN {
                // Named at the first entry too many: `people[10000]`.
                return Err(self
                    .ctx
                    .refuse(format!("the list has more than {MAX_ARRAY_LEN} entries")));
            }
            self.ctx.path.pop();
            items.push(v);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Value, A::Error> {
        self.enter::<A::Error>()?;
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if key.len() > MAX_KEY_BYTES {
                let shown: String = key.chars().take(40).collect();
                return Err(self.ctx.refuse(format!(
                    "the key \"{shown}…\" is longer than {MAX_KEY_BYTES} bytes (no Møtebok \
                     file has such a key)"
                )));
            }
            if out.contains_key(&key) {
                return Err(de::Error::custom(format_args!(
                    "the key \"{key}\" appears twice in one object"
                )));
            }
            if out.len() >= MAX_OBJECT_KEYS {
                return Err(self
                    .ctx
                    .refuse(format!("the object has more than {MAX_OBJECT_KEYS} keys")));
            }
            let long = LONG_KEYS.contains(&key.as_str());
            self.ctx.path.push(Seg::Key(key.clone()));
            let value = map.next_value_seed(Strict {
                ctx: &mut *self.ctx,
                long,
            })?;
            self.ctx.path.pop();
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
            let mut ctx = Ctx::default();
            Strict {
                ctx: &mut ctx,
                long: false,
            }
            .deserialize(d)
            .map(StrictValue)
        }
    }

    #[test]
    fn repeated_key_is_an_error_with_its_line() {
        let e = parse("{\n  \"a\": 1,\n  \"a\": 2\n}").unwrap_err();
        assert!(e.message.contains("\"a\" appears twice"), "{e}");
        assert!(e.message.contains("line 3"), "{e}");
    }

    #[test]
    fn limits_hold_exactly_at_their_bounds() {
        let list = |n: usize| format!("{{\"a\": [{}]}}", vec!["1"; n].join(","));
        assert!(parse(&list(MAX_ARRAY_LEN)).is_ok());
        let e = parse(&list(MAX_ARRAY_LEN + 1)).unwrap_err();
        assert_eq!(e.path, format!("a[{MAX_ARRAY_LEN}]"));
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse(&nested(MAX_DEPTH)).is_ok());
        let e = parse(&nested(MAX_DEPTH + 1)).unwrap_err();
        assert_eq!(e.path, "[0]".repeat(MAX_DEPTH));
        let keys = |n: usize| {
            let k: Vec<String> = (0..n).map(|i| format!("\"k{i}\": 0")).collect();
            format!("{{{}}}", k.join(","))
        };
        assert!(parse(&keys(MAX_OBJECT_KEYS)).is_ok());
        assert!(parse(&keys(MAX_OBJECT_KEYS + 1)).is_err());
        let text = |n: usize, key: &str| format!("{{\"{key}\": \"{}\"}}", "a".repeat(n));
        assert!(parse(&text(MAX_STRING_BYTES, "notes")).is_ok());
        let e = parse(&text(MAX_STRING_BYTES + 1, "notes")).unwrap_err();
        assert_eq!(e.path, "notes");
        assert!(parse(&text(MAX_STRING_BYTES + 1, "data")).is_ok());
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
