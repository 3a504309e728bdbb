//! Never lose a keystroke, through the real app: a write-protected database, a full one
//! (`SQLite`'s `max_page_count`) and one deleted under the running app each say so in the
//! status bar in the user's language, and what was typed ends up in a rescue file (a meeting
//! package); switching meeting then asks first. And the autosave: no change stays unsent
//! longer than [`SAVE_AT_LATEST`] past a frame, and typed text reaches the database.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use motebok::app::{Command, Leave, SAVE_AT_LATEST};
use motebok::store::{FileFault, MeetingId, Store};
use motebok::ui::MotebokApp;

/// A database with the demo data whose first meeting is held today with empty notes in item
/// 1. Returns that meeting and another one.
fn prepare(path: &Path) -> (MeetingId, MeetingId) {
    let (mut store, _) = motebok::app::startup::open_for_window(path).expect("a new database");
    let first = store.list_meetings().expect("the list reads")[0].id;
    let demo = store.load_meeting(first).expect("the demo meeting loads");
    let mut second = demo.meeting.clone();
    second.reference.number += 1;
    store
        .create_meeting(&demo.body.name, &second)
        .expect("a second meeting");
    let list = store.list_meetings().expect("the list reads");
    let id = list[0].id;
    let mut record = store.load_meeting(id).expect("the meeting loads");
    record.meeting.date = chrono::Local::now().date_naive();
    record.meeting.items[0].notes = None;
    store
        .save_meeting(id, &record.meeting)
        .expect("the meeting saves");
    (id, list[1].id)
}

fn harness(path: &Path, full: bool) -> Harness<'static, MotebokApp> {
    let (store, problem) = motebok::app::startup::open_for_window(path).expect("the app opens");
    if full {
        let pages = store.page_count().expect("page_count");
        store.limit_pages(pages).expect("max_page_count");
    }
    let mut h = Harness::builder()
        .with_size([1280.0, 900.0])
        .build_eframe(move |cc| MotebokApp::new(cc, store, problem));
    common::settle(&mut h);
    h
}

/// Meeting mode in Referat, the notes of item 1, `text` typed.
fn type_notes(h: &mut Harness<'static, MotebokApp>, text: &str) {
    h.get_by_label("Referat").click();
    h.run_steps(2);
    h.get_by_label("Møtemodus (F5)").click();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::ALT, Key::N);
    h.run_steps(2);
    h.event(Event::Text(text.to_owned()));
    h.run_steps(2);
}

/// Runs frames until `done` holds (10 s at most).
fn run_until(h: &mut Harness<'static, MotebokApp>, what: &str, done: impl Fn(&MotebokApp) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done(h.state()) {
        assert!(Instant::now() < deadline, "not within 10 s: {what}");
        h.run_steps(1);
        std::thread::sleep(Duration::from_millis(10));
    }
    h.run_steps(2);
}

fn fault(h: &Harness<'static, MotebokApp>) -> Option<FileFault> {
    h.state()
        .core
        .open
        .as_ref()
        .and_then(|o| o.save_problem())
        .map(|p| p.fault)?
}

/// The rescue file the status bar names, read back as a package: item 1's notes.
fn rescued_notes(h: &Harness<'static, MotebokApp>) -> (PathBuf, String) {
    let problem = h
        .state()
        .core
        .open
        .as_ref()
        .and_then(|o| o.save_problem())
        .expect("a refused save")
        .clone();
    let path = problem.rescue.expect("a rescue file was written");
    h.get_by_label_contains(&path.display().to_string());
    let text = std::fs::read_to_string(&path).expect("the rescue file reads");
    let record = motebok::package::read(&text).expect("the rescue file is a meeting package");
    (
        path,
        record.meeting.items[0].notes.clone().unwrap_or_default(),
    )
}

/// Switching meeting with refused text asks first, and staying keeps the text.
fn switching_asks(h: &mut Harness<'static, MotebokApp>, other: MeetingId, typed: &str) {
    h.state_mut().core.run(vec![Command::Open(other)]);
    h.run_steps(2);
    assert_eq!(h.state().core.leave, Some(Leave::Switch(other)));
    h.get_by_label("Referatet er ikke lagret i databasen");
    h.get_by_label("Bli").click();
    h.run_steps(2);
    assert_eq!(h.state().core.leave, None);
    let open = h.state().core.open.as_ref().expect("still open");
    assert_ne!(open.id, other, "the meeting was not switched");
    assert!(
        open.record.meeting.items[0]
            .notes
            .as_deref()
            .unwrap_or_default()
            .contains(typed)
    );
}

/// Keeps a file write-protected while alive (for root too: the immutable attribute).
struct WriteProtected(PathBuf);

impl WriteProtected {
    fn new(path: &Path) -> Self {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o444)).unwrap();
        // SAFETY-free check: root ignores permissions, so root also sets the immutable flag.
        if nix_is_root() {
            let ok = std::process::Command::new("chattr")
                .arg("+i")
                .arg(path)
                .status()
                .expect("`chattr` is not installed: install it with `apt-get install e2fsprogs`");
            assert!(ok.success(), "chattr +i {}", path.display());
        }
        Self(path.to_owned())
    }
}

impl Drop for WriteProtected {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        if nix_is_root() {
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(&self.0)
                .status();
        }
        let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o644));
    }
}

/// Whether this process runs as root (effective uid 0, from /proc/self/status).
fn nix_is_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|status| {
        status
            .lines()
            .find_map(|l| l.strip_prefix("Uid:"))
            .and_then(|ids| ids.split_whitespace().nth(1))
            == Some("0")
    })
}

#[test]
fn a_write_protected_database_is_said_and_the_text_goes_to_a_rescue_file() {
    let (dir, path) = common::temp_db();
    let (_, other) = prepare(&path);
    let _guard = WriteProtected::new(&path);
    let mut h = harness(&path, false);
    let typed = "Skrevet i en skrivebeskyttet database";
    type_notes(&mut h, typed);
    run_until(&mut h, "the refused save is known", |a| {
        a.core
            .open
            .as_ref()
            .is_some_and(|o| o.save_problem().is_some())
    });
    assert_eq!(fault(&h), Some(FileFault::ReadOnly));
    h.get_by_label("Kan ikke lagre: databasefilen er skrivebeskyttet");
    assert!(
        h.query_by_label("Lagrer …").is_none(),
        "no endless «Lagrer …»"
    );
    let (rescue, notes) = rescued_notes(&h);
    assert!(rescue.starts_with(dir.path()), "beside the database");
    assert!(notes.contains(typed), "rescued notes: {notes:?}");
    switching_asks(&mut h, other, typed);
    // In English, the same in English.
    h.state_mut().persisted.lang = motebok::i18n::Lang::En;
    h.run_steps(2);
    h.get_by_label("Cannot save: the database file is write-protected");
    drop(h);
    let notes = std::fs::read_to_string(&rescue).unwrap();
    assert!(notes.contains(typed));
}

#[test]
fn a_full_database_is_said_and_the_text_goes_to_a_rescue_file() {
    let (_dir, path) = common::temp_db();
    let (id, other) = prepare(&path);
    let mut h = harness(&path, true);
    // Long enough to need new pages.
    let typed = "Lang tekst om økonomi og vedtak. ".repeat(800);
    type_notes(&mut h, &typed);
    run_until(&mut h, "the refused save is known", |a| {
        a.core
            .open
            .as_ref()
            .is_some_and(|o| o.save_problem().is_some())
    });
    assert_eq!(fault(&h), Some(FileFault::Full));
    h.get_by_label("Kan ikke lagre: disken er full");
    let (rescue, notes) = rescued_notes(&h);
    assert!(notes.contains(&typed));
    switching_asks(&mut h, other, &typed);
    drop(h);
    // The database has the old text, the rescue file the new.
    let store = Store::open(&path).expect("reopen");
    let stored = store.load_meeting(id).unwrap().meeting.items[0]
        .notes
        .clone();
    assert!(!stored.unwrap_or_default().contains(&typed));
    let text = std::fs::read_to_string(&rescue).unwrap();
    let record = motebok::package::read(&text).unwrap();
    assert!(
        record.meeting.items[0]
            .notes
            .as_deref()
            .unwrap()
            .contains(&typed)
    );
}

#[test]
fn a_database_deleted_under_the_app_is_said_and_the_text_goes_to_a_rescue_file() {
    let (_dir, path) = common::temp_db();
    let (_, other) = prepare(&path);
    let mut h = harness(&path, false);
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.clone().into_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    let typed = "Skrevet etter at filen ble slettet";
    type_notes(&mut h, typed);
    run_until(&mut h, "the refused save is known", |a| {
        a.core
            .open
            .as_ref()
            .is_some_and(|o| o.save_problem().is_some())
    });
    assert_eq!(fault(&h), Some(FileFault::Vanished));
    h.get_by_label("Kan ikke lagre: databasefilen er slettet eller flyttet");
    let (rescue, notes) = rescued_notes(&h);
    assert!(notes.contains(typed));
    // "Lagre som møtepakke …" where no system dialog opens: asked inside the window.
    motebok::ui::use_window_dialog(&h.ctx);
    h.get_by_label("Lagre som møtepakke …").click();
    h.run_steps(2);
    let chosen = path.parent().unwrap().join("reddet referat.motebok.json");
    h.get_by_label("Filsti").focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text(chosen.display().to_string()));
    h.run_steps(2);
    h.get_by_label("Lagre").click();
    run_until(&mut h, "the package is written", |_| chosen.exists());
    let saved = motebok::package::read(&std::fs::read_to_string(&chosen).unwrap()).unwrap();
    assert!(
        saved.meeting.items[0]
            .notes
            .as_deref()
            .unwrap()
            .contains(typed)
    );
    h.get_by_label("Referatet er lagret som møtepakke");
    switching_asks(&mut h, other, typed);
    drop(h);
    assert!(std::fs::read_to_string(&rescue).unwrap().contains(typed));
}

/// Typing at 20 ms per key for a second: after every frame no change is older than
/// [`SAVE_AT_LATEST`] unsent, saves go out all along, and the text is in the database.
#[test]
fn typing_is_sent_to_the_database_within_the_autosave_limit() {
    assert!(SAVE_AT_LATEST <= Duration::from_millis(150));
    let (_dir, path) = common::temp_db();
    let (id, _) = prepare(&path);
    let mut h = harness(&path, false);
    type_notes(&mut h, "");
    let text = "Vedtak om økonomi: rådet ber om en ærlig plan. ";
    let started = Instant::now();
    let mut typed = String::new();
    for c in text.chars().cycle().take(60) {
        typed.push(c);
        h.event(Event::Text(c.to_string()));
        let frame_start = Instant::now();
        h.step();
        let open = h.state().core.open.as_ref().expect("open");
        if let Some(since) = open.unsaved_since() {
            assert!(
                since + SAVE_AT_LATEST > frame_start,
                "a change older than {SAVE_AT_LATEST:?} was still unsent after a frame"
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let typing = started.elapsed();
    let saves = h.state().core.open.as_ref().unwrap().saves_sent();
    assert!(
        saves >= 3,
        "{saves} saves during {typing:?} of typing: saves go out while typing goes on"
    );
    // The last keys: sent once the autosave is due, then in the database.
    run_until(&mut h, "everything is saved", |a| a.core.is_idle());
    let store = Store::open_read_only(&path).expect("a reader");
    let notes = store.load_meeting(id).unwrap().meeting.items[0]
        .notes
        .clone()
        .unwrap_or_default();
    assert!(notes.contains(&typed), "saved: {notes:?}");
    drop(h);
}

#[test]
fn an_unclean_exit_is_said_on_restart_with_the_last_save_time() {
    let (_dir, path) = common::temp_db();
    prepare(&path);
    // What a killed session leaves in the lock file: its marker.
    std::fs::write(
        motebok::store::lock_path(&path),
        "open by process 1 since 2026-01-01 10:00:00\n",
    )
    .unwrap();
    let last_write = std::fs::metadata(&path).unwrap().modified().unwrap();
    let mut h = harness(&path, false);
    let expected = chrono::DateTime::<chrono::Local>::from(last_write)
        .format("%H:%M:%S")
        .to_string();
    h.get_by_label_contains(&format!(
        "Møtebok ble ikke avsluttet riktig — siste lagring kl. {expected}"
    ));
    h.state_mut().persisted.lang = motebok::i18n::Lang::En;
    h.run_steps(2);
    h.get_by_label_contains("Møtebok was not closed properly — last saved at");
    h.get_by_label("✖").click();
    h.run_steps(2);
    assert!(h.query_by_label_contains("not closed properly").is_none());
    drop(h);
    // A clean close: the next start says nothing.
    let h = harness(&path, false);
    assert!(h.query_by_label_contains("ikke avsluttet riktig").is_none());
}

/// Another program holding the write lock longer than Møtebok waits: said, kept in a rescue
/// file, and saved by the retry once the lock is gone.
#[test]
fn a_locked_database_is_said_and_saved_once_the_lock_is_gone() {
    let (_dir, path) = common::temp_db();
    let (id, _) = prepare(&path);
    let mut h = harness(&path, false);
    let other = rusqlite::Connection::open(&path).expect("a second connection");
    other
        .execute_batch("BEGIN IMMEDIATE")
        .expect("the other program takes the write lock");
    let typed = "Skrevet mens filen var låst";
    type_notes(&mut h, typed);
    run_until(&mut h, "the refused save is known", |a| {
        a.core
            .open
            .as_ref()
            .is_some_and(|o| o.save_problem().is_some())
    });
    assert_eq!(fault(&h), Some(FileFault::Locked));
    h.get_by_label("Kan ikke lagre: databasefilen er låst av et annet program");
    let (_, notes) = rescued_notes(&h);
    assert!(notes.contains(typed));
    other
        .execute_batch("ROLLBACK")
        .expect("the lock is given back");
    drop(other);
    run_until(&mut h, "the retry saved it", |a| a.core.is_idle());
    assert!(h.query_by_label_contains("Kan ikke lagre").is_none());
    drop(h);
    let store = Store::open(&path).expect("reopen");
    let stored = store.load_meeting(id).unwrap().meeting.items[0]
        .notes
        .clone();
    assert!(stored.unwrap_or_default().contains(typed));
}
