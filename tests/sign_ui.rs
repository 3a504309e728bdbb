//! The Rapport pane shows who must sign, who has signed and when, and the stored signed PDF
//! checked as `motebok verify` checks it.

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
    h.get_by_label("✔ Den signerte PDF-en er kontrollert: alle signaturer holder");
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
}
