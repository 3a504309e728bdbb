//! Edits: every change a user makes to an open meeting, as a value.
//!
//! The UI emits edits; the app applies them to its copy of the meeting, keeps the copy before
//! the edit for undo, and saves. Applying checks the domain rules, so a bad edit is refused with
//! a message and leaves the meeting as it was.

use chrono::{NaiveDate, NaiveTime};

use super::{
    Attendance, AttendanceStatus, Deadline, Exemption, FollowUp, Item, ItemKind, Meeting,
    MeetingStatus, Outcome, PersonId, Vote,
};

/// A text field of an agenda item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemText {
    /// The title.
    Title,
    /// The case description.
    Description,
    /// The proposed decision.
    ProposedDecision,
    /// The decision as passed.
    Decision,
    /// The discussion summary.
    Notes,
    /// The task of follow-up `n` (0-based) of the item.
    FollowUpTask(usize),
    /// The deadline of follow-up `n`, as typed: a date (`dd.mm.yyyy`) or words.
    FollowUpDeadline(usize),
}

/// One change to a meeting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Sets the date.
    SetDate(NaiveDate),
    /// Sets or clears the start time.
    SetStart(Option<NaiveTime>),
    /// Sets or clears the end time.
    SetEnd(Option<NaiveTime>),
    /// Sets the place.
    SetPlace(String),
    /// Sets or clears the chair.
    SetChair(Option<PersonId>),
    /// Sets or clears the referent.
    SetReferent(Option<PersonId>),
    /// Moves the meeting to a lifecycle state.
    SetStatus(MeetingStatus),
    /// Sets a text field of item `item` (its number); empty text clears it.
    SetItemText {
        /// The item's number.
        item: u32,
        /// Which field.
        field: ItemText,
        /// The new text.
        text: String,
    },
    /// Sets an item's kind.
    SetItemKind {
        /// The item's number.
        item: u32,
        /// The kind.
        kind: ItemKind,
    },
    /// Sets or clears an item's outcome.
    SetItemOutcome {
        /// The item's number.
        item: u32,
        /// The outcome.
        outcome: Option<Outcome>,
    },
    /// Sets or clears an item's planned duration.
    SetPlannedMinutes {
        /// The item's number.
        item: u32,
        /// Minutes.
        minutes: Option<u32>,
    },
    /// Marks an item exempt from public access, or clears it.
    SetExempt {
        /// The item's number.
        item: u32,
        /// The legal basis, or `None` for public.
        exempt: Option<Exemption>,
    },
    /// Replaces an item's presenters.
    SetPresenters {
        /// The item's number.
        item: u32,
        /// The presenters in order.
        people: Vec<PersonId>,
    },
    /// Replaces an item's guests (Deltok).
    SetGuests {
        /// The item's number.
        item: u32,
        /// The guests in order.
        people: Vec<PersonId>,
    },
    /// Inserts an item at position `at` (0-based; past the end appends). Numbers follow.
    InsertItem {
        /// Position.
        at: usize,
        /// The item (its number is reassigned).
        item: Box<Item>,
    },
    /// Deletes item `item`. Numbers after it move up.
    DeleteItem {
        /// The item's number.
        item: u32,
    },
    /// Moves item `item` to position `to` (0-based). Numbers follow the new order.
    MoveItem {
        /// The item's number.
        item: u32,
        /// New position.
        to: usize,
    },
    /// Sets a summoned person's attendance status (adds the person when not summoned yet).
    SetAttendance {
        /// Who.
        person: PersonId,
        /// Status.
        status: AttendanceStatus,
        /// For a deputy: the member met for.
        deputy_for: Option<PersonId>,
    },
    /// Removes a person from the summoned list.
    RemoveAttendance {
        /// Who.
        person: PersonId,
    },
    /// Arrivals, departures, disqualifications, adding to the summoned list.
    Attendance(super::AttendanceEdit),
    /// Adds a file (already stored by its hash) to an item's attachments.
    AddAttachment {
        /// The item's number.
        item: u32,
        /// The file.
        attachment: super::Attachment,
    },
    /// Removes attachment `index` (0-based) from an item.
    RemoveAttachment {
        /// The item's number.
        item: u32,
        /// Which attachment.
        index: usize,
    },
    /// Sets or clears how an item's decision was voted on.
    SetVote {
        /// The item's number.
        item: u32,
        /// The vote, or `None` when there was no vote.
        vote: Option<Vote>,
    },
    /// Replaces an item's follow-ups (adding, removing, choosing who is responsible).
    SetFollowUps {
        /// The item's number.
        item: u32,
        /// The follow-ups in order.
        follow_ups: Vec<FollowUp>,
    },
    /// Sets when the meeting took an item up and left it.
    SetItemTimes {
        /// The item's number.
        item: u32,
        /// Taken up at.
        started: Option<NaiveTime>,
        /// Left at.
        ended: Option<NaiveTime>,
    },
}

/// Why an edit was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    /// The meeting is approved or signed.
    Locked,
    /// No item with that number.
    NoSuchItem(u32),
    /// The edit breaks a rule; the text says which.
    Invalid(String),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::Locked => f.write_str("the meeting is approved and can no longer change"),
            EditError::NoSuchItem(n) => write!(f, "there is no item {n}"),
            EditError::Invalid(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for EditError {}

impl Edit {
    /// Edits that may be merged into one undo step when they follow each other closely
    /// (typing in one field) share a key.
    #[must_use]
    pub fn coalesce_key(&self) -> Option<(u32, ItemText)> {
        match self {
            Edit::SetItemText { item, field, .. } => Some((*item, *field)),
            _ => None,
        }
    }

    /// Applies the edit. On error the meeting is unchanged.
    pub fn apply(self, meeting: &mut Meeting) -> Result<(), EditError> {
        if meeting.status.is_locked() {
            return Err(EditError::Locked);
        }
        match self {
            Edit::SetDate(d) => meeting.date = d,
            Edit::SetStart(t) => meeting.start = t,
            Edit::SetEnd(t) => meeting.end = t,
            Edit::SetPlace(p) => meeting.place = p,
            Edit::SetChair(p) => meeting.chair = p,
            Edit::SetReferent(p) => meeting.referent = p,
            Edit::SetStatus(s) => meeting.status = s,
            Edit::SetItemText { item, field, text } => {
                let it = item_mut(meeting, item)?;
                let value = if text.trim().is_empty() {
                    None
                } else {
                    Some(text)
                };
                match field {
                    ItemText::Title => it.title = value.unwrap_or_default(),
                    ItemText::Description => it.description = value,
                    ItemText::ProposedDecision => it.proposed_decision = value,
                    ItemText::Decision => it.decision = value,
                    ItemText::Notes => it.notes = value,
                    ItemText::FollowUpTask(n) | ItemText::FollowUpDeadline(n) => {
                        let Some(f) = it.follow_ups.get_mut(n) else {
                            return Err(EditError::Invalid(format!(
                                "item {item} has no follow-up {}",
                                n + 1
                            )));
                        };
                        if matches!(field, ItemText::FollowUpTask(_)) {
                            f.task = value.unwrap_or_default();
                        } else {
                            f.deadline = value.as_deref().map(Deadline::parse);
                        }
                    }
                }
            }
            Edit::SetItemKind { item, kind } => item_mut(meeting, item)?.kind = kind,
            Edit::SetItemOutcome { item, outcome } => item_mut(meeting, item)?.outcome = outcome,
            Edit::SetPlannedMinutes { item, minutes } => {
                item_mut(meeting, item)?.planned_minutes = minutes;
            }
            Edit::SetExempt { item, exempt } => {
                if exempt.as_ref().is_some_and(|e| e.basis.trim().is_empty()) {
                    return Err(EditError::Invalid(
                        "an exempt item needs its legal basis".into(),
                    ));
                }
                item_mut(meeting, item)?.exempt = exempt;
            }
            Edit::SetPresenters { item, people } => item_mut(meeting, item)?.presenters = people,
            Edit::SetGuests { item, people } => item_mut(meeting, item)?.guests = people,
            Edit::InsertItem { at, item } => {
                let at = at.min(meeting.items.len());
                meeting.items.insert(at, *item);
                meeting.renumber_items();
            }
            Edit::DeleteItem { item } => {
                let pos = position(meeting, item)?;
                meeting.items.remove(pos);
                meeting.renumber_items();
            }
            Edit::MoveItem { item, to } => {
                let pos = position(meeting, item)?;
                let it = meeting.items.remove(pos);
                let to = to.min(meeting.items.len());
                meeting.items.insert(to, it);
                meeting.renumber_items();
            }
            Edit::SetAttendance {
                person,
                status,
                deputy_for,
            } => {
                if status == AttendanceStatus::Deputy && deputy_for.is_none() {
                    return Err(EditError::Invalid(
                        "a deputy must name the member met for".into(),
                    ));
                }
                let deputy_for = deputy_for.filter(|_| status == AttendanceStatus::Deputy);
                if let Some(row) = meeting.attendance.iter_mut().find(|a| a.person == person) {
                    row.status = status;
                    row.deputy_for = deputy_for;
                } else {
                    let mut row = Attendance::new(person, status);
                    row.deputy_for = deputy_for;
                    meeting.attendance.push(row);
                }
            }
            Edit::RemoveAttendance { person } => {
                meeting.attendance.retain(|a| a.person != person);
            }
            Edit::Attendance(edit) => edit.apply(meeting)?,
            Edit::AddAttachment { item, attachment } => {
                item_mut(meeting, item)?.attachments.push(attachment);
            }
            Edit::RemoveAttachment { item, index } => {
                let it = item_mut(meeting, item)?;
                if index >= it.attachments.len() {
                    return Err(EditError::Invalid(format!(
                        "item {item} has no attachment {}",
                        index + 1
                    )));
                }
                it.attachments.remove(index);
            }
            Edit::SetVote { item, vote } => item_mut(meeting, item)?.vote = vote,
            Edit::SetFollowUps { item, follow_ups } => {
                item_mut(meeting, item)?.follow_ups = follow_ups;
            }
            Edit::SetItemTimes {
                item,
                started,
                ended,
            } => {
                let it = item_mut(meeting, item)?;
                it.started = started;
                it.ended = ended;
            }
        }
        Ok(())
    }
}

fn position(meeting: &Meeting, number: u32) -> Result<usize, EditError> {
    meeting
        .items
        .iter()
        .position(|i| i.number == number)
        .ok_or(EditError::NoSuchItem(number))
}

fn item_mut(meeting: &mut Meeting, number: u32) -> Result<&mut Item, EditError> {
    meeting
        .items
        .iter_mut()
        .find(|i| i.number == number)
        .ok_or(EditError::NoSuchItem(number))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MeetingRef;

    fn meeting() -> Meeting {
        let mut m = Meeting {
            reference: MeetingRef::new(2024, 5),
            date: NaiveDate::from_ymd_opt(2024, 9, 11).unwrap(),
            start: None,
            end: None,
            place: String::new(),
            chair: None,
            referent: None,
            status: MeetingStatus::Planned,
            attendance: vec![],
            items: ["A", "B", "C"]
                .into_iter()
                .map(|t| Item::new(0, t, ItemKind::Decision))
                .collect(),
            ..Default::default()
        };
        m.renumber_items();
        m
    }

    fn titles(m: &Meeting) -> Vec<(u32, &str)> {
        m.items
            .iter()
            .map(|i| (i.number, i.title.as_str()))
            .collect()
    }

    #[test]
    fn moving_an_item_renumbers_the_agenda() {
        let mut m = meeting();
        Edit::MoveItem { item: 3, to: 0 }.apply(&mut m).unwrap();
        assert_eq!(titles(&m), [(1, "C"), (2, "A"), (3, "B")]);
    }

    #[test]
    fn deleting_an_item_closes_the_gap() {
        let mut m = meeting();
        Edit::DeleteItem { item: 1 }.apply(&mut m).unwrap();
        assert_eq!(titles(&m), [(1, "B"), (2, "C")]);
        assert_eq!(
            Edit::DeleteItem { item: 9 }.apply(&mut m),
            Err(EditError::NoSuchItem(9))
        );
    }

    #[test]
    fn a_locked_meeting_refuses_every_edit() {
        let mut m = meeting();
        m.status = MeetingStatus::Approved;
        let before = m.clone();
        assert_eq!(
            Edit::SetPlace("Molde".into()).apply(&mut m),
            Err(EditError::Locked)
        );
        assert_eq!(m, before);
    }

    #[test]
    fn a_deputy_must_name_the_member() {
        let mut m = meeting();
        let err = Edit::SetAttendance {
            person: "x".into(),
            status: AttendanceStatus::Deputy,
            deputy_for: None,
        }
        .apply(&mut m);
        assert!(matches!(err, Err(EditError::Invalid(_))));
        assert!(m.attendance.is_empty());
    }

    #[test]
    fn clearing_a_text_field_removes_it() {
        let mut m = meeting();
        let set = |text: &str| Edit::SetItemText {
            item: 2,
            field: ItemText::Decision,
            text: text.into(),
        };
        set("Saken tas til orientering").apply(&mut m).unwrap();
        assert_eq!(
            m.items[1].decision.as_deref(),
            Some("Saken tas til orientering")
        );
        set("  ").apply(&mut m).unwrap();
        assert_eq!(m.items[1].decision, None);
    }
}
