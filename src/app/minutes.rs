//! The Referat pane's command slice: quick decision phrases, people named in an item (guests),
//! and where the referent is working (so a restart opens the same place). Typing itself goes
//! through [`super::Command::Edit`] like every change to the open meeting.

use crate::model::Person;
use crate::store::{Store, WorkPlace};

use super::core::Core;
use super::failure::Failure;
use super::worker::{Reply, Request};

/// What the Referat pane asks of the app.
#[must_use]
#[derive(Debug)]
pub enum MinutesCommand {
    /// Make a person known to the open meeting (so it can name them), adding them to the
    /// database first when they are new.
    AddPerson(Person),
    /// Replace the quick decision phrases of the open meeting's body.
    SetPhrases(Vec<String>),
    /// Remember where the referent is working, so a restart opens the same place.
    RememberPlace(WorkPlace),
}

impl MinutesCommand {
    /// Whether carrying it out changes the database.
    pub(super) fn writes(&self) -> bool {
        matches!(self, Self::AddPerson(_) | Self::SetPhrases(_))
    }
}

/// Referat work for the database thread.
#[derive(Debug)]
pub enum MinutesRequest {
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
}

/// What the database thread answers to a [`MinutesRequest`].
#[derive(Debug)]
pub enum MinutesReply {
    /// A body's quick decision phrases.
    Phrases {
        /// The body's name.
        body: String,
        /// The phrases in order.
        phrases: Vec<String>,
    },
}

/// Runs a Referat request on the database thread.
pub(super) fn handle(store: &mut Store, request: MinutesRequest) -> Reply {
    let phrases = |store: &Store, body: String| match store.phrases(&body) {
        Ok(phrases) => Reply::Minutes(MinutesReply::Phrases { body, phrases }),
        Err(e) => Reply::failure(Failure::ReadPhrases, &e),
    };
    match request {
        MinutesRequest::AddPerson(person) => match store.add_person(&person) {
            Ok(()) => Reply::Done,
            Err(e) => Reply::failure(Failure::AddPerson, &e),
        },
        MinutesRequest::LoadPhrases(body) => phrases(store, body),
        MinutesRequest::SetPhrases { body, phrases: new } => match store.set_phrases(&body, &new) {
            Ok(()) => phrases(store, body),
            Err(e) => Reply::failure(Failure::SavePhrases, &e),
        },
        MinutesRequest::RememberPlace(place) => match store.remember_place(place) {
            // Losing the remembered place costs the referent a click, never data: no message.
            Ok(()) | Err(_) => Reply::Done,
        },
    }
}

impl Core {
    /// Carries out a Referat command.
    pub(super) fn minutes_command(&mut self, command: MinutesCommand) {
        match command {
            MinutesCommand::AddPerson(person) => self.add_person(person),
            MinutesCommand::SetPhrases(phrases) => {
                if let Some(body) = self.open.as_ref().map(|o| o.record.body.name.clone()) {
                    self.phrases.clone_from(&phrases);
                    self.send(Request::Minutes(MinutesRequest::SetPhrases {
                        body,
                        phrases,
                    }));
                }
            }
            MinutesCommand::RememberPlace(place) => {
                // A read-only database cannot remember; nothing is lost, so nothing is said.
                if !self.read_only {
                    self.send(Request::Minutes(MinutesRequest::RememberPlace(place)));
                }
            }
        }
    }

    /// Takes a Referat answer from the database thread.
    pub(super) fn minutes_reply(&mut self, reply: MinutesReply) {
        match reply {
            MinutesReply::Phrases { body, phrases } => {
                if self
                    .open
                    .as_ref()
                    .is_some_and(|o| o.record.body.name == body)
                {
                    self.phrases = phrases;
                }
            }
        }
    }

    /// A meeting was loaded: read its body's phrases when the body changed.
    pub(super) fn minutes_loaded(&mut self, body: &str) {
        if self
            .open
            .as_ref()
            .is_none_or(|o| o.record.body.name != body)
        {
            self.send(Request::Minutes(MinutesRequest::LoadPhrases(
                body.to_owned(),
            )));
        }
    }

    /// Makes `person` known to the open meeting; a person the database does not know yet is
    /// added to it before any save can name them (the database thread works in order).
    fn add_person(&mut self, person: Person) {
        if !self.people.iter().any(|p| p.id == person.id) {
            self.send(Request::Minutes(MinutesRequest::AddPerson(person.clone())));
        }
        self.know_person(person);
    }
}
