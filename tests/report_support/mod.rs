//! Shared helpers for the report tests: the example meeting, PDF tools from poppler and qpdf.
#![allow(dead_code, reason = "each test crate uses part of the shared helpers")]

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use motebok::model::{
    Attendance, AttendanceStatus, Body, Exemption, Item, ItemKind, Meeting, MeetingRecord,
    MeetingRef, MeetingStatus, Outcome, Person, PersonId,
};
use serde_json::Value;

/// The example meeting 2024/M4, read from the crate's copy of the example file. Kept
/// independent of `package` so these tests exercise the report layer alone.
pub fn example() -> MeetingRecord {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/2024-M4.motebok.json");
    let json: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let s = |v: &Value| v.as_str().map(str::to_owned);
    let ids = |v: &Value| -> Vec<PersonId> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str())
                    .map(PersonId::from)
                    .collect()
            })
            .unwrap_or_default()
    };
    let time = |v: &Value| {
        v.as_str()
            .map(|t| NaiveTime::parse_from_str(t, "%H:%M").unwrap())
    };
    let people = json["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| Person {
            id: PersonId::from(p["id"].as_str().unwrap()),
            name: s(&p["name"]).unwrap(),
            organization: s(&p["organization"]),
        })
        .collect();
    let m = &json["meeting"];
    let attendance = m["attendance"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| Attendance {
            person: PersonId::from(a["person"].as_str().unwrap()),
            status: AttendanceStatus::from_code(a["status"].as_str().unwrap()).unwrap(),
            deputy_for: a["deputy_for"].as_str().map(PersonId::from),
            arrived: time(&a["arrived"]),
            left: time(&a["left"]),
            note: s(&a["note"]),
            ..Attendance::default()
        })
        .collect();
    let items = m["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| Item {
            number: u32::try_from(i["number"].as_u64().unwrap()).unwrap(),
            title: s(&i["title"]).unwrap(),
            kind: ItemKind::from_code(i["kind"].as_str().unwrap()).unwrap(),
            presenters: ids(&i["presenters"]),
            description: s(&i["description"]),
            proposed_decision: s(&i["proposed_decision"]),
            decision: s(&i["decision"]),
            guests: ids(&i["guests"]),
            notes: s(&i["notes"]),
            exempt: i["exempt"]["basis"].as_str().map(|b| Exemption {
                basis: b.to_owned(),
            }),
            planned_minutes: i["planned_minutes"]
                .as_u64()
                .map(|n| u32::try_from(n).unwrap()),
            outcome: i["outcome"].as_str().and_then(Outcome::from_code),
            ..Item::default()
        })
        .collect();
    MeetingRecord {
        body: Body::new(json["body"]["name"].as_str().unwrap()),
        people,
        meeting: Meeting {
            reference: MeetingRef::new(
                i32::try_from(m["year"].as_i64().unwrap()).unwrap(),
                u32::try_from(m["number"].as_u64().unwrap()).unwrap(),
            ),
            date: NaiveDate::parse_from_str(m["date"].as_str().unwrap(), "%Y-%m-%d").unwrap(),
            start: time(&m["start"]),
            end: time(&m["end"]),
            place: s(&m["place"]).unwrap_or_default(),
            chair: m["chair"].as_str().map(PersonId::from),
            referent: m["referent"].as_str().map(PersonId::from),
            status: MeetingStatus::DraftMinutes,
            attendance,
            items,
            ..Meeting::default()
        },
    }
}

/// The example with descriptions and proposed decisions, as a notice would carry them.
pub fn example_with_descriptions() -> MeetingRecord {
    let mut r = example();
    for item in &mut r.meeting.items {
        item.description = Some(format!(
            "Saken gjelder **{}**. Se også vedlegg og https://ror-ikt.no/saker/{}.\n\n- første punkt\n  - underpunkt med æøå",
            item.title.to_lowercase(),
            item.number
        ));
        item.proposed_decision = item.decision.clone();
        item.planned_minutes = Some(15);
    }
    r
}

/// A fixed production time, so output is reproducible.
pub fn generated() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2024, 6, 13)
        .unwrap()
        .and_hms_opt(10, 2, 0)
        .unwrap()
}

/// Fails the test unless every tool is installed (see `tests/tools`).
pub fn need(tools: &[&str]) {
    crate::tools::require(tools);
}

/// Writes bytes to a fresh temporary file and returns the directory guard and the path.
pub fn temp_pdf(bytes: &[u8], name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

/// Runs a tool and returns its standard output; panics with its error output on failure.
pub fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `pdftotext` of a file, with or without `-layout`.
pub fn pdftotext(path: &Path, layout: bool) -> String {
    let p = path.to_str().unwrap();
    if layout {
        run("pdftotext", &["-layout", "-enc", "UTF-8", p, "-"])
    } else {
        run("pdftotext", &["-enc", "UTF-8", p, "-"])
    }
}

/// The text of each page separately.
pub fn pages_text(path: &Path, pages: usize) -> Vec<String> {
    (1..=pages)
        .map(|n| {
            let n = n.to_string();
            run(
                "pdftotext",
                &[
                    "-f",
                    &n,
                    "-l",
                    &n,
                    "-enc",
                    "UTF-8",
                    path.to_str().unwrap(),
                    "-",
                ],
            )
        })
        .collect()
}

/// The page count that `pdfinfo` reports.
pub fn page_count(path: &Path) -> usize {
    let info = run("pdfinfo", &[path.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// Asserts that `needles` occur in `hay` in this order, each after the previous one.
pub fn assert_in_order(hay: &str, needles: &[String]) {
    let mut from = 0;
    for n in needles {
        match hay[from..].find(n.as_str()) {
            Some(p) => from += p + n.len(),
            None => panic!(
                "«{n}» not found after byte {from}; in the whole text: {}\n---\n{hay}",
                hay.contains(n.as_str())
            ),
        }
    }
}

/// Collapses runs of whitespace (line breaks included) to single spaces.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One field of `pdfinfo` output («Title», «Author»...), trimmed.
pub fn info_field(info: &str, field: &str) -> String {
    info.lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .map(|v| v.trim().to_owned())
        .unwrap_or_default()
}
