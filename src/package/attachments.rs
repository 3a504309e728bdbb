//! Item attachments and origins in the package: `meeting.items[].postponed_from` and
//! `meeting.items[].attachments[]` (see `docs/FORMAT-additions.md`).
//!
//! An attachment is `{ "name", "size", "sha256", "data" }`; `data` is the file's bytes in
//! standard base64 (RFC 4648, with padding). [`super::write`] leaves `data` out;
//! [`super::write_with_attachments`] puts it in. Reading checks `data` against `size` and
//! `sha256`. The `name` must be a plain file name (`model::check_file_name`: no folder, drive
//! or UNC part), and `size` at most 100 MB, checked before any `data` is decoded.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use super::FieldError;
use super::json::Json;
use crate::model::agenda::{Blobs, MAX_ATTACHMENT_BYTES, sha256_hex};
use crate::model::{Attachment, CaseNumber, check_file_name, clean_file_name};

const ATTACHMENT_KEYS: &[&str] = &["name", "size", "sha256", "data"];

/// `meeting.items[].postponed_from`: a case number like `2024/M8-004`.
pub(super) fn case_number(
    v: &Value,
    path: &str,
    errors: &mut Vec<FieldError>,
) -> Option<CaseNumber> {
    let Some(s) = v.as_str() else {
        errors.push(FieldError::new(
            path,
            "expected a case number like \"2024/M8-004\"",
        ));
        return None;
    };
    match CaseNumber::parse(s) {
        Ok(c) if c.to_string() == s => Some(c),
        _ => {
            errors.push(FieldError::new(
                path,
                format!("\"{s}\" is not a case number (like \"2024/M8-004\")"),
            ));
            None
        }
    }
}

/// `meeting.items[].attachments`: the list, with the bytes of those that carry `data` added
/// to `blobs`. `None` (with errors) when any entry is wrong.
pub(super) fn read_list(
    v: &Value,
    path: &str,
    errors: &mut Vec<FieldError>,
    blobs: &mut Blobs,
) -> Option<Vec<Attachment>> {
    let Value::Array(entries) = v else {
        errors.push(FieldError::new(path, "expected an array of attachments"));
        return None;
    };
    let before = errors.len();
    let mut out = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let p = format!("{path}[{i}]");
        if let Some(a) = read_one(entry, &p, errors, blobs) {
            out.push(a);
        }
    }
    (errors.len() == before).then_some(out)
}

fn read_one(
    v: &Value,
    path: &str,
    errors: &mut Vec<FieldError>,
    blobs: &mut Blobs,
) -> Option<Attachment> {
    let Value::Object(obj) = v else {
        errors.push(FieldError::new(path, "expected an object"));
        return None;
    };
    let before = errors.len();
    for key in obj.keys() {
        if !ATTACHMENT_KEYS.contains(&key.as_str()) {
            errors.push(FieldError::new(
                format!("{path}.{key}"),
                "unknown field — this file may come from a newer Møtebok",
            ));
        }
    }
    let field = |key: &str| {
        (
            format!("{path}.{key}"),
            obj.get(key).filter(|v| !v.is_null()),
        )
    };
    let (p, name) = field("name");
    let name = match name.map(Value::as_str) {
        Some(Some(n)) => match check_file_name(n) {
            Ok(()) => Some(n.to_owned()),
            Err(why) => {
                errors.push(FieldError::new(p, why));
                None
            }
        },
        Some(None) => {
            errors.push(FieldError::new(p, "expected a string"));
            None
        }
        None => {
            errors.push(FieldError::new(p, "required field is missing"));
            None
        }
    };
    let (p, size) = field("size");
    let size = match size.map(Value::as_u64) {
        Some(Some(n)) if n > MAX_ATTACHMENT_BYTES => {
            errors.push(FieldError::new(
                p,
                format!(
                    "{n} bytes is more than an attachment may hold ({MAX_ATTACHMENT_BYTES} bytes)"
                ),
            ));
            None
        }
        Some(Some(n)) => Some(n),
        Some(None) => {
            errors.push(FieldError::new(
                p,
                "expected the size in bytes (a whole number, 0 or more)",
            ));
            None
        }
        None => {
            errors.push(FieldError::new(p, "required field is missing"));
            None
        }
    };
    let (p, sha) = field("sha256");
    let sha = match sha.map(Value::as_str) {
        Some(Some(s))
            if s.len() == 64
                && s.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) =>
        {
            Some(s.to_owned())
        }
        Some(_) => {
            errors.push(FieldError::new(
                p,
                "expected 64 lower-case hexadecimal digits (SHA-256)",
            ));
            None
        }
        None => {
            errors.push(FieldError::new(p, "required field is missing"));
            None
        }
    };
    let (p, data) = field("data");
    if let Some(data) = data {
        // The size is checked before decoding, so an oversized `data` is never expanded.
        let encoded_max = size.map(|n| n.div_ceil(3) * 4);
        match data.as_str().map(|s| match encoded_max {
            Some(max) if s.len() as u64 > max => Err(None),
            _ if s.len() as u64 > MAX_ATTACHMENT_BYTES.div_ceil(3) * 4 => Err(None),
            _ => STANDARD.decode(s).map_err(Some),
        }) {
            None => errors.push(FieldError::new(
                &p,
                "expected the file's bytes as a base64 string",
            )),
            Some(Err(Some(e))) => {
                errors.push(FieldError::new(&p, format!("not valid base64: {e}")));
            }
            Some(Err(None)) => errors.push(FieldError::new(
                &p,
                "holds more bytes than size says (or than an attachment may hold)",
            )),
            Some(Ok(bytes)) => {
                if let (Some(size), Some(sha)) = (size, &sha) {
                    if bytes.len() as u64 != size {
                        errors.push(FieldError::new(
                            &p,
                            format!("holds {} bytes, but size says {size}", bytes.len()),
                        ));
                    } else if &sha256_hex(&bytes) != sha {
                        errors.push(FieldError::new(
                            &p,
                            "the bytes do not match sha256 (the file is damaged or was changed)",
                        ));
                    } else {
                        blobs.insert(sha.clone(), bytes);
                    }
                }
            }
        }
    }
    if errors.len() != before {
        return None;
    }
    Some(Attachment {
        name: name?,
        size_bytes: size?,
        sha256: sha?,
    })
}

/// The attachment list as written (without `data`), or `None` when the item has none.
pub(super) fn write_list(list: &[Attachment]) -> Option<Json> {
    (!list.is_empty()).then(|| {
        Json::Arr(
            list.iter()
                .map(|a| {
                    Json::Obj(vec![
                        // A name stored before names were checked is written cleaned, so
                        // the package can be read again.
                        ("name", Json::Str(clean_file_name(&a.name))),
                        (
                            "size",
                            Json::Int(i64::try_from(a.size_bytes).unwrap_or(i64::MAX)),
                        ),
                        ("sha256", Json::Str(a.sha256.clone())),
                    ])
                })
                .collect(),
        )
    })
}

/// Adds `data` to every attachment in a written package whose bytes are in `blobs`.
pub(super) fn add_data(package: &mut Json, blobs: &Blobs) {
    let Some(items) = get_mut(package, "meeting").and_then(|m| get_mut(m, "items")) else {
        return;
    };
    let Json::Arr(items) = items else { return };
    for item in items {
        let Some(Json::Arr(list)) = get_mut(item, "attachments") else {
            continue;
        };
        for a in list {
            let Json::Obj(fields) = a else { continue };
            let sha = fields.iter().find_map(|(k, v)| match (k, v) {
                (&"sha256", Json::Str(s)) => Some(s.clone()),
                _ => None,
            });
            if let Some(bytes) = sha.and_then(|s| blobs.get(&s)) {
                fields.push(("data", Json::Str(STANDARD.encode(bytes))));
            }
        }
    }
}

fn get_mut<'a>(json: &'a mut Json, key: &str) -> Option<&'a mut Json> {
    match json {
        Json::Obj(fields) => fields.iter_mut().find(|(k, _)| *k == key).map(|(_, v)| v),
        _ => None,
    }
}
