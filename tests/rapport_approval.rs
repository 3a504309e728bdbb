//! Approval locks: approved minutes cannot change, not even by SQL written behind the
//! program's back; a correction is a new, recorded version and the old one stays readable.

use chrono::NaiveDateTime;
use motebok::model::{MeetingRecord, MeetingStatus};
use motebok::store::{ApprovedVia, ImportMode, MeetingId, Store, StoreError};

fn demo() -> MeetingRecord {
    motebok::package::read(motebok::app::demo::EXAMPLE_PACKAGE).expect("the demo package reads")
}

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

/// A database file with the demo meeting, approved.
fn approved_db() -> (tempfile::TempDir, std::path::PathBuf, MeetingId) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("motebok.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let id = store.import_record(&demo(), ImportMode::Refuse).unwrap();
    store
        .approve(
            id,
            Some("Aasen, Marianne Stokkereit"),
            ApprovedVia::Window,
            at("2024-06-20 10:00"),
        )
        .unwrap();
    (dir, path, id)
}

fn raw(path: &std::path::Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    conn
}

fn refused(result: rusqlite::Result<usize>) -> String {
    let err = result.expect_err("SQLite must refuse the change");
    let message = err.to_string();
    assert!(message.contains("approved"), "{message}");
    message
}

#[test]
fn an_update_of_an_approved_items_decision_fails_in_sqlite_itself() {
    let (_dir, path, _) = approved_db();
    let conn = raw(&path);
    refused(conn.execute(
        "UPDATE items SET decision = 'Noe annet ble vedtatt' WHERE number = 4",
        [],
    ));
    let decision: String = conn
        .query_row("SELECT decision FROM items WHERE number = 4", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(decision.starts_with("En utredning"), "{decision}");
}

#[test]
fn every_part_of_approved_minutes_is_locked_in_the_database() {
    let (_dir, path, _) = approved_db();
    let conn = raw(&path);
    refused(conn.execute("DELETE FROM items WHERE number = 2", []));
    refused(conn.execute(
        "INSERT INTO items (meeting_id, position, number, title, kind)
         SELECT id, 99, 99, 'Ny sak', 'decision' FROM meetings",
        [],
    ));
    refused(conn.execute("UPDATE attendance SET status = 'absent'", []));
    refused(conn.execute("DELETE FROM item_guests", []));
    refused(conn.execute("DELETE FROM item_presenters", []));
    refused(conn.execute("UPDATE meetings SET place = 'Et annet sted'", []));
    refused(conn.execute("UPDATE meetings SET status = 'draft_minutes'", []));
    refused(conn.execute("DELETE FROM meetings", []));
    // Moving forward to signed is the one change allowed; it stays locked.
    conn.execute("UPDATE meetings SET status = 'signed'", [])
        .unwrap();
    refused(conn.execute("UPDATE items SET notes = 'x' WHERE number = 1", []));
    refused(conn.execute("UPDATE meetings SET status = 'approved'", []));
}

#[test]
fn the_store_refuses_to_save_approved_minutes_and_records_the_approval() {
    let (_dir, path, id) = approved_db();
    let mut store = Store::open(&path).unwrap();
    let state = store.approval_state(id).unwrap();
    assert_eq!(state.status, MeetingStatus::Approved);
    assert_eq!(state.version, 1);
    let approval = state.approval.expect("the approval is recorded");
    assert_eq!(
        approval.approved_by.as_deref(),
        Some("Aasen, Marianne Stokkereit")
    );
    assert_eq!(approval.approved_at, at("2024-06-20 10:00"));

    let mut changed = store.load_meeting(id).unwrap().meeting;
    changed.items[0].decision = Some("Endret".into());
    assert!(matches!(
        store.save_meeting(id, &changed),
        Err(StoreError::Locked(_))
    ));
    assert!(matches!(
        store.approve(id, None, ApprovedVia::CommandLine, at("2024-06-21 10:00")),
        Err(StoreError::Locked(_))
    ));
}

#[test]
fn a_meeting_not_yet_held_cannot_be_approved() {
    let mut store = Store::open_in_memory().unwrap();
    let mut record = demo();
    record.meeting.status = MeetingStatus::NoticeSent;
    let id = store.import_record(&record, ImportMode::Refuse).unwrap();
    assert!(matches!(
        store.approve(id, None, ApprovedVia::CommandLine, at("2024-06-20 10:00")),
        Err(StoreError::Conflict(_))
    ));
}

#[test]
fn a_correction_is_a_new_version_with_a_reason_and_the_old_one_stays_readable() {
    let (_dir, path, id) = approved_db();
    let mut store = Store::open(&path).unwrap();
    let approved = store.load_meeting(id).unwrap();
    let package = motebok::package::write(&approved);
    let pdf = b"%PDF-1.7 the approved minutes".to_vec();

    assert!(matches!(
        store.start_correction(id, "  ", &package, &pdf, at("2024-07-01 09:00")),
        Err(StoreError::Conflict(_))
    ));
    let version = store
        .start_correction(
            id,
            "Feil dato i sak 4",
            &package,
            &pdf,
            at("2024-07-01 09:00"),
        )
        .unwrap();
    assert_eq!(version, 2);

    // The meeting can be edited again...
    let mut corrected = store.load_meeting(id).unwrap().meeting;
    assert_eq!(corrected.status, MeetingStatus::DraftMinutes);
    corrected.items[3].decision = Some("Rettet vedtak".into());
    store.save_meeting(id, &corrected).unwrap();
    store
        .approve(id, None, ApprovedVia::Window, at("2024-07-02 09:00"))
        .unwrap();

    // ...and the approved version 1 is kept as it was.
    let state = store.approval_state(id).unwrap();
    assert_eq!(state.version, 2);
    assert_eq!(state.status, MeetingStatus::Approved);
    assert_eq!(state.versions.len(), 1);
    assert_eq!(state.versions[0].version, 1);
    assert_eq!(state.versions[0].reason, "Feil dato i sak 4");
    assert_eq!(store.version_pdf(id, 1).unwrap(), pdf);
    let old = motebok::package::read(&store.version_package(id, 1).unwrap()).unwrap();
    assert_eq!(
        old.meeting.items[3].decision,
        approved.meeting.items[3].decision
    );
    assert_eq!(
        store.load_meeting(id).unwrap().meeting.items[3]
            .decision
            .as_deref(),
        Some("Rettet vedtak")
    );
    drop(store);

    // Nobody can rewrite or delete the recorded version, nor re-open without recording one.
    let conn = raw(&path);
    assert!(
        conn.execute("UPDATE meeting_versions SET reason = 'x'", [])
            .is_err()
    );
    assert!(conn.execute("DELETE FROM meeting_versions", []).is_err());
    refused(conn.execute(
        "UPDATE meetings SET status = 'draft_minutes', version = version + 1",
        [],
    ));
}

#[test]
fn an_approved_meeting_from_a_package_imports_whole_and_locked() {
    let mut store = Store::open_in_memory().unwrap();
    let mut record = demo();
    record.meeting.status = MeetingStatus::Signed;
    let id = store.import_record(&record, ImportMode::Refuse).unwrap();
    assert_eq!(store.load_meeting(id).unwrap().meeting, record.meeting);
    assert_eq!(
        store.approval_state(id).unwrap().status,
        MeetingStatus::Signed
    );
}
