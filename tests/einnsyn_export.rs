//! `motebok publish-export`, run as a real process: the eInnsyn `Moetemappe` of approved
//! minutes has the model's required fields, lists the exempt item with its basis, and holds no
//! withheld word anywhere; unapproved minutes are refused.

mod cli_support;

use cli_support::{motebok, text};
use std::path::{Path, PathBuf};

use motebok::model::{Exemption, FollowUp, Vote};
use serde_json::Value;

const BASIS: &str = "offl. § 24";
/// Words only the exempt item's content holds (Ulvestad votes only there; Sande is its guest).
const WITHHELD: &[&str] = &[
    "Tindeprisen",
    "Kvitfjellforslaget",
    "Kvitfjellbeløpet",
    "Kvitfjellavtalen",
    "Fjellvaken",
    "Ulvestad",
    "Sande",
];

fn setup(dir: &Path) -> PathBuf {
    let db = dir.join("m.sqlite3");
    let mut record = motebok::package::read(motebok::app::demo::EXAMPLE_PACKAGE).unwrap();
    let item = &mut record.meeting.items[3];
    item.exempt = Some(Exemption {
        basis: BASIS.into(),
    });
    item.description = Some("Saksgrunnlaget om Tindeprisen.".into());
    item.proposed_decision = Some("Kvitfjellforslaget vedtas.".into());
    item.decision = Some("Rådet byr Kvitfjellbeløpet.".into());
    item.notes = Some("Forhandlingene om Kvitfjellavtalen ble drøftet.".into());
    item.follow_ups.push(FollowUp {
        task: "Send Fjellvaken tilbudet".into(),
        responsible: Some("gjortz-f".into()),
        ..FollowUp::default()
    });
    item.vote = Some(Vote::Named {
        for_votes: vec!["aasen-ms".into(), "ulvestad-ph".into()],
        against: vec![],
        abstaining: vec![],
    });
    record.meeting.items[4].vote = Some(Vote::Named {
        for_votes: vec!["aasen-ms".into(), "langoy-gm".into()],
        against: vec!["skalhavn-k".into()],
        abstaining: vec![],
    });
    let package = dir.join("m4.motebok.json");
    std::fs::write(&package, motebok::package::write(&record)).unwrap();
    let out = motebok(&db, &["import", package.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    db
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("«{key}» is a string in {v}"))
}

/// Every string in the JSON value (keys and values).
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => {
            for (k, x) in o {
                out.push(k.clone());
                strings(x, out);
            }
        }
        _ => {}
    }
}

#[test]
fn unapproved_minutes_are_not_published() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let file = dir.path().join("m.json");
    let out = motebok(
        &db,
        &["publish-export", "2024/M4", "-o", file.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("are not approved"),
        "{}",
        text(&out.stderr)
    );
    assert!(!file.exists());
}

#[test]
fn the_public_moetemappe_has_its_required_fields_and_no_withheld_word() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let out = motebok(&db, &["approve", "2024/M4"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let file = dir.path().join("m.json");
    let out = motebok(
        &db,
        &["publish-export", "2024/M4", "-o", file.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("2024/M4-004 listed as exempt (offl. § 24), its content withheld"),
        "{stdout}"
    );

    let raw = std::fs::read_to_string(&file).unwrap();
    for w in WITHHELD {
        assert!(!raw.contains(w), "the file holds «{w}»");
    }
    let v: Value = serde_json::from_str(&raw).unwrap();
    let mut all = Vec::new();
    strings(&v, &mut all);
    for w in WITHHELD {
        assert!(!all.iter().any(|s| s.contains(w)), "a value holds «{w}»");
    }

    // Moetemappe: the model's required fields.
    assert_eq!(str_of(&v, "entity"), "Moetemappe");
    assert_eq!(str_of(&v, "moetenummer"), "2024/M4");
    assert_eq!(str_of(&v, "utvalg"), "Samarbeidsrådet for ROR-IKT");
    assert_eq!(
        str_of(&v, "offentligTittel"),
        "Møte 2024/M4 – Samarbeidsrådet for ROR-IKT"
    );
    assert!(!str_of(&v, "offentligTittelSensitiv").is_empty());
    assert_eq!(str_of(&v, "moetedato"), "2024-06-12T08:15:00+02:00");
    assert_eq!(str_of(&v, "moetested"), "Del (Storgata 33, 3.etg)");

    // Moetesak: one per item, required fields, the exempt one with its basis and nothing else.
    let saker = v["moetesak"].as_array().expect("moetesak is a list");
    assert_eq!(saker.len(), 7);
    for (i, sak) in saker.iter().enumerate() {
        assert_eq!(str_of(sak, "entity"), "Moetesak");
        assert!(!str_of(sak, "offentligTittel").is_empty());
        assert!(!str_of(sak, "offentligTittelSensitiv").is_empty());
        assert!(
            [
                "moete",
                "politisk",
                "delegert",
                "interpellasjon",
                "godkjenning",
                "orientering",
                "referat",
                "annet"
            ]
            .contains(&str_of(sak, "moetesakstype"))
        );
        assert_eq!(sak["moetesakssekvensnummer"], i + 1);
        assert_eq!(sak["moetesaksaar"], 2024);
        if i == 3 {
            assert_eq!(
                str_of(sak, "beskrivelse"),
                "Unntatt offentlighet, offl. § 24"
            );
            assert_eq!(
                str_of(sak, "offentligTittel"),
                "Felles arkivtjeneste for ROR-kommunene"
            );
            for withheld in ["vedtak", "innstilling", "utredning"] {
                assert!(sak.get(withheld).is_none(), "{withheld} in {sak}");
            }
        } else {
            assert!(sak.get("beskrivelse").is_none());
            let vedtak = &sak["vedtak"];
            assert_eq!(str_of(vedtak, "entity"), "Vedtak");
            assert!(!str_of(&vedtak["vedtakstekst"], "tekstInnhold").is_empty());
            assert_eq!(str_of(&vedtak["vedtakstekst"], "tekstFormat"), "tekst");
            assert_eq!(str_of(vedtak, "dato"), "2024-06-12");
        }
    }
    let votes = saker[4]["vedtak"]["votering"].as_array().unwrap();
    let cast: Vec<(&str, &str)> = votes
        .iter()
        .map(|v| {
            (
                str_of(&v["moetedeltaker"], "moetedeltakerNavn"),
                str_of(v, "stemme"),
            )
        })
        .collect();
    assert_eq!(
        cast,
        vec![
            ("Aasen, Marianne Stokkereit", "Ja"),
            ("Langøy, Gerd Marit", "Ja"),
            ("Skålhavn, Kristian", "Nei"),
        ]
    );
    assert_eq!(
        str_of(&saker[4]["vedtak"]["behandlingsprotokoll"], "tekstInnhold"),
        "Vedtatt mot 1 stemme (Skålhavn)"
    );

    // No temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains("partial")), "{names:?}");
}
