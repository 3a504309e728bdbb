//! The agenda builder's tables: attachment bytes (by SHA-256) and the items' attachment lists,
//! where a postponed item came from, a body's standard items, and the agenda as the notice
//! sent it.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde_json::{Value, json};

use super::changes::Changes;
use super::{MeetingId, Store, StoreError};
use crate::model::agenda::{
    ItemTemplate, NoticeBaseline, TemplatePresenter, default_template, previous_reference,
    sha256_hex,
};
use crate::model::{
    Attachment, CaseNumber, Exemption, Item, ItemKind, Meeting, MeetingRecord, MeetingRef, PersonId,
};

pub use crate::model::agenda::Blobs;

fn bad(conn: &Connection, detail: String) -> StoreError {
    let path = conn.path().filter(|p| !p.is_empty()).unwrap_or(":memory:");
    StoreError::Corrupt {
        path: path.into(),
        detail,
    }
}

fn item_ids(conn: &Connection, meeting_id: i64) -> Result<HashMap<u32, i64>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT number, id FROM items WHERE meeting_id = ?1")?
        .query_map([meeting_id], |r| r.try_into())?
        .collect::<Result<_, _>>()?)
}

/// Reads the items' attachments and origins into `meeting` (items already loaded).
pub(super) fn load_agenda(
    conn: &Connection,
    meeting_id: i64,
    meeting: &mut Meeting,
) -> Result<(), StoreError> {
    let numbers: HashMap<i64, u32> = item_ids(conn, meeting_id)?
        .into_iter()
        .map(|(n, id)| (id, n))
        .collect();
    let mut attachments: HashMap<u32, Vec<Attachment>> = HashMap::new();
    let rows = conn
        .prepare_cached(
            "SELECT a.item_id, a.name, a.size_bytes, a.sha256 FROM item_attachments a
             JOIN items i ON i.id = a.item_id
             WHERE i.meeting_id = ?1 ORDER BY a.item_id, a.position",
        )?
        .query_map([meeting_id], |r| <(i64, String, i64, String)>::try_from(r))?
        .collect::<Result<Vec<_>, _>>()?;
    for (item_id, name, size, sha256) in rows {
        let Some(&number) = numbers.get(&item_id) else {
            continue;
        };
        let size_bytes = u64::try_from(size)
            .map_err(|_| bad(conn, format!("attachment size {size} is out of range")))?;
        attachments.entry(number).or_default().push(Attachment {
            name,
            size_bytes,
            sha256,
        });
    }
    let origins = conn
        .prepare_cached(
            "SELECT o.item_id, o.postponed_from FROM item_origins o
             JOIN items i ON i.id = o.item_id WHERE i.meeting_id = ?1",
        )?
        .query_map([meeting_id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut from: HashMap<u32, CaseNumber> = HashMap::new();
    for (item_id, text) in origins {
        if let Some(&number) = numbers.get(&item_id) {
            let case = CaseNumber::parse(&text)
                .map_err(|_| bad(conn, format!("«{text}» is not a case number")))?;
            from.insert(number, case);
        }
    }
    for item in &mut meeting.items {
        item.attachments = attachments.remove(&item.number).unwrap_or_default();
        item.postponed_from = from.remove(&item.number);
    }
    Ok(())
}

/// Writes the items' attachment lists and origins (items already written, matched by number).
pub(super) fn save_agenda(
    conn: &Connection,
    meeting_id: i64,
    meeting: &Meeting,
    changes: &Changes,
) -> Result<(), StoreError> {
    if let Some(numbers) = changes.some_items() {
        if numbers.is_empty() {
            return Ok(());
        }
        let ids = item_ids(conn, meeting_id)?;
        for item_id in numbers.iter().filter_map(|n| ids.get(n)) {
            conn.prepare_cached("DELETE FROM item_attachments WHERE item_id = ?1")?
                .execute([item_id])?;
            conn.prepare_cached("DELETE FROM item_origins WHERE item_id = ?1")?
                .execute([item_id])?;
        }
    } else {
        conn.prepare_cached(
            "DELETE FROM item_attachments
             WHERE item_id IN (SELECT id FROM items WHERE meeting_id = ?1)",
        )?
        .execute([meeting_id])?;
        conn.prepare_cached(
            "DELETE FROM item_origins WHERE item_id IN (SELECT id FROM items WHERE meeting_id = ?1)",
        )?
        .execute([meeting_id])?;
    }
    if meeting
        .items
        .iter()
        .filter(|i| changes.item(i.number))
        .all(|i| i.attachments.is_empty() && i.postponed_from.is_none())
    {
        return Ok(());
    }
    let ids = item_ids(conn, meeting_id)?;
    let mut has_blob = conn.prepare_cached("SELECT 1 FROM attachment_blobs WHERE sha256 = ?1")?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO item_attachments (item_id, position, name, size_bytes, sha256)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut origin =
        conn.prepare_cached("INSERT INTO item_origins (item_id, postponed_from) VALUES (?1, ?2)")?;
    for item in meeting.items.iter().filter(|i| changes.item(i.number)) {
        let Some(&item_id) = ids.get(&item.number) else {
            continue;
        };
        for (position, a) in item.attachments.iter().enumerate() {
            if has_blob
                .query_row([&a.sha256], |_| Ok(()))
                .optional()?
                .is_none()
            {
                return Err(StoreError::NotFound(format!(
                    "the content of attachment «{}» (item {}, SHA-256 {})",
                    a.name, item.number, a.sha256
                )));
            }
            insert.execute(params![
                item_id,
                i64::try_from(position).unwrap_or(i64::MAX),
                a.name,
                i64::try_from(a.size_bytes).unwrap_or(i64::MAX),
                a.sha256
            ])?;
        }
        if let Some(from) = item.postponed_from {
            origin.execute(params![item_id, from.to_string()])?;
        }
    }
    Ok(())
}

fn insert_blob(conn: &Connection, sha256: &str, bytes: &[u8]) -> Result<bool, StoreError> {
    let n = conn
        .prepare_cached(
            "INSERT INTO attachment_blobs (sha256, size_bytes, data) VALUES (?1, ?2, ?3)
             ON CONFLICT (sha256) DO NOTHING",
        )?
        .execute(params![
            sha256,
            i64::try_from(bytes.len()).unwrap_or(i64::MAX),
            bytes
        ])?;
    Ok(n > 0)
}

fn template_from_row(
    conn: &Connection,
    title: String,
    kind: &str,
    presenters: &str,
    texts: [Option<String>; 2],
    minutes: Option<i64>,
    after: bool,
) -> Result<ItemTemplate, StoreError> {
    let kind = ItemKind::from_code(kind)
        .ok_or_else(|| bad(conn, format!("«{kind}» is not a known item kind")))?;
    let presenters = presenters
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            TemplatePresenter::from_code(l)
                .ok_or_else(|| bad(conn, format!("«{l}» is not a known presenter")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let [description, proposed_decision] = texts;
    Ok(ItemTemplate {
        title,
        kind,
        presenters,
        description,
        proposed_decision,
        planned_minutes: minutes
            .map(|m| {
                u32::try_from(m).map_err(|_| bad(conn, format!("{m} minutes is out of range")))
            })
            .transpose()?,
        after_cases: after,
    })
}

fn attachment_json(a: &Attachment) -> Value {
    json!({ "name": a.name, "size": a.size_bytes, "sha256": a.sha256 })
}

fn baseline_json(b: &NoticeBaseline) -> String {
    let items: Vec<Value> = b
        .items
        .iter()
        .map(|i| {
            json!({
                "number": i.number,
                "title": i.title,
                "kind": i.kind.code(),
                "presenters": i.presenters.iter().map(PersonId::as_str).collect::<Vec<_>>(),
                "description": i.description,
                "proposed_decision": i.proposed_decision,
                "exempt": i.exempt.as_ref().map(|e| e.basis.as_str()),
                "attachments": i.attachments.iter().map(attachment_json).collect::<Vec<_>>(),
                "postponed_from": i.postponed_from.map(|c| c.to_string()),
            })
        })
        .collect();
    Value::Array(items).to_string()
}

fn baseline_from_json(conn: &Connection, text: &str) -> Result<NoticeBaseline, StoreError> {
    let broken = || bad(conn, "the stored notice agenda is damaged".to_owned());
    let value: Value = serde_json::from_str(text).map_err(|_| broken())?;
    let s = |v: &Value| v.as_str().map(str::to_owned);
    let mut items = Vec::new();
    for v in value.as_array().ok_or_else(broken)? {
        let attachments = v["attachments"]
            .as_array()
            .ok_or_else(broken)?
            .iter()
            .map(|a| {
                Some(Attachment {
                    name: s(&a["name"])?,
                    size_bytes: a["size"].as_u64()?,
                    sha256: s(&a["sha256"])?,
                })
            })
            .collect::<Option<Vec<_>>>()
            .ok_or_else(broken)?;
        items.push(Item {
            number: v["number"]
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(broken)?,
            title: s(&v["title"]).ok_or_else(broken)?,
            kind: v["kind"]
                .as_str()
                .and_then(ItemKind::from_code)
                .ok_or_else(broken)?,
            presenters: v["presenters"]
                .as_array()
                .ok_or_else(broken)?
                .iter()
                .map(|p| p.as_str().map(PersonId::from))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(broken)?,
            description: s(&v["description"]),
            proposed_decision: s(&v["proposed_decision"]),
            exempt: s(&v["exempt"]).map(|basis| Exemption { basis }),
            attachments,
            postponed_from: v["postponed_from"]
                .as_str()
                .map(CaseNumber::parse)
                .transpose()
                .map_err(|_| broken())?,
            ..Item::default()
        });
    }
    Ok(NoticeBaseline { items })
}

fn body_rowid(conn: &Connection, body: &str) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT id FROM bodies WHERE name = ?1")?
        .query_row([body], |r| r.get(0))
        .optional()?)
}

/// Stores the attachment bytes a package carries, inside the caller's transaction (that of
/// [`Store::import_with_attachments`]). Every attachment's bytes must be in `blobs` (checked
/// against size and SHA-256) or already in the database.
pub(super) fn store_package_blobs(
    tx: &Connection,
    record: &MeetingRecord,
    blobs: &Blobs,
) -> Result<(), StoreError> {
    for (i, item) in record.meeting.items.iter().enumerate() {
        for (j, a) in item.attachments.iter().enumerate() {
            let place = format!("meeting.items[{i}].attachments[{j}]");
            if let Some(bytes) = blobs.get(&a.sha256) {
                if bytes.len() as u64 != a.size_bytes || sha256_hex(bytes) != a.sha256 {
                    return Err(StoreError::Conflict(format!(
                        "the content of attachment «{}» ({place}) does not match its size and SHA-256",
                        a.name
                    )));
                }
            } else {
                let known: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM attachment_blobs WHERE sha256 = ?1)",
                    [&a.sha256],
                    |r| r.get(0),
                )?;
                if !known {
                    return Err(StoreError::NotFound(format!(
                        "the content of attachment «{}» ({place}; the package does not carry it)",
                        a.name
                    )));
                }
            }
        }
    }
    for (sha, bytes) in blobs {
        insert_blob(tx, sha, bytes)?;
    }
    Ok(())
}

impl Store {
    /// Stores the bytes of a file (once per content) and returns its attachment record.
    pub fn store_attachment(&mut self, name: &str, bytes: &[u8]) -> Result<Attachment, StoreError> {
        self.ensure_writable()?;
        let attachment = crate::model::agenda::attachment_of(name, bytes);
        insert_blob(&self.conn, &attachment.sha256, bytes)?;
        Ok(attachment)
    }

    /// The bytes of the attachment with this SHA-256.
    pub fn attachment_data(&self, sha256: &str) -> Result<Vec<u8>, StoreError> {
        self.conn
            .prepare_cached("SELECT data FROM attachment_blobs WHERE sha256 = ?1")?
            .query_row([sha256], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("the attachment with SHA-256 {sha256}")))
    }

    /// The bytes of every attachment of `meeting`, by SHA-256.
    pub fn attachment_blobs(&self, meeting: &Meeting) -> Result<Blobs, StoreError> {
        let mut blobs = Blobs::new();
        for item in &meeting.items {
            for a in &item.attachments {
                if !blobs.contains_key(&a.sha256) {
                    let data = self.attachment_data(&a.sha256).map_err(|e| match e {
                        StoreError::NotFound(_) => StoreError::NotFound(format!(
                            "the content of attachment «{}» (item {})",
                            a.name, item.number
                        )),
                        other => other,
                    })?;
                    blobs.insert(a.sha256.clone(), data);
                }
            }
        }
        Ok(blobs)
    }

    /// The body's own standard items, or `None` when it uses the built-in ones.
    pub fn custom_item_template(
        &self,
        body: &str,
    ) -> Result<Option<Vec<ItemTemplate>>, StoreError> {
        let Some(body_id) = body_rowid(&self.conn, body)? else {
            return Err(StoreError::NotFound(format!("body «{body}»")));
        };
        let rows = self
            .conn
            .prepare_cached(
                "SELECT title, kind, presenters, description, proposed_decision, planned_minutes,
                        after_cases
                 FROM body_item_templates WHERE body_id = ?1 ORDER BY position",
            )?
            .query_map([body_id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    [
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, Option<String>>(4)?,
                    ],
                    r.get::<_, Option<i64>>(5)?,
                    r.get::<_, bool>(6)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        if rows.is_empty() {
            return Ok(None);
        }
        rows.into_iter()
            .map(|(title, kind, presenters, texts, minutes, after)| {
                template_from_row(&self.conn, title, &kind, &presenters, texts, minutes, after)
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    /// The standard items a new meeting of the body starts with: its own, or the built-in ones.
    pub fn item_template(&self, body: &str) -> Result<Vec<ItemTemplate>, StoreError> {
        Ok(self
            .custom_item_template(body)?
            .unwrap_or_else(default_template))
    }

    /// Replaces the body's standard items. An empty list goes back to the built-in ones.
    /// A named presenter must exist as a person.
    pub fn save_item_template(
        &mut self,
        body: &str,
        template: &[ItemTemplate],
    ) -> Result<(), StoreError> {
        self.ensure_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let body_id =
            body_rowid(&tx, body)?.ok_or_else(|| StoreError::NotFound(format!("body «{body}»")))?;
        tx.execute(
            "DELETE FROM body_item_templates WHERE body_id = ?1",
            [body_id],
        )?;
        for (position, t) in template.iter().enumerate() {
            for p in &t.presenters {
                if let TemplatePresenter::Person(id) = p {
                    let known: bool = tx.query_row(
                        "SELECT EXISTS (SELECT 1 FROM people WHERE key = ?1)",
                        [id.as_str()],
                        |r| r.get(0),
                    )?;
                    if !known {
                        return Err(StoreError::NotFound(format!(
                            "person «{id}» (presenter of standard item «{}»)",
                            t.title
                        )));
                    }
                }
            }
            let presenters = t
                .presenters
                .iter()
                .map(TemplatePresenter::code)
                .collect::<Vec<_>>()
                .join("\n");
            tx.prepare_cached(
                "INSERT INTO body_item_templates (body_id, position, title, kind, presenters,
                        description, proposed_decision, planned_minutes, after_cases)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                body_id,
                i64::try_from(position).unwrap_or(i64::MAX),
                t.title,
                t.kind.code(),
                presenters,
                t.description,
                t.proposed_decision,
                t.planned_minutes,
                t.after_cases,
            ])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Records the agenda as the notice sent it (replacing an earlier one).
    pub fn save_notice_baseline(
        &mut self,
        id: MeetingId,
        baseline: &NoticeBaseline,
        sent_at: NaiveDateTime,
    ) -> Result<(), StoreError> {
        self.ensure_writable()?;
        self.conn.execute(
            "INSERT INTO notice_baselines (meeting_id, sent_at, items) VALUES (?1, ?2, ?3)
             ON CONFLICT (meeting_id) DO UPDATE SET sent_at = excluded.sent_at,
                                                    items = excluded.items",
            params![
                id.0,
                sent_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                baseline_json(baseline)
            ],
        )?;
        Ok(())
    }

    /// The agenda as the notice sent it, if Møtebok sent the notice.
    pub fn notice_baseline(&self, id: MeetingId) -> Result<Option<NoticeBaseline>, StoreError> {
        let text: Option<String> = self
            .conn
            .prepare_cached("SELECT items FROM notice_baselines WHERE meeting_id = ?1")?
            .query_row([id.0], |r| r.get(0))
            .optional()?;
        text.map(|t| baseline_from_json(&self.conn, &t)).transpose()
    }

    /// The body's meeting just before `reference` (by year and number), if any.
    pub fn previous_meeting(
        &self,
        body: &str,
        reference: MeetingRef,
    ) -> Result<Option<MeetingId>, StoreError> {
        let Some(body_id) = body_rowid(&self.conn, body)? else {
            return Ok(None);
        };
        let refs: Vec<(MeetingRef, i64)> = self
            .conn
            .prepare_cached("SELECT year, number, id FROM meetings WHERE body_id = ?1")?
            .query_map([body_id], |r| {
                Ok((MeetingRef::new(r.get(0)?, r.get(1)?), r.get::<_, i64>(2)?))
            })?
            .collect::<Result<_, _>>()?;
        let prev = previous_reference(refs.iter().map(|(r, _)| *r), reference);
        Ok(prev.and_then(|p| {
            refs.iter()
                .find(|(r, _)| *r == p)
                .map(|(_, id)| MeetingId(*id))
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Body, ItemKind, MeetingStatus, Person};
    use chrono::NaiveDate;

    fn store_with_body() -> Store {
        let mut s = Store::open_in_memory().unwrap();
        s.upsert_person(&Person {
            id: "a".into(),
            name: "Aasen, Marianne".into(),
            organization: None,
        })
        .unwrap();
        s.upsert_body(&Body::new("R")).unwrap();
        s
    }

    fn meeting(number: u32) -> Meeting {
        let mut m = Meeting {
            reference: MeetingRef::new(2024, number),
            date: NaiveDate::from_ymd_opt(2024, number, 1).unwrap(),
            status: MeetingStatus::Planned,
            ..Meeting::default()
        };
        m.items = vec![
            Item::new(1, "A", ItemKind::Decision),
            Item::new(2, "B", ItemKind::Decision),
        ];
        m
    }

    #[test]
    fn attachments_and_origins_survive_save_and_reorder() {
        let mut s = store_with_body();
        let a = s
            .store_attachment("notat æøå.pdf", b"%PDF-1.7 data")
            .unwrap();
        let id = s.create_meeting("R", &meeting(5)).unwrap();
        let mut m = s.load_meeting(id).unwrap().meeting;
        m.items[1].attachments.push(a.clone());
        m.items[1].postponed_from = Some(CaseNumber::parse("2024/M4-003").unwrap());
        s.save_meeting(id, &m).unwrap();
        let back = s.load_meeting(id).unwrap().meeting;
        assert_eq!(back.items[1].attachments, vec![a.clone()]);
        assert_eq!(
            back.items[1].postponed_from.unwrap().to_string(),
            "2024/M4-003"
        );
        assert!(back.items[0].attachments.is_empty());
        // Moving the item moves its attachments with it.
        let mut moved = back.clone();
        crate::model::Edit::MoveItem { item: 2, to: 0 }
            .apply(&mut moved)
            .unwrap();
        s.save_meeting(id, &moved).unwrap();
        let back = s.load_meeting(id).unwrap().meeting;
        assert_eq!(back.items[0].title, "B");
        assert_eq!(back.items[0].attachments, vec![a.clone()]);
        assert!(back.items[1].postponed_from.is_none());
        assert_eq!(s.attachment_data(&a.sha256).unwrap(), b"%PDF-1.7 data");
    }

    #[test]
    fn an_attachment_without_stored_bytes_is_refused() {
        let mut s = store_with_body();
        let mut m = meeting(5);
        m.items[0]
            .attachments
            .push(crate::model::agenda::attachment_of("x", b"x"));
        let id = s.create_meeting("R", &meeting(5)).unwrap();
        let err = s.save_meeting(id, &m).unwrap_err();
        assert!(err.to_string().contains("attachment «x»"), "{err}");
        // Nothing of the failed save was kept.
        assert!(
            s.load_meeting(id).unwrap().meeting.items[0]
                .attachments
                .is_empty()
        );
    }

    #[test]
    fn body_template_round_trips_and_defaults() {
        let mut s = store_with_body();
        assert_eq!(s.item_template("R").unwrap(), default_template());
        assert_eq!(s.custom_item_template("R").unwrap(), None);
        let mut t = default_template();
        t.remove(2);
        t[0].presenters = vec![
            TemplatePresenter::Person("a".into()),
            TemplatePresenter::Referent,
        ];
        s.save_item_template("R", &t).unwrap();
        assert_eq!(s.item_template("R").unwrap(), t);
        t[0].presenters = vec![TemplatePresenter::Person("nobody".into())];
        assert!(s.save_item_template("R", &t).is_err());
        s.save_item_template("R", &[]).unwrap();
        assert_eq!(s.item_template("R").unwrap(), default_template());
    }

    #[test]
    fn notice_baseline_round_trips() {
        let mut s = store_with_body();
        let id = s.create_meeting("R", &meeting(5)).unwrap();
        let mut m = meeting(5);
        m.items[0].presenters = vec!["a".into()];
        m.items[0].exempt = Some(Exemption {
            basis: "offl. § 24".into(),
        });
        m.items[1].description = Some("Saken gjelder «x»\n- punkt".into());
        m.items[1]
            .attachments
            .push(crate::model::agenda::attachment_of("v.pdf", b"v"));
        m.items[1].postponed_from = Some(CaseNumber::parse("2024/M4-003").unwrap());
        let b = NoticeBaseline::of(&m);
        assert_eq!(s.notice_baseline(id).unwrap(), None);
        let at = NaiveDate::from_ymd_opt(2024, 5, 1)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        s.save_notice_baseline(id, &b, at).unwrap();
        assert_eq!(s.notice_baseline(id).unwrap(), Some(b));
    }

    #[test]
    fn previous_meeting_is_the_one_before_by_reference() {
        let mut s = store_with_body();
        let m3 = s.create_meeting("R", &meeting(3)).unwrap();
        s.create_meeting("R", &meeting(5)).unwrap();
        assert_eq!(
            s.previous_meeting("R", MeetingRef::new(2024, 5)).unwrap(),
            Some(m3)
        );
        assert_eq!(
            s.previous_meeting("R", MeetingRef::new(2024, 3)).unwrap(),
            None
        );
        assert_eq!(
            s.previous_meeting("Other", MeetingRef::new(2024, 3))
                .unwrap(),
            None
        );
    }
}
