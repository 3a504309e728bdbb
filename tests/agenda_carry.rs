//! A new meeting carries what the previous one left: the previous meeting's date goes into
//! the proposed decision of "Godkjenning av møtereferat", and items postponed in the previous
//! meeting come onto the new agenda with a reference to where they came from. Also: the next
//! number in the year, the last place, and the body's own standard items.

mod common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use motebok::model::agenda::{ItemTemplate, TemplatePresenter, default_template};
use motebok::model::{ItemKind, Outcome};
use motebok::store::Store;
use motebok::ui::MotebokApp;

/// The demo database with item 5 of 2024/M4 postponed, and a custom standard-items template
/// when `template` is given; then the real app on it.
fn app_with_postponed_item(template: Option<Vec<ItemTemplate>>) -> Harness<'static, MotebokApp> {
    let (dir, path) = common::temp_db();
    let _ = dir.keep();
    {
        let mut store = Store::open(&path).unwrap();
        motebok::app::demo::seed_if_empty(&mut store).unwrap();
        let id = store.list_meetings().unwrap()[0].id;
        let mut m = store.load_meeting(id).unwrap().meeting;
        m.items[4].outcome = Some(Outcome::Postponed);
        m.items[4].decision = Some("Saken flyttes til neste møte".into());
        m.items[4].description = Some("Saken gjelder anskaffelse av eByggesak.".into());
        store.save_meeting(id, &m).unwrap();
        if let Some(t) = template {
            store
                .save_item_template("Samarbeidsrådet for ROR-IKT", &t)
                .unwrap();
        }
    }
    let (store, problem) = motebok::app::startup::open_for_window(&path).unwrap();
    let mut h = Harness::builder()
        .with_size([1280.0, 900.0])
        .build_eframe(move |cc| MotebokApp::new(cc, store, problem));
    common::settle(&mut h);
    h
}

/// Opens the new-meeting dialog for 2024 and creates the meeting.
fn create_2024_meeting(h: &mut Harness<'_, MotebokApp>) {
    h.get_by_label("+ Nytt møte").click();
    common::settle(h);
    h.state_mut().runtime.new_meeting.as_mut().unwrap().year = 2024;
    common::settle(h);
    h.run_steps(2);
    common::settle(h);
    // The proposal names the previous meeting.
    h.get_by_label_contains("forrige: 2024/M4 (12.6.2024)");
    h.get_by_label_contains("Anskaffelse av eByggesak for Hustadvika (utsatt fra 2024/M4-005)");
    h.get_by_label("Opprett").click();
    common::settle(h);
}

#[test]
fn previous_minutes_date_and_postponed_items_carry_into_a_new_meeting() {
    let mut h = app_with_postponed_item(None);
    create_2024_meeting(&mut h);
    let open = h
        .state()
        .core
        .open
        .as_ref()
        .expect("the new meeting is open");
    let m = &open.record.meeting;
    assert_eq!(
        m.reference.to_string(),
        "2024/M5",
        "the next number after 2024/M4"
    );
    assert_eq!(
        m.place, "Del (Storgata 33, 3.etg)",
        "the last place used is offered"
    );
    assert_eq!(m.chair.as_ref().map(|p| p.0.as_str()), Some("aasen-ms"));
    assert_eq!(
        m.referent.as_ref().map(|p| p.0.as_str()),
        Some("kristengard-mk")
    );
    // Summoned: the body's members on the date (Hovdenak left at the end of 2023).
    assert!(m.attendance.iter().any(|a| a.person.0 == "ersvik-ps"));
    assert!(!m.attendance.iter().any(|a| a.person.0 == "hovdenak-t"));

    let titles: Vec<&str> = m.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Godkjenning av innkalling og saksliste",
            "Godkjenning av møtereferat",
            "Økonomi- og aktivitetsrapport",
            "Anskaffelse av eByggesak for Hustadvika",
            "Orienteringssaker",
            "Eventuelt",
        ]
    );
    assert_eq!(
        m.items[1].proposed_decision.as_deref(),
        Some("Møtereferatet fra møtet 12.6.2024 godkjennes.")
    );
    let carried = &m.items[3];
    assert_eq!(
        carried.postponed_from.map(|c| c.to_string()).as_deref(),
        Some("2024/M4-005")
    );
    assert_eq!(
        carried.description.as_deref(),
        Some("Saken gjelder anskaffelse av eByggesak.")
    );
    assert_eq!(
        carried.decision, None,
        "what the old meeting decided stays there"
    );
    assert_eq!(carried.outcome, None);
    assert_eq!(carried.presenters[0].0, "gjortz-f");
    // The list shows where it came from.
    h.get_by_label("2024/M5-004  Anskaffelse av eByggesak for Hustadvika");
    h.get_by_label("Utsatt fra 2024/M4-005");

    // Nothing more to offer: the postponed item is already on the agenda.
    assert!(
        h.query_by_label_contains("Utsatte saker fra 2024/M4")
            .is_none()
    );
}

#[test]
fn a_postponed_item_left_out_is_offered_on_the_agenda() {
    let mut h = app_with_postponed_item(None);
    h.get_by_label("+ Nytt møte").click();
    common::settle(&mut h);
    h.state_mut().runtime.new_meeting.as_mut().unwrap().year = 2024;
    common::settle(&mut h);
    h.run_steps(2);
    common::settle(&mut h);
    // Untick the postponed item in the dialog.
    h.get_by_label_contains("(utsatt fra 2024/M4-005)").click();
    h.run_steps(2);
    h.get_by_label("Opprett").click();
    common::settle(&mut h);
    assert_eq!(
        h.state()
            .core
            .open
            .as_ref()
            .unwrap()
            .record
            .meeting
            .items
            .len(),
        5
    );
    // The pane offers it, and adding it puts it before orienteringssaker.
    h.get_by_label("Utsatte saker fra 2024/M4 (1)").click();
    h.run_steps(2);
    h.get_by_label_contains("Legg til Anskaffelse av eByggesak")
        .click();
    common::settle(&mut h);
    let m = &h.state().core.open.as_ref().unwrap().record.meeting;
    assert_eq!(m.items[3].title, "Anskaffelse av eByggesak for Hustadvika");
    assert_eq!(
        m.items[3].postponed_from.unwrap().to_string(),
        "2024/M4-005"
    );
    assert_eq!(m.items[4].title, "Orienteringssaker");
}

#[test]
fn the_bodys_own_standard_items_are_used() {
    let mut template = default_template();
    template.remove(2);
    template.insert(
        2,
        ItemTemplate {
            title: "Status fra {organ}".into(),
            kind: ItemKind::Information,
            presenters: vec![TemplatePresenter::Person("gjortz-f".into())],
            description: None,
            proposed_decision: Some("Saken tas til orientering.".into()),
            planned_minutes: Some(20),
            after_cases: false,
        },
    );
    let mut h = app_with_postponed_item(Some(template));
    create_2024_meeting(&mut h);
    let m = &h.state().core.open.as_ref().unwrap().record.meeting;
    assert_eq!(m.items[2].title, "Status fra Samarbeidsrådet for ROR-IKT");
    assert_eq!(m.items[2].presenters[0].0, "gjortz-f");
    assert_eq!(m.items[2].planned_minutes, Some(20));
}
