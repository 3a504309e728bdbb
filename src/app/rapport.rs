//! Rapport in the app: the document preview and PDF export (built off the UI thread), approval
//! and corrections, and the offline review round (secretary: send the review package, import
//! the reply, resolve comments; leader: open the package read-only, comment, reply).
//!
//! Previews and exports run on their own short-lived threads with the in-memory meeting, so
//! neither a frame nor the database thread waits for the typesetter; database work (approval,
//! corrections, review files) runs on the database thread.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use chrono::{Local, NaiveDateTime};

use super::core::Core;
use super::worker::{Reply, Request};
use crate::model::{
    Edit, MeetingRecord, MeetingStatus, ReceivedComment, ReviewComment, ReviewDecision, ReviewReply,
};
use crate::package::review::{self as review_file, ReviewPackage};
use crate::report::{Document, MinutesOptions, NoticeOptions};
use crate::store::{
    ApprovalState, ApprovedVia, ImportedReply, MeetingId, ReceivedReview, Store, StoreError,
};

/// How long the leader's comments wait before they are stored (typing goes on meanwhile).
const DRAFT_SAVE_QUIET: Duration = Duration::from_millis(600);

/// A document the Rapport pane shows and exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum RapportDoc {
    /// The minutes (møtereferat), marked UTKAST until approved.
    #[default]
    Minutes,
    /// The public minutes: exempt content withheld, the legal basis shown.
    PublicMinutes,
    /// The notice (innkalling).
    Notice,
    /// The archive copy: the minutes as PDF/A-2b.
    Archive,
}

impl RapportDoc {
    /// Every document, in the order the pane offers them.
    pub const ALL: [RapportDoc; 4] = [
        RapportDoc::Minutes,
        RapportDoc::PublicMinutes,
        RapportDoc::Notice,
        RapportDoc::Archive,
    ];

    /// A file name for the document of meeting `record`, e.g. `2024-M4-referat.pdf`.
    #[must_use]
    pub fn file_name(self, record: &MeetingRecord) -> String {
        let r = record.meeting.reference;
        let what = match self {
            RapportDoc::Minutes => "referat",
            RapportDoc::PublicMinutes => "referat-offentlig",
            RapportDoc::Notice => "innkalling",
            RapportDoc::Archive => "referat-arkiv",
        };
        format!("{}-M{}-{what}.pdf", r.year, r.number)
    }
}

/// The minutes options for a meeting: a draft until approved.
fn minutes_options(record: &MeetingRecord, public: bool) -> MinutesOptions {
    MinutesOptions {
        public,
        draft: !record.meeting.status.is_locked(),
        unsigned_copy: record.meeting.status == crate::model::MeetingStatus::Signed,
        generated: Local::now().naive_local(),
        ..Default::default()
    }
}

/// Lays out a document of a meeting (the same layout the PDF gets).
#[must_use]
pub fn layout(record: &MeetingRecord, doc: RapportDoc) -> Document {
    match doc {
        RapportDoc::Minutes | RapportDoc::Archive => {
            crate::report::minutes(record, &minutes_options(record, false))
        }
        RapportDoc::PublicMinutes => crate::report::minutes(record, &minutes_options(record, true)),
        RapportDoc::Notice => crate::report::notice(
            record,
            &NoticeOptions {
                public: false,
                generated: Local::now().naive_local(),
            },
        ),
    }
}

/// How far an export has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportPhase {
    /// Laying out the pages.
    Layout,
    /// Writing the PDF (fonts, pages).
    Writing {
        /// How many pages.
        pages: usize,
    },
    /// Making the archive copy (PDF/A).
    Archiving {
        /// How many pages.
        pages: usize,
    },
    /// Writing the file.
    Saving {
        /// How many pages.
        pages: usize,
    },
}

/// An export under way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportProgress {
    /// Which document.
    pub doc: RapportDoc,
    /// The file.
    pub path: PathBuf,
    /// The current phase.
    pub phase: ExportPhase,
    /// When it started.
    pub started: Instant,
}

enum ExportMsg {
    Phase(ExportPhase),
    Done(Result<usize, String>),
}

/// A laid-out document ready to draw.
#[derive(Clone, Debug)]
pub struct Preview {
    /// The meeting it shows.
    pub meeting: MeetingId,
    /// Which document.
    pub doc: RapportDoc,
    /// `Some(v)`: an earlier, recorded version of the minutes; `None`: the meeting as it is.
    pub version: Option<u32>,
    /// The pages.
    pub document: Arc<Document>,
    /// The meeting as it was laid out (to see when it changed).
    pub source: Arc<MeetingRecord>,
}

struct PreviewJob {
    meeting: MeetingId,
    doc: RapportDoc,
    version: Option<u32>,
    source: Arc<MeetingRecord>,
    rx: Receiver<Document>,
}

/// A review package open in the leader's Møtebok: read-only content, comments being written.
#[derive(Clone, Debug)]
pub struct ReviewSession {
    /// The review id.
    pub review_id: String,
    /// When the secretary made the package.
    pub created: NaiveDateTime,
    /// The meeting as sent (never editable here).
    pub record: Arc<MeetingRecord>,
    /// The draft PDF as sent.
    pub pdf: Arc<Vec<u8>>,
    /// The reviewer's name.
    pub reviewer: String,
    /// Comments by item number (0: the whole minutes).
    pub drafts: BTreeMap<u32, String>,
    /// The decision, once the reply was written.
    pub decision: Option<ReviewDecision>,
    /// When the reply was written.
    pub replied_at: Option<NaiveDateTime>,
    dirty_since: Option<Instant>,
}

impl ReviewSession {
    /// Whether a comment has been typed.
    #[must_use]
    pub fn has_comments(&self) -> bool {
        self.drafts.values().any(|t| !t.trim().is_empty())
    }
}

/// Something the Rapport pane or the review window asks for.
#[derive(Debug)]
pub enum RapportCommand {
    /// Lay out a document of the open meeting for the preview.
    Preview(RapportDoc),
    /// Lay out an earlier, recorded version of the open meeting's minutes.
    PreviewVersion(u32),
    /// Write a document of the open meeting as PDF.
    Export {
        /// Which.
        doc: RapportDoc,
        /// Where.
        path: PathBuf,
    },
    /// Write the PDF of an earlier, recorded version (exactly as it was recorded).
    ExportVersion {
        /// Which version.
        version: u32,
        /// Where.
        path: PathBuf,
    },
    /// Approve the open meeting's minutes.
    Approve {
        /// Who approved (free text), if given.
        by: Option<String>,
    },
    /// Write the open meeting's approved minutes for the archive (arkivmelding messages with
    /// PDF/A documents) into this folder.
    ArchiveExport(PathBuf),
    /// Write the open meeting's approved minutes for eInnsyn (public Moetemappe JSON).
    PublishExport(PathBuf),
    /// Re-open the open meeting's approved minutes as a recorded correction.
    StartCorrection {
        /// Why.
        reason: String,
    },
    /// Write a review package of the open meeting for the leader.
    SendReview(PathBuf),
    /// Import a reviewer's reply.
    ImportReply(PathBuf),
    /// Tick a reviewer's comment off as resolved, or open it again.
    ResolveComment {
        /// The reply it came with.
        reply: i64,
        /// Its place in the reply.
        position: u32,
        /// Resolved or not.
        resolved: bool,
    },
    /// Leader: open a review package file.
    OpenReview(PathBuf),
    /// Leader: open a review package received earlier.
    ReopenReview(String),
    /// Leader: reload the list of received review packages.
    ListReceived,
    /// Leader: change the comment on an item (0: the whole minutes).
    SetComment {
        /// The item's number, or 0.
        item: u32,
        /// The text.
        text: String,
    },
    /// Leader: change the reviewer's name.
    SetReviewer(String),
    /// Leader: write the reply file.
    WriteReply {
        /// Approve or ask for changes.
        decision: ReviewDecision,
        /// Where.
        path: PathBuf,
    },
    /// Leader: open the draft PDF of the review with the system's viewer.
    OpenReviewPdf,
    /// Leader: close the review (comments are kept).
    CloseReview,
}

/// Work for the database thread.
#[derive(Debug)]
pub enum RapportRequest {
    /// Load approval state and review comments of a meeting.
    LoadState(MeetingId),
    /// Load an earlier version's meeting package.
    LoadVersion(MeetingId, u32),
    /// Write an earlier version's PDF to a file.
    ExportVersion(MeetingId, u32, PathBuf),
    /// Approve.
    Approve(MeetingId, Option<String>),
    /// Write the archive export into a folder.
    ArchiveExport(MeetingId, PathBuf),
    /// Write the eInnsyn export to a file.
    PublishExport(MeetingId, PathBuf),
    /// Start a correction.
    StartCorrection(MeetingId, String),
    /// Write a review package.
    SendReview(MeetingId, PathBuf),
    /// Import a reply.
    ImportReply(PathBuf),
    /// Resolve a comment.
    ResolveComment(i64, u32, bool),
    /// Open a review file (leader).
    OpenReview(PathBuf),
    /// Open a received review again (leader).
    ReopenReview(String),
    /// List received reviews (leader).
    ListReceived,
    /// Store the leader's comments.
    SaveDrafts {
        /// The review.
        review_id: String,
        /// The reviewer's name.
        reviewer: String,
        /// Comments by item (0: whole).
        drafts: BTreeMap<u32, String>,
    },
    /// Write the reply file (leader).
    WriteReply {
        /// The review open.
        session: Box<ReviewSession>,
        /// The decision.
        decision: ReviewDecision,
        /// Where.
        path: PathBuf,
    },
}

/// What the database thread answers.
#[derive(Debug)]
pub enum RapportReply {
    /// Approval state and comments of a meeting.
    State(MeetingId, Box<ApprovalState>, Vec<ReceivedComment>),
    /// An earlier version's meeting.
    Version(MeetingId, u32, Box<MeetingRecord>),
    /// The meeting was approved.
    Approved(MeetingId),
    /// A correction was started: the new version number.
    Corrected(MeetingId, u32),
    /// A review package was written.
    ReviewSent(MeetingId, PathBuf),
    /// A reply was imported.
    ReplyImported(Box<ImportedReply>, String, ReviewDecision),
    /// A review is open (leader).
    ReviewOpened(Box<ReviewSession>, bool),
    /// The received reviews (leader).
    Received(Vec<ReceivedReview>),
    /// The reply was written (leader).
    ReplyWritten(String, ReviewDecision, NaiveDateTime, PathBuf),
    /// A file was written.
    Written(&'static str, PathBuf),
    /// An export to the archive or eInnsyn was written: what, where.
    Exported(&'static str, crate::app::export::ExportSummary),
}

/// Rapport's state in [`Core`].
#[derive(Default)]
pub struct RapportState {
    /// Approval state of the open meeting.
    pub approval: Option<(MeetingId, ApprovalState)>,
    /// Reviewer comments imported for the open meeting.
    pub comments: Option<(MeetingId, Vec<ReceivedComment>)>,
    /// The latest finished preview.
    pub preview: Option<Preview>,
    job: Option<PreviewJob>,
    queued: Option<(RapportDoc, Option<u32>, Arc<MeetingRecord>)>,
    /// The export under way.
    pub export: Option<ExportProgress>,
    export_rx: Option<Receiver<ExportMsg>>,
    /// The review open in the leader's Møtebok.
    pub review: Option<ReviewSession>,
    /// Review packages received (leader).
    pub received: Vec<ReceivedReview>,
}

impl std::fmt::Debug for RapportState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RapportState")
            .field("approval", &self.approval)
            .field("export", &self.export)
            .field("preview_busy", &self.job.is_some())
            .finish_non_exhaustive()
    }
}

impl RapportState {
    /// Whether no preview or export is being made and no comment waits to be stored.
    #[must_use]
    pub fn is_idle(&self) -> bool {
        self.job.is_none()
            && self.queued.is_none()
            && self.export.is_none()
            && self.review.as_ref().is_none_or(|r| r.dirty_since.is_none())
    }

    /// Whether a preview is being laid out.
    #[must_use]
    pub fn preview_busy(&self) -> bool {
        self.job.is_some() || self.queued.is_some()
    }

    /// Whether the preview of `doc` for the meeting as it is now must be (re)made: none yet,
    /// another document or version, or the meeting changed since. False while one is being made.
    #[must_use]
    pub fn wants_preview(
        &self,
        meeting: MeetingId,
        doc: RapportDoc,
        record: &MeetingRecord,
    ) -> bool {
        if self.preview_busy() {
            return false;
        }
        self.preview.as_ref().is_none_or(|p| {
            p.meeting != meeting || p.doc != doc || p.version.is_some() || *p.source != *record
        })
    }

    /// Whether the preview of version `version` must be loaded.
    #[must_use]
    pub fn wants_version_preview(&self, meeting: MeetingId, version: u32) -> bool {
        !self.preview_busy()
            && self
                .preview
                .as_ref()
                .is_none_or(|p| p.meeting != meeting || p.version != Some(version))
    }

    /// The approval state of meeting `id`, when loaded.
    #[must_use]
    pub fn approval_for(&self, id: MeetingId) -> Option<&ApprovalState> {
        self.approval
            .as_ref()
            .filter(|(m, _)| *m == id)
            .map(|(_, s)| s)
    }

    /// The reviewer comments of meeting `id`, when loaded.
    #[must_use]
    pub fn comments_for(&self, id: MeetingId) -> &[ReceivedComment] {
        self.comments
            .as_ref()
            .filter(|(m, _)| *m == id)
            .map_or(&[], |(_, c)| c.as_slice())
    }
}

fn failed(action: &'static str, detail: impl std::fmt::Display) -> Reply {
    Reply::Failed {
        action,
        detail: detail.to_string(),
    }
}

fn now() -> NaiveDateTime {
    Local::now().naive_local()
}

// ---------------------------------------------------------------------------------------------
// The operations, usable without a window (the database thread and tests call them).

/// The minutes PDF of a meeting as it stands (UTKAST until approved).
pub fn minutes_pdf(record: &MeetingRecord) -> Result<Vec<u8>, String> {
    crate::report::render_minutes_pdf(record, &minutes_options(record, false))
        .map_err(|e| e.to_string())
}

/// Starts a correction of a meeting's approved minutes: records them (package and PDF) with
/// the reason, re-opens the meeting as a draft, and returns the new version number.
pub fn start_correction(store: &mut Store, id: MeetingId, reason: &str) -> Result<u32, String> {
    let record = store.load_meeting(id).map_err(|e| e.to_string())?;
    if !record.meeting.status.is_locked() {
        return Err(format!(
            "møtet {} er ikke godkjent; det kan endres direkte",
            record.meeting.reference
        ));
    }
    let package = crate::package::write(&record);
    let pdf = minutes_pdf(&record)?;
    store
        .start_correction(id, reason, &package, &pdf, now())
        .map_err(|e| e.to_string())
}

/// Makes the review package of a meeting (meeting package, draft PDF, a new review id) and
/// records it as sent. Returns the file's text.
pub fn make_review_file(store: &mut Store, id: MeetingId) -> Result<String, String> {
    let (review_id, created, text) = review_file_text(store, id)?;
    store
        .record_review_sent(id, &review_id, created)
        .map_err(|e| e.to_string())?;
    Ok(text)
}

/// Writes the review package of a meeting to `path` (atomically) and records it as sent only
/// once the file is there: a failed write records nothing.
pub fn send_review(store: &mut Store, id: MeetingId, path: &Path) -> Result<(), String> {
    let (review_id, created, text) = review_file_text(store, id)?;
    write_file(path, text.as_bytes())?;
    store
        .record_review_sent(id, &review_id, created)
        .map_err(|e| e.to_string())
}

fn review_file_text(
    store: &Store,
    id: MeetingId,
) -> Result<(String, NaiveDateTime, String), String> {
    let record = store.load_meeting(id).map_err(|e| e.to_string())?;
    if record.meeting.status.is_locked() {
        return Err(format!(
            "møtet {} er allerede godkjent",
            record.meeting.reference
        ));
    }
    let pdf = minutes_pdf(&record)?;
    let created = now();
    let review_id = review_file::new_review_id(record.meeting.reference, created, &pdf);
    let text = review_file::write_review(&review_id, created, &record, &pdf);
    Ok((review_id, created, text))
}

/// Opens a review package (leader): reads it, keeps it in the database as a review (not as a
/// meeting) and returns it with the comments written on it so far.
pub fn open_review_file(store: &mut Store, text: &str) -> Result<(ReviewSession, bool), String> {
    let package = review_file::read_review(text).map_err(|e| e.to_string())?;
    let added = store
        .receive_review(
            &package.review_id,
            &package.record.body.name,
            package.record.meeting.reference,
            text,
            now(),
        )
        .map_err(|e| e.to_string())?;
    Ok((session_of(store, package)?, added))
}

/// Opens a review kept in the database again (leader), with the comments written so far.
pub fn reopen_review(store: &Store, review_id: &str) -> Result<ReviewSession, String> {
    let text = store
        .received_review_file(review_id)
        .map_err(|e| e.to_string())?;
    let package = review_file::read_review(&text).map_err(|e| e.to_string())?;
    session_of(store, package)
}

fn session_of(store: &Store, package: ReviewPackage) -> Result<ReviewSession, String> {
    let (reviewer, drafts) = store
        .review_drafts(&package.review_id)
        .map_err(|e| e.to_string())?;
    let state = store
        .received_reviews()
        .map_err(|e| e.to_string())?
        .into_iter()
        .find(|r| r.review_id == package.review_id);
    let reviewer = if reviewer.is_empty() {
        // The chair is the one who reviews, usually.
        package
            .record
            .meeting
            .chair
            .as_ref()
            .map(|c| package.record.name_of(c))
            .unwrap_or_default()
    } else {
        reviewer
    };
    Ok(ReviewSession {
        review_id: package.review_id,
        created: package.created,
        record: Arc::new(package.record),
        pdf: Arc::new(package.draft_pdf),
        reviewer,
        drafts,
        decision: state.as_ref().and_then(|s| s.decision),
        replied_at: state.and_then(|s| s.replied_at),
        dirty_since: None,
    })
}

/// The reply to a review: the leader's comments in the order of the minutes.
#[must_use]
pub fn reply_of(
    session: &ReviewSession,
    decision: ReviewDecision,
    at: NaiveDateTime,
) -> ReviewReply {
    let m = &session.record.meeting;
    let mut comments = Vec::new();
    for (item, text) in &session.drafts {
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let (number, title) = if *item == 0 {
            (None, None)
        } else {
            (
                Some(*item),
                m.items
                    .iter()
                    .find(|i| i.number == *item)
                    .map(|i| i.title.clone()),
            )
        };
        comments.push(ReviewComment {
            item: number,
            item_title: title,
            text: text.to_owned(),
        });
    }
    ReviewReply {
        review_id: session.review_id.clone(),
        body: session.record.body.name.clone(),
        meeting: m.reference,
        reviewer: session.reviewer.trim().to_owned(),
        decision,
        replied_at: at,
        comments,
    }
}

/// Writes the leader's reply (comments stored first) and records it. Returns the file's text.
pub fn write_reply_file(
    store: &mut Store,
    session: &ReviewSession,
    decision: ReviewDecision,
) -> Result<String, String> {
    let (at, text) = reply_text(store, session, decision)?;
    store
        .record_reply_written(&session.review_id, decision, at)
        .map_err(|e| e.to_string())?;
    Ok(text)
}

/// Writes the leader's reply to `path` (atomically; comments stored first) and records it as
/// written only once the file is there: a failed write records no reply.
pub fn send_reply(
    store: &mut Store,
    session: &ReviewSession,
    decision: ReviewDecision,
    path: &Path,
) -> Result<(), String> {
    let (at, text) = reply_text(store, session, decision)?;
    write_file(path, text.as_bytes())?;
    store
        .record_reply_written(&session.review_id, decision, at)
        .map_err(|e| e.to_string())
}

/// Checks the reply can be sent, stores the comments, and returns the reply's time and text.
fn reply_text(
    store: &mut Store,
    session: &ReviewSession,
    decision: ReviewDecision,
) -> Result<(NaiveDateTime, String), String> {
    if session.reviewer.trim().is_empty() {
        return Err("skriv inn navnet ditt før du svarer".into());
    }
    if decision == ReviewDecision::ChangesRequested && !session.has_comments() {
        return Err("skriv minst én kommentar om hva som bør endres".into());
    }
    store
        .save_review_drafts(&session.review_id, session.reviewer.trim(), &session.drafts)
        .map_err(|e| e.to_string())?;
    let at = now();
    let reply = reply_of(session, decision, at);
    Ok((at, review_file::write_reply(&reply)))
}

/// Imports a reviewer's reply file's text (secretary).
pub fn import_reply_text(
    store: &mut Store,
    text: &str,
) -> Result<(ImportedReply, ReviewReply), String> {
    let reply = review_file::read_reply(text).map_err(|e| e.to_string())?;
    let imported = store
        .import_review_reply(&reply, now())
        .map_err(|e| e.to_string())?;
    Ok((imported, reply))
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    // Write beside the target, then rename: a failed write never leaves half a file.
    crate::files::write_atomic(path, bytes)
}

fn load_state(store: &Store, id: MeetingId) -> Result<Reply, StoreError> {
    let state = store.approval_state(id)?;
    let comments = store.review_comments(id)?;
    Ok(Reply::Rapport(RapportReply::State(
        id,
        Box::new(state),
        comments,
    )))
}

/// Carries out a Rapport request on the database thread.
pub(super) fn handle(store: &mut Store, request: RapportRequest) -> Reply {
    match request {
        RapportRequest::LoadState(id) => {
            load_state(store, id).unwrap_or_else(|e| failed("Kunne ikke lese godkjenningen", e))
        }
        RapportRequest::LoadVersion(id, version) => {
            match store
                .version_package(id, version)
                .map_err(|e| e.to_string())
                .and_then(|text| crate::package::read(&text).map_err(|e| e.to_string()))
            {
                Ok(record) => Reply::Rapport(RapportReply::Version(id, version, Box::new(record))),
                Err(e) => failed("Kunne ikke lese den tidligere versjonen", e),
            }
        }
        RapportRequest::ExportVersion(id, version, path) => {
            match store
                .version_pdf(id, version)
                .map_err(|e| e.to_string())
                .and_then(|pdf| write_file(&path, &pdf))
            {
                Ok(()) => Reply::Rapport(RapportReply::Written(
                    "Den tidligere versjonen er lagret",
                    path,
                )),
                Err(e) => failed("Kunne ikke lagre den tidligere versjonen", e),
            }
        }
        RapportRequest::ArchiveExport(id, dir) => {
            let written = store
                .load_meeting(id)
                .and_then(|record| {
                    Ok((
                        store.notice_baseline(id)?,
                        store.signed_document(id)?,
                        record,
                    ))
                })
                .map_err(|e| e.to_string())
                .and_then(|(sent, signed, record)| {
                    crate::app::export::archive_export(
                        &record,
                        sent.as_ref(),
                        signed.as_deref(),
                        &dir,
                        now(),
                    )
                });
            match written {
                Ok(summary) => Reply::Rapport(RapportReply::Exported(
                    "Arkivmeldingene er skrevet",
                    summary,
                )),
                Err(e) => failed("Kunne ikke skrive til arkivet", e),
            }
        }
        RapportRequest::PublishExport(id, file) => {
            let written = store
                .load_meeting(id)
                .map_err(|e| e.to_string())
                .and_then(|record| crate::app::export::publish_export(&record, &file));
            match written {
                Ok(summary) => {
                    Reply::Rapport(RapportReply::Exported("eInnsyn-filen er skrevet", summary))
                }
                Err(e) => failed("Kunne ikke skrive eInnsyn-filen", e),
            }
        }
        RapportRequest::Approve(id, by) => {
            match store.approve(id, by.as_deref(), ApprovedVia::Window, now()) {
                Ok(()) => Reply::Rapport(RapportReply::Approved(id)),
                Err(e) => failed("Kunne ikke godkjenne møtet", e),
            }
        }
        RapportRequest::StartCorrection(id, reason) => match start_correction(store, id, &reason) {
            Ok(version) => Reply::Rapport(RapportReply::Corrected(id, version)),
            Err(e) => failed("Kunne ikke starte rettingen", e),
        },
        RapportRequest::SendReview(id, path) => match send_review(store, id, &path) {
            Ok(()) => Reply::Rapport(RapportReply::ReviewSent(id, path)),
            Err(e) => failed("Kunne ikke lage gjennomgangspakken", e),
        },
        RapportRequest::ImportReply(path) => {
            match crate::files::read_text_limited(&path, crate::package::MAX_REPLY_BYTES)
                .and_then(|text| import_reply_text(store, &text))
            {
                Ok((imported, reply)) => Reply::Rapport(RapportReply::ReplyImported(
                    Box::new(imported),
                    reply.reviewer,
                    reply.decision,
                )),
                Err(e) => failed("Kunne ikke importere svaret", e),
            }
        }
        RapportRequest::ResolveComment(reply, position, resolved) => {
            match store.set_comment_resolved(reply, position, resolved, now()) {
                Ok(()) => Reply::Done,
                Err(e) => failed("Kunne ikke lagre kommentaren", e),
            }
        }
        RapportRequest::OpenReview(path) => {
            match crate::files::read_text_limited(&path, crate::package::MAX_REVIEW_BYTES)
                .and_then(|text| open_review_file(store, &text))
            {
                Ok((session, added)) => {
                    Reply::Rapport(RapportReply::ReviewOpened(Box::new(session), added))
                }
                Err(e) => failed("Kunne ikke åpne gjennomgangspakken", e),
            }
        }
        RapportRequest::ReopenReview(review_id) => match reopen_review(store, &review_id) {
            Ok(session) => Reply::Rapport(RapportReply::ReviewOpened(Box::new(session), false)),
            Err(e) => failed("Kunne ikke åpne gjennomgangen", e),
        },
        RapportRequest::ListReceived => match store.received_reviews() {
            Ok(list) => Reply::Rapport(RapportReply::Received(list)),
            Err(e) => failed("Kunne ikke lese gjennomgangene", e),
        },
        RapportRequest::SaveDrafts {
            review_id,
            reviewer,
            drafts,
        } => match store.save_review_drafts(&review_id, &reviewer, &drafts) {
            Ok(()) => Reply::Done,
            Err(e) => failed("Kunne ikke lagre kommentarene", e),
        },
        RapportRequest::WriteReply {
            session,
            decision,
            path,
        } => match send_reply(store, &session, decision, &path) {
            Ok(()) => {
                let at = store
                    .received_reviews()
                    .ok()
                    .and_then(|l| l.into_iter().find(|r| r.review_id == session.review_id))
                    .and_then(|r| r.replied_at)
                    .unwrap_or_else(now);
                Reply::Rapport(RapportReply::ReplyWritten(
                    session.review_id.clone(),
                    decision,
                    at,
                    path,
                ))
            }
            Err(e) => failed("Kunne ikke skrive svaret", e),
        },
    }
}

// ---------------------------------------------------------------------------------------------
// In the app.

fn spawn_preview(
    meeting: MeetingId,
    doc: RapportDoc,
    version: Option<u32>,
    source: Arc<MeetingRecord>,
) -> PreviewJob {
    let (tx, rx) = mpsc::channel();
    let record = Arc::clone(&source);
    let spawned = std::thread::Builder::new()
        .name("motebok-preview".into())
        .spawn(move || {
            let _ = tx.send(layout(&record, doc));
        });
    if spawned.is_err() {
        // No thread: the job reports nothing and is dropped on the next tick.
    }
    PreviewJob {
        meeting,
        doc,
        version,
        source,
        rx,
    }
}

fn spawn_export(record: MeetingRecord, doc: RapportDoc, path: PathBuf) -> Receiver<ExportMsg> {
    let (tx, rx) = mpsc::channel();
    let _ = std::thread::Builder::new()
        .name("motebok-export".into())
        .spawn(move || {
            let result = (|| {
                let document = layout(&record, doc);
                let pages = document.pages.len();
                let _ = tx.send(ExportMsg::Phase(ExportPhase::Writing { pages }));
                let generated = now();
                let mut pdf =
                    crate::report::write_pdf(&document, generated).map_err(|e| e.to_string())?;
                if doc == RapportDoc::Archive {
                    let _ = tx.send(ExportMsg::Phase(ExportPhase::Archiving { pages }));
                    pdf = crate::report::to_pdfa(&pdf).map_err(|e| e.to_string())?;
                }
                let _ = tx.send(ExportMsg::Phase(ExportPhase::Saving { pages }));
                write_file(&path, &pdf)?;
                Ok(pages)
            })();
            let _ = tx.send(ExportMsg::Done(result));
        });
    rx
}

impl Core {
    /// Carries out a Rapport command.
    pub(super) fn rapport_command(&mut self, command: RapportCommand) {
        let writes = matches!(
            command,
            RapportCommand::Approve { .. }
                | RapportCommand::StartCorrection { .. }
                | RapportCommand::SendReview(_)
                | RapportCommand::ImportReply(_)
                | RapportCommand::ResolveComment { .. }
                | RapportCommand::OpenReview(_)
                | RapportCommand::WriteReply { .. }
        );
        if writes && self.read_only {
            self.error(
                "Databasen er åpnet skrivebeskyttet",
                "Endringer kan ikke lagres nå.".into(),
            );
            return;
        }
        let open_id = self.open.as_ref().map(|o| o.id);
        match command {
            RapportCommand::Preview(doc) => {
                if let Some(open) = &self.open {
                    let source = Arc::new(open.record.clone());
                    self.queue_preview(open.id, doc, None, source);
                }
            }
            RapportCommand::PreviewVersion(version) => {
                if let Some(id) = open_id {
                    self.send(Request::Rapport(RapportRequest::LoadVersion(id, version)));
                }
            }
            RapportCommand::Export { doc, path } => {
                if self.rapport.export.is_some() {
                    self.error("En eksport pågår allerede", path.display().to_string());
                    return;
                }
                if let Some(open) = &self.open {
                    let record = open.record.clone();
                    self.rapport.export_rx = Some(spawn_export(record, doc, path.clone()));
                    self.rapport.export = Some(ExportProgress {
                        doc,
                        path,
                        phase: ExportPhase::Layout,
                        started: Instant::now(),
                    });
                }
            }
            RapportCommand::ExportVersion { version, path } => {
                if let Some(id) = open_id {
                    self.send(Request::Rapport(RapportRequest::ExportVersion(
                        id, version, path,
                    )));
                }
            }
            RapportCommand::Approve { by } => {
                let Some(id) = open_id else { return };
                self.flush_saves();
                // Lock at once in the window: no edit or undo slips in while the database
                // approves; the reload after it shows what the database holds either way.
                if let Some(open) = self.open.as_mut() {
                    open.record.meeting.status = MeetingStatus::Approved;
                    open.forget_history();
                }
                self.send(Request::Rapport(RapportRequest::Approve(id, by)));
                self.send(Request::Load(id));
            }
            RapportCommand::ArchiveExport(dir) => {
                let Some(id) = open_id else { return };
                self.send(Request::Rapport(RapportRequest::ArchiveExport(id, dir)));
            }
            RapportCommand::PublishExport(file) => {
                let Some(id) = open_id else { return };
                self.send(Request::Rapport(RapportRequest::PublishExport(id, file)));
            }
            RapportCommand::StartCorrection { reason } => {
                let Some(id) = open_id else { return };
                if reason.trim().is_empty() {
                    self.error(
                        "Rettingen trenger en begrunnelse",
                        "Skriv hvorfor det godkjente referatet må rettes.".into(),
                    );
                    return;
                }
                self.send(Request::Rapport(RapportRequest::StartCorrection(
                    id, reason,
                )));
            }
            RapportCommand::SendReview(path) => {
                let Some(id) = open_id else { return };
                self.flush_saves();
                self.send(Request::Rapport(RapportRequest::SendReview(id, path)));
            }
            RapportCommand::ImportReply(path) => {
                self.send(Request::Rapport(RapportRequest::ImportReply(path)));
            }
            RapportCommand::ResolveComment {
                reply,
                position,
                resolved,
            } => {
                if let Some((_, comments)) = self.rapport.comments.as_mut()
                    && let Some(c) = comments
                        .iter_mut()
                        .find(|c| c.reply == reply && c.position == position)
                {
                    c.resolved = resolved;
                }
                self.send(Request::Rapport(RapportRequest::ResolveComment(
                    reply, position, resolved,
                )));
            }
            RapportCommand::OpenReview(path) => {
                self.flush_review_drafts();
                self.send(Request::Rapport(RapportRequest::OpenReview(path)));
            }
            RapportCommand::ReopenReview(id) => {
                self.flush_review_drafts();
                self.send(Request::Rapport(RapportRequest::ReopenReview(id)));
            }
            RapportCommand::ListReceived => {
                self.send(Request::Rapport(RapportRequest::ListReceived));
            }
            RapportCommand::SetComment { item, text } => {
                if let Some(r) = self.rapport.review.as_mut() {
                    r.drafts.insert(item, text);
                    r.dirty_since.get_or_insert_with(Instant::now);
                }
            }
            RapportCommand::SetReviewer(name) => {
                if let Some(r) = self.rapport.review.as_mut() {
                    r.reviewer = name;
                    r.dirty_since.get_or_insert_with(Instant::now);
                }
            }
            RapportCommand::WriteReply { decision, path } => {
                if let Some(r) = self.rapport.review.as_mut() {
                    r.dirty_since = None;
                    let session = Box::new(r.clone());
                    self.send(Request::Rapport(RapportRequest::WriteReply {
                        session,
                        decision,
                        path,
                    }));
                }
            }
            RapportCommand::OpenReviewPdf => {
                if let Some(r) = &self.rapport.review {
                    // The id came from a file: it names the PDF only if it has its pattern,
                    // and the PDF goes into this run's private temporary folder.
                    let result = crate::model::check_review_id(&r.review_id)
                        .and_then(|()| {
                            crate::files::write_private_temp(
                                &format!("{}.pdf", r.review_id),
                                &r.pdf,
                            )
                        })
                        .and_then(|path| {
                            super::system::open_with_system(&path).map_err(|e| e.to_string())
                        });
                    if let Err(e) = result {
                        self.error("Kunne ikke åpne PDF-en", e);
                    }
                }
            }
            RapportCommand::CloseReview => {
                self.flush_review_drafts();
                self.rapport.review = None;
                self.send(Request::Rapport(RapportRequest::ListReceived));
            }
        }
    }

    fn queue_preview(
        &mut self,
        meeting: MeetingId,
        doc: RapportDoc,
        version: Option<u32>,
        source: Arc<MeetingRecord>,
    ) {
        if self.rapport.job.is_some() {
            self.rapport.queued = Some((doc, version, source));
        } else {
            self.rapport.job = Some(spawn_preview(meeting, doc, version, source));
        }
    }

    /// Stores the leader's comments now if they changed.
    pub(super) fn flush_review_drafts(&mut self) {
        if let Some(r) = self.rapport.review.as_mut()
            && r.dirty_since.take().is_some()
        {
            let request = RapportRequest::SaveDrafts {
                review_id: r.review_id.clone(),
                reviewer: r.reviewer.clone(),
                drafts: r.drafts.clone(),
            };
            self.send(Request::Rapport(request));
        }
    }

    /// Called when a meeting was loaded: its approval state and comments follow.
    pub(super) fn rapport_loaded(&mut self, id: MeetingId) {
        self.send(Request::Rapport(RapportRequest::LoadState(id)));
    }

    /// Called every frame: collects finished previews and export progress, stores comments
    /// that are due.
    pub(super) fn rapport_tick(&mut self) {
        if let Some(job) = &self.rapport.job {
            match job.rx.try_recv() {
                Ok(document) => {
                    if let Some(job) = self.rapport.job.take() {
                        self.rapport.preview = Some(Preview {
                            meeting: job.meeting,
                            doc: job.doc,
                            version: job.version,
                            document: Arc::new(document),
                            source: job.source,
                        });
                    }
                }
                Err(TryRecvError::Disconnected) => {
                    self.rapport.job = None;
                    self.error("Forhåndsvisningen kunne ikke lages", String::new());
                }
                Err(TryRecvError::Empty) => {}
            }
            if self.rapport.job.is_none()
                && let Some((doc, version, source)) = self.rapport.queued.take()
                && let Some(id) = self.open.as_ref().map(|o| o.id)
            {
                self.rapport.job = Some(spawn_preview(id, doc, version, source));
            }
        }
        let mut finished = None;
        if let Some(rx) = &self.rapport.export_rx {
            loop {
                match rx.try_recv() {
                    Ok(ExportMsg::Phase(phase)) => {
                        if let Some(e) = self.rapport.export.as_mut() {
                            e.phase = phase;
                        }
                    }
                    Ok(ExportMsg::Done(result)) => {
                        finished = Some(result);
                        break;
                    }
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        finished = Some(Err("eksporten stoppet uventet".into()));
                        break;
                    }
                }
            }
        }
        if let Some(result) = finished {
            self.rapport.export_rx = None;
            if let Some(export) = self.rapport.export.take() {
                match result {
                    // The headline says it in the user's language; the detail is the file.
                    Ok(_pages) => self.info_worded(
                        "PDF-en er lagret",
                        "The PDF is saved",
                        export.path.display().to_string(),
                    ),
                    Err(e) => {
                        self.error_worded("Kunne ikke lagre PDF-en", "Could not save the PDF", e);
                    }
                }
            }
        }
        let due = self
            .rapport
            .review
            .as_ref()
            .and_then(|r| r.dirty_since)
            .is_some_and(|t| t.elapsed() >= DRAFT_SAVE_QUIET);
        if due {
            self.flush_review_drafts();
        }
    }

    /// Handles a Rapport reply.
    pub(super) fn rapport_reply(&mut self, reply: RapportReply) {
        match reply {
            RapportReply::State(id, state, comments) => {
                self.rapport.approval = Some((id, *state));
                self.rapport.comments = Some((id, comments));
            }
            RapportReply::Version(id, version, record) => {
                if self.open.as_ref().is_some_and(|o| o.id == id) {
                    self.queue_preview(id, RapportDoc::Minutes, Some(version), Arc::new(*record));
                }
            }
            RapportReply::Approved(id) | RapportReply::Corrected(id, _) => {
                if let RapportReply::Corrected(_, version) = reply {
                    self.info(
                        "Rettingen er startet",
                        format!(
                            "Referatet er åpnet igjen som versjon {version}; den godkjente \
                             versjonen er tatt vare på."
                        ),
                    );
                } else {
                    self.info("Møtet er godkjent", "Innholdet er nå låst.".into());
                }
                if let Some(open) = self.open.as_mut()
                    && open.id == id
                {
                    open.forget_history();
                }
                self.send(Request::Load(id));
                self.send(Request::ListMeetings);
            }
            RapportReply::ReviewSent(id, path) => {
                self.info("Gjennomgangspakken er laget", path.display().to_string());
                let to_review = self.open.as_ref().is_some_and(|o| {
                    o.id == id
                        && matches!(
                            o.record.meeting.status,
                            MeetingStatus::Held | MeetingStatus::DraftMinutes
                        )
                });
                if to_review {
                    self.edit(Edit::SetStatus(MeetingStatus::InReview), Instant::now());
                }
            }
            RapportReply::ReplyImported(imported, reviewer, decision) => {
                let what = match decision {
                    ReviewDecision::Approve => "godkjenner referatet",
                    ReviewDecision::ChangesRequested => "ber om endringer",
                };
                let mut detail = format!("{reviewer} {what}; {} kommentarer.", imported.comments);
                if imported.unplaced > 0 {
                    detail = format!(
                        "{detail} {} av dem gjelder saker som ikke finnes lenger og vises under \
                         hele referatet.",
                        imported.unplaced
                    );
                }
                self.info("Svaret er importert", detail);
                if self.open.as_ref().is_some_and(|o| o.id == imported.meeting) {
                    self.send(Request::Rapport(RapportRequest::LoadState(
                        imported.meeting,
                    )));
                } else {
                    self.send(Request::Load(imported.meeting));
                }
            }
            RapportReply::ReviewOpened(session, added) => {
                if added {
                    self.info(
                        "Gjennomgangspakken er åpnet",
                        format!(
                            "{} {} — innholdet kan ikke endres; skriv kommentarer og svar.",
                            session.record.body.name, session.record.meeting.reference
                        ),
                    );
                }
                self.rapport.review = Some(*session);
                self.send(Request::Rapport(RapportRequest::ListReceived));
            }
            RapportReply::Received(list) => self.rapport.received = list,
            RapportReply::ReplyWritten(review_id, decision, at, path) => {
                if let Some(r) = self.rapport.review.as_mut()
                    && r.review_id == review_id
                {
                    r.decision = Some(decision);
                    r.replied_at = Some(at);
                }
                self.info(
                    "Svaret er skrevet",
                    format!("{} — send filen til sekretæren.", path.display()),
                );
                self.send(Request::Rapport(RapportRequest::ListReceived));
            }
            RapportReply::Written(title, path) => self.info(title, path.display().to_string()),
            RapportReply::Exported(title, summary) => {
                let detail = format!("{}\n→ {}", summary.lines.join("\n"), summary.path.display());
                self.info(title, detail);
            }
        }
    }
}
