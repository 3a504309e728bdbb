//! What opening a 20-year archive costs, against a database of one meeting (issue 18):
//! the window's start-up (`open_for_window`, the first open of the day, and the same until the
//! meeting list has loaded and the first meeting is open), the CLI-sized commands `list` and
//! `search okonomi` (open + query + lines), and importing one 40-item meeting package with
//! `--replace` (read + parse + open + import + the printed line).
//!
//! The archive: 20 years × 5 bodies × 10 meetings × 40 items = 1,000 meetings, 40,000 items,
//! generated with [`motebok::store::archive`]. Set `MOTEBOK_ARCHIVE=path` to keep it at `path`
//! (reused when it exists). Under `cargo test` (no `--bench`) a two-year archive stands in.
//! Prints the database sizes, and the keystroke searches and saves on the archive timed one by
//! one, idle and while the background upkeep (full check and backup) runs beside them.

// criterion_group! defines an undocumented function.
#![allow(missing_docs)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use motebok::model::{MeetingRecord, MeetingStatus};
use motebok::store::archive::ArchiveSpec;
use motebok::store::{ImportMode, Store, backup_dir};

/// Whether criterion measures (`cargo bench`), rather than checking once (`cargo test`).
fn measuring() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// The archive: twenty years of five bodies meeting ten times a year, forty items each.
fn spec() -> ArchiveSpec {
    ArchiveSpec {
        first_year: 2005,
        years: if measuring() { 20 } else { 2 },
        bodies: 5,
        meetings_per_year: 10,
        items_per_meeting: 40,
        seed: 0x4d42_4f4b,
    }
}

fn file_mb(path: &Path) -> f64 {
    ["", "-wal"]
        .iter()
        .filter_map(|suffix| {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            std::fs::metadata(p).ok().map(|m| m.len())
        })
        .sum::<u64>() as f64
        / 1e6
}

/// The archive database and one of its open 40-item meetings (as a record to import).
fn archive(dir: &Path) -> (PathBuf, MeetingRecord) {
    let path = std::env::var_os("MOTEBOK_ARCHIVE")
        .map_or_else(|| dir.join("arkiv.sqlite3"), PathBuf::from);
    if !path.exists() {
        let started = Instant::now();
        let mut store = Store::open(&path).expect("open");
        let stats = store.generate_archive(&spec()).expect("generate");
        println!(
            "archive: {} meetings, {} items, generated in {:.1?}",
            stats.meetings,
            stats.items,
            started.elapsed()
        );
    }
    let store = Store::open(&path).expect("open the archive");
    let meetings = store.list_meetings().expect("list");
    let summary = meetings
        .iter()
        .find(|m| m.status == MeetingStatus::DraftMinutes && m.item_count == 40)
        .expect("an open meeting of 40 items");
    let record = store.load_meeting(summary.id).expect("load");
    println!(
        "archive {}: {} meetings, {:.1} MB",
        path.display(),
        meetings.len(),
        file_mb(&path)
    );
    (path, record)
}

/// A database holding only `record`.
fn one_meeting(dir: &Path, record: &MeetingRecord) -> PathBuf {
    let path = dir.join("ett-mote.sqlite3");
    let mut store = Store::open(&path).expect("open");
    store
        .import_record(record, ImportMode::Replace)
        .expect("import the one meeting");
    drop(store);
    println!("one meeting: {:.1} MB", file_mb(&path));
    path
}

/// Two packages of the same meeting that differ in every item's notes, so each `--replace`
/// rewrites all 40 items.
fn packages(dir: &Path, record: &MeetingRecord) -> [PathBuf; 2] {
    ["a", "b"].map(|tag| {
        let mut r = record.clone();
        for item in &mut r.meeting.items {
            item.notes = Some(format!(
                "Notat {tag} til sak {}: økonomi og budsjett.",
                item.number
            ));
        }
        let path = dir.join(format!("pakke-{tag}.motebok.json"));
        std::fs::write(&path, motebok::package::write(&r)).expect("write package");
        path
    })
}

/// `motebok list`, without the printing.
fn list(db: &Path) -> String {
    let store = motebok::cli::open_for_reading(Some(db.to_owned())).expect("open");
    let mut out = String::new();
    for m in store.list_meetings().expect("list") {
        out.push_str(&motebok::cli::list_line(&m));
        out.push('\n');
    }
    out
}

/// `motebok search okonomi`, without the printing.
fn search(db: &Path) -> String {
    let store = motebok::cli::open_for_reading(Some(db.to_owned())).expect("open");
    let results = store
        .search("okonomi", motebok::cli::SEARCH_LIMIT)
        .expect("search");
    let mut out = String::new();
    for (_, hit) in results.hits() {
        out.push_str(&motebok::cli::search_line(hit, "", ""));
        out.push('\n');
    }
    out
}

/// `motebok import FILE --replace`, without the printing.
fn import(db: &Path, file: &Path) {
    motebok::cli::import(
        Some(db),
        &[file.to_owned()],
        true,
        &mut std::io::sink(),
        &mut std::io::sink(),
    )
    .expect("import");
}

/// The window's start-up until the meeting list has loaded and a meeting is open.
fn window_until_listed(db: &Path) {
    let (store, problem) = motebok::app::startup::open_for_window(db).expect("open");
    assert!(problem.is_none());
    let mut core = motebok::app::Core::new(store, Box::new(|| {}));
    let deadline = Instant::now() + Duration::from_mins(1);
    while !(core.is_idle() && core.open.is_some()) {
        assert!(Instant::now() < deadline, "the window did not settle");
        let _ = core.tick(Instant::now());
        std::thread::sleep(Duration::from_micros(200));
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Keystroke searches and one-item saves on the database thread's store, timed one by one:
/// (search median, search p95, save median, save p95).
fn typing_and_saving(store: &mut Store, rounds: usize) -> [Duration; 4] {
    let typed = [
        "ok",
        "oko",
        "økon",
        "økono",
        "økonomi",
        "re",
        "reg",
        "regulering",
    ];
    let id = store
        .list_meetings()
        .expect("list")
        .iter()
        .find(|m| !m.status.is_locked())
        .expect("an open meeting")
        .id;
    let mut meeting = store.load_meeting(id).expect("load").meeting;
    let (mut searches, mut saves) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        for q in typed {
            let t = Instant::now();
            std::hint::black_box(store.search(q, 50).expect("search"));
            searches.push(t.elapsed());
        }
        meeting.items[3].notes = Some(format!("Notat {round} om økonomi"));
        let t = Instant::now();
        store.save_meeting(id, &meeting).expect("save");
        saves.push(t.elapsed());
    }
    searches.sort();
    saves.sort();
    [
        percentile(&searches, 0.5),
        percentile(&searches, 0.95),
        percentile(&saves, 0.5),
        percentile(&saves, 0.95),
    ]
}

/// Typing and saving on the archive, idle and while the background upkeep (full integrity
/// check, backup in steps) runs on its own thread and connections, as in the window.
fn during_upkeep(big: &Path) {
    let rounds = if measuring() { 40 } else { 2 };
    let mut store = Store::open(big).expect("open");
    let idle = typing_and_saving(&mut store, rounds);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let upkeep = {
        let stop = std::sync::Arc::clone(&stop);
        let path = big.to_owned();
        std::thread::spawn(move || {
            let mut runs = 0;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                let _ = std::fs::remove_dir_all(backup_dir(&path));
                let cancel = motebok::store::Cancel::default();
                let report = motebok::store::full_check(&path, &cancel).expect("check");
                assert!(report.is_ok(), "{:?}", report.problems);
                motebok::store::backup_in_steps(
                    &path,
                    chrono::Local::now().naive_local(),
                    &cancel,
                    &mut |_| {},
                )
                .expect("backup");
                runs += 1;
            }
            runs
        })
    };
    std::thread::sleep(Duration::from_millis(200));
    let busy = typing_and_saving(&mut store, rounds);
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let runs = upkeep.join().expect("upkeep");
    let _ = std::fs::remove_dir_all(backup_dir(big));
    println!(
        "archive, idle: keystroke search median {:.2?} p95 {:.2?}; save median {:.2?} p95 {:.2?}",
        idle[0], idle[1], idle[2], idle[3]
    );
    println!(
        "archive, during the upkeep ({runs} full checks + backups): keystroke search median \
         {:.2?} p95 {:.2?}; save median {:.2?} p95 {:.2?}",
        busy[0], busy[1], busy[2], busy[3]
    );
}

fn archive_open(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (big, record) = archive(dir.path());
    let small = one_meeting(dir.path(), &record);
    let [pkg_a, pkg_b] = packages(dir.path(), &record);
    // One untimed pass each, so the first sample does not pay for a cold page cache.
    for db in [&big, &small] {
        import(db, &pkg_a);
        std::hint::black_box((list(db), search(db)));
    }

    during_upkeep(&big);

    let mut group = c.benchmark_group("archive_open");
    for (name, db) in [("one_meeting", &small), ("archive_40k", &big)] {
        group.bench_function(format!("window_open/{name}"), |b| {
            // The first open of the day: no backup from today yet.
            b.iter_batched(
                || {
                    let _ = std::fs::remove_dir_all(backup_dir(db));
                },
                |()| drop(motebok::app::startup::open_for_window(db).expect("open")),
                BatchSize::PerIteration,
            );
        });
        group.bench_function(format!("window_until_listed/{name}"), |b| {
            b.iter(|| window_until_listed(db));
        });
        group.bench_function(format!("cli_list/{name}"), |b| b.iter(|| list(db)));
        group.bench_function(format!("cli_search_okonomi/{name}"), |b| {
            b.iter(|| search(db));
        });
        let mut flip = false;
        group.bench_function(format!("cli_import_40_items_replace/{name}"), |b| {
            b.iter(|| {
                flip = !flip;
                import(db, if flip { &pkg_a } else { &pkg_b });
            });
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(4));
    targets = archive_open
}
criterion_main!(benches);
