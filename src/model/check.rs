//! The completeness check of minutes before approval: what kommuneloven § 11-4 and good
//! practice want a møtebok to hold and these minutes lack.
//!
//! [`check_minutes`] is pure: it reads a [`MeetingRecord`] and returns every [`Finding`], each
//! with where it is (the meeting, an item, a member, a follow-up) and what is missing. The
//! command line (`motebok check`) and the Rapport pane show the same list.

use std::collections::HashSet;

use super::{
    AttendanceStatus, ItemKind, MeetingRecord, Outcome, PersonId, Quorum, Vote, in_room,
    is_disqualified, presence, voting_members,
};

/// Where a finding is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// The meeting as a whole (date, time, place, chair, referent).
    Meeting,
    /// An agenda item, by number.
    Item(u32),
    /// A person on (or missing from) the summoned list.
    Person(PersonId),
    /// A person in one item (a vote, a disqualification).
    ItemPerson(u32, PersonId),
    /// A follow-up of an item: its position in the item's list, from 1.
    FollowUp {
        /// The item's number.
        item: u32,
        /// Position in the item's follow-ups, from 1.
        position: usize,
    },
}

/// What the minutes lack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Missing {
    /// No start time.
    NoStart,
    /// No end time.
    NoEnd,
    /// The end time is before the start time.
    EndBeforeStart,
    /// No place.
    NoPlace,
    /// No chair (møteleder).
    NoChair,
    /// No referent.
    NoReferent,
    /// A summoned person has no attendance status (still "innkalt").
    NoStatus,
    /// A voting member of the body on the meeting's date is not on the summoned list.
    NotSummoned,
    /// A deputy without the member met for.
    DeputyNotLinked,
    /// A deputy meets for someone who is not a voting member on the meeting's date.
    DeputyForNonMember(PersonId),
    /// A deputy meets for a member who is marked present too.
    DeputyForPresentMember(PersonId),
    /// A late arrival with a time but no item.
    ArrivalNotTiedToItem,
    /// An early departure with a time but no item.
    DepartureNotTiedToItem,
    /// Arrived after the item the person left after.
    ArrivalAfterDeparture,
    /// An attendance row or disqualification names an item the meeting does not have.
    UnknownItem(u32),
    /// Too few members in the room for the item (kommuneloven § 11-9).
    NoQuorum {
        /// Members counted as present.
        counted: usize,
        /// Members the rule requires.
        required: usize,
    },
    /// No outcome: neither a Vedtak, nor taken as information, nor postponed.
    NoOutcome,
    /// A decision (or a decision case without an outcome) without the Vedtak's text.
    NoDecision,
    /// A vote with no votes recorded, so no result.
    VoteWithoutResult,
    /// More votes counted than members in the room.
    MoreVotesThanPresent {
        /// Votes for, against and abstaining together.
        votes: usize,
        /// Members counted as present for the item.
        present: usize,
    },
    /// Someone named in a vote was not in the room for the item.
    VoterNotInRoom,
    /// A member disqualified for the item is named in its vote.
    DisqualifiedVoted,
    /// A disqualification without its reason (the legal basis).
    DisqualificationWithoutReason,
    /// A disqualified person who was not at the meeting.
    DisqualifiedNotPresent,
    /// An exempt item without a legal basis.
    ExemptWithoutBasis,
    /// An exempt item whose basis names no section (§).
    ExemptBasisWithoutSection,
    /// Case numbers out of order or with a gap: this position should have this number.
    NumberOutOfOrder {
        /// The number the position should have.
        expected: u32,
    },
    /// A follow-up without a task.
    FollowUpWithoutTask,
    /// A follow-up without a person responsible.
    FollowUpWithoutPerson,
    /// A follow-up without a deadline.
    FollowUpWithoutDeadline,
}

/// One thing the minutes lack, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Where.
    pub place: Place,
    /// What.
    pub missing: Missing,
}

/// The result of [`check_minutes`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// Everything missing, meeting first, then by item.
    pub findings: Vec<Finding>,
    /// Rules that could not be applied, and why (e.g. no membership recorded for quorum).
    pub not_checked: Vec<String>,
}

impl CheckReport {
    /// Whether nothing is missing.
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.findings.is_empty()
    }
}

/// Checks the minutes of `record` for what the law and good practice want them to hold.
#[must_use]
pub fn check_minutes(record: &MeetingRecord) -> CheckReport {
    let mut report = CheckReport::default();
    let m = &record.meeting;
    let mut push =
        |place: Place, missing: Missing| report.findings.push(Finding { place, missing });

    // The meeting: time, place, chair, referent.
    match (m.start, m.end) {
        (None, _) => push(Place::Meeting, Missing::NoStart),
        (Some(s), Some(e)) if e < s => push(Place::Meeting, Missing::EndBeforeStart),
        _ => {}
    }
    if m.end.is_none() {
        push(Place::Meeting, Missing::NoEnd);
    }
    if m.place.trim().is_empty() {
        push(Place::Meeting, Missing::NoPlace);
    }
    if m.chair.is_none() {
        push(Place::Meeting, Missing::NoChair);
    }
    if m.referent.is_none() {
        push(Place::Meeting, Missing::NoReferent);
    }

    // Case numbers 1, 2, 3 ... in agenda order.
    for (position, item) in m.items.iter().enumerate() {
        let expected = u32::try_from(position + 1).unwrap_or(u32::MAX);
        if item.number != expected {
            push(
                Place::Item(item.number),
                Missing::NumberOutOfOrder { expected },
            );
        }
    }
    let numbers: HashSet<u32> = m.items.iter().map(|i| i.number).collect();

    // Attendance.
    let members = voting_members(record);
    for member in &members {
        if !m.attendance.iter().any(|a| &a.person == member) {
            push(Place::Person(member.clone()), Missing::NotSummoned);
        }
    }
    for row in &m.attendance {
        let at = || Place::Person(row.person.clone());
        match row.status {
            AttendanceStatus::Summoned => push(at(), Missing::NoStatus),
            AttendanceStatus::Deputy => match &row.deputy_for {
                None => push(at(), Missing::DeputyNotLinked),
                Some(seat) => {
                    if !members.is_empty() && !members.contains(seat) {
                        push(at(), Missing::DeputyForNonMember(seat.clone()));
                    }
                    if m.attendance
                        .iter()
                        .any(|a| &a.person == seat && a.status == AttendanceStatus::Present)
                    {
                        push(at(), Missing::DeputyForPresentMember(seat.clone()));
                    }
                }
            },
            _ => {}
        }
        if row.arrived.is_some() && row.arrived_item.is_none() {
            push(at(), Missing::ArrivalNotTiedToItem);
        }
        if row.left.is_some() && row.left_after_item.is_none() {
            push(at(), Missing::DepartureNotTiedToItem);
        }
        if let (Some(a), Some(l)) = (row.arrived_item, row.left_after_item)
            && a > l
        {
            push(at(), Missing::ArrivalAfterDeparture);
        }
        for n in [row.arrived_item, row.left_after_item]
            .into_iter()
            .flatten()
        {
            if !numbers.contains(&n) {
                push(at(), Missing::UnknownItem(n));
            }
        }
    }
    for d in &m.disqualifications {
        let at = Place::ItemPerson(d.item, d.person.clone());
        if !numbers.contains(&d.item) {
            push(at.clone(), Missing::UnknownItem(d.item));
        }
        if d.reason.trim().is_empty() {
            push(at.clone(), Missing::DisqualificationWithoutReason);
        }
        let attended = m.attendance.iter().any(|a| {
            a.person == d.person
                && matches!(
                    a.status,
                    AttendanceStatus::Present | AttendanceStatus::Deputy
                )
        });
        if !attended {
            push(at, Missing::DisqualifiedNotPresent);
        }
    }

    // Items: quorum, outcome, vote, exemption, follow-ups.
    for item in &m.items {
        let n = item.number;
        let here = || Place::Item(n);
        let p = presence(record, record.body.quorum, n);
        if p.quorum == Quorum::Lost && item.outcome != Some(Outcome::Postponed) {
            push(
                here(),
                Missing::NoQuorum {
                    counted: p.counted.len(),
                    required: p.required,
                },
            );
        }
        let has_decision = item
            .decision
            .as_deref()
            .is_some_and(|d| !d.trim().is_empty());
        match item.outcome {
            Some(Outcome::Decided) if !has_decision => push(here(), Missing::NoDecision),
            None if item.kind == ItemKind::Decision && !has_decision => {
                push(here(), Missing::NoDecision);
            }
            None => push(here(), Missing::NoOutcome),
            _ => {}
        }
        match &item.vote {
            Some(Vote::Counted {
                for_votes,
                against,
                abstaining,
            }) => {
                let votes = (*for_votes + *against + *abstaining) as usize;
                if votes == 0 {
                    push(here(), Missing::VoteWithoutResult);
                } else if !p.members.is_empty() && votes > p.counted.len() {
                    push(
                        here(),
                        Missing::MoreVotesThanPresent {
                            votes,
                            present: p.counted.len(),
                        },
                    );
                }
            }
            Some(Vote::Named {
                for_votes,
                against,
                abstaining,
            }) => {
                let voters: Vec<&PersonId> =
                    for_votes.iter().chain(against).chain(abstaining).collect();
                if voters.is_empty() {
                    push(here(), Missing::VoteWithoutResult);
                }
                for voter in voters {
                    let at = || Place::ItemPerson(n, voter.clone());
                    if is_disqualified(m, voter, n) {
                        push(at(), Missing::DisqualifiedVoted);
                    } else if !m
                        .attendance
                        .iter()
                        .any(|a| &a.person == voter && in_room(m, a, n))
                    {
                        push(at(), Missing::VoterNotInRoom);
                    }
                }
            }
            Some(Vote::Unanimous) | None => {}
        }
        if let Some(ex) = &item.exempt {
            let basis = ex.basis.trim();
            if basis.is_empty() {
                push(here(), Missing::ExemptWithoutBasis);
            } else if !basis.contains('§') {
                push(here(), Missing::ExemptBasisWithoutSection);
            }
        }
        for (i, f) in item.follow_ups.iter().enumerate() {
            let at = || Place::FollowUp {
                item: n,
                position: i + 1,
            };
            if f.task.trim().is_empty() {
                push(at(), Missing::FollowUpWithoutTask);
            }
            if f.responsible.is_none() {
                push(at(), Missing::FollowUpWithoutPerson);
            }
            if f.deadline.is_none() {
                push(at(), Missing::FollowUpWithoutDeadline);
            }
        }
    }

    if members.is_empty() && !m.items.is_empty() {
        report.not_checked.push(format!(
            "quorum: the body has no voting members recorded for {}",
            m.date.format("%Y-%m-%d")
        ));
    }
    report
}

impl Finding {
    /// Where the finding is, in English: "meeting", "2024/M4-003",
    /// "Langøy, Gerd Marit", "2024/M4-003, Langøy, Gerd Marit", "2024/M4-005, follow-up 1".
    #[must_use]
    pub fn place_text(&self, record: &MeetingRecord) -> String {
        let case = |n: u32| record.meeting.reference.case(n).to_string();
        match &self.place {
            Place::Meeting => "meeting".to_owned(),
            Place::Item(n) => case(*n),
            Place::Person(p) => record.name_of(p),
            Place::ItemPerson(n, p) => format!("{}, {}", case(*n), record.name_of(p)),
            Place::FollowUp { item, position } => format!("{}, follow-up {position}", case(*item)),
        }
    }

    /// What is missing, in English.
    #[must_use]
    pub fn missing_text(&self, record: &MeetingRecord) -> String {
        match &self.missing {
            Missing::NoStart => "no start time".into(),
            Missing::NoEnd => "no end time".into(),
            Missing::EndBeforeStart => "the end time is before the start time".into(),
            Missing::NoPlace => "no place".into(),
            Missing::NoChair => "no chair (møteleder)".into(),
            Missing::NoReferent => "no referent".into(),
            Missing::NoStatus => "summoned, but no attendance status (present, absent ...)".into(),
            Missing::NotSummoned => {
                "a voting member on the meeting's date, not on the summoned list".into()
            }
            Missing::DeputyNotLinked => "deputy, but not for a named member".into(),
            Missing::DeputyForNonMember(p) => format!(
                "deputy for {}, who is not a voting member on the meeting's date",
                record.name_of(p)
            ),
            Missing::DeputyForPresentMember(p) => format!(
                "deputy for {}, who is marked present too",
                record.name_of(p)
            ),
            Missing::ArrivalNotTiedToItem => {
                "arrived late at a time, but not from a named item".into()
            }
            Missing::DepartureNotTiedToItem => {
                "left early at a time, but not after a named item".into()
            }
            Missing::ArrivalAfterDeparture => "arrives after the item they left after".into(),
            Missing::UnknownItem(n) => format!("names item {n}, which the meeting does not have"),
            Missing::NoQuorum { counted, required } => {
                format!("no quorum: {counted} present, {required} required (kommuneloven § 11-9)")
            }
            Missing::NoOutcome => {
                "no outcome: record a Vedtak, take it as information, or postpone it".into()
            }
            Missing::NoDecision => "decision case without a Vedtak".into(),
            Missing::VoteWithoutResult => "a vote without a result (no votes recorded)".into(),
            Missing::MoreVotesThanPresent { votes, present } => {
                format!("{votes} votes counted, but only {present} members present")
            }
            Missing::VoterNotInRoom => "named in the vote, but not in the room for the item".into(),
            Missing::DisqualifiedVoted => "disqualified (inhabil), but named in the vote".into(),
            Missing::DisqualificationWithoutReason => {
                "disqualified (inhabil) without a reason".into()
            }
            Missing::DisqualifiedNotPresent => {
                "disqualified (inhabil), but not present at the meeting".into()
            }
            Missing::ExemptWithoutBasis => "exempt from public access without a legal basis".into(),
            Missing::ExemptBasisWithoutSection => {
                "exempt from public access, but the basis names no section (§)".into()
            }
            Missing::NumberOutOfOrder { expected } => {
                format!("case numbers out of order or with a gap: expected item {expected} here")
            }
            Missing::FollowUpWithoutTask => "follow-up without a task".into(),
            Missing::FollowUpWithoutPerson => "follow-up without a person responsible".into(),
            Missing::FollowUpWithoutDeadline => "follow-up without a deadline".into(),
        }
    }

    /// The finding as one line in Norwegian (Bokmål), as the Rapport pane shows it.
    #[must_use]
    pub fn line_nb(&self, record: &MeetingRecord) -> String {
        let case = |n: u32| record.meeting.reference.case(n).to_string();
        let place = match &self.place {
            Place::Meeting => "Møtet".to_owned(),
            Place::Item(n) => case(*n),
            Place::Person(p) => record.name_of(p),
            Place::ItemPerson(n, p) => format!("{}, {}", case(*n), record.name_of(p)),
            Place::FollowUp { item, position } => {
                format!("{}, oppfølging {position}", case(*item))
            }
        };
        let what = match &self.missing {
            Missing::NoStart => "starttid mangler".to_owned(),
            Missing::NoEnd => "sluttid mangler".to_owned(),
            Missing::EndBeforeStart => "sluttid er før starttid".to_owned(),
            Missing::NoPlace => "sted mangler".to_owned(),
            Missing::NoChair => "møteleder mangler".to_owned(),
            Missing::NoReferent => "referent mangler".to_owned(),
            Missing::NoStatus => "innkalt, men uten oppmøtestatus".to_owned(),
            Missing::NotSummoned => "medlem med stemmerett, men ikke innkalt".to_owned(),
            Missing::DeputyNotLinked => "vara, men ikke for et navngitt medlem".to_owned(),
            Missing::DeputyForNonMember(p) => format!(
                "vara for {}, som ikke er medlem med stemmerett",
                record.name_of(p)
            ),
            Missing::DeputyForPresentMember(p) => {
                format!("vara for {}, som også er til stede", record.name_of(p))
            }
            Missing::ArrivalNotTiedToItem => "kom senere, men fra hvilken sak mangler".to_owned(),
            Missing::DepartureNotTiedToItem => {
                "gikk tidligere, men etter hvilken sak mangler".to_owned()
            }
            Missing::ArrivalAfterDeparture => {
                "kommer etter saken vedkommende gikk etter".to_owned()
            }
            Missing::UnknownItem(n) => format!("viser til sak {n}, som møtet ikke har"),
            Missing::NoQuorum { counted, required } => format!(
                "ikke vedtaksført: {counted} til stede, {required} kreves (kommuneloven § 11-9)"
            ),
            Missing::NoOutcome => {
                "utfall mangler: vedtak, tatt til orientering eller utsatt".to_owned()
            }
            Missing::NoDecision => "vedtakssak uten vedtak".to_owned(),
            Missing::VoteWithoutResult => "avstemning uten resultat".to_owned(),
            Missing::MoreVotesThanPresent { votes, present } => {
                format!("{votes} stemmer, men bare {present} medlemmer til stede")
            }
            Missing::VoterNotInRoom => "stemte, men var ikke til stede i saken".to_owned(),
            Missing::DisqualifiedVoted => "inhabil, men stemte".to_owned(),
            Missing::DisqualificationWithoutReason => "inhabil uten begrunnelse".to_owned(),
            Missing::DisqualifiedNotPresent => "inhabil, men ikke til stede i møtet".to_owned(),
            Missing::ExemptWithoutBasis => "unntatt offentlighet uten hjemmel".to_owned(),
            Missing::ExemptBasisWithoutSection => {
                "unntatt offentlighet, men hjemmelen nevner ingen paragraf (§)".to_owned()
            }
            Missing::NumberOutOfOrder { expected } => {
                format!(
                    "saksnumrene er ute av rekkefølge eller har hull: her skulle sak {expected} stå"
                )
            }
            Missing::FollowUpWithoutTask => "oppfølging uten oppgave".to_owned(),
            Missing::FollowUpWithoutPerson => "oppfølging uten ansvarlig".to_owned(),
            Missing::FollowUpWithoutDeadline => "oppfølging uten frist".to_owned(),
        };
        format!("{place}: {what}")
    }

    /// The finding as one line: `WHERE: WHAT`.
    #[must_use]
    pub fn line(&self, record: &MeetingRecord) -> String {
        format!("{}: {}", self.place_text(record), self.missing_text(record))
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime};

    use super::*;
    use crate::model::{
        Attendance, Body, Exemption, FollowUp, Item, Meeting, MeetingRef, Membership, Person, Role,
    };

    fn t(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    fn complete() -> MeetingRecord {
        let people = ["a", "b", "c"]
            .iter()
            .map(|id| Person {
                id: (*id).into(),
                name: format!("{}, X", id.to_uppercase()),
                organization: None,
            })
            .collect();
        let mut body = Body::new("Rådet");
        for id in ["a", "b", "c"] {
            body.members.push(Membership {
                person: id.into(),
                role: if id == "a" { Role::Chair } else { Role::Member },
                municipality: None,
                from: None,
                to: None,
            });
        }
        let mut item = Item::new(1, "Sak", ItemKind::Decision);
        item.decision = Some("Vedtatt".into());
        item.outcome = Some(Outcome::Decided);
        MeetingRecord {
            body,
            people,
            meeting: Meeting {
                reference: MeetingRef::new(2024, 4),
                date: NaiveDate::from_ymd_opt(2024, 6, 12).unwrap(),
                start: t(8, 15),
                end: t(11, 0),
                place: "Molde".into(),
                chair: Some("a".into()),
                referent: Some("b".into()),
                attendance: ["a", "b", "c"]
                    .iter()
                    .map(|id| Attendance::new((*id).into(), AttendanceStatus::Present))
                    .collect(),
                items: vec![item],
                ..Meeting::default()
            },
        }
    }

    fn missing(r: &MeetingRecord) -> Vec<Missing> {
        check_minutes(r)
            .findings
            .into_iter()
            .map(|f| f.missing)
            .collect()
    }

    #[test]
    fn complete_minutes_have_no_findings() {
        let r = complete();
        let report = check_minutes(&r);
        assert!(report.is_complete(), "{report:?}");
        assert!(report.not_checked.is_empty());
    }

    #[test]
    fn header_gaps_are_named() {
        let mut r = complete();
        r.meeting.start = None;
        r.meeting.place = "  ".into();
        r.meeting.chair = None;
        assert_eq!(
            missing(&r),
            vec![Missing::NoStart, Missing::NoPlace, Missing::NoChair]
        );
    }

    #[test]
    fn lost_quorum_and_a_vote_by_someone_out_of_the_room() {
        let mut r = complete();
        r.meeting.attendance[1].status = AttendanceStatus::Absent;
        r.meeting.attendance[2].status = AttendanceStatus::Absent;
        r.meeting.items[0].vote = Some(Vote::Named {
            for_votes: vec!["a".into(), "c".into()],
            against: vec![],
            abstaining: vec![],
        });
        let report = check_minutes(&r);
        let lines: Vec<String> = report.findings.iter().map(|f| f.line(&r)).collect();
        assert_eq!(
            lines,
            vec![
                "2024/M4-001: no quorum: 1 present, 2 required (kommuneloven § 11-9)",
                "2024/M4-001, C, X: named in the vote, but not in the room for the item",
            ]
        );
    }

    #[test]
    fn item_gaps_are_named() {
        let mut r = complete();
        r.meeting.items[0].decision = None;
        let mut exempt = Item::new(3, "Lukket", ItemKind::Information);
        exempt.exempt = Some(Exemption { basis: " ".into() });
        exempt.vote = Some(Vote::Counted {
            for_votes: 0,
            against: 0,
            abstaining: 0,
        });
        exempt.follow_ups.push(FollowUp {
            task: "Gjør noe".into(),
            ..FollowUp::default()
        });
        r.meeting.items.push(exempt);
        let report = check_minutes(&r);
        let found: Vec<(Place, Missing)> = report
            .findings
            .into_iter()
            .map(|f| (f.place, f.missing))
            .collect();
        assert_eq!(
            found,
            vec![
                (Place::Item(3), Missing::NumberOutOfOrder { expected: 2 }),
                (Place::Item(1), Missing::NoDecision),
                (Place::Item(3), Missing::NoOutcome),
                (Place::Item(3), Missing::VoteWithoutResult),
                (Place::Item(3), Missing::ExemptWithoutBasis),
                (
                    Place::FollowUp {
                        item: 3,
                        position: 1
                    },
                    Missing::FollowUpWithoutPerson
                ),
                (
                    Place::FollowUp {
                        item: 3,
                        position: 1
                    },
                    Missing::FollowUpWithoutDeadline
                ),
            ]
        );
    }

    #[test]
    fn deputies_disqualifications_and_arrivals() {
        let mut r = complete();
        r.meeting.attendance[2].status = AttendanceStatus::Summoned;
        r.meeting.attendance[1].arrived = t(9, 0);
        r.meeting.attendance.push(Attendance {
            deputy_for: Some("a".into()),
            ..Attendance::new("d".into(), AttendanceStatus::Deputy)
        });
        r.meeting
            .disqualifications
            .push(crate::model::Disqualification {
                person: "b".into(),
                item: 1,
                reason: String::new(),
            });
        assert_eq!(
            missing(&r),
            vec![
                Missing::ArrivalNotTiedToItem,
                Missing::NoStatus,
                Missing::DeputyForPresentMember("a".into()),
                Missing::DisqualificationWithoutReason,
                Missing::NoQuorum {
                    counted: 1,
                    required: 2
                },
            ]
        );
    }

    #[test]
    fn without_members_quorum_is_reported_as_not_checked() {
        let mut r = complete();
        r.body.members.clear();
        let report = check_minutes(&r);
        assert!(report.is_complete());
        assert_eq!(report.not_checked.len(), 1, "{report:?}");
    }
}
