//! The decision register and the follow-ups in the real app (`egui_kittest`): opened from the
//! Arkiv menu, sorted, a follow-up marked done, and the previous meeting's open follow-ups
//! shown while the next agenda is built.

mod common;

use std::path::PathBuf;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use motebok::model::{Deadline, FollowUp, MeetingRef, MeetingStatus};
use motebok::store::{DecisionSort, FollowUpFilter, FollowUpStatus, ImportMode, Store};
use motebok::ui::MotebokApp;

const TASK: &str = "Lag et beslutningsunderlag for Helseplattformen";

/// The demo meeting 2024/M4 with a follow-up on item 6, and a copy of it as 2023/M6.
fn app() -> (Harness<'static, MotebokApp>, PathBuf) {
    let (dir, path) = common::temp_db();
    let _ = dir.keep();
    {
        let mut store = Store::open(&path).unwrap();
        motebok::app::demo::seed_if_empty(&mut store).unwrap();
        let demo = store.list_meetings().unwrap()[0].id;
        let mut record = store.load_meeting(demo).unwrap();
        let responsible = record.meeting.chair.clone();
        record.meeting.items[5].follow_ups = vec![FollowUp {
            task: TASK.into(),
            responsible,
            deadline: Some(Deadline::Text("til møtet i september".into())),
            done: None,
        }];
        store.save_meeting(demo, &record.meeting).unwrap();
        let mut older = record;
        older.meeting.reference = MeetingRef::new(2023, 6);
        older.meeting.date = chrono::NaiveDate::from_ymd_opt(2023, 10, 4).unwrap();
        older.meeting.status = MeetingStatus::DraftMinutes;
        for item in &mut older.meeting.items {
            item.follow_ups.clear();
        }
        store.import_record(&older, ImportMode::Refuse).unwrap();
    }
    let (store, problem) = motebok::app::startup::open_for_window(&path).unwrap();
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| MotebokApp::new(cc, store, problem));
    common::settle(&mut h);
    (h, path)
}

fn menu(h: &mut Harness<'_, MotebokApp>, entry: &str) {
    h.get_by_label("Arkiv").click();
    h.run_steps(2);
    h.get_by_label(entry).click();
    common::settle(h);
}

#[test]
fn the_register_lists_every_decision_and_sorts_by_a_column() {
    let (mut h, _) = app();
    menu(&mut h, "Vedtaksregister");
    h.get_by_label("14 vedtak");
    let rows = h.state().core.search.register.clone().unwrap();
    assert_eq!(
        rows[0].date,
        chrono::NaiveDate::from_ymd_opt(2024, 6, 12).unwrap(),
        "newest first"
    );

    // The column header (a button; the agenda pane has a "Tittel" text field too).
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Tittel")
        .click();
    common::settle(&mut h);
    assert_eq!(
        h.state().core.search.register_sort,
        (DecisionSort::Title, false)
    );
    let rows = h.state().core.search.register.clone().unwrap();
    assert_eq!(rows[0].title, "Anskaffelse av eByggesak for Hustadvika");
    assert_eq!(rows[13].title, "Økonomi- og aktivitetsrapport");
}

#[test]
fn a_follow_up_is_marked_done_from_the_list() {
    let (mut h, path) = app();
    menu(&mut h, "Oppfølginger");
    h.get_by_label(TASK);
    h.get_by_label("Utført").click();
    common::settle(&mut h);
    assert!(
        h.state()
            .core
            .search
            .follow_ups
            .as_ref()
            .unwrap()
            .is_empty(),
        "no open ones left"
    );
    drop(h);

    let store = common::reopen(&path);
    let today = chrono::Local::now().date_naive();
    let all = FollowUpFilter {
        status: FollowUpStatus::All,
        ..Default::default()
    };
    let rows = store.follow_ups(&all, today).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0].done,
        Some(today),
        "the day it was marked done is recorded"
    );
}

#[test]
fn a_new_meeting_shows_the_open_follow_ups_of_the_previous_one() {
    let (mut h, _) = app();
    h.get_by_label("+ Nytt møte").click();
    common::settle(&mut h);
    h.get_by_label("Opprett").click();
    common::settle(&mut h);
    let open = h.state().core.open.as_ref().unwrap();
    assert_eq!(open.record.meeting.status, MeetingStatus::Planned);
    h.get_by_label_contains("Åpne oppfølginger fra 2024/M4 (1)");
    h.get_by_label_contains(TASK);
}
