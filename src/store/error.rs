//! The one error type of the store.

use std::fmt;
use std::path::PathBuf;

use crate::model::MeetingRef;

/// Why a store operation failed.
#[derive(Debug)]
pub enum StoreError {
    /// The database was written by a newer Møtebok; it was left untouched.
    TooNew {
        /// The schema version found in the file.
        found: i64,
        /// The newest schema version this program knows.
        supported: i64,
    },
    /// The file is not a Møtebok database or is damaged; it was left untouched.
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        detail: String,
    },
    /// Another running Møtebok holds the database.
    InUse {
        /// The database file.
        path: PathBuf,
    },
    /// The store was opened read-only and cannot take changes.
    ReadOnly,
    /// Something named does not exist (the text says what, e.g. `person «gjortz-f»`).
    NotFound(String),
    /// A meeting with this reference already exists for the body.
    MeetingExists {
        /// The body's name.
        body: String,
        /// The meeting's reference.
        reference: MeetingRef,
    },
    /// The change contradicts what is stored or is itself inconsistent (the text says how).
    Conflict(String),
    /// The meeting is approved or signed: its content can no longer change (the text names it).
    Locked(String),
    /// An error from `SQLite`.
    Sqlite(rusqlite::Error),
    /// An error from the file system.
    Io(std::io::Error),
    /// The database file was deleted or moved away while Møtebok had it open: what is written
    /// now would be lost with the deleted file.
    Vanished {
        /// Where the database file was.
        path: PathBuf,
    },
}

/// Why the database file refuses a change, as far as the user can do something about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileFault {
    /// The file (or its folder) is write-protected.
    ReadOnly,
    /// Another program holds a lock on the file longer than Møtebok waits.
    Locked,
    /// The disk (or the database's size limit) is full.
    Full,
    /// The file was deleted or moved away while open.
    Vanished,
}

impl StoreError {
    /// The fault of the database file behind this error, when it is one the user can fix
    /// outside Møtebok (write protection, a lock, a full disk, a deleted file); `None` for
    /// errors about the content.
    #[must_use]
    pub fn file_fault(&self) -> Option<FileFault> {
        use rusqlite::ErrorCode as C;
        match self {
            StoreError::ReadOnly => Some(FileFault::ReadOnly),
            StoreError::Vanished { .. } => Some(FileFault::Vanished),
            StoreError::InUse { .. } => Some(FileFault::Locked),
            StoreError::Io(e) => match e.kind() {
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                    Some(FileFault::ReadOnly)
                }
                std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                    Some(FileFault::Full)
                }
                std::io::ErrorKind::NotFound => Some(FileFault::Vanished),
                _ => None,
            },
            StoreError::Sqlite(e) => match e.sqlite_error_code()? {
                C::ReadOnly | C::PermissionDenied => Some(FileFault::ReadOnly),
                C::DatabaseBusy | C::DatabaseLocked => Some(FileFault::Locked),
                C::DiskFull => Some(FileFault::Full),
                C::CannotOpen | C::NotFound => Some(FileFault::Vanished),
                _ => None,
            },
            _ => None,
        }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::TooNew { found, supported } => write!(
                f,
                "the database was written by a newer Møtebok (schema version {found}; this \
                 program knows up to version {supported}); it was left untouched — update Møtebok"
            ),
            StoreError::Corrupt { path, detail } => write!(
                f,
                "{} is not a readable Møtebok database ({detail}); it was left untouched",
                path.display()
            ),
            StoreError::InUse { path } => write!(
                f,
                "the database {} is in use by another running Møtebok; close it there, or open \
                 it read-only",
                path.display()
            ),
            StoreError::ReadOnly => {
                f.write_str("the database is open read-only; changes cannot be saved")
            }
            StoreError::NotFound(what) => write!(f, "{what} was not found in the database"),
            StoreError::MeetingExists { body, reference } => {
                write!(
                    f,
                    "meeting {reference} of {body} already exists in the database"
                )
            }
            StoreError::Conflict(detail) => write!(f, "conflict: {detail}"),
            StoreError::Locked(what) => {
                write!(f, "{what}; approved or signed minutes can no longer change")
            }
            StoreError::Sqlite(e) => write!(f, "database error: {e}"),
            StoreError::Io(e) => write!(f, "file error: {e}"),
            StoreError::Vanished { path } => write!(
                f,
                "the database file {} was deleted or moved while Møtebok had it open",
                path.display()
            ),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Sqlite(e) => Some(e),
            StoreError::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        StoreError::Io(e)
    }
}
