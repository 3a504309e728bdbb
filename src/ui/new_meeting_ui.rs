//! The "new meeting" dialog: body, proposed next number, date, time and place.

use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::app::{Command, Core};
use crate::i18n::Lang;
use crate::model::{Meeting, MeetingRef, MeetingStatus};

use super::Runtime;

/// The fields of the dialog while it is open.
#[derive(Clone, Debug)]
pub struct NewMeetingForm {
    /// The body that meets.
    pub body: String,
    /// Year of the meeting.
    pub year: i32,
    /// Number in the year.
    pub number: u32,
    /// Date as typed (DD.MM.YYYY).
    pub date: String,
    /// Start time as typed.
    pub start: String,
    /// End time as typed.
    pub end: String,
    /// Place.
    pub place: String,
    /// Why the last attempt to create was refused.
    pub error: Option<String>,
}

impl NewMeetingForm {
    /// A form with sensible defaults: the first body, the next number, today, the last place used.
    #[must_use]
    pub fn new(core: &Core) -> Self {
        let today = chrono::Local::now().date_naive();
        let body = core
            .open
            .as_ref()
            .map(|o| o.record.body.name.clone())
            .or_else(|| core.meetings.first().map(|m| m.body.clone()))
            .unwrap_or_default();
        let mut form = Self {
            body,
            year: today.year(),
            number: 1,
            date: today.format("%d.%m.%Y").to_string(),
            start: "09:00".into(),
            end: "11:00".into(),
            place: String::new(),
            error: None,
        };
        form.propose(core);
        form
    }

    /// Proposes the next number in the year and the last place used, for the chosen body.
    pub fn propose(&mut self, core: &Core) {
        let of_body = core.meetings.iter().filter(|m| m.body == self.body);
        self.number = of_body
            .clone()
            .filter(|m| m.reference.year == self.year)
            .map(|m| m.reference.number)
            .max()
            .unwrap_or(0)
            + 1;
        if let Some(last) = of_body.max_by_key(|m| (m.date, m.reference)) {
            self.place.clone_from(&last.place);
        }
    }

    /// The meeting the form describes, or what is wrong with it.
    pub fn meeting(&self, lang: Lang) -> Result<Meeting, String> {
        let date = NaiveDate::parse_from_str(self.date.trim(), "%d.%m.%Y")
            .or_else(|_| NaiveDate::parse_from_str(self.date.trim(), "%Y-%m-%d"))
            .map_err(|_| {
                format!(
                    "{} «{}» (DD.MM.ÅÅÅÅ)",
                    lang.tr("Ugyldig dato:", "Invalid date:"),
                    self.date
                )
            })?;
        let time = |t: &str| -> Result<Option<NaiveTime>, String> {
            if t.trim().is_empty() {
                return Ok(None);
            }
            NaiveTime::parse_from_str(t.trim(), "%H:%M")
                .map(Some)
                .map_err(|_| format!("{} «{t}» (TT:MM)", lang.tr("Ugyldig klokkeslett:", "Invalid time:")))
        };
        if self.body.trim().is_empty() {
            return Err(lang.tr("Velg et organ.", "Choose a body.").into());
        }
        Ok(Meeting {
            reference: MeetingRef::new(self.year, self.number),
            date,
            start: time(&self.start)?,
            end: time(&self.end)?,
            place: self.place.trim().to_owned(),
            status: MeetingStatus::Planned,
            ..Meeting::default()
        })
    }
}

/// Draws the dialog when it is open.
pub fn new_meeting_ui(
    ctx: &egui::Context,
    lang: Lang,
    core: &Core,
    runtime: &mut Runtime,
    commands: &mut Vec<Command>,
) {
    let Some(form) = runtime.new_meeting.as_mut() else {
        return;
    };
    let mut close = false;
    let mut bodies: Vec<&str> = core.meetings.iter().map(|m| m.body.as_str()).collect();
    bodies.dedup();
    let modal = egui::Modal::new(egui::Id::unique("new_meeting")).show(ctx, |ui| {
        ui.heading(lang.tr("Nytt møte", "New meeting"));
        egui::Grid::new("new_meeting_grid").num_columns(2).show(ui, |ui| {
            ui.label(lang.tr("Organ", "Body"));
            let before = form.body.clone();
            egui::ComboBox::from_id_salt("new_meeting_body")
                .selected_text(&form.body)
                .show_ui(ui, |ui| {
                    for b in &bodies {
                        ui.selectable_value(&mut form.body, (*b).to_owned(), *b);
                    }
                });
            if before != form.body {
                form.propose(core);
            }
            ui.end_row();
            ui.label(lang.tr("Møte", "Meeting"));
            ui.horizontal(|ui| {
                let year = ui.add(egui::DragValue::new(&mut form.year).range(2000..=2100));
                ui.label("/ M");
                ui.add(egui::DragValue::new(&mut form.number).range(1..=99));
                if year.changed() {
                    form.propose(core);
                }
            });
            ui.end_row();
            ui.label(lang.tr("Dato", "Date"));
            ui.text_edit_singleline(&mut form.date);
            ui.end_row();
            ui.label(lang.tr("Fra kl.", "From"));
            ui.text_edit_singleline(&mut form.start);
            ui.end_row();
            ui.label(lang.tr("Til kl.", "To"));
            ui.text_edit_singleline(&mut form.end);
            ui.end_row();
            ui.label(lang.tr("Sted", "Place"));
            ui.text_edit_singleline(&mut form.place);
            ui.end_row();
        });
        if let Some(e) = &form.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        ui.horizontal(|ui| {
            if ui.button(lang.tr("Opprett", "Create")).clicked() {
                match form.meeting(lang) {
                    Ok(meeting) => {
                        commands.push(Command::Create {
                            body: form.body.clone(),
                            meeting: Box::new(meeting),
                        });
                        close = true;
                    }
                    Err(e) => form.error = Some(e),
                }
            }
            if ui.button(lang.tr("Avbryt", "Cancel")).clicked() {
                close = true;
            }
        });
    });
    if close || modal.should_close() {
        runtime.new_meeting = None;
    }
}
