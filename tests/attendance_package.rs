//! The meeting package and the database carry arrivals, departures, disqualifications and the
//! body's quorum rule: a round trip keeps them, byte for byte after a second export, and bad
//! references are refused with their path.

use chrono::NaiveTime;
use motebok::model::{Disqualification, MeetingRecord, PersonId, QuorumRule, header_lines};
use motebok::package;
use motebok::store::{ImportMode, Store};

const DEMO: &str = include_str!("../assets/demo/2024-M4.motebok.json");

fn pid(s: &str) -> PersonId {
    PersonId(s.to_owned())
}

/// The demo meeting with every attendance addition in use.
fn record_with_additions() -> MeetingRecord {
    let mut r = package::read(DEMO).unwrap_or_else(|e| panic!("{e}"));
    r.body.quorum = QuorumRule::MoreThan {
        numerator: 1,
        denominator: 2,
    };
    for a in &mut r.meeting.attendance {
        match a.person.as_str() {
            "ersvik-ps" => {
                a.arrived_item = Some(3);
                a.arrived = NaiveTime::from_hms_opt(9, 10, 0);
            }
            "skalhavn-k" => {
                a.left_after_item = Some(5);
                a.left = NaiveTime::from_hms_opt(10, 30, 0);
            }
            "ulvestad-ph" => {
                a.arrived_item = Some(2);
                a.left_after_item = Some(6);
            }
            _ => {}
        }
    }
    r.meeting.disqualifications = vec![
        Disqualification {
            person: pid("langoy-gm"),
            item: 4,
            reason: "fvl. § 6 første ledd bokstav a".into(),
        },
        Disqualification {
            person: pid("aasen-ms"),
            item: 5,
            reason: "fvl. § 6 annet ledd".into(),
        },
    ];
    r
}

#[test]
fn the_package_round_trip_keeps_every_addition() {
    let record = record_with_additions();
    let first = package::write(&record);
    assert!(first.contains("\"arrived_at_item\": 3"), "{first}");
    assert!(first.contains("\"left_after_item\": 5"));
    assert!(first.contains("\"disqualifications\""));
    assert!(first.contains("\"rule\": \"more_than\""));
    let back = package::read(&first).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, record);
    let second = package::write(&back);
    assert_eq!(first, second, "a second export is byte for byte the same");
}

#[test]
fn a_package_without_additions_is_written_as_before() {
    let record = package::read(DEMO).unwrap();
    let text = package::write(&record);
    assert!(!text.contains("arrived_at_item"));
    assert!(!text.contains("disqualifications"));
    assert!(!text.contains("quorum"), "the default rule is not written");
    assert_eq!(record.body.quorum, QuorumRule::default());
}

#[test]
fn other_quorum_rules_round_trip() {
    for rule in [
        QuorumRule::Count(4),
        QuorumRule::AtLeast {
            numerator: 2,
            denominator: 3,
        },
    ] {
        let mut record = package::read(DEMO).unwrap();
        record.body.quorum = rule;
        let back = package::read(&package::write(&record)).unwrap();
        assert_eq!(back.body.quorum, rule);
    }
}

/// The demo package with `meeting.attendance[0]` or the meeting object changed by `edit`.
fn demo_json(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value = serde_json::from_str(DEMO).unwrap();
    edit(&mut v);
    serde_json::to_string_pretty(&v).unwrap()
}

fn refused_at(text: &str, path: &str) {
    let err = package::read(text).expect_err("the package must be refused");
    assert!(
        err.has_path(path),
        "expected an error at {path}, got:\n{err}"
    );
}

#[test]
fn references_to_missing_items_are_refused_with_their_path() {
    let text = demo_json(|v| v["meeting"]["attendance"][3]["arrived_at_item"] = 9.into());
    refused_at(&text, "meeting.attendance[3].arrived_at_item");

    let text = demo_json(|v| {
        v["meeting"]["attendance"][3]["arrived_at_item"] = 4.into();
        v["meeting"]["attendance"][3]["left_after_item"] = 2.into();
    });
    refused_at(&text, "meeting.attendance[3].left_after_item");

    let text = demo_json(|v| {
        v["meeting"]["disqualifications"] =
            serde_json::json!([{ "person": "langoy-gm", "item": 8, "reason": "fvl. § 6" }]);
    });
    refused_at(&text, "meeting.disqualifications[0].item");

    let text = demo_json(|v| {
        v["meeting"]["disqualifications"] =
            serde_json::json!([{ "person": "nobody", "item": 2, "reason": "fvl. § 6" }]);
    });
    refused_at(&text, "meeting.disqualifications[0].person");

    let text = demo_json(|v| {
        v["meeting"]["disqualifications"] = serde_json::json!([
            { "person": "langoy-gm", "item": 2, "reason": "fvl. § 6" },
            { "person": "langoy-gm", "item": 2, "reason": "igjen" }
        ]);
    });
    refused_at(&text, "meeting.disqualifications[1]");

    let text = demo_json(|v| {
        v["meeting"]["disqualifications"] =
            serde_json::json!([{ "person": "langoy-gm", "item": 2, "reason": " " }]);
    });
    refused_at(&text, "meeting.disqualifications[0].reason");

    let text = demo_json(|v| {
        v["meeting"]["disqualifications"] =
            serde_json::json!([{ "person": "langoy-gm", "item": 2, "reason": "x", "votes": 1 }]);
    });
    refused_at(&text, "meeting.disqualifications[0].votes");
}

#[test]
fn bad_quorum_rules_are_refused_with_their_path() {
    let text = demo_json(|v| v["body"]["quorum"] = serde_json::json!({ "rule": "most" }));
    refused_at(&text, "body.quorum.rule");
    let text = demo_json(|v| {
        v["body"]["quorum"] =
            serde_json::json!({ "rule": "at_least", "numerator": 3, "denominator": 2 });
    });
    refused_at(&text, "body.quorum");
    let text = demo_json(|v| {
        v["body"]["quorum"] = serde_json::json!({ "rule": "count", "numerator": 3 });
    });
    refused_at(&text, "body.quorum.numerator");
    refused_at(&text, "body.quorum.members");
}

#[test]
fn the_database_keeps_every_addition() {
    let record = record_with_additions();
    let mut store = Store::open_in_memory().unwrap();
    let id = store.import_record(&record, ImportMode::Refuse).unwrap();
    let loaded = store.load_meeting(id).unwrap();
    assert_eq!(loaded.meeting.attendance, record.meeting.attendance);
    assert_eq!(
        loaded.meeting.disqualifications,
        record.meeting.disqualifications
    );
    assert_eq!(
        loaded.body.quorum, record.body.quorum,
        "a new body takes the package's rule"
    );

    // Saving again after a change: the late arrival moves, one disqualification goes.
    let mut meeting = loaded.meeting.clone();
    meeting.attendance[3].arrived_item = Some(4);
    meeting.disqualifications.remove(0);
    store.save_meeting(id, &meeting).unwrap();
    let again = store.load_meeting(id).unwrap();
    assert_eq!(again.meeting.attendance[3].arrived_item, Some(4));
    assert_eq!(again.meeting.disqualifications.len(), 1);
    assert_eq!(
        header_lines(&again).present[1],
        "Ersvik, Per Sverre (fra sak 2024/M4-004 kl. 09:10)"
    );

    // The exported package of the stored meeting carries everything.
    let exported = package::write(&again);
    assert_eq!(package::read(&exported).unwrap(), again);
}

#[test]
fn the_database_refuses_references_to_missing_items() {
    let mut store = Store::open_in_memory().unwrap();
    let mut record = record_with_additions();
    record.meeting.disqualifications[0].item = 12;
    let err = store
        .import_record(&record, ImportMode::Refuse)
        .expect_err("refused");
    assert!(
        err.to_string()
            .contains("meeting.disqualifications[0].item"),
        "{err}"
    );
}

#[test]
fn the_quorum_rule_belongs_to_the_body_and_an_import_does_not_take_it_away() {
    let mut store = Store::open_in_memory().unwrap();
    let record = package::read(DEMO).unwrap();
    let id = store.import_record(&record, ImportMode::Refuse).unwrap();
    let body = record.body.name.clone();
    assert_eq!(store.quorum_rule(&body).unwrap(), QuorumRule::default());
    store.set_quorum_rule(&body, QuorumRule::Count(3)).unwrap();
    assert_eq!(
        store.load_meeting(id).unwrap().body.quorum,
        QuorumRule::Count(3)
    );
    // Importing the meeting again from a package with the default rule keeps the body's rule.
    store.import_record(&record, ImportMode::Replace).unwrap();
    assert_eq!(store.quorum_rule(&body).unwrap(), QuorumRule::Count(3));
    assert!(
        store
            .set_quorum_rule(
                &body,
                QuorumRule::AtLeast {
                    numerator: 1,
                    denominator: 0
                }
            )
            .is_err()
    );
}

#[test]
fn people_added_by_name_get_unique_keys() {
    let mut store = Store::open_in_memory().unwrap();
    let record = package::read(DEMO).unwrap();
    store.import_record(&record, ImportMode::Refuse).unwrap();
    // "Gjørtz, Fred" exists as gjortz-f: a namesake gets another key and the first is untouched.
    let p = store
        .add_person_named("Gjørtz, Frida", Some("Molde kommune"))
        .unwrap();
    assert_eq!(p.id.as_str(), "gjortz-f-2");
    let q = store.add_person_named("Sjøvik, Åse Marie", None).unwrap();
    assert_eq!(q.id.as_str(), "sjovik-am");
    let people = store.people().unwrap();
    let fred = people.iter().find(|p| p.id.as_str() == "gjortz-f").unwrap();
    assert_eq!(fred.name, "Gjørtz, Fred");
    assert!(store.add_person_named("  ", None).is_err());
}
