//! The demo meeting 2024/M4 survives reading and writing the meeting package unchanged.

use motebok::model::{AttendanceStatus, ItemKind, MeetingStatus, Outcome, PersonId};
use motebok::package::{self, FORMAT, VERSION};

const DEMO: &str = include_str!("../assets/demo/2024-M4.motebok.json");

#[test]
fn demo_meeting_reads_with_its_seven_items_and_twelve_people() {
    let r = package::read(DEMO).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.body.name, "Samarbeidsrådet for ROR-IKT");
    assert_eq!(r.people.len(), 12);
    assert_eq!(r.meeting.items.len(), 7);
    let cases: Vec<String> = r
        .meeting
        .items
        .iter()
        .map(|i| r.meeting.case_number(i).to_string())
        .collect();
    assert_eq!(
        cases,
        [
            "2024/M4-001",
            "2024/M4-002",
            "2024/M4-003",
            "2024/M4-004",
            "2024/M4-005",
            "2024/M4-006",
            "2024/M4-007",
        ]
    );
}

#[test]
fn demo_meeting_keeps_its_details() {
    let r = package::read(DEMO).unwrap();
    let m = &r.meeting;
    assert_eq!(m.reference.to_string(), "2024/M4");
    assert_eq!(m.date.to_string(), "2024-06-12");
    assert_eq!(
        m.start.map(|t| t.format("%H:%M").to_string()).as_deref(),
        Some("08:15")
    );
    assert_eq!(
        m.end.map(|t| t.format("%H:%M").to_string()).as_deref(),
        Some("11:00")
    );
    assert_eq!(m.place, "Del (Storgata 33, 3.etg)");
    assert_eq!(m.chair, Some(PersonId::from("aasen-ms")));
    assert_eq!(
        r.name_of(&PersonId::from("kristengard-mk")),
        "Kristengård, Mette Kristin"
    );
    assert_eq!(m.referent, Some(PersonId::from("kristengard-mk")));
    assert_eq!(m.attendance.len(), 8);
    let spilling = m
        .attendance
        .iter()
        .find(|a| a.person.as_str() == "spilling-t")
        .unwrap();
    assert_eq!(spilling.status, AttendanceStatus::Absent);
    // The file has decisions but no status: it reads as draft minutes.
    assert_eq!(m.status, MeetingStatus::DraftMinutes);
    let item4 = &m.items[3];
    assert_eq!(item4.kind, ItemKind::Decision);
    assert_eq!(item4.guests, [PersonId::from("sande-e")]);
    assert_eq!(item4.outcome, Some(Outcome::Decided));
    assert!(m.items.iter().all(|i| i.exempt.is_none()));
}

#[test]
fn item_seven_notes_keep_the_nested_bullet_list_exactly() {
    let r = package::read(DEMO).unwrap();
    let notes = r.meeting.items[6].notes.as_deref().unwrap();
    let original: serde_json::Value = serde_json::from_str(DEMO).unwrap();
    assert_eq!(
        notes,
        original["meeting"]["items"][6]["notes"].as_str().unwrap()
    );
    assert!(notes.starts_with(
        "- sluttrapport fra det regionale prosjektet Helseplattformen\n  - Regional innføringsleder"
    ));
    assert_eq!(notes.lines().filter(|l| l.starts_with("- ")).count(), 7);
    assert_eq!(notes.lines().filter(|l| l.starts_with("  - ")).count(), 20);

    let again = package::read(&package::write(&r)).unwrap();
    assert_eq!(again.meeting.items[6].notes.as_deref(), Some(notes));
}

#[test]
fn demo_meeting_round_trips_byte_for_byte_after_a_second_write() {
    let first = package::read(DEMO).unwrap();
    let written = package::write(&first);
    let second = package::read(&written).unwrap_or_else(|e| panic!("{e}\n{written}"));
    assert_eq!(second, first);
    assert_eq!(package::write(&second), written);
}

#[test]
fn written_package_is_pretty_json_in_the_documented_shape() {
    let written = package::write(&package::read(DEMO).unwrap());
    assert!(written.starts_with("{\n  \"format\": \"motebok/meeting\",\n  \"version\": 1,\n"));
    assert!(written.ends_with("}\n"));
    assert!(written.contains("\n    \"status\": \"draft_minutes\",\n"));
    assert!(written.contains("\"exempt\": null"));
    // Every value the original carries is still there, apart from the status Møtebok adds.
    let mut ours: serde_json::Value = serde_json::from_str(&written).unwrap();
    let theirs: serde_json::Value = serde_json::from_str(DEMO).unwrap();
    ours["meeting"].as_object_mut().unwrap().remove("status");
    assert_eq!(ours, theirs);
    assert_eq!(FORMAT, "motebok/meeting");
    assert_eq!(VERSION, 1);
}
