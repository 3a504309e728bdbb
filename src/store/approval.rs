//! Approval and corrections: approving a meeting's minutes, re-opening approved minutes as a
//! recorded correction, and reading the versions a correction replaced.
//!
//! The database itself refuses changes to an approved or signed meeting's content (triggers of
//! schema step 6, `0006_approval.sql`); the functions here are the only ways past the lock:
//! a forward move (approved → signed, done by saving) and a correction, which first records
//! the approved version (its meeting package and minutes PDF) and then re-opens the meeting as
//! a draft with the next version number.

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::codec::{parse_stamp, stamp_text};
use super::{MeetingId, Store, StoreError};
use crate::model::{MeetingRef, MeetingStatus};

/// How an approval was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApprovedVia {
    /// In the window (Rapport pane).
    Window,
    /// `motebok approve` on the command line.
    CommandLine,
    /// From a reviewer's reply (offline review).
    Review,
}

impl ApprovedVia {
    /// The stored code.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            ApprovedVia::Window => "window",
            ApprovedVia::CommandLine => "command_line",
            ApprovedVia::Review => "review",
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        match code {
            "window" => Some(ApprovedVia::Window),
            "command_line" => Some(ApprovedVia::CommandLine),
            "review" => Some(ApprovedVia::Review),
            _ => None,
        }
    }
}

/// One recorded approval of a meeting's minutes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Approval {
    /// The version of the minutes approved.
    pub version: u32,
    /// When.
    pub approved_at: NaiveDateTime,
    /// Who, as given (free text), if given.
    pub approved_by: Option<String>,
    /// How.
    pub via: ApprovedVia,
}

/// An approved version of the minutes that a correction replaced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingVersion {
    /// Its version number (1 is the first approved minutes).
    pub version: u32,
    /// Approved or signed, as it stood.
    pub status: MeetingStatus,
    /// Why the correction that replaced it was made.
    pub reason: String,
    /// When the correction was started.
    pub superseded_at: NaiveDateTime,
}

/// Where a meeting stands as to approval: its status, version and the versions before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApprovalState {
    /// Lifecycle state.
    pub status: MeetingStatus,
    /// The version of the minutes it holds now (1 until a correction).
    pub version: u32,
    /// The approval of the current version, when it is approved.
    pub approval: Option<Approval>,
    /// Approved versions replaced by corrections, oldest first.
    pub versions: Vec<MeetingVersion>,
}

fn to_u32(value: i64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// Status, version and name of a meeting.
fn meeting_row(
    conn: &Connection,
    id: MeetingId,
) -> Result<(MeetingStatus, u32, String), StoreError> {
    let row: Option<(String, i64, String, i64, i64)> = conn
        .query_row(
            "SELECT m.status, m.version, b.name, m.year, m.number
             FROM meetings m JOIN bodies b ON b.id = m.body_id WHERE m.id = ?1",
            [id.0],
            |r| r.try_into(),
        )
        .optional()?;
    let Some((status, version, body, year, number)) = row else {
        return Err(StoreError::NotFound(format!("meeting #{}", id.0)));
    };
    let status = MeetingStatus::from_code(&status).ok_or_else(|| StoreError::Corrupt {
        path: ":meetings:".into(),
        detail: format!("«{status}» is not a meeting status"),
    })?;
    let reference = MeetingRef {
        year: i32::try_from(year).unwrap_or_default(),
        number: to_u32(number),
    };
    Ok((
        status,
        to_u32(version),
        format!("meeting {reference} of {body}"),
    ))
}

/// Sets the locked status of a meeting whose content was just written (inside the caller's
/// transaction).
pub(super) fn lock_written_meeting(
    conn: &Connection,
    id: i64,
    status: MeetingStatus,
) -> Result<(), StoreError> {
    conn.prepare_cached("UPDATE meetings SET status = ?2 WHERE id = ?1")?
        .execute(params![id, status.code()])?;
    Ok(())
}

impl Store {
    /// Approves a meeting's minutes: its status becomes approved and the approval is recorded
    /// (when, by whom, how). From then on its content cannot change (the database refuses it).
    ///
    /// A meeting that is already approved or signed is [`StoreError::Locked`]; one that has
    /// not been held yet (planned, notice sent) is a [`StoreError::Conflict`].
    pub fn approve(
        &mut self,
        id: MeetingId,
        approved_by: Option<&str>,
        via: ApprovedVia,
        at: NaiveDateTime,
    ) -> Result<(), StoreError> {
        self.ensure_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (status, version, name) = meeting_row(&tx, id)?;
        if status.is_locked() {
            return Err(StoreError::Locked(format!(
                "{name} is already {}",
                status.code()
            )));
        }
        if matches!(status, MeetingStatus::Planned | MeetingStatus::NoticeSent) {
            return Err(StoreError::Conflict(format!(
                "{name} has not been held yet ({}); there are no minutes to approve",
                status.code().replace('_', " ")
            )));
        }
        tx.execute(
            "UPDATE meetings SET status = 'approved' WHERE id = ?1",
            [id.0],
        )?;
        tx.execute(
            "INSERT INTO meeting_approvals (meeting_id, version, approved_at, approved_by, via)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (meeting_id, version) DO NOTHING",
            params![
                id.0,
                version,
                stamp_text(at),
                approved_by.map(str::trim).filter(|s| !s.is_empty()),
                via.code()
            ],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Starts a correction of approved (or signed) minutes: records the version the meeting
    /// holds now — `package` (its meeting package, JSON) and `pdf` (its minutes) — with the
    /// `reason`, then re-opens the meeting as draft minutes with the next version number.
    /// Returns the new version number. The recorded version stays readable
    /// ([`Store::version_package`], [`Store::version_pdf`]) and can never be changed.
    ///
    /// A meeting that is not approved or signed is a [`StoreError::Conflict`]; an empty
    /// reason too.
    pub fn start_correction(
        &mut self,
        id: MeetingId,
        reason: &str,
        package: &str,
        pdf: &[u8],
        at: NaiveDateTime,
    ) -> Result<u32, StoreError> {
        self.ensure_writable()?;
        if reason.trim().is_empty() {
            return Err(StoreError::Conflict(
                "a correction of approved minutes needs a reason".into(),
            ));
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (status, version, name) = meeting_row(&tx, id)?;
        if !status.is_locked() {
            return Err(StoreError::Conflict(format!(
                "{name} is not approved ({}); it can be changed directly",
                status.code().replace('_', " ")
            )));
        }
        tx.execute(
            "INSERT INTO meeting_versions (meeting_id, version, status, package, pdf, reason,
                                           superseded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id.0,
                version,
                status.code(),
                package,
                pdf,
                reason.trim(),
                stamp_text(at)
            ],
        )?;
        tx.execute(
            "UPDATE meetings SET status = 'draft_minutes', version = version + 1 WHERE id = ?1",
            [id.0],
        )?;
        tx.commit()?;
        Ok(version + 1)
    }

    /// Where a meeting stands as to approval: status, current version, its approval and the
    /// versions corrections replaced.
    pub fn approval_state(&self, id: MeetingId) -> Result<ApprovalState, StoreError> {
        let (status, version, _) = meeting_row(&self.conn, id)?;
        let approval = self
            .conn
            .prepare_cached(
                "SELECT version, approved_at, approved_by, via FROM meeting_approvals
                 WHERE meeting_id = ?1 AND version = ?2",
            )?
            .query_row(params![id.0, version], |r| {
                <(i64, String, Option<String>, String)>::try_from(r)
            })
            .optional()?;
        let approval = match approval {
            Some((v, at, by, via)) if status.is_locked() => Some(Approval {
                version: to_u32(v),
                approved_at: parse_stamp(":approval:", &at)?,
                approved_by: by,
                via: ApprovedVia::from_code(&via).unwrap_or(ApprovedVia::Window),
            }),
            _ => None,
        };
        let rows: Vec<(i64, String, String, String)> = self
            .conn
            .prepare_cached(
                "SELECT version, status, reason, superseded_at FROM meeting_versions
                 WHERE meeting_id = ?1 ORDER BY version",
            )?
            .query_map([id.0], |r| r.try_into())?
            .collect::<Result<_, _>>()?;
        let mut versions = Vec::with_capacity(rows.len());
        for (v, s, reason, at) in rows {
            versions.push(MeetingVersion {
                version: to_u32(v),
                status: MeetingStatus::from_code(&s).unwrap_or(MeetingStatus::Approved),
                reason,
                superseded_at: parse_stamp(":approval:", &at)?,
            });
        }
        Ok(ApprovalState {
            status,
            version,
            approval,
            versions,
        })
    }

    /// The meeting package (JSON text) of a recorded earlier version.
    pub fn version_package(&self, id: MeetingId, version: u32) -> Result<String, StoreError> {
        self.conn
            .query_row(
                "SELECT package FROM meeting_versions WHERE meeting_id = ?1 AND version = ?2",
                params![id.0, version],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("version {version} of meeting #{}", id.0)))
    }

    /// The minutes PDF of a recorded earlier version, exactly as it was when replaced.
    pub fn version_pdf(&self, id: MeetingId, version: u32) -> Result<Vec<u8>, StoreError> {
        self.conn
            .query_row(
                "SELECT pdf FROM meeting_versions WHERE meeting_id = ?1 AND version = ?2",
                params![id.0, version],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("version {version} of meeting #{}", id.0)))
    }
}
