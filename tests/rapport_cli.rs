//! `motebok render minutes` (full, public, archive) and `motebok approve`, run as real processes;
//! the PDFs are read back with poppler's pdftotext and pdfinfo.

mod cli_support;

mod tools;

use cli_support::{motebok, text};
use std::path::Path;
use std::process::Command;

fn tool(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .expect("the tool runs");
    assert!(out.status.success(), "{tool} failed: {}", text(&out.stderr));
    text(&out.stdout)
}

fn pdftotext(path: &Path) -> String {
    let text = tool("pdftotext", &[path.to_str().unwrap(), "-"]);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A package of the demo meeting with item 4 exempt from public access.
fn package_with_exempt_item(dir: &Path) -> std::path::PathBuf {
    let mut record = motebok::package::read(motebok::app::demo::EXAMPLE_PACKAGE).unwrap();
    record.meeting.items[3].exempt = Some(motebok::model::Exemption {
        basis: "offl. § 24".into(),
    });
    record.meeting.items[3].notes = Some("Hemmelig forhandlingsposisjon i arkivsaken".into());
    let path = dir.join("m4.motebok.json");
    std::fs::write(&path, motebok::package::write(&record)).unwrap();
    path
}

fn render(db: &Path, out: &Path, extra: &[&str]) {
    let mut args = vec!["render", "minutes", "2024/M4", "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let result = motebok(db, &args);
    assert!(
        result.status.success(),
        "render {extra:?} failed: {}",
        text(&result.stderr)
    );
    assert!(
        text(&result.stdout).contains("wrote"),
        "{}",
        text(&result.stdout)
    );
}

#[test]
fn minutes_render_full_public_and_archive_and_approval_removes_the_draft_mark() {
    tools::require(&["pdftotext", "pdfinfo"]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite3");
    let package = package_with_exempt_item(dir.path());
    let out = motebok(&db, &["import", package.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    // The draft: full content, marked UTKAST.
    let full = dir.path().join("full.pdf");
    render(&db, &full, &[]);
    let words = pdftotext(&full);
    assert!(words.contains("UTKAST"), "{words}");
    assert!(words.contains("Hemmelig forhandlingsposisjon"), "{words}");
    assert!(words.contains("2024/M4-004"), "{words}");
    let info = tool("pdfinfo", &[full.to_str().unwrap()]);
    assert!(info.contains("Pages:"), "{info}");

    // The public version: item 4 listed with its legal basis, its content withheld.
    let public = dir.path().join("public.pdf");
    render(&db, &public, &["--public"]);
    let words = pdftotext(&public);
    assert!(words.contains("2024/M4-004"), "{words}");
    assert!(words.contains("offl. § 24"), "{words}");
    assert!(!words.contains("Hemmelig forhandlingsposisjon"), "{words}");

    // Approve from the command line: the status moves and the minutes lose the draft mark.
    let out = motebok(
        &db,
        &["approve", "2024/M4", "--by", "Aasen, Marianne Stokkereit"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("approved"),
        "{}",
        text(&out.stdout)
    );
    let list = text(&motebok(&db, &["list"]).stdout);
    assert!(list.trim_end().ends_with("approved"), "{list}");
    let approved = dir.path().join("approved.pdf");
    render(&db, &approved, &[]);
    let words = pdftotext(&approved);
    assert!(!words.contains("UTKAST"), "{words}");
    assert!(words.contains("Hemmelig forhandlingsposisjon"), "{words}");

    // Approving twice is refused, with a reason and exit code 1.
    let again = motebok(&db, &["approve", "2024/M4"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("already approved"),
        "{}",
        text(&again.stderr)
    );

    // The archive copy is PDF/A-2b.
    let archive = dir.path().join("archive.pdf");
    render(&db, &archive, &["--archive"]);
    let meta = tool("pdfinfo", &["-meta", archive.to_str().unwrap()]);
    assert!(meta.contains("pdfaid:part") && meta.contains('2'), "{meta}");
    let words = pdftotext(&archive);
    assert!(words.contains("2024/M4-004"), "{words}");
    assert!(!words.contains("UTKAST"), "{words}");
}

#[test]
fn render_minutes_of_an_unknown_meeting_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite3");
    let package = package_with_exempt_item(dir.path());
    assert!(
        motebok(&db, &["import", package.to_str().unwrap()])
            .status
            .success()
    );
    let out_file = dir.path().join("none.pdf");
    let out = motebok(
        &db,
        &[
            "render",
            "minutes",
            "2024/M9",
            "-o",
            out_file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(!out_file.exists());
    let out = motebok(
        &db,
        &["render", "notice", "2024/M4", "-o", "x.pdf", "--archive"],
    );
    assert_eq!(out.status.code(), Some(2));
}
