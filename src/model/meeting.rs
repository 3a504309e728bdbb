//! A meeting, its attendance and its agenda items.

use chrono::{NaiveDate, NaiveTime};

use super::{
    Attachment, Body, CaseNumber, Disqualification, FollowUp, MeetingRef, Person, PersonId, Vote,
};

/// Declares a closed set of codes with a stable text form for files and the database.
macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vm])* $variant),+ }

        impl $name {
            /// Every value, in lifecycle or display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code used in files and the database.
            #[must_use]
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Reads a code written by `code()`.
            #[must_use]
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

code_enum! {
    /// Where a meeting is in its lifecycle. Only moves forward, except through a recorded correction.
    MeetingStatus {
        /// Being prepared.
        Planned = "planned",
        /// The notice went out; case numbers are frozen.
        NoticeSent = "notice_sent",
        /// The meeting took place (minutes being taken).
        Held = "held",
        /// Minutes written, not yet sent for review.
        DraftMinutes = "draft_minutes",
        /// Sent to the leader for review.
        InReview = "in_review",
        /// Approved; content can no longer change.
        Approved = "approved",
        /// Signed; the signed document never changes.
        Signed = "signed",
    }
}

// Written out: the enum is made by a macro, which takes no #[default].
#[expect(
    clippy::derivable_impls,
    reason = "the enum is made by a macro, which takes no #[default]"
)]
impl Default for MeetingStatus {
    fn default() -> Self {
        MeetingStatus::Planned
    }
}

// Written out: the enum is made by a macro, which takes no #[default].
#[expect(
    clippy::derivable_impls,
    reason = "the enum is made by a macro, which takes no #[default]"
)]
impl Default for ItemKind {
    fn default() -> Self {
        ItemKind::Decision
    }
}

// Written out: the enum is made by a macro, which takes no #[default].
#[expect(
    clippy::derivable_impls,
    reason = "the enum is made by a macro, which takes no #[default]"
)]
impl Default for AttendanceStatus {
    fn default() -> Self {
        AttendanceStatus::Summoned
    }
}

impl MeetingStatus {
    /// Whether the meeting has taken place (held, or any step after it).
    #[must_use]
    pub fn is_held(self) -> bool {
        !matches!(self, MeetingStatus::Planned | MeetingStatus::NoticeSent)
    }

    /// Whether the content is locked against edits.
    #[must_use]
    pub fn is_locked(self) -> bool {
        matches!(self, MeetingStatus::Approved | MeetingStatus::Signed)
    }
}

code_enum! {
    /// The kind of an agenda item.
    ItemKind {
        /// Vedtakssak.
        Decision = "decision",
        /// Orienteringssak.
        Information = "information",
        /// Diskusjonssak.
        Discussion = "discussion",
        /// Eventuelt.
        OtherBusiness = "other_business",
    }
}

code_enum! {
    /// What became of an item in the meeting.
    Outcome {
        /// A decision was made.
        Decided = "decided",
        /// Taken for information.
        Noted = "noted",
        /// Moved to the next meeting.
        Postponed = "postponed",
    }
}

code_enum! {
    /// A summoned person's attendance.
    AttendanceStatus {
        /// Innkalt; nothing recorded yet.
        Summoned = "summoned",
        /// Til stede.
        Present = "present",
        /// Forfall: absent with apologies.
        Absent = "absent",
        /// Absent without notice.
        AbsentNoNotice = "absent_no_notice",
        /// Meets as deputy for a named member.
        Deputy = "deputy",
    }
}

/// One summoned person's attendance at a meeting.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attendance {
    /// Who.
    pub person: PersonId,
    /// Present, absent, deputy...
    pub status: AttendanceStatus,
    /// With [`AttendanceStatus::Deputy`]: the member met for.
    pub deputy_for: Option<PersonId>,
    /// Arrived late, at this time.
    pub arrived: Option<NaiveTime>,
    /// Left early, at this time.
    pub left: Option<NaiveTime>,
    /// A free note.
    pub note: Option<String>,
    /// Arrived late: present from this item (its number) on.
    pub arrived_item: Option<u32>,
    /// Left early: present up to and including this item (its number).
    pub left_after_item: Option<u32>,
}

impl Attendance {
    /// A row with only a status.
    #[must_use]
    pub fn new(person: PersonId, status: AttendanceStatus) -> Self {
        Self {
            person,
            status,
            ..Self::default()
        }
    }
}

/// Why an item's content is withheld from the public version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exemption {
    /// The legal basis, e.g. "offl. § 24".
    pub basis: String,
}

/// One agenda item (sak).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Item {
    /// Position in agenda order, starting at 1; the case number derives from it.
    pub number: u32,
    /// Title.
    pub title: String,
    /// Vedtakssak, orienteringssak...
    pub kind: ItemKind,
    /// Saksansvarlig.
    pub presenters: Vec<PersonId>,
    /// The case description (Markdown).
    pub description: Option<String>,
    /// The proposed decision.
    pub proposed_decision: Option<String>,
    /// The decision as passed (Vedtak).
    pub decision: Option<String>,
    /// Deltok: guests who took part in this item.
    pub guests: Vec<PersonId>,
    /// The discussion summary (Markdown).
    pub notes: Option<String>,
    /// Set when the content is exempt from public access.
    pub exempt: Option<Exemption>,
    /// Planned duration.
    pub planned_minutes: Option<u32>,
    /// What became of the item.
    pub outcome: Option<Outcome>,
    /// How the decision was voted on, where there was a vote.
    pub vote: Option<Vote>,
    /// Tasks the meeting gave someone.
    pub follow_ups: Vec<FollowUp>,
    /// When the meeting took the item up.
    pub started: Option<NaiveTime>,
    /// When the meeting left the item.
    pub ended: Option<NaiveTime>,
    /// The case this item continues, when it was postponed from an earlier meeting.
    pub postponed_from: Option<CaseNumber>,
    /// Files that go with the item (vedlegg).
    pub attachments: Vec<Attachment>,
}

impl Item {
    /// A new item with a title and kind and nothing else.
    #[must_use]
    pub fn new(number: u32, title: impl Into<String>, kind: ItemKind) -> Self {
        Self {
            number,
            title: title.into(),
            kind,
            ..Self::default()
        }
    }
}

/// A meeting with its attendance and agenda.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meeting {
    /// Year and number.
    pub reference: MeetingRef,
    /// The day of the meeting.
    pub date: NaiveDate,
    /// Start time.
    pub start: Option<NaiveTime>,
    /// End time.
    pub end: Option<NaiveTime>,
    /// Where.
    pub place: String,
    /// Møteleder.
    pub chair: Option<PersonId>,
    /// Who takes the minutes.
    pub referent: Option<PersonId>,
    /// Lifecycle state.
    pub status: MeetingStatus,
    /// One row per summoned person.
    pub attendance: Vec<Attendance>,
    /// Items in agenda order, numbered 1, 2, 3...
    pub items: Vec<Item>,
    /// Members who left the room for one item as disqualified (inhabil).
    pub disqualifications: Vec<Disqualification>,
}

impl Meeting {
    /// The item the meeting is at: the last one taken up, or the one after it once it has
    /// ended; the first item before any was taken up. `None` without items.
    #[must_use]
    pub fn current_item(&self) -> Option<u32> {
        let Some(pos) = self.items.iter().rposition(|i| i.started.is_some()) else {
            return self.items.first().map(|i| i.number);
        };
        let last = &self.items[pos];
        match self.items.get(pos + 1) {
            Some(next) if last.ended.is_some() => Some(next.number),
            _ => Some(last.number),
        }
    }

    /// The case number of an item of this meeting.
    #[must_use]
    pub fn case_number(&self, item: &Item) -> CaseNumber {
        self.reference.case(item.number)
    }

    /// Renumbers the items 1, 2, 3... in their current order.
    pub fn renumber_items(&mut self) {
        let old: Vec<u32> = self.items.iter().map(|i| i.number).collect();
        for (i, item) in self.items.iter_mut().enumerate() {
            item.number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        }
        // Arrivals, departures and disqualifications follow their items.
        super::remap_item_references(self, &old);
    }
}

/// A meeting with everything needed to show or print it: its body and every person it mentions.
/// This is the unit the meeting package carries and the store loads and saves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingRecord {
    /// The body that met.
    pub body: Body,
    /// Everyone the meeting mentions.
    pub people: Vec<Person>,
    /// The meeting itself.
    pub meeting: Meeting,
}

impl MeetingRecord {
    /// Looks up a person by key.
    #[must_use]
    pub fn person(&self, id: &PersonId) -> Option<&Person> {
        self.people.iter().find(|p| &p.id == id)
    }

    /// A person's list name ("Surname, Given"), or the key itself when unknown.
    #[must_use]
    pub fn name_of(&self, id: &PersonId) -> String {
        self.person(id)
            .map_or_else(|| id.0.clone(), |p| p.name.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for s in MeetingStatus::ALL {
            assert_eq!(MeetingStatus::from_code(s.code()), Some(*s));
        }
        for k in ItemKind::ALL {
            assert_eq!(ItemKind::from_code(k.code()), Some(*k));
        }
        assert_eq!(
            AttendanceStatus::from_code("deputy"),
            Some(AttendanceStatus::Deputy)
        );
        assert_eq!(Outcome::from_code("maybe"), None);
    }

    #[test]
    fn renumbering_follows_order() {
        let mut m = Meeting {
            reference: MeetingRef::new(2024, 5),
            date: NaiveDate::from_ymd_opt(2024, 9, 1).unwrap(),
            start: None,
            end: None,
            place: String::new(),
            chair: None,
            referent: None,
            status: MeetingStatus::Planned,
            attendance: vec![],
            items: vec![
                Item::new(7, "B", ItemKind::Decision),
                Item::new(3, "A", ItemKind::Information),
            ],
            ..Default::default()
        };
        m.renumber_items();
        assert_eq!(m.case_number(&m.items[1]).to_string(), "2024/M5-002");
        assert_eq!(m.items[0].title, "B");
    }

    #[test]
    fn the_current_item_is_the_one_taken_up_last_or_the_next_once_it_ended() {
        let mut m = sample_meeting_for_current();
        assert_eq!(m.current_item(), Some(1));
        let t = chrono::NaiveTime::from_hms_opt(9, 0, 0);
        m.items[1].started = t;
        assert_eq!(m.current_item(), Some(2));
        m.items[1].ended = t;
        assert_eq!(m.current_item(), Some(3));
        m.items[2].started = t;
        m.items[2].ended = t;
        assert_eq!(m.current_item(), Some(3), "the last item stays current");
    }

    fn sample_meeting_for_current() -> Meeting {
        let mut m = Meeting::default();
        for n in 1..=3 {
            m.items
                .push(Item::new(n, format!("Sak {n}"), ItemKind::Decision));
        }
        m
    }

    #[test]
    fn approved_and_signed_are_locked() {
        assert!(MeetingStatus::Approved.is_locked());
        assert!(MeetingStatus::Signed.is_locked());
        assert!(!MeetingStatus::DraftMinutes.is_locked());
    }
}
