//! The chair and referent bar of the Oppmøte pane, and whom a deputy can meet for.

use egui::RichText;

use crate::app::Command;
use crate::model::{AttendanceStatus, Edit, MeetingRecord, PersonId, voting_members};
use crate::ui::widgets::PaneCtx;

use super::pickers::{Named, person_combo};

/// People who can be chosen as chair or referent: the summoned list, then the body's
/// members on the date who are not on it.
pub(super) fn role_candidates(record: &MeetingRecord) -> Vec<PersonId> {
    let mut out: Vec<PersonId> = record
        .meeting
        .attendance
        .iter()
        .map(|a| a.person.clone())
        .collect();
    for m in record.body.members_on(record.meeting.date) {
        if !out.contains(&m.person) {
            out.push(m.person.clone());
        }
    }
    out
}

pub(super) fn roles_bar_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, editable: bool) {
    let lang = ctx.lang;
    let record = &ctx.open.record;
    let m = &record.meeting;
    let candidates = role_candidates(record);
    ui.add_enabled_ui(editable, |ui| {
        ui.horizontal_wrapped(|ui| {
            type SetRole = fn(Option<PersonId>) -> Edit;
            let roles: [(&str, &str, &str, Option<&PersonId>, SetRole); 2] = [
                (
                    "attendance_chair",
                    "Møteleder",
                    "Chair",
                    m.chair.as_ref(),
                    Edit::SetChair,
                ),
                (
                    "attendance_referent",
                    "Referent",
                    "Minute-taker",
                    m.referent.as_ref(),
                    Edit::SetReferent,
                ),
            ];
            for (i, (id, nb, en, current, set)) in roles.into_iter().enumerate() {
                if i > 0 {
                    ui.add_space(12.0);
                }
                let label = ui.label(RichText::new(lang.tr(nb, en)).strong());
                let named = Named::By(label.id);
                if let Some(p) = person_combo(ui, id, named, lang, record, current, &candidates) {
                    ctx.commands.push(Command::Edit(set(p.into_option())));
                }
            }
        });
    });
}

// ---------------------------------------------------------------------------------------------
// The summoned list.

/// The members a deputy can meet for: the body's voting members on the date, other than the
/// deputy, not marked present themselves, and not already met for by another deputy.
pub(super) fn deputy_choices(record: &MeetingRecord, deputy: &PersonId) -> Vec<PersonId> {
    let att = &record.meeting.attendance;
    voting_members(record)
        .into_iter()
        .filter(|m| m != deputy)
        .filter(|m| {
            !att.iter()
                .any(|a| &a.person == m && a.status == AttendanceStatus::Present)
        })
        .filter(|m| {
            !att.iter().any(|a| {
                &a.person != deputy
                    && a.status == AttendanceStatus::Deputy
                    && a.deputy_for.as_ref() == Some(m)
            })
        })
        .collect()
}
