//! The agenda builder's work in the app: preparing a new meeting (next number, standard items,
//! postponed items), attachments (store, open, export), sending the notice, a body's standard
//! items, and the notice PDF. Everything that touches the database or the disk runs on the
//! database thread.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{NaiveDate, NaiveTime};

use super::core::Core;
use super::failure::Failure;
use super::worker::{Reply, Request};
use crate::model::agenda::{
    ItemTemplate, MAX_ATTACHMENT_BYTES, NoticeBaseline, human_size, next_reference, postponed_items,
};
use crate::model::{Attachment, Body, Edit, Item, MeetingRef, MeetingStatus, Person, PersonId};
use crate::store::{MeetingId, Store, StoreError};

/// Something the agenda builder asks the app to do.
#[derive(Debug)]
pub enum AgendaCommand {
    /// Load what a new meeting of `body` in `year` starts from ([`AgendaState::draft`]).
    PrepareNewMeeting {
        /// The body.
        body: String,
        /// The year of the new meeting.
        year: i32,
    },
    /// Read files and attach them to item `item` of the open meeting.
    AttachFiles {
        /// The item's number.
        item: u32,
        /// The files.
        paths: Vec<PathBuf>,
    },
    /// Open an attachment with the system's viewer (one that could run code is offered for
    /// saving instead: [`AgendaState::save_instead`]).
    OpenAttachment(Attachment),
    /// Close the offer to save an attachment that was not opened.
    DismissSaveInstead,
    /// Write attachments into a folder (a name already there gets a number added).
    ExportAttachments {
        /// Which.
        attachments: Vec<Attachment>,
        /// Where.
        folder: PathBuf,
    },
    /// Send the notice: the meeting becomes "notice sent", its case numbers are frozen, and
    /// the agenda as it stands is kept to show later changes.
    SendNotice,
    /// Load a body's standard items for editing ([`AgendaState::template`]).
    LoadTemplate(String),
    /// Save a body's standard items (an empty list returns to the built-in ones).
    SaveTemplate {
        /// The body.
        body: String,
        /// The items.
        template: Vec<ItemTemplate>,
    },
    /// Write the open meeting's notice as a PDF file.
    RenderNotice {
        /// The file.
        path: PathBuf,
        /// The public version (exempt items show number, title and legal basis only).
        public: bool,
    },
}

/// The previous meeting of a body, as a new meeting needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreviousMeeting {
    /// Its reference.
    pub reference: MeetingRef,
    /// Its date (goes into "Møtereferatet fra møtet 8.5.2024 godkjennes").
    pub date: NaiveDate,
    /// Where it was held.
    pub place: String,
    /// Its start time.
    pub start: Option<NaiveTime>,
    /// Its end time.
    pub end: Option<NaiveTime>,
    /// Its chair.
    pub chair: Option<PersonId>,
    /// Its referent.
    pub referent: Option<PersonId>,
    /// Its postponed items, ready for the new agenda.
    pub postponed: Vec<Item>,
}

/// What a new meeting of a body starts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMeetingDraft {
    /// The body with its members.
    pub body: Body,
    /// The proposed reference: the next number in the year.
    pub reference: MeetingRef,
    /// The body's previous meeting, if any.
    pub previous: Option<PreviousMeeting>,
    /// The body's standard items.
    pub template: Vec<ItemTemplate>,
    /// Everyone in the database (for chair, referent and summoned).
    pub people: Vec<Person>,
}

/// What the Saksliste pane knows about the open meeting beyond the meeting itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MeetingContext {
    /// The agenda as the notice sent it, when Møtebok sent it.
    pub baseline: Option<NoticeBaseline>,
    /// The body's previous meeting and its postponed items.
    pub previous: Option<(MeetingRef, Vec<Item>)>,
    /// The body's standard items (new cases go before those placed after the cases).
    pub template: Vec<ItemTemplate>,
}

/// A body's standard items being edited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateDraft {
    /// The body.
    pub body: String,
    /// The items.
    pub items: Vec<ItemTemplate>,
    /// Whether the body has its own (otherwise these are the built-in ones).
    pub custom: bool,
}

/// The agenda builder's state in [`Core`].
#[derive(Debug, Default)]
pub struct AgendaState {
    /// What the new-meeting dialog proposes, once loaded.
    pub draft: Option<NewMeetingDraft>,
    /// The open meeting's context (by meeting id).
    pub context: Option<(MeetingId, MeetingContext)>,
    /// The standard items being edited, once loaded.
    pub template: Option<TemplateDraft>,
    /// An attachment that was not opened because it could run code: offered for saving.
    pub save_instead: Option<SaveInstead>,
}

/// An attachment Møtebok refused to open (it is, or looks like, a program), with the warning
/// to show beside the offer to save it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SaveInstead {
    /// The attachment.
    pub attachment: Attachment,
    /// Why, in Norwegian Bokmål.
    pub reason_nb: String,
    /// Why, in English.
    pub reason_en: String,
}

impl AgendaState {
    /// The open meeting's context, if it is loaded for `id`.
    #[must_use]
    pub fn context_for(&self, id: MeetingId) -> Option<&MeetingContext> {
        self.context
            .as_ref()
            .filter(|(i, _)| *i == id)
            .map(|(_, c)| c)
    }
}

/// Work for the database thread.
#[derive(Debug)]
pub enum AgendaRequest {
    /// Load a new meeting's draft.
    Prepare {
        /// The body.
        body: String,
        /// The year.
        year: i32,
    },
    /// Read and store files for an item.
    StoreFiles {
        /// The meeting.
        meeting: MeetingId,
        /// The item's number.
        item: u32,
        /// The item's title when asked (to find it again if the agenda moved meanwhile).
        title: String,
        /// The files.
        paths: Vec<PathBuf>,
    },
    /// Open an attachment with the system's viewer.
    Open(Attachment),
    /// Write attachments into a folder.
    Export {
        /// Which.
        attachments: Vec<Attachment>,
        /// Where.
        folder: PathBuf,
    },
    /// Record the agenda as the notice sent it.
    SaveBaseline {
        /// The meeting.
        id: MeetingId,
        /// The agenda.
        baseline: NoticeBaseline,
    },
    /// Load the open meeting's context.
    LoadContext(MeetingId),
    /// Load a body's standard items.
    LoadTemplate(String),
    /// Save a body's standard items.
    SaveTemplate {
        /// The body.
        body: String,
        /// The items.
        template: Vec<ItemTemplate>,
    },
    /// Render a notice PDF.
    RenderNotice {
        /// The meeting as it stands.
        record: Box<crate::model::MeetingRecord>,
        /// The agenda as the notice was sent, to mark later changes.
        sent: Option<NoticeBaseline>,
        /// The file.
        path: PathBuf,
        /// The public version.
        public: bool,
    },
}

/// What the database thread answers to an [`AgendaRequest`].
#[derive(Debug)]
pub enum AgendaReply {
    /// A new meeting's draft.
    Draft(Box<NewMeetingDraft>),
    /// Files were stored (those refused say why).
    FilesStored {
        /// The meeting.
        meeting: MeetingId,
        /// The item's number when asked.
        item: u32,
        /// The item's title when asked.
        title: String,
        /// The stored files.
        stored: Vec<Attachment>,
        /// Why each refused file was refused (Norwegian).
        refused: Vec<String>,
    },
    /// The open meeting's context.
    Context(MeetingId, Box<MeetingContext>),
    /// A body's standard items.
    Template(TemplateDraft),
    /// Something was done; a message for the user.
    Done {
        /// The headline.
        title: &'static str,
        /// Details.
        detail: String,
    },
    /// An attachment was not opened because it could run code; offer to save it instead.
    SaveInstead(SaveInstead),
}

/// Why an attachment was not opened.
#[derive(Debug)]
pub enum OpenRefused {
    /// It is (or looks like) a program: it may only be saved.
    SaveOnly(crate::model::SaveOnly),
    /// Writing or opening failed (the message says where).
    Failed(String),
}

/// Puts an attachment where the system's opener can read it: refused for anything that could
/// run code ([`crate::model::open_policy`]); otherwise written into this run's private
/// temporary folder (mode 0700, removed when the window closes) under its (checked) name.
pub fn prepare_attachment_for_opening(name: &str, data: &[u8]) -> Result<PathBuf, OpenRefused> {
    let name = safe_file_name(name);
    crate::model::open_policy(&name, data).map_err(OpenRefused::SaveOnly)?;
    crate::files::write_private_temp(&name, data).map_err(OpenRefused::Failed)
}

/// [`prepare_attachment_for_opening`], then hands the file to the system's opener.
fn open_attachment(name: &str, data: &[u8]) -> Result<PathBuf, OpenRefused> {
    let path = prepare_attachment_for_opening(name, data)?;
    super::system::open_with_system(&path)
        .map_err(|e| OpenRefused::Failed(format!("{}: {e}", path.display())))?;
    Ok(path)
}

fn failed(failure: Failure, detail: impl std::fmt::Display) -> Reply {
    Reply::failure(failure, &detail)
}

/// Reads a file to attach: refused (with a message in Norwegian) when it cannot be read, is not
/// a file, or is larger than [`MAX_ATTACHMENT_BYTES`]. Returns the file name and bytes.
pub fn read_attachment_file(path: &Path) -> Result<(String, Vec<u8>), String> {
    use std::io::Read;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let meta = std::fs::metadata(path).map_err(|e| format!("«{name}» kunne ikke leses: {e}"))?;
    if !meta.is_file() {
        return Err(format!("«{name}» er ikke en fil"));
    }
    let too_big = |size: u64| {
        format!(
            "«{name}» er for stor ({}); et vedlegg kan være på høyst {}",
            human_size(size),
            human_size(MAX_ATTACHMENT_BYTES)
        )
    };
    if meta.len() > MAX_ATTACHMENT_BYTES {
        return Err(too_big(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("«{name}» kunne ikke leses: {e}"))?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_ATTACHMENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("«{name}» kunne ikke leses: {e}"))?;
    if bytes.len() as u64 > MAX_ATTACHMENT_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok((safe_file_name(&name), bytes))
}

/// A file name safe to create in a folder: [`crate::model::clean_file_name`].
#[must_use]
pub fn safe_file_name(name: &str) -> String {
    crate::model::clean_file_name(name)
}

/// `folder/name`, or `folder/name (2).ext`, `(3)`... when taken.
fn free_path(folder: &Path, name: &str) -> PathBuf {
    let first = folder.join(name);
    if !first.exists() {
        return first;
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s.to_owned(), format!(".{e}")),
        _ => (name.to_owned(), String::new()),
    };
    (2..100_000)
        .map(|n| folder.join(format!("{stem} ({n}){ext}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// Writes attachments into `folder`; returns the files written.
pub fn export_attachments(
    store: &Store,
    attachments: &[Attachment],
    folder: &Path,
) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let mut written = Vec::new();
    for a in attachments {
        let data = store
            .attachment_data(&a.sha256)
            .map_err(|e| e.to_string())?;
        let path = free_path(folder, &safe_file_name(&a.name));
        crate::files::write_atomic(&path, &data)?;
        written.push(path);
    }
    Ok(written)
}

fn prepare(store: &Store, body: &str, year: i32) -> Result<NewMeetingDraft, StoreError> {
    let body_def = store
        .bodies()?
        .into_iter()
        .find(|b| b.name == body)
        .ok_or_else(|| StoreError::NotFound(format!("body «{body}»")))?;
    let existing: Vec<MeetingRef> = store
        .list_meetings()?
        .into_iter()
        .filter(|m| m.body == body)
        .map(|m| m.reference)
        .collect();
    let reference = next_reference(existing, year);
    let previous = match store.previous_meeting(body, reference)? {
        Some(id) => {
            let m = store.load_meeting(id)?.meeting;
            Some(PreviousMeeting {
                reference: m.reference,
                date: m.date,
                place: m.place.clone(),
                start: m.start,
                end: m.end,
                chair: m.chair.clone(),
                referent: m.referent.clone(),
                postponed: postponed_items(&m),
            })
        }
        None => None,
    };
    Ok(NewMeetingDraft {
        body: body_def,
        reference,
        previous,
        template: store.item_template(body)?,
        people: store.people()?,
    })
}

fn context(store: &Store, id: MeetingId) -> Result<MeetingContext, StoreError> {
    let record = store.load_meeting(id)?;
    let baseline = store.notice_baseline(id)?;
    let previous = match store.previous_meeting(&record.body.name, record.meeting.reference)? {
        Some(prev) => {
            let m = store.load_meeting(prev)?.meeting;
            Some((m.reference, postponed_items(&m)))
        }
        None => None,
    };
    Ok(MeetingContext {
        baseline,
        previous,
        template: store.item_template(&record.body.name)?,
    })
}

/// Carries out an agenda request on the database thread.
pub(super) fn handle(store: &mut Store, request: AgendaRequest) -> Reply {
    match request {
        AgendaRequest::Prepare { body, year } => match prepare(store, &body, year) {
            Ok(d) => Reply::Agenda(AgendaReply::Draft(Box::new(d))),
            Err(e) => failed(Failure::PrepareMeeting, e),
        },
        AgendaRequest::StoreFiles {
            meeting,
            item,
            title,
            paths,
        } => {
            let mut stored = Vec::new();
            let mut refused = Vec::new();
            for path in paths {
                match read_attachment_file(&path) {
                    Ok((name, bytes)) => match store.store_attachment(&name, &bytes) {
                        Ok(a) => stored.push(a),
                        Err(e) => refused.push(format!("«{name}» kunne ikke lagres: {e}")),
                    },
                    Err(why) => refused.push(why),
                }
            }
            Reply::Agenda(AgendaReply::FilesStored {
                meeting,
                item,
                title,
                stored,
                refused,
            })
        }
        AgendaRequest::Open(a) => {
            let result = store
                .attachment_data(&a.sha256)
                .map_err(|e| OpenRefused::Failed(e.to_string()))
                .and_then(|data| open_attachment(&a.name, &data));
            match result {
                Ok(path) => Reply::Agenda(AgendaReply::Done {
                    title: "Vedlegget er åpnet",
                    detail: path.display().to_string(),
                }),
                Err(OpenRefused::SaveOnly(why)) => {
                    Reply::Agenda(AgendaReply::SaveInstead(SaveInstead {
                        attachment: a,
                        reason_nb: why.reason(true),
                        reason_en: why.reason(false),
                    }))
                }
                Err(OpenRefused::Failed(e)) => failed(Failure::OpenAttachment, e),
            }
        }
        AgendaRequest::Export {
            attachments,
            folder,
        } => match export_attachments(store, &attachments, &folder) {
            Ok(written) => Reply::Agenda(AgendaReply::Done {
                title: "Vedleggene er eksportert",
                detail: format!("{} fil(er) til {}", written.len(), folder.display()),
            }),
            Err(e) => failed(Failure::ExportAttachments, e),
        },
        AgendaRequest::SaveBaseline { id, baseline } => {
            let now = chrono::Local::now().naive_local();
            match store.save_notice_baseline(id, &baseline, now) {
                Ok(()) => Reply::Done,
                Err(e) => failed(Failure::SaveNoticeBaseline, e),
            }
        }
        AgendaRequest::LoadContext(id) => match context(store, id) {
            Ok(c) => Reply::Agenda(AgendaReply::Context(id, Box::new(c))),
            Err(e) => failed(Failure::ReadPreviousMeeting, e),
        },
        AgendaRequest::LoadTemplate(body) => {
            let result = store
                .custom_item_template(&body)
                .map(|custom| TemplateDraft {
                    body: body.clone(),
                    custom: custom.is_some(),
                    items: custom.unwrap_or_else(crate::model::agenda::default_template),
                });
            match result {
                Ok(t) => Reply::Agenda(AgendaReply::Template(t)),
                Err(e) => failed(Failure::ReadTemplate, e),
            }
        }
        AgendaRequest::SaveTemplate { body, template } => {
            match store.save_item_template(&body, &template) {
                Ok(()) => Reply::Agenda(AgendaReply::Done {
                    title: "Standardsakene er lagret",
                    detail: body,
                }),
                Err(e) => failed(Failure::SaveTemplate, e),
            }
        }
        AgendaRequest::RenderNotice {
            record,
            sent,
            path,
            public,
        } => {
            let opts = crate::report::NoticeOptions {
                public,
                generated: chrono::Local::now().naive_local(),
            };
            let result =
                crate::report::render_notice_pdf_with_changes(&record, &opts, sent.as_ref())
                    .map_err(|e| e.to_string())
                    .and_then(|pdf| crate::files::write_atomic(&path, &pdf));
            match result {
                Ok(()) => Reply::Agenda(AgendaReply::Done {
                    title: if public {
                        "Den offentlige innkallingen er laget"
                    } else {
                        "Innkallingen er laget"
                    },
                    detail: path.display().to_string(),
                }),
                Err(e) => failed(Failure::MakeNotice, e),
            }
        }
    }
}

impl Core {
    /// Carries out an agenda command.
    pub(super) fn agenda_command(&mut self, command: AgendaCommand) {
        match command {
            AgendaCommand::PrepareNewMeeting { body, year } => {
                self.agenda.draft = None;
                self.send(Request::Agenda(AgendaRequest::Prepare { body, year }));
            }
            AgendaCommand::AttachFiles { item, paths } => {
                let Some(open) = self.open.as_ref() else {
                    return;
                };
                let Some(it) = open.record.meeting.items.iter().find(|i| i.number == item) else {
                    return;
                };
                let request = AgendaRequest::StoreFiles {
                    meeting: open.id,
                    item,
                    title: it.title.clone(),
                    paths,
                };
                self.send(Request::Agenda(request));
            }
            AgendaCommand::OpenAttachment(a) => self.send(Request::Agenda(AgendaRequest::Open(a))),
            AgendaCommand::ExportAttachments {
                attachments,
                folder,
            } => {
                self.agenda.save_instead = None;
                self.send(Request::Agenda(AgendaRequest::Export {
                    attachments,
                    folder,
                }));
            }
            AgendaCommand::DismissSaveInstead => self.agenda.save_instead = None,
            AgendaCommand::SendNotice => self.send_notice(),
            AgendaCommand::LoadTemplate(body) => {
                self.agenda.template = None;
                self.send(Request::Agenda(AgendaRequest::LoadTemplate(body)));
            }
            AgendaCommand::SaveTemplate { body, template } => {
                self.agenda.template = None;
                self.send(Request::Agenda(AgendaRequest::SaveTemplate {
                    body,
                    template,
                }));
                // The pane places new cases by the body's standard items: refresh them.
                if let Some(id) = self.open.as_ref().map(|o| o.id) {
                    self.send(Request::Agenda(AgendaRequest::LoadContext(id)));
                }
            }
            AgendaCommand::RenderNotice { path, public } => {
                if let Some(open) = self.open.as_ref() {
                    let record = Box::new(open.record.clone());
                    let sent = self
                        .agenda
                        .context_for(open.id)
                        .and_then(|c| c.baseline.clone());
                    self.send(Request::Agenda(AgendaRequest::RenderNotice {
                        record,
                        sent,
                        path,
                        public,
                    }));
                }
            }
        }
    }

    fn send_notice(&mut self) {
        let Some(open) = self.open.as_ref() else {
            return;
        };
        if open.record.meeting.status != MeetingStatus::Planned {
            self.fail(
                Failure::NoticeAlreadySent,
                format!(
                    "Møtet {} er ikke lenger planlagt.",
                    open.record.meeting.reference
                ),
            );
            return;
        }
        let id = open.id;
        self.edit(Edit::SetStatus(MeetingStatus::NoticeSent), Instant::now());
        let Some(open) = self.open.as_ref() else {
            return;
        };
        if open.record.meeting.status != MeetingStatus::NoticeSent {
            return;
        }
        let baseline = NoticeBaseline::of(&open.record.meeting);
        match self.agenda.context.as_mut() {
            Some((cid, ctx)) if *cid == id => ctx.baseline = Some(baseline.clone()),
            _ => {
                self.agenda.context = Some((
                    id,
                    MeetingContext {
                        baseline: Some(baseline.clone()),
                        ..MeetingContext::default()
                    },
                ));
            }
        }
        self.flush_saves();
        self.send(Request::Agenda(AgendaRequest::SaveBaseline {
            id,
            baseline,
        }));
    }

    /// Called when a meeting has been loaded: loads what the Saksliste pane needs beside it.
    pub(super) fn agenda_loaded(&mut self, id: MeetingId) {
        self.send(Request::Agenda(AgendaRequest::LoadContext(id)));
    }

    /// Takes an agenda reply from the database thread.
    pub(super) fn agenda_reply(&mut self, reply: AgendaReply) {
        match reply {
            AgendaReply::Draft(d) => self.agenda.draft = Some(*d),
            AgendaReply::Context(id, c) => {
                if self.open.as_ref().is_some_and(|o| o.id == id) {
                    self.agenda.context = Some((id, *c));
                }
            }
            AgendaReply::Template(t) => self.agenda.template = Some(t),
            AgendaReply::Done { title, detail } => self.info(title, detail),
            AgendaReply::SaveInstead(s) => self.agenda.save_instead = Some(s),
            AgendaReply::FilesStored {
                meeting,
                item,
                title,
                stored,
                refused,
            } => {
                for why in refused {
                    self.fail(Failure::Attach, why);
                }
                let target = self
                    .open
                    .as_ref()
                    .filter(|o| o.id == meeting)
                    .and_then(|o| {
                        let items = &o.record.meeting.items;
                        items
                            .iter()
                            .find(|i| i.number == item && i.title == title)
                            .or_else(|| items.iter().find(|i| i.title == title))
                            .map(|i| i.number)
                    });
                let Some(number) = target else {
                    if !stored.is_empty() {
                        self.fail(
                            Failure::Attach,
                            format!("Saken «{title}» finnes ikke lenger i det åpne møtet."),
                        );
                    }
                    return;
                };
                for attachment in stored {
                    self.edit(
                        Edit::AddAttachment {
                            item: number,
                            attachment,
                        },
                        Instant::now(),
                    );
                }
            }
        }
    }
}
