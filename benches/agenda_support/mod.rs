//! A long agenda for the agenda benchmarks: 40 items whose descriptions add up to about 30
//! pages (paragraphs, nested bullets, bold), with presenters, proposed decisions, planned
//! times, an exempt item and attachments.
#![allow(dead_code, reason = "each bench uses part of the shared data")]

use chrono::{NaiveDate, NaiveTime};
use motebok::model::{
    Attachment, Attendance, AttendanceStatus, Body, Exemption, Item, ItemKind, Meeting,
    MeetingRecord, MeetingRef, MeetingStatus, Person, PersonId,
};

const SENTENCES: [&str; 8] = [
    "Saken gjelder orientering om økonomistatus og oversikt over aktiviteter for ROR-IKT siden forrige rapportering.",
    "Prognosen for året er oppdatert og viser et estimert merforbruk som hovedsakelig kommer fra prisøkninger.",
    "Vi har gjennomført en **reforhandling** av alle linjesamband og oppnådd en god reduksjon i pris.",
    "Ved inntreden av Hustadvika kommune i samarbeidet er det en viss usikkerhet rundt treffsikkerheten av budsjettet.",
    "Drift av stab og lokaler: utvidelse av ressurskapasiteten har medført et økt behov for plass i Storgata 33.",
    "Investeringskostnadene er angitt nedenfor, og alle investeringene er justert med oppdaterte prognoser.",
    "Samarbeidsrådet ber om at kommunalsjefene blir involvert i utarbeidelsen av et beslutningsgrunnlag.",
    "Tidsfrist: så snart som mulig og senest til møtet i samarbeidsrådet i september.",
];

fn sentences(seed: usize, n: usize) -> String {
    (0..n)
        .map(|k| SENTENCES[(seed * 5 + k * 3) % SENTENCES.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

/// About three quarters of a page: three paragraphs and a two-level list.
fn description(i: usize) -> String {
    format!(
        "{}\n\n{}\n\n- {}\n  - {}\n  - {}\n- {}\n\n{}",
        sentences(i, 4),
        sentences(i + 1, 3),
        sentences(i + 2, 1),
        sentences(i + 3, 1),
        sentences(i + 4, 1),
        sentences(i + 5, 1),
        sentences(i + 6, 3),
    )
}

/// Meeting 2024/M5 with 40 items.
#[must_use]
pub fn long_agenda() -> MeetingRecord {
    let people: Vec<Person> = (0..16)
        .map(|i| Person {
            id: PersonId(format!("p{i}")),
            name: format!("Ærlendsøy{i}, Åse Marit"),
            organization: Some("Molde kommune".to_owned()),
        })
        .collect();
    let items = (0..40)
        .map(|i| {
            let mut item = Item::new(
                u32::try_from(i + 1).unwrap(),
                format!("Sak {} om felles tjenester for ROR-kommunene (æøå)", i + 1),
                ItemKind::ALL[i % 4],
            );
            item.presenters = vec![people[i % 16].id.clone(), people[(i + 5) % 16].id.clone()];
            item.description = Some(description(i));
            item.proposed_decision = Some(format!(
                "Samarbeidsrådet tar saken til orientering. {}",
                sentences(i, 1)
            ));
            item.planned_minutes = Some(5 + u32::try_from(i % 4).unwrap() * 5);
            if i % 9 == 4 {
                item.exempt = Some(Exemption {
                    basis: "offl. § 23".to_owned(),
                });
            }
            if i % 5 == 0 {
                item.attachments = vec![Attachment {
                    name: format!("Vedlegg {} – rapport.pdf", i + 1),
                    size_bytes: 120_000,
                    sha256: "0".repeat(64),
                }];
            }
            item
        })
        .collect();
    MeetingRecord {
        body: Body::new("Samarbeidsrådet for ROR-IKT"),
        meeting: Meeting {
            reference: MeetingRef::new(2024, 5),
            date: NaiveDate::from_ymd_opt(2024, 9, 11).unwrap(),
            start: NaiveTime::from_hms_opt(8, 15, 0),
            end: NaiveTime::from_hms_opt(15, 0, 0),
            place: "Del (Storgata 33, 3.etg)".to_owned(),
            chair: Some(people[0].id.clone()),
            referent: Some(people[1].id.clone()),
            status: MeetingStatus::Planned,
            attendance: people
                .iter()
                .take(10)
                .map(|p| Attendance::new(p.id.clone(), AttendanceStatus::Summoned))
                .collect(),
            items,
            ..Meeting::default()
        },
        people,
    }
}
