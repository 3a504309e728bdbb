//! Shared helpers for the signing tests: the demo meeting approved in a store, the two people
//! who sign it (chair and referent) with identities, and poppler's `pdfsig`.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use chrono::{DateTime, Duration, TimeZone, Utc};
use motebok::model::MeetingStatus;
use motebok::package;
use motebok::sign::Identity;
use motebok::store::{ImportMode, MeetingId, Store};

/// The demo package 2024/M4.
pub const DEMO: &str = include_str!("../../assets/demo/2024-M4.motebok.json");
/// The chair of 2024/M4, as the demo names her.
pub const CHAIR: &str = "Aasen, Marianne Stokkereit";
/// The referent of 2024/M4.
pub const REFERENT: &str = "Kristengård, Mette Kristin";

/// A fixed "now" for signing: a week after the meeting.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 6, 19, 10, 15, 0).unwrap()
}

/// Imports the demo meeting into `store` and approves it.
pub fn approved_demo(store: &mut Store) -> MeetingId {
    let (record, blobs) = package::read_with_attachments(DEMO).unwrap();
    let id = store
        .import_with_attachments(&record, &blobs, ImportMode::Refuse)
        .unwrap();
    let mut meeting = store.load_meeting(id).unwrap().meeting;
    meeting.status = MeetingStatus::Approved;
    store.save_meeting(id, &meeting).unwrap();
    id
}

/// An identity valid from 2024 to 2030 (keys are slow to make: each test binary makes each
/// person's once).
fn make(name: &str, role: &str) -> Identity {
    Identity::generate(
        name,
        role,
        Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap(),
    )
    .unwrap()
}

/// The chair's identity (given names first, as a person writes their own name).
pub fn chair() -> &'static Identity {
    static ID: OnceLock<Identity> = OnceLock::new();
    ID.get_or_init(|| make("Marianne Stokkereit Aasen", "Leder"))
}

/// The referent's identity.
pub fn referent() -> &'static Identity {
    static ID: OnceLock<Identity> = OnceLock::new();
    ID.get_or_init(|| make(REFERENT, "Rådgiver"))
}

/// An identity whose certificate expired at the end of 2023.
pub fn expired(name: &str) -> Identity {
    Identity::generate(
        name,
        "Leder",
        Utc.with_ymd_and_hms(2021, 1, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2023, 12, 31, 0, 0, 0).unwrap(),
    )
    .unwrap()
}

/// One day.
pub fn day() -> Duration {
    Duration::days(1)
}

/// `pdfsig FILE`: exit success and what it printed.
pub fn pdfsig(path: &Path) -> (bool, String) {
    let out = Command::new("pdfsig")
        .arg(path)
        .output()
        .expect("pdfsig (poppler-utils) must be installed");
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

/// How many signatures `pdfsig` calls valid.
pub fn pdfsig_valid_count(text: &str) -> usize {
    text.matches("Signature Validation: Signature is Valid.")
        .count()
}
