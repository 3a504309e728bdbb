//! The database thread: owns the [`Store`], runs requests in order, answers with replies.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender};

use crate::model::{Meeting, MeetingRecord, Person};
use crate::package;
use crate::store::{ImportMode, MeetingId, MeetingSummary, Store, StoreError};

use super::failure::Failure;

/// Work for the database thread.
#[derive(Debug)]
pub enum Request {
    /// Agenda builder work (see [`super::agenda`]).
    Agenda(super::agenda::AgendaRequest),
    /// Rapport work (see [`super::rapport`]).
    Rapport(super::rapport::RapportRequest),
    /// Signatures of a meeting (see [`super::signing`]).
    Signing(super::signing::SigningRequest),
    /// Search, register and follow-up work (see [`super::search`]).
    Search(super::search::SearchRequest),
    /// Referat work (see [`super::minutes`]).
    Minutes(super::minutes::MinutesRequest),
    /// Oppmøte work (see [`super::attendance`]).
    Attendance(super::attendance::AttendanceRequest),
    /// Reload everyone in the database.
    ListPeople,
    /// Reload the meeting list.
    ListMeetings,
    /// Load one meeting whole.
    Load(MeetingId),
    /// Create a meeting for a body.
    Create {
        /// Body name.
        body: String,
        /// The new meeting.
        meeting: Box<Meeting>,
    },
    /// Save the header, attendance and items of an open meeting; when the database refuses,
    /// the record goes into a rescue file instead (see [`super::rescue`]).
    Save {
        /// Which meeting.
        id: MeetingId,
        /// Its new content, with its body and people (for the rescue file).
        record: Box<MeetingRecord>,
    },
    /// Write the open meeting as a package to a file the user chose (the database refused it).
    Rescue {
        /// Which meeting.
        id: MeetingId,
        /// Its content as on screen.
        record: Box<MeetingRecord>,
        /// The file to write.
        path: PathBuf,
    },
    /// Read a meeting package from a file and import it.
    Import {
        /// The file.
        path: PathBuf,
        /// Overwrite an existing meeting with the same body and reference.
        replace: bool,
    },
    /// Write a meeting package to a file.
    Export {
        /// Which meeting.
        id: MeetingId,
        /// The file to write.
        path: PathBuf,
    },
}

/// What the database thread answers.
#[derive(Debug)]
pub enum Reply {
    /// An answer to [`Request::Agenda`].
    Agenda(super::agenda::AgendaReply),
    /// An answer to [`Request::Rapport`].
    Rapport(super::rapport::RapportReply),
    /// An answer to [`Request::Signing`].
    Signing(super::signing::SigningReply),
    /// An answer to [`Request::Search`].
    Search(super::search::SearchReply),
    /// An answer to [`Request::Minutes`].
    Minutes(super::minutes::MinutesReply),
    /// An answer to [`Request::Attendance`].
    Attendance(super::attendance::AttendanceReply),
    /// Everyone in the database, by name.
    People(Vec<Person>),
    /// A request that answers nothing but its success was carried out.
    Done,
    /// The meeting list.
    Meetings(Vec<MeetingSummary>),
    /// A loaded meeting.
    Loaded(MeetingId, Box<MeetingRecord>),
    /// A meeting was created.
    Created(MeetingId),
    /// A meeting's content is safely in the database.
    Saved(MeetingId),
    /// The database refused a save; the text went into a rescue file (when one could be
    /// written).
    SaveFailed(MeetingId, super::rescue::SaveProblem),
    /// The unsaved minutes were written to the file the user chose.
    Rescued(Result<PathBuf, String>),
    /// A package was imported.
    Imported(MeetingId),
    /// The package names a meeting that already exists; the user must choose.
    ImportWouldReplace {
        /// The file.
        path: PathBuf,
        /// "Samarbeidsrådet for ROR-IKT 2024/M4".
        what: String,
    },
    /// A package was written.
    Exported(PathBuf),
    /// A request failed; nothing was changed by it.
    Failure {
        /// What was attempted.
        failure: Failure,
        /// The error, naming what and where.
        detail: String,
    },
    /// A request failed, its headline worded in Norwegian by the slice that ran it (Rapport and
    /// signing, until they answer with [`Reply::Failure`] too).
    Failed {
        /// What was attempted, in the user's words (Norwegian).
        action: &'static str,
        /// The error, naming what and where.
        detail: String,
    },
}

impl Reply {
    /// The answer to a request that failed.
    pub(super) fn failure(failure: Failure, err: &impl std::fmt::Display) -> Self {
        Reply::Failure {
            failure,
            detail: err.to_string(),
        }
    }
}

/// Runs requests until the sending side is dropped. The background upkeep of the file (full
/// check, backup: see [`super::maintenance`]) runs beside it on its own connections and is
/// stopped before the database closes.
pub(super) fn run(
    mut store: Store,
    requests: &Receiver<Request>,
    replies: &Sender<Reply>,
    notify: &(dyn Fn() + Send),
    upkeep: &super::maintenance::MaintenanceHandle,
) {
    let _upkeep = super::maintenance::start(
        store.path(),
        store.is_read_only(),
        upkeep,
        super::maintenance::START_DELAY,
    );
    while let Ok(request) = requests.recv() {
        let reply = handle(&mut store, request);
        if replies.send(reply).is_err() {
            break;
        }
        notify();
    }
}

fn handle(store: &mut Store, request: Request) -> Reply {
    match request {
        Request::Agenda(r) => super::agenda::handle(store, r),
        Request::Rapport(r) => super::rapport::handle(store, r),
        Request::Signing(r) => super::signing::handle(store, r),
        Request::Search(r) => super::search::handle(store, r),
        Request::Minutes(r) => super::minutes::handle(store, r),
        Request::Attendance(r) => super::attendance::handle(store, r),
        Request::ListPeople => match store.people() {
            Ok(people) => Reply::People(people),
            Err(e) => Reply::failure(Failure::ReadPeople, &e),
        },
        Request::ListMeetings => match store.list_meetings() {
            Ok(list) => Reply::Meetings(list),
            Err(e) => Reply::failure(Failure::ReadMeetings, &e),
        },
        Request::Load(id) => match store.load_meeting(id) {
            Ok(record) => Reply::Loaded(id, Box::new(record)),
            Err(e) => Reply::failure(Failure::OpenMeeting, &e),
        },
        Request::Create { body, meeting } => match store.create_meeting(&body, &meeting) {
            Ok(id) => Reply::Created(id),
            Err(e) => Reply::failure(Failure::CreateMeeting, &e),
        },
        Request::Save { id, record } => match store.save_meeting(id, &record.meeting) {
            Ok(()) => Reply::Saved(id),
            Err(e) => Reply::SaveFailed(
                id,
                super::rescue::SaveProblem {
                    fault: e.file_fault(),
                    detail: e.to_string(),
                    rescue: super::rescue::write_rescue(store.path(), id, &record),
                },
            ),
        },
        Request::Rescue {
            id: _,
            record,
            path,
        } => Reply::Rescued(
            super::rescue::write_file(&path, package::write(&record).as_bytes()).map(|()| path),
        ),
        Request::Import { path, replace } => import(store, path, replace),
        Request::Export { id, path } => {
            let result = store
                .load_meeting(id)
                .map_err(|e| e.to_string())
                .and_then(|record| {
                    let blobs = store
                        .attachment_blobs(&record.meeting)
                        .map_err(|e| e.to_string())?;
                    crate::files::write_atomic(
                        &path,
                        package::write_with_attachments(&record, &blobs).as_bytes(),
                    )
                });
            match result {
                Ok(()) => Reply::Exported(path),
                Err(e) => Reply::failure(Failure::Export, &e),
            }
        }
    }
}

fn import(store: &mut Store, path: PathBuf, replace: bool) -> Reply {
    const ACTION: Failure = Failure::Import;
    let text = match crate::files::read_text_limited(&path, package::MAX_PACKAGE_BYTES) {
        Ok(t) => t,
        Err(e) => return Reply::failure(ACTION, &e),
    };
    let (record, blobs) = match package::read_with_attachments(&text) {
        Ok(r) => r,
        Err(e) => return Reply::failure(ACTION, &format!("{}:\n{e}", path.display())),
    };
    let mode = if replace {
        ImportMode::Replace
    } else {
        ImportMode::Refuse
    };
    match store.import_with_attachments(&record, &blobs, mode) {
        Ok(id) => Reply::Imported(id),
        Err(StoreError::MeetingExists { body, reference }) => Reply::ImportWouldReplace {
            path,
            what: format!("{body} {reference}"),
        },
        Err(e) => Reply::failure(ACTION, &e),
    }
}
