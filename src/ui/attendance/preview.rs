//! The attendance lines the minutes will print, previewed as they will read.

use crate::i18n::Lang;
use crate::model::{MeetingRecord, header_lines};

pub(super) fn header_preview_ui(ui: &mut egui::Ui, lang: Lang, record: &MeetingRecord) {
    let lines = header_lines(record);
    ui.heading(lang.tr("Til protokollen", "For the minutes"));
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let show = |ui: &mut egui::Ui, heading: &str, names: &[String]| {
            if !names.is_empty() {
                ui.label(format!("{heading}: {}", names.join("; ")));
            }
        };
        show(ui, lang.tr("Til stede", "Present"), &lines.present);
        show(ui, lang.tr("Forfall", "Apologies"), &lines.absent);
        show(ui, lang.tr("Ikke møtt", "Absent"), &lines.absent_no_notice);
        if let Some(r) = &lines.referent {
            ui.label(format!("{}: {r}", lang.tr("Referent", "Minute-taker")));
        }
        if !lines.not_recorded.is_empty() {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "{}: {}",
                    lang.tr("Ikke registrert", "Not recorded"),
                    lines.not_recorded.join("; ")
                ),
            );
        }
        for item in &record.meeting.items {
            let d = crate::model::disqualified_lines(record, item.number);
            if !d.is_empty() {
                ui.label(format!(
                    "{} {}: {}",
                    lang.tr("Inhabil i sak", "Disqualified in item"),
                    record.meeting.case_number(item),
                    d.join("; ")
                ));
            }
        }
    });
}
