//! Rolling backups in a `backups/` folder beside the database.

use std::path::{Path, PathBuf};

use chrono::{NaiveDateTime, TimeDelta};
use rusqlite::Connection;
use rusqlite::backup::Backup;

use super::StoreError;

/// How many backups are kept; older ones are deleted after a new one is taken.
pub const BACKUPS_KEPT: usize = 7;

/// The timestamp format inside a backup's file name.
const STAMP: &str = "%Y%m%d-%H%M%S";

/// The folder the backups of the database at `db_path` go to.
#[must_use]
pub fn backup_dir(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("backups")
}

/// The file name of a backup taken at `when`: `motebok-YYYYMMDD-HHMMSS.sqlite3`.
fn backup_name(when: NaiveDateTime) -> String {
    format!("motebok-{}.sqlite3", when.format(STAMP))
}

/// The time in a backup's file name, or `None` for any other file.
fn parse_backup_name(name: &str) -> Option<NaiveDateTime> {
    let stamp = name.strip_prefix("motebok-")?.strip_suffix(".sqlite3")?;
    if stamp.len() != 15 {
        return None;
    }
    NaiveDateTime::parse_from_str(stamp, STAMP).ok()
}

/// Every backup in `dir`, oldest first.
fn list_backups(dir: &Path) -> Vec<(NaiveDateTime, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<(NaiveDateTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let when = parse_backup_name(e.file_name().to_str()?)?;
            Some((when, e.path()))
        })
        .collect();
    found.sort();
    found
}

/// The newest backup of the database at `db_path`, if there is one.
#[must_use]
pub fn latest_backup(db_path: &Path) -> Option<PathBuf> {
    list_backups(&backup_dir(db_path)).pop().map(|(_, p)| p)
}

/// Takes a backup of `conn` (the database at `db_path`) if no backup from the last day exists,
/// then deletes all but the newest [`BACKUPS_KEPT`]. Backups stamped later than `now` (a clock
/// that went back) do not count as fresh.
pub(crate) fn backup_if_due(
    conn: &Connection,
    db_path: &Path,
    now: NaiveDateTime,
) -> Result<Option<PathBuf>, StoreError> {
    let dir = backup_dir(db_path);
    let existing = list_backups(&dir);
    let fresh = existing
        .iter()
        .any(|(when, _)| *when <= now && now - *when < TimeDelta::days(1));
    if fresh {
        return Ok(None);
    }
    std::fs::create_dir_all(&dir)?;
    let target = dir.join(backup_name(now));
    if target.exists() {
        // A backup of this very second exists (its stamp is not older than now).
        return Ok(None);
    }
    let partial = dir.join(format!("{}.partial", backup_name(now)));
    let _ = std::fs::remove_file(&partial);
    let written = write_copy(conn, &partial);
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, &target)?;

    let all = list_backups(&dir);
    let surplus = all.len().saturating_sub(BACKUPS_KEPT);
    for (_, old) in all.into_iter().take(surplus) {
        std::fs::remove_file(old)?;
    }
    Ok(Some(target))
}

/// Copies the database into a new self-contained file (rollback journal, no WAL) at `to`.
fn write_copy(conn: &Connection, to: &Path) -> Result<(), StoreError> {
    let mut dst = Connection::open(to)?;
    {
        let backup = Backup::new(conn, &mut dst)?;
        backup.run_to_completion(256, std::time::Duration::from_millis(5), None)?;
    }
    let mode: String = dst.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
    debug_assert_eq!(mode, "delete");
    dst.close().map_err(|(_, e)| e)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_names_round_trip_and_other_files_are_ignored() {
        let when =
            NaiveDateTime::parse_from_str("2024-06-12 08:15:03", "%Y-%m-%d %H:%M:%S").unwrap();
        assert_eq!(backup_name(when), "motebok-20240612-081503.sqlite3");
        assert_eq!(parse_backup_name(&backup_name(when)), Some(when));
        assert_eq!(
            parse_backup_name("motebok-20240612-081503.sqlite3.partial"),
            None
        );
        assert_eq!(parse_backup_name("notes.txt"), None);
        assert_eq!(parse_backup_name("motebok-2024061-081503.sqlite3"), None);
    }
}
