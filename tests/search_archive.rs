//! Twenty years of a municipality's bodies (10 bodies, 2,000 meetings, 40,000 items),
//! generated into a database file: it opens again and searches correctly.

use std::collections::HashSet;
use std::time::Instant;

use motebok::model::fold_for_search;
use motebok::store::archive::{ArchiveSpec, NEEDLE};
use motebok::store::{DecisionFilter, FollowUpFilter, Store};

#[test]
fn a_twenty_year_archive_opens_and_searches_correctly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("arkiv.sqlite3");
    let spec = ArchiveSpec::municipality_20_years();
    let started = Instant::now();
    let stats = {
        let mut store = Store::open(&path).unwrap();
        store.generate_archive(&spec).unwrap()
    };
    eprintln!(
        "generated {} meetings, {} items in {:?} ({} bytes)",
        stats.meetings,
        stats.items,
        started.elapsed(),
        std::fs::metadata(&path).unwrap().len()
    );
    assert_eq!(stats.meetings, 2_000);
    assert_eq!(stats.items, 40_000);

    // Opened again, as the program opens it.
    let started = Instant::now();
    let store = Store::open(&path).unwrap();
    eprintln!("opened in {:?}", started.elapsed());
    assert_eq!(store.list_meetings().unwrap().len(), 2_000);
    assert_eq!(store.search_index_rows().unwrap(), 40_000);
    eprintln!("opened and listed in {:?}", started.elapsed());

    // A rare word finds exactly the items it was planted in.
    let started = Instant::now();
    let found = store.search(NEEDLE, 1_000).unwrap();
    eprintln!(
        "«{NEEDLE}»: {} hits in {:?}",
        found.hit_count(),
        started.elapsed()
    );
    let got: HashSet<(String, String)> = found
        .hits()
        .map(|(g, h)| (g.body.clone(), h.case.to_string()))
        .collect();
    let want: HashSet<(String, String)> = stats
        .needles
        .iter()
        .map(|(b, c)| (b.clone(), c.to_string()))
        .collect();
    assert!(!want.is_empty());
    assert_eq!(got, want);
    // ...also typed without æ, and by its beginning.
    assert_eq!(
        store.search("aerfuglkolon", 1_000).unwrap().hit_count(),
        want.len()
    );

    // Every item naming P360 is counted; the best 200 each have the word marked, newest
    // meeting first.
    assert_eq!(store.search_count("p360").unwrap(), stats.p360_items);
    let started = Instant::now();
    let p360 = store.search("p360", 200).unwrap();
    eprintln!(
        "«p360»: {} hits in {:?}",
        p360.hit_count(),
        started.elapsed()
    );
    assert_eq!(p360.hit_count(), 200);
    assert!(p360.truncated);
    for (g, h) in p360.hits() {
        let marked = h
            .snippet
            .parts()
            .into_iter()
            .chain(h.title_marks.iter().map(|r| (&h.title[r.clone()], true)))
            .any(|(p, hit)| hit && fold_for_search(p).starts_with("p360"));
        assert!(marked, "{} {}: {:?}", g.body, h.case, h.snippet);
    }
    let dates: Vec<_> = p360.groups.iter().map(|g| g.date).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");

    // A search as the user types: the best 50, with titles that hold the word.
    for query in ["ø", "øk", "økonomir", "\"okonomirapport 2. tertial\""] {
        let started = Instant::now();
        let r = store.search(query, 50).unwrap();
        eprintln!(
            "«{query}»: {} hits in {:?}",
            r.hit_count(),
            started.elapsed()
        );
        assert_eq!(r.hit_count(), 50, "{query}");
    }
    let r = store.search("\"Økonomirapport 2. tertial\"", 50).unwrap();
    assert!(
        r.hits()
            .all(|(_, h)| h.title.starts_with("Økonomirapport 2. tertial"))
    );
    // Exempt items are found (this database holds their content) and marked exempt.
    assert_eq!(
        store.search_count("forhandlingsposisjon").unwrap(),
        stats.exempt_items
    );
    let exempt = store.search("forhandlingsposisjon", 50).unwrap();
    assert!(exempt.hit_count() > 0);
    assert!(
        exempt
            .hits()
            .all(|(_, h)| h.exempt.as_deref().is_some_and(|b| b.starts_with("offl.")))
    );

    // The register and the follow-ups read the whole archive.
    let started = Instant::now();
    let decisions = store.decisions(&DecisionFilter::default()).unwrap();
    eprintln!(
        "register: {} decisions in {:?}",
        decisions.len(),
        started.elapsed()
    );
    assert!(decisions.len() > 35_000);
    let today = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let open = store.follow_ups(&FollowUpFilter::default(), today).unwrap();
    assert!(!open.is_empty() && open.len() < stats.follow_ups);
    assert!(open.iter().all(|r| r.done.is_none()));
}
