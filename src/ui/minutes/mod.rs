//! Referat: live minute-taking.
//!
//! Two views. The overview shows the minutes as recorded, item by item. Meeting mode (F5 in
//! any pane: at the item the meeting is at) puts one item in focus: its case number, title,
//! presenters and proposed decision, the decision (Vedtak) with quick phrases and an outcome,
//! the notes (Markdown with list help), who took part (Deltok), the vote and the follow-ups.
//! Alt+→ / Alt+← move between items (the field the referent is in follows, caret at the end).
//! An item's start is recorded when the referent works on it (a change, or 30 s in focus), not
//! when passing through; its end when leaving an item that was taken up. Meeting mode on the
//! meeting's day, or «Start møtet», marks the meeting held.
//!
//! Every keystroke becomes an [`Edit`] at once; the app saves on its database thread, so
//! nothing here waits for the disk.
//!
//! Keys in meeting mode: Alt+→ / Alt+← next / previous item, Alt+F use the proposed
//! decision, Alt+1…9 quick phrase, Alt+V decision, Alt+N notes (Notater), Alt+D add a guest, Alt+O new
//! follow-up; in the notes Tab / Shift+Tab indent a bullet, Enter continues a list, Ctrl+B bold.
//!
//! This file holds the pane's state, its frame and what a restart resumes; the parts have their
//! own files: [`fields`] (the fields keys jump to), [`mode`] (meeting mode and its keys),
//! [`focus`] (the item in focus, its times and notes), [`decision`] (Vedtak and quick phrases),
//! [`guests`] (Deltok), [`vote`], [`follow_ups`], [`overview`] (the minutes as recorded).

mod decision;
mod fields;
mod focus;
mod follow_ups;
mod guests;
mod mode;
mod overview;
mod vote;

use std::collections::HashMap;

use crate::app::minutes::MinutesCommand;
use crate::app::{Command, Core};
use crate::store::WorkPlace;

use super::widgets::PaneCtx;

use fields::Field;
use focus::meeting_ui;
use mode::{set_meeting_mode, toolbar_ui};
use overview::overview_ui;

/// The Referat pane's window state.
#[derive(Default)]
pub struct MinutesState {
    /// One item in focus (meeting mode) rather than the overview.
    pub meeting_mode: bool,
    /// What is typed in the "add a guest" box.
    pub(super) guest_query: String,
    /// The quick-phrase editor's text (one phrase a line) while it is open.
    pub(super) phrase_editor: Option<String>,
    /// A field to focus when it is next drawn.
    pub(super) focus: Option<Field>,
    /// F5 was pressed (in any pane): meeting mode on at the item the meeting is at, or off.
    pub(super) f5: bool,
    /// The item in focus in meeting mode, since when, and whether its start was stamped.
    pub(super) working: Option<(u32, std::time::Instant, bool)>,
    /// The place last sent to the database.
    remembered: Option<WorkPlace>,
    /// Heights of the overview's item blocks at `heights_width`, to skip drawing hidden ones.
    heights: HashMap<u32, f32>,
    heights_width: f32,
}

/// Draws the Referat pane. `core` gives the people known to the database and the body's
/// quick phrases.
pub fn minutes_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, core: &Core) {
    let lang = ctx.lang;
    if ctx.record().meeting.items.is_empty() {
        ui.label(lang.tr(
            "Møtet har ingen saker ennå. Legg dem til i Saksliste.",
            "The meeting has no items yet. Add them in the Agenda pane.",
        ));
        return;
    }
    if std::mem::take(&mut ctx.runtime.minutes.f5) {
        if ctx.runtime.minutes.meeting_mode {
            set_meeting_mode(ctx, false);
        } else {
            ctx.runtime.selected_item = ctx.record().meeting.current_item();
            set_meeting_mode(ctx, true);
        }
    }
    toolbar_ui(ui, ctx);
    ui.separator();
    if ctx.runtime.minutes.meeting_mode {
        meeting_ui(ui, ctx, core);
    } else {
        overview_ui(ui, ctx);
    }
}

/// Remembers in the database where the referent is working, whenever it changes. Called by
/// the app after the panes each frame.
pub fn remember_place(core: &Core, runtime: &mut super::Runtime, commands: &mut Vec<Command>) {
    let Some(open) = &core.open else { return };
    let place = WorkPlace {
        meeting: open.id,
        item: runtime.selected_item,
        meeting_mode: runtime.minutes.meeting_mode,
    };
    if runtime.minutes.remembered != Some(place) && !core.read_only {
        runtime.minutes.remembered = Some(place);
        commands.push(Command::Minutes(MinutesCommand::RememberPlace(place)));
    }
}

/// Restores the place remembered at the last run: the meeting to open, the item in focus and
/// meeting mode (with the Referat pane in front).
pub fn resume(
    place: Option<WorkPlace>,
    runtime: &mut super::Runtime,
    tree: &mut egui_tiles::Tree<super::Pane>,
) {
    let Some(place) = place else { return };
    runtime.selected_item = place.item;
    runtime.minutes.meeting_mode = place.meeting_mode;
    runtime.minutes.remembered = Some(place);
    if place.meeting_mode {
        runtime.minutes.focus = Some(Field::Notes);
        show_minutes_pane(tree);
    }
}

/// F5 in any pane: the Referat pane to the front, and meeting mode on at the item the meeting
/// is at (or off, when the Referat pane was in front in meeting mode already). Called by the
/// app before the panes are drawn.
pub fn f5(runtime: &mut super::Runtime, tree: &mut egui_tiles::Tree<super::Pane>) {
    let minutes_in_front = tree.active_tiles().into_iter().any(|id| {
        matches!(
            tree.tiles.get(id),
            Some(egui_tiles::Tile::Pane(super::Pane::Minutes))
        )
    });
    if !minutes_in_front {
        runtime.minutes.meeting_mode = false;
    }
    runtime.minutes.f5 = true;
    show_minutes_pane(tree);
}

/// Brings the Referat pane to the front.
pub fn show_minutes_pane(tree: &mut egui_tiles::Tree<super::Pane>) {
    tree.make_active(|_, tile| matches!(tile, egui_tiles::Tile::Pane(super::Pane::Minutes)));
}

/// The app's fonts and spacing on a bare context, for benchmarks.
#[doc(hidden)]
pub fn bench_style(ctx: &egui::Context) {
    super::widgets::setup_style(ctx);
}

/// One frame of the Referat pane on its own, for benchmarks.
#[doc(hidden)]
pub fn bench_frame(
    ui: &mut egui::Ui,
    core: &Core,
    runtime: &mut super::Runtime,
    commands: &mut Vec<Command>,
) {
    let Some(open) = core.open.as_ref() else {
        return;
    };
    let mut ctx = PaneCtx::for_bench(open, runtime, commands);
    minutes_ui(ui, &mut ctx, core);
}
