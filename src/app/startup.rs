//! Opening the database for the window: fall back to read-only or a backup when needed, and
//! seed the demo data into a new database. (The daily backup and the full integrity check run
//! in the background: see [`super::maintenance`].)

use std::path::{Path, PathBuf};

use crate::store::{self, Store, StoreError};

use super::StartupProblem;

/// Where the database is: `--db PATH`, or the OS data directory.
pub fn resolve_db_path(given: Option<PathBuf>) -> Result<PathBuf, String> {
    given.map_or_else(
        || {
            store::default_db_path().ok_or_else(|| {
                "no data directory is known for this user; give --db PATH".to_owned()
            })
        },
        Ok,
    )
}

/// Opens the database for the window. A database in use by another Møtebok is opened
/// read-only; a damaged one is left untouched and its newest backup is opened read-only.
/// A new database gets the demo data. Errors only when nothing at all can be opened.
pub fn open_for_window(path: &Path) -> Result<(Store, Option<StartupProblem>), String> {
    match Store::open(path) {
        Ok(mut store) => {
            if let Err(e) = super::demo::seed_if_empty(&mut store) {
                return Err(format!("could not add the demo data: {e}"));
            }
            // The day's backup and the full integrity check run in the background once the
            // window is up (see super::maintenance): nothing here grows with the archive.
            Ok((store, None))
        }
        Err(StoreError::InUse { .. }) => {
            let store = Store::open_read_only(path).map_err(|e| e.to_string())?;
            Ok((
                store,
                Some(StartupProblem::InUse(path.display().to_string())),
            ))
        }
        Err(e @ StoreError::TooNew { .. }) => {
            // Show the window with the explanation; the file itself is never touched.
            let store = Store::open_in_memory().map_err(|e| e.to_string())?;
            Ok((store, Some(StartupProblem::TooNew(e.to_string()))))
        }
        Err(StoreError::Corrupt { detail, .. }) => {
            let backup = store::latest_backup(path);
            let store = match &backup {
                Some(b) => Store::open_read_only(b).map_err(|e| e.to_string())?,
                None => Store::open_in_memory().map_err(|e| e.to_string())?,
            };
            let problem = StartupProblem::Corrupt { detail, backup };
            Ok((store, Some(problem)))
        }
        Err(e) => Err(e.to_string()),
    }
}
