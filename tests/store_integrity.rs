//! Integrity checking off the way in (issue 18): opening reads only the header, the schema and
//! the first pages; the full check runs in the background after an unclean exit and weekly,
//! finds a damaged page deep in a large database, reports it, and never changes the file; the
//! day's backup is taken in steps on its own connection while saving goes on.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use egui_kittest::kittest::Queryable;
use motebok::app::maintenance::{self, BackupStatus, CheckStatus, MaintenanceHandle};
use motebok::model::{Person, PersonId};
use motebok::store::archive::ArchiveSpec;
use motebok::store::{
    Cancel, CheckReason, Store, StoreError, backup_dir, backup_in_steps, check_due, full_check,
    lock_path,
};

fn now() -> NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// A database of two years of five bodies (1,000 meetings' worth of pages is not needed to
/// show that a page deep inside is not read on the way in), closed cleanly.
fn large_database(dir: &Path) -> PathBuf {
    let path = dir.join("arkiv.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store
        .generate_archive(&ArchiveSpec {
            first_year: 2023,
            years: 2,
            bodies: 5,
            meetings_per_year: 10,
            items_per_meeting: 40,
            seed: 7,
        })
        .unwrap();
    drop(store);
    path
}

fn page_size(bytes: &[u8]) -> usize {
    match u16::from_be_bytes([bytes[16], bytes[17]]) {
        1 => 65_536,
        n => usize::from(n),
    }
}

/// Scribbles over a b-tree page in the middle of the file (what a bad sector or a torn write
/// leaves) and returns its number.
fn damage_a_page_deep_inside(path: &Path) -> usize {
    let mut bytes = std::fs::read(path).unwrap();
    let size = page_size(&bytes);
    let pages = bytes.len() / size;
    assert!(pages > 200, "a large database: {pages} pages");
    // Pages are numbered from 1; page n starts at (n - 1) * size.
    let page = (pages / 2..pages)
        .find(|&n| matches!(bytes[(n - 1) * size], 0x02 | 0x05 | 0x0a | 0x0d))
        .expect("a b-tree page in the second half");
    for b in &mut bytes[(page - 1) * size..page * size] {
        *b = 0xA5;
    }
    std::fs::write(path, &bytes).unwrap();
    page
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_mins(1);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_damaged_page_deep_in_a_large_database_does_not_stop_the_open_and_the_full_check_finds_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = large_database(dir.path());
    let page = damage_a_page_deep_inside(&path);
    let damaged = std::fs::read(&path).unwrap();

    // The way in reads the header, the schema and the first pages only: it opens.
    let store = Store::open(&path).unwrap();
    drop(store);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        damaged,
        "opening changed nothing"
    );

    let report = full_check(&path, &Cancel::default()).unwrap();
    assert!(!report.is_ok(), "page {page} is damaged");
    assert!(
        report.problems.iter().any(|p| p.contains("page")),
        "the problems name pages: {:?}",
        report.problems
    );
    assert!(report.pages as usize >= page);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        damaged,
        "the check changed nothing"
    );
}

#[test]
fn the_background_upkeep_reports_the_damage_takes_no_backup_and_leaves_the_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = large_database(dir.path());
    damage_a_page_deep_inside(&path);
    let damaged = std::fs::read(&path).unwrap();

    // As the window does: the database thread holds the store, the upkeep runs beside it.
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.integrity_check_due(now()).unwrap(),
        Some(CheckReason::Scheduled),
        "never checked: due"
    );
    let core = motebok::app::Core::new(store, Box::new(|| {}));
    wait_for("the check", || !core.maintenance.snapshot().busy);
    let status = core.maintenance.snapshot();
    match &status.check {
        CheckStatus::Problems(CheckReason::Scheduled, problems) => {
            assert!(!problems.is_empty());
        }
        other => panic!("expected the damage reported, got {other:?}"),
    }
    assert_eq!(status.backup, BackupStatus::SkippedDamaged);
    drop(core);

    assert_eq!(
        std::fs::read(&path).unwrap(),
        damaged,
        "neither the check nor the window changed the damaged file"
    );
    assert!(
        !backup_dir(&path).exists(),
        "no backup of a damaged file pushes out a good one"
    );
    // Nothing was recorded in the damaged file: the next start checks again.
    assert_eq!(
        check_due(&path, now()).unwrap(),
        Some(CheckReason::Scheduled)
    );
}

#[test]
fn a_sound_database_is_checked_once_a_week_and_backed_up_once_a_day() {
    let dir = tempfile::tempdir().unwrap();
    let path = large_database(dir.path());
    let status = MaintenanceHandle::default();
    maintenance::run(&path, &status, &Cancel::default());
    let s = status.snapshot();
    assert_eq!(s.check, CheckStatus::Passed(CheckReason::Scheduled));
    let BackupStatus::Done(backup) = &s.backup else {
        panic!("expected a backup, got {:?}", s.backup);
    };
    assert!(full_check(backup, &Cancel::default()).unwrap().is_ok());
    let copy = Store::open_read_only(backup).unwrap();
    assert_eq!(copy.list_meetings().unwrap().len(), 100);
    drop(copy);

    // Recorded in the database: not due again this week, nor a backup this day.
    assert_eq!(check_due(&path, now()).unwrap(), None);
    let later = now() + chrono::TimeDelta::days(8);
    assert_eq!(
        check_due(&path, later).unwrap(),
        Some(CheckReason::Scheduled)
    );
    let again = MaintenanceHandle::default();
    maintenance::run(&path, &again, &Cancel::default());
    assert_eq!(again.snapshot().check, CheckStatus::NotDue);
    assert_eq!(again.snapshot().backup, BackupStatus::NotDue);
}

/// `motebok import GOOD FIFO`: the process has the database open, waiting to read the FIFO,
/// when it is killed.
fn kill_while_open(db: &Path, dir: &Path) {
    let fifo = dir.join("stuck.motebok.json");
    let made = Command::new("mkfifo").arg(&fifo).status();
    assert!(
        made.is_ok_and(|s| s.success()),
        "mkfifo (Debian package coreutils) is needed"
    );
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/demo/2024-M4.motebok.json"
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_motebok"))
        .arg("--db")
        .arg(db)
        .arg("import")
        .arg(example)
        .arg(&fifo)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("[1/2] imported"), "{first}");
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn a_killed_session_makes_the_full_check_due_until_it_has_run() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("motebok.sqlite3");
    {
        // Checked today: nothing is due.
        drop(Store::open(&db).unwrap());
        let status = MaintenanceHandle::default();
        maintenance::run(&db, &status, &Cancel::default());
        assert_eq!(check_due(&db, now()).unwrap(), None);
    }
    // A clean close leaves no marker.
    let store = Store::open(&db).unwrap();
    assert!(!store.found_unclean_exit());
    drop(store);
    assert_eq!(std::fs::read(lock_path(&db)).unwrap(), b"");

    kill_while_open(&db, dir.path());
    assert!(
        std::fs::read_to_string(lock_path(&db))
            .unwrap()
            .starts_with("open"),
        "the killed session left its marker"
    );
    let store = Store::open(&db).unwrap();
    assert!(store.found_unclean_exit());
    assert_eq!(
        store.integrity_check_due(now()).unwrap(),
        Some(CheckReason::UncleanExit)
    );
    assert_eq!(
        store.list_meetings().unwrap().len(),
        1,
        "the import before the kill is kept"
    );
    drop(store);

    // A clean session in between (a CLI command) does not make the check go away.
    let store = Store::open(&db).unwrap();
    assert!(!store.found_unclean_exit());
    drop(store);
    assert_eq!(
        check_due(&db, now()).unwrap(),
        Some(CheckReason::UncleanExit)
    );

    let status = MaintenanceHandle::default();
    maintenance::run(&db, &status, &Cancel::default());
    assert_eq!(
        status.snapshot().check,
        CheckStatus::Passed(CheckReason::UncleanExit)
    );
    assert_eq!(check_due(&db, now()).unwrap(), None);
}

#[test]
fn the_backup_in_steps_copies_one_moment_while_saving_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = large_database(dir.path());
    let mut store = Store::open(&path).unwrap();
    let before = store.people().unwrap().len();
    let mut steps = 0;
    let mut saved = 0;
    let backup = backup_in_steps(&path, now(), &Cancel::default(), &mut |p| {
        steps += 1;
        assert!(p.copied_pages <= p.total_pages);
        // The database thread saves between two steps: it neither waits for the copy nor
        // makes it start over.
        store
            .upsert_person(&Person {
                id: PersonId(format!("ny-{steps}")),
                name: format!("Ny, Person {steps}"),
                organization: None,
            })
            .unwrap();
        saved += 1;
    })
    .unwrap()
    .expect("a backup was due");
    assert!(steps > 1, "the copy went in several steps ({steps})");
    assert_eq!(store.people().unwrap().len(), before + saved);
    drop(store);

    let copy = Store::open_read_only(&backup).unwrap();
    assert_eq!(
        copy.people().unwrap().len(),
        before,
        "the backup is the database as it was when the copy began"
    );
    drop(copy);
    assert!(full_check(&backup, &Cancel::default()).unwrap().is_ok());
}

#[test]
fn a_cancelled_backup_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = large_database(dir.path());
    let cancel = Cancel::default();
    let result = backup_in_steps(&path, now(), &cancel, &mut |_| cancel.cancel()).unwrap();
    assert_eq!(result, None);
    let left: Vec<_> = std::fs::read_dir(backup_dir(&path))
        .map(|d| d.filter_map(Result::ok).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_truncated_file_is_refused_on_the_way_in() {
    let dir = tempfile::tempdir().unwrap();
    let path = large_database(dir.path());
    let bytes = std::fs::read(&path).unwrap();
    let cut = &bytes[..bytes.len() / 2];
    std::fs::write(&path, cut).unwrap();
    match Store::open(&path) {
        Err(StoreError::Corrupt { detail, .. }) => {
            assert!(detail.contains("cut short"), "{detail}");
        }
        other => panic!("expected Corrupt, got {other:?}"),
    }
    assert_eq!(std::fs::read(&path).unwrap(), cut);
}

#[test]
fn the_window_opens_a_damaged_archive_and_its_status_bar_reports_what_the_check_found() {
    let dir = tempfile::tempdir().unwrap();
    let path = large_database(dir.path());
    damage_a_page_deep_inside(&path);
    let (store, problem) = motebok::app::startup::open_for_window(&path).unwrap();
    assert!(
        problem.is_none(),
        "the way in does not read the damaged page"
    );
    let mut h = egui_kittest::Harness::builder()
        .with_size([1280.0, 900.0])
        .build_eframe(move |cc| motebok::ui::MotebokApp::new(cc, store, problem));
    let deadline = Instant::now() + Duration::from_mins(1);
    loop {
        h.run_steps(2);
        if h.query_by_label("Kontrollen fant feil i databasefilen")
            .is_some()
        {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the status bar never reported the damage"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        h.query_by_label_contains("Filen er ikke endret").is_some(),
        "the status bar says the file was left alone and what to do"
    );
}

#[test]
fn a_copy_cut_short_by_a_kill_is_cleared_by_the_next_backup_and_other_files_stay() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("motebok.sqlite3");
    drop(Store::open(&db).unwrap());
    let folder = backup_dir(&db);
    std::fs::create_dir_all(&folder).unwrap();
    let stale = folder.join("motebok-20240101-120000.sqlite3.partial");
    std::fs::write(&stale, b"half a copy").unwrap();
    let mine = folder.join("notes.partial");
    std::fs::write(&mine, b"mine").unwrap();
    let taken = backup_in_steps(&db, now(), &Cancel::default(), &mut |_| {})
        .unwrap()
        .expect("a backup was due");
    assert!(taken.is_file());
    assert!(!stale.exists(), "the stale partial copy is gone");
    assert_eq!(std::fs::read(&mine).unwrap(), b"mine");
}
