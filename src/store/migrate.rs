//! Schema migrations and the checks made before a file is touched.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use super::StoreError;

/// One step of the schema: the SQL that takes the database from `version - 1` to `version`.
#[derive(Clone, Copy, Debug)]
pub struct Migration {
    /// The `PRAGMA user_version` the database has after this step.
    pub version: i64,
    /// The file name under `src/store/schema/`, for messages.
    pub name: &'static str,
    /// The SQL, run as one batch inside the step's transaction.
    pub sql: &'static str,
}

/// Every schema step, oldest first. To change the schema, append one line here (never edit
/// a step that has shipped); see the module documentation of [`crate::store`].
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "0001_initial.sql",
        sql: include_str!("schema/0001_initial.sql"),
    },
    Migration {
        version: 2,
        name: "0002_minutes.sql",
        sql: include_str!("schema/0002_minutes.sql"),
    },
    Migration {
        version: 3,
        name: "0003_attendance.sql",
        sql: include_str!("schema/0003_attendance.sql"),
    },
    Migration {
        version: 4,
        name: "0004_agenda.sql",
        sql: include_str!("schema/0004_agenda.sql"),
    },
    Migration {
        version: 5,
        name: "0005_search.sql",
        sql: include_str!("schema/0005_search.sql"),
    },
    Migration {
        version: 6,
        name: "0006_approval.sql",
        sql: include_str!("schema/0006_approval.sql"),
    },
    Migration {
        version: 7,
        name: "0007_signing.sql",
        sql: include_str!("schema/0007_signing.sql"),
    },
    Migration {
        version: 8,
        name: "0008_follow_up_done_reopen.sql",
        sql: include_str!("schema/0008_follow_up_done_reopen.sql"),
    },
    Migration {
        version: 9,
        name: "0009_signatory_register.sql",
        sql: include_str!("schema/0009_signatory_register.sql"),
    },
    Migration {
        version: 10,
        name: "0010_integrity_checks.sql",
        sql: include_str!("schema/0010_integrity_checks.sql"),
    },
];

/// The schema version this program writes: the last step of [`MIGRATIONS`].
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// `PRAGMA application_id` of a Møtebok database ("MBOK"), set by the first migration.
pub const APPLICATION_ID: i32 = 0x4D42_4F4B;

/// How long a statement waits for another connection's lock before failing.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(2);

/// The first 16 bytes of every `SQLite` database file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Turns an `SQLite` error met while opening `path` into [`StoreError::Corrupt`] when it says the
/// file is not a database or is damaged.
pub(crate) fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
    match e.sqlite_error_code() {
        Some(NotADatabase | DatabaseCorrupt) => StoreError::Corrupt {
            path: path.to_owned(),
            detail: e.to_string(),
        },
        _ => StoreError::Sqlite(e),
    }
}

/// Checks the fields of the 100-byte database header that `SQLite` trusts without looking
/// further: the page size, the format versions and payload fractions, and (when no WAL file
/// holds newer pages) that the file is as long as the header says.
fn check_header(path: &Path, header: &[u8; 100], file_len: u64) -> Result<(), String> {
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536_u64,
        n if n >= 512 && n.is_power_of_two() => u64::from(n),
        n => return Err(format!("its header names an impossible page size {n}")),
    };
    if !matches!(header[18], 1 | 2) || !matches!(header[19], 1 | 2) {
        return Err(format!(
            "its header names an unknown file format ({}/{})",
            header[18], header[19]
        ));
    }
    if header[21..24] != [64, 32, 32] {
        return Err("its header has impossible payload fractions".to_owned());
    }
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    // The page count in the header is valid when the change counter matches the
    // "version-valid-for" number.
    let pages = u64::from(be32(28));
    let counted = pages > 0 && be32(24) == be32(92);
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let wal_has_pages = std::fs::metadata(&wal).is_ok_and(|m| m.len() > 32);
    if counted && !wal_has_pages && pages * page_size > file_len {
        return Err(format!(
            "it is cut short: its header counts {pages} pages of {page_size} bytes, the file \
             has {file_len} bytes"
        ));
    }
    Ok(())
}

/// The cheap check on the way in: reads the whole schema (which `SQLite` parses) and the first
/// row of every table (its root page and the path to its first leaf). Costs a few pages per
/// table, however large the archive; the full check runs in the background
/// (see [`super::maintenance`]).
fn first_pages(conn: &Connection) -> Result<(), rusqlite::Error> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema
             WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for table in tables {
        let quoted = table.replace('"', "\"\"");
        conn.prepare(&format!("SELECT 1 FROM \"{quoted}\" LIMIT 1"))?
            .exists([])?;
    }
    Ok(())
}

/// Looks at the file at `path` without changing it and returns its schema version
/// (0 when the file is missing or empty: a new database).
///
/// Refuses a file that is not a Møtebok database or is visibly damaged ([`StoreError::Corrupt`]:
/// its header, its schema or the first pages of its tables) and one written by a newer program
/// ([`StoreError::TooNew`]). Opens `SQLite` read-only. Costs the same for one meeting and for
/// a 20-year archive: damage deeper in the file is found by the full check in the background
/// ([`super::maintenance::full_check`]).
pub(crate) fn inspect(path: &Path) -> Result<i64, StoreError> {
    let corrupt = |detail: &str| StoreError::Corrupt {
        path: path.to_owned(),
        detail: detail.to_owned(),
    };
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e.into()),
    };
    if meta.is_dir() {
        return Err(corrupt("it is a folder, not a file"));
    }
    if meta.len() == 0 {
        return Ok(0);
    }
    let mut header = [0_u8; 100];
    let mut file = File::open(path)?;
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..])? {
            0 => break,
            n => read += n,
        }
    }
    drop(file);
    if read < header.len() || &header[..16] != SQLITE_MAGIC {
        return Err(corrupt("the file does not start with an SQLite header"));
    }
    check_header(path, &header, meta.len()).map_err(|detail| corrupt(&detail))?;

    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| classify(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| classify(path, e))?;
    let app_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| classify(path, e))?;
    let objects: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(|e| classify(path, e))?;
    if app_id != 0 && app_id != APPLICATION_ID {
        return Err(corrupt(&format!(
            "it belongs to another program (application id {app_id:#x})"
        )));
    }
    if app_id == 0 && version == 0 && objects > 0 {
        return Err(corrupt(
            "it is an SQLite database of another program (it has tables but no Møtebok schema)",
        ));
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if version < 0 {
        return Err(corrupt(&format!("its schema version {version} is invalid")));
    }
    first_pages(&conn).map_err(|e| match classify(path, e) {
        StoreError::Sqlite(e) => corrupt(&format!("its first pages cannot be read: {e}")),
        other => other,
    })?;
    Ok(version)
}

/// The schema version recorded in the database.
pub(crate) fn user_version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Applies every step of `migrations` the database has not had yet, each in its own
/// transaction together with its `user_version`. Foreign keys are off while migrating (so a
/// step may rebuild a table) and checked before each step commits.
pub(crate) fn migrate(conn: &mut Connection, migrations: &[Migration]) -> Result<(), StoreError> {
    let supported = i64::try_from(migrations.len()).unwrap_or(i64::MAX);
    let current = user_version(conn)?;
    if current > supported {
        return Err(StoreError::TooNew {
            found: current,
            supported,
        });
    }
    if current == supported {
        return Ok(());
    }
    conn.pragma_update(None, "foreign_keys", false)?;
    let result = apply_steps(conn, migrations, current);
    conn.pragma_update(None, "foreign_keys", true)?;
    result
}

fn apply_steps(
    conn: &mut Connection,
    migrations: &[Migration],
    current: i64,
) -> Result<(), StoreError> {
    for step in migrations.iter().filter(|m| m.version > current) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another connection may have migrated meanwhile: re-read under the write lock.
        if user_version(&tx)? >= step.version {
            continue;
        }
        tx.execute_batch(step.sql)?;
        let mut dangling = 0_i64;
        tx.pragma_query(None, "foreign_key_check", |_| {
            dangling += 1;
            Ok(())
        })?;
        if dangling > 0 {
            return Err(StoreError::Conflict(format!(
                "schema step {} would leave {dangling} dangling references; nothing was changed \
                 by it",
                step.name
            )));
        }
        tx.pragma_update(None, "user_version", step.version)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migration_steps_are_numbered_one_by_one_and_named_after_their_files() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            let expected = i64::try_from(i).unwrap() + 1;
            assert_eq!(m.version, expected, "{}", m.name);
            assert!(
                m.name.starts_with(&format!("{expected:04}_"))
                    && m.name.to_ascii_lowercase().ends_with(".sql"),
                "{}",
                m.name
            );
        }
        assert_eq!(SCHEMA_VERSION, i64::try_from(MIGRATIONS.len()).unwrap());
    }

    #[test]
    fn a_failing_step_keeps_the_previous_version() {
        let steps = [
            MIGRATIONS[0],
            Migration {
                version: 2,
                name: "0002_broken.sql",
                sql: "CREATE TABLE extra (x INTEGER); THIS IS NOT SQL;",
            },
        ];
        let mut conn = Connection::open_in_memory().unwrap();
        assert!(migrate(&mut conn, &steps).is_err());
        assert_eq!(user_version(&conn).unwrap(), 1);
        let extra: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'extra'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(extra, 0, "the failed step's table was rolled back");
    }

    #[test]
    fn a_later_step_applies_on_top_of_an_existing_database() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, &MIGRATIONS[..1]).unwrap();
        conn.execute("INSERT INTO bodies (name) VALUES ('Rådet')", [])
            .unwrap();
        let steps = [
            MIGRATIONS[0],
            Migration {
                version: 2,
                name: "0002_quorum.sql",
                sql: "ALTER TABLE bodies ADD COLUMN quorum INTEGER;",
            },
        ];
        migrate(&mut conn, &steps).unwrap();
        assert_eq!(user_version(&conn).unwrap(), 2);
        let fk: bool = conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert!(fk, "foreign keys are back on after migrating");
        let kept: String = conn
            .query_row("SELECT name FROM bodies", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, "Rådet");
    }
}
