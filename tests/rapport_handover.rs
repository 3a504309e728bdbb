//! "Til arkivet …" and "Til eInnsyn …" in the Rapport pane of the real app: shown for approved
//! minutes only, run on the database thread through the app's commands, and the message shows
//! what was written; before approval the same commands are refused with the reason.

mod common;

use egui_kittest::kittest::Queryable;
use motebok::app::Command;
use motebok::app::rapport::RapportCommand;
use motebok::model::Edit;

#[test]
fn the_approval_section_lists_what_the_minutes_lack_and_warns_before_approving() {
    let mut h = common::app_harness();
    h.get_by_label("Rapport").click();
    common::settle(&mut h);
    // The demo meeting (with its members) is complete.
    h.get_by_label("Kontroll: referatet har det kommuneloven § 11-4 krever.");

    h.state_mut()
        .core
        .run(vec![Command::Edit(Edit::SetPlace(String::new()))]);
    common::settle(&mut h);
    h.run_steps(2);
    h.get_by_label("Mangler i referatet (1)");
    h.get_by_label("• Møtet: sted mangler");
    assert!(
        h.query_by_label("Kontroll: referatet har det kommuneloven § 11-4 krever.")
            .is_none()
    );

    h.get_by_label("Godkjenn referatet …").click();
    h.run_steps(2);
    h.get_by_label("Referatet mangler det som står over. Godkjenne likevel?");
}

#[test]
fn approved_minutes_go_to_the_archive_and_einnsyn_from_the_window() {
    let mut h = common::app_harness();
    h.get_by_label("Rapport").click();
    common::settle(&mut h);
    assert!(h.query_by_label("Til arkivet …").is_none());
    assert!(h.query_by_label("Til eInnsyn …").is_none());

    // Not approved yet: refused, nothing written.
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("arkiv");
    h.state_mut()
        .core
        .run(vec![Command::Rapport(RapportCommand::ArchiveExport(
            archive.clone(),
        ))]);
    common::settle(&mut h);
    let notice = h.state().core.notices.last().expect("a message");
    assert_eq!(notice.title, "Kunne ikke skrive til arkivet");
    assert!(notice.detail.contains("not approved"), "{}", notice.detail);
    assert!(!archive.exists());

    h.state_mut()
        .core
        .run(vec![Command::Rapport(RapportCommand::Approve { by: None })]);
    common::settle(&mut h);
    h.run_steps(2);
    h.get_by_label("Til arkivet …");
    h.get_by_label("Til eInnsyn …");

    h.state_mut()
        .core
        .run(vec![Command::Rapport(RapportCommand::ArchiveExport(
            archive.clone(),
        ))]);
    common::settle(&mut h);
    let notice = h.state().core.notices.last().expect("a message");
    assert_eq!(
        notice.title, "Arkivmeldingene er skrevet",
        "{}",
        notice.detail
    );
    assert!(
        notice
            .detail
            .contains("01-moetemappe/arkivmelding.xml + innkalling-2024-M4.pdf"),
        "{}",
        notice.detail
    );
    assert!(notice.detail.contains("09-moetesak-007/arkivmelding.xml"));
    assert!(
        archive
            .join("02-moeteprotokoll/moteprotokoll-2024-M4.pdf")
            .exists()
    );

    let json = dir.path().join("m.json");
    h.state_mut()
        .core
        .run(vec![Command::Rapport(RapportCommand::PublishExport(
            json.clone(),
        ))]);
    common::settle(&mut h);
    let notice = h.state().core.notices.last().expect("a message");
    assert_eq!(
        notice.title, "eInnsyn-filen er skrevet",
        "{}",
        notice.detail
    );
    assert!(
        notice.detail.contains("Moetemappe 2024/M4 with 7 moetesak"),
        "{}",
        notice.detail
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).expect("the file is JSON");
    assert_eq!(v["entity"], "Moetemappe");
}
