//! Documents (notice, minutes, public minutes, archive copy) rendered to PDF from model values.
//!
//! [`documents`] builds a laid-out [`layout::Document`] (the display list the in-app preview
//! draws too), [`pdf`] writes it as PDF bytes with embedded `DejaVu` fonts, and [`archive`]
//! finishes a PDF as PDF/A-2b for Noark 5 archives.

pub mod archive;
pub mod documents;
mod fonts;
mod icc;
pub mod layout;
pub mod pdf;
pub mod register;

use std::fmt;

pub use archive::to_pdfa;
pub use documents::{MinutesOptions, NoticeOptions, minutes, notice, notice_with_changes};
pub use layout::{Color, Document, FontFace, Op, Page};
pub use pdf::write_pdf;

use crate::model::MeetingRecord;

/// Why a document could not be produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReportError {
    /// An embedded font could not be read or subset.
    Font(String),
    /// The PDF could not be written or read back.
    Pdf(String),
    /// The PDF cannot be made PDF/A (encrypted, transparency, fonts not embedded...).
    NotArchivable(String),
}

impl fmt::Display for ReportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReportError::Font(m) => write!(f, "font error: {m}"),
            ReportError::Pdf(m) => write!(f, "PDF error: {m}"),
            ReportError::NotArchivable(m) => write!(f, "cannot make an archive copy (PDF/A): {m}"),
        }
    }
}

impl std::error::Error for ReportError {}

impl From<lopdf::Error> for ReportError {
    fn from(e: lopdf::Error) -> Self {
        ReportError::Pdf(e.to_string())
    }
}

/// The minutes of a meeting as PDF bytes.
pub fn render_minutes_pdf(
    record: &MeetingRecord,
    opts: &MinutesOptions,
) -> Result<Vec<u8>, ReportError> {
    write_pdf(&minutes(record, opts), opts.generated)
}

/// The notice of a meeting as PDF bytes.
pub fn render_notice_pdf(
    record: &MeetingRecord,
    opts: &NoticeOptions,
) -> Result<Vec<u8>, ReportError> {
    write_pdf(&notice(record, opts), opts.generated)
}

/// The notice as PDF bytes, with items changed or added after the notice was sent (compared
/// with `sent`, the agenda as sent) marked so.
pub fn render_notice_pdf_with_changes(
    record: &MeetingRecord,
    opts: &NoticeOptions,
    sent: Option<&crate::model::agenda::NoticeBaseline>,
) -> Result<Vec<u8>, ReportError> {
    write_pdf(&notice_with_changes(record, opts, sent), opts.generated)
}

/// The minutes of a meeting as a PDF/A-2b archive copy.
pub fn render_archive_pdf(
    record: &MeetingRecord,
    opts: &MinutesOptions,
) -> Result<Vec<u8>, ReportError> {
    to_pdfa(&render_minutes_pdf(record, opts)?)
}
