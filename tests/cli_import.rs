//! `motebok import FILE...` run as a real process: several packages in one command, each in
//! its own transaction, a progress line per file, and a bad file reported without losing the
//! others (exit code 1).

mod cli_support;

use cli_support::{motebok, text};
use std::path::Path;

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/demo/2024-M4.motebok.json"
);

/// The example as meeting number `number` of 2024.
fn example_as(dir: &Path, number: u32) -> String {
    let json = std::fs::read_to_string(EXAMPLE).unwrap();
    assert!(json.contains("\"number\": 4,"));
    let path = dir.join(format!("2024-M{number}.motebok.json"));
    std::fs::write(
        &path,
        json.replacen("\"number\": 4,", &format!("\"number\": {number},"), 1),
    )
    .unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn several_packages_import_in_one_command_and_a_bad_one_loses_none_of_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite3");
    let first = example_as(dir.path(), 4);
    let bad = dir.path().join("bad.motebok.json");
    let broken = std::fs::read_to_string(EXAMPLE).unwrap().replacen(
        "\"sande-e\"\n        ]",
        "\"nobody-x\"\n        ]",
        1,
    );
    std::fs::write(&bad, broken).unwrap();
    let last = example_as(dir.path(), 6);
    let missing = dir.path().join("missing.motebok.json");

    let out = motebok(
        &db,
        &[
            "import",
            &first,
            bad.to_str().unwrap(),
            missing.to_str().unwrap(),
            &last,
        ],
    );
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    let progress: Vec<&str> = stdout.lines().collect();
    assert_eq!(progress.len(), 2, "{stdout}");
    assert!(
        progress[0].starts_with("[1/4] imported Samarbeidsrådet for ROR-IKT\t2024/M4"),
        "{stdout}"
    );
    assert!(
        progress[1].starts_with("[4/4] imported Samarbeidsrådet for ROR-IKT\t2024/M6"),
        "{stdout}"
    );
    // Each failure names its file and what is wrong where.
    assert!(
        stderr.contains("[2/4]") && stderr.contains("bad.motebok.json"),
        "{stderr}"
    );
    assert!(stderr.contains("meeting.items[3].guests[0]"), "{stderr}");
    assert!(
        stderr.contains("[3/4]") && stderr.contains("missing.motebok.json"),
        "{stderr}"
    );
    assert!(
        stderr.contains("2 of 4 files were not imported"),
        "{stderr}"
    );

    let listed = text(&motebok(&db, &["list"]).stdout);
    assert_eq!(
        listed.lines().collect::<Vec<_>>(),
        [
            "Samarbeidsrådet for ROR-IKT\t2024/M6\t2024-06-12\tdraft_minutes",
            "Samarbeidsrådet for ROR-IKT\t2024/M4\t2024-06-12\tdraft_minutes",
        ],
        "both good files are in, nothing of the bad one"
    );

    // Again without --replace: each existing meeting is refused on its own, nothing changes.
    let out = motebok(&db, &["import", &first, &last]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr).matches("--replace").count(), 2);
    let out = motebok(&db, &["import", &first, &last, "--replace"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).lines().count(), 2);
}

#[test]
fn a_bad_file_alone_creates_no_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite3");
    let bad = dir.path().join("bad.motebok.json");
    std::fs::write(&bad, "{").unwrap();
    let out = motebok(&db, &["import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("bad.motebok.json"));
    assert!(!db.exists(), "nothing was written");
}

#[test]
fn import_without_files_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = motebok(&dir.path().join("m.sqlite3"), &["import", "--replace"]);
    assert_eq!(out.status.code(), Some(2));
}
