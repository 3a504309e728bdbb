//! Keeping the file sound without making anyone wait: the unclean-exit marker, when a full
//! integrity check is due, the check itself (read-only, on its own connection, cancellable),
//! and what it found.
//!
//! Opening the store only makes a cheap check (header, schema, first pages; see
//! `migrate::inspect`). The full `PRAGMA integrity_check` reads every page, so it runs in the
//! background (the window's maintenance thread) after an unclean exit and once a week
//! ([`CHECK_EVERY`]); its result is kept in the `integrity_checks` table (schema step 9).
//!
//! The unclean-exit marker lives in the instance lock file (`<db>.lock`): [`Store::open`]
//! writes `open …` into it and a clean close empties it. An open that finds the text left
//! there knows the session before it ended without closing the database.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::{NaiveDateTime, TimeDelta};
use rusqlite::{Connection, InterruptHandle, OpenFlags, OptionalExtension, params};

use super::{Store, StoreError, migrate};

/// How often a full check runs when nothing else makes one due.
pub const CHECK_EVERY: TimeDelta = TimeDelta::days(7);

/// How many problem lines a check keeps (`SQLite` may report thousands for one bad page).
const PROBLEMS_KEPT: usize = 10;

/// The text a session leaves in the lock file while it has the database open.
const MARKER: &[u8] = b"open";

/// The stamp format of the `integrity_checks` table.
const STAMP: &str = "%Y-%m-%d %H:%M:%S";

/// Why a full check is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckReason {
    /// The session before ended without closing the database (a crash, a kill, a power cut).
    UncleanExit,
    /// No check ran in the last [`CHECK_EVERY`] (or never).
    Scheduled,
}

/// What a full integrity check found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntegrityReport {
    /// The problems `SQLite` reported (at most ten); empty when the file is sound.
    pub problems: Vec<String>,
    /// How many pages the file has.
    pub pages: u64,
    /// How long the check took.
    pub elapsed: Duration,
}

impl IntegrityReport {
    /// Whether no problem was found.
    #[must_use]
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Stops a background check or backup from another thread: sets a flag the backup looks at
/// between steps and interrupts the check's running statement.
#[derive(Default)]
pub struct Cancel {
    cancelled: AtomicBool,
    running: Mutex<Option<InterruptHandle>>,
}

impl std::fmt::Debug for Cancel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cancel")
            .field("cancelled", &self.is_cancelled())
            .finish_non_exhaustive()
    }
}

/// The statement a [`Cancel`] interrupts, while it runs.
struct InterruptSlot<'a>(&'a Cancel);

impl Drop for InterruptSlot<'_> {
    fn drop(&mut self) {
        if let Ok(mut slot) = self.0.running.lock() {
            *slot = None;
        }
    }
}

impl Cancel {
    /// Asks the work to stop as soon as it can.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::SeqCst);
        if let Ok(slot) = self.running.lock()
            && let Some(handle) = slot.as_ref()
        {
            handle.interrupt();
        }
    }

    /// Whether [`Cancel::cancel`] was called.
    #[must_use]
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::SeqCst)
    }

    fn watch(&self, conn: &Connection) -> InterruptSlot<'_> {
        if let Ok(mut slot) = self.running.lock() {
            *slot = Some(conn.get_interrupt_handle());
        }
        if self.is_cancelled() {
            conn.get_interrupt_handle().interrupt();
        }
        InterruptSlot(self)
    }
}

/// Reads the lock file (held by this process): whether the session before left its marker,
/// then writes this session's marker and makes it durable.
pub(super) fn mark_session_open(lock: &mut File) -> Result<bool, StoreError> {
    let mut before = Vec::new();
    lock.seek(SeekFrom::Start(0))?;
    lock.read_to_end(&mut before)?;
    let unclean = before.starts_with(MARKER);
    lock.set_len(0)?;
    lock.seek(SeekFrom::Start(0))?;
    writeln!(
        lock,
        "open by process {} since {}",
        std::process::id(),
        chrono::Local::now().format(STAMP)
    )?;
    lock.sync_data()?;
    Ok(unclean)
}

/// Empties the lock file: this session closed the database cleanly.
pub(super) fn mark_session_closed(lock: &File) {
    // A marker that stays costs one needless background check; nothing to report.
    let _ = lock.set_len(0);
}

/// Notes in the database that the session before this one ended uncleanly.
pub(super) fn record_unclean_exit(conn: &Connection, now: NaiveDateTime) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE integrity_checks SET unclean_exit_at = ?1 WHERE id = 1",
        [now.format(STAMP).to_string()],
    )?;
    Ok(())
}

fn due(conn: &Connection, now: NaiveDateTime) -> Result<Option<CheckReason>, StoreError> {
    let row: Option<(Option<String>, Option<String>)> = conn
        .query_row(
            "SELECT last_check_at, unclean_exit_at FROM integrity_checks WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((last, unclean)) = row else {
        return Ok(Some(CheckReason::Scheduled));
    };
    if unclean.is_some() {
        return Ok(Some(CheckReason::UncleanExit));
    }
    let last = last.and_then(|t| NaiveDateTime::parse_from_str(&t, STAMP).ok());
    // A check stamped in the future (a clock that went back) does not count.
    let fresh = last.is_some_and(|at| at <= now && now - at < CHECK_EVERY);
    Ok((!fresh).then_some(CheckReason::Scheduled))
}

/// Opens `db_path` read-only for a background job: never creates, migrates or changes it.
pub(super) fn open_read_only(db_path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(
        db_path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| migrate::classify(db_path, e))?;
    conn.busy_timeout(migrate::BUSY_TIMEOUT)?;
    conn.pragma_update(None, "query_only", true)?;
    Ok(conn)
}

/// Whether a full check of the database at `db_path` is due at `now`, and why.
pub fn check_due(db_path: &Path, now: NaiveDateTime) -> Result<Option<CheckReason>, StoreError> {
    due(&open_read_only(db_path)?, now)
}

/// Runs `PRAGMA integrity_check` over the whole database at `db_path` on a read-only
/// connection of its own: every page, every index against its table. The file is not changed;
/// writers on other connections go on meanwhile (WAL). Returns
/// [`StoreError::Sqlite`] with `SQLITE_INTERRUPT` when `cancel` stopped it.
pub fn full_check(db_path: &Path, cancel: &Cancel) -> Result<IntegrityReport, StoreError> {
    let started = Instant::now();
    let conn = open_read_only(db_path)?;
    let pages: i64 = conn.pragma_query_value(None, "page_count", |r| r.get(0))?;
    let _watch = cancel.watch(&conn);
    let mut problems = Vec::new();
    let run = conn.pragma_query(None, "integrity_check", |r| {
        let line: String = r.get(0)?;
        if line != "ok" && problems.len() < PROBLEMS_KEPT {
            problems.push(line);
        }
        Ok(())
    });
    match run {
        Ok(()) => {}
        // A page so damaged that SQLite stops reading is a finding, not a failure to check.
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
            ) =>
        {
            problems.push(e.to_string());
        }
        Err(e) => return Err(e.into()),
    }
    Ok(IntegrityReport {
        problems,
        pages: u64::try_from(pages).unwrap_or(0),
        elapsed: started.elapsed(),
    })
}

/// Keeps what a full check found (and that it ran, so the next is due in a week).
pub fn record_check(
    db_path: &Path,
    finished: NaiveDateTime,
    report: &IntegrityReport,
) -> Result<(), StoreError> {
    let conn = Connection::open_with_flags(
        db_path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(migrate::BUSY_TIMEOUT)?;
    let problems = (!report.is_ok()).then(|| report.problems.join("\n"));
    conn.execute(
        "UPDATE integrity_checks
         SET last_check_at = ?1, last_ok = ?2, last_problems = ?3, unclean_exit_at = NULL
         WHERE id = 1",
        params![finished.format(STAMP).to_string(), report.is_ok(), problems],
    )?;
    Ok(())
}

/// The last full check: when it finished and the problems it found (empty: none).
pub fn last_check(db_path: &Path) -> Result<Option<(NaiveDateTime, Vec<String>)>, StoreError> {
    let conn = open_read_only(db_path)?;
    let row: Option<(Option<String>, Option<String>)> = conn
        .query_row(
            "SELECT last_check_at, last_problems FROM integrity_checks WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(row.and_then(|(at, problems)| {
        let at = NaiveDateTime::parse_from_str(&at?, STAMP).ok()?;
        let problems = problems
            .map(|p| p.lines().map(str::to_owned).collect())
            .unwrap_or_default();
        Some((at, problems))
    }))
}

impl Store {
    /// Whether this open found that the session before it ended without closing the database
    /// (its marker was still in the lock file). Always `false` for read-only and in-memory
    /// stores.
    #[must_use]
    pub fn found_unclean_exit(&self) -> bool {
        self.unclean_exit
    }

    /// Whether a full integrity check is due at `now` (see [`check_due`]); `None` for
    /// read-only and in-memory stores, which are not checked.
    pub fn integrity_check_due(
        &self,
        now: NaiveDateTime,
    ) -> Result<Option<CheckReason>, StoreError> {
        if self.read_only || self.path.is_none() {
            return Ok(None);
        }
        due(&self.conn, now)
    }
}
