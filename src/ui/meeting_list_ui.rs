//! The meeting list: every meeting grouped by body and year, newest first.

use crate::app::{Command, Core};
use crate::i18n::Lang;

use super::Runtime;
use super::new_meeting_ui::NewMeetingForm;
use super::widgets::date_no;

/// Draws the meeting list with its "new meeting" button.
pub fn meeting_list_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    core: &Core,
    runtime: &mut Runtime,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.heading(lang.tr("Møter", "Meetings"));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let new = ui
                .add_enabled(
                    !core.read_only,
                    egui::Button::new(lang.tr("+ Nytt møte", "+ New meeting")),
                )
                .on_hover_text(
                    lang.tr("Opprett et nytt møte (Ctrl+N)", "Create a meeting (Ctrl+N)"),
                );
            let shortcut = ui.input_mut(|i| {
                i.consume_shortcut(&egui::KeyboardShortcut::new(
                    egui::Modifiers::COMMAND,
                    egui::Key::N,
                ))
            });
            if (new.clicked() || shortcut) && !core.read_only {
                runtime.new_meeting = Some(NewMeetingForm::new(core));
            }
        });
    });
    ui.separator();
    let open_id = core.open.as_ref().map(|o| o.id);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut rest = core.meetings.as_slice();
            while let Some(first) = rest.first() {
                let body_len = rest.iter().take_while(|m| m.body == first.body).count();
                let (of_body, after) = rest.split_at(body_len);
                rest = after;
                egui::CollapsingHeader::new(egui::RichText::new(&first.body).strong())
                    .id_salt(("body", &first.body))
                    .default_open(true)
                    .show(ui, |ui| {
                        let mut years = of_body;
                        while let Some(y) = years.first() {
                            let n = years
                                .iter()
                                .take_while(|m| m.reference.year == y.reference.year)
                                .count();
                            let (of_year, after) = years.split_at(n);
                            years = after;
                            egui::CollapsingHeader::new(y.reference.year.to_string())
                                .id_salt(("year", &first.body, y.reference.year))
                                .default_open(true)
                                .show(ui, |ui| {
                                    for m in of_year {
                                        let text = format!(
                                            "{}   {}\n{}",
                                            m.reference,
                                            date_no(m.date),
                                            super::status_label(lang, m.status)
                                        );
                                        let selected = open_id == Some(m.id);
                                        if ui.selectable_label(selected, text).clicked()
                                            && !selected
                                        {
                                            commands.push(Command::Open(m.id));
                                        }
                                    }
                                });
                        }
                    });
            }
        });
}
