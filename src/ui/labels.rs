//! Words for the model's codes, in the user's language.

use crate::i18n::Lang;
use crate::model::{AttendanceStatus, ItemKind, MeetingStatus, Outcome};

/// A meeting status as the user reads it.
#[must_use]
pub fn status_label(lang: Lang, status: MeetingStatus) -> &'static str {
    match status {
        MeetingStatus::Planned => lang.tr("Planlagt", "Planned"),
        MeetingStatus::NoticeSent => lang.tr("Innkalling sendt", "Notice sent"),
        MeetingStatus::Held => lang.tr("Avholdt", "Held"),
        MeetingStatus::DraftMinutes => lang.tr("Utkast til referat", "Draft minutes"),
        MeetingStatus::InReview => lang.tr("Til gjennomsyn", "In review"),
        MeetingStatus::Approved => lang.tr("Godkjent", "Approved"),
        MeetingStatus::Signed => lang.tr("Signert", "Signed"),
    }
}

/// An item kind as the user reads it.
#[must_use]
pub fn kind_label(lang: Lang, kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Decision => lang.tr("Vedtakssak", "Decision"),
        ItemKind::Information => lang.tr("Orienteringssak", "Information"),
        ItemKind::Discussion => lang.tr("Diskusjonssak", "Discussion"),
        ItemKind::OtherBusiness => lang.tr("Eventuelt", "Other business"),
    }
}

/// An outcome as the user reads it.
#[must_use]
pub fn outcome_label(lang: Lang, outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Decided => lang.tr("Vedtatt", "Decided"),
        Outcome::Noted => lang.tr("Tatt til orientering", "Noted"),
        Outcome::Postponed => lang.tr("Utsatt", "Postponed"),
    }
}

/// An attendance status as the user reads it.
#[must_use]
pub fn attendance_label(lang: Lang, status: AttendanceStatus) -> &'static str {
    match status {
        AttendanceStatus::Summoned => lang.tr("Innkalt", "Summoned"),
        AttendanceStatus::Present => lang.tr("Til stede", "Present"),
        AttendanceStatus::Absent => lang.tr("Forfall", "Apologies"),
        AttendanceStatus::AbsentNoNotice => lang.tr("Ikke møtt", "Absent (no notice)"),
        AttendanceStatus::Deputy => lang.tr("Vara", "Deputy"),
    }
}
