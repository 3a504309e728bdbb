//! Offline review of draft minutes: the leader's comments and decision, as values.

use chrono::NaiveDateTime;

/// What the reviewer decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReviewDecision {
    /// The minutes may be approved as they are.
    Approve,
    /// The reviewer asks for changes (see the comments).
    ChangesRequested,
}

impl ReviewDecision {
    /// The stable code used in files and the database.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            ReviewDecision::Approve => "approve",
            ReviewDecision::ChangesRequested => "changes_requested",
        }
    }

    /// Reads a code written by [`ReviewDecision::code`].
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "approve" => Some(ReviewDecision::Approve),
            "changes_requested" => Some(ReviewDecision::ChangesRequested),
            _ => None,
        }
    }
}

/// One comment of a reviewer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewComment {
    /// The item (its number) the comment is about; `None`: the whole minutes.
    pub item: Option<u32>,
    /// The item's title as the reviewer saw it (to find the item again if it moved).
    pub item_title: Option<String>,
    /// The comment.
    pub text: String,
}

/// A reviewer's answer to a review package: the content of a `.motebok-reply.json` file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewReply {
    /// The review package answered.
    pub review_id: String,
    /// The body's name (for messages).
    pub body: String,
    /// The meeting reviewed.
    pub meeting: super::MeetingRef,
    /// Who reviewed.
    pub reviewer: String,
    /// Approve or ask for changes.
    pub decision: ReviewDecision,
    /// When the reply was written.
    pub replied_at: NaiveDateTime,
    /// The comments, in the order of the minutes (whole-meeting comments first).
    pub comments: Vec<ReviewComment>,
}

/// A reviewer's comment as the secretary sees it after importing the reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceivedComment {
    /// The imported reply it came with (database row id).
    pub reply: i64,
    /// Its place in that reply.
    pub position: u32,
    /// Who wrote it.
    pub reviewer: String,
    /// The reviewer's decision in that reply.
    pub decision: ReviewDecision,
    /// When the reply was written.
    pub replied_at: NaiveDateTime,
    /// The item it is shown at (its number now); `None`: the whole minutes.
    pub item: Option<u32>,
    /// The item's title as the reviewer saw it.
    pub item_title: Option<String>,
    /// The comment.
    pub text: String,
    /// Ticked off by the secretary.
    pub resolved: bool,
}
