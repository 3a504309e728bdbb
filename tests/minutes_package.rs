//! The meeting package carries what the live minutes record: item start and end times, votes
//! (unanimous, counted, named) and follow-ups; round trips byte for byte; refuses what it
//! cannot read correctly, naming the field.

use chrono::{NaiveDate, NaiveTime};
use motebok::model::{Deadline, FollowUp, MeetingRecord, Vote};
use motebok::package;

fn minuted() -> MeetingRecord {
    let mut r = package::read(motebok::app::demo::EXAMPLE_PACKAGE).unwrap();
    let items = &mut r.meeting.items;
    items[0].started = NaiveTime::from_hms_opt(8, 15, 0);
    items[0].ended = NaiveTime::from_hms_opt(8, 20, 0);
    items[0].vote = Some(Vote::Unanimous);
    items[3].vote = Some(Vote::Named {
        for_votes: vec!["gjortz-f".into()],
        against: vec!["aasen-ms".into(), "langoy-gm".into()],
        abstaining: vec![],
    });
    items[4].vote = Some(Vote::Counted {
        for_votes: 5,
        against: 2,
        abstaining: 1,
    });
    items[5].follow_ups = vec![
        FollowUp {
            task: "Utarbeide et beslutningsunderlag med kostnadsestimater".into(),
            responsible: Some("gjortz-f".into()),
            deadline: Some(Deadline::Text("senest til møtet i september".into())),
            done: None,
        },
        FollowUp {
            task: String::new(),
            responsible: None,
            deadline: Some(Deadline::Date(
                NaiveDate::from_ymd_opt(2024, 9, 18).unwrap(),
            )),
            done: NaiveDate::from_ymd_opt(2024, 9, 2),
        },
    ];
    r
}

#[test]
fn votes_follow_ups_and_times_survive_a_round_trip_byte_for_byte() {
    let record = minuted();
    let first = package::write(&record);
    let again = package::read(&first).expect("what Møtebok writes, it reads");
    assert_eq!(again.meeting, record.meeting);
    assert_eq!(package::write(&again), first);
    assert!(first.contains("\"started\": \"08:15\""));
    assert!(first.contains("\"deadline_text\": \"senest til møtet i september\""));
    assert!(first.contains("\"kind\": \"counted\""));
}

fn with_item_field(field: &str) -> String {
    let plain = package::read(motebok::app::demo::EXAMPLE_PACKAGE).unwrap();
    let text = package::write(&plain);
    text.replacen(
        "\"kind\": \"decision\"",
        &format!("\"kind\": \"decision\", {field}"),
        1,
    )
}

fn error_of(text: &str) -> String {
    package::read(text).expect_err("refused").to_string()
}

#[test]
fn an_unknown_vote_kind_is_refused_with_its_path() {
    let e = error_of(&with_item_field("\"vote\": { \"kind\": \"secret\" }"));
    assert!(e.contains("meeting.items[0].vote.kind"), "{e}");
    assert!(e.contains("secret"), "{e}");
}

#[test]
fn a_counted_vote_needs_all_three_counts() {
    let e = error_of(&with_item_field(
        "\"vote\": { \"kind\": \"counted\", \"for\": 3 }",
    ));
    assert!(e.contains("meeting.items[0].vote.against"), "{e}");
}

#[test]
fn a_named_voter_must_be_a_person_of_the_file_and_vote_once() {
    let e = error_of(&with_item_field(
        "\"vote\": { \"kind\": \"named\", \"for\": [\"nobody\"] }",
    ));
    assert!(e.contains("meeting.items[0].vote.for[0]"), "{e}");
    let e = error_of(&with_item_field(
        "\"vote\": { \"kind\": \"named\", \"for\": [\"aasen-ms\"], \"against\": [\"aasen-ms\"] }",
    ));
    assert!(e.contains("meeting.items[0].vote.against[0]"), "{e}");
}

#[test]
fn a_follow_up_has_a_deadline_date_or_text_not_both() {
    let e = error_of(&with_item_field(
        "\"follow_ups\": [{ \"task\": \"x\", \"deadline\": \"2024-09-18\", \"deadline_text\": \"snart\" }]",
    ));
    assert!(
        e.contains("meeting.items[0].follow_ups[0].deadline_text"),
        "{e}"
    );
}

#[test]
fn a_start_time_must_be_hh_mm() {
    let e = error_of(&with_item_field("\"started\": \"8:15\""));
    assert!(e.contains("meeting.items[0].started"), "{e}");
}
