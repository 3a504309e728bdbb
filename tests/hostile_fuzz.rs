//! Fuzzing (proptest, stable Rust) of everything Møtebok reads from another machine: the
//! meeting package, the review package, the reply, and the signed-PDF verifier. Each starts
//! from a valid file and mutates it (bytes, JSON tokens, or whole JSON subtrees with hostile
//! values); the readers must never panic, must refuse or accept cleanly, and must write
//! nothing (no row, no file) when they refuse.
//!
//! A short pass runs with the tests. The long pass, by hand:
//! `FUZZ_CASES=20000 cargo test --release --test hostile_fuzz -- --nocapture`.

use std::path::Path;

use motebok::app::rapport::{import_reply_text, make_review_file, open_review_file};
use motebok::model::{ReviewDecision, check_file_name, check_review_id};
use motebok::package;
use motebok::store::{ImportMode, Store};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;

const EXAMPLE: &str = include_str!("../assets/demo/2024-M4.motebok.json");
/// The referent the example minutes name as their second signatory.
const REFERENT: &str = "Kristengård, Mette Kristin";

/// Cases per property: `FUZZ_CASES`, else a short pass.
fn cases(short: u32) -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(short)
}

fn runner(short: u32) -> TestRunner {
    TestRunner::new(Config {
        cases: cases(short),
        failure_persistence: None,
        ..Config::default()
    })
}

/// Strings an attacker would try.
const NASTY: &[&str] = &[
    "",
    " ",
    "../../../../tmp/x",
    "/etc/passwd",
    "C:\\Windows\\x.exe",
    "\\\\server\\share\\x",
    "..",
    ".",
    "CON",
    "x\u{202e}fdp.exe",
    "\u{0}",
    "\u{feff}",
    "=HYPERLINK(\"http://x\")",
    "2024/M4",
    "2024/M4-001",
    "2024-M4-20240615T101500-3f9a1c02",
    "2024-02-30",
    "25:61",
    "9999-12-31T23:59:59",
    "approve",
    "changes_requested",
    "deputy",
    "named",
    "aasen-ms",
    "%PDF-1.7",
    "JVBERi0xLjcK",
    "aGVsbG8=",
    "====",
    "\u{10ffff}",
    "æøåÆØÅ",
];

/// Keys of the formats, so inserted keys often land on real fields with wrong values.
const KEYS: &[&str] = &[
    "format",
    "version",
    "body",
    "people",
    "meeting",
    "name",
    "members",
    "quorum",
    "id",
    "items",
    "number",
    "title",
    "kind",
    "attachments",
    "size",
    "sha256",
    "data",
    "vote",
    "for",
    "against",
    "follow_ups",
    "attendance",
    "deputy_for",
    "arrived_at_item",
    "left_after_item",
    "disqualifications",
    "review_id",
    "created",
    "package",
    "draft_pdf",
    "comments",
    "item",
    "item_title",
    "text",
    "decision",
    "replied",
    "reviewer",
    "postponed_from",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-3i64..12).prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON numbers are finite", |f| f.is_finite())
            .prop_map(Value::from),
        prop::sample::select(NASTY).prop_map(Value::from),
        prop::collection::vec(any::<char>(), 0..12).prop_map(|c| Value::from(String::from_iter(c))),
    ]
}

fn json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 24, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..5).prop_map(|kv| {
                Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            }),
        ]
    })
}

/// One change to a JSON tree, at a place chosen by walking down with `path`.
#[derive(Clone, Debug)]
enum TreeEdit {
    Replace(Value),
    RemoveKey,
    InsertKey(&'static str, Value),
    Truncate,
}

fn tree_edit() -> impl Strategy<Value = (Vec<Index>, TreeEdit)> {
    (
        prop::collection::vec(any::<Index>(), 0..8),
        prop_oneof![
            4 => json().prop_map(TreeEdit::Replace),
            1 => Just(TreeEdit::RemoveKey),
            2 => (prop::sample::select(KEYS), json()).prop_map(|(k, v)| TreeEdit::InsertKey(k, v)),
            1 => Just(TreeEdit::Truncate),
        ],
    )
}

fn apply_tree_edit(node: &mut Value, path: &[Index], edit: TreeEdit) {
    if let Some((step, rest)) = path.split_first() {
        let remove_here = rest.is_empty() && matches!(edit, TreeEdit::RemoveKey);
        match node {
            Value::Object(map) if !map.is_empty() => {
                let key = map
                    .keys()
                    .nth(step.index(map.len()))
                    .cloned()
                    .unwrap_or_default();
                if remove_here {
                    map.remove(&key);
                } else if let Some(child) = map.get_mut(&key) {
                    apply_tree_edit(child, rest, edit);
                }
                return;
            }
            Value::Array(list) if !list.is_empty() => {
                let i = step.index(list.len());
                if remove_here {
                    list.remove(i);
                } else {
                    apply_tree_edit(&mut list[i], rest, edit);
                }
                return;
            }
            _ => {}
        }
    }
    match edit {
        TreeEdit::Replace(new) => *node = new,
        TreeEdit::InsertKey(k, new) => match node {
            Value::Object(map) => {
                map.insert(k.to_owned(), new);
            }
            Value::Array(list) => list.push(new),
            other => *other = new,
        },
        TreeEdit::Truncate => match node {
            Value::Array(list) => list.truncate(list.len() / 2),
            Value::String(s) => {
                let cut = s
                    .char_indices()
                    .nth(s.chars().count() / 2)
                    .map_or(0, |(i, _)| i);
                s.truncate(cut);
            }
            other => *other = Value::Null,
        },
        TreeEdit::RemoveKey => *node = Value::Null,
    }
}

/// JSON tokens inserted into the text.
const TOKENS: &[&str] = &[
    "\"",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "null",
    "-",
    "1e999",
    "\\",
    "\\u",
    "\\ud800",
    "\u{0}",
    "0.5",
    "18446744073709551616",
    "\"\":",
    "[[[[[[[[[[[[[[[[[[[[",
];

/// PDF syntax inserted into a signed PDF.
const PDF_TOKENS: &[&[u8]] = &[
    b"/ByteRange [0 1 2 3]",
    b"/Contents <00>",
    b"endobj",
    b"trailer",
    b"%%EOF",
    b"xref\n0 1\n",
    b"9999999999 0 R",
    b"<<",
    b">>",
    b"(",
];

/// Changes to the text itself: deletions, insertions of JSON tokens or any characters.
#[derive(Clone, Debug)]
enum TextEdit {
    Delete(Index, usize),
    Insert(Index, String),
}

fn text_edits() -> impl Strategy<Value = Vec<TextEdit>> {
    let token = prop_oneof![
        prop::sample::select(TOKENS).prop_map(str::to_owned),
        prop::collection::vec(any::<char>(), 1..4).prop_map(String::from_iter),
    ];
    prop::collection::vec(
        prop_oneof![
            (any::<Index>(), 1usize..40).prop_map(|(i, n)| TextEdit::Delete(i, n)),
            (any::<Index>(), token).prop_map(|(i, t)| TextEdit::Insert(i, t)),
        ],
        1..6,
    )
}

fn apply_text_edits(text: &str, edits: &[TextEdit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for edit in edits {
        match edit {
            TextEdit::Delete(at, n) => {
                if chars.is_empty() {
                    continue;
                }
                let start = at.index(chars.len());
                let end = (start + n).min(chars.len());
                chars.drain(start..end);
            }
            TextEdit::Insert(at, token) => {
                let i = at.index(chars.len() + 1);
                chars.splice(i..i, token.chars());
            }
        }
    }
    chars.into_iter().collect()
}

/// A mutated file: either tree edits (still JSON, wrong content) or text edits (often not
/// JSON at all).
fn mutated(base: &'static str) -> impl Strategy<Value = String> {
    let value: Value = serde_json::from_str(base).expect("the seed is JSON");
    prop_oneof![
        3 => prop::collection::vec(tree_edit(), 1..4).prop_map(move |edits| {
            let mut v = value.clone();
            for (path, edit) in edits {
                apply_tree_edit(&mut v, &path, edit);
            }
            serde_json::to_string_pretty(&v).expect("a value serialises")
        }),
        1 => text_edits().prop_map(move |edits| apply_text_edits(base, &edits)),
    ]
}

/// The seeds: a meeting package with two attachments, a review package of it, and a reply.
struct Seeds {
    package: &'static str,
    review: &'static str,
    reply: &'static str,
}

fn seeds() -> &'static Seeds {
    static SEEDS: std::sync::OnceLock<Seeds> = std::sync::OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut store = Store::open_in_memory().unwrap();
        let id = store
            .import_record(&package::read(EXAMPLE).unwrap(), ImportMode::Refuse)
            .unwrap();
        let a = store
            .store_attachment("Rapport.pdf", b"%PDF-1.7 x")
            .unwrap();
        let b = store.store_attachment("Notat æøå.txt", b"hei").unwrap();
        let mut m = store.load_meeting(id).unwrap().meeting;
        m.items[3].attachments = vec![a, b];
        store.save_meeting(id, &m).unwrap();
        let record = store.load_meeting(id).unwrap();
        let blobs = store.attachment_blobs(&record.meeting).unwrap();
        let package = package::write_with_attachments(&record, &blobs);
        let review = make_review_file(&mut store, id).unwrap();
        let mut leader = Store::open_in_memory().unwrap();
        let (mut session, _) = open_review_file(&mut leader, &review).unwrap();
        session.drafts.insert(0, "Godt.".into());
        session.drafts.insert(4, "Fristen mangler.".into());
        let reply = motebok::app::rapport::write_reply_file(
            &mut leader,
            &session,
            ReviewDecision::ChangesRequested,
        )
        .unwrap();
        Seeds {
            package: Box::leak(package.into_boxed_str()),
            review: Box::leak(review.into_boxed_str()),
            reply: Box::leak(reply.into_boxed_str()),
        }
    })
}

#[test]
fn fuzz_meeting_package_never_panics_and_what_it_accepts_round_trips() {
    let seeds = seeds();
    let accepted = std::cell::Cell::new(0u32);
    runner(256)
        .run(&mutated(seeds.package), |text| {
            match package::read_with_attachments(&text) {
                Ok((record, blobs)) => {
                    accepted.set(accepted.get() + 1);
                    for item in &record.meeting.items {
                        for a in &item.attachments {
                            prop_assert_eq!(check_file_name(&a.name), Ok(()));
                            prop_assert!(a.size_bytes <= 100_000_000);
                        }
                    }
                    let again = package::write_with_attachments(&record, &blobs);
                    let back = package::read_with_attachments(&again);
                    prop_assert!(
                        back.is_ok(),
                        "what was accepted reads back: {:?}",
                        back.err()
                    );
                    prop_assert_eq!(back.unwrap().0, record);
                }
                Err(e) => prop_assert!(!e.errors.is_empty()),
            }
            Ok(())
        })
        .unwrap();
    println!(
        "meeting package: {} cases, {} accepted",
        cases(256),
        accepted.get()
    );
}

#[test]
fn fuzz_review_package_never_panics_and_a_refusal_stores_nothing() {
    let seeds = seeds();
    let leader = std::cell::RefCell::new(Store::open_in_memory().unwrap());
    let accepted = std::cell::Cell::new(0u32);
    runner(128)
        .run(&mutated(seeds.review), |text| {
            let mut leader = leader.borrow_mut();
            let before = leader.received_reviews().unwrap();
            match open_review_file(&mut leader, &text) {
                Ok((session, _)) => {
                    accepted.set(accepted.get() + 1);
                    prop_assert_eq!(check_review_id(&session.review_id), Ok(()));
                    prop_assert!(session.pdf.starts_with(b"%PDF-"));
                }
                Err(e) => {
                    prop_assert!(!e.is_empty());
                    prop_assert_eq!(leader.received_reviews().unwrap(), before);
                }
            }
            Ok(())
        })
        .unwrap();
    println!(
        "review package: {} cases, {} accepted",
        cases(128),
        accepted.get()
    );
}

#[test]
fn fuzz_reply_never_panics_and_a_refusal_stores_nothing() {
    let seeds = seeds();
    // The secretary's database that sent the review the seed answers.
    let mut secretary = Store::open_in_memory().unwrap();
    let review = package::review::read_review(seeds.review).unwrap();
    let (record, blobs) = package::read_with_attachments(seeds.package).unwrap();
    let id = secretary
        .import_with_attachments(&record, &blobs, ImportMode::Refuse)
        .unwrap();
    secretary
        .record_review_sent(id, &review.review_id, review.created)
        .unwrap();
    let secretary = std::cell::RefCell::new(secretary);
    let accepted = std::cell::Cell::new(0u32);
    runner(256)
        .run(&mutated(seeds.reply), |text| {
            let mut secretary = secretary.borrow_mut();
            let before = secretary.review_comments(id).unwrap();
            match import_reply_text(&mut secretary, &text) {
                Ok(_) => accepted.set(accepted.get() + 1),
                Err(e) => {
                    prop_assert!(!e.is_empty());
                    prop_assert_eq!(secretary.review_comments(id).unwrap(), before);
                }
            }
            Ok(())
        })
        .unwrap();
    println!("reply: {} cases, {} accepted", cases(256), accepted.get());
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    names.sort();
    names
}

#[test]
fn fuzz_the_command_line_writes_nothing_when_it_refuses() {
    use motebok::cli::{CliCommand, Invocation, review::FileCommand};
    let seeds = seeds();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite3");
    drop(Store::open(&db).unwrap());
    let input = dir.path().join("in.json");
    let which = prop_oneof![
        mutated(seeds.package).prop_map(|t| (0u8, t)),
        mutated(seeds.review).prop_map(|t| (1u8, t)),
        mutated(seeds.reply).prop_map(|t| (2u8, t)),
    ];
    let refused = std::cell::Cell::new(0u32);
    runner(24)
        .run(&which, |(kind, text)| {
            std::fs::write(&input, &text).unwrap();
            let files_before = listing(dir.path());
            let store = Store::open(&db).unwrap();
            let meetings = store.list_meetings().unwrap().len();
            let reviews = store.received_reviews().unwrap().len();
            drop(store);
            let command = match kind {
                0 => CliCommand::Import {
                    files: vec![input.clone()],
                    replace: false,
                },
                1 => CliCommand::Files(FileCommand::ReviewOpen {
                    file: input.clone(),
                }),
                _ => CliCommand::Files(FileCommand::ReviewImport {
                    file: input.clone(),
                }),
            };
            let result = motebok::cli::run(Invocation {
                db: Some(db.clone()),
                command,
            });
            if let Err(e) = result {
                refused.set(refused.get() + 1);
                prop_assert!(!e.is_empty());
                prop_assert_eq!(listing(dir.path()), files_before);
                let store = Store::open(&db).unwrap();
                prop_assert_eq!(store.list_meetings().unwrap().len(), meetings);
                prop_assert_eq!(store.received_reviews().unwrap().len(), reviews);
            } else {
                // Start the next case from an empty database again.
                std::fs::remove_file(&db).unwrap();
                drop(Store::open(&db).unwrap());
            }
            Ok(())
        })
        .unwrap();
    println!(
        "command line: {} cases, {} refused",
        cases(24),
        refused.get()
    );
}

#[test]
fn fuzz_the_signed_pdf_verifier_never_panics_and_writes_nothing() {
    use motebok::sign::{Identity, sign_meeting, verify_pdf};
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let (record, blobs) = package::read_with_attachments(EXAMPLE).unwrap();
    let id = store
        .import_with_attachments(&record, &blobs, ImportMode::Refuse)
        .unwrap();
    let mut meeting = store.load_meeting(id).unwrap().meeting;
    meeting.status = motebok::model::MeetingStatus::Approved;
    store.save_meeting(id, &meeting).unwrap();
    let now = chrono::Utc::now();
    let identity = Identity::generate(
        "Marianne Stokkereit Aasen",
        "Leder",
        now - chrono::Duration::days(1),
        now + chrono::Duration::days(365),
    )
    .unwrap();
    sign_meeting(&mut store, id, &identity, now).unwrap();
    // The minutes name two signatories: the seed is complete only with the referent's too.
    let referent = Identity::generate(
        REFERENT,
        "Referent",
        now - chrono::Duration::days(1),
        now + chrono::Duration::days(365),
    )
    .unwrap();
    let signed = sign_meeting(
        &mut store,
        id,
        &referent,
        now + chrono::Duration::minutes(5),
    )
    .unwrap()
    .pdf;
    let seed = verify_pdf(&signed);
    assert!(seed.is_valid(), "the seed verifies: {seed:#?}");
    let len = signed.len();
    // The unsigned gaps: from the end of each `/ByteRange [a b c d]`'s first range to the start
    // of its second (the `/Contents <…>` hex string).
    let gaps: Vec<(usize, usize)> = signed
        .windows(b"/ByteRange [".len())
        .enumerate()
        .filter(|(_, w)| *w == b"/ByteRange [")
        .filter_map(|(at, _)| {
            let rest = &signed[at + b"/ByteRange [".len()..];
            let end = rest.iter().position(|&b| b == b']')?;
            let nums: Vec<usize> = std::str::from_utf8(&rest[..end])
                .ok()?
                .split_whitespace()
                .filter_map(|n| n.parse().ok())
                .collect();
            match nums.as_slice() {
                [a, b, c, _] => Some((a + b, *c)),
                _ => None,
            }
        })
        .collect();
    assert!(!gaps.is_empty(), "the seed has a /ByteRange");
    let in_gap = |i: usize| gaps.iter().any(|&(from, to)| (from..to).contains(&i));
    let edits = prop::collection::vec(
        prop_oneof![
            (any::<Index>(), any::<u8>()).prop_map(|(i, b)| (0u8, i, vec![b])),
            (any::<Index>(), prop::collection::vec(any::<u8>(), 1..16))
                .prop_map(|(i, b)| (1u8, i, b)),
            (any::<Index>(), prop::sample::select(PDF_TOKENS)).prop_map(|(i, b)| (
                1u8,
                i,
                b.to_vec()
            )),
            any::<Index>().prop_map(|i| (2u8, i, Vec::new())),
        ],
        1..5,
    );
    let path = dir.path().join("signert.pdf");
    let checked = std::cell::Cell::new(0u32);
    runner(64)
        .run(&edits, |edits| {
            let mut pdf = signed.clone();
            for (kind, at, bytes) in edits {
                let i = at.index(pdf.len().max(1));
                match kind {
                    0 if !pdf.is_empty() => pdf[i] ^= bytes[0].max(1),
                    1 => {
                        pdf.splice(i..i, bytes);
                    }
                    _ => pdf.truncate(i),
                }
            }
            let report = verify_pdf(&pdf);
            let changed: Vec<usize> = if pdf.len() == len {
                (0..len).filter(|&i| pdf[i] != signed[i]).collect()
            } else {
                Vec::new()
            };
            if changed.iter().any(|&i| !in_gap(i)) {
                // A change to a signed byte never verifies. (Bytes inside a signature's
                // `/Contents` placeholder are not signed, by the PDF standard.)
                prop_assert!(
                    !report.is_valid(),
                    "a change at bytes {:?} verified",
                    changed
                );
            }
            if checked.get() < 16 {
                std::fs::write(&path, &pdf).unwrap();
                let before = listing(dir.path());
                let _ = motebok::sign::commands::verify(&path, None, &[]);
                prop_assert_eq!(listing(dir.path()), before);
                checked.set(checked.get() + 1);
            }
            Ok(())
        })
        .unwrap();
    println!("signed PDF: {} cases", cases(64));
}
