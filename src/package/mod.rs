//! The meeting package (`.motebok.json`, FORMAT.md): read, validate, write.
//!
//! One meeting with its body and every person it mentions, as UTF-8 JSON. [`read`] checks the
//! whole file and either returns the meeting or refuses it with every problem it found, each
//! naming its field (`meeting.items[3].presenters[0]: unknown person "x"`); nothing is ever
//! dropped or changed silently. [`write`] produces the one canonical text of a meeting, so
//! `write(&read(&write(r))?)` is byte for byte `write(r)`.
//!
//! Additions to FORMAT.md version 1 (optional `meeting.status`, optional `body.members`) are
//! described in `docs/FORMAT-additions.md`. No file I/O here: callers pass text in and get
//! text out.

pub mod arkivmelding;
mod attachments;
pub mod einnsyn;
mod error;
mod json;
mod read;
pub mod review;
mod write;

pub use error::{FieldError, PackageError};
pub use json::limits;

/// The largest meeting package read, in bytes (attachments included, base64).
pub const MAX_PACKAGE_BYTES: u64 = 512 * 1024 * 1024;

/// The largest review package read, in bytes (the draft PDF included, base64).
pub const MAX_REVIEW_BYTES: u64 = 200_000_000;

/// The largest reply to a review read, in bytes.
pub const MAX_REPLY_BYTES: u64 = 16_000_000;

/// Refuses a text longer than `max` bytes before parsing it.
pub(crate) fn check_size(text: &str, max: u64, what: &str) -> Result<(), PackageError> {
    if text.len() as u64 > max {
        return Err(FieldError::new(
            "",
            format!(
                "the {what} is {} bytes, more than the {max} bytes Møtebok reads",
                text.len()
            ),
        )
        .into());
    }
    Ok(())
}

use crate::model::MeetingRecord;

/// The value of the `format` field of every meeting package.
pub const FORMAT: &str = "motebok/meeting";

/// The newest package version this Møtebok reads and the version it writes.
pub const VERSION: u32 = 1;

/// Parses and validates a meeting package.
///
/// Returns the meeting only if the file is entirely valid; otherwise every problem found
/// (bad JSON with line and column, wrong `format`, newer `version`, missing or mistyped
/// fields, unknown codes, dangling or duplicate person ids, bad item numbering, unknown
/// fields, names that are not plain file names, values beyond [`limits`], ...). When `meeting.status` is absent it is derived: `draft_minutes` if some item
/// has a decision, else `planned`. Absent optional text is `None` (`place`: empty).
pub fn read(text: &str) -> Result<MeetingRecord, PackageError> {
    read::read(text)
}

/// Writes `record` as a package: pretty JSON with two-space indent and a final newline, keys
/// in the order of FORMAT.md's example, absent optional fields left out (except `exempt`,
/// always written as `null` or `{"basis": ...}`), people in the order of `record.people`.
///
/// Times are written as `HH:MM` (seconds are dropped). The record is written as it is: a
/// record `read` would refuse (say, a dangling person id) is written anyway and refused on
/// reading.
#[must_use]
pub fn write(record: &MeetingRecord) -> String {
    write::write(record)
}

/// Like [`read`], also returning the bytes of the attachments the file carries (`data`,
/// checked against `size` and `sha256`), by SHA-256. [`read`] checks them too but drops them.
pub fn read_with_attachments(
    text: &str,
) -> Result<(MeetingRecord, crate::model::agenda::Blobs), PackageError> {
    read::read_with_blobs(text)
}

/// Like [`write`], with each attachment's bytes (base64 `data`) taken from `blobs`; an
/// attachment whose bytes are not in `blobs` is written without `data`.
#[must_use]
pub fn write_with_attachments(
    record: &MeetingRecord,
    blobs: &crate::model::agenda::Blobs,
) -> String {
    let mut tree = write::tree(record);
    attachments::add_data(&mut tree, blobs);
    tree.to_pretty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Attendance, AttendanceStatus, Body, Exemption, Item, ItemKind, Meeting, MeetingRef,
        MeetingStatus, Membership, Outcome, Person, PersonId, Role,
    };
    use chrono::{NaiveDate, NaiveTime};

    fn full_record() -> MeetingRecord {
        let p = |id: &str, name: &str, org: Option<&str>| Person {
            id: PersonId::from(id),
            name: name.to_owned(),
            organization: org.map(str::to_owned),
        };
        let mut body = Body::new("Samarbeidsrådet for ROR-IKT");
        body.members.push(Membership {
            person: "a".into(),
            role: Role::Chair,
            municipality: Some("Molde".into()),
            from: NaiveDate::from_ymd_opt(2024, 1, 1),
            to: NaiveDate::from_ymd_opt(2027, 12, 31),
        });
        body.members.push(Membership {
            person: "b".into(),
            role: Role::DeputyMember,
            municipality: None,
            from: None,
            to: None,
        });
        let mut deputy = Attendance::new("b".into(), AttendanceStatus::Deputy);
        deputy.deputy_for = Some("c".into());
        deputy.arrived = NaiveTime::from_hms_opt(9, 5, 0);
        deputy.left = NaiveTime::from_hms_opt(10, 30, 0);
        deputy.note = Some("kom \"sent\"\tpga. tog".into());
        let mut item = Item::new(1, "Lukket sak", ItemKind::Decision);
        item.presenters = vec!["a".into(), "b".into()];
        item.description = Some("- punkt\n  - underpunkt\n".into());
        item.proposed_decision = Some("Forslag".into());
        item.decision = Some("Vedtak".into());
        item.guests = vec!["c".into()];
        item.notes = Some("Linje 1\r\nLinje 2 \\ æøå".into());
        item.exempt = Some(Exemption {
            basis: "offl. § 24".into(),
        });
        item.planned_minutes = Some(0);
        item.outcome = Some(Outcome::Postponed);
        MeetingRecord {
            body,
            people: vec![
                p("c", "Åsen, Ole", None),
                p("a", "Aasen, Marianne", Some("Molde kommune")),
                p("b", "Berg, Kari", None),
            ],
            meeting: Meeting {
                reference: MeetingRef::new(2025, 11),
                date: NaiveDate::from_ymd_opt(2025, 12, 3).unwrap(),
                start: NaiveTime::from_hms_opt(8, 15, 0),
                end: NaiveTime::from_hms_opt(23, 59, 0),
                place: "Del".into(),
                chair: Some("a".into()),
                referent: Some("b".into()),
                status: MeetingStatus::InReview,
                attendance: vec![
                    Attendance::new("a".into(), AttendanceStatus::Present),
                    deputy,
                ],
                items: vec![item, Item::new(2, "Eventuelt", ItemKind::OtherBusiness)],
                ..Default::default()
            },
        }
    }

    #[test]
    fn every_field_survives_a_round_trip() {
        let r = full_record();
        let text = write(&r);
        let back = read(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(back, r);
        assert_eq!(write(&back), text);
    }

    #[test]
    fn minimal_record_round_trips_with_empty_optional_parts() {
        let mut r = full_record();
        r.body.members.clear();
        r.meeting.attendance.clear();
        r.meeting.items.clear();
        r.meeting.place.clear();
        r.meeting.start = None;
        r.meeting.end = None;
        r.meeting.chair = None;
        r.meeting.referent = None;
        r.meeting.status = MeetingStatus::Planned;
        let text = write(&r);
        assert!(!text.contains("\"members\""), "{text}");
        assert!(!text.contains("\"attendance\""), "{text}");
        assert!(!text.contains("\"place\""), "{text}");
        assert!(text.contains("\"items\": []"), "{text}");
        assert_eq!(read(&text).unwrap(), r);
    }

    #[test]
    fn keys_are_written_in_format_order() {
        let text = write(&full_record());
        let order = [
            "\"format\"",
            "\"version\"",
            "\"body\"",
            "\"members\"",
            "\"people\"",
            "\"meeting\"",
            "\"year\"",
            "\"number\"",
            "\"date\"",
            "\"start\"",
            "\"end\"",
            "\"place\"",
            "\"chair\"",
            "\"referent\"",
            "\"status\"",
            "\"attendance\"",
            "\"deputy_for\"",
            "\"arrived\"",
            "\"left\"",
            "\"note\"",
            "\"items\"",
            "\"title\"",
            "\"kind\"",
            "\"presenters\"",
            "\"description\"",
            "\"proposed_decision\"",
            "\"decision\"",
            "\"guests\"",
            "\"notes\"",
            "\"exempt\"",
            "\"planned_minutes\"",
            "\"outcome\"",
        ];
        let mut at = 0;
        for key in order {
            let found = text[at..]
                .find(key)
                .unwrap_or_else(|| panic!("{key} missing or out of order in\n{text}"));
            at += found;
        }
        assert!(text.starts_with("{\n  \"format\": \"motebok/meeting\",\n  \"version\": 1,\n"));
        assert!(text.ends_with("}\n") && !text.ends_with("}\n\n"));
        assert!(
            text.contains("\"exempt\": null"),
            "item 2 writes exempt as null"
        );
    }

    #[test]
    fn absent_status_is_derived_from_decisions() {
        let mut r = full_record();
        let with_decision = write(&r).replace("    \"status\": \"in_review\",\n", "");
        assert!(!with_decision.contains("in_review"));
        assert_eq!(
            read(&with_decision).unwrap().meeting.status,
            MeetingStatus::DraftMinutes
        );
        r.meeting.items[0].decision = None;
        let without = write(&r).replace("    \"status\": \"in_review\",\n", "");
        assert_eq!(
            read(&without).unwrap().meeting.status,
            MeetingStatus::Planned
        );
    }

    #[test]
    fn null_optional_fields_read_as_absent() {
        let text = r#"{"format":"motebok/meeting","version":1,"body":{"name":"R","members":null},
            "people":[{"id":"a","name":"A","organization":null}],
            "meeting":{"year":2024,"number":1,"date":"2024-01-02","start":null,"place":null,
              "chair":null,"attendance":null,"items":[{"number":1,"title":"T","kind":"other_business",
              "presenters":null,"decision":null,"exempt":null,"outcome":null}]}}"#;
        let r = read(text).unwrap();
        assert_eq!(r.people[0].organization, None);
        assert_eq!(r.meeting.place, "");
        assert_eq!(r.meeting.items[0].presenters, Vec::<PersonId>::new());
        assert_eq!(r.meeting.status, MeetingStatus::Planned);
    }

    #[test]
    fn errors_are_all_collected() {
        let text = r#"{"format":"motebok/meeting","version":1,"body":{},
            "people":[{"id":"a","name":"A"},{"id":"a","name":"B"}],
            "meeting":{"year":"2024","number":0,"date":"2024-02-30","start":"25:00",
              "items":[{"number":1,"title":7,"kind":"vote","presenters":["zz"]}]}}"#;
        let e = read(text).unwrap_err();
        let paths: Vec<&str> = e.errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "body.name",
                "people[1].id",
                "meeting.year",
                "meeting.number",
                "meeting.date",
                "meeting.start",
                "meeting.items[0].title",
                "meeting.items[0].kind",
                "meeting.items[0].presenters[0]",
            ],
            "{e}"
        );
    }
}
