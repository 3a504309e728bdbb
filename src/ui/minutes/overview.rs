//! The overview: the minutes as recorded, item by item.

use std::collections::HashMap;

use egui::RichText;

use crate::i18n::Lang;
use crate::model::{Item, MeetingRecord};
use crate::ui::widgets::{PaneCtx, names};

use super::mode::set_meeting_mode;

// ---------------------------------------------------------------------------------------------
// Deltok

/// The overview: every item as the minutes will read. Clicking an item opens it in meeting
/// mode. Notes outside the visible area are not laid out (their height from an earlier frame
/// is reserved instead), so long minutes scroll smoothly; headings and decisions always are.
pub(super) fn overview_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>) {
    let lang = ctx.lang;
    let record = &ctx.open.record;
    let mut open_item = None;
    let state = &mut ctx.runtime.minutes;
    egui::ScrollArea::vertical()
        .id_salt("minutes_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let width = ui.available_width();
            if (width - state.heights_width).abs() > 0.5 {
                state.heights.clear();
                state.heights_width = width;
            }
            for item in &record.meeting.items {
                overview_item_ui(ui, lang, record, item, &mut open_item, &mut state.heights);
            }
        });
    if let Some(n) = open_item {
        ctx.runtime.selected_item = Some(n);
        set_meeting_mode(ctx, true);
    }
}

pub(super) fn overview_item_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    record: &MeetingRecord,
    item: &Item,
    open_item: &mut Option<u32>,
    notes_heights: &mut HashMap<u32, f32>,
) {
    let case = record.meeting.case_number(item);
    ui.horizontal(|ui| {
        ui.heading(format!("{case} {}", item.title));
        if ui
            .small_button(lang.tr("Åpne i møtemodus", "Open in meeting mode"))
            .clicked()
        {
            *open_item = Some(item.number);
        }
    });
    let times = crate::ui::widgets::time_span(item.started, item.ended);
    if !times.is_empty() {
        ui.label(RichText::new(times).weak());
    }
    if let Some(d) = &item.decision {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(RichText::new(format!("{} {d}", lang.tr("Vedtak:", "Decision:"))).strong());
        });
    }
    if let Some(o) = item.outcome {
        ui.label(RichText::new(crate::ui::outcome_label(lang, o)).weak());
    }
    if let Some(v) = &item.vote {
        ui.label(super::vote::result_line(record, v));
    }
    if !item.guests.is_empty() {
        ui.label(format!(
            "{} {}",
            lang.tr("Deltok:", "Took part:"),
            names(record, &item.guests)
        ));
    }
    let width = ui.available_width();
    let hidden = notes_heights.get(&item.number).is_some_and(|&h| {
        !ui.is_rect_visible(egui::Rect::from_min_size(
            ui.cursor().min,
            egui::vec2(width, h),
        ))
    });
    if hidden {
        ui.allocate_space(egui::vec2(width, notes_heights[&item.number]));
    } else {
        let top = ui.cursor().min.y;
        crate::ui::widgets::text_block(ui, lang.tr("Notater", "Notes"), item.notes.as_deref());
        notes_heights.insert(item.number, ui.cursor().min.y - top);
    }
    for f in &item.follow_ups {
        ui.label(format!(
            "→ {}",
            super::follow_ups::follow_up_line(lang, record, f)
        ));
    }
    ui.separator();
}
