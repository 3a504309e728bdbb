//! The search field in the real app (`egui_kittest`): Ctrl+K focuses it, typing shows the hits
//! of every meeting, and opening a hit lands on the item in its meeting.

mod common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use motebok::model::{MeetingRef, MeetingStatus};
use motebok::store::{ImportMode, Store};
use motebok::ui::{MotebokApp, Pane};

/// The app on a database with the demo meeting 2024/M4 and an older meeting 2023/M6 of the same
/// body, whose item 3 decided about «P360». The app opens on 2024/M4.
fn app_with_two_meetings() -> Harness<'static, MotebokApp> {
    let (dir, path) = common::temp_db();
    let _ = dir.keep();
    {
        let mut store = Store::open(&path).unwrap();
        motebok::app::demo::seed_if_empty(&mut store).unwrap();
        let demo = store.list_meetings().unwrap()[0].id;
        let mut older = store.load_meeting(demo).unwrap();
        older.meeting.reference = MeetingRef::new(2023, 6);
        older.meeting.date = chrono::NaiveDate::from_ymd_opt(2023, 10, 4).unwrap();
        older.meeting.status = MeetingStatus::DraftMinutes;
        let item = &mut older.meeting.items[2];
        item.title = "Nytt sak- og arkivsystem".into();
        item.decision = Some("Kommunene går over til Public 360 (P360) fra 2024.".into());
        item.notes = None;
        item.follow_ups.clear();
        store.import_record(&older, ImportMode::Refuse).unwrap();
    }
    let (store, problem) = motebok::app::startup::open_for_window(&path).unwrap();
    let mut h = Harness::builder()
        .with_size([1280.0, 900.0])
        .build_eframe(move |cc| MotebokApp::new(cc, store, problem));
    common::settle(&mut h);
    h
}

/// The panes shown now (the active tab of each tab group).
fn visible_panes(h: &Harness<'_, MotebokApp>) -> Vec<Pane> {
    let tree = &h.state().persisted.tree;
    tree.active_tiles()
        .into_iter()
        .filter_map(|id| match tree.tiles.get(id) {
            Some(egui_tiles::Tile::Pane(p)) => Some(*p),
            _ => None,
        })
        .collect()
}

fn open_reference(h: &Harness<'_, MotebokApp>) -> MeetingRef {
    h.state()
        .core
        .open
        .as_ref()
        .expect("a meeting is open")
        .record
        .meeting
        .reference
}

#[test]
fn typing_in_the_search_field_and_opening_a_hit_lands_on_the_item() {
    let mut h = app_with_two_meetings();
    assert_eq!(open_reference(&h), MeetingRef::new(2024, 4));

    h.get_by_label("Søk").focus();
    h.run_steps(1);
    h.get_by_label("Søk").type_text("p36");
    common::settle(&mut h);
    // Found by prefix, in the other meeting, with its meeting heading.
    h.get_by_label_contains("2023/M6 · 04.10.2023");
    // The title, and the decision with the matching word, in one result.
    h.get_by_label_contains(
        "2023/M6-003  Nytt sak- og arkivsystem\nVedtak: Kommunene går over til Public 360 (P360)",
    )
    .click();
    common::settle(&mut h);

    assert_eq!(open_reference(&h), MeetingRef::new(2023, 6));
    assert_eq!(h.state().runtime.selected_item, Some(3));
    // The decision matched: the Referat pane is brought forward.
    assert!(
        visible_panes(&h).contains(&Pane::Minutes),
        "{:?}",
        visible_panes(&h)
    );
}

#[test]
fn folded_letters_find_the_demo_meeting_and_enter_opens_the_first_hit() {
    let mut h = app_with_two_meetings();
    h.get_by_label_contains("2023/M6   04.10.2023").click();
    common::settle(&mut h);
    assert_eq!(open_reference(&h), MeetingRef::new(2023, 6));

    h.get_by_label("Søk").focus();
    h.run_steps(1);
    // "Økonomi- og aktivitetsrapport" typed without ø, in capitals.
    h.get_by_label("Søk").type_text("OKONOMI");
    common::settle(&mut h);
    h.get_by_label_contains("2024/M4-003  Økonomi");
    // Enter opens the first (newest, most relevant) hit: 2024/M4, item 3, in the Referat
    // pane, where its notes ("økonomistatus") matched.
    h.key_press(Key::Enter);
    common::settle(&mut h);
    assert_eq!(open_reference(&h), MeetingRef::new(2024, 4));
    assert_eq!(h.state().runtime.selected_item, Some(3));
    assert!(
        visible_panes(&h).contains(&Pane::Minutes),
        "{:?}",
        visible_panes(&h)
    );
}

#[test]
fn ctrl_k_focuses_the_search_field_and_escape_closes_the_results() {
    let mut h = app_with_two_meetings();
    assert!(!h.get_by_label("Søk").is_focused());
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run_steps(2);
    assert!(h.get_by_label("Søk").is_focused());
    h.get_by_label("Søk").type_text("arkivtjeneste");
    common::settle(&mut h);
    h.get_by_label_contains("Søkeresultater");
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.query_by_label_contains("Søkeresultater").is_none());

    // Ctrl+F works too while no text field has the focus.
    assert!(!h.get_by_label("Søk").is_focused());
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    assert!(h.get_by_label("Søk").is_focused());
}
