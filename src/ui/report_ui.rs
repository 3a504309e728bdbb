//! Rapport: what the minutes will say, header lines first.

use crate::model::AttendanceStatus;

use super::widgets::{PaneCtx, date_no, field_row, names, time_span};

/// Draws the Rapport pane.
pub fn report_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>) {
    let lang = ctx.lang;
    let record = ctx.record();
    let m = &record.meeting;
    let of_status = |s: AttendanceStatus| {
        let people: Vec<_> = m
            .attendance
            .iter()
            .filter(|a| a.status == s)
            .map(|a| a.person.clone())
            .collect();
        names(record, &people)
    };
    egui::ScrollArea::vertical()
        .id_salt("report_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading(format!("{} · {}", lang.tr("Møtereferat", "Minutes"), m.reference));
            ui.label(&record.body.name);
            egui::Grid::new("report_header").num_columns(2).show(ui, |ui| {
                field_row(ui, lang.tr("Dato", "Date"), &date_no(m.date));
                field_row(ui, lang.tr("Tid", "Time"), &time_span(m.start, m.end));
                field_row(ui, lang.tr("Sted", "Place"), &m.place);
                field_row(ui, lang.tr("Til stede", "Present"), &of_status(AttendanceStatus::Present));
                field_row(ui, lang.tr("Forfall", "Absent"), &of_status(AttendanceStatus::Absent));
                field_row(
                    ui,
                    lang.tr("Referent", "Referent"),
                    &m.referent.as_ref().map(|p| record.name_of(p)).unwrap_or_default(),
                );
            });
            ui.separator();
            for item in &m.items {
                ui.label(
                    egui::RichText::new(format!("{} - {}", m.case_number(item), item.title)).strong(),
                );
                if let Some(d) = &item.decision {
                    ui.label(format!("{} {d}", lang.tr("Vedtak:", "Decision:")));
                }
                ui.add_space(4.0);
            }
        });
}
