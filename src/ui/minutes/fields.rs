//! The fields of the item in focus that a key can jump to, and how edits leave the pane.

use crate::app::Command;
use crate::model::Edit;
use crate::ui::widgets::PaneCtx;

// ---------------------------------------------------------------------------------------------
// Deltok

/// A field of the item in focus that a key can jump to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(in crate::ui) enum Field {
    /// The decision (Vedtak).
    Decision,
    /// The notes.
    Notes,
    /// The "add a guest" box.
    Guests,
    /// The task of follow-up n.
    FollowUpTask(usize),
}

/// The egui id of a field of item `item`.
pub(super) fn field_id(field: Field, item: u32) -> egui::Id {
    egui::Id::unique(("minutes_field", item, field))
}

/// Queues an edit when the meeting can be changed.
pub(super) fn push_edit(ctx: &mut PaneCtx<'_>, edit: Edit) {
    if ctx.editable() {
        ctx.commands.push(Command::Edit(edit));
    }
}

/// Focuses `response` when `field` was asked for.
pub(super) fn take_focus(ctx: &mut PaneCtx<'_>, field: Field, response: &egui::Response) {
    if ctx.runtime.minutes.focus == Some(field) {
        response.request_focus();
        ctx.runtime.minutes.focus = None;
    }
}
