use std::time::Instant;
use motebok::store::archive::ArchiveSpec;
use motebok::store::Store;
#[test]
fn exp() {
    let mut spec = ArchiveSpec::municipality_20_years();
    spec.years = 4;
    for variant in ["triggers", "no_delete_in_insert", "none"] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.sqlite3");
        let mut store = Store::open(&path).unwrap();
        store.exp_variant(variant);
        let t = Instant::now();
        let s = store.generate_archive(&spec).unwrap();
        eprintln!("{variant}: {} items {:?}", s.items, t.elapsed());
        let t = Instant::now();
        store.rebuild_search_index().unwrap();
        eprintln!("  rebuild {:?}", t.elapsed());
    }
}
