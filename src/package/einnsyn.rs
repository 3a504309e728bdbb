//! A meeting in the eInnsyn API's `Moetemappe` model (felleslosninger/einnsyn-api-spec,
//! `einnsyn.arkiv.models.tsp`), public version only.
//!
//! Built from the public fields only: an exempt item is listed with its title and its legal
//! basis (in `beskrivelse`: "Unntatt offentlighet, offl. § 24"), and nothing of its
//! description, proposed decision, decision, vote, guests, notes or follow-ups. Fields the
//! system assigns (`id`, `deleted`, `utvalgObjekt`, dates of publication) are left to eInnsyn.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde_json::{Value, json};

use crate::model::{Item, ItemKind, MeetingRecord, Outcome, Vote, surname};

/// The last Sunday of `month` in `year`.
fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }
    .unwrap_or_default();
    let mut day = first_next.pred_opt().unwrap_or_default();
    while day.weekday() != Weekday::Sun {
        day = day.pred_opt().unwrap_or_default();
    }
    day
}

/// A local time in Norway as RFC 3339 with its UTC offset: +02:00 in summer time (from the
/// last Sunday of March to the last Sunday of October), +01:00 otherwise.
#[must_use]
pub fn oslo_rfc3339(local: NaiveDateTime) -> String {
    let year = local.date().year();
    let two = NaiveTime::from_hms_opt(2, 0, 0).unwrap_or_default();
    let three = NaiveTime::from_hms_opt(3, 0, 0).unwrap_or_default();
    let summer_from = last_sunday(year, 3).and_time(two);
    let summer_to = last_sunday(year, 10).and_time(three);
    let offset = if local >= summer_from && local < summer_to {
        "+02:00"
    } else {
        "+01:00"
    };
    format!("{}{offset}", local.format("%Y-%m-%dT%H:%M:%S"))
}

fn text(body: &str) -> Value {
    json!({
        "entity": "Moetesaksbeskrivelse",
        "tekstInnhold": body.trim(),
        "tekstFormat": "tekst",
    })
}

fn moetesak(record: &MeetingRecord, item: &Item) -> Value {
    let m = &record.meeting;
    let case = m.case_number(item).to_string();
    let title = if item.title.trim().is_empty() {
        "(uten tittel)"
    } else {
        item.title.trim()
    };
    let kind = match item.kind {
        ItemKind::Decision => "politisk",
        ItemKind::Information => "orientering",
        ItemKind::Discussion | ItemKind::OtherBusiness => "annet",
    };
    let mut sak = json!({
        "entity": "Moetesak",
        "externalId": format!("{}:{case}", record.body.name.trim()),
        "offentligTittel": title,
        "offentligTittelSensitiv": title,
        "moetesakstype": kind,
        "moetesaksaar": m.reference.year,
        "moetesakssekvensnummer": item.number,
        "utvalg": record.body.name.trim(),
    });
    if let Some(ex) = &item.exempt {
        sak["beskrivelse"] = json!(format!("Unntatt offentlighet, {}", ex.basis.trim()));
        return sak;
    }
    if let Some(p) = item
        .proposed_decision
        .as_deref()
        .filter(|t| !t.trim().is_empty())
    {
        sak["innstilling"] = text(p);
    }
    if let Some(decision) = item.decision.as_deref().filter(|t| !t.trim().is_empty()) {
        let mut vedtak = json!({
            "entity": "Vedtak",
            "vedtakstekst": text(decision),
            "dato": m.date.format("%Y-%m-%d").to_string(),
        });
        if let Some(Vote::Named {
            for_votes,
            against,
            abstaining,
        }) = &item.vote
        {
            let mut votes = Vec::new();
            for (people, vote) in [(for_votes, "Ja"), (against, "Nei"), (abstaining, "Blankt")] {
                for p in people {
                    votes.push(json!({
                        "entity": "Votering",
                        "moetedeltaker": {
                            "entity": "Moetedeltaker",
                            "moetedeltakerNavn": record.name_of(p),
                        },
                        "stemme": vote,
                    }));
                }
            }
            vedtak["votering"] = Value::Array(votes);
        }
        let mut protocol = Vec::new();
        if let Some(vote) = &item.vote {
            protocol.push(vote.result_line(&|p| surname(&record.name_of(p)).to_owned()));
        }
        match item.outcome {
            Some(Outcome::Noted) => protocol.push("Tatt til orientering".to_owned()),
            Some(Outcome::Postponed) => protocol.push("Utsatt til neste møte".to_owned()),
            _ => {}
        }
        if !protocol.is_empty() {
            vedtak["behandlingsprotokoll"] = json!({
                "entity": "Behandlingsprotokoll",
                "tekstInnhold": protocol.join(". "),
                "tekstFormat": "tekst",
            });
        }
        sak["vedtak"] = vedtak;
    }
    sak
}

/// The meeting as an eInnsyn `Moetemappe` with its `moetesak` list, public version only.
#[must_use]
pub fn moetemappe(record: &MeetingRecord) -> Value {
    let m = &record.meeting;
    let body = record.body.name.trim();
    let title = format!("Møte {} – {body}", m.reference);
    let at = m.date.and_time(m.start.unwrap_or_default());
    let mut mappe = json!({
        "entity": "Moetemappe",
        "externalId": crate::package::arkivmelding::meeting_key(record),
        "offentligTittel": title,
        "offentligTittelSensitiv": title,
        "moetenummer": m.reference.to_string(),
        "utvalg": body,
        "moetedato": oslo_rfc3339(at),
        "moetesak": m.items.iter().map(|i| moetesak(record, i)).collect::<Vec<_>>(),
    });
    if !m.place.trim().is_empty() {
        mappe["moetested"] = json!(m.place.trim());
    }
    mappe
}

/// [`moetemappe`] as the text of the file: pretty-printed JSON, UTF-8, ending in a newline.
#[must_use]
pub fn moetemappe_json(record: &MeetingRecord) -> String {
    let mut text = serde_json::to_string_pretty(&moetemappe(record)).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn norwegian_summer_and_winter_time() {
        assert_eq!(
            oslo_rfc3339(at("2024-06-12 08:15")),
            "2024-06-12T08:15:00+02:00"
        );
        assert_eq!(
            oslo_rfc3339(at("2024-01-10 08:15")),
            "2024-01-10T08:15:00+01:00"
        );
        // 2024: summer time from Sunday 31 March to Sunday 27 October.
        assert_eq!(
            oslo_rfc3339(at("2024-03-31 12:00")),
            "2024-03-31T12:00:00+02:00"
        );
        assert_eq!(
            oslo_rfc3339(at("2024-03-30 12:00")),
            "2024-03-30T12:00:00+01:00"
        );
        assert_eq!(
            oslo_rfc3339(at("2024-10-27 12:00")),
            "2024-10-27T12:00:00+01:00"
        );
        assert_eq!(
            oslo_rfc3339(at("2024-10-26 12:00")),
            "2024-10-26T12:00:00+02:00"
        );
    }
}
