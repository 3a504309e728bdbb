//! Attendance by item (late arrivals, early departures), disqualifications, each body's
//! quorum rule, and adding a person by name. Schema: `schema/0003_attendance.sql`.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::{Store, StoreError};
use crate::model::{Body, Disqualification, Meeting, Person, PersonId, QuorumRule};

fn corrupt(conn: &Connection, detail: String) -> StoreError {
    let path = conn.path().filter(|p| !p.is_empty()).unwrap_or(":memory:");
    StoreError::Corrupt {
        path: path.into(),
        detail,
    }
}

fn item_number(
    conn: &Connection,
    what: &str,
    value: Option<i64>,
) -> Result<Option<u32>, StoreError> {
    value
        .map(|v| u32::try_from(v).map_err(|_| corrupt(conn, format!("{what} {v} is out of range"))))
        .transpose()
}

/// Reads the item-level attendance of meeting `meeting_id` into `meeting`, whose attendance
/// rows are already read: arrival and departure items, and the disqualifications.
pub(super) fn load_attendance(
    conn: &Connection,
    meeting_id: i64,
    meeting: &mut Meeting,
) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.key, a.arrived_item, a.left_after_item
         FROM attendance a JOIN people p ON p.id = a.person_id
         WHERE a.meeting_id = ?1 AND (a.arrived_item IS NOT NULL OR a.left_after_item IS NOT NULL)",
    )?;
    let rows = stmt
        .query_map([meeting_id], |r| {
            <(String, Option<i64>, Option<i64>)>::try_from(r)
        })?
        .collect::<Result<Vec<_>, _>>()?;
    for (key, arrived, left) in rows {
        if let Some(row) = meeting.attendance.iter_mut().find(|a| a.person.0 == key) {
            row.arrived_item = item_number(conn, "arrival item", arrived)?;
            row.left_after_item = item_number(conn, "departure item", left)?;
        }
    }

    let mut stmt = conn.prepare_cached(
        "SELECT p.key, d.item_number, d.reason
         FROM disqualifications d JOIN people p ON p.id = d.person_id
         WHERE d.meeting_id = ?1 ORDER BY d.position",
    )?;
    let rows = stmt
        .query_map([meeting_id], |r| <(String, i64, String)>::try_from(r))?
        .collect::<Result<Vec<_>, _>>()?;
    meeting.disqualifications = Vec::with_capacity(rows.len());
    for (key, item, reason) in rows {
        meeting.disqualifications.push(Disqualification {
            person: PersonId(key),
            item: item_number(conn, "disqualification item", Some(item))?.unwrap_or_default(),
            reason,
        });
    }
    Ok(())
}

/// Adds the people the disqualifications name, with where (`meeting.disqualifications[0].person`).
pub(super) fn person_references<'m>(meeting: &'m Meeting, refs: &mut Vec<(&'m PersonId, String)>) {
    for (i, d) in meeting.disqualifications.iter().enumerate() {
        refs.push((&d.person, format!("meeting.disqualifications[{i}].person")));
    }
}

/// Refuses item references to items the meeting does not have, and a person disqualified
/// twice for one item.
fn validate(meeting: &Meeting) -> Result<(), StoreError> {
    let reference = meeting.reference;
    let numbers: HashSet<u32> = meeting.items.iter().map(|i| i.number).collect();
    let missing = |n: u32, place: String| {
        StoreError::Conflict(format!("meeting {reference} has no item {n} ({place})"))
    };
    for (i, row) in meeting.attendance.iter().enumerate() {
        if let Some(n) = row.arrived_item.filter(|n| !numbers.contains(n)) {
            return Err(missing(
                n,
                format!("meeting.attendance[{i}].arrived_at_item"),
            ));
        }
        if let Some(n) = row.left_after_item.filter(|n| !numbers.contains(n)) {
            return Err(missing(
                n,
                format!("meeting.attendance[{i}].left_after_item"),
            ));
        }
        if let (Some(a), Some(l)) = (row.arrived_item, row.left_after_item)
            && l < a
        {
            return Err(StoreError::Conflict(format!(
                "«{}» leaves after item {l} but arrives at item {a} in meeting {reference} \
                 (meeting.attendance[{i}])",
                row.person
            )));
        }
    }
    let mut seen = HashSet::new();
    for (i, d) in meeting.disqualifications.iter().enumerate() {
        if !numbers.contains(&d.item) {
            return Err(missing(
                d.item,
                format!("meeting.disqualifications[{i}].item"),
            ));
        }
        if !seen.insert((&d.person, d.item)) {
            return Err(StoreError::Conflict(format!(
                "«{}» is disqualified twice for item {} in meeting {reference} \
                 (meeting.disqualifications[{i}])",
                d.person, d.item
            )));
        }
    }
    Ok(())
}

/// Writes the item-level attendance of `meeting` (stored as `meeting_id`, whose attendance
/// rows were just written): arrival and departure items, and the disqualifications.
/// `ids` maps every person the meeting names to its row id.
pub(super) fn save_attendance(
    conn: &Connection,
    meeting_id: i64,
    meeting: &Meeting,
    ids: &HashMap<PersonId, i64>,
) -> Result<(), StoreError> {
    validate(meeting)?;
    let mut update = conn.prepare_cached(
        "UPDATE attendance SET arrived_item = ?3, left_after_item = ?4
         WHERE meeting_id = ?1 AND person_id = ?2",
    )?;
    for row in &meeting.attendance {
        if row.arrived_item.is_some() || row.left_after_item.is_some() {
            update.execute(params![
                meeting_id,
                ids[&row.person],
                row.arrived_item,
                row.left_after_item
            ])?;
        }
    }
    conn.prepare_cached("DELETE FROM disqualifications WHERE meeting_id = ?1")?
        .execute([meeting_id])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO disqualifications (meeting_id, position, person_id, item_number, reason)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (index, d) in meeting.disqualifications.iter().enumerate() {
        let person = ids.get(&d.person).ok_or_else(|| {
            StoreError::NotFound(format!(
                "person «{}» (named by meeting {} at meeting.disqualifications[{index}].person)",
                d.person, meeting.reference
            ))
        })?;
        insert.execute(params![
            meeting_id,
            i64::try_from(index).unwrap_or(i64::MAX),
            person,
            d.item,
            d.reason
        ])?;
    }
    Ok(())
}

/// The quorum rule of the body with row id `body_id` (the default when none is stored).
pub(super) fn read_quorum(conn: &Connection, body_id: i64) -> Result<QuorumRule, StoreError> {
    let row: Option<(String, i64, i64)> = conn
        .prepare_cached("SELECT kind, numerator, denominator FROM body_quorum WHERE body_id = ?1")?
        .query_row([body_id], |r| r.try_into())
        .optional()?;
    let Some((kind, numerator, denominator)) = row else {
        return Ok(QuorumRule::default());
    };
    u32::try_from(numerator)
        .ok()
        .zip(u32::try_from(denominator).ok())
        .and_then(|(n, d)| QuorumRule::from_parts(&kind, n, d))
        .ok_or_else(|| {
            corrupt(
                conn,
                format!("«{kind} {numerator}/{denominator}» is not a quorum rule"),
            )
        })
}

fn write_quorum(conn: &Connection, body_id: i64, rule: QuorumRule) -> Result<(), StoreError> {
    if !rule.is_valid() {
        return Err(StoreError::Conflict(format!(
            "{rule:?} is not a usable quorum rule"
        )));
    }
    let (numerator, denominator) = rule.numbers();
    conn.prepare_cached(
        "INSERT INTO body_quorum (body_id, kind, numerator, denominator) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (body_id) DO UPDATE SET kind = excluded.kind,
             numerator = excluded.numerator, denominator = excluded.denominator",
    )?
    .execute(params![body_id, rule.kind_code(), numerator, denominator])?;
    Ok(())
}

/// On import: a body that has no rule of its own yet takes the rule of the imported body when
/// that is not the default. A rule already stored is kept (like memberships, it is never
/// taken away by an import).
pub(super) fn merge_quorum(conn: &Connection, body_id: i64, body: &Body) -> Result<(), StoreError> {
    if body.quorum == QuorumRule::default() {
        return Ok(());
    }
    let stored: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM body_quorum WHERE body_id = ?1)")?
        .query_row([body_id], |r| r.get(0))?;
    if stored {
        Ok(())
    } else {
        write_quorum(conn, body_id, body.quorum)
    }
}

fn body_rowid(conn: &Connection, body: &str) -> Result<i64, StoreError> {
    conn.prepare_cached("SELECT id FROM bodies WHERE name = ?1")?
        .query_row([body], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("body «{body}»")))
}

/// A person key from a list name: the surname and the initials of the given names in plain
/// lower-case letters, "Gjørtz, Fred" → `gjortz-f`, "Aasen, Marianne Stokkereit" → `aasen-ms`.
#[must_use]
pub fn person_key_for(name: &str) -> String {
    fn plain(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars().flat_map(char::to_lowercase) {
            match c {
                'æ' | 'ä' => out.push_str("ae"),
                'ø' | 'ö' | 'ó' | 'ò' | 'ô' => out.push('o'),
                'å' | 'á' | 'à' | 'â' => out.push('a'),
                'é' | 'è' | 'ê' => out.push('e'),
                'ü' | 'ú' => out.push('u'),
                'í' => out.push('i'),
                'ç' => out.push('c'),
                'ñ' => out.push('n'),
                c if c.is_ascii_alphanumeric() => out.push(c),
                _ => out.push('-'),
            }
        }
        out.split('-')
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("-")
    }
    let (surname, given) = name.split_once(',').unwrap_or((name, ""));
    let mut key = plain(surname);
    let initials: String = given
        .split_whitespace()
        .filter_map(|g| plain(g).chars().next())
        .collect();
    if !initials.is_empty() {
        if !key.is_empty() {
            key.push('-');
        }
        key.push_str(&initials);
    }
    if key.is_empty() {
        key.push_str("person");
    }
    key
}

impl Store {
    /// The quorum rule of the body named `body` (the default when none was set).
    pub fn quorum_rule(&self, body: &str) -> Result<QuorumRule, StoreError> {
        let id = body_rowid(&self.conn, body)?;
        read_quorum(&self.conn, id)
    }

    /// Sets the quorum rule of the body named `body`. An invalid rule (e.g. a denominator of
    /// 0, or more than all members) is a [`StoreError::Conflict`].
    pub fn set_quorum_rule(&mut self, body: &str, rule: QuorumRule) -> Result<(), StoreError> {
        self.ensure_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = body_rowid(&tx, body)?;
        write_quorum(&tx, id, rule)?;
        tx.commit()?;
        Ok(())
    }

    /// Adds a new person with this list name ("Surname, Given names") and a key made from it
    /// ([`person_key_for`], with `-2`, `-3` … when taken), and returns it. Never changes a
    /// stored person.
    pub fn add_person_named(
        &mut self,
        name: &str,
        organization: Option<&str>,
    ) -> Result<Person, StoreError> {
        self.ensure_writable()?;
        let name = name.trim();
        if name.is_empty() {
            return Err(StoreError::Conflict("a person needs a name".to_owned()));
        }
        let organization = organization.map(str::trim).filter(|o| !o.is_empty());
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let base = person_key_for(name);
        let mut key = base.clone();
        let mut n = 1;
        loop {
            let taken: bool = tx
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM people WHERE key = ?1)")?
                .query_row([&key], |r| r.get(0))?;
            if !taken {
                break;
            }
            n += 1;
            key = format!("{base}-{n}");
        }
        tx.prepare_cached("INSERT INTO people (key, name, organization) VALUES (?1, ?2, ?3)")?
            .execute(params![key, name, organization])?;
        tx.commit()?;
        Ok(Person {
            id: PersonId(key),
            name: name.to_owned(),
            organization: organization.map(str::to_owned),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_keys_follow_the_house_style() {
        assert_eq!(person_key_for("Gjørtz, Fred"), "gjortz-f");
        assert_eq!(person_key_for("Aasen, Marianne Stokkereit"), "aasen-ms");
        assert_eq!(
            person_key_for("Kristengård, Mette Kristin"),
            "kristengard-mk"
        );
        assert_eq!(person_key_for("Ærø-Olsen, Åse"), "aero-olsen-a");
        assert_eq!(person_key_for("Madonna"), "madonna");
        assert_eq!(person_key_for("  , "), "person");
    }
}
