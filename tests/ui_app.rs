//! The real app under `egui_kittest`: it opens on the demo data, lists the demo meeting,
//! shows its agenda, and every pane can be reached.

mod common;

use egui_kittest::kittest::Queryable;

#[test]
fn opens_on_the_demo_meeting_with_its_agenda() {
    let h = common::app_harness();
    h.get_by_label_contains("2024/M4   12.06.2024");
    // The Saksliste pane is the first tab: all seven case numbers are listed.
    for n in 1..=7 {
        h.get_by_label_contains(&format!("2024/M4-00{n}"));
    }
    h.get_by_label_contains("Felles arkivtjeneste for ROR-kommunene");
}

#[test]
fn each_pane_can_be_reached() {
    let mut h = common::app_harness();
    h.get_by_label("Referat").click();
    common::settle(&mut h);
    // The minutes pane shows the decisions.
    h.get_by_label_contains("Sakene tas til orientering");

    h.get_by_label("Oppmøte").click();
    common::settle(&mut h);
    h.get_by_label("Spilling, Thormod");
    h.get_by_label("Forfall");

    h.get_by_label("Rapport").click();
    common::settle(&mut h);
    h.get_by_label_contains("Møtereferat · 2024/M4");

    h.get_by_label("Saksliste").click();
    common::settle(&mut h);
    h.get_by_label_contains("2024/M4-007");
}

#[test]
fn a_new_meeting_can_be_created_and_is_stored() {
    let mut h = common::app_harness();
    h.get_by_label("+ Nytt møte").click();
    common::settle(&mut h);
    // The next number in the body's year is proposed from the meetings it has.
    h.get_by_label("Opprett").click();
    common::settle(&mut h);
    let core = &h.state().core;
    let open = core.open.as_ref().expect("the new meeting is opened");
    assert_eq!(open.record.body.name, "Samarbeidsrådet for ROR-IKT");
    // It starts with the body's standard items (the agenda builder, tests/agenda_*.rs).
    assert_eq!(open.record.meeting.items.len(), 5);
    assert_eq!(open.record.meeting.items[4].title, "Eventuelt");
    assert_eq!(core.meetings.len(), 2, "the list shows the new meeting");
}

#[test]
fn the_about_window_shows_the_version_and_where_the_data_is() {
    let (mut h, db) = common::app_harness_at();
    assert_eq!(h.query_all_by_label(&db.display().to_string()).count(), 1);
    h.get_by_label("Hjelp").click();
    h.run_steps(2);
    h.get_by_label("Om Møtebok").click();
    h.run_steps(2);
    h.get_by_label(&format!("Møtebok {}", env!("CARGO_PKG_VERSION")));
    // The status bar names the database too; the About window names it once more.
    assert_eq!(h.query_all_by_label(&db.display().to_string()).count(), 2);
    let backups = db.parent().unwrap().join("backups");
    h.get_by_label(&backups.display().to_string());
    h.get_by_label("Signeringsidentiteter");
}
