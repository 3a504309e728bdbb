//! `motebok check`, run as a real process: the demo meeting is complete; a meeting with a
//! decision case without a Vedtak, an exempt item without a legal basis and a vote without a
//! result gets each named, with exit code 1.

mod cli_support;

use cli_support::{motebok, text};

use motebok::model::{Exemption, Vote};

#[test]
fn the_demo_meeting_with_its_members_is_complete() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite3");
    {
        let mut store = motebok::store::Store::open(&db).unwrap();
        assert!(motebok::app::demo::seed_if_empty(&mut store).unwrap());
    }
    let out = motebok(&db, &["check", "2024/M4"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
    assert_eq!(
        stdout.trim(),
        "Samarbeidsrådet for ROR-IKT 2024/M4: nothing missing"
    );
}

/// The shipped package has no membership: everything but quorum is checked, and the output
/// says that quorum was not.
#[test]
fn the_demo_package_without_members_says_quorum_was_not_checked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite3");
    let out = motebok(&db, &["import", "assets/demo/2024-M4.motebok.json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = motebok(&db, &["check", "2024/M4"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains(
            "not checked: quorum: the body has no voting members recorded for 2024-06-12"
        ),
        "{stdout}"
    );
}

#[test]
fn each_gap_is_named_with_its_item_and_the_exit_code_is_1() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite3");
    let mut record = motebok::package::read(motebok::app::demo::EXAMPLE_PACKAGE).unwrap();
    record.meeting.items[3].decision = None;
    record.meeting.items[4].exempt = Some(Exemption {
        basis: String::new(),
    });
    record.meeting.items[5].vote = Some(Vote::Counted {
        for_votes: 0,
        against: 0,
        abstaining: 0,
    });
    let package = dir.path().join("gaps.motebok.json");
    std::fs::write(&package, motebok::package::write(&record)).unwrap();
    let out = motebok(&db, &["import", package.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    let out = motebok(&db, &["check", "2024/M4"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let findings: Vec<&str> = stdout
        .lines()
        .filter(|l| !l.starts_with("not checked"))
        .collect();
    assert_eq!(
        findings,
        vec![
            "2024/M4-004: decision case without a Vedtak",
            "2024/M4-005: exempt from public access without a legal basis",
            "2024/M4-006: a vote without a result (no votes recorded)",
        ],
        "{stdout}"
    );
    assert!(
        text(&out.stderr).contains("the minutes lack 3 things"),
        "{}",
        text(&out.stderr)
    );

    // A meeting that does not exist is a clear error too.
    let out = motebok(&db, &["check", "2024/M9"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no meeting 2024/M9"));
}
