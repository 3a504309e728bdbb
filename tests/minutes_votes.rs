//! The result line of a vote as the minutes write it, with the council's real names:
//! unanimous, counted and named.

use motebok::model::{MeetingRecord, PersonId, Vote, surname};

/// The demo meeting (2024/M4) with its people.
fn record() -> MeetingRecord {
    let mut record = motebok::package::read(motebok::app::demo::EXAMPLE_PACKAGE).unwrap();
    for p in motebok::app::demo::demo_people() {
        if record.person(&p.id).is_none() {
            record.people.push(p);
        }
    }
    record
}

fn line(record: &MeetingRecord, vote: &Vote) -> String {
    vote.result_line(&|p: &PersonId| surname(&record.name_of(p)).to_owned())
}

fn ids(keys: &[&str]) -> Vec<PersonId> {
    keys.iter().map(|k| PersonId((*k).to_owned())).collect()
}

#[test]
fn a_unanimous_vote_reads_enstemmig_vedtatt() {
    assert_eq!(line(&record(), &Vote::Unanimous), "Enstemmig vedtatt");
}

#[test]
fn a_counted_vote_gives_the_numbers_and_abstentions() {
    let r = record();
    let passed = Vote::Counted {
        for_votes: 5,
        against: 2,
        abstaining: 0,
    };
    assert_eq!(line(&r, &passed), "Vedtatt med 5 mot 2 stemmer");
    let fell = Vote::Counted {
        for_votes: 2,
        against: 3,
        abstaining: 1,
    };
    assert_eq!(line(&r, &fell), "Falt med 2 mot 3 stemmer, 1 avsto");
}

#[test]
fn a_named_vote_names_the_minority_by_surname() {
    let r = record();
    let vote = Vote::Named {
        for_votes: ids(&["skalhavn-k", "ersvik-ps", "ulvestad-ph"]),
        against: ids(&["aasen-ms", "langoy-gm"]),
        abstaining: vec![],
    };
    assert_eq!(line(&r, &vote), "Vedtatt mot 2 stemmer (Aasen, Langøy)");

    let vote = Vote::Named {
        for_votes: ids(&["skalhavn-k"]),
        against: ids(&["aasen-ms", "langoy-gm"]),
        abstaining: ids(&["ersvik-ps"]),
    };
    assert_eq!(
        line(&r, &vote),
        "Falt mot 1 stemme (Skålhavn); avsto: Ersvik"
    );

    let everyone_for = Vote::Named {
        for_votes: ids(&["skalhavn-k", "aasen-ms"]),
        against: vec![],
        abstaining: vec![],
    };
    assert_eq!(line(&r, &everyone_for), "Enstemmig vedtatt");
}
