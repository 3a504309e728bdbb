//! Search as you type over twenty years of a municipality's bodies (40,000 items).
//!
//! Prints, besides criterion's estimates: the median and 95th percentile of single
//! keystroke searches (each prefix of a few words typed letter by letter, from two letters),
//! the size of the database, and the memory (RSS) of this process with the archive open.
//! Set `MOTEBOK_ARCHIVE=path` to keep the generated database at `path` (reused when it exists).

// criterion_group! defines an undocumented function.
#![allow(
    missing_docs,
    reason = "criterion_group! makes an undocumented function"
)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use motebok::store::Store;
use motebok::store::archive::ArchiveSpec;

/// Words a secretary looks for, typed letter by letter.
const TYPED: [&str; 7] = [
    "økonomirapport",
    "p360",
    "reguleringsplan",
    "skjenkebevilling",
    "gjørtz",
    "bredbånd årø",
    "\"saken tas til orientering\"",
];

/// Every prefix of the typed words that the search field sends (from two letters or digits
/// on, as the app does).
fn keystrokes() -> Vec<String> {
    let mut out = Vec::new();
    for word in TYPED {
        let chars: Vec<char> = word.chars().collect();
        for n in 1..=chars.len() {
            let typed: String = chars[..n].iter().collect();
            if motebok::app::search::is_searchable(&typed) {
                out.push(typed);
            }
        }
    }
    out
}

fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Whether criterion measures (`cargo bench`), rather than checking once (`cargo test`).
fn measuring() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// The archive database: generated into a temporary folder, or kept at `MOTEBOK_ARCHIVE`.
/// Checked once under `cargo test`, a two-year archive stands in for the twenty years.
fn archive() -> (Option<tempfile::TempDir>, PathBuf) {
    let (dir, path) = if let Some(p) = std::env::var_os("MOTEBOK_ARCHIVE") {
        (None, PathBuf::from(p))
    } else {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("arkiv.sqlite3");
        (Some(dir), path)
    };
    if !path.exists() {
        let started = Instant::now();
        let mut store = Store::open(&path).expect("open");
        let mut spec = ArchiveSpec::municipality_20_years();
        if !measuring() {
            spec.years = 2;
        }
        let stats = store.generate_archive(&spec).expect("generate");
        println!(
            "archive: {} meetings, {} items, generated in {:.2?}",
            stats.meetings,
            stats.items,
            started.elapsed()
        );
    }
    (dir, path)
}

fn search_as_you_type(c: &mut Criterion) {
    let (_dir, path) = archive();
    let rss_before = rss_kib();
    let started = Instant::now();
    let mut store = Store::open(&path).expect("open the archive");
    println!("opened in {:.2?}", started.elapsed());
    let queries = keystrokes();

    // Single keystroke searches, each timed on its own.
    let mut times = Vec::new();
    let mut per_query: Vec<Vec<Duration>> = vec![Vec::new(); queries.len()];
    let rounds = if measuring() { 20 } else { 1 };
    for _ in 0..rounds {
        for (i, q) in queries.iter().enumerate() {
            let t = Instant::now();
            let r = store.search(q, 50).expect("search");
            times.push(t.elapsed());
            per_query[i].push(t.elapsed());
            std::hint::black_box(r);
        }
    }
    times.sort();
    let mut slowest: Vec<(Duration, &String)> = per_query
        .iter_mut()
        .zip(&queries)
        .map(|(t, q)| {
            t.sort();
            (t[t.len() / 2], q)
        })
        .collect();
    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
    let db_bytes: u64 = ["", "-wal"]
        .iter()
        .filter_map(|suffix| {
            let mut p = path.clone().into_os_string();
            p.push(suffix);
            std::fs::metadata(p).ok().map(|m| m.len())
        })
        .sum();
    println!(
        "search as you type ({} keystroke queries x {rounds}): median {:.2?}, p95 {:.2?}, max {:.2?}",
        queries.len(),
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        times[times.len() - 1]
    );
    for (t, q) in slowest.iter().take(6) {
        println!("  slowest: «{q}» median {t:.2?}");
    }
    for q in ["ø", "sa", "saken"] {
        let t = Instant::now();
        let r = store.search(q, 50).expect("search");
        println!(
            "  «{q}»: {:.2?} ({} hits shown)",
            t.elapsed(),
            r.hit_count()
        );
    }
    println!(
        "database {:.1} MB; RSS with the archive open {:.1} MB (before opening {:.1} MB)",
        db_bytes as f64 / 1e6,
        rss_kib().unwrap_or(0) as f64 / 1024.0,
        rss_before.unwrap_or(0) as f64 / 1024.0
    );

    let mut group = c.benchmark_group("search");
    group.bench_function("keystroke_40k_items", |b| {
        let mut i = 0;
        b.iter(|| {
            let q = &queries[i % queries.len()];
            i += 1;
            store.search(q, 50).expect("search")
        });
    });
    group.bench_function("one_word_okonomirapport", |b| {
        b.iter(|| store.search("okonomirapport", 50).expect("search"));
    });

    // What keeping the index costs a save: one item's notes change in a 20-item meeting.
    let id = store
        .list_meetings()
        .expect("list")
        .iter()
        .find(|m| !m.status.is_locked())
        .expect("an open meeting")
        .id;
    let mut meeting = store.load_meeting(id).expect("load").meeting;
    let mut flip = false;
    group.bench_function("save_meeting_with_reindex", |b| {
        b.iter(|| {
            flip = !flip;
            meeting.items[3].notes = Some(
                if flip {
                    "Notat A om økonomi"
                } else {
                    "Notat B om budsjett"
                }
                .into(),
            );
            store.save_meeting(id, &meeting).expect("save");
        });
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
    targets = search_as_you_type
}
criterion_main!(benches);
