//! `motebok archive-export`, run as a real process on a meeting with an exempt item: refused
//! before approval; afterwards every arkivmelding file validates against the KS Fiks Arkiv V1
//! schema (xmllint), every document it names exists with the stated SHA-256 and size, the
//! exempt item carries its basis, and the public copies hold no withheld word.

mod cli_support;

mod sign_support;
mod tools;

use cli_support::{motebok, text};
use std::path::{Path, PathBuf};
use std::process::Command;

use motebok::model::Exemption;
use sha2::{Digest, Sha256};

const BASIS: &str = "Offl. § 23 første ledd";
/// Words only the exempt item's content holds.
const WITHHELD: &[&str] = &["Kvitfjellavtalen", "Kvitfjellbeløpet", "Tindeprisen"];

fn schema() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fiks-arkiv/no.ks.fiks.arkiv.v1.arkivering.arkivmelding.opprett.xsd")
}

/// The texts of every `<tag>` (with or without the n5mdk prefix), in order.
fn values(xml: &str, tag: &str) -> Vec<String> {
    let mut out = Vec::new();
    for open in [format!("<{tag}>"), format!("<n5mdk:{tag}>")] {
        let close = open.replacen('<', "</", 1);
        let mut rest = xml;
        while let Some(start) = rest.find(&open) {
            let after = &rest[start + open.len()..];
            let end = after.find(&close).expect("the element closes");
            out.push(
                after[..end]
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&amp;", "&"),
            );
            rest = &after[end..];
        }
    }
    out
}

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn setup(dir: &Path) -> PathBuf {
    let db = dir.join("m.sqlite3");
    let mut record = motebok::package::read(motebok::app::demo::EXAMPLE_PACKAGE).unwrap();
    let item = &mut record.meeting.items[3];
    item.exempt = Some(Exemption {
        basis: BASIS.into(),
    });
    item.description = Some("Saksgrunnlaget om Tindeprisen.".into());
    item.notes = Some("Forhandlingene om Kvitfjellavtalen ble drøftet.".into());
    item.decision = Some("Rådet byr Kvitfjellbeløpet.".into());
    // Markup in the text must be escaped, a named vote becomes votering, a case description
    // with a proposed decision becomes utredning: all of it must still validate.
    record.meeting.items[4].title = "R&D <pilot> \"eByggesak\" & co".into();
    record.meeting.items[4].vote = Some(motebok::model::Vote::Named {
        for_votes: vec!["aasen-ms".into(), "langoy-gm".into()],
        against: vec!["skalhavn-k".into()],
        abstaining: vec!["ersvik-ps".into()],
    });
    record.meeting.items[5].description = Some("Saken gjelder **eierskap** & drift.".into());
    record.meeting.items[5].proposed_decision = Some("Rådet ber om et underlag.".into());
    let package = dir.join("m4.motebok.json");
    std::fs::write(&package, motebok::package::write(&record)).unwrap();
    let out = motebok(&db, &["import", package.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    db
}

#[test]
fn unapproved_minutes_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let target = dir.path().join("arkiv");
    let out = motebok(
        &db,
        &["archive-export", "2024/M4", "-o", target.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("are not approved"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(!target.exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn approved_minutes_become_valid_arkivmelding_messages_with_checked_documents() {
    tools::require(&["xmllint", "pdftotext"]);
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let out = motebok(&db, &["approve", "2024/M4"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let target = dir.path().join("arkiv");
    let out = motebok(
        &db,
        &["archive-export", "2024/M4", "-o", target.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("wrote"), "{}", text(&out.stdout));

    let mut folders: Vec<PathBuf> = std::fs::read_dir(&target)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    folders.sort();
    let names: Vec<String> = folders
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        vec![
            "01-moetemappe",
            "02-moeteprotokoll",
            "03-moetesak-001",
            "04-moetesak-002",
            "05-moetesak-003",
            "06-moetesak-004",
            "07-moetesak-005",
            "08-moetesak-006",
            "09-moetesak-007",
        ]
    );

    let key = "Samarbeidsrådet for ROR-IKT:2024/M4";
    let mut public_copies = Vec::new();
    let mut full_copies = Vec::new();
    for folder in &folders {
        let xml_path = folder.join("arkivmelding.xml");
        // Valid against the schema.
        let lint = Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(schema())
            .arg(&xml_path)
            .output()
            .expect("xmllint runs");
        assert!(
            lint.status.success(),
            "{} does not validate: {}",
            xml_path.display(),
            text(&lint.stderr)
        );
        let xml = std::fs::read_to_string(&xml_path).unwrap();

        // Linked by the meeting's key: the folder carries it, every registration names it.
        let keys = values(&xml, "noekkel");
        if folder.ends_with("01-moetemappe") {
            assert!(xml.contains("xsi:type=\"moetemappe\""));
            assert_eq!(keys[0], key);
            assert!(values(&xml, "kode").iter().any(|k| k == "MI"), "{xml}");
        } else {
            assert!(
                !xml.contains("<mappe"),
                "one folder only, in the first message"
            );
        }
        if folder.ends_with("02-moeteprotokoll") {
            assert!(values(&xml, "kode").iter().any(|k| k == "MP"), "{xml}");
        }
        assert!(keys.iter().any(|k| k == key), "{xml}");
        assert_eq!(xml.matches("<registrering ").count(), 1, "{xml}");

        // Every document named exists with the stated checksum and size, and nothing else is
        // in the folder.
        let files = values(&xml, "referanseDokumentfil");
        let sums = values(&xml, "sjekksum");
        let sizes = values(&xml, "filstoerrelse");
        let variants: Vec<String> = values(&xml, "kode")
            .into_iter()
            .filter(|k| k == "A" || k == "O")
            .collect();
        assert_eq!(files.len(), sums.len());
        assert_eq!(files.len(), sizes.len());
        assert_eq!(files.len(), variants.len());
        assert_eq!(values(&xml, "antallFiler"), vec![files.len().to_string()]);
        for (((file, sum), size), variant) in files.iter().zip(&sums).zip(&sizes).zip(&variants) {
            let bytes = std::fs::read(folder.join(file))
                .unwrap_or_else(|e| panic!("{file} named in {}: {e}", xml_path.display()));
            let digest = Sha256::digest(&bytes)
                .iter()
                .fold(String::new(), |hex, b| hex + &format!("{b:02x}"));
            assert_eq!(&digest, sum, "{file}");
            assert_eq!(&bytes.len().to_string(), size, "{file}");
            assert!(bytes.starts_with(b"%PDF-"), "{file}");
            if variant == "O" {
                public_copies.push(folder.join(file));
            } else {
                full_copies.push(folder.join(file));
            }
        }
        let on_disk = std::fs::read_dir(folder).unwrap().count();
        assert_eq!(on_disk, files.len() + 1, "{}", folder.display());

        // The exempt item and the documents holding it carry the basis; nothing else does.
        let bases = values(&xml, "skjermingshjemmel");
        let exempt = folder.ends_with("06-moetesak-004")
            || folder.ends_with("01-moetemappe")
            || folder.ends_with("02-moeteprotokoll");
        if exempt {
            assert!(!bases.is_empty(), "{xml}");
            assert!(bases.iter().all(|b| b == BASIS), "{bases:?}");
        } else {
            assert!(bases.is_empty(), "{}: {bases:?}", folder.display());
        }
        if folder.ends_with("07-moetesak-005") {
            assert_eq!(
                values(&xml, "tittel"),
                vec!["R&D <pilot> \"eByggesak\" & co"]
            );
            assert_eq!(values(&xml, "stemme"), vec!["Ja", "Ja", "Nei", "Blankt"]);
        }
        if folder.ends_with("08-moetesak-006") {
            assert!(xml.contains("<utredning>"), "{xml}");
        }
        if folder.ends_with("06-moetesak-004") {
            assert!(xml.contains("<n5mdk:kode>23</n5mdk:kode>"), "{xml}");
            assert_eq!(values(&xml, "registreringsID"), vec!["2024/M4-004"]);
        }
    }
    assert_eq!(
        public_copies.len(),
        2,
        "notice and minutes each have a public copy"
    );
    assert_eq!(full_copies.len(), 2);

    // The public copies withhold the exempt content and show the basis; the full copies hold it.
    for copy in &public_copies {
        let words = pdftotext(copy);
        for w in WITHHELD {
            assert!(!words.contains(w), "{} shows «{w}»", copy.display());
        }
        assert!(
            words.contains(&format!("Unntatt offentlighet, {BASIS}")),
            "{}",
            copy.display()
        );
    }
    let minutes = pdftotext(
        full_copies
            .iter()
            .find(|p| p.to_string_lossy().contains("moteprotokoll"))
            .unwrap(),
    );
    assert!(minutes.contains("Kvitfjellavtalen"), "{minutes}");
    assert!(!minutes.contains("UTKAST"), "approved minutes are no draft");

    // A second export into the same folder is refused and changes nothing.
    let before = std::fs::read(folders[1].join("arkivmelding.xml")).unwrap();
    let out = motebok(
        &db,
        &["archive-export", "2024/M4", "-o", target.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("is not empty"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::read(folders[1].join("arkivmelding.xml")).unwrap(),
        before
    );
}

#[test]
fn signed_minutes_go_to_the_archive_beside_the_archive_copy() {
    tools::require(&["xmllint"]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite3");
    let signed = {
        let mut store = motebok::store::Store::open(&db).unwrap();
        let id = sign_support::approved_demo(&mut store);
        let now = sign_support::now();
        motebok::sign::sign_meeting(&mut store, id, sign_support::referent(), now).unwrap();
        motebok::sign::sign_meeting(&mut store, id, sign_support::chair(), now).unwrap();
        store
            .signed_document(id)
            .unwrap()
            .expect("signed minutes are stored")
    };
    let target = dir.path().join("arkiv");
    let out = motebok(
        &db,
        &["archive-export", "2024/M4", "-o", target.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let folder = target.join("02-moeteprotokoll");
    let xml_path = folder.join("arkivmelding.xml");
    let lint = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(schema())
        .arg(&xml_path)
        .output()
        .expect("xmllint runs");
    assert!(lint.status.success(), "{}", text(&lint.stderr));
    let xml = std::fs::read_to_string(&xml_path).unwrap();
    assert_eq!(
        values(&xml, "referanseDokumentfil"),
        vec![
            "moteprotokoll-2024-M4.pdf",
            "moteprotokoll-2024-M4-signert.pdf"
        ]
    );
    assert!(values(&xml, "kode").iter().any(|k| k == "S"), "{xml}");
    assert_eq!(values(&xml, "antallFiler"), vec!["2"]);
    // The signed file is the stored signed document, byte for byte, with its checksum.
    let written = std::fs::read(folder.join("moteprotokoll-2024-M4-signert.pdf")).unwrap();
    assert_eq!(written, signed);
    let digest = Sha256::digest(&signed)
        .iter()
        .fold(String::new(), |hex, b| hex + &format!("{b:02x}"));
    assert_eq!(values(&xml, "sjekksum")[1], digest);
}
