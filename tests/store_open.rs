//! Opening the database: migrations, connection settings, refusing files it must not touch,
//! the instance lock, read-only viewing, and rolling backups.

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use motebok::model::{Body, Person, PersonId};
use motebok::store::{BACKUPS_KEPT, SCHEMA_VERSION, Store, StoreError, backup_dir, latest_backup};

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
}

fn person(key: &str, name: &str) -> Person {
    Person {
        id: PersonId(key.into()),
        name: name.into(),
        organization: None,
    }
}

fn seed(store: &mut Store) {
    store
        .upsert_person(&person("gjortz-f", "Gjørtz, Fred"))
        .unwrap();
    store
        .upsert_body(&Body::new("Samarbeidsrådet for ROR-IKT"))
        .unwrap();
}

#[test]
fn a_new_file_is_migrated_to_the_current_schema_with_wal_and_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/motebok.sqlite3");
    let store = Store::open(&path).unwrap();
    assert!(path.is_file(), "open creates the folder and the file");
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let settings = store.settings().unwrap();
    assert_eq!(settings.journal_mode, "wal");
    assert!(settings.foreign_keys);
    assert_eq!(settings.synchronous, 2, "synchronous=FULL");
    assert!(settings.busy_timeout_ms >= 1000);
    assert!(store.is_empty().unwrap());
    assert_eq!(store.path(), Some(path.as_path()));
    assert!(!store.is_read_only());
    drop(store);

    // Reopening an up-to-date database keeps its content.
    let mut store = Store::open(&path).unwrap();
    seed(&mut store);
    drop(store);
    let store = Store::open(&path).unwrap();
    assert!(!store.is_empty().unwrap());
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn an_empty_existing_file_is_a_new_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("motebok.sqlite3");
    std::fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
}

fn refuses_newer_database(keep_wal_mode: bool) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("motebok.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        seed(&mut store);
    }
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        if !keep_wal_mode {
            conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        }
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();

    match Store::open(&path) {
        Err(StoreError::TooNew { found, supported }) => {
            assert_eq!(found, SCHEMA_VERSION + 1);
            assert_eq!(supported, SCHEMA_VERSION);
        }
        other => panic!("expected TooNew, got {other:?}"),
    }
    assert!(matches!(
        Store::open_read_only(&path),
        Err(StoreError::TooNew { .. })
    ));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "file bytes unchanged"
    );
    if !keep_wal_mode {
        let wal = format!("{}-wal", path.display());
        assert!(!Path::new(&wal).exists(), "not switched to WAL");
    }
    let message = Store::open(&path).unwrap_err().to_string();
    assert!(message.contains("newer Møtebok"), "{message}");
}

#[test]
fn a_database_from_a_newer_motebok_is_refused_and_left_untouched() {
    refuses_newer_database(false);
}

#[test]
fn a_wal_database_from_a_newer_motebok_is_refused_and_left_untouched() {
    refuses_newer_database(true);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("motebok.sqlite3");
    let garbage: Vec<u8> = (0..4096_u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&path, &garbage).unwrap();

    let err = Store::open(&path).unwrap_err();
    match &err {
        StoreError::Corrupt { path: p, detail } => {
            assert_eq!(p, &path);
            assert!(!detail.is_empty());
        }
        other => panic!("expected Corrupt, got {other:?}"),
    }
    assert!(err.to_string().contains("motebok.sqlite3"), "{err}");
    assert!(matches!(
        Store::open_read_only(&path),
        Err(StoreError::Corrupt { .. })
    ));
    assert_eq!(std::fs::read(&path).unwrap(), garbage);
}

#[test]
fn a_damaged_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("motebok.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        seed(&mut store);
    }
    // Keep the valid header, scribble over the pages behind it.
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 8192);
    for b in &mut bytes[100..] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    assert!(matches!(
        Store::open(&path),
        Err(StoreError::Corrupt { .. })
    ));
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn an_sqlite_file_of_another_program_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE recipes (name TEXT);")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    assert!(matches!(
        Store::open(&path),
        Err(StoreError::Corrupt { .. })
    ));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_second_instance_is_refused_while_the_first_holds_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("motebok.sqlite3");
    let mut first = Store::open(&path).unwrap();
    seed(&mut first);

    match Store::open(&path) {
        Err(StoreError::InUse { path: p }) => assert_eq!(p, path),
        other => panic!("expected InUse, got {other:?}"),
    }

    // Viewing works meanwhile, sees the data, and refuses changes.
    let mut viewer = Store::open_read_only(&path).unwrap();
    assert!(viewer.is_read_only());
    assert_eq!(viewer.bodies().unwrap().len(), 1);
    assert!(matches!(
        viewer.upsert_person(&person("x", "Xavier, X")),
        Err(StoreError::ReadOnly)
    ));
    assert!(
        viewer
            .backup_if_due(at("2024-06-12 08:00:00"))
            .unwrap()
            .is_none()
    );

    // Once the first instance closes, the database can be opened again.
    drop(first);
    let second = Store::open(&path).unwrap();
    assert_eq!(second.people().unwrap().len(), 1);
}

#[test]
fn read_only_opening_of_a_missing_file_says_not_found_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing.sqlite3");
    assert!(matches!(
        Store::open_read_only(&path),
        Err(StoreError::NotFound(_))
    ));
    assert!(!path.exists());
}

#[test]
fn backups_are_taken_when_due_and_only_seven_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("motebok.sqlite3");
    let mut store = Store::open(&path).unwrap();
    seed(&mut store);
    assert_eq!(latest_backup(&path), None);

    let first = store
        .backup_if_due(at("2024-06-01 09:00:00"))
        .unwrap()
        .expect("no backup yet: one is due");
    assert_eq!(
        first,
        backup_dir(&path).join("motebok-20240601-090000.sqlite3")
    );
    assert_eq!(latest_backup(&path), Some(first.clone()));

    // The backup is a complete, self-contained database.
    let copy = Store::open_read_only(&first).unwrap();
    assert_eq!(
        copy.bodies().unwrap()[0].name,
        "Samarbeidsrådet for ROR-IKT"
    );
    assert_eq!(copy.people().unwrap()[0].name, "Gjørtz, Fred");
    drop(copy);

    // Less than a day later: nothing to do.
    assert_eq!(
        store.backup_if_due(at("2024-06-02 08:59:59")).unwrap(),
        None
    );

    // A day later and on each following day: a new one; never more than seven.
    let mut day = NaiveDate::from_ymd_opt(2024, 6, 2).unwrap();
    for _ in 0..9 {
        let now = day.and_hms_opt(9, 0, 0).unwrap();
        assert!(store.backup_if_due(now).unwrap().is_some(), "due on {day}");
        day = day.succ_opt().unwrap();
    }
    let mut names: Vec<String> = std::fs::read_dir(backup_dir(&path))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names.len(), BACKUPS_KEPT);
    assert_eq!(BACKUPS_KEPT, 7);
    assert_eq!(names[0], "motebok-20240604-090000.sqlite3");
    assert_eq!(
        latest_backup(&path).unwrap().file_name().unwrap(),
        "motebok-20240610-090000.sqlite3"
    );
}

#[test]
fn backups_leave_other_files_in_the_backup_folder_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("motebok.sqlite3");
    let store = Store::open(&path).unwrap();
    let folder = backup_dir(&path);
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("README.txt"), "mine").unwrap();
    let mut day = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    for _ in 0..8 {
        store
            .backup_if_due(day.and_hms_opt(12, 0, 0).unwrap())
            .unwrap();
        day = day.succ_opt().unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(folder.join("README.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn an_in_memory_store_is_migrated_and_takes_no_backups() {
    let store = Store::open_in_memory().unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(store.settings().unwrap().foreign_keys);
    assert_eq!(store.path(), None);
    assert_eq!(
        store.backup_if_due(at("2024-06-01 09:00:00")).unwrap(),
        None
    );
}

#[test]
fn an_empty_file_opened_read_only_shows_an_empty_store_and_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("motebok.sqlite3");
    std::fs::write(&path, b"").unwrap();
    let store = Store::open_read_only(&path).unwrap();
    assert!(store.is_empty().unwrap());
    assert!(store.list_meetings().unwrap().is_empty());
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    drop(store);
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 0);
}

#[test]
fn a_store_can_be_handed_to_a_worker_thread() {
    fn assert_send<T: Send>() {}
    assert_send::<Store>();
    let mut store = Store::open_in_memory().unwrap();
    let handle = std::thread::spawn(move || {
        seed(&mut store);
        store.people().unwrap().len()
    });
    assert_eq!(handle.join().unwrap(), 1);
}
