//! Domain types and rules: bodies, people, meetings, agenda items, attendance.
//!
//! No I/O here and no knowledge of the user interface or the database: every layer above builds on these values.

pub mod agenda;
mod attendance;
mod case_number;
pub mod check;
mod edit;
mod file_names;
mod markdown;
mod meeting;
mod minutes;
mod names;
mod person;
mod register;
mod review;
mod search;

pub use attendance::{
    AttendanceEdit, HeaderLines, ItemPresence, Quorum, QuorumRule, disqualified_lines,
    header_lines, in_room, is_disqualified, presence, presence_by_item, remap_item_references,
    voting_members,
};
pub use case_number::{CaseNumber, MeetingRef, ParseRefError};
pub use edit::{Edit, EditError, ItemText};
pub use file_names::{
    MAX_FILE_NAME_BYTES, SaveOnly, check_file_name, check_review_id, clean_file_name, open_policy,
};
pub use markdown::{Block, Span, parse_inline, parse_markdown, plain_text};
pub use meeting::{
    Attendance, AttendanceStatus, Exemption, Item, ItemKind, Meeting, MeetingRecord, MeetingStatus,
    Outcome,
};
pub use minutes::{
    Attachment, DEFAULT_PHRASES, Deadline, Disqualification, FollowUp, Vote, outcome_for_phrase,
    surname,
};
pub use names::{display_name, norwegian_cmp, sort_key};
pub use person::{Body, Membership, Person, PersonId, Role};
pub use register::{DecisionFilter, DecisionRow, DecisionSort, MeetingId};
pub use review::{ReceivedComment, ReviewComment, ReviewDecision, ReviewReply};
pub use search::{
    SearchTerm, Snippet, fold_for_search, head_snippet, match_ranges, parse_query, snippet,
};
