//! Signed minutes as PDF: two signers in turn, checked by poppler's `pdfsig` and by
//! `motebok verify`, and every single-byte change to the signed file detected.

mod sign_support;

use std::process::Command;

use motebok::sign::{sign_meeting, verify_pdf};
use motebok::store::Store;
use sign_support::{approved_demo, chair, day, now, pdfsig, pdfsig_valid_count, referent};

/// Signs the demo meeting as chair, then as referent, and returns the database file's folder,
/// the database path and the signed PDF.
fn two_signer_pdf() -> (tempfile::TempDir, std::path::PathBuf, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("motebok.sqlite3");
    let mut store = Store::open(&db).unwrap();
    let id = approved_demo(&mut store);
    let first = sign_meeting(&mut store, id, chair(), now()).unwrap();
    assert!(!first.complete);
    let second = sign_meeting(&mut store, id, referent(), now() + day()).unwrap();
    assert!(
        second.complete,
        "chair and referent are all the default signatories"
    );
    assert!(
        second.pdf.starts_with(&first.pdf),
        "the second signature is an incremental update"
    );
    (dir, db, second.pdf)
}

#[test]
fn pdfsig_reports_both_signatures_of_a_two_signer_pdf_valid_and_the_last_covering_all() {
    let (dir, _db, pdf) = two_signer_pdf();
    let path = dir.path().join("signed.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let (ok, text) = pdfsig(&path);
    if std::env::var_os("SIGN_TEST_SHOW").is_some() {
        std::fs::copy(&path, "/tmp/motebok-two-signers.pdf").unwrap();
        println!("{text}");
    }
    assert!(ok, "pdfsig failed:\n{text}");
    assert!(
        text.contains("Signature #1") && text.contains("Signature #2"),
        "{text}"
    );
    assert!(!text.contains("Signature #3"), "{text}");
    assert_eq!(pdfsig_valid_count(&text), 2, "{text}");
    let second = text.split("Signature #2").nth(1).unwrap();
    assert!(second.contains("Total document signed"), "{text}");
    let first = text.split("Signature #2").next().unwrap();
    assert!(first.contains("Not total document signed"), "{text}");
    assert!(text.contains("ETSI.CAdES.detached"), "{text}");
    assert!(text.contains("Marianne Stokkereit Aasen"), "{text}");
    assert!(text.contains("Kristengård, Mette Kristin"), "{text}");
}

#[test]
fn verify_names_who_signed_in_which_role_and_when() {
    let (_dir, _db, pdf) = two_signer_pdf();
    let report = verify_pdf(&pdf);
    assert!(report.is_valid(), "{report:#?}");
    let s = &report.signatures;
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].signer, "Marianne Stokkereit Aasen");
    assert_eq!(s[0].reason.as_deref(), Some("Signert som møteleder"));
    assert_eq!(s[0].time, Some(now()));
    assert!(!s[0].covers_whole_file);
    assert_eq!(s[1].signer, "Kristengård, Mette Kristin");
    assert_eq!(s[1].reason.as_deref(), Some("Signert som referent"));
    assert_eq!(s[1].time, Some(now() + day()));
    assert!(s[1].covers_whole_file);
    assert!(s.iter().all(|s| s.signing_certificate_attribute));
}

/// A small deterministic generator, so a failure can be reproduced.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn every_one_of_100_random_single_byte_changes_is_detected() {
    let (dir, db, pdf) = two_signer_pdf();
    let report = verify_pdf(&pdf);
    let last = report.signatures.last().unwrap().byte_range;
    let mut rng = XorShift(0x5EED_2024_0612);
    let exe = env!("CARGO_BIN_EXE_motebok");
    let path = dir.path().join("changed.pdf");
    let mut in_ranges = 0;
    for round in 0..100 {
        let at = usize::try_from(rng.next() % pdf.len() as u64).unwrap();
        let flip = u8::try_from(rng.next() % 255).unwrap() + 1;
        let mut changed = pdf.clone();
        changed[at] ^= flip;
        std::fs::write(&path, &changed).unwrap();

        let out = Command::new(exe)
            .args([
                "verify",
                path.to_str().unwrap(),
                "--db",
                db.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert!(
            !out.status.success(),
            "round {round}: changing byte {at} (^{flip:#04x}) went unnoticed by motebok verify:\n{}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert_eq!(out.status.code(), Some(1));

        let signed = at < last[1] || at >= last[2];
        if signed {
            in_ranges += 1;
            let (ok, text) = pdfsig(&path);
            let unchanged =
                ok && pdfsig_valid_count(&text) == 2 && text.matches("Signature #").count() == 2;
            assert!(
                !unchanged,
                "round {round}: changing signed byte {at} went unnoticed by pdfsig:\n{text}"
            );
        }
    }
    assert!(
        in_ranges > 50,
        "most bytes of the file are signed ({in_ranges})"
    );

    // The unchanged file passes both.
    std::fs::write(&path, &pdf).unwrap();
    let out = Command::new(exe)
        .args([
            "verify",
            path.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn an_update_appended_after_the_last_signature_is_reported() {
    let (_dir, _db, mut pdf) = two_signer_pdf();
    // An unsigned incremental update, as another program would append it.
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    let id = doc.max_id + 1;
    let tail = String::from_utf8_lossy(&pdf[pdf.len() - 40..]).into_owned();
    let prev: usize = tail
        .split_whitespace()
        .rev()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let at = pdf.len();
    pdf.extend_from_slice(format!("{id} 0 obj\n(Tillegg)\nendobj\n").as_bytes());
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!(
            "xref\n{id} 1\n{at:010} 00000 n \ntrailer\n<</Size {} /Root {} 0 R /Prev {prev}>>\n\
             startxref\n{xref}\n%%EOF\n",
            id + 1,
            root.0
        )
        .as_bytes(),
    );
    let report = verify_pdf(&pdf);
    assert!(!report.is_valid());
    assert_eq!(report.signatures.len(), 2, "{report:#?}");
    assert!(
        report
            .signatures
            .iter()
            .all(motebok::sign::PdfSignature::is_valid),
        "the signed parts still hold"
    );
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("changed after the last signature")),
        "{report:#?}"
    );
}

#[test]
fn a_pdf_without_signatures_is_not_valid() {
    let mut store = Store::open_in_memory().unwrap();
    let id = approved_demo(&mut store);
    let record = store.load_meeting(id).unwrap();
    let plain =
        motebok::report::render_minutes_pdf(&record, &motebok::report::MinutesOptions::default())
            .unwrap();
    let report = verify_pdf(&plain);
    assert!(!report.is_valid());
    assert_eq!(report.problems, vec!["the file is not signed".to_owned()]);
}

/// Runs `tool args` and returns what it printed; a missing tool names its Debian package.
fn run_tool(tool: &str, args: &[&str], package: &str) -> (bool, String) {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} ({package}) must be installed: {e}"));
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn the_signed_minutes_are_the_pdfa_archive_copy_signed_by_incremental_updates() {
    let (dir, _db, pdf) = two_signer_pdf();
    let path = dir.path().join("signed.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let p = path.to_str().unwrap();
    let (_, xmp) = run_tool("pdfinfo", &["-meta", p], "poppler-utils");
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{xmp}");
    assert!(
        xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "{xmp}"
    );
    let (ok, text) = run_tool("qpdf", &["--check", p], "qpdf");
    assert!(ok, "{text}");
    assert!(
        text.contains("No syntax or stream encoding errors"),
        "{text}"
    );
    let (_, fonts) = run_tool("pdffonts", &[p], "poppler-utils");
    for line in fonts.lines().skip(2) {
        assert!(
            line.split_whitespace().rev().nth(4) == Some("yes"),
            "every font embedded: {fonts}"
        );
    }
}
