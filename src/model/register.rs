//! The decision register's rows and how they are chosen and sorted, and the id a stored meeting
//! goes by: values the store reads and the documents (the register PDF) print, so they live
//! below both.

use chrono::NaiveDate;

use super::{CaseNumber, ItemKind, Outcome};

/// The row id of a meeting in the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MeetingId(pub i64);

/// Which decisions the register shows; `None` means any.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DecisionFilter {
    /// One body, by name.
    pub body: Option<String>,
    /// One year.
    pub year: Option<i32>,
    /// One kind of item.
    pub kind: Option<ItemKind>,
    /// One outcome.
    pub outcome: Option<Outcome>,
}

/// The column the register is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DecisionSort {
    /// Meeting date (then case number).
    #[default]
    Date,
    /// Case number.
    Case,
    /// Body name (Norwegian order).
    Body,
    /// Item title (Norwegian order).
    Title,
    /// Kind of item.
    Kind,
    /// Outcome.
    Outcome,
}

/// One decision of the register.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionRow {
    /// The meeting.
    pub meeting: MeetingId,
    /// Its body.
    pub body: String,
    /// The case number.
    pub case: CaseNumber,
    /// The meeting's date.
    pub date: NaiveDate,
    /// The item's title.
    pub title: String,
    /// The kind of item.
    pub kind: ItemKind,
    /// What became of it, when recorded.
    pub outcome: Option<Outcome>,
    /// The decision as passed.
    pub decision: String,
    /// The legal basis when the item is exempt from public access.
    pub exempt: Option<String>,
}
