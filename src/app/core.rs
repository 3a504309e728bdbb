//! [`Core`]: what the window shows and the commands that change it.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use crate::model::{Edit, EditError, ItemText, Meeting, MeetingRecord, Person};
use crate::store::{MeetingId, MeetingSummary, Store};

use super::failure::{Failure, Title};
use super::worker::{self, Reply, Request};

/// Typing pauses shorter than this merge into one undo step.
const UNDO_MERGE_WINDOW: Duration = Duration::from_secs(1);
/// Unsaved changes are written after this much quiet...
const SAVE_QUIET: Duration = Duration::from_millis(50);
/// ...and at the latest this long after the first unsaved change, even while typing goes on:
/// with the save itself (only what changed is written) at most 150 ms of typing is ever at
/// risk.
pub const SAVE_AT_LATEST: Duration = Duration::from_millis(120);
/// After the database refused a save, it is tried again this often (a lock may be gone, space
/// freed), besides with every new change.
const SAVE_RETRY: Duration = Duration::from_secs(2);
/// How many undo steps are kept.
const UNDO_DEPTH: usize = 200;

/// Something the user asked for. The UI emits these; [`Core::run`] carries them out.
#[must_use]
#[derive(Debug)]
pub enum Command {
    /// Reload the meeting list.
    RefreshList,
    /// Open a meeting.
    Open(MeetingId),
    /// Create a meeting for a body and open it.
    Create {
        /// Body name.
        body: String,
        /// The meeting.
        meeting: Box<Meeting>,
    },
    /// Change the open meeting.
    Edit(Edit),
    /// Undo the last change to the open meeting.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Import a meeting package.
    Import {
        /// The file.
        path: PathBuf,
        /// Replace a meeting that exists.
        replace: bool,
    },
    /// The user declined to replace an existing meeting.
    CancelReplace,
    /// Export the open meeting as a package.
    Export(PathBuf),
    /// Write the open meeting, as on screen, as a package to this file (the database refused
    /// it).
    RescueTo(PathBuf),
    /// Closing the window: ask first when the database refused the open meeting's text.
    AskBeforeClose,
    /// Leave the meeting (switch or close) although its text is not in the database.
    ConfirmLeave,
    /// Stay with the meeting whose text is not in the database.
    CancelLeave,
    /// Try to save the open meeting again now.
    RetrySave,
    /// Hide the message about the unclean exit.
    DismissUncleanExit,
    /// Remove a message from the message area.
    Dismiss(usize),
    /// Agenda builder: new meeting draft, attachments, notice (see [`super::agenda`]).
    Agenda(super::agenda::AgendaCommand),
    /// Rapport: preview, export, approval, corrections, review (see [`super::rapport`]).
    Rapport(super::rapport::RapportCommand),
    /// Search, the decision register, follow-ups across meetings (see [`super::search`]).
    Search(super::search::SearchCommand),
    /// Signing the approved minutes from the window (see [`super::signing`]).
    Signing(super::signing::SigningCommand),
    /// Referat: quick phrases, guests, where the referent works (see [`super::minutes`]).
    Minutes(super::minutes::MinutesCommand),
    /// Oppmøte: new people, the quorum rule (see [`super::attendance`]).
    Attendance(super::attendance::AttendanceCommand),
}

impl Command {
    /// Whether it is an action the user started that answers with a message of its own
    /// (an export, an import, approval, signing, a notice): its message replaces the last one's.
    fn answers(&self) -> bool {
        use super::agenda::AgendaCommand as A;
        use super::rapport::RapportCommand as R;
        use super::signing::SigningCommand;
        match self {
            Command::Import { .. } | Command::Export(_) | Command::RescueTo(_) => true,
            Command::Rapport(c) => matches!(
                c,
                R::Export { .. }
                    | R::ExportVersion { .. }
                    | R::Approve { .. }
                    | R::StartCorrection { .. }
                    | R::SendReview(_)
                    | R::ImportReply(_)
                    | R::OpenReview(_)
            ),
            Command::Agenda(c) => matches!(
                c,
                A::AttachFiles { .. }
                    | A::ExportAttachments { .. }
                    | A::SendNotice
                    | A::RenderNotice { .. }
            ),
            Command::Signing(c) => match c {
                SigningCommand::Sign(_) => true,
                // An identity lives in the config folder; its entry in the signatory register
                // is refused by the store itself when the database is read-only.
                SigningCommand::LoadIdentities
                | SigningCommand::CreateIdentity(_)
                | SigningCommand::ExportSigned(..) => false,
            },
            _ => false,
        }
    }

    /// Whether carrying it out would change the database: the one place that knows which
    /// commands a read-only database refuses.
    fn writes(&self) -> bool {
        use super::agenda::AgendaCommand as A;
        use super::rapport::RapportCommand as R;
        use super::search::SearchCommand as S;
        use super::signing::SigningCommand;
        match self {
            Command::Create { .. }
            | Command::Edit(_)
            | Command::Undo
            | Command::Redo
            | Command::Import { .. } => true,
            Command::RefreshList
            | Command::Open(_)
            | Command::CancelReplace
            | Command::Export(_)
            | Command::RescueTo(_)
            | Command::AskBeforeClose
            | Command::ConfirmLeave
            | Command::CancelLeave
            | Command::RetrySave
            | Command::DismissUncleanExit
            | Command::Dismiss(_) => false,
            Command::Minutes(c) => c.writes(),
            Command::Attendance(c) => c.writes(),
            Command::Agenda(c) => matches!(
                c,
                A::AttachFiles { .. } | A::SendNotice | A::SaveTemplate { .. }
            ),
            // Exhaustive, so that a new command must say whether it writes.
            Command::Rapport(c) => match c {
                R::Approve { .. }
                | R::StartCorrection { .. }
                | R::SendReview(_)
                | R::ImportReply(_)
                | R::ResolveComment { .. }
                | R::OpenReview(_)
                | R::WriteReply { .. } => true,
                R::Preview(_)
                | R::PreviewVersion(_)
                | R::Export { .. }
                | R::ExportVersion { .. }
                | R::ArchiveExport(_)
                | R::PublishExport(_)
                | R::ReopenReview(_)
                | R::ListReceived
                // Drafts kept in memory; their flush to the database is guarded by the store.
                | R::SetComment { .. }
                | R::SetReviewer(_)
                | R::OpenReviewPdf
                | R::CloseReview => false,
            },
            Command::Search(c) => matches!(c, S::SetFollowUpDone { .. } | S::RebuildIndex),
            Command::Signing(c) => match c {
                SigningCommand::Sign(_) => true,
                // An identity lives in the config folder; its entry in the signatory register
                // is refused by the store itself when the database is read-only.
                SigningCommand::LoadIdentities
                | SigningCommand::CreateIdentity(_)
                | SigningCommand::ExportSigned(..) => false,
            },
        }
    }
}

/// How serious a message is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeLevel {
    /// Something went well.
    Info,
    /// Something failed; nothing was lost.
    Error,
}

/// A message for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// Info or error.
    pub level: NoticeLevel,
    /// The headline, worded in the user's language where it is shown.
    pub title: Title,
    /// Details: what and where.
    pub detail: String,
}

/// Why the database could not be opened normally at start-up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartupProblem {
    /// The database was made by a newer Møtebok.
    TooNew(String),
    /// Another Møtebok has the database open; it was opened read-only.
    InUse(String),
    /// The file is damaged; the latest backup (if any) was opened read-only.
    Corrupt {
        /// What is wrong.
        detail: String,
        /// The backup that was opened instead.
        backup: Option<PathBuf>,
    },
}

/// The open meeting with its undo history.
#[derive(Debug)]
pub struct OpenMeeting {
    /// Its database id.
    pub id: MeetingId,
    /// Everything shown about it: body, people, meeting.
    pub record: MeetingRecord,
    undo: Vec<Meeting>,
    redo: Vec<Meeting>,
    last_edit: Option<(Option<(u32, ItemText)>, Instant)>,
    /// When the oldest unsaved change was made; `None` when all is saved.
    unsaved_since: Option<Instant>,
    last_change: Instant,
    /// Saves sent to the database thread and not yet confirmed.
    saves_in_flight: usize,
    /// The last save the database refused, until one succeeds.
    save_problem: Option<super::rescue::SaveProblem>,
    /// When a refused save is tried again.
    retry_at: Option<Instant>,
    saves_sent: u64,
}

impl OpenMeeting {
    fn new(id: MeetingId, record: MeetingRecord) -> Self {
        Self {
            id,
            record,
            undo: Vec::new(),
            redo: Vec::new(),
            last_edit: None,
            unsaved_since: None,
            last_change: Instant::now(),
            saves_in_flight: 0,
            save_problem: None,
            retry_at: None,
            saves_sent: 0,
        }
    }

    /// An open meeting without a database, for benchmarks of the panes.
    #[doc(hidden)]
    #[must_use]
    pub fn for_bench(id: MeetingId, record: MeetingRecord) -> Self {
        Self::new(id, record)
    }

    /// Whether everything typed is in the database.
    #[must_use]
    pub fn is_saved(&self) -> bool {
        self.unsaved_since.is_none() && self.saves_in_flight == 0 && self.save_problem.is_none()
    }

    /// When the oldest change not yet sent to the database was made; `None` when none is.
    #[must_use]
    pub fn unsaved_since(&self) -> Option<Instant> {
        self.unsaved_since
    }

    /// How many saves were sent to the database since the meeting was opened.
    #[must_use]
    pub fn saves_sent(&self) -> u64 {
        self.saves_sent
    }

    /// The last save the database refused (and where its text went), until a save succeeds.
    #[must_use]
    pub fn save_problem(&self) -> Option<&super::rescue::SaveProblem> {
        self.save_problem.as_ref()
    }

    /// Whether there is a change to undo.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is an undone change to redo.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Drops the undo history (the meeting was approved or re-opened: older states no longer
    /// apply).
    pub(super) fn forget_history(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.last_edit = None;
    }

    fn mark_changed(&mut self, now: Instant) {
        self.unsaved_since.get_or_insert(now);
        self.last_change = now;
    }
}

/// Leaving a meeting whose text the database refused: what the user asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leave {
    /// Open another meeting.
    Switch(MeetingId),
    /// Close the window.
    Close,
}

/// The application's state, apart from how the window is laid out.
pub struct Core {
    requests: Sender<Request>,
    replies: Receiver<Reply>,
    pending: usize,
    /// The database thread, joined on drop so the database is closed when `Core` is gone.
    worker: Option<std::thread::JoinHandle<()>>,
    /// Every meeting in the database, for the meeting list.
    pub meetings: Vec<MeetingSummary>,
    /// The meeting being worked on.
    pub open: Option<OpenMeeting>,
    /// Messages for the user, oldest first.
    pub notices: Vec<Notice>,
    /// An import waiting for the user to confirm replacing a meeting: the file and what it replaces.
    pub confirm_replace: Option<(PathBuf, String)>,
    /// A problem met when opening the database.
    pub startup_problem: Option<StartupProblem>,
    /// The database is open read-only: nothing can be changed.
    pub read_only: bool,
    /// Where the database is.
    pub db_path: Option<PathBuf>,
    want_open: Option<MeetingId>,
    /// The agenda builder's state (new meeting draft, notice baseline, standard items).
    pub agenda: super::agenda::AgendaState,
    /// Rapport's state: preview, export, approval, review.
    pub rapport: super::rapport::RapportState,
    /// Signatures of the open meeting (see [`super::signing`]).
    pub signing: super::signing::SigningState,
    /// Search results, the decision register and the follow-up list.
    pub search: super::search::SearchState,
    /// Everyone in the database, by name (for picking guests and responsible people).
    pub people: Vec<Person>,
    /// The quick decision phrases of the open meeting's body.
    pub phrases: Vec<String>,
    /// The background integrity check and backup (see [`super::maintenance`]).
    pub maintenance: super::maintenance::MaintenanceHandle,
    /// Leaving a meeting whose text the database refused: waits for the user's answer.
    pub leave: Option<Leave>,
    /// The user agreed to close the window although text is not in the database.
    pub close_confirmed: bool,
    /// The session before did not end cleanly: when the database file was last written
    /// (local time), if known. Shown until dismissed.
    pub unclean_exit: Option<Option<chrono::NaiveDateTime>>,
}

impl Core {
    /// Starts the database thread on `store`. `notify` is called from that thread whenever a
    /// reply is ready (the UI passes a repaint request).
    #[must_use]
    pub fn new(store: Store, notify: Box<dyn Fn() + Send>) -> Self {
        let read_only = store.is_read_only();
        let db_path = store.path().map(std::path::Path::to_path_buf);
        let unclean_exit = store.found_unclean_exit().then(|| {
            store
                .last_write_before_open()
                .map(|t| chrono::DateTime::<chrono::Local>::from(t).naive_local())
        });
        let (req_tx, req_rx) = mpsc::channel();
        let (rep_tx, rep_rx) = mpsc::channel();
        let maintenance = super::maintenance::MaintenanceHandle::starting();
        let upkeep = maintenance.clone();
        let worker = std::thread::Builder::new()
            .name("motebok-db".into())
            .spawn(move || worker::run(store, &req_rx, &rep_tx, &*notify, &upkeep))
            .expect("the operating system refused to start a thread");
        let mut core = Self {
            worker: Some(worker),
            requests: req_tx,
            replies: rep_rx,
            pending: 0,
            meetings: Vec::new(),
            open: None,
            notices: Vec::new(),
            confirm_replace: None,
            startup_problem: None,
            read_only,
            db_path,
            want_open: None,
            agenda: super::agenda::AgendaState::default(),
            rapport: super::rapport::RapportState::default(),
            signing: super::signing::SigningState::default(),
            search: super::search::SearchState::default(),
            people: Vec::new(),
            phrases: Vec::new(),
            maintenance,
            leave: None,
            close_confirmed: false,
            unclean_exit,
        };
        core.send(Request::ListMeetings);
        core.send(Request::ListPeople);
        core
    }

    /// Whether no request is waiting for the database thread and nothing is unsaved.
    #[must_use]
    pub fn is_idle(&self) -> bool {
        self.pending == 0
            && self.open.as_ref().is_none_or(OpenMeeting::is_saved)
            && self.rapport.is_idle()
    }

    /// Whether the window may close without asking: nothing the database refused is only on
    /// screen (pending saves are waited for on close), or the user agreed.
    #[must_use]
    pub fn may_close(&self) -> bool {
        self.close_confirmed || self.open.as_ref().is_none_or(|o| o.save_problem.is_none())
    }

    /// Opens the meeting with this id as soon as the list has loaded (used at start-up).
    pub fn open_when_listed(&mut self, id: Option<MeetingId>) {
        self.want_open = id;
    }

    pub(super) fn send(&mut self, request: Request) {
        if self.requests.send(request).is_ok() {
            self.pending += 1;
        } else {
            self.fail(Failure::DatabaseStopped, "Start Møtebok på nytt.".into());
        }
    }

    /// Shows that something failed (once, however often it is repeated in a row).
    pub(super) fn fail(&mut self, failure: Failure, detail: String) {
        self.push_error(Title::Failure(failure), detail);
    }

    /// Shows an error whose headline is already worded (Rapport and signing still word their
    /// own; see [`Reply::Failed`]).
    pub(super) fn error(&mut self, title: &str, detail: String) {
        self.push_error(Title::Text(title.to_owned()), detail);
    }

    fn push_error(&mut self, title: Title, detail: String) {
        let repeated = self
            .notices
            .last()
            .is_some_and(|n| n.title == title && n.detail == detail);
        if repeated {
            return;
        }
        self.notices.push(Notice {
            level: NoticeLevel::Error,
            title,
            detail,
        });
    }

    /// Shows that something went well, its headline in both languages (Norwegian, English).
    pub(super) fn info_worded(&mut self, nb: &'static str, en: &'static str, detail: String) {
        self.notices.push(Notice {
            level: NoticeLevel::Info,
            title: Title::Worded(nb, en),
            detail,
        });
    }

    /// Shows an error, its headline in both languages (Norwegian, English).
    pub(super) fn error_worded(&mut self, nb: &'static str, en: &'static str, detail: String) {
        self.push_error(Title::Worded(nb, en), detail);
    }

    pub(super) fn info(&mut self, title: &str, detail: String) {
        self.notices.push(Notice {
            level: NoticeLevel::Info,
            title: Title::Text(title.to_owned()),
            detail,
        });
    }

    /// Carries out the commands the UI emitted this frame.
    pub fn run(&mut self, commands: Vec<Command>) {
        for command in commands {
            self.run_one(command);
        }
    }

    fn run_one(&mut self, command: Command) {
        if command.answers() {
            // A new action's message replaces the last one's (an old "PDF-en er lagret" must not
            // look like the answer to this one).
            self.notices.clear();
        }
        if self.read_only && command.writes() {
            self.fail(Failure::ReadOnly, "Endringer kan ikke lagres nå.".into());
            return;
        }
        match command {
            Command::Minutes(c) => self.minutes_command(c),
            Command::Attendance(c) => self.attendance_command(c),
            Command::Agenda(c) => self.agenda_command(c),
            Command::Rapport(c) => self.rapport_command(c),
            Command::Search(c) => self.search_command(c),
            Command::Signing(c) => self.signing_command(c),
            Command::RefreshList => self.send(Request::ListMeetings),
            Command::Open(id) => {
                if self
                    .open
                    .as_ref()
                    .is_some_and(|o| o.id != id && o.save_problem.is_some())
                {
                    self.leave = Some(Leave::Switch(id));
                    return;
                }
                self.flush_saves();
                self.send(Request::Load(id));
            }
            Command::RescueTo(path) => {
                if let Some(open) = self.open.as_ref() {
                    let request = Request::Rescue {
                        id: open.id,
                        record: Box::new(open.record.clone()),
                        path,
                    };
                    self.send(request);
                }
            }
            Command::AskBeforeClose => {
                self.flush_saves();
                self.leave = Some(Leave::Close);
            }
            Command::ConfirmLeave => match self.leave.take() {
                Some(Leave::Switch(id)) => {
                    self.flush_saves();
                    self.send(Request::Load(id));
                }
                Some(Leave::Close) => self.close_confirmed = true,
                None => {}
            },
            Command::CancelLeave => self.leave = None,
            Command::RetrySave => {
                if let Some(open) = self.open.as_mut() {
                    open.mark_changed(Instant::now());
                }
                self.flush_saves();
            }
            Command::DismissUncleanExit => self.unclean_exit = None,
            Command::Create { body, meeting } => self.send(Request::Create { body, meeting }),
            Command::Edit(edit) => self.edit(edit, Instant::now()),
            Command::Undo => self.step(true),
            Command::Redo => self.step(false),
            Command::Import { path, replace } => {
                self.confirm_replace = None;
                self.send(Request::Import { path, replace });
            }
            Command::CancelReplace => self.confirm_replace = None,
            Command::Export(path) => {
                if let Some(id) = self.open.as_ref().map(|o| o.id) {
                    self.flush_saves();
                    self.send(Request::Export { id, path });
                }
            }
            Command::Dismiss(i) => {
                if i < self.notices.len() {
                    self.notices.remove(i);
                }
            }
        }
    }

    /// Adds `person` to everyone known and to the open meeting's people, in name order, unless
    /// they are there already.
    pub(super) fn know_person(&mut self, person: Person) {
        let by_name = |p: &Person| crate::model::norwegian_cmp(&p.name, &person.name).is_lt();
        if !self.people.iter().any(|p| p.id == person.id) {
            let at = self.people.partition_point(by_name);
            self.people.insert(at, person.clone());
        }
        if let Some(open) = self.open.as_mut()
            && open.record.person(&person.id).is_none()
        {
            let at = open.record.people.partition_point(by_name);
            open.record.people.insert(at, person);
        }
    }

    pub(super) fn edit(&mut self, edit: Edit, now: Instant) {
        if let Some(open) = self.open.as_ref() {
            let baseline = self
                .agenda
                .context_for(open.id)
                .and_then(|c| c.baseline.as_ref());
            if crate::model::agenda::breaks_frozen_numbers(baseline, &open.record.meeting, &edit) {
                self.fail(
                    Failure::EditRefused,
                    "Saksnumrene er låst etter at innkallingen er sendt: saker fra innkallingen kan \
                     ikke flyttes eller slettes, og nye saker kommer etter dem."
                        .to_owned(),
                );
                return;
            }
        }
        let Some(open) = self.open.as_mut() else {
            return;
        };
        let key = edit.coalesce_key();
        let before = open.record.meeting.clone();
        match edit.apply(&mut open.record.meeting) {
            Ok(()) => {
                let merge = key.is_some()
                    && open.last_edit.is_some_and(|(k, at)| {
                        k == key && now.duration_since(at) < UNDO_MERGE_WINDOW
                    });
                if !merge {
                    open.undo.push(before);
                    if open.undo.len() > UNDO_DEPTH {
                        open.undo.remove(0);
                    }
                }
                open.redo.clear();
                open.last_edit = Some((key, now));
                open.mark_changed(now);
            }
            Err(e) => {
                let failure = if e == EditError::Locked {
                    Failure::MeetingLocked
                } else {
                    Failure::EditRefused
                };
                self.fail(failure, e.to_string());
            }
        }
    }

    /// Undoes the last change (`back`) or redoes the last undone one: the meeting state moves
    /// from one history to the other.
    fn step(&mut self, back: bool) {
        let Some(open) = self.open.as_mut() else {
            return;
        };
        let (from, to) = if back {
            (&mut open.undo, &mut open.redo)
        } else {
            (&mut open.redo, &mut open.undo)
        };
        if let Some(state) = from.pop() {
            to.push(std::mem::replace(&mut open.record.meeting, state));
            open.last_edit = None;
            open.mark_changed(Instant::now());
        }
    }

    /// Whether the meeting list shows something else for meeting `id` than the open meeting
    /// now has (reference, date, status, place, number of items): only then does a save reload
    /// the list. Typing in an item changes none of these.
    fn list_is_stale(&self, id: MeetingId) -> bool {
        let Some(open) = self.open.as_ref().filter(|o| o.id == id) else {
            return true;
        };
        let m = &open.record.meeting;
        self.meetings.iter().find(|s| s.id == id).is_none_or(|s| {
            s.reference != m.reference
                || s.date != m.date
                || s.status != m.status
                || s.place != m.place
                || usize::try_from(s.item_count).ok() != Some(m.items.len())
        })
    }

    /// Sends the open meeting to the database now if it has unsaved changes.
    pub fn flush_saves(&mut self) {
        let Some(open) = self.open.as_mut() else {
            return;
        };
        if open.unsaved_since.take().is_some() {
            open.saves_in_flight += 1;
            open.saves_sent += 1;
            open.retry_at = None;
            let request = Request::Save {
                id: open.id,
                record: Box::new(open.record.clone()),
            };
            self.send(request);
        }
    }

    /// Called every frame: takes the database thread's replies and starts saves that are due.
    /// Returns how long until the next save is due, so the UI can ask for a repaint then.
    pub fn tick(&mut self, now: Instant) -> Option<Duration> {
        while let Ok(reply) = self.replies.try_recv() {
            self.pending = self.pending.saturating_sub(1);
            self.on_reply(reply);
        }
        self.rapport_tick();
        let open = self.open.as_mut()?;
        if open.unsaved_since.is_none()
            && let Some(at) = open.retry_at
        {
            if now < at {
                return Some(at - now);
            }
            open.retry_at = None;
            open.mark_changed(now);
        }
        let since = open.unsaved_since?;
        let due = (open.last_change + SAVE_QUIET).min(since + SAVE_AT_LATEST);
        if now >= due {
            self.flush_saves();
            None
        } else {
            Some(due - now)
        }
    }

    fn on_reply(&mut self, reply: Reply) {
        match reply {
            Reply::Meetings(list) => {
                self.meetings = list;
                if let Some(id) = self.want_open.take() {
                    if self.meetings.iter().any(|m| m.id == id) {
                        self.send(Request::Load(id));
                    }
                } else if self.open.is_none()
                    && let Some(first) = self.meetings.first()
                {
                    let id = first.id;
                    self.send(Request::Load(id));
                }
            }
            Reply::People(people) => self.people = people,
            Reply::Done => {}
            Reply::Minutes(r) => self.minutes_reply(r),
            Reply::Attendance(r) => self.attendance_reply(r),
            Reply::Agenda(r) => self.agenda_reply(r),
            Reply::Rapport(r) => self.rapport_reply(r),
            Reply::Signing(r) => self.signing_reply(r),
            Reply::Search(r) => self.search_reply(r),
            Reply::Loaded(id, record) => {
                self.agenda_loaded(id);
                self.rapport_loaded(id);
                self.signing_loaded(id);
                self.search_loaded(id, record.meeting.status);
                self.minutes_loaded(&record.body.name);
                let keep_history = self.open.as_ref().is_some_and(|o| o.id == id);
                if keep_history {
                    if let Some(open) = self.open.as_mut() {
                        let mut record = *record;
                        if !open.is_saved() {
                            // What is on screen is newer than the database (unsaved, on its
                            // way, or refused): it stays, and so does a refused save's state.
                            std::mem::swap(&mut record.meeting, &mut open.record.meeting);
                        }
                        open.record = record;
                    }
                } else {
                    self.open = Some(OpenMeeting::new(id, *record));
                }
            }
            Reply::Created(id) | Reply::Imported(id) => {
                if let Some(open) = self.open.as_mut()
                    && open.id == id
                {
                    // A replaced meeting: its old undo history no longer applies.
                    open.undo.clear();
                    open.redo.clear();
                }
                self.open = None;
                self.want_open = Some(id);
                self.send(Request::ListMeetings);
            }
            Reply::Saved(id) => {
                if let Some(open) = self.open.as_mut()
                    && open.id == id
                {
                    open.saves_in_flight = open.saves_in_flight.saturating_sub(1);
                    open.save_problem = None;
                    open.retry_at = None;
                }
                if self.list_is_stale(id) {
                    self.send(Request::ListMeetings);
                }
                self.search_refresh();
            }
            Reply::SaveFailed(id, problem) => {
                if let Some(open) = self.open.as_mut()
                    && open.id == id
                {
                    // The text stays on screen (and in the rescue file); the save is tried
                    // again with the next change, and every few seconds.
                    open.saves_in_flight = open.saves_in_flight.saturating_sub(1);
                    open.save_problem = Some(problem);
                    open.retry_at = Some(Instant::now() + SAVE_RETRY);
                } else {
                    // A meeting left behind: say where its text went.
                    let title = Title::Failure(Failure::Save);
                    let detail = format!(
                        "{} — {}",
                        problem.detail,
                        problem.rescue_line(crate::i18n::Lang::Nb)
                    );
                    self.push_error(title, detail);
                }
            }
            Reply::Rescued(Ok(path)) => {
                self.info_worded(
                    "Referatet er lagret som møtepakke",
                    "The minutes are saved as a meeting package",
                    path.display().to_string(),
                );
            }
            Reply::Rescued(Err(e)) => self.fail(Failure::Export, e),
            Reply::ImportWouldReplace { path, what } => self.confirm_replace = Some((path, what)),
            Reply::Exported(path) => {
                self.info_worded(
                    "Møtepakken er eksportert",
                    "The meeting package is exported",
                    path.display().to_string(),
                );
            }
            Reply::Failure { failure, detail } => self.fail(failure, detail),
            Reply::Failed { action, detail } => self.error(action, detail),
        }
    }
}

impl Drop for Core {
    fn drop(&mut self) {
        // Closing the window with unsaved text saves it first; text the database refused is
        // tried once more (and otherwise rewritten to its rescue file).
        if let Some(open) = self.open.as_mut()
            && open.save_problem.is_some()
        {
            open.mark_changed(Instant::now());
        }
        self.flush_saves();
        self.flush_review_drafts();
        let deadline = Instant::now() + Duration::from_secs(5);
        while self.pending > 0 && Instant::now() < deadline {
            match self.replies.recv_timeout(Duration::from_millis(100)) {
                Ok(Reply::SaveFailed(_, problem)) => {
                    self.pending -= 1;
                    // No window is left to say it in: the terminal and the log get it.
                    eprintln!(
                        "møtebok: the last save failed ({}); {}",
                        problem.detail,
                        problem.rescue_line(crate::i18n::Lang::En)
                    );
                }
                Ok(_) => self.pending -= 1,
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        // Close the channel so the database thread ends and closes the database (and its
        // lock), then wait for it: it first finishes what is queued (a slow save on a busy
        // machine included), and a new Store::open of the same file right after succeeds.
        drop(std::mem::replace(&mut self.requests, mpsc::channel().0));
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}
