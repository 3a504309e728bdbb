use motebok::store::Store;
#[test]
fn exp() {
    let store = Store::open(std::path::Path::new("/tmp/motebok-bench/arkiv23.sqlite3")).unwrap();
    let qs = ["\"ok\"*", "\"okon\"*", "\"okonomirapport\"*", "\"p3\"*", "\"sa\"*", "\"saken\"*", "\"saken tas til orientering\""];
    let run = |label: &str| {
        for q in qs {
            let mut best = [std::time::Duration::MAX; 4];
            let mut ns = [0; 4];
            for _ in 0..5 {
                let sqls = [
                    "SELECT count(*) FROM search_index WHERE search_index MATCH ?1",
                    "SELECT rowid FROM search_index WHERE search_index MATCH ?1 ORDER BY rowid DESC LIMIT 51",
                    "SELECT rowid, bm25(search_index) AS s FROM search_index WHERE search_index MATCH ?1 ORDER BY s LIMIT 51",
                    "SELECT rowid FROM search_index WHERE search_index MATCH ?1 ORDER BY rank LIMIT 51",
                ];
                for (i, sql) in sqls.iter().enumerate() {
                    let (t, n) = store.exp_time(sql, q);
                    if t < best[i] { best[i] = t; }
                    ns[i] = n;
                }
            }
            eprintln!("{label} {q}: count {:?} | rowid-desc {:?} | bm25 {:?} | rank {:?}", best[0], best[1], best[2], best[3]);
            let (_, c) = store.exp_time("SELECT count(*) FROM search_index WHERE search_index MATCH ?1", q);
            let _ = c; let _ = ns;
        }
    };
    let (_, segs) = store.exp_time("SELECT * FROM search_index_data WHERE ?1 = ?1", "x");
    eprintln!("data rows {segs}");
    run("before");
    store.exp_exec("INSERT INTO search_index(search_index) VALUES('optimize')");
    let (_, segs) = store.exp_time("SELECT * FROM search_index_data WHERE ?1 = ?1", "x");
    eprintln!("data rows {segs}");
    run("after");
}
