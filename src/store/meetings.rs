//! Reading and writing meetings whole: the header, attendance, items and (through
//! [`super::minutes`]) the minutes; the meeting list; creating, saving, importing, deleting.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use crate::model::{
    Attendance, AttendanceStatus, Exemption, Item, ItemKind, Meeting, MeetingRecord, MeetingRef,
    MeetingStatus, Outcome, Person, PersonId,
};

use super::changes::Changes;
use super::codec::{
    bad_data, date_text, parse_code, parse_date, parse_time, position, time_text, to_i32, to_u32,
};
use super::people::{
    body_id, body_name, ensure_body, merge_memberships, merge_person, person_rowid, read_body,
    read_person, sort_people,
};
use super::{ImportMode, MeetingId, MeetingSummary, Store, StoreError};

fn status_rank(status: MeetingStatus) -> usize {
    MeetingStatus::ALL
        .iter()
        .position(|s| *s == status)
        .unwrap_or(0)
}

// ---------------------------------------------------------------------------------------------
// Reading.

/// Person keys of one list (presenters or guests) of every item of a meeting, by item row id.
fn read_item_people(
    conn: &Connection,
    table: &'static str,
    meeting_id: i64,
) -> Result<HashMap<i64, Vec<PersonId>>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT x.item_id, p.key FROM {table} x
         JOIN items i ON i.id = x.item_id JOIN people p ON p.id = x.person_id
         WHERE i.meeting_id = ?1 ORDER BY x.item_id, x.position"
    ))?;
    let mut map: HashMap<i64, Vec<PersonId>> = HashMap::new();
    let rows = stmt.query_map([meeting_id], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    })?;
    for row in rows {
        let (item, key) = row?;
        map.entry(item).or_default().push(PersonId(key));
    }
    Ok(map)
}

/// The stored meeting `id` and its body's row id.
fn read_meeting(conn: &Connection, id: i64) -> Result<(i64, Meeting), StoreError> {
    struct Header {
        body_id: i64,
        year: i64,
        number: i64,
        date: String,
        start: Option<String>,
        end: Option<String>,
        place: String,
        chair: Option<String>,
        referent: Option<String>,
        status: String,
    }
    let header = conn
        .prepare_cached(
            "SELECT m.body_id, m.year, m.number, m.date, m.start_time, m.end_time, m.place,
                    c.key, r.key, m.status
             FROM meetings m
             LEFT JOIN people c ON c.id = m.chair_id
             LEFT JOIN people r ON r.id = m.referent_id
             WHERE m.id = ?1",
        )?
        .query_row([id], |r| {
            Ok(Header {
                body_id: r.get(0)?,
                year: r.get(1)?,
                number: r.get(2)?,
                date: r.get(3)?,
                start: r.get(4)?,
                end: r.get(5)?,
                place: r.get(6)?,
                chair: r.get(7)?,
                referent: r.get(8)?,
                status: r.get(9)?,
            })
        })
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("meeting #{id}")))?;

    let mut stmt = conn.prepare_cached(
        "SELECT p.key, a.status, d.key, a.arrived, a.left_at, a.note
         FROM attendance a
         JOIN people p ON p.id = a.person_id
         LEFT JOIN people d ON d.id = a.deputy_for_id
         WHERE a.meeting_id = ?1 ORDER BY a.position",
    )?;
    let rows = stmt
        .query_map([id], |r| {
            <(
                String,
                String,
                Option<String>,
                Option<String>,
                Option<String>,
                Option<String>,
            )>::try_from(r)
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut attendance = Vec::with_capacity(rows.len());
    for (key, status, deputy_for, arrived, left, note) in rows {
        attendance.push(Attendance {
            person: PersonId(key),
            status: parse_code(
                conn,
                "attendance status",
                &status,
                AttendanceStatus::from_code,
            )?,
            deputy_for: deputy_for.map(PersonId),
            arrived: parse_time(conn, arrived)?,
            left: parse_time(conn, left)?,
            note,
            ..Default::default()
        });
    }

    let mut presenters = read_item_people(conn, "item_presenters", id)?;
    let mut guests = read_item_people(conn, "item_guests", id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, number, title, kind, description, proposed_decision, decision, notes,
                exempt_basis, planned_minutes, outcome
         FROM items WHERE meeting_id = ?1 ORDER BY position, number",
    )?;
    #[expect(
        clippy::type_complexity,
        reason = "one row as read, named where it is used"
    )]
    let rows: Vec<(
        i64,
        i64,
        String,
        String,
        [Option<String>; 5],
        Option<i64>,
        Option<String>,
    )> = stmt
        .query_map([id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                [r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?],
                r.get(9)?,
                r.get(10)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut items = Vec::with_capacity(rows.len());
    for (item_id, number, title, kind, texts, planned, outcome) in rows {
        let [description, proposed_decision, decision, notes, exempt] = texts;
        items.push(Item {
            number: to_u32(conn, "item number", number)?,
            title,
            kind: parse_code(conn, "item kind", &kind, ItemKind::from_code)?,
            presenters: presenters.remove(&item_id).unwrap_or_default(),
            description,
            proposed_decision,
            decision,
            guests: guests.remove(&item_id).unwrap_or_default(),
            notes,
            exempt: exempt.map(|basis| Exemption { basis }),
            planned_minutes: planned
                .map(|m| to_u32(conn, "planned minutes", m))
                .transpose()?,
            outcome: outcome
                .map(|o| parse_code(conn, "outcome", &o, Outcome::from_code))
                .transpose()?,
            ..Default::default()
        });
    }

    let mut meeting = Meeting {
        reference: MeetingRef {
            year: to_i32(conn, "year", header.year)?,
            number: to_u32(conn, "meeting number", header.number)?,
        },
        date: parse_date(conn, &header.date)?,
        start: parse_time(conn, header.start)?,
        end: parse_time(conn, header.end)?,
        place: header.place,
        chair: header.chair.map(PersonId),
        referent: header.referent.map(PersonId),
        status: parse_code(
            conn,
            "meeting status",
            &header.status,
            MeetingStatus::from_code,
        )?,
        attendance,
        items,
        ..Default::default()
    };
    super::minutes::load_minutes(conn, id, &mut meeting)?;
    super::attendance::load_attendance(conn, id, &mut meeting)?;
    super::agenda::load_agenda(conn, id, &mut meeting)?;
    Ok((header.body_id, meeting))
}

/// Meeting summaries, optionally only those with one reference (and body).
fn read_summaries(
    conn: &Connection,
    filter: Option<(Option<&str>, MeetingRef)>,
) -> Result<Vec<MeetingSummary>, StoreError> {
    let (year, number, body) = match filter {
        Some((body, reference)) => (
            Some(i64::from(reference.year)),
            Some(i64::from(reference.number)),
            body,
        ),
        None => (None, None, None),
    };
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, b.name, m.year, m.number, m.date, m.status, m.place,
                (SELECT count(*) FROM items i WHERE i.meeting_id = m.id)
         FROM meetings m JOIN bodies b ON b.id = m.body_id
         WHERE (?1 IS NULL OR m.year = ?1) AND (?2 IS NULL OR m.number = ?2)
           AND (?3 IS NULL OR b.name = ?3)",
    )?;
    let rows = stmt
        .query_map(params![year, number, body], |r| {
            <(i64, String, i64, i64, String, String, String, i64)>::try_from(r)
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, body, year, number, date, status, place, count) in rows {
        out.push(MeetingSummary {
            id: MeetingId(id),
            body,
            reference: MeetingRef {
                year: to_i32(conn, "year", year)?,
                number: to_u32(conn, "meeting number", number)?,
            },
            date: parse_date(conn, &date)?,
            status: parse_code(conn, "meeting status", &status, MeetingStatus::from_code)?,
            place,
            item_count: to_u32(conn, "item count", count)?,
        });
    }
    // One Norwegian sort key per body rather than two per comparison (the order of
    // `norwegian_cmp`): a 20-year archive's list sorts in a few milliseconds.
    let mut keys: HashMap<String, Vec<u32>> = HashMap::new();
    for m in &out {
        if !keys.contains_key(&m.body) {
            keys.insert(m.body.clone(), crate::model::sort_key(&m.body));
        }
    }
    out.sort_by(|a, b| {
        keys[&a.body]
            .cmp(&keys[&b.body])
            .then_with(|| a.body.cmp(&b.body))
            .then_with(|| b.reference.cmp(&a.reference))
            .then_with(|| a.id.cmp(&b.id))
    });
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Checks before writing.

/// Refuses a meeting that cannot be stored as it is: a bad reference, an item number that is 0
/// or repeated, a person summoned twice.
fn validate_meeting(meeting: &Meeting) -> Result<(), StoreError> {
    let reference = meeting.reference;
    if !(1000..=9999).contains(&reference.year) || reference.number == 0 {
        return Err(StoreError::Conflict(format!(
            "meeting reference {reference} is not valid (year 1000-9999, number from 1)"
        )));
    }
    let mut numbers = HashSet::new();
    for (i, item) in meeting.items.iter().enumerate() {
        if item.number == 0 {
            return Err(StoreError::Conflict(format!(
                "item {} («{}») of meeting {reference} has number 0 (meeting.items[{i}].number)",
                i + 1,
                item.title
            )));
        }
        if !numbers.insert(item.number) {
            return Err(StoreError::Conflict(format!(
                "item number {} appears twice in meeting {reference} (meeting.items[{i}].number)",
                item.number
            )));
        }
    }
    let mut summoned = HashSet::new();
    for (i, row) in meeting.attendance.iter().enumerate() {
        if !summoned.insert(&row.person) {
            return Err(StoreError::Conflict(format!(
                "«{}» appears twice in the attendance of meeting {reference} \
                 (meeting.attendance[{i}].person)",
                row.person
            )));
        }
    }
    Ok(())
}

/// Every person key the meeting names, with where it names it (`meeting.items[3].guests[0]`).
fn person_references(meeting: &Meeting) -> Vec<(&PersonId, String)> {
    let mut refs = Vec::new();
    if let Some(p) = &meeting.chair {
        refs.push((p, "meeting.chair".to_owned()));
    }
    if let Some(p) = &meeting.referent {
        refs.push((p, "meeting.referent".to_owned()));
    }
    for (i, row) in meeting.attendance.iter().enumerate() {
        refs.push((&row.person, format!("meeting.attendance[{i}].person")));
        if let Some(p) = &row.deputy_for {
            refs.push((p, format!("meeting.attendance[{i}].deputy_for")));
        }
    }
    for (i, item) in meeting.items.iter().enumerate() {
        for (j, p) in item.presenters.iter().enumerate() {
            refs.push((p, format!("meeting.items[{i}].presenters[{j}]")));
        }
        for (j, p) in item.guests.iter().enumerate() {
            refs.push((p, format!("meeting.items[{i}].guests[{j}]")));
        }
    }
    super::minutes::person_references(meeting, &mut refs);
    super::attendance::person_references(meeting, &mut refs);
    refs
}

/// Row ids of every person the meeting names; a missing one is [`StoreError::NotFound`]
/// naming where the meeting names it.
fn resolve_people(
    conn: &Connection,
    meeting: &Meeting,
) -> Result<HashMap<PersonId, i64>, StoreError> {
    let mut ids = HashMap::new();
    for (key, place) in person_references(meeting) {
        if ids.contains_key(key) {
            continue;
        }
        let id = person_rowid(conn, key.as_str())?.ok_or_else(|| {
            StoreError::NotFound(format!(
                "person «{key}» (named by meeting {} at {place})",
                meeting.reference
            ))
        })?;
        ids.insert(key.clone(), id);
    }
    Ok(ids)
}

/// What a change to a stored meeting amounts to.
enum Change {
    /// Write everything.
    Full,
    /// Only the status moves forward (approved → signed).
    StatusOnly,
    /// Nothing differs.
    Nothing,
}

/// Approved and signed meetings only accept an identical save or a forward status move.
fn check_change(body: &str, stored: &Meeting, new: &Meeting) -> Result<Change, StoreError> {
    if !stored.status.is_locked() {
        return Ok(Change::Full);
    }
    if stored == new {
        return Ok(Change::Nothing);
    }
    let mut same_content = new.clone();
    same_content.status = stored.status;
    if same_content == *stored && status_rank(new.status) > status_rank(stored.status) {
        return Ok(Change::StatusOnly);
    }
    Err(StoreError::Locked(format!(
        "meeting {} of {body} is {}",
        stored.reference,
        stored.status.code().replace('_', " ")
    )))
}

fn meeting_id_by_ref(
    conn: &Connection,
    body_id: i64,
    reference: MeetingRef,
) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT id FROM meetings WHERE body_id = ?1 AND year = ?2 AND number = ?3")?
        .query_row(params![body_id, reference.year, reference.number], |r| {
            r.get(0)
        })
        .optional()?)
}

fn insert_header(
    conn: &Connection,
    body_id: i64,
    m: &Meeting,
    ids: &HashMap<PersonId, i64>,
) -> Result<i64, StoreError> {
    write_header(
        conn,
        "INSERT INTO meetings (body_id, year, number, date, start_time, end_time, place,
                               chair_id, referent_id, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        body_id,
        m,
        ids,
        open_status(m.status),
    )?;
    Ok(conn.last_insert_rowid())
}

fn update_header(
    conn: &Connection,
    id: i64,
    m: &Meeting,
    ids: &HashMap<PersonId, i64>,
) -> Result<(), StoreError> {
    write_header(
        conn,
        "UPDATE meetings SET year = ?2, number = ?3, date = ?4, start_time = ?5, end_time = ?6,
                place = ?7, chair_id = ?8, referent_id = ?9,
                status = CASE WHEN ?10 IN ('approved', 'signed') THEN status ELSE ?10 END
         WHERE id = ?1",
        id,
        m,
        ids,
        m.status,
    )
}

/// Runs `sql` (an insert or update of a meeting row) with the header's values as ?2…?10 after
/// `key` (?1: the body for an insert, the meeting for an update).
fn write_header(
    conn: &Connection,
    sql: &str,
    key: i64,
    m: &Meeting,
    ids: &HashMap<PersonId, i64>,
    status: MeetingStatus,
) -> Result<(), StoreError> {
    conn.prepare_cached(sql)?.execute(params![
        key,
        m.reference.year,
        m.reference.number,
        date_text(m.date),
        m.start.map(time_text),
        m.end.map(time_text),
        m.place,
        m.chair.as_ref().map(|p| ids[p]),
        m.referent.as_ref().map(|p| ids[p]),
        status.code(),
    ])?;
    Ok(())
}

fn write_attendance(
    conn: &Connection,
    meeting_id: i64,
    m: &Meeting,
    ids: &HashMap<PersonId, i64>,
) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM attendance WHERE meeting_id = ?1")?
        .execute([meeting_id])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO attendance (meeting_id, position, person_id, status, deputy_for_id,
                                 arrived, left_at, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (index, row) in m.attendance.iter().enumerate() {
        insert.execute(params![
            meeting_id,
            position(index),
            ids[&row.person],
            row.status.code(),
            row.deputy_for.as_ref().map(|p| ids[p]),
            row.arrived.map(time_text),
            row.left.map(time_text),
            row.note,
        ])?;
    }
    super::attendance::save_attendance(conn, meeting_id, m, ids)
}

fn write_item_people(
    conn: &Connection,
    table: &'static str,
    item_id: i64,
    people: &[PersonId],
    ids: &HashMap<PersonId, i64>,
) -> Result<(), StoreError> {
    conn.prepare_cached(&format!("DELETE FROM {table} WHERE item_id = ?1"))?
        .execute([item_id])?;
    let mut insert = conn.prepare_cached(&format!(
        "INSERT INTO {table} (item_id, position, person_id) VALUES (?1, ?2, ?3)"
    ))?;
    for (index, person) in people.iter().enumerate() {
        insert.execute(params![item_id, position(index), ids[person]])?;
    }
    Ok(())
}

/// Writes the items: an item whose number is stored is updated in place (keeping its row id),
/// a new number is inserted, a stored number no longer present is deleted.
fn write_items(
    conn: &Connection,
    meeting_id: i64,
    m: &Meeting,
    ids: &HashMap<PersonId, i64>,
    changes: &Changes,
) -> Result<(), StoreError> {
    let existing: HashMap<u32, i64> = conn
        .prepare_cached("SELECT number, id FROM items WHERE meeting_id = ?1")?
        .query_map([meeting_id], |r| r.try_into())?
        .collect::<Result<_, _>>()?;
    for (index, item) in m.items.iter().enumerate() {
        if !changes.item(item.number) {
            continue;
        }
        let values = params![
            meeting_id,
            position(index),
            item.number,
            item.title,
            item.kind.code(),
            item.description,
            item.proposed_decision,
            item.decision,
            item.notes,
            item.exempt.as_ref().map(|e| e.basis.as_str()),
            item.planned_minutes,
            item.outcome.map(Outcome::code),
        ];
        let item_id = if let Some(&item_id) = existing.get(&item.number) {
            conn.prepare_cached(
                "UPDATE items SET position = ?2, title = ?4, kind = ?5, description = ?6,
                        proposed_decision = ?7, decision = ?8, notes = ?9, exempt_basis = ?10,
                        planned_minutes = ?11, outcome = ?12
                 WHERE meeting_id = ?1 AND number = ?3",
            )?
            .execute(values)?;
            item_id
        } else {
            conn.prepare_cached(
                "INSERT INTO items (meeting_id, position, number, title, kind, description,
                                    proposed_decision, decision, notes, exempt_basis,
                                    planned_minutes, outcome)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?
            .execute(values)?;
            conn.last_insert_rowid()
        };
        write_item_people(conn, "item_presenters", item_id, &item.presenters, ids)?;
        write_item_people(conn, "item_guests", item_id, &item.guests, ids)?;
    }
    let kept: HashSet<u32> = m.items.iter().map(|i| i.number).collect();
    let mut delete = conn.prepare_cached("DELETE FROM items WHERE id = ?1")?;
    for (number, item_id) in existing {
        if !kept.contains(&number) {
            delete.execute([item_id])?;
        }
    }
    Ok(())
}

/// Writes what changed of an existing meeting row.
fn write_meeting(
    conn: &Connection,
    id: i64,
    m: &Meeting,
    ids: &HashMap<PersonId, i64>,
    changes: &Changes,
) -> Result<(), StoreError> {
    if changes.header {
        update_header(conn, id, m, ids)?;
    }
    if changes.attendance {
        write_attendance(conn, id, m, ids)?;
    }
    write_items(conn, id, m, ids, changes)?;
    super::agenda::save_agenda(conn, id, m, changes)?;
    super::minutes::save_minutes(conn, id, m, changes)?;
    lock_after_content(conn, id, m.status)?;
    super::search::sync_index(conn)
}

/// Creates a new meeting row with all its content.
fn insert_meeting(
    conn: &Connection,
    body_id: i64,
    m: &Meeting,
    ids: &HashMap<PersonId, i64>,
) -> Result<i64, StoreError> {
    let id = insert_header(conn, body_id, m, ids)?;
    write_attendance(conn, id, m, ids)?;
    let all = Changes::all();
    write_items(conn, id, m, ids, &all)?;
    super::agenda::save_agenda(conn, id, m, &all)?;
    super::minutes::save_minutes(conn, id, m, &all)?;
    lock_after_content(conn, id, m.status)?;
    super::search::sync_index(conn)?;
    Ok(id)
}

/// The status a meeting row has while its content is written: an approved or signed meeting's
/// content is written as a draft and locked after ([`lock_after_content`]), since the database
/// refuses content of a locked meeting (schema step 6).
fn open_status(status: MeetingStatus) -> MeetingStatus {
    if status.is_locked() {
        MeetingStatus::DraftMinutes
    } else {
        status
    }
}

/// Moves the meeting to a locked status once its content is written.
fn lock_after_content(conn: &Connection, id: i64, status: MeetingStatus) -> Result<(), StoreError> {
    if status.is_locked() {
        super::approval::lock_written_meeting(conn, id, status)?;
    }
    Ok(())
}

impl Store {
    /// Whether the database holds no body at all (a new installation: the app seeds demo data).
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT NOT EXISTS (SELECT 1 FROM bodies)", [], |r| r.get(0))?)
    }

    /// Every meeting, by body (Norwegian order), then newest first (year, number descending).
    pub fn list_meetings(&self) -> Result<Vec<MeetingSummary>, StoreError> {
        read_summaries(&self.conn, None)
    }

    /// The meetings with this reference, of one body or of every body.
    pub fn find_meetings(
        &self,
        body: Option<&str>,
        reference: MeetingRef,
    ) -> Result<Vec<MeetingSummary>, StoreError> {
        read_summaries(&self.conn, Some((body, reference)))
    }

    /// A meeting with its body (all memberships) and every person it mentions or who is a
    /// member of the body, sorted by name in Norwegian order.
    pub fn load_meeting(&self, id: MeetingId) -> Result<MeetingRecord, StoreError> {
        let (body_id, meeting) = read_meeting(&self.conn, id.0)?;
        let body = read_body(&self.conn, body_id)?;
        let mut keys: Vec<&PersonId> = person_references(&meeting)
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        keys.extend(body.members.iter().map(|m| &m.person));
        let mut seen = HashSet::new();
        let mut people = Vec::new();
        for key in keys {
            if seen.insert(key) {
                let person = read_person(&self.conn, key.as_str())?.ok_or_else(|| {
                    bad_data(
                        &self.conn,
                        format!("person «{key}» is referenced but missing"),
                    )
                })?;
                people.push(person);
            }
        }
        sort_people(&mut people);
        Ok(MeetingRecord {
            body,
            people,
            meeting,
        })
    }

    /// Imports a meeting like [`Store::import_record`], together with the bytes of its
    /// attachments. Every attachment's bytes must be in `blobs` (checked against size and
    /// SHA-256) or already in the database; otherwise nothing is imported.
    pub fn import_with_attachments(
        &mut self,
        record: &MeetingRecord,
        blobs: &super::Blobs,
        mode: ImportMode,
    ) -> Result<MeetingId, StoreError> {
        self.ensure_writable()?;
        // One transaction for the attachments and the meeting: a failure leaves nothing.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        super::agenda::store_package_blobs(&tx, record, blobs)?;
        let id = import_in(&tx, record, mode)?;
        tx.commit()?;
        Ok(id)
    }

    /// Stores a meeting from elsewhere (a package) in one transaction.
    ///
    /// The body is matched by name (created if new; its memberships are added to, never
    /// removed). People are matched by key: new ones are added; a stored person with another
    /// name, or another organisation, is a [`StoreError::Conflict`] (a missing organisation is
    /// filled in). An existing meeting is refused ([`ImportMode::Refuse`]) or has its content
    /// replaced ([`ImportMode::Replace`]), which an approved or signed meeting refuses
    /// ([`StoreError::Locked`]) unless nothing but a forward status move differs.
    pub fn import_record(
        &mut self,
        record: &MeetingRecord,
        mode: ImportMode,
    ) -> Result<MeetingId, StoreError> {
        self.ensure_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = import_in(&tx, record, mode)?;
        tx.commit()?;
        Ok(id)
    }
}

/// The work of [`Store::import_record`] inside the caller's transaction (which also holds the
/// attachments of [`Store::import_with_attachments`]: one transaction per meeting).
pub(super) fn import_in(
    tx: &Connection,
    record: &MeetingRecord,
    mode: ImportMode,
) -> Result<MeetingId, StoreError> {
    validate_meeting(&record.meeting)?;
    let mut listed: HashMap<&PersonId, &Person> = HashMap::new();
    for person in &record.people {
        if let Some(other) = listed.insert(&person.id, person)
            && other != person
        {
            return Err(StoreError::Conflict(format!(
                "the imported meeting lists person «{}» twice, as «{}» and as «{}»",
                person.id, other.name, person.name
            )));
        }
        merge_person(tx, person)?;
    }
    let body_id = ensure_body(tx, &record.body.name)?;
    merge_memberships(tx, body_id, &record.body)?;
    super::attendance::merge_quorum(tx, body_id, &record.body)?;
    let ids = resolve_people(tx, &record.meeting)?;
    let meeting = &record.meeting;
    let id = match meeting_id_by_ref(tx, body_id, meeting.reference)? {
        None => insert_meeting(tx, body_id, meeting, &ids)?,
        Some(_) if mode == ImportMode::Refuse => {
            return Err(StoreError::MeetingExists {
                body: record.body.name.clone(),
                reference: meeting.reference,
            });
        }
        Some(id) => {
            let (_, stored) = read_meeting(tx, id)?;
            match check_change(&record.body.name, &stored, meeting)? {
                Change::Full => write_meeting(tx, id, meeting, &ids, &Changes::all())?,
                Change::StatusOnly => set_status(tx, id, meeting.status)?,
                Change::Nothing => {}
            }
            id
        }
    };
    Ok(MeetingId(id))
}

impl Store {
    /// The number the body's next meeting in `year` gets: one more than the highest stored.
    pub fn next_meeting_number(&self, body: &str, year: i32) -> Result<u32, StoreError> {
        let body_id = body_id(&self.conn, body)?
            .ok_or_else(|| StoreError::NotFound(format!("body «{body}»")))?;
        let next: i64 = self.conn.query_row(
            "SELECT coalesce(max(number), 0) + 1 FROM meetings WHERE body_id = ?1 AND year = ?2",
            params![body_id, year],
            |r| r.get(0),
        )?;
        to_u32(&self.conn, "meeting number", next)
    }

    /// Stores a new meeting of an existing body. Every person it names must exist.
    pub fn create_meeting(
        &mut self,
        body: &str,
        meeting: &Meeting,
    ) -> Result<MeetingId, StoreError> {
        self.ensure_writable()?;
        validate_meeting(meeting)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let body_id =
            body_id(&tx, body)?.ok_or_else(|| StoreError::NotFound(format!("body «{body}»")))?;
        if meeting_id_by_ref(&tx, body_id, meeting.reference)?.is_some() {
            return Err(StoreError::MeetingExists {
                body: body.to_owned(),
                reference: meeting.reference,
            });
        }
        let ids = resolve_people(&tx, meeting)?;
        let id = insert_meeting(&tx, body_id, meeting, &ids)?;
        tx.commit()?;
        Ok(MeetingId(id))
    }

    /// Writes header, attendance and items of an existing meeting in one transaction. Items are
    /// matched by number: updated in place, inserted when new, deleted when gone. A changed
    /// reference must not clash with another meeting of the body. An approved or signed
    /// meeting refuses ([`StoreError::Locked`]) any change but a forward status move
    /// (approved → signed); saving it unchanged does nothing.
    pub fn save_meeting(&mut self, id: MeetingId, meeting: &Meeting) -> Result<(), StoreError> {
        self.ensure_writable()?;
        validate_meeting(meeting)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (body_id, stored) = read_meeting(&tx, id.0)?;
        let body = body_name(&tx, body_id)?;
        match check_change(&body, &stored, meeting)? {
            Change::Nothing => return Ok(()),
            Change::StatusOnly => set_status(&tx, id.0, meeting.status)?,
            Change::Full => {
                if meeting.reference != stored.reference
                    && meeting_id_by_ref(&tx, body_id, meeting.reference)?.is_some()
                {
                    return Err(StoreError::MeetingExists {
                        body,
                        reference: meeting.reference,
                    });
                }
                let ids = resolve_people(&tx, meeting)?;
                let changes = Changes::between(&stored, meeting);
                write_meeting(&tx, id.0, meeting, &ids, &changes)?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Deletes a meeting with its attendance and items; an approved or signed one is
    /// [`StoreError::Locked`].
    pub fn delete_meeting(&mut self, id: MeetingId) -> Result<(), StoreError> {
        self.ensure_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let row: Option<(String, i64, i64, String)> = tx
            .query_row(
                "SELECT b.name, m.year, m.number, m.status
                 FROM meetings m JOIN bodies b ON b.id = m.body_id WHERE m.id = ?1",
                [id.0],
                |r| r.try_into(),
            )
            .optional()?;
        let Some((body, year, number, status)) = row else {
            return Err(StoreError::NotFound(format!("meeting #{}", id.0)));
        };
        let status = parse_code(&tx, "meeting status", &status, MeetingStatus::from_code)?;
        if status.is_locked() {
            return Err(StoreError::Locked(format!(
                "meeting {year}/M{number} of {body} is {}",
                status.code()
            )));
        }
        tx.execute("DELETE FROM meetings WHERE id = ?1", [id.0])?;
        super::search::sync_index(&tx)?;
        tx.commit()?;
        Ok(())
    }
}

fn set_status(conn: &Connection, id: i64, status: MeetingStatus) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE meetings SET status = ?2 WHERE id = ?1",
        params![id, status.code()],
    )?;
    Ok(())
}
