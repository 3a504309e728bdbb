//! Rendering speed of a long meeting: 40 items with long notes and nested lists (about 30
//! pages) laid out and written as PDF bytes.
#![allow(
    missing_docs,
    reason = "criterion_group! makes an undocumented function"
)]

use std::fmt::Write as _;
use std::hint::black_box;

use chrono::{NaiveDate, NaiveTime};
use criterion::{Criterion, criterion_group, criterion_main};
use motebok::model::{
    Attendance, AttendanceStatus, Body, Item, ItemKind, Meeting, MeetingRecord, MeetingRef,
    MeetingStatus, Person, PersonId,
};
use motebok::report::{MinutesOptions, minutes, render_minutes_pdf, write_pdf};

const SENTENCES: [&str; 8] = [
    "Samarbeidsrådet ble orientert om økonomistatus og oversikt over aktiviteter for ROR-IKT siden forrige rapportering.",
    "Udir må ta hensyn til Microsoft sine «patch Tuesdays» i planleggingen av eksamen for å unngå at elevene blir heftet bort.",
    "I forbindelse med balansering av Molde kommune sitt budsjett har også ROR-IKT blitt oppfordret til å levere inn forslag til kutt.",
    "Det ble uttrykt usikkerhet rundt gevinsten og kostnadene ved et slikt samarbeid – se https://ror-ikt.no/rapporter/2024/aktivitet.",
    "Kommunene lanserte Helseplattformen i fjerde kvartal 2023 og innføringsprosjektet er i ferd med å avsluttes.",
    "Det blir **viktig** å sørge for samkjørt og *optimalisert* bruk av Helseplattformen i alle kommunene.",
    "Samarbeidsrådet ber om at kommunalsjefene blir involvert i utarbeidelsen av et beslutningsgrunnlag med kostnadsindikasjon.",
    "Tidsfrist: så snart som mulig og senest til møtet i samarbeidsrådet i september.",
];

fn sentences(seed: usize, n: usize) -> String {
    (0..n)
        .map(|k| SENTENCES[(seed * 7 + k * 3) % SENTENCES.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

/// A meeting of 40 items, each with two paragraphs and a two-level list in its notes.
fn long_meeting() -> MeetingRecord {
    let people: Vec<Person> = (0..16)
        .map(|i| Person {
            id: PersonId(format!("p{i}")),
            name: format!("Ærlendsøy{i}, Åse Marit"),
            organization: Some("Molde kommune".to_owned()),
        })
        .collect();
    let attendance = people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let status = if i % 5 == 4 {
                AttendanceStatus::Absent
            } else {
                AttendanceStatus::Present
            };
            Attendance::new(p.id.clone(), status)
        })
        .collect();
    let items = (1..=40u32)
        .map(|n| {
            let i = n as usize;
            let mut item = Item::new(
                n,
                format!("Sak nummer {n}: anskaffelse og drift av fellestjenester i ROR-kommunene"),
                ItemKind::Decision,
            );
            item.presenters = vec![people[i % 16].id.clone()];
            item.guests = vec![people[(i + 3) % 16].id.clone()];
            item.decision = Some(sentences(i, 2));
            let mut notes = format!("{}\n\n{}\n\n", sentences(i, 4), sentences(i + 1, 3));
            for b in 0..3 {
                let _ = writeln!(notes, "- {}", sentences(i + b, 1));
                let _ = writeln!(notes, "  - {}", sentences(i + b + 2, 2));
                let _ = writeln!(notes, "  - {}", sentences(i + b + 4, 1));
            }
            item.notes = Some(notes);
            item
        })
        .collect();
    MeetingRecord {
        body: Body::new("Samarbeidsrådet for ROR-IKT"),
        people,
        meeting: Meeting {
            reference: MeetingRef::new(2024, 4),
            date: NaiveDate::from_ymd_opt(2024, 6, 12).unwrap(),
            start: NaiveTime::from_hms_opt(8, 15, 0),
            end: NaiveTime::from_hms_opt(11, 0, 0),
            place: "Del (Storgata 33, 3.etg)".to_owned(),
            chair: Some(PersonId::from("p0")),
            referent: Some(PersonId::from("p1")),
            status: MeetingStatus::DraftMinutes,
            attendance,
            items,
            ..Meeting::default()
        },
    }
}

/// Full render, layout alone, and PDF writing alone.
fn bench(c: &mut Criterion) {
    let record = long_meeting();
    let opts = MinutesOptions {
        generated: NaiveDate::from_ymd_opt(2024, 6, 13)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap(),
        ..MinutesOptions::default()
    };
    let doc = minutes(&record, &opts);
    let bytes = render_minutes_pdf(&record, &opts).unwrap();
    eprintln!(
        "long meeting: {} pages, {} KiB",
        doc.pages.len(),
        bytes.len() / 1024
    );

    c.bench_function("minutes_40_items_to_pdf", |b| {
        b.iter(|| render_minutes_pdf(black_box(&record), black_box(&opts)).unwrap());
    });
    c.bench_function("minutes_40_items_layout_only", |b| {
        b.iter(|| minutes(black_box(&record), black_box(&opts)));
    });
    c.bench_function("minutes_40_items_pdf_only", |b| {
        b.iter(|| write_pdf(black_box(&doc), opts.generated).unwrap());
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
