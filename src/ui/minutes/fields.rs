//! The fields of the item in focus that a key can jump to, and how edits leave the pane.

use egui::text::{CCursor, CCursorRange};

use crate::app::Command;
use crate::model::{Edit, Item};
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

/// The text `field` of `item` holds now (the guest box holds `guest_query`).
pub(super) fn field_text<'a>(field: Field, item: &'a Item, guest_query: &'a str) -> &'a str {
    match field {
        Field::Decision => item.decision.as_deref().unwrap_or(""),
        Field::Notes => item.notes.as_deref().unwrap_or(""),
        Field::Guests => guest_query,
        Field::FollowUpTask(k) => item.follow_ups.get(k).map_or("", |f| f.task.as_str()),
    }
}

/// Which of the jump-to fields of item `item` has the keyboard focus.
pub(super) fn focused_field(ctx: &egui::Context, item: &Item) -> Option<Field> {
    [Field::Decision, Field::Notes, Field::Guests]
        .into_iter()
        .chain((0..item.follow_ups.len()).map(Field::FollowUpTask))
        .find(|f| ctx.memory(|m| m.has_focus(field_id(*f, item.number))))
}

/// Focuses the field `id` holding `text` at once, with the caret after its last character, so
/// the keys typed next continue it. A field that has the focus already keeps its caret.
pub(super) fn focus_at_end(ctx: &egui::Context, id: egui::Id, text: &str) {
    if ctx.memory(|m| m.has_focus(id)) {
        return;
    }
    ctx.memory_mut(|m| m.request_focus(id));
    let mut state = egui::TextEdit::load_state(ctx, id).unwrap_or_default();
    let end = CCursor::new(text.chars().count());
    state.cursor.set_char_range(Some(CCursorRange::one(end)));
    state.store(ctx, id);
}

/// Focuses `field` of `item` (caret at the end) when it was asked for. Called before the field
/// is drawn, so it takes this frame's keys.
pub(super) fn take_focus(ui: &egui::Ui, ctx: &mut PaneCtx<'_>, field: Field, item: &Item) {
    if ctx.runtime.minutes.focus == Some(field) {
        let text = field_text(field, item, &ctx.runtime.minutes.guest_query);
        focus_at_end(ui.ctx(), field_id(field, item.number), text);
        ctx.runtime.minutes.focus = None;
    }
}
