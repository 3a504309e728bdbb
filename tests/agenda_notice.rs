//! The notice of a meeting built with the agenda builder from the example meeting, written by
//! `motebok render notice` and read back with poppler's `pdftotext`: every case number, title
//! and presenter in agenda order, descriptions, proposed decisions and attachment names, æøå
//! intact; the public notice holds no text of an exempt item's description.

mod tools;

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use motebok::model::agenda::{AgendaContext, build_agenda, default_template, postponed_items};
use motebok::model::{Exemption, Item, ItemKind, MeetingRecord, MeetingRef, Outcome};
use motebok::store::{ImportMode, Store};

const EXAMPLE: &str = include_str!("../assets/demo/2024-M4.motebok.json");
const SECRET: &str = "Forhandlingsposisjonen er maksimalt tolvhundretusen kroner";

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().expect("tool runs");
    assert!(
        out.status.success(),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn motebok(db: &Path, args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_motebok"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "motebok {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Each needle found after the previous one.
fn assert_in_order(hay: &str, needles: &[String]) {
    let mut at = 0;
    for n in needles {
        match hay[at..].find(n.as_str()) {
            Some(p) => at += p + n.len(),
            None => panic!(
                "«{n}» not found after position {at} in:\n{}",
                &hay[at.min(hay.len())..]
            ),
        }
    }
}

/// Whitespace runs as one space (pdftotext breaks lines where the PDF does).
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The example meeting imported, item 5 postponed, and meeting 2024/M5 built from it: standard
/// items, the postponed item carried over, two new cases (one exempt, one with attachments).
fn build(db: &Path) -> MeetingRecord {
    let mut store = Store::open(db).unwrap();
    let example = motebok::package::read(EXAMPLE).unwrap();
    let m4 = store.import_record(&example, ImportMode::Refuse).unwrap();
    let mut prev = store.load_meeting(m4).unwrap().meeting;
    prev.items[4].outcome = Some(Outcome::Postponed);
    store.save_meeting(m4, &prev).unwrap();

    let chair = prev.chair.clone();
    let referent = prev.referent.clone();
    let ctx = AgendaContext {
        body: "Samarbeidsrådet for ROR-IKT",
        chair: chair.as_ref(),
        referent: referent.as_ref(),
        previous_date: Some(prev.date),
    };
    let mut cases = postponed_items(&prev);
    let mut exempt = Item::new(
        0,
        "Reforhandling av avtale med leverandør",
        ItemKind::Decision,
    );
    exempt.presenters = vec!["gjortz-f".into()];
    exempt.description = Some(format!("{SECRET}.\n\n- bakgrunn\n  - detaljer"));
    exempt.proposed_decision = Some("Leder gis fullmakt innenfor rammen.".into());
    exempt.exempt = Some(Exemption {
        basis: "offl. § 23".into(),
    });
    let mut open = Item::new(
        0,
        "Felles plattform for øvingsarenaer på Åndalsnes",
        ItemKind::Discussion,
    );
    open.presenters = vec!["kristengard-mk".into(), "spilling-t".into()];
    open.description = Some(
        "Saken gjelder **felles** øvingsarena.\n\n- første punkt\n  - underpunkt med æøå".into(),
    );
    open.proposed_decision = Some("Samarbeidsrådet ber om en utredning.".into());
    open.attachments = vec![
        store
            .store_attachment("Utredning øvingsarena.pdf", b"%PDF-1.4 utredning")
            .unwrap(),
        store
            .store_attachment("Kostnadsoverslag.xlsx", b"PK xlsx")
            .unwrap(),
    ];
    cases.push(exempt);
    cases.push(open);
    let mut meeting = prev.clone();
    meeting.reference = MeetingRef::new(2024, 5);
    meeting.date = NaiveDate::from_ymd_opt(2024, 9, 11).unwrap();
    meeting.status = motebok::model::MeetingStatus::Planned;
    for a in &mut meeting.attendance {
        a.status = motebok::model::AttendanceStatus::Summoned;
    }
    meeting.items = build_agenda(&default_template(), &ctx, cases);
    let id = store
        .create_meeting("Samarbeidsrådet for ROR-IKT", &meeting)
        .unwrap();
    store.load_meeting(id).unwrap()
}

fn render(db: &Path, dir: &Path, public: bool) -> PathBuf {
    let out = dir.join(if public { "public.pdf" } else { "notice.pdf" });
    let mut args = vec!["render", "notice", "2024/M5", "-o", out.to_str().unwrap()];
    if public {
        args.push("--public");
    }
    motebok(db, &args);
    out
}

#[test]
fn the_notice_lists_the_built_agenda_in_order_with_presenters_and_attachments() {
    tools::require(&["pdftotext", "pdfinfo", "pdffonts"]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite3");
    let record = build(&db);
    let m = &record.meeting;
    assert_eq!(m.items.len(), 8);
    let pdf = render(&db, dir.path(), false);

    // The agenda table, in order: case number, title, presenters.
    let layout = run("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    let start = layout.find("Saksliste").expect("an agenda table");
    let mut expected = Vec::new();
    for item in &m.items {
        expected.push(m.case_number(item).to_string());
        expected.push(item.title.split_whitespace().next().unwrap().to_owned());
        expected.extend(item.presenters.iter().map(|p| record.name_of(p)));
    }
    assert_in_order(&layout[start..], &expected);

    // Then every item with its description, proposed decision and attachments by name.
    let text = squash(&run("pdftotext", &[pdf.to_str().unwrap(), "-"]));
    let mut expected = vec![
        "Samarbeidsrådet for ROR-IKT".to_owned(),
        "Innkalling".to_owned(),
        "Del (Storgata 33, 3.etg)".to_owned(),
        "Innkalt".to_owned(),
    ];
    for item in &m.items {
        expected.push(m.case_number(item).to_string());
        expected.push(item.title.clone());
    }
    assert_in_order(&text, &expected);
    for needle in [
        "Møtereferatet fra møtet 12.6.2024 godkjennes.",
        "Utsatt fra 2024/M4-005",
        "Utredning øvingsarena.pdf",
        "Kostnadsoverslag.xlsx",
        "underpunkt med æøå",
        "Felles plattform for øvingsarenaer på Åndalsnes",
        SECRET,
    ] {
        assert!(
            text.contains(needle),
            "«{needle}» missing from the notice:\n{text}"
        );
    }

    let info = run("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.contains("Innkalling 2024/M5"), "{info}");
    assert!(info.contains("Author:"), "{info}");
    let fonts = run("pdffonts", &[pdf.to_str().unwrap()]);
    for line in fonts.lines().skip(2) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        // name type encoding emb sub uni object ID
        let emb = cols[cols.len() - 5];
        assert_eq!(emb, "yes", "a font is not embedded: {line}");
    }
}

#[test]
fn the_public_notice_holds_nothing_of_an_exempt_items_description() {
    tools::require(&["pdftotext"]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite3");
    let record = build(&db);
    let pdf = render(&db, dir.path(), true);
    let text = squash(&run("pdftotext", &[pdf.to_str().unwrap(), "-"]));
    let exempt = record
        .meeting
        .items
        .iter()
        .find(|i| i.exempt.is_some())
        .unwrap();
    // Number, title and legal basis are shown...
    let case = record.meeting.case_number(exempt).to_string();
    assert!(text.contains(&case), "{text}");
    assert!(
        text.contains("Reforhandling av avtale med leverandør"),
        "{text}"
    );
    assert!(text.contains("offl. § 23"), "{text}");
    // ...and no word of its description or proposed decision.
    for secret in [
        "Forhandlingsposisjonen",
        "tolvhundretusen",
        "bakgrunn",
        "detaljer",
        "fullmakt innenfor rammen",
    ] {
        assert!(
            !text.contains(secret),
            "«{secret}» leaked into the public notice:\n{text}"
        );
    }
    // The other items are whole.
    assert!(text.contains("underpunkt med æøå"));
}

#[test]
fn a_notice_written_after_sending_marks_the_changes_since() {
    tools::require(&["pdftotext"]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite3");
    let record = build(&db);
    {
        let mut store = Store::open(&db).unwrap();
        let id = store.find_meetings(None, MeetingRef::new(2024, 5)).unwrap()[0].id;
        let mut m = record.meeting.clone();
        m.status = motebok::model::MeetingStatus::NoticeSent;
        let sent = motebok::model::agenda::NoticeBaseline::of(&m);
        store
            .save_notice_baseline(
                id,
                &sent,
                NaiveDate::from_ymd_opt(2024, 9, 1)
                    .unwrap()
                    .and_hms_opt(9, 0, 0)
                    .unwrap(),
            )
            .unwrap();
        m.items[2].proposed_decision = Some("Rapporten tas til orientering med merknader.".into());
        let mut late = Item::new(9, "Sak meldt etter innkallingen", ItemKind::Information);
        late.planned_minutes = Some(10);
        m.items.push(late);
        store.save_meeting(id, &m).unwrap();
    }
    let pdf = render(&db, dir.path(), false);
    let text = squash(&run("pdftotext", &[pdf.to_str().unwrap(), "-"]));
    assert_in_order(
        &text,
        &[
            "2024/M5-003".to_owned(),
            "Endret etter innkallingen".to_owned(),
            "2024/M5-009".to_owned(),
            "Ny etter innkallingen".to_owned(),
            "Saker".to_owned(),
            "2024/M5-003".to_owned(),
            "Endret etter at innkallingen ble sendt: forslag til vedtak.".to_owned(),
            "2024/M5-009".to_owned(),
            "Saken er lagt til etter at innkallingen ble sendt.".to_owned(),
        ],
    );
    assert_eq!(
        text.matches("Endret etter").count(),
        2,
        "only item 3 changed: {text}"
    );
}
