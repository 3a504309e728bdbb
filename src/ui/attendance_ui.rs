//! Oppmøte: who was summoned, who came, who sent apologies.

use crate::model::AttendanceStatus;

use super::labels::attendance_label;
use super::widgets::PaneCtx;

/// Draws the Oppmøte pane.
pub fn attendance_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>) {
    let lang = ctx.lang;
    let record = ctx.record();
    let m = &record.meeting;
    egui::Grid::new("attendance_roles").num_columns(2).show(ui, |ui| {
        super::widgets::field_row(
            ui,
            lang.tr("Møteleder", "Chair"),
            &m.chair.as_ref().map(|p| record.name_of(p)).unwrap_or_default(),
        );
        super::widgets::field_row(
            ui,
            lang.tr("Referent", "Referent"),
            &m.referent.as_ref().map(|p| record.name_of(p)).unwrap_or_default(),
        );
    });
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("attendance_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("attendance_grid")
                .num_columns(3)
                .striped(true)
                .show(ui, |ui| {
                    ui.label(egui::RichText::new(lang.tr("Navn", "Name")).strong());
                    ui.label(egui::RichText::new(lang.tr("Representerer", "Represents")).strong());
                    ui.label(egui::RichText::new(lang.tr("Status", "Status")).strong());
                    ui.end_row();
                    for row in &m.attendance {
                        let person = record.person(&row.person);
                        ui.label(record.name_of(&row.person));
                        ui.label(person.and_then(|p| p.organization.as_deref()).unwrap_or(""));
                        let mut status = attendance_label(lang, row.status).to_owned();
                        if row.status == AttendanceStatus::Deputy
                            && let Some(member) = &row.deputy_for
                        {
                            status = format!("{status} {} {}", lang.tr("for", "for"), record.name_of(member));
                        }
                        ui.label(status);
                        ui.end_row();
                    }
                });
        });
}
