//! Referat: the minutes as recorded, item by item.

use super::widgets::{PaneCtx, names, text_block};

/// Draws the Referat pane.
pub fn minutes_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>) {
    let lang = ctx.lang;
    let record = ctx.record();
    egui::ScrollArea::vertical()
        .id_salt("minutes_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for item in &record.meeting.items {
                let case = record.meeting.case_number(item);
                ui.heading(format!("{case} {}", item.title));
                if let Some(d) = &item.decision {
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.label(egui::RichText::new(format!("{} {d}", lang.tr("Vedtak:", "Decision:"))).strong());
                    });
                }
                if let Some(o) = item.outcome {
                    ui.label(egui::RichText::new(super::outcome_label(lang, o)).weak());
                }
                if !item.guests.is_empty() {
                    ui.label(format!("{} {}", lang.tr("Deltok:", "Took part:"), names(record, &item.guests)));
                }
                text_block(ui, lang.tr("Referat", "Notes"), item.notes.as_deref());
                ui.separator();
            }
        });
}
