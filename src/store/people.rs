//! People and bodies: reading and merging them, the memberships of a body.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use crate::model::{Body, Membership, Person, PersonId, Role, norwegian_cmp};

use super::codec::{date_text, parse_code, parse_date, position};
use super::{Store, StoreError};

/// Sorts people by name in Norwegian order, then by key.
pub(super) fn sort_people(people: &mut [Person]) {
    // The order of `norwegian_cmp`, with one sort key per person.
    people.sort_by_cached_key(|p| {
        (
            crate::model::sort_key(&p.name),
            p.name.clone(),
            p.id.clone(),
        )
    });
}

pub(super) fn read_person(conn: &Connection, key: &str) -> Result<Option<Person>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT key, name, organization FROM people WHERE key = ?1")?;
    Ok(stmt
        .query_row([key], |r| {
            Ok(Person {
                id: PersonId(r.get(0)?),
                name: r.get(1)?,
                organization: r.get(2)?,
            })
        })
        .optional()?)
}

pub(super) fn read_all_people(conn: &Connection) -> Result<Vec<Person>, StoreError> {
    let mut stmt = conn.prepare("SELECT key, name, organization FROM people")?;
    let mut people = stmt
        .query_map([], |r| {
            Ok(Person {
                id: PersonId(r.get(0)?),
                name: r.get(1)?,
                organization: r.get(2)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    sort_people(&mut people);
    Ok(people)
}

pub(super) fn read_memberships(
    conn: &Connection,
    body_id: i64,
) -> Result<Vec<Membership>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.key, m.role, m.municipality, m.from_date, m.to_date
         FROM memberships m JOIN people p ON p.id = m.person_id
         WHERE m.body_id = ?1 ORDER BY m.position, m.id",
    )?;
    let rows = stmt
        .query_map([body_id], |r| {
            <(
                String,
                String,
                Option<String>,
                Option<String>,
                Option<String>,
            )>::try_from(r)
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(key, role, municipality, from, to)| {
            Ok(Membership {
                person: PersonId(key),
                role: parse_code(conn, "role", &role, Role::from_code)?,
                municipality,
                from: from.map(|d| parse_date(conn, &d)).transpose()?,
                to: to.map(|d| parse_date(conn, &d)).transpose()?,
            })
        })
        .collect()
}

pub(super) fn read_body(conn: &Connection, body_id: i64) -> Result<Body, StoreError> {
    let name: String = conn
        .query_row("SELECT name FROM bodies WHERE id = ?1", [body_id], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("body #{body_id}")))?;
    Ok(Body {
        name,
        members: read_memberships(conn, body_id)?,
        quorum: super::attendance::read_quorum(conn, body_id)?,
    })
}

pub(super) fn body_id(conn: &Connection, name: &str) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT id FROM bodies WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?)
}

pub(super) fn person_rowid(conn: &Connection, key: &str) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT id FROM people WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

pub(super) fn body_name(conn: &Connection, body_id: i64) -> Result<String, StoreError> {
    Ok(
        conn.query_row("SELECT name FROM bodies WHERE id = ?1", [body_id], |r| {
            r.get(0)
        })?,
    )
}

// ---------------------------------------------------------------------------------------------
// Writing (always inside a transaction opened by the caller).

pub(super) fn ensure_body(conn: &Connection, name: &str) -> Result<i64, StoreError> {
    if let Some(id) = body_id(conn, name)? {
        return Ok(id);
    }
    if name.trim().is_empty() {
        return Err(StoreError::Conflict("a body needs a name".to_owned()));
    }
    conn.prepare_cached("INSERT INTO bodies (name) VALUES (?1)")?
        .execute([name])?;
    Ok(conn.last_insert_rowid())
}

pub(super) fn membership_person(
    conn: &Connection,
    body: &str,
    m: &Membership,
) -> Result<i64, StoreError> {
    person_rowid(conn, m.person.as_str())?.ok_or_else(|| {
        StoreError::NotFound(format!(
            "person «{}» (member of {body} as {})",
            m.person,
            m.role.code().replace('_', " ")
        ))
    })
}

pub(super) fn insert_membership(
    conn: &Connection,
    body_id: i64,
    position: i64,
    person_id: i64,
    m: &Membership,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO memberships (body_id, position, person_id, role, municipality,
                                  from_date, to_date)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        body_id,
        position,
        person_id,
        m.role.code(),
        m.municipality,
        m.from.map(date_text),
        m.to.map(date_text),
    ])?;
    Ok(())
}

/// Adds the memberships of `body` that are not stored yet; never removes one.
pub(super) fn merge_memberships(
    conn: &Connection,
    body_id: i64,
    body: &Body,
) -> Result<(), StoreError> {
    for m in &body.members {
        let person_id = membership_person(conn, &body.name, m)?;
        let known: Option<i64> = conn
            .prepare_cached(
                "SELECT id FROM memberships WHERE body_id = ?1 AND person_id = ?2 AND role = ?3
                   AND municipality IS ?4 AND from_date IS ?5 AND to_date IS ?6",
            )?
            .query_row(
                params![
                    body_id,
                    person_id,
                    m.role.code(),
                    m.municipality,
                    m.from.map(date_text),
                    m.to.map(date_text),
                ],
                |r| r.get(0),
            )
            .optional()?;
        if known.is_none() {
            let next: i64 = conn.query_row(
                "SELECT coalesce(max(position), -1) + 1 FROM memberships WHERE body_id = ?1",
                [body_id],
                |r| r.get(0),
            )?;
            insert_membership(conn, body_id, next, person_id, m)?;
        }
    }
    Ok(())
}

/// Adds a person from an imported meeting, or checks the stored one agrees with it.
pub(super) fn merge_person(conn: &Connection, person: &Person) -> Result<(), StoreError> {
    if person.id.as_str().is_empty() {
        return Err(StoreError::Conflict(format!(
            "person «{}» has an empty key",
            person.name
        )));
    }
    let Some(stored) = read_person(conn, person.id.as_str())? else {
        conn.prepare_cached("INSERT INTO people (key, name, organization) VALUES (?1, ?2, ?3)")?
            .execute(params![
                person.id.as_str(),
                person.name,
                person.organization
            ])?;
        return Ok(());
    };
    if stored.name != person.name {
        return Err(StoreError::Conflict(format!(
            "person «{}» is «{}» in this database but «{}» in the imported meeting",
            person.id, stored.name, person.name
        )));
    }
    match (&stored.organization, &person.organization) {
        (None, Some(org)) => {
            conn.prepare_cached("UPDATE people SET organization = ?2 WHERE key = ?1")?
                .execute(params![person.id.as_str(), org])?;
        }
        (Some(ours), Some(theirs)) if ours != theirs => {
            return Err(StoreError::Conflict(format!(
                "person «{}» ({}) belongs to «{ours}» in this database but to «{theirs}» in the \
                 imported meeting",
                person.id, stored.name
            )));
        }
        _ => {}
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The public operations.

impl Store {
    /// Every body with its memberships, by name in Norwegian order.
    pub fn bodies(&self) -> Result<Vec<Body>, StoreError> {
        let ids: Vec<i64> = self
            .conn
            .prepare("SELECT id FROM bodies")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut bodies = ids
            .into_iter()
            .map(|id| read_body(&self.conn, id))
            .collect::<Result<Vec<_>, _>>()?;
        bodies.sort_by(|a, b| norwegian_cmp(&a.name, &b.name));
        Ok(bodies)
    }

    /// Everyone in the database, by name in Norwegian order.
    pub fn people(&self) -> Result<Vec<Person>, StoreError> {
        read_all_people(&self.conn)
    }

    /// Adds a body, or replaces the memberships of the body with this name. Every member must
    /// exist as a person ([`StoreError::NotFound`] otherwise).
    pub fn upsert_body(&mut self, body: &Body) -> Result<(), StoreError> {
        self.ensure_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let body_id = ensure_body(&tx, &body.name)?;
        tx.execute("DELETE FROM memberships WHERE body_id = ?1", [body_id])?;
        for (index, m) in body.members.iter().enumerate() {
            let person_id = membership_person(&tx, &body.name, m)?;
            insert_membership(&tx, body_id, position(index), person_id, m)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Adds a person, or updates the name and organisation of the person with this key.
    pub fn upsert_person(&mut self, person: &Person) -> Result<(), StoreError> {
        self.ensure_writable()?;
        if person.id.as_str().is_empty() {
            return Err(StoreError::Conflict(format!(
                "person «{}» has an empty key",
                person.name
            )));
        }
        self.conn.execute(
            "INSERT INTO people (key, name, organization) VALUES (?1, ?2, ?3)
             ON CONFLICT (key) DO UPDATE SET name = excluded.name,
                                             organization = excluded.organization",
            params![person.id.as_str(), person.name, person.organization],
        )?;
        super::search::sync_index(&self.conn)?;
        Ok(())
    }
}
