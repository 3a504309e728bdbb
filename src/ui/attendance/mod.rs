//! Oppmøte: the summoned list (keyboard first), late arrivals and early departures,
//! disqualifications, who was in the room for the item in focus and whether that was a quorum,
//! and the attendance lines the minutes will print.
//!
//! This file holds the pane's state, shared helpers and the two-column frame; the parts have
//! their own files: [`roles`] (chair and referent), [`list`] (the keyboard list), [`movements`]
//! (arrivals and departures), [`people`] (adding people), [`quorum`], [`items`] (the item in
//! focus and disqualification), [`preview`] (the header lines), [`pickers`] (shared pickers).

mod items;
mod list;
mod movements;
mod people;
mod pickers;
mod preview;
mod quorum;
mod roles;

use chrono::{NaiveTime, Timelike};
use egui::{Align, Color32, Layout};

use crate::model::{AttendanceStatus, Item, MeetingRecord, PersonId};

use super::widgets::PaneCtx;

use items::item_panel_ui;
use list::summoned_list_ui;
use movements::person_details_ui;
use people::add_people_ui;
use preview::header_preview_ui;
pub(super) use quorum::quorum_badge_ui;
use roles::roles_bar_ui;

/// The pane's own state, kept in [`super::Runtime`] between frames.
#[derive(Debug, Default)]
pub struct AttendanceState {
    /// The row of the summoned list that has the keyboard (index into the list).
    row: usize,
    /// Choosing the member a deputy meets for: the deputy and the highlighted choice.
    picking: Option<(PersonId, usize)>,
    /// Whose arrival and departure times the two time fields hold, and the stored values they
    /// were filled from (a change from elsewhere, e.g. a key or undo, refills them).
    times_for: Option<(PersonId, Option<NaiveTime>, Option<NaiveTime>)>,
    /// The arrival time as typed.
    arrival_time: String,
    /// The departure time as typed.
    departure_time: String,
    /// "Surname, Given" of a new person to summon.
    new_name: String,
    /// A known person chosen to be summoned.
    known_pick: Option<PersonId>,
    /// The person chosen in the disqualification form.
    disq_person: Option<PersonId>,
    /// The reason typed in the disqualification form.
    disq_reason: String,
    /// What went wrong with the last thing typed, shown until the next success.
    problem: Option<String>,
}

const GREEN: Color32 = Color32::from_rgb(0x1e, 0x7a, 0x34);

const RED: Color32 = Color32::from_rgb(0xb0, 0x1e, 0x1e);

const GREY: Color32 = Color32::from_rgb(0x70, 0x70, 0x70);

fn status_color(status: AttendanceStatus) -> Color32 {
    match status {
        AttendanceStatus::Summoned => GREY,
        AttendanceStatus::Present => GREEN,
        AttendanceStatus::Absent => Color32::from_rgb(0xb3, 0x6b, 0x00),
        AttendanceStatus::AbsentNoNotice => RED,
        AttendanceStatus::Deputy => Color32::from_rgb(0x1d, 0x5f, 0xa8),
    }
}

/// The current time to the minute.
fn now_minute() -> Option<NaiveTime> {
    let t = chrono::Local::now().time();
    NaiveTime::from_hms_opt(t.hour(), t.minute(), 0)
}

fn time_text(t: Option<NaiveTime>) -> String {
    t.map(|t| t.format("%H:%M").to_string()).unwrap_or_default()
}

/// Reads "09:10", "9:10", "0910" or "" (none).
fn parse_time(text: &str) -> Result<Option<NaiveTime>, ()> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    NaiveTime::parse_from_str(t, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(t, "%H.%M"))
        .or_else(|_| NaiveTime::parse_from_str(t, "%H%M"))
        .map(Some)
        .map_err(|_| ())
}

/// "2024/M4-003 Økonomi- og aktivitetsrapport".
fn item_title(record: &MeetingRecord, item: &Item) -> String {
    format!("{} {}", record.meeting.case_number(item), item.title)
}

/// The short case number of item `n`, "M4-003".
fn short_case(record: &MeetingRecord, n: u32) -> String {
    format!("M{}-{n:03}", record.meeting.reference.number)
}

/// The item the live panel shows: the selected item, or the first.
fn focus_item(ctx: &PaneCtx<'_>) -> Option<u32> {
    let items = &ctx.open.record.meeting.items;
    ctx.runtime
        .selected_item
        .filter(|n| items.iter().any(|i| i.number == *n))
        .or_else(|| items.first().map(|i| i.number))
}

/// Draws the Oppmøte pane.
pub fn attendance_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>) {
    let editable = ctx.editable();
    roles_bar_ui(ui, ctx, editable);
    ui.separator();
    let wide = ui.available_width() >= 860.0;
    if wide {
        let left = (ui.available_width() * 0.58).floor();
        ui.horizontal_top(|ui| {
            ui.allocate_ui_with_layout(
                egui::vec2(left, ui.available_height()),
                Layout::top_down(Align::LEFT),
                |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("attendance_left")
                        .auto_shrink([false, false])
                        .show(ui, |ui| left_column_ui(ui, ctx, editable));
                },
            );
            ui.separator();
            ui.vertical(|ui| {
                egui::ScrollArea::vertical()
                    .id_salt("attendance_right")
                    .auto_shrink([false, false])
                    .show(ui, |ui| right_column_ui(ui, ctx, editable));
            });
        });
    } else {
        egui::ScrollArea::vertical()
            .id_salt("attendance_narrow")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                left_column_ui(ui, ctx, editable);
                ui.separator();
                right_column_ui(ui, ctx, editable);
            });
    }
}

fn left_column_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, editable: bool) {
    summoned_list_ui(ui, ctx, editable);
    ui.add_space(6.0);
    person_details_ui(ui, ctx, editable);
    ui.add_space(6.0);
    add_people_ui(ui, ctx, editable);
}

fn right_column_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, editable: bool) {
    item_panel_ui(ui, ctx, editable);
    ui.add_space(8.0);
    header_preview_ui(ui, ctx.lang, &ctx.open.record);
}

// ---------------------------------------------------------------------------------------------
// Chair, referent.
