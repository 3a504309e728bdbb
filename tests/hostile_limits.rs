//! Limits on every input from another machine: file size, attachment size (100 MB, enforced
//! when reading), nesting depth, string lengths, counts. Each refusal names the place in the
//! file; nothing is stored.

use motebok::package::{self, limits, review};
use motebok::store::Store;

const EXAMPLE: &str = include_str!("../assets/demo/2024-M4.motebok.json");

fn example() -> serde_json::Value {
    serde_json::from_str(EXAMPLE).unwrap()
}

fn text(v: &serde_json::Value) -> String {
    serde_json::to_string(v).unwrap()
}

#[test]
fn an_attachment_over_100_mb_is_refused_from_its_size_before_any_data_is_decoded() {
    let mut v = example();
    v["meeting"]["items"][2]["attachments"] = serde_json::json!([{
        "name": "stor.pdf", "size": 100_000_001u64,
        "sha256": "0".repeat(64), "data": "AAAA"
    }]);
    let err = package::read(&text(&v)).unwrap_err();
    assert!(
        err.has_path("meeting.items[2].attachments[0].size"),
        "{err}"
    );
    assert!(err.to_string().contains("100000000"), "{err}");

    // `data` longer than `size` allows is refused without being decoded.
    v["meeting"]["items"][2]["attachments"] = serde_json::json!([{
        "name": "liten.pdf", "size": 3, "sha256": "0".repeat(64), "data": "A".repeat(4_000)
    }]);
    let err = package::read(&text(&v)).unwrap_err();
    assert!(
        err.has_path("meeting.items[2].attachments[0].data"),
        "{err}"
    );
    assert!(err.to_string().contains("more bytes than size"), "{err}");
}

#[test]
fn deep_nesting_is_refused_with_its_place() {
    let mut v = example();
    let mut deep = serde_json::json!("x");
    for _ in 0..40 {
        deep = serde_json::json!([deep]);
    }
    v["meeting"]["items"][0]["notes"] = deep;
    let err = package::read(&text(&v)).unwrap_err();
    assert_eq!(err.errors.len(), 1, "{err}");
    let e = &err.errors[0];
    assert!(
        e.path.starts_with("meeting.items[0].notes[0]"),
        "{}",
        e.path
    );
    assert!(e.message.contains("nested deeper than 16"), "{e}");

    // Far beyond serde_json's own limit: still a clear refusal, no stack overflow.
    let bomb = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let err = package::read(&bomb).unwrap_err();
    assert!(err.to_string().contains("nested deeper"), "{err}");
}

#[test]
fn long_strings_many_entries_and_many_keys_are_refused_with_their_place() {
    let mut v = example();
    v["meeting"]["items"][1]["title"] = "æ".repeat(limits::MAX_STRING_BYTES / 2 + 1).into();
    let err = package::read(&text(&v)).unwrap_err();
    assert!(err.has_path("meeting.items[1].title"), "{err}");
    assert!(err.to_string().contains("bytes long"), "{err}");

    let mut v = example();
    v["people"] = serde_json::Value::Array(
        (0..=limits::MAX_ARRAY_LEN)
            .map(|i| serde_json::json!({"id": format!("p{i}"), "name": "N"}))
            .collect(),
    );
    let err = package::read(&text(&v)).unwrap_err();
    assert!(
        err.has_path(&format!("people[{}]", limits::MAX_ARRAY_LEN)),
        "{err}"
    );

    let mut v = example();
    let body = v["body"].as_object_mut().unwrap();
    for i in 0..limits::MAX_OBJECT_KEYS {
        body.insert(format!("k{i}"), 1.into());
    }
    let err = package::read(&text(&v)).unwrap_err();
    assert_eq!(
        err.errors.len(),
        1,
        "one clear refusal, not 64 unknown fields"
    );
    assert!(err.errors[0].path.starts_with("body"), "{err}");

    let mut v = example();
    v["body"]
        .as_object_mut()
        .unwrap()
        .insert("k".repeat(10_000), 1.into());
    let err = package::read(&text(&v)).unwrap_err();
    assert_eq!(err.errors.len(), 1);
    assert!(err.to_string().len() < 400, "the key is not echoed whole");
}

#[test]
fn oversized_files_are_refused_before_they_are_parsed() {
    let reply = format!(
        r#"{{"format": "motebok/review-reply", "pad": "{}"}}"#,
        " ".repeat(usize::try_from(package::MAX_REPLY_BYTES).unwrap())
    );
    let err = review::read_reply(&reply).unwrap_err();
    assert!(err.errors[0].path.is_empty());
    assert!(err.to_string().contains("more than the"), "{err}");

    // A file on disk bigger than a meeting package may be is not even read into memory.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.motebok.json");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(package::MAX_PACKAGE_BYTES + 1).unwrap();
    let err = motebok::files::read_text_limited(&path, package::MAX_PACKAGE_BYTES).unwrap_err();
    assert!(err.contains("huge.motebok.json"), "{err}");
    assert!(
        err.contains(&package::MAX_PACKAGE_BYTES.to_string()),
        "{err}"
    );
}

#[test]
fn a_refused_review_package_or_reply_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let record = package::read(EXAMPLE).unwrap();
    let good = review::write_review(
        "2024-M4-20240615T101500-3f9a1c02",
        chrono::NaiveDateTime::default(),
        &record,
        b"%PDF-1.7",
    );
    let deep = good.replacen(
        "\"draft_pdf\": ",
        &format!(
            "\"x\": {}{}, \"draft_pdf\": ",
            "[".repeat(30),
            "]".repeat(30)
        ),
        1,
    );
    let err = motebok::app::rapport::open_review_file(&mut store, &deep).unwrap_err();
    assert!(err.contains("x[0]"), "{err}");
    assert!(store.received_reviews().unwrap().is_empty());
    assert!(motebok::app::rapport::open_review_file(&mut store, &good).is_ok());
}
