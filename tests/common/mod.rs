//! Shared helpers for tests that drive the real app.
#![allow(dead_code, reason = "each test crate uses part of the shared helpers")]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use motebok::store::Store;
use motebok::ui::MotebokApp;

/// A database file in a fresh temporary directory (kept alive by the returned guard).
pub fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("motebok.sqlite3");
    (dir, path)
}

/// The real app on a new database with the demo data, run until it has loaded the demo meeting.
pub fn app_harness() -> Harness<'static, MotebokApp> {
    app_harness_at().0
}

/// Like [`app_harness`], also giving the database path (the directory is left for the OS to clean).
pub fn app_harness_at() -> (Harness<'static, MotebokApp>, PathBuf) {
    let (dir, path) = temp_db();
    let _ = dir.keep();
    let (store, problem) =
        motebok::app::startup::open_for_window(&path).expect("a new database opens");
    let mut h = Harness::builder()
        .with_size([1280.0, 900.0])
        .build_eframe(move |cc| MotebokApp::new(cc, store, problem));
    settle(&mut h);
    (h, path)
}

/// Runs frames until the app has no database work pending (or 10 s pass).
pub fn settle(h: &mut Harness<'_, MotebokApp>) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        h.run_steps(2);
        if h.state().core.is_idle() && h.state().core.open.is_some() {
            h.run_steps(2);
            if h.state().core.is_idle() {
                return;
            }
        }
        assert!(
            Instant::now() < deadline,
            "the app did not settle within 10 s"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Opens the store again (after the app is dropped) to check what was saved.
pub fn reopen(path: &std::path::Path) -> Store {
    Store::open(path).expect("reopen")
}
