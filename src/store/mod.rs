//! `SQLite` storage: schema files, migrations, queries. The only place SQL is written.
//!
//! One `SQLite` file holds everything. [`Store::open`] takes an instance lock (`<db>.lock`
//! beside the database, held while the [`Store`] lives), checks the file read-only first
//! (a newer schema is refused with [`StoreError::TooNew`], a file that is not a Møtebok
//! database with [`StoreError::Corrupt`]; either way the file stays byte-for-byte untouched),
//! then switches on WAL, foreign keys, `synchronous=FULL` and a busy timeout, and migrates.
//! That check is cheap (header, schema, first pages) and costs the same for any size of
//! archive; the full integrity check runs in the background after an unclean exit and weekly
//! (see [`full_check`], [`check_due`] and `app::maintenance`).
//! Every public method that changes data is one transaction: it happens entirely or not at all.
//!
//! # Adding to the schema
//!
//! The schema lives in numbered SQL files under `src/store/schema/`. To change it:
//!
//! 1. Write `src/store/schema/0002_what_it_does.sql` (the next free number). Never edit a file
//!    that has shipped: databases out there already ran it.
//! 2. Append one line to [`MIGRATIONS`] in `src/store/migrate.rs`:
//!    `Migration { version: 2, name: "0002_what_it_does.sql", sql: include_str!("schema/0002_what_it_does.sql") },`
//!
//! [`SCHEMA_VERSION`] follows automatically. Each step runs in its own transaction together
//! with `PRAGMA user_version = N`, so a failing step leaves the database at the previous
//! version. Foreign keys are off during a step (so a step may rebuild a table the `SQLite` way:
//! create new, copy, drop old, rename) and `foreign_key_check` must pass before it commits.
//! Then adapt the queries in `src/store/records.rs`.

mod agenda;
mod approval;
mod attendance;
mod backup;
mod changes;
mod codec;
mod error;
mod maintenance;
mod meetings;
mod migrate;
mod minutes;
mod people;
mod review;
mod search;
mod signing;

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OpenFlags};

use crate::model::{MeetingRef, MeetingStatus};

pub use crate::model::{DecisionFilter, DecisionRow, DecisionSort, MeetingId};
pub use agenda::Blobs;
pub use approval::{Approval, ApprovalState, ApprovedVia, MeetingVersion};
pub use attendance::person_key_for;
pub use backup::{BACKUPS_KEPT, BackupProgress, backup_dir, backup_in_steps, latest_backup};
pub use error::{FileFault, StoreError};
pub use maintenance::{
    CHECK_EVERY, Cancel, CheckReason, IntegrityReport, check_due, full_check, last_check,
    record_check,
};
pub use migrate::{APPLICATION_ID, MIGRATIONS, Migration, SCHEMA_VERSION};
pub use minutes::WorkPlace;
pub use review::{ImportedReply, ReceivedReview};
#[doc(hidden)]
pub use search::archive;
pub use search::{
    FollowUpFilter, FollowUpKey, FollowUpRow, FollowUpStatus, RegisterChoices, SearchField,
    SearchGroup, SearchHit, SearchResults, sort_decisions,
};
pub use signing::{MeetingSignature, NewSignature, RegisteredSignatory, Signatory};

/// One line of the meeting list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingSummary {
    /// The meeting's row id.
    pub id: MeetingId,
    /// The name of the body that meets.
    pub body: String,
    /// Year and number.
    pub reference: MeetingRef,
    /// The day of the meeting.
    pub date: NaiveDate,
    /// Lifecycle state.
    pub status: MeetingStatus,
    /// Where.
    pub place: String,
    /// How many agenda items it has.
    pub item_count: u32,
}

/// What [`Store::import_record`] does when the meeting already exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportMode {
    /// Refuse with [`StoreError::MeetingExists`].
    Refuse,
    /// Replace the stored meeting's content (not when it is approved or signed).
    Replace,
}

/// The connection settings in force, for diagnostics and tests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreSettings {
    /// `PRAGMA journal_mode`: `wal` for a database file, `memory` in memory.
    pub journal_mode: String,
    /// `PRAGMA foreign_keys`.
    pub foreign_keys: bool,
    /// `PRAGMA synchronous`: 2 is FULL.
    pub synchronous: i64,
    /// `PRAGMA busy_timeout` in milliseconds.
    pub busy_timeout_ms: i64,
}

/// The Møtebok database. Not `Sync`: one thread owns it.
pub struct Store {
    // Field order is drop order: the connection closes before the lock is released.
    conn: Connection,
    path: Option<PathBuf>,
    read_only: bool,
    unclean_exit: bool,
    /// When the file was last written before this session opened it (after an unclean exit).
    last_write_before: Option<std::time::SystemTime>,
    _lock: Option<SessionLock>,
}

/// The instance lock, held while the [`Store`] lives; dropping it after the connection
/// closed marks the session closed cleanly (see [`maintenance`]).
struct SessionLock(File);

impl Drop for SessionLock {
    fn drop(&mut self) {
        maintenance::mark_session_closed(&self.0);
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("read_only", &self.read_only)
            .finish_non_exhaustive()
    }
}

/// The instance lock file of the database at `db_path`: `<db>.lock` beside it.
#[must_use]
pub fn lock_path(db_path: &Path) -> PathBuf {
    let mut name = db_path.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Where the database lives by default: `motebok.sqlite3` in the user's data folder for
/// Møtebok, or `None` when the system names no home folder.
#[must_use]
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("no", "Motebok", "Motebok")
        .map(|dirs| dirs.data_dir().join("motebok.sqlite3"))
}

/// Takes the instance lock of the database at `db_path`, or reports it in use.
fn acquire_lock(db_path: &Path) -> Result<File, StoreError> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock_path(db_path))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::InUse {
            path: db_path.to_owned(),
        }),
        Err(std::fs::TryLockError::Error(e)) => Err(e.into()),
    }
}

impl Store {
    /// Opens (or creates) the database at `path` for reading and writing, creating its folder,
    /// and brings its schema up to [`SCHEMA_VERSION`].
    ///
    /// Fails with [`StoreError::InUse`] while another Møtebok holds it, [`StoreError::TooNew`]
    /// for a newer schema and [`StoreError::Corrupt`] for a file that is not a Møtebok
    /// database; those files are not changed.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        let lock = acquire_lock(path)?;
        migrate::inspect(path)?;
        let last_write_before = last_write(path);
        let mut conn = Connection::open(path).map_err(|e| migrate::classify(path, e))?;
        conn.busy_timeout(migrate::BUSY_TIMEOUT)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(|e| migrate::classify(path, e))?;
        // Where WAL is impossible (some network drives) SQLite keeps its rollback journal.
        let _mode: String =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        migrate::migrate(&mut conn, MIGRATIONS).map_err(|e| match e {
            StoreError::Sqlite(e) => migrate::classify(path, e),
            other => other,
        })?;
        let mut lock = lock;
        let unclean_exit = maintenance::mark_session_open(&mut lock)?;
        if unclean_exit {
            maintenance::record_unclean_exit(&conn, chrono::Local::now().naive_local())?;
        }
        Ok(Store {
            conn,
            path: Some(path.to_owned()),
            read_only: false,
            unclean_exit,
            last_write_before: last_write_before.filter(|_| unclean_exit),
            _lock: Some(SessionLock(lock)),
        })
    }

    /// Opens the database at `path` for viewing only: no lock (works while another Møtebok
    /// holds it), no changes to the file. An older schema (e.g. an old backup) is migrated in
    /// a private in-memory copy. Every write fails with [`StoreError::ReadOnly`].
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        if !path.is_file() {
            return Err(StoreError::NotFound(format!(
                "the database file {}",
                path.display()
            )));
        }
        let version = migrate::inspect(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn =
            Connection::open_with_flags(path, flags).map_err(|e| migrate::classify(path, e))?;
        conn.busy_timeout(migrate::BUSY_TIMEOUT)?;
        if version < SCHEMA_VERSION {
            let mut copy = Connection::open_in_memory()?;
            {
                let backup = rusqlite::backup::Backup::new(&conn, &mut copy)?;
                backup.run_to_completion(256, std::time::Duration::from_millis(5), None)?;
            }
            migrate::migrate(&mut copy, MIGRATIONS)?;
            conn = copy;
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "query_only", true)?;
        Ok(Store {
            conn,
            path: Some(path.to_owned()),
            read_only: true,
            unclean_exit: false,
            last_write_before: None,
            _lock: None,
        })
    }

    /// A fresh, empty database in memory, for tests.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let mut conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", true)?;
        migrate::migrate(&mut conn, MIGRATIONS)?;
        Ok(Store {
            conn,
            path: None,
            read_only: false,
            unclean_exit: false,
            last_write_before: None,
            _lock: None,
        })
    }

    /// The database file, or `None` in memory.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether the store refuses changes (opened with [`Store::open_read_only`]).
    #[must_use]
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The schema version of the open database (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        migrate::user_version(&self.conn)
    }

    /// Takes a backup into [`backup_dir`] with the online backup API if the newest one is
    /// more than a day older than `now`, keeping the newest [`BACKUPS_KEPT`]. Returns the new
    /// file, or `None` when none was due. In-memory and read-only stores take no backups.
    pub fn backup_if_due(&self, now: NaiveDateTime) -> Result<Option<PathBuf>, StoreError> {
        match (&self.path, self.read_only) {
            (Some(path), false) => backup::backup_if_due(&self.conn, path, now),
            _ => Ok(None),
        }
    }

    /// The connection settings in force.
    pub fn settings(&self) -> Result<StoreSettings, StoreError> {
        let int = |name: &str| -> Result<i64, StoreError> {
            Ok(self.conn.pragma_query_value(None, name, |r| r.get(0))?)
        };
        let journal_mode: String = self
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        Ok(StoreSettings {
            journal_mode,
            foreign_keys: int("foreign_keys")? != 0,
            synchronous: int("synchronous")?,
            busy_timeout_ms: int("busy_timeout")?,
        })
    }

    fn ensure_writable(&self) -> Result<(), StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        // A file deleted under a running program still takes writes (into the deleted
        // inode), which vanish when it closes: refuse them while it is said aloud.
        if let Some(path) = &self.path
            && !path.exists()
        {
            return Err(StoreError::Vanished { path: path.clone() });
        }
        Ok(())
    }

    /// When the database file was last written before this session opened it, known after
    /// an unclean exit (see [`Store::found_unclean_exit`]); `None` otherwise.
    #[must_use]
    pub fn last_write_before_open(&self) -> Option<std::time::SystemTime> {
        self.last_write_before
    }

    /// Caps the database at `pages` pages (`PRAGMA max_page_count`, for this connection):
    /// a change that needs more fails as a full disk would. For tests of a full disk.
    pub fn limit_pages(&self, pages: u32) -> Result<(), StoreError> {
        self.conn
            .pragma_update(None, "max_page_count", i64::from(pages))?;
        Ok(())
    }

    /// The number of pages the database file has now (`PRAGMA page_count`).
    pub fn page_count(&self) -> Result<u32, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "page_count", |r| r.get(0))?)
    }
}

/// The newest modification time of the database file and its WAL file.
fn last_write(path: &Path) -> Option<std::time::SystemTime> {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    [path.to_path_buf(), PathBuf::from(wal)]
        .iter()
        .filter_map(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
        .max()
}
