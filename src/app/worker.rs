//! The database thread: owns the [`Store`], runs requests in order, answers with replies.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender};

use crate::model::{Meeting, MeetingRecord, Person};
use crate::package;
use crate::store::{ImportMode, MeetingId, MeetingSummary, Store, StoreError, WorkPlace};

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
    /// Reload everyone in the database.
    ListPeople,
    /// Add a new person (a guest typed in the meeting).
    AddPerson(Person),
    /// Load a body's quick decision phrases.
    LoadPhrases(String),
    /// Replace a body's quick decision phrases.
    SetPhrases {
        /// The body's name.
        body: String,
        /// The phrases in order.
        phrases: Vec<String>,
    },
    /// Remember where the referent is working (for a restart after a crash).
    RememberPlace(WorkPlace),
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
    /// Save the header, attendance and items of an open meeting.
    Save {
        /// Which meeting.
        id: MeetingId,
        /// Its new content.
        meeting: Box<Meeting>,
    },
    /// Read a meeting package from a file and import it.
    Import {
        /// The file.
        path: PathBuf,
        /// Overwrite an existing meeting with the same body and reference.
        replace: bool,
    },
    /// Add a new person by name, with a key made from it.
    AddPersonNamed {
        /// "Surname, Given names".
        name: String,
        /// The organisation represented, if any.
        organization: Option<String>,
    },
    /// Set a body's quorum rule.
    SetQuorumRule {
        /// The body's name.
        body: String,
        /// The rule.
        rule: crate::model::QuorumRule,
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
    /// Everyone in the database, by name.
    People(Vec<Person>),
    /// A body's quick decision phrases.
    Phrases {
        /// The body's name.
        body: String,
        /// The phrases in order.
        phrases: Vec<String>,
    },
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
    /// A package was imported.
    Imported(MeetingId),
    /// The package names a meeting that already exists; the user must choose.
    ImportWouldReplace {
        /// The file.
        path: PathBuf,
        /// "Samarbeidsrådet for ROR-IKT 2024/M4".
        what: String,
    },
    /// A person was added by name ([`Request::AddPersonNamed`]).
    PersonAdded(Person),
    /// A body's quorum rule was stored.
    QuorumRuleSet {
        /// The body's name.
        body: String,
        /// The rule now in force.
        rule: crate::model::QuorumRule,
    },
    /// A package was written.
    Exported(PathBuf),
    /// A request failed; nothing was changed by it.
    Failed {
        /// What was attempted, in the user's words (Norwegian).
        action: &'static str,
        /// The error, naming what and where.
        detail: String,
    },
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

fn failed(action: &'static str, err: &impl std::fmt::Display) -> Reply {
    Reply::Failed {
        action,
        detail: err.to_string(),
    }
}

fn handle(store: &mut Store, request: Request) -> Reply {
    match request {
        Request::Agenda(r) => super::agenda::handle(store, r),
        Request::Rapport(r) => super::rapport::handle(store, r),
        Request::Signing(r) => super::signing::handle(store, r),
        Request::Search(r) => super::search::handle(store, r),
        Request::ListPeople => match store.people() {
            Ok(people) => Reply::People(people),
            Err(e) => failed("Kunne ikke lese personlisten", &e),
        },
        Request::AddPerson(person) => match store.add_person(&person) {
            Ok(()) => Reply::Done,
            Err(e) => failed("Kunne ikke legge til personen", &e),
        },
        Request::LoadPhrases(body) => match store.phrases(&body) {
            Ok(phrases) => Reply::Phrases { body, phrases },
            Err(e) => failed("Kunne ikke lese hurtigfrasene", &e),
        },
        Request::SetPhrases { body, phrases } => match store.set_phrases(&body, &phrases) {
            Ok(()) => match store.phrases(&body) {
                Ok(phrases) => Reply::Phrases { body, phrases },
                Err(e) => failed("Kunne ikke lese hurtigfrasene", &e),
            },
            Err(e) => failed("Kunne ikke lagre hurtigfrasene", &e),
        },
        Request::RememberPlace(place) => match store.remember_place(place) {
            // Losing the remembered place costs the referent a click, never data: no message.
            Ok(()) | Err(_) => Reply::Done,
        },
        Request::ListMeetings => match store.list_meetings() {
            Ok(list) => Reply::Meetings(list),
            Err(e) => failed("Kunne ikke lese møtelisten", &e),
        },
        Request::Load(id) => match store.load_meeting(id) {
            Ok(record) => Reply::Loaded(id, Box::new(record)),
            Err(e) => failed("Kunne ikke åpne møtet", &e),
        },
        Request::Create { body, meeting } => match store.create_meeting(&body, &meeting) {
            Ok(id) => Reply::Created(id),
            Err(e) => failed("Kunne ikke opprette møtet", &e),
        },
        Request::Save { id, meeting } => match store.save_meeting(id, &meeting) {
            Ok(()) => Reply::Saved(id),
            Err(e) => failed("Kunne ikke lagre", &e),
        },
        Request::Import { path, replace } => import(store, path, replace),
        Request::AddPersonNamed { name, organization } => {
            match store.add_person_named(&name, organization.as_deref()) {
                Ok(person) => Reply::PersonAdded(person),
                Err(e) => failed("Kunne ikke legge til personen", &e),
            }
        }
        Request::SetQuorumRule { body, rule } => match store.set_quorum_rule(&body, rule) {
            Ok(()) => Reply::QuorumRuleSet { body, rule },
            Err(e) => failed("Kunne ikke lagre regelen for vedtaksførhet", &e),
        },
        Request::Export { id, path } => {
            let result = store
                .load_meeting(id)
                .map_err(|e| e.to_string())
                .and_then(|record| {
                    let blobs = store
                        .attachment_blobs(&record.meeting)
                        .map_err(|e| e.to_string())?;
                    std::fs::write(&path, package::write_with_attachments(&record, &blobs))
                        .map_err(|e| format!("{}: {e}", path.display()))
                });
            match result {
                Ok(()) => Reply::Exported(path),
                Err(e) => failed("Kunne ikke eksportere møtepakken", &e),
            }
        }
    }
}

fn import(store: &mut Store, path: PathBuf, replace: bool) -> Reply {
    const ACTION: &str = "Kunne ikke importere møtepakken";
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => return failed(ACTION, &format!("{}: {e}", path.display())),
    };
    let (record, blobs) = match package::read_with_attachments(&text) {
        Ok(r) => r,
        Err(e) => return failed(ACTION, &format!("{}:\n{e}", path.display())),
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
        Err(e) => failed(ACTION, &e),
    }
}
