//! The review round through the real windows: the leader's Møtebok opens the review package
//! read-only, the leader comments per item and asks for changes; the secretary's Møtebok
//! imports the reply and shows the comments at their items, to be ticked off.

mod common;

use egui_kittest::kittest::Queryable;
use motebok::app::Command;
use motebok::app::rapport::RapportCommand;
use motebok::model::ReviewDecision;

#[test]
fn the_leader_comments_in_a_read_only_window_and_the_secretary_sees_the_comments_at_their_items() {
    let dir = tempfile::tempdir().unwrap();
    let review = dir.path().join("2024-M4.motebok-review.json");
    let reply = dir.path().join("2024-M4.motebok-reply.json");

    // The secretary sends the draft for review.
    let (mut secretary, secretary_db) = common::app_harness_at();
    secretary
        .state_mut()
        .core
        .run(vec![Command::Rapport(RapportCommand::SendReview(
            review.clone(),
        ))]);
    common::settle(&mut secretary);
    assert!(review.exists());
    assert_eq!(
        secretary
            .state()
            .core
            .open
            .as_ref()
            .unwrap()
            .record
            .meeting
            .status,
        motebok::model::MeetingStatus::InReview,
        "sending the draft puts the meeting in review"
    );

    // The leader's own Møtebok.
    let (mut leader, leader_db) = common::app_harness_at();
    let meetings_before = leader.state().core.meetings.len();
    leader
        .state_mut()
        .core
        .run(vec![Command::Rapport(RapportCommand::OpenReview(
            review.clone(),
        ))]);
    common::settle(&mut leader);
    leader.run_steps(2);
    assert!(leader.state().core.rapport.review.is_some());
    leader.get_by_label("Ditt navn");
    leader.get_by_label("Kommentar til sak 2024/M4-004").focus();
    leader.run_steps(1);
    leader
        .get_by_label("Kommentar til sak 2024/M4-004")
        .type_text("Fristen mangler i vedtaket.");
    leader.run_steps(2);
    leader.get_by_label("Kommentar til hele referatet").focus();
    leader.run_steps(1);
    leader
        .get_by_label("Kommentar til hele referatet")
        .type_text("Ellers fint.");
    leader.run_steps(2);
    common::settle(&mut leader);
    assert_eq!(
        leader.state().core.meetings.len(),
        meetings_before,
        "the review is not an editable meeting"
    );
    let session = leader.state().core.rapport.review.clone().unwrap();
    assert_eq!(
        session.drafts.get(&4).map(String::as_str),
        Some("Fristen mangler i vedtaket.")
    );
    leader
        .state_mut()
        .core
        .run(vec![Command::Rapport(RapportCommand::WriteReply {
            decision: ReviewDecision::ChangesRequested,
            path: reply.clone(),
        })]);
    common::settle(&mut leader);
    assert!(reply.exists());
    drop(leader);
    // The comments were kept in the leader's database.
    let store = common::reopen(&leader_db);
    let received = store.received_reviews().unwrap();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].decision, Some(ReviewDecision::ChangesRequested));
    drop(store);

    // The secretary imports the reply: the comments appear at their items.
    secretary
        .state_mut()
        .core
        .run(vec![Command::Rapport(RapportCommand::ImportReply(reply))]);
    common::settle(&mut secretary);
    secretary.get_by_label("Rapport").click();
    common::settle(&mut secretary);
    secretary.get_by_label("Fristen mangler i vedtaket.");
    secretary.get_by_label("Ellers fint.");
    secretary.get_by_label_contains("2024/M4-004 Felles arkivtjeneste");
    secretary.get_by_label("Hele referatet");
    let id = secretary.state().core.open.as_ref().unwrap().id;
    let comments = secretary.state().core.rapport.comments_for(id).to_vec();
    assert_eq!(comments.len(), 2);
    assert_eq!(comments[1].item, Some(4));

    // Ticking a comment off is stored.
    let resolved = secretary
        .get_all_by_label("Løst")
        .next()
        .expect("a resolve tick per comment");
    resolved.click();
    common::settle(&mut secretary);
    drop(secretary);
    let store = common::reopen(&secretary_db);
    let stored = store.review_comments(id).unwrap();
    assert_eq!(stored.iter().filter(|c| c.resolved).count(), 1);
}
