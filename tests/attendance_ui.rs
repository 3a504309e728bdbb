//! The Oppmøte pane of the real app: statuses by keyboard, a deputy, people added by name,
//! a late arrival and an early departure, and the quorum and minutes lines following along.

mod common;

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use motebok::model::{AttendanceStatus, PersonId};
use motebok::ui::MotebokApp;

fn status(h: &Harness<'_, MotebokApp>, key: &str) -> (AttendanceStatus, Option<PersonId>) {
    let open = h.state().core.open.as_ref().expect("a meeting is open");
    let row = open
        .record
        .meeting
        .attendance
        .iter()
        .find(|a| a.person.as_str() == key)
        .unwrap_or_else(|| panic!("{key} is not on the list"));
    (row.status, row.deputy_for.clone())
}

fn press(h: &mut Harness<'_, MotebokApp>, key: Key) {
    h.key_press(key);
    h.run_steps(2);
}

/// Clicks a row of the summoned list by its name, which gives the list the keyboard.
fn click_row(h: &mut Harness<'_, MotebokApp>, name: &str) {
    h.get_by_label(name).click();
    h.run_steps(3);
}

/// Moves the shared item selection with the pane's ▶/◀ buttons until item `n` is shown.
fn select_item(h: &mut Harness<'_, MotebokApp>, n: u32) {
    for _ in 0..10 {
        let current = h.state().runtime.selected_item.unwrap_or(1);
        if current == n {
            return;
        }
        h.get_by_label(if current < n { "▶" } else { "◀" }).click();
        h.run_steps(2);
    }
    panic!("could not select item {n}");
}

#[test]
fn statuses_by_keyboard_a_deputy_and_a_late_arrival_update_quorum_and_minutes_lines() {
    let (mut h, path) = common::app_harness_at();
    h.get_by_label("Oppmøte").click();
    common::settle(&mut h);
    h.get_by_label_contains("✔ Vedtaksført (5 av 5)");
    // The demo meeting's list as recorded: Spilling sent apologies.
    h.get_by_label("Spilling, Thormod");
    h.get_by_label("Forfall");

    // One key per person: the list moves on after each.
    click_row(&mut h, "Langøy, Gerd Marit");
    press(&mut h, Key::F);
    press(&mut h, Key::I);
    press(&mut h, Key::F);
    assert_eq!(status(&h, "langoy-gm").0, AttendanceStatus::Absent);
    assert_eq!(status(&h, "ersvik-ps").0, AttendanceStatus::AbsentNoNotice);
    assert_eq!(status(&h, "skalhavn-k").0, AttendanceStatus::Absent);
    h.run_steps(2);
    h.get_by_label_contains("Ikke vedtaksført (2 av 5, krever 3)");
    h.get_by_label("Forfall: Langøy, Gerd Marit; Skålhavn, Kristian; Spilling, Thormod");
    h.get_by_label("Ikke møtt: Ersvik, Per Sverre");

    // Add a known person and a new one by name.
    h.get_by_label("Legg til innkalte").click();
    h.run_steps(2);
    for name in ["Sjøholt, Britt", "Nordmann, Kari"] {
        h.get_by_label("Ny person").click();
        h.run_steps(1);
        h.get_by_label("Ny person").type_text(name);
        h.run_steps(1);
        h.get_by_label("Legg til og kall inn").click();
        common::settle(&mut h);
    }
    assert_eq!(status(&h, "sjoholt-b").0, AttendanceStatus::Summoned);
    assert_eq!(
        status(&h, "nordmann-k").0,
        AttendanceStatus::Summoned,
        "a new person gets a key made from the name"
    );

    // Sjøholt meets as deputy for Langøy: V, then Enter on the first member offered.
    click_row(&mut h, "Sjøholt, Britt");
    press(&mut h, Key::V);
    h.get_by_label("1  Langøy, Gerd Marit");
    press(&mut h, Key::Enter);
    assert_eq!(
        status(&h, "sjoholt-b"),
        (AttendanceStatus::Deputy, Some(PersonId("langoy-gm".into())))
    );
    h.run_steps(2);
    h.get_by_label_contains("✔ Vedtaksført (3 av 5)");
    h.get_by_label_contains("Sjøholt, Britt (vara for Gerd Marit Langøy)");

    // Ulvestad leaves after item 4: item 5 loses the quorum, item 4 keeps it.
    select_item(&mut h, 4);
    click_row(&mut h, "Ulvestad, Perry Helge");
    press(&mut h, Key::G);
    h.run_steps(2);
    h.get_by_label_contains("✔ Vedtaksført (3 av 5)");
    select_item(&mut h, 5);
    h.get_by_label_contains("Ikke vedtaksført (2 av 5, krever 3) — tapt etter sak M4-004");

    // Ersvik comes late, at item 5: the quorum is back there, and the minutes say so.
    click_row(&mut h, "Ersvik, Per Sverre");
    press(&mut h, Key::A);
    assert_eq!(status(&h, "ersvik-ps").0, AttendanceStatus::Present);
    h.run_steps(2);
    h.get_by_label_contains("✔ Vedtaksført (3 av 5)");
    h.get_by_label_contains("Ersvik, Per Sverre (fra sak 2024/M4-005 kl. ");
    h.get_by_label_contains("Ulvestad, Perry Helge (til og med sak 2024/M4-004 kl. ");
    select_item(&mut h, 3);
    h.get_by_label_contains("✔ Vedtaksført (3 av 5)");
    common::settle(&mut h);
    drop(h);

    // Everything is in the database.
    let store = common::reopen(&path);
    let id = store.list_meetings().unwrap()[0].id;
    let record = store.load_meeting(id).unwrap();
    let row = |key: &str| {
        record
            .meeting
            .attendance
            .iter()
            .find(|a| a.person.as_str() == key)
            .unwrap()
            .clone()
    };
    assert_eq!(row("ersvik-ps").arrived_item, Some(5));
    assert!(row("ersvik-ps").arrived.is_some());
    assert_eq!(row("ulvestad-ph").left_after_item, Some(4));
    assert_eq!(
        row("sjoholt-b").deputy_for,
        Some(PersonId("langoy-gm".into()))
    );
    assert_eq!(row("nordmann-k").status, AttendanceStatus::Summoned);
    assert_eq!(
        record.name_of(&PersonId("nordmann-k".into())),
        "Nordmann, Kari"
    );
}

#[test]
fn a_disqualification_is_recorded_for_the_item_in_focus() {
    let mut h = common::app_harness();
    h.get_by_label("Oppmøte").click();
    common::settle(&mut h);
    select_item(&mut h, 4);
    // Only three members present, so one disqualified member costs the quorum.
    click_row(&mut h, "Ersvik, Per Sverre");
    press(&mut h, Key::F);
    press(&mut h, Key::F);
    h.get_by_label_contains("✔ Vedtaksført (3 av 5)");

    h.get_by_value("(velg person)").click();
    h.run_steps(2);
    h.get_by_role_and_label(egui::Role::Button, "Langøy, Gerd Marit")
        .click();
    h.run_steps(2);
    h.get_by_label("Grunn").click();
    h.run_steps(1);
    h.get_by_label("Grunn").type_text("fvl. § 6 første ledd");
    h.run_steps(1);
    h.get_by_label("Inhabil").click();
    h.run_steps(3);
    let open = h.state().core.open.as_ref().unwrap();
    let d = &open.record.meeting.disqualifications;
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].person.as_str(), d[0].item), ("langoy-gm", 4));
    h.get_by_label_contains("Ikke vedtaksført (2 av 5, krever 3)");
    h.get_by_label("Langøy, Gerd Marit — fvl. § 6 første ledd");
    h.get_by_label_contains("Inhabil i sak 2024/M4-004: Langøy, Gerd Marit (inhabil, fvl. § 6");
    // The next item has the quorum again.
    select_item(&mut h, 5);
    h.get_by_label_contains("✔ Vedtaksført (3 av 5)");
}

#[test]
fn the_quorum_rule_is_set_for_the_body_and_judged_at_once() {
    let (mut h, path) = common::app_harness_at();
    h.get_by_label("Oppmøte").click();
    common::settle(&mut h);
    // Four of five members: enough for "at least half" and for "more than half", but not
    // for a fixed five.
    click_row(&mut h, "Ersvik, Per Sverre");
    press(&mut h, Key::F);
    h.get_by_label_contains("✔ Vedtaksført (4 av 5)");

    h.get_by_label("Regel:").click();
    h.run_steps(2);
    h.get_by_role_and_label(egui::Role::Button, "Fast antall medlemmer …")
        .click();
    common::settle(&mut h);
    assert_eq!(
        h.state().core.open.as_ref().unwrap().record.body.quorum,
        motebok::model::QuorumRule::Count(3),
        "a fixed number starts at half the members, rounded up"
    );
    h.get_by_label("Antall medlemmer").click();
    h.run_steps(1);
    h.get_by_label("Antall medlemmer").type_text("5");
    h.key_press(Key::Enter);
    common::settle(&mut h);
    h.get_by_label_contains("Ikke vedtaksført (4 av 5, krever 5)");
    drop(h);

    let store = common::reopen(&path);
    assert_eq!(
        store.quorum_rule("Samarbeidsrådet for ROR-IKT").unwrap(),
        motebok::model::QuorumRule::Count(5)
    );
}
