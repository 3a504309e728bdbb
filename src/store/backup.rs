//! Rolling backups in a `backups/` folder beside the database.

use std::path::{Path, PathBuf};

use chrono::{NaiveDateTime, TimeDelta};
use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use super::StoreError;
use super::maintenance::Cancel;

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

/// How many pages one step of a background backup copies (4 MiB of 4 KiB pages): a step
/// takes a few milliseconds.
const PAGES_PER_STEP: i32 = 1024;

/// The pause between two steps, so the database thread and the disk get their turn.
const STEP_PAUSE: std::time::Duration = std::time::Duration::from_millis(2);

/// Where a backup is going.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BackupProgress {
    /// Pages copied so far.
    pub copied_pages: u64,
    /// Pages of the database.
    pub total_pages: u64,
}

/// The file a backup taken at `now` goes to, or `None` when a backup of the last day exists
/// (backups stamped later than `now`, from a clock that went back, do not count as fresh).
fn due_target(db_path: &Path, now: NaiveDateTime) -> Option<PathBuf> {
    let dir = backup_dir(db_path);
    let fresh = list_backups(&dir)
        .iter()
        .any(|(when, _)| *when <= now && now - *when < TimeDelta::days(1));
    let target = dir.join(backup_name(now));
    // A backup of this very second exists (its stamp is not older than now).
    (!fresh && !target.exists()).then_some(target)
}

/// Copies `src` into `target` through a `.partial` file renamed when complete, then deletes
/// all but the newest [`BACKUPS_KEPT`]. Returns `None` when `cancel` stopped it (nothing is
/// left behind).
fn write_backup(
    src: &Connection,
    target: PathBuf,
    cancel: &Cancel,
    progress: &mut dyn FnMut(BackupProgress),
) -> Result<Option<PathBuf>, StoreError> {
    let dir = target.parent().unwrap_or_else(|| Path::new(".")).to_owned();
    std::fs::create_dir_all(&dir)?;
    let mut partial = target.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    remove_partials(&dir);
    match write_copy(src, &partial, cancel, progress) {
        Ok(true) => {}
        other => {
            let _ = std::fs::remove_file(&partial);
            return other.map(|_| None);
        }
    }
    std::fs::rename(&partial, &target)?;

    let all = list_backups(&dir);
    let surplus = all.len().saturating_sub(BACKUPS_KEPT);
    for (_, old) in all.into_iter().take(surplus) {
        std::fs::remove_file(old)?;
    }
    Ok(Some(target))
}

/// Deletes what copies cut short (the program killed while copying) left in `dir`. Only the
/// one Møtebok holding the database writes backups, so none of them is still being written.
fn remove_partials(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let stale = name.to_str().is_some_and(|n| {
            n.strip_suffix(".partial")
                .and_then(parse_backup_name)
                .is_some()
        });
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Takes a backup of `conn` (the database at `db_path`) if no backup from the last day exists,
/// then deletes all but the newest [`BACKUPS_KEPT`].
pub(crate) fn backup_if_due(
    conn: &Connection,
    db_path: &Path,
    now: NaiveDateTime,
) -> Result<Option<PathBuf>, StoreError> {
    match due_target(db_path, now) {
        Some(target) => write_backup(conn, target, &Cancel::default(), &mut |_| {}),
        None => Ok(None),
    }
}

/// Takes the day's backup of the database at `db_path` on a connection of its own, in steps
/// of [`PAGES_PER_STEP`] pages with a pause between them, calling `progress` after each: for a
/// background thread, while the database thread goes on reading and writing. Does what
/// [`crate::store::Store::backup_if_due`] does (none when one of the last day exists; the
/// newest [`BACKUPS_KEPT`] are kept).
///
/// In WAL mode the copy is of one moment: a read transaction held from the first step to the
/// last keeps the snapshot, so writes meanwhile neither restart the copy nor wait for it.
/// Returns `None` when no backup was due or `cancel` stopped it.
pub fn backup_in_steps(
    db_path: &Path,
    now: NaiveDateTime,
    cancel: &Cancel,
    progress: &mut dyn FnMut(BackupProgress),
) -> Result<Option<PathBuf>, StoreError> {
    let Some(target) = due_target(db_path, now) else {
        return Ok(None);
    };
    let src = super::maintenance::open_read_only(db_path)?;
    let mode: String = src.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
    let pinned = mode.eq_ignore_ascii_case("wal");
    if pinned {
        src.execute_batch("BEGIN")?;
        src.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))?;
    }
    let written = write_backup(&src, target, cancel, progress);
    if pinned {
        src.execute_batch("COMMIT")?;
    }
    written
}

/// Copies the database into a new self-contained file (rollback journal, no WAL) at `to`, in
/// steps. Returns `false` when `cancel` stopped it.
fn write_copy(
    conn: &Connection,
    to: &Path,
    cancel: &Cancel,
    progress: &mut dyn FnMut(BackupProgress),
) -> Result<bool, StoreError> {
    let mut dst = Connection::open(to)?;
    {
        let backup = Backup::new(conn, &mut dst)?;
        loop {
            if cancel.is_cancelled() {
                return Ok(false);
            }
            let step = backup.step(PAGES_PER_STEP)?;
            let p = backup.progress();
            let total = u64::try_from(p.pagecount).unwrap_or(0);
            let remaining = u64::try_from(p.remaining).unwrap_or(0);
            progress(BackupProgress {
                copied_pages: total.saturating_sub(remaining),
                total_pages: total,
            });
            match step {
                StepResult::Done => break,
                StepResult::Busy | StepResult::Locked => {
                    std::thread::sleep(STEP_PAUSE * 10);
                }
                _ => std::thread::sleep(STEP_PAUSE),
            }
        }
    }
    let mode: String = dst.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
    debug_assert_eq!(mode, "delete");
    dst.close().map_err(|(_, e)| e)?;
    Ok(true)
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
