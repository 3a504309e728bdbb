//! `motebok search` run as a real process: one hit per line, `CASE  TITLE  SNIPPET`.

mod cli_support;

use cli_support::{motebok, text};

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/demo/2024-M4.motebok.json"
);

#[test]
fn search_prints_case_title_and_snippet_per_hit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite3");
    let out = motebok(&db, &["import", EXAMPLE]);
    assert!(out.status.success(), "import failed: {}", text(&out.stderr));

    // Without ø, by the beginning of the word.
    let out = motebok(&db, &["search", "okonomi"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    // The title match ranks first in its meeting.
    assert!(
        lines[0].starts_with("2024/M4-003  Økonomi- og aktivitetsrapport  Samarbeidsrådet ble orientert om økonomistatus"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("2024/M4-007  Orienteringssaker  …"),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains("+ økonomi, personal"), "{}", lines[1]);
    // Output to a pipe has no terminal highlighting.
    assert!(!stdout.contains('\x1b'));

    // Several words must all match; the snippet shows where.
    let out = motebok(&db, &["search", "sak/arkiv", "anskaffelse"]);
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("2024/M4-004  Felles arkivtjeneste for ROR-kommunene  "),
        "{stdout}"
    );
    assert!(
        stdout.contains("ny anskaffelse av sak/arkiv-system"),
        "{stdout}"
    );

    // Nothing found: no lines, success.
    let out = motebok(&db, &["search", "zyxwv"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).is_empty());
}

#[test]
fn search_without_a_query_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite3");
    let out = motebok(&db, &["search"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("search needs something to look for"));
}
