//! The CLI run as a real process: exit codes, output, and what lands in the database.

mod cli_support;

use cli_support::{motebok, text};

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/demo/2024-M4.motebok.json"
);

#[test]
fn import_then_list_then_export_round_trips_the_example() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite3");
    let out = motebok(&db, &["import", EXAMPLE]);
    assert!(out.status.success(), "import failed: {}", text(&out.stderr));
    assert!(text(&out.stdout).contains("2024/M4"));

    let out = motebok(&db, &["list"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout).trim(),
        "Samarbeidsrådet for ROR-IKT\t2024/M4\t2024-06-12\tdraft_minutes"
    );

    let exported = dir.path().join("out.motebok.json");
    let out = motebok(
        &db,
        &[
            "export-package",
            "2024/M4",
            "-o",
            exported.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "export failed: {}", text(&out.stderr));
    let first = std::fs::read_to_string(&exported).unwrap();

    // Import the export into a second database and export again: identical bytes.
    let db2 = dir.path().join("m2.sqlite3");
    assert!(
        motebok(&db2, &["import", exported.to_str().unwrap()])
            .status
            .success()
    );
    let exported2 = dir.path().join("out2.motebok.json");
    assert!(
        motebok(
            &db2,
            &[
                "export-package",
                "2024/M4",
                "-o",
                exported2.to_str().unwrap()
            ]
        )
        .status
        .success()
    );
    assert_eq!(first, std::fs::read_to_string(&exported2).unwrap());
}

#[test]
fn importing_an_existing_meeting_is_refused_without_replace() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite3");
    assert!(motebok(&db, &["import", EXAMPLE]).status.success());
    let out = motebok(&db, &["import", EXAMPLE]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--replace"),
        "{}",
        text(&out.stderr)
    );
    let out = motebok(&db, &["import", EXAMPLE, "--replace"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn a_malformed_package_fails_with_its_field_path_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite3");
    let bad = dir.path().join("bad.motebok.json");
    let broken = std::fs::read_to_string(EXAMPLE).unwrap().replacen(
        "\"sande-e\"\n        ]",
        "\"nobody-x\"\n        ]",
        1,
    );
    std::fs::write(&bad, broken).unwrap();
    let out = motebok(&db, &["import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("meeting.items[3].guests[0]"), "{err}");
    assert!(err.contains("nobody-x"), "{err}");
    let out = motebok(&db, &["list"]);
    assert!(text(&out.stdout).trim().is_empty(), "nothing was imported");
}

#[test]
fn wrong_command_lines_exit_with_2_and_help_exits_with_0() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite3");
    let out = motebok(&db, &["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("frobnicate"));
    let out = motebok(&db, &["export-package", "2024/M4"]);
    assert_eq!(out.status.code(), Some(2));
    let out = motebok(&db, &["--help"]);
    assert_eq!(out.status.code(), Some(0));
    for cmd in ["import", "export-package", "list"] {
        assert!(text(&out.stdout).contains(cmd), "--help describes {cmd}");
    }
    let out = motebok(&db, &["--version"]);
    assert!(text(&out.stdout).starts_with("motebok "));
}

#[test]
fn exporting_a_missing_meeting_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite3");
    assert!(motebok(&db, &["import", EXAMPLE]).status.success());
    let out = motebok(&db, &["export-package", "2031/M9", "-o", "x.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("2031/M9"));
}

#[test]
fn a_database_from_a_newer_program_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite3");
    assert!(motebok(&db, &["import", EXAMPLE]).status.success());
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", 9999).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let out = motebok(&db, &["list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).to_lowercase().contains("newer"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(before, std::fs::read(&db).unwrap());
}

/// Each malformed package is refused with its field path, and the database keeps exactly what
/// it had: the meeting already stored exports to the same bytes afterwards.
#[test]
fn malformed_packages_change_nothing_in_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite3");
    assert!(motebok(&db, &["import", EXAMPLE]).status.success());
    let before = dir.path().join("before.json");
    assert!(
        motebok(
            &db,
            &["export-package", "2024/M4", "-o", before.to_str().unwrap()]
        )
        .status
        .success()
    );

    let example = std::fs::read_to_string(EXAMPLE).unwrap();
    // Every variant is also renumbered to meeting 5, so a half-done import would show up as a new meeting.
    let m5 = example.replacen("\"number\": 4,", "\"number\": 5,", 1);
    let cases: Vec<(&str, String, &str)> = vec![
        ("bad JSON", m5.replacen('{', "{{", 1), "JSON"),
        (
            "wrong format",
            m5.replace("motebok/meeting", "motebok/other"),
            "format",
        ),
        (
            "newer version",
            m5.replacen("\"version\": 1", "\"version\": 2", 1),
            "version",
        ),
        (
            "missing title",
            m5.replacen("\"title\": \"Godkjenning av møtereferat\",", "", 1),
            "meeting.items[1].title",
        ),
        (
            "dangling chair",
            m5.replacen("\"chair\": \"aasen-ms\"", "\"chair\": \"nobody\"", 1),
            "meeting.chair",
        ),
        (
            "duplicate item number",
            m5.replacen("\"number\": 2,", "\"number\": 1,", 1),
            "meeting.items[1].number",
        ),
        (
            "bad date",
            m5.replacen("2024-06-12", "2024-06-31", 1),
            "meeting.date",
        ),
        (
            "bad time",
            m5.replacen("\"08:15\"", "\"8.15\"", 1),
            "meeting.start",
        ),
        (
            "unknown kind",
            m5.replacen("\"kind\": \"information\"", "\"kind\": \"gossip\"", 1),
            "meeting.items[2].kind",
        ),
        (
            "unknown status",
            m5.replacen("\"status\": \"absent\"", "\"status\": \"asleep\"", 1),
            "meeting.attendance[7].status",
        ),
        (
            "wrong type",
            m5.replacen("\"year\": 2024", "\"year\": \"2024\"", 1),
            "meeting.year",
        ),
        ("empty file", String::new(), "empty"),
        (
            "unknown field",
            m5.replacen("\"place\":", "\"weather\": \"rain\", \"place\":", 1),
            "meeting.weather",
        ),
    ];
    for (name, content, expected) in cases {
        let file = dir.path().join("bad.motebok.json");
        std::fs::write(&file, &content).unwrap();
        let out = motebok(&db, &["import", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{name}: refused");
        let err = text(&out.stderr);
        assert!(
            err.contains(expected),
            "{name}: the message names {expected}: {err}"
        );
        let list = text(&motebok(&db, &["list"]).stdout);
        assert_eq!(
            list.lines().count(),
            1,
            "{name}: no meeting was added: {list}"
        );
    }
    let after = dir.path().join("after.json");
    assert!(
        motebok(
            &db,
            &["export-package", "2024/M4", "-o", after.to_str().unwrap()]
        )
        .status
        .success()
    );
    assert_eq!(
        std::fs::read(&before).unwrap(),
        std::fs::read(&after).unwrap()
    );
}

#[test]
fn paths_names_the_database_its_backups_and_the_identities() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite3");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_motebok"))
        .arg("--db")
        .arg(&db)
        .arg("paths")
        .env("MOTEBOK_CONFIG_DIR", dir.path().join("config"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(&format!("Database: {}", db.display())),
        "{text}"
    );
    let backups = dir.path().join("backups");
    assert!(
        text.contains(&format!("Backups: {}", backups.display())),
        "{text}"
    );
    let identities = dir.path().join("config").join("identities");
    assert!(
        text.contains(&format!("Signing identities: {}", identities.display())),
        "{text}"
    );
    // Asking where the data is creates nothing.
    assert!(!db.exists());
}
