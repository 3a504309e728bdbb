//! The Oppmøte pane's command slice: summoning a new person by name and the quorum rule of the
//! body. Statuses, arrivals, departures and disqualifications are changes to the open meeting
//! and go through [`super::Command::Edit`].

use std::time::Instant;

use crate::model::{AttendanceEdit, Edit, Person, QuorumRule};
use crate::store::Store;

use super::core::Core;
use super::failure::Failure;
use super::worker::{Reply, Request};

/// What the Oppmøte pane asks of the app.
#[must_use]
#[derive(Debug)]
pub enum AttendanceCommand {
    /// Add a new person by list name ("Surname, Given") to the database, with a key the
    /// database makes unique, then to the open meeting's summoned list.
    SummonNewPerson {
        /// "Surname, Given names".
        name: String,
        /// The organisation represented, if any.
        organization: Option<String>,
    },
    /// Set the quorum rule of the open meeting's body.
    SetQuorumRule(QuorumRule),
}

impl AttendanceCommand {
    /// Whether carrying it out changes the database.
    pub(super) fn writes(&self) -> bool {
        matches!(self, Self::SummonNewPerson { .. } | Self::SetQuorumRule(_))
    }
}

/// Oppmøte work for the database thread.
#[derive(Debug)]
pub enum AttendanceRequest {
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
        rule: QuorumRule,
    },
}

/// What the database thread answers to an [`AttendanceRequest`].
#[derive(Debug)]
pub enum AttendanceReply {
    /// A person was added by name ([`AttendanceRequest::AddPersonNamed`]).
    PersonAdded(Person),
    /// A body's quorum rule was stored.
    QuorumRuleSet {
        /// The body's name.
        body: String,
        /// The rule now in force.
        rule: QuorumRule,
    },
}

/// Runs an Oppmøte request on the database thread.
pub(super) fn handle(store: &mut Store, request: AttendanceRequest) -> Reply {
    match request {
        AttendanceRequest::AddPersonNamed { name, organization } => {
            match store.add_person_named(&name, organization.as_deref()) {
                Ok(person) => Reply::Attendance(AttendanceReply::PersonAdded(person)),
                Err(e) => Reply::failure(Failure::AddPerson, &e),
            }
        }
        AttendanceRequest::SetQuorumRule { body, rule } => {
            match store.set_quorum_rule(&body, rule) {
                Ok(()) => Reply::Attendance(AttendanceReply::QuorumRuleSet { body, rule }),
                Err(e) => Reply::failure(Failure::SaveQuorumRule, &e),
            }
        }
    }
}

impl Core {
    /// Carries out an Oppmøte command.
    pub(super) fn attendance_command(&mut self, command: AttendanceCommand) {
        match command {
            AttendanceCommand::SummonNewPerson { name, organization } => {
                self.send(Request::Attendance(AttendanceRequest::AddPersonNamed {
                    name,
                    organization,
                }));
            }
            AttendanceCommand::SetQuorumRule(rule) => {
                if let Some(body) = self.open.as_ref().map(|o| o.record.body.name.clone()) {
                    self.send(Request::Attendance(AttendanceRequest::SetQuorumRule {
                        body,
                        rule,
                    }));
                }
            }
        }
    }

    /// Takes an Oppmøte answer from the database thread.
    pub(super) fn attendance_reply(&mut self, reply: AttendanceReply) {
        match reply {
            AttendanceReply::PersonAdded(person) => {
                let id = person.id.clone();
                self.know_person(person);
                if self.open.is_some() {
                    let summon = AttendanceEdit::Summon { people: vec![id] };
                    self.edit(Edit::Attendance(summon), Instant::now());
                }
            }
            AttendanceReply::QuorumRuleSet { body, rule } => {
                if let Some(open) = self.open.as_mut()
                    && open.record.body.name == body
                {
                    open.record.body.quorum = rule;
                }
            }
        }
    }
}
