//! Every action answers, and a new action's answer replaces the last one's: an export that
//! fails says so; the next export's message replaces that error, so an old message is never
//! taken for the answer to a new action.

mod common;

use motebok::app::{Command, NoticeLevel};
use motebok::i18n::Lang;

#[test]
fn a_new_action_replaces_the_last_ones_message() {
    let (mut h, path) = common::app_harness_at();
    let dir = path.parent().expect("the database's folder").to_path_buf();

    // A folder that does not exist: the export fails, and says where.
    let bad = dir.join("finnes-ikke").join("møte.motebok.json");
    h.state_mut().core.run(vec![Command::Export(bad.clone())]);
    common::settle(&mut h);
    let notices = &h.state().core.notices;
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(notices[0].level, NoticeLevel::Error);
    assert!(notices[0].detail.contains("finnes-ikke"), "{notices:?}");

    // The next export: its answer alone is shown, in the user's language.
    let good = dir.join("møte.motebok.json");
    h.state_mut().core.run(vec![Command::Export(good.clone())]);
    common::settle(&mut h);
    let notices = &h.state().core.notices;
    assert_eq!(notices.len(), 1, "the old error is gone: {notices:?}");
    assert_eq!(notices[0].level, NoticeLevel::Info);
    assert_eq!(
        notices[0].title.text(Lang::En),
        "The meeting package is exported"
    );
    assert!(good.exists());
}

/// Where the system's file dialog cannot open (no desktop portal, no zenity), "Eksporter PDF …"
/// opens a dialog inside the window; the path typed there gets the PDF and the message.
#[test]
fn export_pdf_without_a_native_dialog_asks_inside_the_window() {
    use egui_kittest::kittest::Queryable;
    let (mut h, path) = common::app_harness_at();
    // As where no portal and no zenity exist.
    motebok::ui::use_window_dialog(&h.ctx);
    h.get_by_label("Rapport").click();
    common::settle(&mut h);
    h.get_by_label("Eksporter PDF …").click();
    h.run_steps(2);
    h.get_by_label("Lagre som");
    let pdf = path.parent().unwrap().join("eksport fra vinduet.pdf");
    let field = h.get_by_label("Filsti");
    field.focus();
    h.run_steps(1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.event(egui::Event::Text(pdf.display().to_string()));
    h.run_steps(2);
    h.get_by_label("Lagre").click();
    h.run_steps(2);
    assert!(h.query_by_label("Lagre som").is_none(), "the dialog closed");
    let deadline = std::time::Instant::now() + std::time::Duration::from_mins(1);
    while !pdf.exists() || !h.state().core.rapport.is_idle() {
        assert!(
            std::time::Instant::now() < deadline,
            "the PDF was not written"
        );
        h.run_steps(1);
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.run_steps(2);
    let notice = h.state().core.notices.last().expect("a message");
    assert_eq!(notice.title, "PDF-en er lagret");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
}

/// "Importer møtepakke …" without a system dialog: a missing file is refused in the dialog with
/// its path; an existing package is imported.
#[test]
fn import_without_a_native_dialog_asks_inside_the_window() {
    use egui::{Event, Key, Modifiers};
    use egui_kittest::kittest::Queryable;
    let (mut h, path) = common::app_harness_at();
    motebok::ui::use_window_dialog(&h.ctx);
    let dir = path.parent().unwrap().to_path_buf();
    let package = dir.join("pakke.motebok.json");
    h.state_mut()
        .core
        .run(vec![Command::Export(package.clone())]);
    common::settle(&mut h);
    assert!(package.exists());

    let type_path = |h: &mut egui_kittest::Harness<'static, motebok::ui::MotebokApp>,
                     p: &std::path::Path| {
        h.get_by_label("Filsti").focus();
        h.run_steps(1);
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.event(Event::Text(p.display().to_string()));
        h.run_steps(2);
        h.get_by_label("Åpne").click();
        h.run_steps(2);
    };
    h.get_by_label("Fil").click();
    h.run_steps(2);
    h.get_by_label("Importer møtepakke …").click();
    h.run_steps(2);
    h.get_by_label("Åpne fil");
    type_path(&mut h, &dir.join("finnes-ikke.json"));
    h.get_by_label_contains("Filen finnes ikke:");
    type_path(&mut h, &package);
    assert!(h.query_by_label("Åpne fil").is_none(), "the dialog closed");
    common::settle(&mut h);
    // The same meeting exists: the app asks before replacing it — the import was carried out.
    assert!(
        h.state().core.confirm_replace.is_some(),
        "{:?}",
        h.state().core.notices
    );
}
