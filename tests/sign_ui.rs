//! The Rapport pane shows who must sign, who has signed and when, and the stored signed PDF
//! checked as `motebok verify` checks it; approved minutes are signed from it.
// One test sets MOTEBOK_CONFIG_DIR (the identities' folder); no other test here reads it.
#![allow(unsafe_code)]

mod common;
mod sign_support;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use motebok::sign::sign_meeting;
use motebok::store::Store;
use motebok::ui::MotebokApp;
use sign_support::{approved_demo, chair, now, referent};

fn app_on(path: &std::path::Path) -> Harness<'static, MotebokApp> {
    let (store, problem) =
        motebok::app::startup::open_for_window(path).expect("the database opens");
    let mut h = Harness::builder()
        .with_size([1280.0, 900.0])
        .build_eframe(move |cc| MotebokApp::new(cc, store, problem));
    common::settle(&mut h);
    h
}

#[test]
fn the_rapport_pane_lists_the_signatures_and_checks_the_signed_pdf() {
    let (_dir, path) = common::temp_db();
    {
        let mut store = Store::open(&path).unwrap();
        let id = approved_demo(&mut store);
        sign_meeting(&mut store, id, chair(), now()).unwrap();
    }
    let mut h = app_on(&path);
    h.get_by_label("Rapport").click();
    common::settle(&mut h);
    h.get_by_label("Signaturer");
    h.get_by_label_contains("✔ Møteleder: Marianne Stokkereit Aasen — signert");
    h.get_by_label_contains("… Referent: Mette Kristin Kristengård — venter");
    // One of two has signed: the PDF holds as far as it goes.
    h.get_by_label_contains("✔ Den signerte PDF-en holder så langt");
    h.get_by_label_contains("Signatur 1: Marianne Stokkereit Aasen");
    drop(h);

    {
        let mut store = Store::open(&path).unwrap();
        let id = store.list_meetings().unwrap()[0].id;
        sign_meeting(&mut store, id, referent(), now()).unwrap();
    }
    let mut h = app_on(&path);
    h.get_by_label("Rapport").click();
    common::settle(&mut h);
    h.get_by_label_contains("✔ Referent: Mette Kristin Kristengård — signert");
    h.get_by_label_contains("Signatur 2: Kristengård, Mette Kristin");
    h.get_by_label_contains("gyldig, dekker hele dokumentet");
    // In plain words, with the fingerprints to compare with the published certificates.
    h.get_by_label_contains("✔ Den signerte PDF-en holder: alle signaturer er hele");
    for who in [chair(), referent()] {
        h.get_by_label(&format!(
            "Sertifikatets fingeravtrykk (SHA-256): {}",
            motebok::sign::fingerprint_text(&who.fingerprint())
        ));
    }
    assert_eq!(
        h.query_all_by_label("✔ Underskriveren står i signaturregisteret med dette sertifikatet")
            .count(),
        2
    );

    // The signed minutes are saved from the window as the stored signed bytes.
    h.get_by_label("Lagre det signerte referatet …");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("signert.pdf");
    let id = h.state().core.open.as_ref().unwrap().id;
    h.state_mut().core.run(vec![motebok::app::Command::Signing(
        motebok::app::signing::SigningCommand::ExportSigned(id, out.clone()),
    )]);
    common::settle(&mut h);
    let stored = Store::open_read_only(&path)
        .unwrap()
        .signed_document(id)
        .unwrap()
        .unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), stored);
    let notice = h.state().core.notices.last().expect("a message");
    assert_eq!(notice.title, "Den signerte PDF-en er lagret");
}

#[test]
fn the_rapport_pane_says_in_words_when_a_signer_cannot_be_confirmed() {
    let (_dir, path) = common::temp_db();
    {
        let mut store = Store::open(&path).unwrap();
        let id = approved_demo(&mut store);
        sign_meeting(&mut store, id, chair(), now()).unwrap();
        sign_meeting(&mut store, id, referent(), now()).unwrap();
    }
    // Another database (the archive's, without the register) holding the same signed minutes.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP TRIGGER signatory_register_never_goes; DELETE FROM signatory_register;",
        )
        .unwrap();
    }
    let mut h = app_on(&path);
    h.get_by_label("Rapport").click();
    common::settle(&mut h);
    h.get_by_label_contains("⚠ Signaturene er hele, men ikke alle underskrivere kan bekreftes");
    assert_eq!(
        h.query_all_by_label("⚠ Ikke bekreftet: sertifikatet står ikke i signaturregisteret")
            .count(),
        2
    );
}

/// Types `text` at the end of the field labelled `label`.
fn type_into(h: &mut Harness<'static, MotebokApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run_steps(1);
    h.get_by_label(label).type_text(text);
}

#[test]
fn an_identity_made_in_the_window_signs_the_approved_minutes_with_its_passphrase() {
    let (_dir, path) = common::temp_db();
    let id = {
        let mut store = Store::open(&path).unwrap();
        approved_demo(&mut store)
    };
    let config = tempfile::tempdir().unwrap();
    // SAFETY: set before the app starts; no other test of this binary reads it.
    unsafe { std::env::set_var("MOTEBOK_CONFIG_DIR", config.path()) };

    let mut h = app_on(&path);
    h.get_by_label("Rapport").click();
    common::settle(&mut h);
    h.get_by_label("Signer referatet …").click();
    common::settle(&mut h);
    // No identity yet: make one. The form is never filled in with a signatory's name: the
    // chair types her own.
    h.get_by_label_contains("Ingen signeringsidentitet på denne maskinen ennå");
    h.get_by_label("Ny identitet …").click();
    h.run_steps(2);
    assert_eq!(h.get_by_label("Navn").value().as_deref(), Some(""));
    assert_eq!(h.get_by_label("Rolle").value().as_deref(), Some(""));
    type_into(&mut h, "Navn", "Marianne Stokkereit Aasen");
    type_into(&mut h, "Rolle", "Møteleder");
    type_into(&mut h, "Ny passordfrase", "riktig passord");
    type_into(&mut h, "Gjenta passordfrasen", "riktig passor");
    h.run_steps(2);
    h.get_by_label("Passordfrasene er ulike.");
    type_into(&mut h, "Gjenta passordfrasen", "d");
    h.run_steps(2);
    h.get_by_label("Lag identitet").click();
    common::settle(&mut h);
    h.get_by_label_contains("Signeringsidentiteten er laget");
    let files = std::fs::read_dir(config.path().join("identities"))
        .unwrap()
        .count();
    assert!(files >= 1, "the identity is stored in the config folder");

    // The new identity is chosen; a wrong passphrase is refused and nothing is stored.
    h.get_by_value("Marianne Stokkereit Aasen (Møteleder)");
    type_into(&mut h, "Passordfrase", "feil passord");
    h.run_steps(2);
    h.get_by_label("Signer").click();
    common::settle(&mut h);
    h.get_by_label("Feil passordfrase.");
    let stored = || {
        let store = Store::open_read_only(&path).unwrap();
        store.meeting_signatures(id).unwrap().len()
    };
    assert_eq!(stored(), 0);

    // The right one signs (Enter in the field): the chair has signed, the PDF is checked.
    type_into(&mut h, "Passordfrase", "riktig passord");
    h.run_steps(2);
    h.key_press(egui::Key::Enter);
    common::settle(&mut h);
    h.get_by_label_contains("✔ Møteleder: Marianne Stokkereit Aasen — signert");
    h.get_by_label_contains("… Referent: Mette Kristin Kristengård — venter");
    h.get_by_label_contains("✔ Den signerte PDF-en holder så langt");
    h.get_by_label_contains("Signert som møteleder");
    assert_eq!(stored(), 1);
    assert!(h.query_by_label("Feil passordfrase.").is_none());
}
