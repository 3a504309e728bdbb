//! What the live minutes record beyond an item's texts: start and end times, votes,
//! follow-ups; each body's quick decision phrases; and where the referent was working, so a
//! restart after a crash opens the same meeting at the same item.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::changes::Changes;
use super::codec::{bad_data, parse_optional_date, parse_time, position, time_text};
use super::{MeetingId, Store, StoreError};
use crate::model::{DEFAULT_PHRASES, Deadline, FollowUp, Meeting, Person, PersonId, Vote};

/// Where the referent was working when Møtebok last ran.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkPlace {
    /// The open meeting.
    pub meeting: MeetingId,
    /// The item in focus (its number).
    pub item: Option<u32>,
    /// Whether the Referat pane was in meeting mode.
    pub meeting_mode: bool,
}

fn count(conn: &Connection, value: Option<i64>) -> Result<u32, StoreError> {
    let v = value.unwrap_or(0);
    u32::try_from(v).map_err(|_| bad_data(conn, format!("vote count {v} is out of range")))
}

/// Every person the minutes name beyond presenters and guests: named voters and those
/// responsible for follow-ups, with where they are named.
pub(super) fn person_references<'m>(meeting: &'m Meeting, refs: &mut Vec<(&'m PersonId, String)>) {
    for (i, item) in meeting.items.iter().enumerate() {
        if let Some(Vote::Named {
            for_votes,
            against,
            abstaining,
        }) = &item.vote
        {
            for (list, key) in [
                (for_votes, "for"),
                (against, "against"),
                (abstaining, "abstaining"),
            ] {
                for (j, p) in list.iter().enumerate() {
                    refs.push((p, format!("meeting.items[{i}].vote.{key}[{j}]")));
                }
            }
        }
        for (j, f) in item.follow_ups.iter().enumerate() {
            if let Some(p) = &f.responsible {
                refs.push((p, format!("meeting.items[{i}].follow_ups[{j}].responsible")));
            }
        }
    }
}

/// Reads start and end times, votes and follow-ups of the meeting's items into `meeting`
/// (whose items are matched by number).
pub(super) fn load_minutes(
    conn: &Connection,
    meeting_id: i64,
    meeting: &mut Meeting,
) -> Result<(), StoreError> {
    let index: HashMap<i64, usize> = meeting
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| (i64::from(item.number), i))
        .collect();

    let mut stmt = conn.prepare_cached(
        "SELECT number, started, ended FROM items
         WHERE meeting_id = ?1 AND (started IS NOT NULL OR ended IS NOT NULL)",
    )?;
    let rows = stmt
        .query_map([meeting_id], |r| {
            <(i64, Option<String>, Option<String>)>::try_from(r)
        })?
        .collect::<Result<Vec<_>, _>>()?;
    for (number, started, ended) in rows {
        if let Some(&i) = index.get(&number) {
            meeting.items[i].started = parse_time(conn, started)?;
            meeting.items[i].ended = parse_time(conn, ended)?;
        }
    }

    let mut stmt = conn.prepare_cached(
        "SELECT i.number, v.kind, v.for_count, v.against, v.abstaining
         FROM item_votes v JOIN items i ON i.id = v.item_id WHERE i.meeting_id = ?1",
    )?;
    let rows = stmt
        .query_map([meeting_id], |r| {
            <(i64, String, Option<i64>, Option<i64>, Option<i64>)>::try_from(r)
        })?
        .collect::<Result<Vec<_>, _>>()?;
    for (number, kind, for_count, against, abstaining) in rows {
        let vote = match kind.as_str() {
            "unanimous" => Vote::Unanimous,
            "counted" => Vote::Counted {
                for_votes: count(conn, for_count)?,
                against: count(conn, against)?,
                abstaining: count(conn, abstaining)?,
            },
            "named" => Vote::Named {
                for_votes: Vec::new(),
                against: Vec::new(),
                abstaining: Vec::new(),
            },
            other => {
                return Err(bad_data(
                    conn,
                    format!("«{other}» is not a known vote kind"),
                ));
            }
        };
        if let Some(&i) = index.get(&number) {
            meeting.items[i].vote = Some(vote);
        }
    }

    let mut stmt = conn.prepare_cached(
        "SELECT i.number, p.key, n.choice
         FROM item_vote_names n JOIN items i ON i.id = n.item_id JOIN people p ON p.id = n.person_id
         WHERE i.meeting_id = ?1 ORDER BY n.item_id, n.position",
    )?;
    let rows = stmt
        .query_map([meeting_id], |r| <(i64, String, String)>::try_from(r))?
        .collect::<Result<Vec<_>, _>>()?;
    for (number, key, choice) in rows {
        let Some(&i) = index.get(&number) else {
            continue;
        };
        if let Some(Vote::Named {
            for_votes,
            against,
            abstaining,
        }) = &mut meeting.items[i].vote
        {
            let list = match choice.as_str() {
                "for" => for_votes,
                "against" => against,
                "abstaining" => abstaining,
                other => {
                    return Err(bad_data(
                        conn,
                        format!("«{other}» is not a known vote choice"),
                    ));
                }
            };
            list.push(PersonId(key));
        }
    }

    let mut stmt = conn.prepare_cached(
        "SELECT i.number, f.task, p.key, f.deadline_date, f.deadline_text, f.done
         FROM item_follow_ups f JOIN items i ON i.id = f.item_id
         LEFT JOIN people p ON p.id = f.responsible_id
         WHERE i.meeting_id = ?1 ORDER BY f.item_id, f.position",
    )?;
    #[expect(
        clippy::type_complexity,
        reason = "one row as read, named where it is used"
    )]
    let rows: Vec<(
        i64,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    )> = stmt
        .query_map([meeting_id], |r| r.try_into())?
        .collect::<Result<Vec<_>, _>>()?;
    for (number, task, responsible, deadline_date, deadline_text, done) in rows {
        let Some(&i) = index.get(&number) else {
            continue;
        };
        let deadline = match (parse_optional_date(conn, deadline_date)?, deadline_text) {
            (Some(d), _) => Some(Deadline::Date(d)),
            (None, Some(t)) => Some(Deadline::Text(t)),
            (None, None) => None,
        };
        meeting.items[i].follow_ups.push(FollowUp {
            task,
            responsible: responsible.map(PersonId),
            deadline,
            done: parse_optional_date(conn, done)?,
        });
    }
    Ok(())
}

fn person_id(conn: &Connection, person: &PersonId) -> Result<i64, StoreError> {
    conn.prepare_cached("SELECT id FROM people WHERE key = ?1")?
        .query_row([person.as_str()], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("person «{person}»")))
}

/// Writes start and end times, votes and follow-ups of every item of `meeting` (inside the
/// caller's transaction, after the items themselves are written).
pub(super) fn save_minutes(
    conn: &Connection,
    meeting_id: i64,
    meeting: &Meeting,
    changes: &Changes,
) -> Result<(), StoreError> {
    let ids: HashMap<u32, i64> = conn
        .prepare_cached("SELECT number, id FROM items WHERE meeting_id = ?1")?
        .query_map([meeting_id], |r| r.try_into())?
        .collect::<Result<_, _>>()?;
    for item in &meeting.items {
        let Some(&item_id) = ids.get(&item.number).filter(|_| changes.item(item.number)) else {
            continue;
        };
        conn.prepare_cached("UPDATE items SET started = ?2, ended = ?3 WHERE id = ?1")?
            .execute(params![
                item_id,
                item.started.map(time_text),
                item.ended.map(time_text)
            ])?;

        conn.prepare_cached("DELETE FROM item_votes WHERE item_id = ?1")?
            .execute([item_id])?;
        if let Some(vote) = &item.vote {
            let (kind, counts) = match vote {
                Vote::Unanimous => ("unanimous", None),
                Vote::Counted {
                    for_votes,
                    against,
                    abstaining,
                } => ("counted", Some((*for_votes, *against, *abstaining))),
                Vote::Named { .. } => ("named", None),
            };
            conn.prepare_cached(
                "INSERT INTO item_votes (item_id, kind, for_count, against, abstaining)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                item_id,
                kind,
                counts.map(|c| c.0),
                counts.map(|c| c.1),
                counts.map(|c| c.2)
            ])?;
            if let Vote::Named {
                for_votes,
                against,
                abstaining,
            } = vote
            {
                let mut insert = conn.prepare_cached(
                    "INSERT INTO item_vote_names (item_id, position, person_id, choice)
                     VALUES (?1, ?2, ?3, ?4)",
                )?;
                let all = for_votes
                    .iter()
                    .map(|p| (p, "for"))
                    .chain(against.iter().map(|p| (p, "against")))
                    .chain(abstaining.iter().map(|p| (p, "abstaining")));
                for (n, (person, choice)) in all.enumerate() {
                    let pid = person_id(conn, person)?;
                    insert
                        .execute(params![item_id, position(n), pid, choice])
                        .map_err(|e| match e.sqlite_error_code() {
                            Some(rusqlite::ErrorCode::ConstraintViolation) => {
                                StoreError::Conflict(format!(
                                    "«{person}» votes twice on item {} of meeting {}",
                                    item.number, meeting.reference
                                ))
                            }
                            _ => e.into(),
                        })?;
                }
            }
        }

        conn.prepare_cached("DELETE FROM item_follow_ups WHERE item_id = ?1")?
            .execute([item_id])?;
        let mut insert = conn.prepare_cached(
            "INSERT INTO item_follow_ups (item_id, position, task, responsible_id,
                                          deadline_date, deadline_text, done)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (n, f) in item.follow_ups.iter().enumerate() {
            let responsible = f
                .responsible
                .as_ref()
                .map(|p| person_id(conn, p))
                .transpose()?;
            let (date, text) = match &f.deadline {
                Some(Deadline::Date(d)) => (Some(d.format("%Y-%m-%d").to_string()), None),
                Some(Deadline::Text(t)) => (None, Some(t.as_str())),
                None => (None, None),
            };
            insert.execute(params![
                item_id,
                position(n),
                f.task,
                responsible,
                date,
                text,
                f.done.map(|d| d.format("%Y-%m-%d").to_string()),
            ])?;
        }
    }
    Ok(())
}

fn body_rowid(conn: &Connection, body: &str) -> Result<i64, StoreError> {
    conn.prepare_cached("SELECT id FROM bodies WHERE name = ?1")?
        .query_row([body], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("body «{body}»")))
}

impl Store {
    /// The quick decision phrases of a body, in order; the built-in list
    /// ([`DEFAULT_PHRASES`]) when the body has none of its own.
    pub fn phrases(&self, body: &str) -> Result<Vec<String>, StoreError> {
        let body_id = body_rowid(&self.conn, body)?;
        let phrases: Vec<String> = self
            .conn
            .prepare_cached("SELECT phrase FROM body_phrases WHERE body_id = ?1 ORDER BY position")?
            .query_map([body_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if phrases.is_empty() {
            return Ok(DEFAULT_PHRASES.iter().map(|&p| p.to_owned()).collect());
        }
        Ok(phrases)
    }

    /// Replaces a body's quick decision phrases (blank lines are dropped; an empty list brings
    /// back the built-in one).
    pub fn set_phrases(&mut self, body: &str, phrases: &[String]) -> Result<(), StoreError> {
        self.ensure_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let body_id = body_rowid(&tx, body)?;
        tx.execute("DELETE FROM body_phrases WHERE body_id = ?1", [body_id])?;
        let kept = phrases.iter().map(|p| p.trim()).filter(|p| !p.is_empty());
        for (n, phrase) in kept.enumerate() {
            tx.prepare_cached(
                "INSERT INTO body_phrases (body_id, position, phrase) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![body_id, position(n), phrase])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Remembers where the referent is working (replaces what was remembered).
    pub fn remember_place(&mut self, place: WorkPlace) -> Result<(), StoreError> {
        self.ensure_writable()?;
        self.conn
            .prepare_cached(
                "INSERT INTO work_place (id, meeting_id, item_number, meeting_mode)
                 VALUES (1, ?1, ?2, ?3)
                 ON CONFLICT (id) DO UPDATE SET meeting_id = excluded.meeting_id,
                     item_number = excluded.item_number, meeting_mode = excluded.meeting_mode",
            )?
            .execute(params![place.meeting.0, place.item, place.meeting_mode])?;
        Ok(())
    }

    /// Where the referent was working when Møtebok last ran, if that meeting still exists.
    pub fn work_place(&self) -> Result<Option<WorkPlace>, StoreError> {
        let row: Option<(Option<i64>, Option<i64>, bool)> = self
            .conn
            .prepare_cached("SELECT meeting_id, item_number, meeting_mode FROM work_place")?
            .query_row([], |r| r.try_into())
            .optional()?;
        Ok(row.and_then(|(meeting, item, meeting_mode)| {
            Some(WorkPlace {
                meeting: MeetingId(meeting?),
                item: item.and_then(|n| u32::try_from(n).ok()),
                meeting_mode,
            })
        }))
    }

    /// Adds a new person (e.g. a guest typed in the meeting). The same person added twice is
    /// no error; another person with the same key is a [`StoreError::Conflict`].
    pub fn add_person(&mut self, person: &Person) -> Result<(), StoreError> {
        self.ensure_writable()?;
        if person.id.as_str().trim().is_empty() || person.name.trim().is_empty() {
            return Err(StoreError::Conflict(
                "a person needs a key and a name".to_owned(),
            ));
        }
        let stored: Option<String> = self
            .conn
            .prepare_cached("SELECT name FROM people WHERE key = ?1")?
            .query_row([person.id.as_str()], |r| r.get(0))
            .optional()?;
        match stored {
            Some(name) if name == person.name => Ok(()),
            Some(name) => Err(StoreError::Conflict(format!(
                "the key «{}» already belongs to «{name}»",
                person.id
            ))),
            None => {
                self.conn
                    .prepare_cached(
                        "INSERT INTO people (key, name, organization) VALUES (?1, ?2, ?3)",
                    )?
                    .execute(params![
                        person.id.as_str(),
                        person.name,
                        person.organization
                    ])?;
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime};

    use super::*;
    use crate::model::{Body, Item, ItemKind, MeetingRef};
    use crate::store::ImportMode;

    fn record() -> crate::model::MeetingRecord {
        let people: Vec<Person> = ["aasen", "berg", "dahl"]
            .iter()
            .map(|k| Person {
                id: PersonId((*k).to_owned()),
                name: format!("{}, Kari", k.to_uppercase()),
                organization: None,
            })
            .collect();
        let mut meeting = Meeting {
            reference: MeetingRef::new(2024, 5),
            date: NaiveDate::from_ymd_opt(2024, 9, 11).unwrap(),
            items: vec![
                Item::new(1, "A", ItemKind::Decision),
                Item::new(2, "B", ItemKind::Decision),
            ],
            ..Default::default()
        };
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        meeting.items[0].started = t(8, 20);
        meeting.items[0].ended = t(8, 41);
        meeting.items[0].vote = Some(Vote::Named {
            for_votes: vec!["berg".into(), "dahl".into()],
            against: vec!["aasen".into()],
            abstaining: vec![],
        });
        meeting.items[1].vote = Some(Vote::Counted {
            for_votes: 5,
            against: 2,
            abstaining: 1,
        });
        meeting.items[1].follow_ups = vec![
            FollowUp {
                task: "Lag et beslutningsunderlag".into(),
                responsible: Some("dahl".into()),
                deadline: Some(Deadline::Text("til møtet i september".into())),
                done: None,
            },
            FollowUp {
                task: "Send ut lysbildene".into(),
                responsible: None,
                deadline: Some(Deadline::Date(
                    NaiveDate::from_ymd_opt(2024, 9, 18).unwrap(),
                )),
                done: NaiveDate::from_ymd_opt(2024, 9, 1),
            },
        ];
        crate::model::MeetingRecord {
            body: Body::new("Rådet"),
            people,
            meeting,
        }
    }

    #[test]
    fn votes_follow_ups_and_times_survive_a_save_and_a_load() {
        let mut store = Store::open_in_memory().unwrap();
        let rec = record();
        let id = store.import_record(&rec, ImportMode::Refuse).unwrap();
        let loaded = store.load_meeting(id).unwrap();
        assert_eq!(loaded.meeting, rec.meeting);

        let mut changed = loaded.meeting.clone();
        changed.items[0].vote = Some(Vote::Unanimous);
        changed.items[1].follow_ups.remove(0);
        changed.items[0].ended = None;
        store.save_meeting(id, &changed).unwrap();
        assert_eq!(store.load_meeting(id).unwrap().meeting, changed);
    }

    #[test]
    fn a_named_voter_must_exist() {
        let mut store = Store::open_in_memory().unwrap();
        let rec = record();
        let id = store.import_record(&rec, ImportMode::Refuse).unwrap();
        let mut changed = rec.meeting.clone();
        changed.items[1].vote = Some(Vote::Named {
            for_votes: vec!["nobody".into()],
            against: vec![],
            abstaining: vec![],
        });
        let err = store.save_meeting(id, &changed).unwrap_err();
        assert!(err.to_string().contains("nobody"), "{err}");
        assert_eq!(store.load_meeting(id).unwrap().meeting, rec.meeting);
    }

    #[test]
    fn phrases_are_per_body_with_the_built_in_list_as_default() {
        let mut store = Store::open_in_memory().unwrap();
        store.import_record(&record(), ImportMode::Refuse).unwrap();
        assert_eq!(
            store.phrases("Rådet").unwrap()[0],
            "Saken tas til orientering"
        );
        store
            .set_phrases("Rådet", &["Vedtatt som foreslått".into(), "  ".into()])
            .unwrap();
        assert_eq!(store.phrases("Rådet").unwrap(), ["Vedtatt som foreslått"]);
        store.set_phrases("Rådet", &[]).unwrap();
        assert_eq!(store.phrases("Rådet").unwrap().len(), DEFAULT_PHRASES.len());
    }

    #[test]
    fn the_work_place_is_remembered_and_forgotten_with_its_meeting() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.work_place().unwrap(), None);
        let id = store.import_record(&record(), ImportMode::Refuse).unwrap();
        let place = WorkPlace {
            meeting: id,
            item: Some(2),
            meeting_mode: true,
        };
        store.remember_place(place).unwrap();
        assert_eq!(store.work_place().unwrap(), Some(place));
        store.delete_meeting(id).unwrap();
        assert_eq!(store.work_place().unwrap(), None);
    }

    #[test]
    fn a_new_person_is_added_once_and_a_taken_key_is_refused() {
        let mut store = Store::open_in_memory().unwrap();
        let p = Person {
            id: "nygaard-o".into(),
            name: "Nygaard, Ola".into(),
            organization: None,
        };
        store.add_person(&p).unwrap();
        store.add_person(&p).unwrap();
        let other = Person {
            name: "Nygaard, Olga".into(),
            ..p.clone()
        };
        assert!(matches!(
            store.add_person(&other),
            Err(StoreError::Conflict(_))
        ));
        assert_eq!(store.people().unwrap(), [p]);
    }
}
