//! The offline review round: the secretary's database makes a review package, the leader's own
//! database opens it read-only and comments, the reply comes back to the right items.

use motebok::app::rapport::{
    import_reply_text, make_review_file, open_review_file, write_reply_file,
};
use motebok::model::{MeetingRecord, MeetingStatus, ReviewDecision};
use motebok::store::{ImportMode, Store};

fn demo() -> MeetingRecord {
    motebok::package::read(motebok::app::demo::EXAMPLE_PACKAGE).expect("the demo package reads")
}

#[test]
fn comments_made_in_a_second_database_come_back_to_the_first_at_the_right_items() {
    // The secretary's database.
    let mut secretary = Store::open_in_memory().unwrap();
    let record = demo();
    let id = secretary
        .import_record(&record, ImportMode::Refuse)
        .unwrap();
    let review_file = make_review_file(&mut secretary, id).unwrap();

    // The leader's database: the review is kept as a review, not as a meeting.
    let mut leader = Store::open_in_memory().unwrap();
    let (mut session, added) = open_review_file(&mut leader, &review_file).unwrap();
    assert!(added);
    assert!(
        leader.list_meetings().unwrap().is_empty(),
        "no editable meeting was made"
    );
    assert_eq!(session.record.meeting.items, record.meeting.items);
    assert!(session.pdf.starts_with(b"%PDF-"));
    assert_eq!(
        session.reviewer, "Aasen, Marianne Stokkereit",
        "the chair is proposed"
    );

    session
        .drafts
        .insert(0, "Godt referat, to små ting.".into());
    session
        .drafts
        .insert(4, "Vedtaket bør nevne fristen.".into());
    session.drafts.insert(6, "   ".into());
    let reply = write_reply_file(&mut leader, &session, ReviewDecision::ChangesRequested).unwrap();
    let received = leader.received_reviews().unwrap();
    assert_eq!(received[0].decision, Some(ReviewDecision::ChangesRequested));

    // Opening the same package again in the leader's Møtebok keeps the comments.
    let (again, added) = open_review_file(&mut leader, &review_file).unwrap();
    assert!(!added);
    assert_eq!(
        again.drafts.get(&4).map(String::as_str),
        Some("Vedtaket bør nevne fristen.")
    );

    // Meanwhile the secretary moved item 4 down (it is item 5 now).
    let mut moved = secretary.load_meeting(id).unwrap().meeting;
    moved.items.swap(3, 4);
    moved.renumber_items();
    secretary.save_meeting(id, &moved).unwrap();

    // Back in the secretary's database.
    let (imported, parsed) = import_reply_text(&mut secretary, &reply).unwrap();
    assert_eq!(imported.meeting, id);
    assert_eq!(imported.comments, 2);
    assert_eq!(imported.unplaced, 0);
    assert_eq!(parsed.reviewer, "Aasen, Marianne Stokkereit");
    let comments = secretary.review_comments(id).unwrap();
    assert_eq!(comments.len(), 2);
    assert_eq!(comments[0].item, None);
    assert_eq!(comments[0].text, "Godt referat, to små ting.");
    assert_eq!(comments[1].item, Some(5), "found at the item's new number");
    assert_eq!(
        comments[1].item_title.as_deref(),
        Some(record.meeting.items[3].title.as_str())
    );
    assert_eq!(comments[1].text, "Vedtaket bør nevne fristen.");
    assert!(comments.iter().all(|c| !c.resolved));
    assert_eq!(comments[1].decision, ReviewDecision::ChangesRequested);

    // The secretary ticks a comment off.
    secretary
        .set_comment_resolved(
            comments[1].reply,
            comments[1].position,
            true,
            comments[1].replied_at,
        )
        .unwrap();
    assert!(secretary.review_comments(id).unwrap()[1].resolved);

    // The same reply twice is refused; nothing is doubled.
    assert!(import_reply_text(&mut secretary, &reply).is_err());
    assert_eq!(secretary.review_comments(id).unwrap().len(), 2);
}

#[test]
fn a_reply_to_a_review_not_sent_from_this_database_is_refused() {
    let mut secretary = Store::open_in_memory().unwrap();
    let id = secretary
        .import_record(&demo(), ImportMode::Refuse)
        .unwrap();
    let review_file = make_review_file(&mut secretary, id).unwrap();
    let mut leader = Store::open_in_memory().unwrap();
    let (mut session, _) = open_review_file(&mut leader, &review_file).unwrap();
    session.reviewer = "Aasen, Marianne Stokkereit".into();
    let reply = write_reply_file(&mut leader, &session, ReviewDecision::Approve).unwrap();

    let mut other = Store::open_in_memory().unwrap();
    other.import_record(&demo(), ImportMode::Refuse).unwrap();
    let err = import_reply_text(&mut other, &reply).unwrap_err();
    assert!(err.contains("not sent from this database"), "{err}");
}

#[test]
fn asking_for_changes_needs_a_comment_and_approved_minutes_are_not_sent_for_review() {
    let mut secretary = Store::open_in_memory().unwrap();
    let id = secretary
        .import_record(&demo(), ImportMode::Refuse)
        .unwrap();
    let review_file = make_review_file(&mut secretary, id).unwrap();
    let mut leader = Store::open_in_memory().unwrap();
    let (session, _) = open_review_file(&mut leader, &review_file).unwrap();
    assert!(write_reply_file(&mut leader, &session, ReviewDecision::ChangesRequested).is_err());

    let mut approved = demo();
    approved.meeting.status = MeetingStatus::Approved;
    let mut store = Store::open_in_memory().unwrap();
    let id = store.import_record(&approved, ImportMode::Refuse).unwrap();
    assert!(make_review_file(&mut store, id).is_err());
}
