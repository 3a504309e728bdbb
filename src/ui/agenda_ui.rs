//! Saksliste: the meeting's header and its agenda, item by item.

use crate::model::MeetingRecord;

use super::widgets::{PaneCtx, date_no, field_row, names, text_block, time_span};

/// Draws the Saksliste pane.
pub fn agenda_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>) {
    let lang = ctx.lang;
    let record = ctx.record();
    meeting_header_ui(ui, ctx);
    ui.separator();
    ui.heading(lang.tr("Saksliste", "Agenda"));
    let selected = ctx.runtime.selected_item;
    let mut clicked = None;
    egui::ScrollArea::vertical()
        .id_salt("agenda_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for item in &record.meeting.items {
                let case = record.meeting.case_number(item).to_string();
                let is_selected = selected == Some(item.number);
                let header = egui::RichText::new(format!("{case}  {}", item.title)).strong();
                let response = ui.selectable_label(is_selected, header);
                if response.clicked() {
                    clicked = Some(item.number);
                }
                ui.indent(("agenda_item", item.number), |ui| {
                    let mut line = super::kind_label(lang, item.kind).to_owned();
                    if !item.presenters.is_empty() {
                        line.push_str(" · ");
                        line.push_str(&names(record, &item.presenters));
                    }
                    if let Some(m) = item.planned_minutes {
                        line.push_str(&format!(" · {m} min"));
                    }
                    ui.label(egui::RichText::new(line).weak());
                    if let Some(e) = &item.exempt {
                        ui.label(
                            egui::RichText::new(format!(
                                "{} {}",
                                lang.tr("Unntatt offentlighet,", "Exempt from public access,"),
                                e.basis
                            ))
                            .color(ui.visuals().warn_fg_color),
                        );
                    }
                    if is_selected {
                        text_block(ui, lang.tr("Saksbeskrivelse", "Description"), item.description.as_deref());
                        text_block(
                            ui,
                            lang.tr("Forslag til vedtak", "Proposed decision"),
                            item.proposed_decision.as_deref(),
                        );
                    }
                });
                ui.add_space(4.0);
            }
        });
    if let Some(n) = clicked {
        ctx.runtime.selected_item = Some(n);
    }
}

/// The meeting's date, time, place, chair and referent.
pub fn meeting_header_ui(ui: &mut egui::Ui, ctx: &PaneCtx<'_>) {
    let lang = ctx.lang;
    let record: &MeetingRecord = ctx.record();
    let m = &record.meeting;
    ui.horizontal(|ui| {
        ui.heading(format!("{} · {}", record.body.name, m.reference));
        ui.label(egui::RichText::new(super::status_label(lang, m.status)).weak());
        if m.status.is_locked() {
            ui.label(lang.tr("Låst", "Locked"));
        }
    });
    egui::Grid::new("meeting_header").num_columns(2).show(ui, |ui| {
        field_row(ui, lang.tr("Dato", "Date"), &date_no(m.date));
        field_row(ui, lang.tr("Tid", "Time"), &time_span(m.start, m.end));
        field_row(ui, lang.tr("Sted", "Place"), &m.place);
        if let Some(chair) = &m.chair {
            field_row(ui, lang.tr("Møteleder", "Chair"), &record.name_of(chair));
        }
        if let Some(referent) = &m.referent {
            field_row(ui, lang.tr("Referent", "Referent"), &record.name_of(referent));
        }
    });
}
