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
            let label = ui.label(RichText::new(lang.tr("Møteleder", "Chair")).strong());
            if let Some(p) = person_combo(
                ui,
                "attendance_chair",
                Named::By(label.id),
                lang,
                record,
                m.chair.as_ref(),
                &candidates,
            ) {
                ctx.commands
                    .push(Command::Edit(Edit::SetChair(p.into_option())));
            }
            ui.add_space(12.0);
            let label = ui.label(RichText::new(lang.tr("Referent", "Minute-taker")).strong());
            if let Some(p) = person_combo(
                ui,
                "attendance_referent",
                Named::By(label.id),
                lang,
                record,
                m.referent.as_ref(),
                &candidates,
            ) {
                ctx.commands
                    .push(Command::Edit(Edit::SetReferent(p.into_option())));
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
