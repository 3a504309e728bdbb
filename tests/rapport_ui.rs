//! The Rapport pane in the real app: the preview shows the document's pages, an export writes
//! the same pages as PDF, approving locks the meeting in the window and in the database.

mod common;
mod tools;

use egui_kittest::kittest::{NodeT as _, Queryable};
use motebok::app::Command;
use motebok::app::rapport::{RapportCommand, RapportDoc};
use motebok::model::{Edit, MeetingStatus};

fn preview_pages(h: &egui_kittest::Harness<'_, motebok::ui::MotebokApp>) -> usize {
    let p = h
        .state()
        .core
        .rapport
        .preview
        .as_ref()
        .expect("a preview was made");
    p.document.pages.len()
}

#[test]
fn the_preview_follows_the_chosen_document_and_the_draft_mark_follows_the_status() {
    let mut h = common::app_harness();
    h.get_by_label("Rapport").click();
    common::settle(&mut h);
    h.get_by_label_contains("Møtereferat · 2024/M4");
    let pages = preview_pages(&h);
    assert!(pages >= 2, "the demo minutes have several pages");
    h.get_by_label(&format!("{pages} sider"));
    let draft = h.state().core.rapport.preview.as_ref().unwrap();
    assert_eq!(draft.doc, RapportDoc::Minutes);
    let has_watermark = |doc: &motebok::report::Document| {
        doc.pages.iter().any(|p| {
            p.ops.iter().any(|op| {
                matches!(op, motebok::report::Op::RotatedText { text, .. } if text == "UTKAST")
            })
        })
    };
    assert!(has_watermark(&draft.document), "a draft is marked UTKAST");

    h.get_by_label("Innkalling").click();
    common::settle(&mut h);
    h.get_by_label_contains("Innkalling · 2024/M4");
    assert_eq!(
        h.state().core.rapport.preview.as_ref().unwrap().doc,
        RapportDoc::Notice
    );

    // Approve from the pane: confirm, and the window shows the meeting locked.
    h.get_by_label("Møtereferat").click();
    h.get_by_label("Godkjenn referatet …").click();
    h.run_steps(2);
    h.get_by_label("Godkjenn nå").click();
    common::settle(&mut h);
    h.run_steps(4);
    common::settle(&mut h);
    h.get_by_label("Låst");
    let open = h.state().core.open.as_ref().unwrap();
    assert_eq!(open.record.meeting.status, MeetingStatus::Approved);
    let approved = h.state().core.rapport.preview.as_ref().unwrap();
    assert!(
        !has_watermark(&approved.document),
        "approved minutes are not marked UTKAST"
    );

    // An edit is refused in the window.
    h.state_mut()
        .core
        .run(vec![Command::Edit(Edit::SetPlace("Et annet sted".into()))]);
    common::settle(&mut h);
    assert_ne!(
        h.state().core.open.as_ref().unwrap().record.meeting.place,
        "Et annet sted"
    );
}

#[test]
fn an_export_writes_the_previewed_pages_as_pdf_without_blocking_the_window() {
    let mut h = common::app_harness();
    h.get_by_label("Rapport").click();
    common::settle(&mut h);
    let pages = preview_pages(&h);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("referat.pdf");
    h.state_mut()
        .core
        .run(vec![Command::Rapport(RapportCommand::Export {
            doc: RapportDoc::Minutes,
            path: path.clone(),
        })]);
    // The export runs on its own thread: the next frame draws at once with its progress.
    assert!(h.state().core.rapport.export.is_some());
    h.run_steps(1);
    common::settle(&mut h);
    assert!(h.state().core.rapport.export.is_none());
    let bytes = std::fs::read(&path).expect("the PDF was written");
    assert!(bytes.starts_with(b"%PDF-"));
    let notice = h.state().core.notices.last().expect("a message");
    assert_eq!(notice.title, "PDF-en er lagret");
    assert_eq!(
        notice.title.text(motebok::i18n::Lang::En),
        "The PDF is saved",
        "the headline in English too"
    );
    assert!(
        notice.detail.contains(&path.display().to_string()),
        "{}",
        notice.detail
    );
    tools::require(&["pdfinfo"]);
    let out = std::process::Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo runs");
    let info = String::from_utf8_lossy(&out.stdout);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Pages:") && l.trim_end().ends_with(&pages.to_string())),
        "{info}"
    );
}

#[test]
fn approving_in_the_window_is_stored_and_the_database_keeps_the_lock() {
    let (mut h, path) = common::app_harness_at();
    h.get_by_label("Rapport").click();
    common::settle(&mut h);
    h.get_by_label("Godkjenn referatet …").click();
    h.run_steps(2);
    h.get_by_label("Godkjenn nå").click();
    common::settle(&mut h);
    let id = h.state().core.open.as_ref().unwrap().id;
    drop(h);
    let store = common::reopen(&path);
    let state = store.approval_state(id).unwrap();
    assert_eq!(state.status, MeetingStatus::Approved);
    assert_eq!(
        state.approval.unwrap().approved_by.as_deref(),
        Some("Aasen, Marianne Stokkereit"),
        "the chair is proposed as approver"
    );
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    assert!(
        conn.execute("UPDATE items SET decision = 'x' WHERE number = 1", [])
            .is_err()
    );
}

#[test]
fn a_meeting_marked_held_afterwards_can_be_approved() {
    let (mut h, path) = common::app_harness_at();
    // Minutes taken, but the meeting never marked held: approval is refused.
    h.state_mut().core.run(vec![Command::Edit(Edit::SetStatus(
        MeetingStatus::NoticeSent,
    ))]);
    common::settle(&mut h);
    h.get_by_label("Rapport").click();
    common::settle(&mut h);
    assert!(
        h.get_by_label("Godkjenn referatet …")
            .accesskit_node()
            .is_disabled(),
        "not held: no approval"
    );
    h.get_by_label("Merk møtet som holdt").click();
    common::settle(&mut h);
    h.get_by_label("Godkjenn referatet …").click();
    h.run_steps(2);
    h.get_by_label("Godkjenn nå").click();
    common::settle(&mut h);
    let id = h.state().core.open.as_ref().unwrap().id;
    drop(h);
    let store = common::reopen(&path);
    assert_eq!(
        store.approval_state(id).unwrap().status,
        MeetingStatus::Approved
    );
}
