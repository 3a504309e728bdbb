//! Hostile names in files from other machines: `../`, absolute, Windows drive and UNC forms in
//! review ids and attachment names are refused with their place in the file, and nothing is
//! ever written outside the folder the user chose.

use motebok::app::agenda::{export_attachments, safe_file_name};
use motebok::app::rapport::{make_review_file, open_review_file};
use motebok::model::check_file_name;
use motebok::package::{self, review};
use motebok::store::{ImportMode, Store};

const EXAMPLE: &str = include_str!("../assets/demo/2024-M4.motebok.json");
const GOOD_ID: &str = "2024-M4-20240615T101500-3f9a1c02";

/// Every hostile form, as it would be written inside a JSON string.
const HOSTILE: &[&str] = &[
    "../../../../tmp/motebok-pwned",
    "..",
    "/tmp/motebok-pwned",
    "/etc/cron.d/x",
    "C:\\Users\\Public\\x.exe",
    "C:x.pdf",
    "c:/windows/x.pdf",
    "\\\\server\\share\\x.pdf",
    "//server/share/x.pdf",
    "sub/../../x.pdf",
    "x.pdf\u{0}.exe",
    "faktura\u{202e}fdp.exe",
    "NUL",
];

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// A valid review package of the demo meeting, with `review_id` replaced.
fn review_with_id(id: &str) -> String {
    let record = package::read(EXAMPLE).unwrap();
    review::write_review(
        GOOD_ID,
        chrono::NaiveDateTime::default(),
        &record,
        b"%PDF-1.7\n",
    )
    .replacen(&json_string(GOOD_ID), &json_string(id), 1)
}

#[test]
fn hostile_review_ids_are_refused_with_their_place() {
    assert!(review::read_review(&review_with_id(GOOD_ID)).is_ok());
    for id in HOSTILE {
        let text = review_with_id(id);
        let err = review::read_review(&text).expect_err(id);
        assert!(err.has_path("review_id"), "{id:?}: {err}");
        assert!(err.to_string().contains("is not a review id"), "{err}");
    }
}

#[test]
fn hostile_review_ids_in_a_reply_are_refused_with_their_place() {
    for id in HOSTILE {
        let text = format!(
            r#"{{"format": "motebok/review-reply", "version": 1, "review_id": {},
                "body": "B", "meeting": "2024/M4", "reviewer": "X", "decision": "approve",
                "replied": "2024-06-15T10:15:00", "comments": []}}"#,
            json_string(id)
        );
        let err = review::read_reply(&text).expect_err(id);
        assert!(err.has_path("review_id"), "{id:?}: {err}");
    }
}

#[test]
fn a_hostile_review_package_is_not_stored_by_the_leader() {
    let mut leader = Store::open_in_memory().unwrap();
    for id in HOSTILE {
        let err = open_review_file(&mut leader, &review_with_id(id)).unwrap_err();
        assert!(err.contains("review_id"), "{err}");
    }
    assert!(leader.received_reviews().unwrap().is_empty());
}

/// The demo package with one attachment named `name` on item 4.
fn package_with_attachment(name: &str) -> String {
    let data = b"hello";
    let sha = motebok::model::agenda::sha256_hex(data);
    let mut value: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
    value["meeting"]["items"][3]["attachments"] = serde_json::json!([
        { "name": "ok.pdf", "size": 5, "sha256": sha, "data": "aGVsbG8=" },
        { "name": name, "size": 5, "sha256": sha, "data": "aGVsbG8=" }
    ]);
    serde_json::to_string_pretty(&value).unwrap()
}

#[test]
fn hostile_attachment_names_are_refused_with_their_place() {
    assert!(package::read(&package_with_attachment("Rapport.pdf")).is_ok());
    for name in HOSTILE {
        let err = package::read(&package_with_attachment(name)).expect_err(name);
        assert!(
            err.has_path("meeting.items[3].attachments[1].name"),
            "{name:?}: {err}"
        );
        assert_eq!(err.errors.len(), 1, "{err}");
    }
    // Inside a review package the place is named under `package.`.
    let record_text = package_with_attachment("../x.pdf");
    let review_text = review_with_id(GOOD_ID);
    let start = review_text.find("\"package\": ").unwrap() + "\"package\": ".len();
    let end = review_text.find(",\n  \"draft_pdf\"").unwrap();
    let hostile = format!(
        "{}{}{}",
        &review_text[..start],
        record_text.trim_end(),
        &review_text[end..]
    );
    let err = review::read_review(&hostile).unwrap_err();
    assert!(
        err.has_path("package.meeting.items[3].attachments[1].name"),
        "{err}"
    );
}

#[test]
fn attachments_stored_under_hostile_names_are_exported_into_the_chosen_folder_only() {
    // A database from before the check (or edited by hand) may hold any name.
    let outer = tempfile::tempdir().unwrap();
    let chosen = outer.path().join("valgt");
    let mut store = Store::open_in_memory().unwrap();
    let mut list = Vec::new();
    for name in HOSTILE {
        list.push(store.store_attachment(name, name.as_bytes()).unwrap());
    }
    let written = export_attachments(&store, &list, &chosen).unwrap();
    assert_eq!(written.len(), HOSTILE.len());
    for path in &written {
        assert_eq!(path.parent(), Some(chosen.as_path()), "{}", path.display());
        let name = path.file_name().unwrap().to_str().unwrap();
        assert_eq!(check_file_name(name), Ok(()), "{name:?}");
    }
    // Nothing beside the chosen folder, nothing in /tmp under the attack's name.
    let beside: Vec<_> = std::fs::read_dir(outer.path()).unwrap().collect();
    assert_eq!(beside.len(), 1);
    assert!(!std::path::Path::new("/tmp/motebok-pwned").exists());
}

#[test]
fn a_meeting_holding_legacy_hostile_names_exports_a_package_that_reads_again() {
    let mut store = Store::open_in_memory().unwrap();
    let id = store
        .import_record(&package::read(EXAMPLE).unwrap(), ImportMode::Refuse)
        .unwrap();
    let mut meeting = store.load_meeting(id).unwrap().meeting;
    meeting.items[3].attachments = HOSTILE
        .iter()
        .map(|name| store.store_attachment(name, name.as_bytes()).unwrap())
        .collect();
    store.save_meeting(id, &meeting).unwrap();
    let record = store.load_meeting(id).unwrap();
    let blobs = store.attachment_blobs(&record.meeting).unwrap();
    let text = package::write_with_attachments(&record, &blobs);
    let (back, back_blobs) = package::read_with_attachments(&text).unwrap();
    let names: Vec<&str> = back.meeting.items[3]
        .attachments
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(names.len(), HOSTILE.len());
    assert!(
        names.iter().all(|n| check_file_name(n).is_ok()),
        "{names:?}"
    );
    assert_eq!(names[0], "_.._.._.._tmp_motebok-pwned");
    assert_eq!(back_blobs.len(), blobs.len(), "the bytes come along");
    // Writing what was read gives the same text: the cleaning is stable.
    assert_eq!(package::write_with_attachments(&back, &back_blobs), text);
}

#[test]
fn safe_file_names_always_pass_the_check() {
    let long = format!("{}.pdf", "æ".repeat(200));
    for name in
        HOSTILE
            .iter()
            .copied()
            .chain(["", " . ", "CON.txt", "a\u{200b}b.pdf", long.as_str()])
    {
        let safe = safe_file_name(name);
        assert_eq!(check_file_name(&safe), Ok(()), "{name:?} -> {safe:?}");
    }
    let kept = safe_file_name(&long);
    assert_eq!(
        std::path::Path::new(&kept).extension(),
        Some(std::ffi::OsStr::new("pdf"))
    );
    assert_eq!(safe_file_name("Rapport 2024.pdf"), "Rapport 2024.pdf");
}

#[test]
fn review_ids_made_by_motebok_pass_their_own_check() {
    let mut store = Store::open_in_memory().unwrap();
    let id = store
        .import_record(&package::read(EXAMPLE).unwrap(), ImportMode::Refuse)
        .unwrap();
    let text = make_review_file(&mut store, id).unwrap();
    let back = review::read_review(&text).unwrap();
    assert_eq!(motebok::model::check_review_id(&back.review_id), Ok(()));
}
