//! [`Failure`]: what the app failed to do, as a value. The words for it (Norwegian or English)
//! are chosen only where a message is shown ([`Title::text`]); the app itself matches on the
//! value (a failed save is retried, whatever language the window speaks).

use crate::i18n::Lang;

/// Something the app tried and could not do. Nothing was changed by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Failure {
    /// The database is open read-only; a change was refused.
    ReadOnly,
    /// The database thread has stopped.
    DatabaseStopped,
    /// An edit was refused by the meeting's rules.
    EditRefused,
    /// An edit was refused: the meeting is approved and locked.
    MeetingLocked,
    /// Saving the open meeting failed (retried with the next change).
    Save,
    /// Reading everyone in the database failed.
    ReadPeople,
    /// Adding a person failed.
    AddPerson,
    /// Reading a body's quick phrases failed.
    ReadPhrases,
    /// Saving a body's quick phrases failed.
    SavePhrases,
    /// Saving a body's quorum rule failed.
    SaveQuorumRule,
    /// Reading the meeting list failed.
    ReadMeetings,
    /// Opening a meeting failed.
    OpenMeeting,
    /// Creating a meeting failed.
    CreateMeeting,
    /// Importing a meeting package failed.
    Import,
    /// Exporting a meeting package failed.
    Export,
    /// Preparing a new meeting (its draft) failed.
    PrepareMeeting,
    /// An attachment could not be attached.
    Attach,
    /// Opening an attachment failed.
    OpenAttachment,
    /// Exporting the attachments failed.
    ExportAttachments,
    /// Saving the agenda as it was sent failed.
    SaveNoticeBaseline,
    /// Reading the previous meeting failed.
    ReadPreviousMeeting,
    /// Reading a body's standard items failed.
    ReadTemplate,
    /// Saving a body's standard items failed.
    SaveTemplate,
    /// The notice was sent already.
    NoticeAlreadySent,
    /// Making the notice failed.
    MakeNotice,
    /// A search failed.
    Search,
    /// Reading the decision register failed.
    ReadRegister,
    /// Exporting the decision register failed.
    ExportRegister,
    /// Reading the follow-ups failed.
    ReadFollowUps,
    /// Marking a follow-up failed.
    MarkFollowUp,
    /// Reading the previous meeting's follow-ups failed.
    ReadPreviousFollowUps,
    /// Building the search index failed.
    BuildIndex,
}

impl Failure {
    /// The headline of the message, in `lang`.
    #[must_use]
    pub fn title(self, lang: Lang) -> &'static str {
        let (nb, en) = match self {
            Failure::ReadOnly => (
                "Databasen er åpnet skrivebeskyttet",
                "The database is open read-only",
            ),
            Failure::DatabaseStopped => (
                "Databasetråden har stoppet",
                "The database thread has stopped",
            ),
            Failure::EditRefused => ("Endringen ble ikke gjort", "The change was not made"),
            Failure::MeetingLocked => (
                "Møtet er godkjent og låst",
                "The meeting is approved and locked",
            ),
            Failure::Save => ("Kunne ikke lagre", "Could not save"),
            Failure::ReadPeople => (
                "Kunne ikke lese personlisten",
                "Could not read the list of people",
            ),
            Failure::AddPerson => ("Kunne ikke legge til personen", "Could not add the person"),
            Failure::ReadPhrases => (
                "Kunne ikke lese hurtigfrasene",
                "Could not read the quick phrases",
            ),
            Failure::SavePhrases => (
                "Kunne ikke lagre hurtigfrasene",
                "Could not save the quick phrases",
            ),
            Failure::SaveQuorumRule => (
                "Kunne ikke lagre regelen for vedtaksførhet",
                "Could not save the quorum rule",
            ),
            Failure::ReadMeetings => (
                "Kunne ikke lese møtelisten",
                "Could not read the meeting list",
            ),
            Failure::OpenMeeting => ("Kunne ikke åpne møtet", "Could not open the meeting"),
            Failure::CreateMeeting => ("Kunne ikke opprette møtet", "Could not create the meeting"),
            Failure::Import => (
                "Kunne ikke importere møtepakken",
                "Could not import the meeting package",
            ),
            Failure::Export => (
                "Kunne ikke eksportere møtepakken",
                "Could not export the meeting package",
            ),
            Failure::PrepareMeeting => (
                "Kunne ikke forberede det nye møtet",
                "Could not prepare the new meeting",
            ),
            Failure::Attach => (
                "Vedlegget ble ikke lagt ved",
                "The attachment was not attached",
            ),
            Failure::OpenAttachment => {
                ("Kunne ikke åpne vedlegget", "Could not open the attachment")
            }
            Failure::ExportAttachments => (
                "Kunne ikke eksportere vedleggene",
                "Could not export the attachments",
            ),
            Failure::SaveNoticeBaseline => (
                "Kunne ikke lagre sakslisten slik den ble sendt",
                "Could not save the agenda as it was sent",
            ),
            Failure::ReadPreviousMeeting => (
                "Kunne ikke lese forrige møte",
                "Could not read the previous meeting",
            ),
            Failure::ReadTemplate => (
                "Kunne ikke lese standardsakene",
                "Could not read the standard items",
            ),
            Failure::SaveTemplate => (
                "Kunne ikke lagre standardsakene",
                "Could not save the standard items",
            ),
            Failure::NoticeAlreadySent => (
                "Innkallingen er allerede sendt",
                "The notice was sent already",
            ),
            Failure::MakeNotice => ("Kunne ikke lage innkallingen", "Could not make the notice"),
            Failure::Search => ("Søket mislyktes", "The search failed"),
            Failure::ReadRegister => (
                "Kunne ikke lese vedtaksregisteret",
                "Could not read the decision register",
            ),
            Failure::ExportRegister => (
                "Kunne ikke eksportere vedtaksregisteret",
                "Could not export the decision register",
            ),
            Failure::ReadFollowUps => (
                "Kunne ikke lese oppfølgingene",
                "Could not read the follow-ups",
            ),
            Failure::MarkFollowUp => (
                "Kunne ikke merke oppfølgingen",
                "Could not mark the follow-up",
            ),
            Failure::ReadPreviousFollowUps => (
                "Kunne ikke lese oppfølgingene fra forrige møte",
                "Could not read the previous meeting's follow-ups",
            ),
            Failure::BuildIndex => (
                "Kunne ikke bygge søkeindeksen",
                "Could not build the search index",
            ),
        };
        lang.tr(nb, en)
    }
}

/// The headline of a message: a failure (worded where shown) or a text the app wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Title {
    /// Something failed.
    Failure(Failure),
    /// A headline already worded (in Norwegian) by the part of the app that wrote it.
    Text(String),
    /// A headline worded in both languages: Norwegian, English.
    Worded(&'static str, &'static str),
}

impl Title {
    /// The headline in `lang` (a worded text is shown as written).
    #[must_use]
    pub fn text(&self, lang: Lang) -> &str {
        match self {
            Title::Failure(f) => f.title(lang),
            Title::Text(t) => t,
            Title::Worded(nb, en) => lang.tr(nb, en),
        }
    }
}

/// Compares the Norwegian headline, as the window shows it by default.
impl PartialEq<&str> for Title {
    fn eq(&self, other: &&str) -> bool {
        self.text(Lang::Nb) == *other
    }
}

impl std::fmt::Display for Title {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text(Lang::Nb))
    }
}
