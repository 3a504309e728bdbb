//! The agenda builder through the real app (`egui_kittest`): a new meeting starts with the
//! standard items; items are added, reordered by keyboard and by drag (case numbers follow at
//! once), deleted and restored with undo; and everything lands in the database.

mod common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use motebok::model::MeetingRef;
use motebok::ui::MotebokApp;

const STANDARD: [&str; 5] = [
    "Godkjenning av innkalling og saksliste",
    "Godkjenning av møtereferat",
    "Økonomi- og aktivitetsrapport",
    "Orienteringssaker",
    "Eventuelt",
];

fn titles(h: &Harness<'_, MotebokApp>) -> Vec<String> {
    h.state()
        .core
        .open
        .as_ref()
        .expect("a meeting is open")
        .record
        .meeting
        .items
        .iter()
        .map(|i| i.title.clone())
        .collect()
}

fn reference(h: &Harness<'_, MotebokApp>) -> MeetingRef {
    h.state()
        .core
        .open
        .as_ref()
        .unwrap()
        .record
        .meeting
        .reference
}

/// Opens the database again once the app's database thread has let it go.
fn reopen(path: &std::path::Path) -> motebok::store::Store {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        match motebok::store::Store::open(path) {
            Ok(s) => return s,
            Err(motebok::store::StoreError::InUse { .. })
                if std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => panic!("reopen: {e}"),
        }
    }
}

/// Creates a new meeting of the demo body through the dialog and returns its reference.
fn create_meeting(h: &mut Harness<'_, MotebokApp>) -> MeetingRef {
    h.get_by_label("+ Nytt møte").click();
    common::settle(h);
    h.get_by_label("Opprett").click();
    common::settle(h);
    reference(h)
}

/// Replaces the selected item's title by typing.
fn retitle(h: &mut Harness<'_, MotebokApp>, title: &str) {
    h.get_by_label("Tittel").focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    h.get_by_label("Tittel").type_text(title);
    h.run_steps(2);
    // Leave the field so the next keys go to the list.
    h.key_press(Key::Escape);
    h.run_steps(2);
}

#[test]
fn build_reorder_delete_and_undo_an_agenda() {
    let (mut h, path) = common::app_harness_at();
    let r = create_meeting(&mut h);
    assert_eq!(
        r.number, 1,
        "the first meeting of a new year is M1 (demo is 2024/M4)"
    );

    // The standard items, numbered in order, on screen and in the meeting.
    assert_eq!(titles(&h), STANDARD);
    for (n, t) in STANDARD.iter().enumerate() {
        h.get_by_label(&format!("{r}-00{}  {t}", n + 1));
    }

    // Add three items: each goes in before orienteringssaker and eventuelt.
    for t in ["Alfa", "Beta", "Gamma"] {
        h.get_by_label("+ Ny sak").click();
        h.run_steps(2);
        retitle(&mut h, t);
    }
    common::settle(&mut h);
    assert_eq!(
        titles(&h),
        [
            STANDARD[0],
            STANDARD[1],
            STANDARD[2],
            "Alfa",
            "Beta",
            "Gamma",
            STANDARD[3],
            STANDARD[4]
        ]
    );
    h.get_by_label(&format!("{r}-006  Gamma"));

    // Alt+↑ twice moves Gamma (selected: it was added last) to place 4; numbers follow.
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
    h.run_steps(2);
    h.get_by_label(&format!("{r}-004  Gamma"));
    h.get_by_label(&format!("{r}-005  Alfa"));
    h.get_by_label(&format!("{r}-006  Beta"));
    assert!(h.query_by_label(&format!("{r}-006  Gamma")).is_none());

    // Alt+↓ moves it back down one.
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run_steps(2);
    h.get_by_label(&format!("{r}-004  Alfa"));
    h.get_by_label(&format!("{r}-005  Gamma"));

    // Drag Beta (006) by its handle above Alfa (004).
    let beta = h.get_by_label(&format!("{r}-006  Beta")).rect();
    let alfa = h.get_by_label(&format!("{r}-004  Alfa")).rect();
    let handle = egui::pos2(beta.left() - 14.0, beta.center().y);
    let target = egui::pos2(alfa.left(), alfa.top() + 2.0);
    h.hover_at(handle);
    h.run_steps(1);
    h.drag_at(handle);
    h.run_steps(1);
    for k in 1..=6 {
        let t = k as f32 / 6.0;
        h.hover_at(handle + (target - handle) * t);
        h.run_steps(1);
    }
    h.drop_at(target);
    h.run_steps(3);
    assert_eq!(
        titles(&h)[3..6],
        ["Beta", "Alfa", "Gamma"],
        "dragging Beta above Alfa makes it item 4"
    );
    h.get_by_label(&format!("{r}-004  Beta"));

    // Delete Alfa, then undo from the pane's message.
    h.get_by_label(&format!("{r}-005  Alfa")).click();
    h.run_steps(2);
    h.get_by_label("Slett").click();
    h.run_steps(2);
    assert_eq!(titles(&h)[3..5], ["Beta", "Gamma"]);
    h.get_by_label(&format!("{r}-005  Gamma"));
    h.get_by_label_contains("«Alfa» er slettet");
    h.get_by_label("Angre").click();
    h.run_steps(2);
    assert_eq!(titles(&h)[3..6], ["Beta", "Alfa", "Gamma"]);
    h.get_by_label(&format!("{r}-005  Alfa"));
    common::settle(&mut h);
    drop(h);

    // What the user built is in the database.
    let store = reopen(&path);
    let id = store
        .list_meetings()
        .unwrap()
        .into_iter()
        .find(|m| m.reference == r)
        .unwrap()
        .id;
    let stored: Vec<String> = store
        .load_meeting(id)
        .unwrap()
        .meeting
        .items
        .into_iter()
        .map(|i| i.title)
        .collect();
    assert_eq!(
        stored,
        [
            STANDARD[0],
            STANDARD[1],
            STANDARD[2],
            "Beta",
            "Alfa",
            "Gamma",
            STANDARD[3],
            STANDARD[4]
        ]
    );
}

#[test]
fn after_the_notice_case_numbers_are_frozen_and_changes_are_marked() {
    let mut h = common::app_harness();
    let r = create_meeting(&mut h);
    h.get_by_label("Send innkalling …").click();
    h.run_steps(2);
    h.get_by_label("Marker som sendt").click();
    common::settle(&mut h);
    let status = h.state().core.open.as_ref().unwrap().record.meeting.status;
    assert_eq!(status, motebok::model::MeetingStatus::NoticeSent);

    // Moving a noticed item is refused: Alt+↓ on item 1 changes nothing.
    h.get_by_label(&format!("{r}-001  {}", STANDARD[0])).click();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run_steps(2);
    assert_eq!(titles(&h), STANDARD);
    // The rule holds below the pane too: deleting a noticed item by command is refused, said why.
    h.state_mut().core.run(vec![motebok::app::Command::Edit(
        motebok::model::Edit::DeleteItem { item: 1 },
    )]);
    common::settle(&mut h);
    assert_eq!(titles(&h), STANDARD);
    h.get_by_label_contains("Saksnumrene er låst etter at innkallingen er sendt");

    // A new item goes to the end and is marked; changing a noticed item marks it too.
    h.get_by_label("+ Ny sak").click();
    h.run_steps(2);
    h.get_by_label(&format!("{r}-006  Ny sak"));
    h.get_by_label_contains("Ny etter innkallingen");
    h.get_by_label(&format!("{r}-002  {}", STANDARD[1])).click();
    h.run_steps(2);
    retitle(&mut h, "Godkjenning av møtereferat fra 12.6.2024");
    common::settle(&mut h);
    h.get_by_label_contains("Endret etter innkallingen: tittel");
    h.get_by_label_contains("2 endring(er) etter innkallingen");
}

#[test]
fn a_case_added_by_keyboard_lands_after_the_selected_one_with_its_title_focused() {
    let (mut h, _path) = common::app_harness_at();
    let r = create_meeting(&mut h);
    // The second case selected: Ctrl+Enter puts the new one third, its title ready for typing.
    h.get_by_label(&format!("{r}-002  {}", STANDARD[1])).click();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    common::settle(&mut h);
    h.get_by_label("Tittel").type_text("Budsjett 2025");
    h.run_steps(2);
    common::settle(&mut h);
    assert_eq!(titles(&h)[2], "Budsjett 2025");

    // Eventuelt selected: the new case still goes before Orienteringssaker and Eventuelt.
    h.key_press(Key::Escape);
    h.run_steps(2);
    h.get_by_label(&format!("{r}-006  {}", STANDARD[4])).click();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    common::settle(&mut h);
    h.get_by_label("Tittel").type_text("Ny avtale");
    h.run_steps(2);
    common::settle(&mut h);
    let t = titles(&h);
    assert_eq!(&t[4..], ["Ny avtale", STANDARD[3], STANDARD[4]]);

    // Alt+Delete deletes the selected case (with undo offered).
    h.key_press(Key::Escape);
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::ALT, Key::Delete);
    common::settle(&mut h);
    assert!(!titles(&h).iter().any(|t| t == "Ny avtale"));
    h.get_by_label_contains("«Ny avtale» er slettet.");
}

#[test]
fn f1_and_the_help_menu_list_every_shortcut_in_both_languages() {
    let mut h = common::app_harness();
    h.get_by_label("Saksliste").click();
    common::settle(&mut h);
    h.key_press(Key::F1);
    h.run_steps(3);
    h.get_by_label("Hurtigtaster");
    // Every pane's keys are there, each with what it does.
    let shown =
        |h: &Harness<'_, MotebokApp>, label: &str| h.query_all_by_label(label).next().is_some();
    for (_, keys, what) in motebok::ui::all_shortcuts(motebok::i18n::Lang::Nb) {
        assert!(shown(&h, keys), "{keys}");
        assert!(shown(&h, what), "{what}");
    }
    for keys in [
        "F5",
        "Ctrl+Enter",
        "Alt+Delete",
        "Alt+N",
        "Alt+→ / Alt+←",
        "T",
        "Ctrl+B",
    ] {
        assert!(shown(&h, keys), "{keys}");
    }
    h.key_press(Key::F1);
    h.run_steps(3);
    assert!(
        h.query_by_label("Hurtigtaster").is_none(),
        "F1 again closes it"
    );

    // In English, from the Help menu.
    h.state_mut().persisted.lang = motebok::i18n::Lang::En;
    h.run_steps(2);
    h.get_by_label("Help").click();
    h.run_steps(2);
    h.get_by_label_contains("Keyboard shortcuts").click();
    h.run_steps(3);
    h.get_by_label("Keyboard shortcuts");
    h.get_by_label("Meeting mode on/off, from any pane, at the item the meeting is at");
    h.get_by_label("Minutes (meeting mode)");
    assert!(
        h.query_by_label("Møtemodus på/av, fra alle paneler, ved saken møtet er på")
            .is_none()
    );
}
