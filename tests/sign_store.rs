//! Signed meetings in the database: who signs, what is recorded, and a signed meeting locked
//! for good in `SQLite` itself.

mod sign_support;

use motebok::model::{MeetingStatus, PersonId};
use motebok::sign::{SignError, sign_meeting, signatory_slots, stored_document_check, verify_pdf};
use motebok::store::{Signatory, Store, StoreError};
use rusqlite::Connection;
use sign_support::{CHAIR, REFERENT, approved_demo, chair, day, expired, now, referent};

#[test]
fn each_signature_records_signer_role_time_and_content_hash() {
    let mut store = Store::open_in_memory().unwrap();
    let id = approved_demo(&mut store);
    // The referent may sign first.
    let first = sign_meeting(&mut store, id, referent(), now()).unwrap();
    assert_eq!(first.role, "Referent");
    assert_eq!(first.remaining, vec![format!("{CHAIR} (møteleder)")]);
    assert_eq!(
        store.load_meeting(id).unwrap().meeting.status,
        MeetingStatus::Approved,
        "not signed until every signatory has signed"
    );
    let second = sign_meeting(&mut store, id, chair(), now() + day()).unwrap();
    assert!(second.complete);
    assert_eq!(
        store.load_meeting(id).unwrap().meeting.status,
        MeetingStatus::Signed
    );

    let sigs = store.meeting_signatures(id).unwrap();
    assert_eq!(sigs.len(), 2);
    assert_eq!(sigs[0].signer, REFERENT);
    assert_eq!(sigs[0].role, "Referent");
    assert_eq!(sigs[0].signatory, Signatory::Referent);
    assert_eq!(sigs[0].signed_at, "2024-06-19T10:15:00Z");
    assert_eq!(sigs[1].signer, "Marianne Stokkereit Aasen");
    assert_eq!(sigs[1].role, "Møteleder");
    assert_eq!(sigs[1].signed_at, "2024-06-20T10:15:00Z");
    let report = verify_pdf(&second.pdf);
    for (stored, in_pdf) in sigs.iter().zip(&report.signatures) {
        assert_eq!(stored.content_sha256, in_pdf.content_sha256);
        assert_eq!(stored.certificate_sha256, in_pdf.certificate_sha256);
    }

    let slots = signatory_slots(&store, id).unwrap();
    assert!(slots.iter().all(|s| s.signed.is_some()));
}

#[test]
fn the_minutes_signature_block_lists_the_signatories() {
    let mut store = Store::open_in_memory().unwrap();
    let id = approved_demo(&mut store);
    let signed = sign_meeting(&mut store, id, chair(), now()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.pdf");
    std::fs::write(&path, &signed.pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args([path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Underskrifter"), "{text}");
    assert!(text.contains("Signert elektronisk"), "{text}");
    assert!(text.contains("Marianne Stokkereit Aasen"), "{text}");
    assert!(text.contains("Mette Kristin Kristengård"), "{text}");
    assert!(
        text.contains("Møteleder") && text.contains("Referent"),
        "{text}"
    );
}

#[test]
fn the_stored_signed_pdf_is_exported_again_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("motebok.sqlite3");
    let signed = {
        let mut store = Store::open(&db).unwrap();
        let id = approved_demo(&mut store);
        sign_meeting(&mut store, id, chair(), now()).unwrap();
        sign_meeting(&mut store, id, referent(), now()).unwrap().pdf
    };
    let exe = env!("CARGO_BIN_EXE_motebok");
    for name in ["a.pdf", "b.pdf"] {
        let out = std::process::Command::new(exe)
            .args([
                "--db",
                db.to_str().unwrap(),
                "export-signed",
                "2024/M4",
                "-o",
            ])
            .arg(dir.path().join(name))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(std::fs::read(dir.path().join(name)).unwrap(), signed);
    }
}

#[test]
fn only_approved_minutes_can_be_signed_and_only_by_their_signatories() {
    let mut store = Store::open_in_memory().unwrap();
    let id = approved_demo(&mut store);
    // The demo as imported: draft minutes.
    let mut other = Store::open_in_memory().unwrap();
    let (record, blobs) = motebok::package::read_with_attachments(sign_support::DEMO).unwrap();
    let draft_id = other
        .import_with_attachments(&record, &blobs, motebok::store::ImportMode::Refuse)
        .unwrap();
    let e = sign_meeting(&mut other, draft_id, chair(), now()).unwrap_err();
    assert!(
        e.to_string()
            .contains("only approved minutes can be signed"),
        "{e}"
    );

    let stranger = expired("Fred Gjørtz");
    let e = sign_meeting(
        &mut store,
        id,
        &stranger,
        sign_support::now() - day() * 365 * 2,
    )
    .unwrap_err();
    assert!(matches!(e, SignError::NotAllowed(_)), "{e:?}");
    assert!(e.to_string().contains("is not among those who sign"), "{e}");
    assert!(
        e.to_string().contains(CHAIR) && e.to_string().contains(REFERENT),
        "{e}"
    );

    sign_meeting(&mut store, id, chair(), now()).unwrap();
    let e = sign_meeting(&mut store, id, chair(), now()).unwrap_err();
    assert!(e.to_string().contains("has signed"), "{e}");
    sign_meeting(&mut store, id, referent(), now()).unwrap();
    let e = sign_meeting(&mut store, id, referent(), now()).unwrap_err();
    assert!(e.to_string().contains("signed already"), "{e}");
}

#[test]
fn a_body_can_require_other_signatories() {
    let mut store = Store::open_in_memory().unwrap();
    let id = approved_demo(&mut store);
    let body = store.load_meeting(id).unwrap().body.name;
    assert_eq!(
        store.body_signatories(&body).unwrap(),
        Signatory::DEFAULT.to_vec()
    );
    let member = Signatory::Person(PersonId("langoy-gm".into()));
    store
        .set_body_signatories(
            &body,
            &[Signatory::Chair, Signatory::Referent, member.clone()],
        )
        .unwrap();
    assert_eq!(store.meeting_signatories(id).unwrap().len(), 3);
    sign_meeting(&mut store, id, chair(), now()).unwrap();
    let last = sign_meeting(&mut store, id, referent(), now()).unwrap();
    assert!(!last.complete);
    assert_eq!(last.remaining, vec!["Langøy, Gerd Marit (medunderskriver)"]);
    assert!(matches!(
        store.set_body_signatories(&body, &[Signatory::Person(PersonId("nobody".into()))]),
        Err(StoreError::NotFound(_))
    ));
}

/// Runs `sql` directly on the database file and returns the error `SQLite` gives.
fn refused(conn: &Connection, sql: &str) -> String {
    match conn.execute_batch(sql) {
        Ok(()) => panic!("SQLite accepted: {sql}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn sqlite_itself_refuses_any_change_to_a_signed_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("motebok.sqlite3");
    let (id, pdf) = {
        let mut store = Store::open(&db).unwrap();
        let id = approved_demo(&mut store);
        sign_meeting(&mut store, id, chair(), now()).unwrap();
        let pdf = sign_meeting(&mut store, id, referent(), now()).unwrap().pdf;
        assert_eq!(
            store.load_meeting(id).unwrap().meeting.status,
            MeetingStatus::Signed
        );
        (id, pdf)
    };
    let conn = Connection::open(&db).unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    let m = id.0;
    for sql in [
        format!("UPDATE meetings SET place = 'Annet sted' WHERE id = {m}"),
        format!("UPDATE meetings SET status = 'approved' WHERE id = {m}"),
        format!("UPDATE meetings SET status = 'draft_minutes' WHERE id = {m}"),
        format!("DELETE FROM meetings WHERE id = {m}"),
        format!("UPDATE items SET decision = 'Noe annet' WHERE meeting_id = {m}"),
        format!("DELETE FROM items WHERE meeting_id = {m}"),
        format!(
            "INSERT INTO items (meeting_id, position, number, title, kind) \
             VALUES ({m}, 99, 99, 'Ny sak', 'decision')"
        ),
        format!("UPDATE attendance SET status = 'absent' WHERE meeting_id = {m}"),
        format!("DELETE FROM attendance WHERE meeting_id = {m}"),
        format!(
            "DELETE FROM item_presenters WHERE item_id IN (SELECT id FROM items WHERE meeting_id = {m})"
        ),
        format!(
            "DELETE FROM item_guests WHERE item_id IN (SELECT id FROM items WHERE meeting_id = {m})"
        ),
        format!(
            "INSERT INTO item_guests (item_id, position, person_id) \
             SELECT id, 99, (SELECT id FROM people LIMIT 1) FROM items WHERE meeting_id = {m} LIMIT 1"
        ),
        format!("UPDATE meeting_signatures SET signer = 'Noen andre' WHERE meeting_id = {m}"),
        format!("DELETE FROM meeting_signatures WHERE meeting_id = {m}"),
        format!("UPDATE signed_documents SET pdf = x'00' WHERE meeting_id = {m}"),
        format!("DELETE FROM signed_documents WHERE meeting_id = {m}"),
    ] {
        let message = refused(&conn, &sql);
        assert!(
            message.contains("signed") || message.contains("signature"),
            "{sql}: {message}"
        );
    }
    drop(conn);

    // Through the store as well; and nothing changed.
    let mut store = Store::open(&db).unwrap();
    let mut changed = store.load_meeting(id).unwrap().meeting;
    changed.items[0].title.push_str(" (endret)");
    assert!(store.save_meeting(id, &changed).is_err());
    assert!(store.delete_meeting(id).is_err());
    assert_eq!(store.signed_document(id).unwrap().unwrap(), pdf);
}

#[test]
fn a_correction_of_signed_minutes_keeps_the_signed_version_and_can_be_signed_anew() {
    let mut store = Store::open_in_memory().unwrap();
    let id = approved_demo(&mut store);
    sign_meeting(&mut store, id, chair(), now()).unwrap();
    let v1 = sign_meeting(&mut store, id, referent(), now()).unwrap().pdf;

    let package = motebok::package::write(&store.load_meeting(id).unwrap());
    let at = now().naive_utc();
    let version = store
        .start_correction(id, "Feil dato i sak 3", &package, &v1, at)
        .unwrap();
    assert_eq!(version, 2);
    assert!(
        store.meeting_signatures(id).unwrap().is_empty(),
        "version 2 is unsigned"
    );
    assert!(store.signed_document(id).unwrap().is_none());
    assert_eq!(
        store.signed_document_of(id, 1).unwrap().unwrap(),
        v1,
        "kept for good"
    );
    let check = stored_document_check(&store, &v1, &verify_pdf(&v1)).unwrap();
    assert_eq!(check.problem, None);

    // The corrected minutes are approved and signed again, as version 2.
    let mut meeting = store.load_meeting(id).unwrap().meeting;
    meeting.items[0].title.push_str(" (rettet)");
    meeting.status = MeetingStatus::Approved;
    store.save_meeting(id, &meeting).unwrap();
    sign_meeting(&mut store, id, chair(), now() + day()).unwrap();
    let v2 = sign_meeting(&mut store, id, referent(), now() + day()).unwrap();
    assert!(v2.complete);
    assert_ne!(v2.pdf, v1);
    assert!(
        store
            .meeting_signatures(id)
            .unwrap()
            .iter()
            .all(|s| s.version == 2)
    );
    assert_eq!(store.signed_document_of(id, 1).unwrap().unwrap(), v1);
}
