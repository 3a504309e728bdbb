//! Reading and validating a meeting package: walks the JSON by hand so every problem names
//! its field, and collects every problem it can before refusing the file.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveTime};
use serde_json::{Map, Value};

use super::{FORMAT, FieldError, PackageError, VERSION, json};
use crate::model::{
    Attendance, AttendanceStatus, Body, Disqualification, Exemption, Item, ItemKind, Meeting,
    MeetingRecord, MeetingRef, MeetingStatus, Membership, Outcome, Person, PersonId, QuorumRule,
    Role,
};
use crate::model::{Deadline, FollowUp, Vote};

/// The keys each object may have. Anything else is refused, never dropped.
const TOP_KEYS: &[&str] = &["format", "version", "body", "people", "meeting"];
const BODY_KEYS: &[&str] = &["name", "members", "quorum"];
const QUORUM_KEYS: &[&str] = &["rule", "numerator", "denominator", "members"];
const DISQUALIFICATION_KEYS: &[&str] = &["person", "item", "reason"];
const MEMBER_KEYS: &[&str] = &["person", "role", "municipality", "from", "to"];
const PERSON_KEYS: &[&str] = &["id", "name", "organization"];
const MEETING_KEYS: &[&str] = &[
    "year",
    "number",
    "date",
    "start",
    "end",
    "place",
    "chair",
    "referent",
    "status",
    "attendance",
    "disqualifications",
    "items",
];
const ATTENDANCE_KEYS: &[&str] = &[
    "person",
    "status",
    "deputy_for",
    "arrived",
    "arrived_at_item",
    "left",
    "left_after_item",
    "note",
];
const ITEM_KEYS: &[&str] = &[
    "number",
    "title",
    "kind",
    "presenters",
    "description",
    "proposed_decision",
    "decision",
    "guests",
    "notes",
    "exempt",
    "planned_minutes",
    "outcome",
    "postponed_from",
    "attachments",
    "started",
    "ended",
    "vote",
    "follow_ups",
];
const EXEMPT_KEYS: &[&str] = &["basis"];
const VOTE_KEYS: &[&str] = &["kind", "for", "against", "abstaining"];
const FOLLOW_UP_KEYS: &[&str] = &["task", "responsible", "deadline", "deadline_text", "done"];

const MISSING: &str = "required field is missing";
const UNKNOWN_FIELD: &str = "unknown field — this file may come from a newer Møtebok";

/// Reads and validates a package. See [`super::read`].
pub(super) fn read(text: &str) -> Result<MeetingRecord, PackageError> {
    read_with_blobs(text).map(|(record, _)| record)
}

/// Like [`read`], also giving the bytes of the attachments that carry `data`.
pub(super) fn read_with_blobs(
    text: &str,
) -> Result<(MeetingRecord, crate::model::agenda::Blobs), PackageError> {
    super::check_size(text, super::MAX_PACKAGE_BYTES, "meeting package")?;
    let root = json::parse(text)?;
    let mut reader = Reader::default();
    let record = reader.record(&root);
    match record {
        _ if !reader.errors.is_empty() => Err(PackageError {
            errors: reader.errors,
        }),
        Some(record) => Ok((record, reader.blobs)),
        // Every path that yields no record reports why; this is a safety net.
        None => Err(FieldError::new("", "the file could not be read").into()),
    }
}

/// How a JSON value is described in "expected ..., found ..." messages.
fn found(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn key_path(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn index_path(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// "a, b or c".
fn one_of<'a>(codes: impl IntoIterator<Item = &'a str>) -> String {
    let codes: Vec<&str> = codes.into_iter().collect();
    match codes.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => (*last).to_owned(),
        None => String::new(),
    }
}

/// Walks the JSON tree and collects errors.
#[derive(Default)]
struct Reader {
    errors: Vec<FieldError>,
    /// The person ids the file defines; `None` when `people` is unusable, so that references
    /// are not all reported as dangling on top of that one error.
    people: Option<HashSet<String>>,
    /// Attachment bytes found in `data` fields, by SHA-256.
    blobs: crate::model::agenda::Blobs,
}

impl Reader {
    fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(FieldError::new(path, message));
    }

    /// The value as an object, reporting a wrong type and every key not in `keys`.
    fn object<'v>(
        &mut self,
        v: &'v Value,
        path: &str,
        keys: &[&str],
    ) -> Option<&'v Map<String, Value>> {
        let Value::Object(map) = v else {
            self.error(path, format!("expected an object, found {}", found(v)));
            return None;
        };
        for key in map.keys() {
            if !keys.contains(&key.as_str()) {
                self.error(key_path(path, key), UNKNOWN_FIELD);
            }
        }
        Some(map)
    }

    fn array<'v>(&mut self, v: &'v Value, path: &str) -> Option<&'v [Value]> {
        if let Value::Array(items) = v {
            Some(items)
        } else {
            self.error(path, format!("expected an array, found {}", found(v)));
            None
        }
    }

    /// Reads `obj[key]` with `convert`. A missing required field is an error; a missing or
    /// `null` optional field gives `None` without error.
    fn field<T>(
        &mut self,
        obj: &Map<String, Value>,
        path: &str,
        key: &str,
        required: bool,
        convert: impl FnOnce(&mut Self, &Value, &str) -> Option<T>,
    ) -> Option<T> {
        let path = key_path(path, key);
        match obj.get(key) {
            None if required => {
                self.error(path, MISSING);
                None
            }
            None | Some(Value::Null) if !required => None,
            Some(v) => convert(self, v, &path),
            None => None,
        }
    }

    fn string(&mut self, v: &Value, path: &str) -> Option<String> {
        if let Value::String(s) = v {
            Some(s.clone())
        } else {
            self.error(path, format!("expected a string, found {}", found(v)));
            None
        }
    }

    /// A whole number in `min..=max`.
    fn int(&mut self, v: &Value, path: &str, min: i64, max: i64) -> Option<i64> {
        let Value::Number(n) = v else {
            self.error(path, format!("expected a whole number, found {}", found(v)));
            return None;
        };
        let Some(n) = n.as_i64() else {
            if n.is_u64() {
                self.error(path, format!("{n} is too large (at most {max})"));
            } else {
                self.error(path, format!("expected a whole number, found {n}"));
            }
            return None;
        };
        if (min..=max).contains(&n) {
            Some(n)
        } else if max >= i64::from(u32::MAX) {
            if n < min {
                self.error(path, format!("must be {min} or more, found {n}"));
            } else {
                self.error(path, format!("{n} is too large (at most {max})"));
            }
            None
        } else {
            self.error(path, format!("must be from {min} to {max}, found {n}"));
            None
        }
    }

    fn u32(&mut self, v: &Value, path: &str, min: u32) -> Option<u32> {
        let n = self.int(v, path, i64::from(min), i64::from(u32::MAX))?;
        u32::try_from(n).ok()
    }

    fn date(&mut self, v: &Value, path: &str) -> Option<NaiveDate> {
        let s = self.string(v, path)?;
        match NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
            Ok(d) if d.format("%Y-%m-%d").to_string() == s => Some(d),
            _ => {
                self.error(path, format!("\"{s}\" is not a date (YYYY-MM-DD)"));
                None
            }
        }
    }

    fn time(&mut self, v: &Value, path: &str) -> Option<NaiveTime> {
        let s = self.string(v, path)?;
        match NaiveTime::parse_from_str(&s, "%H:%M") {
            Ok(t) if t.format("%H:%M").to_string() == s => Some(t),
            _ => {
                self.error(path, format!("\"{s}\" is not a time (HH:MM)"));
                None
            }
        }
    }

    /// One of a closed set of codes; `what` names the field in the message ("kind").
    fn code<T: Copy>(
        &mut self,
        v: &Value,
        path: &str,
        what: &str,
        from_code: impl Fn(&str) -> Option<T>,
        all: impl IntoIterator<Item = &'static str>,
    ) -> Option<T> {
        let s = self.string(v, path)?;
        let parsed = from_code(&s);
        if parsed.is_none() {
            self.error(
                path,
                format!("unknown {what} \"{s}\" (expected {})", one_of(all)),
            );
        }
        parsed
    }

    /// A reference to a person defined in `people`.
    fn person_ref(&mut self, v: &Value, path: &str) -> Option<PersonId> {
        let id = self.string(v, path)?;
        if let Some(known) = &self.people
            && !known.contains(&id)
        {
            self.error(path, format!("unknown person \"{id}\""));
            return None;
        }
        Some(PersonId(id))
    }

    /// An array of person references, each listed once.
    fn person_list(&mut self, v: &Value, path: &str) -> Option<Vec<PersonId>> {
        let items = self.array(v, path)?;
        let mut out = Vec::with_capacity(items.len());
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let p = index_path(path, i);
            match self.person_ref(item, &p) {
                Some(id) => {
                    if let Some(j) = item.as_str().and_then(|s| seen.insert(s, i)) {
                        self.error(
                            p,
                            format!("\"{id}\" is listed twice (also {})", index_path(path, j)),
                        );
                        ok = false;
                    }
                    out.push(id);
                }
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn record(&mut self, root: &Value) -> Option<MeetingRecord> {
        let Value::Object(top) = root else {
            self.error(
                "",
                format!(
                    "expected a JSON object (a Møtebok meeting package), found {}",
                    found(root)
                ),
            );
            return None;
        };
        // Format and version first: if the file is something else, nothing below means anything.
        match top.get("format") {
            Some(Value::String(s)) if s == FORMAT => {}
            Some(Value::String(s)) => {
                self.error(
                    "format",
                    format!("\"{s}\" is not a Møtebok meeting package (expected \"{FORMAT}\")"),
                );
                return None;
            }
            Some(v) => {
                self.error(
                    "format",
                    format!("expected the string \"{FORMAT}\", found {}", found(v)),
                );
                return None;
            }
            None => {
                self.error(
                    "format",
                    format!(
                        "required field is missing — this is not a Møtebok meeting package \
                         (expected \"format\": \"{FORMAT}\")"
                    ),
                );
                return None;
            }
        }
        match top.get("version") {
            None => self.error("version", MISSING),
            Some(v) => match v.as_u64() {
                Some(n) if n > u64::from(VERSION) => {
                    self.error(
                        "version",
                        format!(
                            "this file was made by a newer Møtebok (format version {n}); this \
                             Møtebok reads version {VERSION} — update Møtebok to open it"
                        ),
                    );
                    return None;
                }
                Some(n) if n == u64::from(VERSION) => {}
                Some(n) => self.error(
                    "version",
                    format!("version {n} does not exist (expected {VERSION})"),
                ),
                None => {
                    self.int(v, "version", 1, i64::from(VERSION));
                }
            },
        }
        self.object(root, "", TOP_KEYS);

        // Person ids first, so references anywhere can be checked in document order. When some
        // person has no readable id, no reference can be judged: only that person is reported.
        self.people = match top.get("people") {
            Some(Value::Array(people)) => people
                .iter()
                .map(|p| p.get("id").and_then(Value::as_str).map(str::to_owned))
                .collect(),
            _ => None,
        };

        let body = self.field(top, "", "body", true, Self::body);
        let people = self.field(top, "", "people", true, Self::people);
        let meeting = self.field(top, "", "meeting", true, Self::meeting);
        Some(MeetingRecord {
            body: body?,
            people: people?,
            meeting: meeting?,
        })
    }

    fn body(&mut self, v: &Value, path: &str) -> Option<Body> {
        let obj = self.object(v, path, BODY_KEYS)?;
        let name = self.field(obj, path, "name", true, Self::string);
        let members = self.field(obj, path, "members", false, |r, v, p| {
            let items = r.array(v, p)?;
            let mut out = Vec::with_capacity(items.len());
            let mut ok = true;
            for (i, item) in items.iter().enumerate() {
                match r.membership(item, &index_path(p, i)) {
                    Some(m) => out.push(m),
                    None => ok = false,
                }
            }
            ok.then_some(out)
        });
        let members_ok = members.is_some() || obj.get("members").is_none_or(Value::is_null);
        let quorum = self.field(obj, path, "quorum", false, Self::quorum);
        let quorum_ok = quorum.is_some() || obj.get("quorum").is_none_or(Value::is_null);
        if !members_ok || !quorum_ok {
            return None;
        }
        Some(Body {
            name: name?,
            members: members.unwrap_or_default(),
            quorum: quorum.unwrap_or_default(),
        })
    }

    /// `body.quorum`: `{ "rule": "at_least" | "more_than", "numerator": n, "denominator": d }`
    /// or `{ "rule": "count", "members": n }`.
    fn quorum(&mut self, v: &Value, path: &str) -> Option<QuorumRule> {
        let obj = self.object(v, path, QUORUM_KEYS)?;
        let rule = self.field(obj, path, "rule", true, |r, v, p| {
            let s = r.string(v, p)?;
            if ["at_least", "more_than", "count"].contains(&s.as_str()) {
                Some(s)
            } else {
                r.error(
                    p,
                    format!("unknown quorum rule \"{s}\" (expected at_least, more_than or count)"),
                );
                None
            }
        })?;
        let (numbers, unused): (&[&str], &[&str]) = if rule == "count" {
            (&["members"], &["numerator", "denominator"])
        } else {
            (&["numerator", "denominator"], &["members"])
        };
        for key in unused {
            if obj.contains_key(*key) {
                self.error(
                    key_path(path, key),
                    format!("not used with rule \"{rule}\""),
                );
            }
        }
        let mut values = Vec::new();
        for key in numbers {
            values.push(self.field(obj, path, key, true, |r, v, p| r.u32(v, p, 1)));
        }
        let values: Vec<u32> = values.into_iter().collect::<Option<_>>()?;
        let (n, d) = match values.as_slice() {
            [n] => (*n, 1),
            [n, d] => (*n, *d),
            _ => return None,
        };
        let parsed = QuorumRule::from_parts(&rule, n, d);
        if parsed.is_none() {
            self.error(
                path,
                format!("{n}/{d} is not a usable fraction for \"{rule}\" (at_least: numerator at most denominator; more_than: numerator below denominator)"),
            );
        }
        parsed
    }

    fn membership(&mut self, v: &Value, path: &str) -> Option<Membership> {
        let obj = self.object(v, path, MEMBER_KEYS)?;
        let person = self.field(obj, path, "person", true, Self::person_ref);
        let role = self.field(obj, path, "role", true, |r, v, p| {
            r.code(v, p, "role", Role::from_code, Role::ALL.map(Role::code))
        });
        let municipality = self.field(obj, path, "municipality", false, Self::string);
        let from = self.field(obj, path, "from", false, Self::date);
        let to = self.field(obj, path, "to", false, Self::date);
        if let (Some(f), Some(t)) = (from, to)
            && t < f
        {
            self.error(
                key_path(path, "to"),
                format!("{t} is before the start of the membership ({f})"),
            );
            return None;
        }
        Some(Membership {
            person: person?,
            role: role?,
            municipality,
            from,
            to,
        })
    }

    fn people(&mut self, v: &Value, path: &str) -> Option<Vec<Person>> {
        let items = self.array(v, path)?;
        let mut out = Vec::with_capacity(items.len());
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let p = index_path(path, i);
            let Some(obj) = self.object(item, &p, PERSON_KEYS) else {
                ok = false;
                continue;
            };
            let id = self.field(obj, &p, "id", true, |r, v, p| {
                let id = r.string(v, p)?;
                if id.trim().is_empty() {
                    r.error(p, "a person id must not be empty");
                    return None;
                }
                Some(id)
            });
            if let Some(id) = &id
                && let Some(j) = seen.insert(id.clone(), i)
            {
                self.error(
                    key_path(&p, "id"),
                    format!(
                        "duplicate person id \"{id}\" (also {})",
                        key_path(&index_path(path, j), "id")
                    ),
                );
                ok = false;
            }
            let name = self.field(obj, &p, "name", true, Self::string);
            let organization = self.field(obj, &p, "organization", false, Self::string);
            match (id, name) {
                (Some(id), Some(name)) => out.push(Person {
                    id: PersonId(id),
                    name,
                    organization,
                }),
                _ => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn meeting(&mut self, v: &Value, path: &str) -> Option<Meeting> {
        let obj = self.object(v, path, MEETING_KEYS)?;
        let year = self
            .field(obj, path, "year", true, |r, v, p| r.int(v, p, 1000, 9999))
            .and_then(|y| i32::try_from(y).ok());
        let number = self.field(obj, path, "number", true, |r, v, p| r.u32(v, p, 1));
        let date = self.field(obj, path, "date", true, Self::date);
        let start = self.field(obj, path, "start", false, Self::time);
        let end = self.field(obj, path, "end", false, Self::time);
        let place = self.field(obj, path, "place", false, Self::string);
        let chair = self.field(obj, path, "chair", false, Self::person_ref);
        let referent = self.field(obj, path, "referent", false, Self::person_ref);
        let status = self.field(obj, path, "status", false, |r, v, p| {
            r.code(
                v,
                p,
                "meeting status",
                MeetingStatus::from_code,
                MeetingStatus::ALL.iter().map(|s| s.code()),
            )
        });
        let attendance = self.field(obj, path, "attendance", false, Self::attendance_list);
        let disqualifications = self.field(
            obj,
            path,
            "disqualifications",
            false,
            Self::disqualifications,
        );
        let items = self.field(obj, path, "items", true, Self::items);

        let items = items?;
        let disqualifications_ok =
            disqualifications.is_some() || obj.get("disqualifications").is_none_or(Value::is_null);
        if !self.item_references(
            path,
            &items,
            attendance.as_deref(),
            disqualifications.as_deref(),
        ) || !disqualifications_ok
        {
            return None;
        }
        let status = status.unwrap_or_else(|| {
            if items.iter().any(|i| i.decision.is_some()) {
                MeetingStatus::DraftMinutes
            } else {
                MeetingStatus::Planned
            }
        });
        let attendance_ok =
            attendance.is_some() || obj.get("attendance").is_none_or(Value::is_null);
        if !attendance_ok {
            return None;
        }
        Some(Meeting {
            reference: MeetingRef::new(year?, number?),
            date: date?,
            start,
            end,
            place: place.unwrap_or_default(),
            chair,
            referent,
            status,
            attendance: attendance.unwrap_or_default(),
            items,
            disqualifications: disqualifications.unwrap_or_default(),
        })
    }

    /// `meeting.disqualifications`: `[{ "person": id, "item": n, "reason": "..." }]`, each
    /// person at most once per item.
    fn disqualifications(&mut self, v: &Value, path: &str) -> Option<Vec<Disqualification>> {
        let rows = self.array(v, path)?;
        let mut out = Vec::with_capacity(rows.len());
        let mut seen: HashMap<(String, u32), usize> = HashMap::new();
        let mut ok = true;
        for (i, row) in rows.iter().enumerate() {
            let p = index_path(path, i);
            let Some(obj) = self.object(row, &p, DISQUALIFICATION_KEYS) else {
                ok = false;
                continue;
            };
            let person = self.field(obj, &p, "person", true, Self::person_ref);
            let item = self.field(obj, &p, "item", true, |r, v, p| r.u32(v, p, 1));
            let reason = self.field(obj, &p, "reason", true, |r, v, p| {
                let s = r.string(v, p)?;
                if s.trim().is_empty() {
                    r.error(
                        p,
                        "must not be empty: give the reason, e.g. \"fvl. § 6 første ledd\"",
                    );
                    return None;
                }
                Some(s)
            });
            let (Some(person), Some(item), Some(reason)) = (person, item, reason) else {
                ok = false;
                continue;
            };
            if let Some(j) = seen.insert((person.0.clone(), item), i) {
                self.error(
                    p,
                    format!(
                        "\"{person}\" is already disqualified for item {item} ({})",
                        index_path(path, j)
                    ),
                );
                ok = false;
                continue;
            }
            out.push(Disqualification {
                person,
                item,
                reason,
            });
        }
        ok.then_some(out)
    }

    /// Checks that arrivals, departures and disqualifications name items the meeting has,
    /// and that nobody leaves before they arrive. Returns whether all is well.
    fn item_references(
        &mut self,
        path: &str,
        items: &[Item],
        attendance: Option<&[Attendance]>,
        disqualifications: Option<&[Disqualification]>,
    ) -> bool {
        let numbers: HashSet<u32> = items.iter().map(|i| i.number).collect();
        let before = self.errors.len();
        let no_item = |n: u32| format!("there is no item {n} in meeting.items");
        for (i, row) in attendance.unwrap_or_default().iter().enumerate() {
            let p = index_path(&key_path(path, "attendance"), i);
            if let Some(n) = row.arrived_item.filter(|n| !numbers.contains(n)) {
                self.error(key_path(&p, "arrived_at_item"), no_item(n));
            }
            if let Some(n) = row.left_after_item.filter(|n| !numbers.contains(n)) {
                self.error(key_path(&p, "left_after_item"), no_item(n));
            }
            if let (Some(a), Some(l)) = (row.arrived_item, row.left_after_item)
                && l < a
            {
                self.error(
                    key_path(&p, "left_after_item"),
                    format!("{l} is before the item the person arrived at ({a})"),
                );
            }
        }
        for (i, d) in disqualifications.unwrap_or_default().iter().enumerate() {
            if !numbers.contains(&d.item) {
                let p = index_path(&key_path(path, "disqualifications"), i);
                self.error(key_path(&p, "item"), no_item(d.item));
            }
        }
        self.errors.len() == before
    }

    fn attendance_list(&mut self, v: &Value, path: &str) -> Option<Vec<Attendance>> {
        let rows = self.array(v, path)?;
        let mut out = Vec::with_capacity(rows.len());
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut ok = true;
        for (i, row) in rows.iter().enumerate() {
            let p = index_path(path, i);
            let Some(a) = self.attendance(row, &p) else {
                ok = false;
                continue;
            };
            if let Some(j) = seen.insert(a.person.0.clone(), i) {
                self.error(
                    key_path(&p, "person"),
                    format!(
                        "\"{}\" already has an attendance row ({})",
                        a.person,
                        index_path(path, j)
                    ),
                );
                ok = false;
            }
            out.push(a);
        }
        ok.then_some(out)
    }

    fn attendance(&mut self, v: &Value, path: &str) -> Option<Attendance> {
        let obj = self.object(v, path, ATTENDANCE_KEYS)?;
        let person = self.field(obj, path, "person", true, Self::person_ref);
        let status = self.field(obj, path, "status", true, |r, v, p| {
            r.code(
                v,
                p,
                "attendance status",
                AttendanceStatus::from_code,
                AttendanceStatus::ALL.iter().map(|s| s.code()),
            )
        });
        let deputy_for = self.field(obj, path, "deputy_for", false, Self::person_ref);
        let arrived = self.field(obj, path, "arrived", false, Self::time);
        let arrived_item = self.field(obj, path, "arrived_at_item", false, |r, v, p| {
            r.u32(v, p, 1)
        });
        let left = self.field(obj, path, "left", false, Self::time);
        let left_after_item = self.field(obj, path, "left_after_item", false, |r, v, p| {
            r.u32(v, p, 1)
        });
        let note = self.field(obj, path, "note", false, Self::string);
        if status == Some(AttendanceStatus::Deputy)
            && obj.get("deputy_for").is_none_or(Value::is_null)
        {
            self.error(
                key_path(path, "deputy_for"),
                "required when status is \"deputy\": name the member met for",
            );
            return None;
        }
        if let (Some(p), Some(d)) = (&person, &deputy_for)
            && p == d
        {
            self.error(
                key_path(path, "deputy_for"),
                format!("\"{p}\" cannot be deputy for themselves"),
            );
            return None;
        }
        Some(Attendance {
            person: person?,
            status: status?,
            deputy_for,
            arrived,
            left,
            note,
            arrived_item,
            left_after_item,
        })
    }

    fn items(&mut self, v: &Value, path: &str) -> Option<Vec<Item>> {
        let values = self.array(v, path)?;
        let mut items = Vec::with_capacity(values.len());
        let mut numbers = Vec::with_capacity(values.len());
        let mut ok = true;
        for (i, value) in values.iter().enumerate() {
            let (number, item) = self.item(value, &index_path(path, i));
            numbers.push(number);
            match item {
                Some(item) => items.push(item),
                None => ok = false,
            }
        }

        // Numbers: each once, then 1, 2, 3 ... in agenda order.
        let mut first_at: HashMap<u32, usize> = HashMap::new();
        let mut duplicates = false;
        for (i, n) in numbers.iter().enumerate() {
            let Some(n) = *n else { continue };
            if let Some(j) = first_at.get(&n) {
                self.error(
                    key_path(&index_path(path, i), "number"),
                    format!(
                        "duplicate item number {n} (also {})",
                        key_path(&index_path(path, *j), "number")
                    ),
                );
                duplicates = true;
            } else {
                first_at.insert(n, i);
            }
        }
        if duplicates {
            return None;
        }
        for (i, n) in numbers.iter().enumerate() {
            let expected = i + 1;
            if let Some(n) = *n
                && usize::try_from(n).ok() != Some(expected)
            {
                self.error(
                    key_path(&index_path(path, i), "number"),
                    format!(
                        "expected {expected}, found {n} (items are numbered 1, 2, 3 … in \
                         agenda order, without gaps)"
                    ),
                );
                return None;
            }
        }
        ok.then_some(items)
    }

    /// One item, and its number even when something else in it is wrong.
    fn item(&mut self, v: &Value, path: &str) -> (Option<u32>, Option<Item>) {
        let Some(obj) = self.object(v, path, ITEM_KEYS) else {
            return (None, None);
        };
        let number = self.field(obj, path, "number", true, |r, v, p| r.u32(v, p, 1));
        let title = self.field(obj, path, "title", true, Self::string);
        let kind = self.field(obj, path, "kind", true, |r, v, p| {
            r.code(
                v,
                p,
                "kind",
                ItemKind::from_code,
                ItemKind::ALL.iter().map(|k| k.code()),
            )
        });
        let presenters = self.list_field(obj, path, "presenters");
        let description = self.field(obj, path, "description", false, Self::string);
        let proposed_decision = self.field(obj, path, "proposed_decision", false, Self::string);
        let decision = self.field(obj, path, "decision", false, Self::string);
        let guests = self.list_field(obj, path, "guests");
        let notes = self.field(obj, path, "notes", false, Self::string);
        let exempt = self.field(obj, path, "exempt", false, |r, v, p| {
            let o = r.object(v, p, EXEMPT_KEYS)?;
            let basis = r.field(o, p, "basis", true, Self::string)?;
            Some(Exemption { basis })
        });
        let exempt_ok = exempt.is_some() || obj.get("exempt").is_none_or(Value::is_null);
        let planned_minutes = self.field(obj, path, "planned_minutes", false, |r, v, p| {
            r.u32(v, p, 0)
        });
        let outcome = self.field(obj, path, "outcome", false, |r, v, p| {
            r.code(
                v,
                p,
                "outcome",
                Outcome::from_code,
                Outcome::ALL.iter().map(|o| o.code()),
            )
        });
        let started = self.field(obj, path, "started", false, Self::time);
        let ended = self.field(obj, path, "ended", false, Self::time);
        let vote = self.field(obj, path, "vote", false, Self::vote);
        let vote_ok = vote.is_some() || obj.get("vote").is_none_or(Value::is_null);
        let follow_ups = match obj.get("follow_ups") {
            None | Some(Value::Null) => Some(Vec::new()),
            Some(v) => self.follow_ups(v, &key_path(path, "follow_ups")),
        };
        let postponed_from = self.field(obj, path, "postponed_from", false, |r, v, p| {
            super::attachments::case_number(v, p, &mut r.errors)
        });
        let attachments = self.field(obj, path, "attachments", false, |r, v, p| {
            super::attachments::read_list(v, p, &mut r.errors, &mut r.blobs)
        });
        let item = (|| {
            if !exempt_ok || !vote_ok {
                return None;
            }
            Some(Item {
                number: number?,
                title: title?,
                kind: kind?,
                presenters: presenters?,
                description,
                proposed_decision,
                decision,
                guests: guests?,
                notes,
                exempt,
                planned_minutes,
                outcome,
                started,
                ended,
                vote,
                follow_ups: follow_ups?,
                postponed_from,
                attachments: attachments.unwrap_or_default(),
            })
        })();
        (number, item)
    }

    /// `{ "kind": "unanimous" }`, `{ "kind": "counted", "for": 5, "against": 2, "abstaining": 0 }`
    /// or `{ "kind": "named", "for": [ids], "against": [ids], "abstaining": [ids] }`.
    fn vote(&mut self, v: &Value, path: &str) -> Option<Vote> {
        let obj = self.object(v, path, VOTE_KEYS)?;
        let kind = self.field(obj, path, "kind", true, Self::string)?;
        let lists = ["for", "against", "abstaining"];
        match kind.as_str() {
            "unanimous" => {
                for key in lists {
                    if obj.contains_key(key) {
                        self.error(
                            key_path(path, key),
                            "not allowed when kind is \"unanimous\"",
                        );
                        return None;
                    }
                }
                Some(Vote::Unanimous)
            }
            "counted" => {
                let [f, a, b] =
                    lists.map(|key| self.field(obj, path, key, true, |r, v, p| r.u32(v, p, 0)));
                Some(Vote::Counted {
                    for_votes: f?,
                    against: a?,
                    abstaining: b?,
                })
            }
            "named" => {
                let [f, a, b] = lists.map(|key| match obj.get(key) {
                    None | Some(Value::Null) => Some(Vec::new()),
                    Some(v) => self.person_list(v, &key_path(path, key)),
                });
                let (f, a, b) = (f?, a?, b?);
                let mut seen: HashMap<&PersonId, &str> = HashMap::new();
                for (key, list) in [("for", &f), ("against", &a), ("abstaining", &b)] {
                    for (i, p) in list.iter().enumerate() {
                        if let Some(other) = seen.insert(p, key) {
                            self.error(
                                index_path(&key_path(path, key), i),
                                format!("\"{p}\" already voted \"{other}\""),
                            );
                            return None;
                        }
                    }
                }
                Some(Vote::Named {
                    for_votes: f,
                    against: a,
                    abstaining: b,
                })
            }
            other => {
                self.error(
                    key_path(path, "kind"),
                    format!("unknown vote kind \"{other}\" (expected unanimous, counted or named)"),
                );
                None
            }
        }
    }

    fn follow_ups(&mut self, v: &Value, path: &str) -> Option<Vec<FollowUp>> {
        let values = self.array(v, path)?;
        let mut out = Vec::with_capacity(values.len());
        let mut ok = true;
        for (i, value) in values.iter().enumerate() {
            match self.follow_up(value, &index_path(path, i)) {
                Some(f) => out.push(f),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn follow_up(&mut self, v: &Value, path: &str) -> Option<FollowUp> {
        let obj = self.object(v, path, FOLLOW_UP_KEYS)?;
        let task = self.field(obj, path, "task", true, Self::string);
        let responsible = self.field(obj, path, "responsible", false, Self::person_ref);
        let responsible_ok =
            responsible.is_some() || obj.get("responsible").is_none_or(Value::is_null);
        let date = self.field(obj, path, "deadline", false, Self::date);
        let text = self.field(obj, path, "deadline_text", false, Self::string);
        let done = self.field(obj, path, "done", false, Self::date);
        let deadline = match (date, text) {
            (Some(_), Some(_)) => {
                self.error(
                    key_path(path, "deadline_text"),
                    "a follow-up has a deadline date or a deadline text, not both",
                );
                return None;
            }
            (Some(d), None) => Some(Deadline::Date(d)),
            (None, Some(t)) => Some(Deadline::Text(t)),
            (None, None) => None,
        };
        if !responsible_ok {
            return None;
        }
        Some(FollowUp {
            task: task?,
            responsible,
            deadline,
            done,
        })
    }

    /// An optional list of person references: `Some(empty)` when absent, `None` when wrong.
    fn list_field(
        &mut self,
        obj: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<Vec<PersonId>> {
        match obj.get(key) {
            None | Some(Value::Null) => Some(Vec::new()),
            Some(v) => self.person_list(v, &key_path(path, key)),
        }
    }
}
