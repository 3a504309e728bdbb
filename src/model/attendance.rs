//! Who was in the room for each item, whether the body had a quorum, and the attendance lines
//! of the minutes ("Til stede", "Forfall", "Referent").
//!
//! Everything here is derived from a [`MeetingRecord`]: the summoned list with its statuses,
//! late arrivals and early departures by item ([`Attendance::arrived_item`],
//! [`Attendance::left_after_item`]), and members who left the room as disqualified
//! ([`Meeting::disqualifications`]).

use std::collections::HashSet;

use chrono::NaiveTime;

use super::{
    Attendance, AttendanceStatus, Disqualification, EditError, Meeting, MeetingRecord, PersonId,
    display_name, norwegian_cmp,
};

/// How many of a body's members must be present for it to make a decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuorumRule {
    /// At least `numerator/denominator` of the members. At least half (1/2) is what
    /// kommuneloven § 11-9 sets for elected municipal bodies, and the default.
    AtLeast {
        /// Numerator of the fraction.
        numerator: u32,
        /// Denominator of the fraction (1 or more).
        denominator: u32,
    },
    /// More than `numerator/denominator` of the members (e.g. more than half).
    MoreThan {
        /// Numerator of the fraction.
        numerator: u32,
        /// Denominator of the fraction (1 or more).
        denominator: u32,
    },
    /// At least this many members, whatever the size of the body.
    Count(u32),
}

impl Default for QuorumRule {
    fn default() -> Self {
        QuorumRule::AT_LEAST_HALF
    }
}

impl QuorumRule {
    /// At least half the members (kommuneloven § 11-9): the default.
    pub const AT_LEAST_HALF: QuorumRule = QuorumRule::AtLeast {
        numerator: 1,
        denominator: 2,
    };

    /// How many members must be present in a body of `members` members.
    #[must_use]
    pub fn required(self, members: usize) -> usize {
        let members = members as u64;
        let needed = match self {
            QuorumRule::AtLeast {
                numerator,
                denominator,
            } => (members * u64::from(numerator)).div_ceil(u64::from(denominator.max(1))),
            QuorumRule::MoreThan {
                numerator,
                denominator,
            } => members * u64::from(numerator) / u64::from(denominator.max(1)) + 1,
            QuorumRule::Count(n) => u64::from(n),
        };
        usize::try_from(needed).unwrap_or(usize::MAX)
    }

    /// Whether `present` members of a body of `members` members is a quorum.
    #[must_use]
    pub fn is_met(self, members: usize, present: usize) -> bool {
        present >= self.required(members)
    }

    /// Whether the rule can be applied: fractions need a denominator of 1 or more and must
    /// not ask for more than all members.
    #[must_use]
    pub fn is_valid(self) -> bool {
        match self {
            QuorumRule::AtLeast {
                numerator,
                denominator,
            } => denominator >= 1 && numerator >= 1 && numerator <= denominator,
            QuorumRule::MoreThan {
                numerator,
                denominator,
            } => denominator >= 1 && numerator < denominator,
            QuorumRule::Count(n) => n >= 1,
        }
    }

    /// The rule's kind as stored in files and the database: `at_least`, `more_than`, `count`.
    #[must_use]
    pub fn kind_code(self) -> &'static str {
        match self {
            QuorumRule::AtLeast { .. } => "at_least",
            QuorumRule::MoreThan { .. } => "more_than",
            QuorumRule::Count(_) => "count",
        }
    }

    /// The rule's numbers: the fraction for `at_least` and `more_than`, `(n, 1)` for `count`.
    #[must_use]
    pub fn numbers(self) -> (u32, u32) {
        match self {
            QuorumRule::AtLeast {
                numerator,
                denominator,
            }
            | QuorumRule::MoreThan {
                numerator,
                denominator,
            } => (numerator, denominator),
            QuorumRule::Count(n) => (n, 1),
        }
    }

    /// Builds a rule from [`QuorumRule::kind_code`] and [`QuorumRule::numbers`]; `None` when
    /// the kind is unknown or the rule would not be valid.
    #[must_use]
    pub fn from_parts(kind: &str, numerator: u32, denominator: u32) -> Option<Self> {
        let rule = match kind {
            "at_least" => QuorumRule::AtLeast {
                numerator,
                denominator,
            },
            "more_than" => QuorumRule::MoreThan {
                numerator,
                denominator,
            },
            "count" if denominator == 1 => QuorumRule::Count(numerator),
            _ => return None,
        };
        rule.is_valid().then_some(rule)
    }

    /// The rule in Norwegian, as the minutes and the Oppmøte pane say it:
    /// "minst halvparten av medlemmene".
    #[must_use]
    pub fn describe_nb(self) -> String {
        let fraction = |n: u32, d: u32| match (n, d) {
            (1, 2) => "halvparten".to_owned(),
            (1, 3) => "en tredjedel".to_owned(),
            (2, 3) => "to tredjedeler".to_owned(),
            (1, 4) => "en firedel".to_owned(),
            (3, 4) => "tre firedeler".to_owned(),
            (n, d) if n == d => "alle".to_owned(),
            (n, d) => format!("{n}/{d}"),
        };
        match self {
            QuorumRule::AtLeast {
                numerator,
                denominator,
            } => format!("minst {} av medlemmene", fraction(numerator, denominator)),
            QuorumRule::MoreThan {
                numerator,
                denominator,
            } => format!("mer enn {} av medlemmene", fraction(numerator, denominator)),
            QuorumRule::Count(n) => format!("minst {n} medlemmer"),
        }
    }
}

/// Whether the members present make a quorum.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quorum {
    /// Enough members are present (vedtaksført).
    Met,
    /// Too few members are present (ikke vedtaksført).
    Lost,
    /// The body has no voting members on the meeting's date, so it cannot be judged.
    Unknown,
}

/// Who was in the room for one item, and whether that was a quorum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemPresence {
    /// The item's number.
    pub item: u32,
    /// Everyone in the room for the item (present or meeting as deputy, arrived, not yet
    /// left, not disqualified), by name in Norwegian order.
    pub present: Vec<PersonId>,
    /// The body's voting members on the meeting's date (the seats), in membership order.
    pub members: Vec<PersonId>,
    /// The members counted as present: a member in the room, or a member whose deputy is in
    /// the room. Each member once, in membership order.
    pub counted: Vec<PersonId>,
    /// Members who left the room for this item as disqualified (inhabil).
    pub disqualified: Vec<PersonId>,
    /// How many members the rule requires.
    pub required: usize,
    /// Whether the counted members make a quorum.
    pub quorum: Quorum,
}

impl ItemPresence {
    /// Whether the item had a quorum.
    #[must_use]
    pub fn has_quorum(&self) -> bool {
        self.quorum == Quorum::Met
    }
}

/// The body's voting members on the meeting's date (chair, deputy chair, members), each once,
/// in membership order.
#[must_use]
pub fn voting_members(record: &MeetingRecord) -> Vec<PersonId> {
    let mut seen = HashSet::new();
    record
        .body
        .members_on(record.meeting.date)
        .filter(|m| m.role.is_voting())
        .filter(|m| seen.insert(&m.person))
        .map(|m| m.person.clone())
        .collect()
}

/// Whether the person of `row` was in the room for item `item`: present or deputy, arrived at
/// or before the item, left after it or not at all, and not disqualified for it.
#[must_use]
pub fn in_room(meeting: &Meeting, row: &Attendance, item: u32) -> bool {
    matches!(
        row.status,
        AttendanceStatus::Present | AttendanceStatus::Deputy
    ) && row.arrived_item.is_none_or(|a| a <= item)
        && row.left_after_item.is_none_or(|l| item <= l)
        && !is_disqualified(meeting, &row.person, item)
}

/// Whether `person` left the room for item `item` as disqualified.
#[must_use]
pub fn is_disqualified(meeting: &Meeting, person: &PersonId, item: u32) -> bool {
    meeting
        .disqualifications
        .iter()
        .any(|d| d.item == item && &d.person == person)
}

/// Sorts person keys by their names in Norwegian order (then by key).
fn sort_by_name(record: &MeetingRecord, people: &mut [PersonId]) {
    people.sort_by(|a, b| {
        norwegian_cmp(&record.name_of(a), &record.name_of(b)).then_with(|| a.cmp(b))
    });
}

/// Who was in the room for item `item` (its number) and whether it had a quorum under `rule`.
#[must_use]
pub fn presence(record: &MeetingRecord, rule: QuorumRule, item: u32) -> ItemPresence {
    let meeting = &record.meeting;
    let members = voting_members(record);
    let mut present = Vec::new();
    let mut counted_set: HashSet<&PersonId> = HashSet::new();
    for row in meeting
        .attendance
        .iter()
        .filter(|r| in_room(meeting, r, item))
    {
        present.push(row.person.clone());
        let seat = match row.status {
            AttendanceStatus::Deputy => row.deputy_for.as_ref(),
            _ => Some(&row.person),
        };
        if let Some(seat) = seat.filter(|s| members.contains(s)) {
            counted_set.insert(seat);
        }
    }
    sort_by_name(record, &mut present);
    let counted: Vec<PersonId> = members
        .iter()
        .filter(|m| counted_set.contains(m))
        .cloned()
        .collect();
    let mut disqualified: Vec<PersonId> = meeting
        .disqualifications
        .iter()
        .filter(|d| d.item == item)
        .map(|d| d.person.clone())
        .collect();
    sort_by_name(record, &mut disqualified);
    disqualified.dedup();
    let required = rule.required(members.len());
    let quorum = if members.is_empty() {
        Quorum::Unknown
    } else if counted.len() >= required {
        Quorum::Met
    } else {
        Quorum::Lost
    };
    ItemPresence {
        item,
        present,
        members,
        counted,
        disqualified,
        required,
        quorum,
    }
}

/// [`presence`] for every item, in agenda order.
#[must_use]
pub fn presence_by_item(record: &MeetingRecord, rule: QuorumRule) -> Vec<ItemPresence> {
    record
        .meeting
        .items
        .iter()
        .map(|i| presence(record, rule, i.number))
        .collect()
}

/// The attendance lines of the minutes' header. Names are "Surname, Given names" in Norwegian
/// order, with notes in brackets: "Ersvik, Per Sverre (fra sak 2024/M4-003)",
/// "Sjøholt, Britt (vara for Gerd Marit Langøy)".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeaderLines {
    /// Til stede: present and deputies, with late arrival and early departure noted.
    pub present: Vec<String>,
    /// Forfall: absent with notice.
    pub absent: Vec<String>,
    /// Ikke møtt: absent without notice.
    pub absent_no_notice: Vec<String>,
    /// Summoned with nothing recorded yet; the minutes should not go out while this has names.
    pub not_recorded: Vec<String>,
    /// Møteleder.
    pub chair: Option<String>,
    /// Referent.
    pub referent: Option<String>,
}

/// The note on a present person's line: deputy for whom, from which item, until which item.
fn presence_note(record: &MeetingRecord, row: &Attendance) -> Vec<String> {
    let meeting = &record.meeting;
    let mut notes = Vec::new();
    if row.status == AttendanceStatus::Deputy
        && let Some(member) = &row.deputy_for
    {
        notes.push(format!(
            "vara for {}",
            display_name(&record.name_of(member))
        ));
    }
    let at = |t: Option<chrono::NaiveTime>| {
        t.map(|t| format!(" kl. {}", t.format("%H:%M")))
            .unwrap_or_default()
    };
    match (row.arrived_item, row.arrived) {
        (Some(item), time) => notes.push(format!(
            "fra sak {}{}",
            meeting.reference.case(item),
            at(time)
        )),
        (None, Some(time)) => notes.push(format!("fra{}", at(Some(time)))),
        (None, None) => {}
    }
    match (row.left_after_item, row.left) {
        (Some(item), time) => notes.push(format!(
            "til og med sak {}{}",
            meeting.reference.case(item),
            at(time)
        )),
        (None, Some(time)) => notes.push(format!("til{}", at(Some(time)))),
        (None, None) => {}
    }
    notes
}

/// Name lines of some attendance rows, sorted in Norwegian order, with their notes.
fn lines<'a>(
    record: &MeetingRecord,
    rows: impl Iterator<Item = &'a Attendance>,
    with_notes: bool,
) -> Vec<String> {
    let mut named: Vec<(String, String)> = rows
        .map(|row| {
            let name = record.name_of(&row.person);
            let notes = if with_notes {
                presence_note(record, row)
            } else {
                Vec::new()
            };
            let line = if notes.is_empty() {
                name.clone()
            } else {
                format!("{name} ({})", notes.join(", "))
            };
            (name, line)
        })
        .collect();
    named.sort_by(|a, b| norwegian_cmp(&a.0, &b.0).then_with(|| a.1.cmp(&b.1)));
    named.into_iter().map(|(_, line)| line).collect()
}

/// The attendance lines of the minutes: Til stede, Forfall, Ikke møtt, Møteleder, Referent.
#[must_use]
pub fn header_lines(record: &MeetingRecord) -> HeaderLines {
    let m = &record.meeting;
    let with = |status: AttendanceStatus| m.attendance.iter().filter(move |a| a.status == status);
    HeaderLines {
        present: lines(
            record,
            m.attendance.iter().filter(|a| {
                matches!(
                    a.status,
                    AttendanceStatus::Present | AttendanceStatus::Deputy
                )
            }),
            true,
        ),
        absent: lines(record, with(AttendanceStatus::Absent), false),
        absent_no_notice: lines(record, with(AttendanceStatus::AbsentNoNotice), false),
        not_recorded: lines(record, with(AttendanceStatus::Summoned), false),
        chair: m.chair.as_ref().map(|p| record.name_of(p)),
        referent: m.referent.as_ref().map(|p| record.name_of(p)),
    }
}

/// The members who left the room for item `item` as disqualified, as the minutes list them
/// under the item: "Langøy, Gerd Marit (inhabil, fvl. § 6 første ledd bokstav b)", by name in
/// Norwegian order.
#[must_use]
pub fn disqualified_lines(record: &MeetingRecord, item: u32) -> Vec<String> {
    let mut named: Vec<(String, String)> = record
        .meeting
        .disqualifications
        .iter()
        .filter(|d| d.item == item)
        .map(|d| {
            let name = record.name_of(&d.person);
            let reason = d.reason.trim();
            let line = if reason.is_empty() {
                format!("{name} (inhabil)")
            } else {
                format!("{name} (inhabil, {reason})")
            };
            (name, line)
        })
        .collect();
    named.sort_by(|a, b| norwegian_cmp(&a.0, &b.0));
    named.into_iter().map(|(_, line)| line).collect()
}

/// After the items were renumbered: moves every item reference of the attendance (arrivals,
/// departures, disqualifications) from the old number to the new one. `old_numbers[i]` is the
/// number item `i` had before (items are now numbered `i + 1`); 0 marks a new item.
///
/// A reference to an item that is gone moves to the next remaining item for an arrival and to
/// the previous one for a departure (or the nearest on the other side when there is none); a
/// disqualification for a removed item is dropped.
pub fn remap_item_references(meeting: &mut Meeting, old_numbers: &[u32]) {
    let new_of = |old: u32| -> Option<u32> {
        old_numbers
            .iter()
            .position(|&o| o == old && o != 0)
            .and_then(|i| u32::try_from(i + 1).ok())
    };
    let kept = || old_numbers.iter().copied().filter(|&o| o != 0);
    let next_after = |old: u32| kept().filter(|&o| o > old).min().and_then(new_of);
    let last_before = |old: u32| kept().filter(|&o| o < old).max().and_then(new_of);
    for row in &mut meeting.attendance {
        if let Some(a) = row.arrived_item {
            row.arrived_item = new_of(a)
                .or_else(|| next_after(a))
                .or_else(|| last_before(a));
        }
        if let Some(l) = row.left_after_item {
            row.left_after_item = new_of(l)
                .or_else(|| last_before(l))
                .or_else(|| next_after(l));
        }
    }
    meeting.disqualifications.retain_mut(|d| {
        if let Some(n) = new_of(d.item) {
            d.item = n;
            true
        } else {
            false
        }
    });
}

/// A change to the attendance beyond a person's status (which [`super::Edit::SetAttendance`]
/// sets): arrivals and departures by item, disqualifications, adding people to the summoned
/// list. Carried by [`super::Edit::Attendance`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttendanceEdit {
    /// Sets or clears when a person arrived late: from item `item` on, at `time`. Someone not
    /// yet marked present (or deputy) becomes present.
    Arrival {
        /// Who (must be on the summoned list).
        person: PersonId,
        /// The first item the person was present for.
        item: Option<u32>,
        /// The time of arrival.
        time: Option<NaiveTime>,
    },
    /// Sets or clears when a person left early: after item `item`, at `time`.
    Departure {
        /// Who (must be on the summoned list).
        person: PersonId,
        /// The last item the person was present for.
        item: Option<u32>,
        /// The time of leaving.
        time: Option<NaiveTime>,
    },
    /// Records that a person left the room for one item as disqualified (inhabil), or changes
    /// the reason when that is already recorded.
    Disqualify {
        /// Who.
        person: PersonId,
        /// The item's number.
        item: u32,
        /// Why, briefly (e.g. "fvl. § 6 første ledd bokstav a"); must not be empty.
        reason: String,
    },
    /// Removes a disqualification.
    Requalify {
        /// Who.
        person: PersonId,
        /// The item's number.
        item: u32,
    },
    /// Adds people to the end of the summoned list as "innkalt"; those already on it stay as
    /// they are (used to fill the list from the body's members, or to add one person).
    Summon {
        /// Who, in order.
        people: Vec<PersonId>,
    },
}

impl AttendanceEdit {
    /// Applies the change; on error the meeting is unchanged.
    pub fn apply(self, meeting: &mut Meeting) -> Result<(), EditError> {
        let has_item = |m: &Meeting, n: u32| m.items.iter().any(|i| i.number == n);
        match self {
            AttendanceEdit::Arrival { person, item, time } => {
                if let Some(n) = item.filter(|&n| !has_item(meeting, n)) {
                    return Err(EditError::NoSuchItem(n));
                }
                let row = row_mut(meeting, &person)?;
                if let (Some(a), Some(l)) = (item, row.left_after_item)
                    && l < a
                {
                    return Err(EditError::Invalid(format!(
                        "{person} left after item {l}, so cannot arrive at item {a}"
                    )));
                }
                row.arrived_item = item;
                row.arrived = time;
                if item.is_some()
                    && !matches!(
                        row.status,
                        AttendanceStatus::Present | AttendanceStatus::Deputy
                    )
                {
                    row.status = AttendanceStatus::Present;
                }
            }
            AttendanceEdit::Departure { person, item, time } => {
                if let Some(n) = item.filter(|&n| !has_item(meeting, n)) {
                    return Err(EditError::NoSuchItem(n));
                }
                let row = row_mut(meeting, &person)?;
                if let (Some(l), Some(a)) = (item, row.arrived_item)
                    && l < a
                {
                    return Err(EditError::Invalid(format!(
                        "{person} arrived at item {a}, so cannot leave after item {l}"
                    )));
                }
                row.left_after_item = item;
                row.left = time;
            }
            AttendanceEdit::Disqualify {
                person,
                item,
                reason,
            } => {
                if !has_item(meeting, item) {
                    return Err(EditError::NoSuchItem(item));
                }
                let reason = reason.trim().to_owned();
                if reason.is_empty() {
                    return Err(EditError::Invalid(
                        "a disqualification needs a reason (e.g. fvl. § 6 første ledd)".into(),
                    ));
                }
                if let Some(d) = meeting
                    .disqualifications
                    .iter_mut()
                    .find(|d| d.item == item && d.person == person)
                {
                    d.reason = reason;
                } else {
                    meeting.disqualifications.push(Disqualification {
                        person,
                        item,
                        reason,
                    });
                }
            }
            AttendanceEdit::Requalify { person, item } => {
                meeting
                    .disqualifications
                    .retain(|d| !(d.item == item && d.person == person));
            }
            AttendanceEdit::Summon { people } => {
                for person in people {
                    if !meeting.attendance.iter().any(|a| a.person == person) {
                        meeting
                            .attendance
                            .push(Attendance::new(person, AttendanceStatus::Summoned));
                    }
                }
            }
        }
        Ok(())
    }
}

fn row_mut<'m>(
    meeting: &'m mut Meeting,
    person: &PersonId,
) -> Result<&'m mut Attendance, EditError> {
    meeting
        .attendance
        .iter_mut()
        .find(|a| &a.person == person)
        .ok_or_else(|| EditError::Invalid(format!("{person} is not on the summoned list")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_least_half_of_six_is_three() {
        let rule = QuorumRule::default();
        assert_eq!(rule.required(6), 3);
        assert!(rule.is_met(6, 3));
        assert!(!rule.is_met(6, 2));
        assert_eq!(rule.required(5), 3);
        assert_eq!(rule.required(7), 4);
    }

    #[test]
    fn more_than_half_and_counts() {
        let rule = QuorumRule::MoreThan {
            numerator: 1,
            denominator: 2,
        };
        assert_eq!(rule.required(6), 4);
        assert_eq!(rule.required(5), 3);
        assert_eq!(QuorumRule::Count(4).required(9), 4);
        let two_thirds = QuorumRule::AtLeast {
            numerator: 2,
            denominator: 3,
        };
        assert_eq!(two_thirds.required(7), 5);
    }

    #[test]
    fn rule_parts_round_trip_and_refuse_nonsense() {
        for rule in [
            QuorumRule::default(),
            QuorumRule::MoreThan {
                numerator: 2,
                denominator: 3,
            },
            QuorumRule::Count(3),
        ] {
            let (n, d) = rule.numbers();
            assert_eq!(QuorumRule::from_parts(rule.kind_code(), n, d), Some(rule));
        }
        assert_eq!(QuorumRule::from_parts("at_least", 1, 0), None);
        assert_eq!(QuorumRule::from_parts("at_least", 3, 2), None);
        assert_eq!(QuorumRule::from_parts("more_than", 1, 1), None);
        assert_eq!(QuorumRule::from_parts("count", 0, 1), None);
        assert_eq!(QuorumRule::from_parts("most", 1, 2), None);
    }

    #[test]
    fn describes_the_default_rule_in_norwegian() {
        assert_eq!(
            QuorumRule::default().describe_nb(),
            "minst halvparten av medlemmene"
        );
    }
}
