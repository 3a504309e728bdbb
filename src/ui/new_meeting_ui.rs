//! The "new meeting" dialog: body, the proposed next number, date, time, place (the last one
//! used is offered), chair, referent, who is summoned (the body's current members), the body's
//! standard items and the previous meeting's postponed items.

use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::app::agenda::{AgendaCommand, NewMeetingDraft};
use crate::app::{Command, Core};
use crate::i18n::Lang;
use crate::model::agenda::{AgendaContext, build_agenda, member_with_role, running_date, summoned};
use crate::model::{
    Attendance, AttendanceStatus, Meeting, MeetingRef, MeetingStatus, PersonId, Role,
};

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
    /// Møteleder.
    pub chair: Option<PersonId>,
    /// Referent.
    pub referent: Option<PersonId>,
    /// Innkalt, in order.
    pub summoned: Vec<PersonId>,
    /// Start with the body's standard items.
    pub standard_items: bool,
    /// For each postponed item of the previous meeting: carry it onto the new agenda.
    pub carry: Vec<bool>,
    /// Why the last attempt to create was refused.
    pub error: Option<String>,
    /// The (body, year) a draft was asked for.
    requested: Option<(String, i32)>,
    /// The (body, year) whose draft filled the form.
    applied: Option<(String, i32)>,
    /// Text typed to find another person to summon.
    summon_query: String,
}

impl NewMeetingForm {
    /// A form for the open meeting's body (or the first body), today's date and the coming
    /// proposals (next number, last place, members) once the database thread has them.
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
            chair: None,
            referent: None,
            summoned: Vec::new(),
            standard_items: true,
            carry: Vec::new(),
            error: None,
            requested: None,
            applied: None,
            summon_query: String::new(),
        };
        form.propose(core);
        form
    }

    /// Proposes the next number in the year and the last place used from the meeting list
    /// (the draft from the database refines this when it arrives).
    pub fn propose(&mut self, core: &Core) {
        let of_body = core.meetings.iter().filter(|m| m.body == self.body);
        self.number =
            crate::model::agenda::next_reference(of_body.clone().map(|m| m.reference), self.year)
                .number;
        if let Some(last) = of_body.max_by_key(|m| (m.date, m.reference)) {
            self.place.clone_from(&last.place);
        }
    }

    fn date(&self) -> Option<NaiveDate> {
        let t = self.date.trim();
        NaiveDate::parse_from_str(t, "%d.%m.%Y")
            .or_else(|_| NaiveDate::parse_from_str(t, "%Y-%m-%d"))
            .ok()
    }

    /// Fills the form from the database's proposal for its body and year.
    fn apply_draft(&mut self, draft: &NewMeetingDraft) {
        self.number = draft.reference.number;
        let date = self
            .date()
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        if let Some(prev) = &draft.previous {
            self.place.clone_from(&prev.place);
            let f = |t: NaiveTime| t.format("%H:%M").to_string();
            if let Some(s) = prev.start {
                self.start = f(s);
            }
            if let Some(e) = prev.end {
                self.end = f(e);
            }
        }
        let body = &draft.body;
        self.chair = member_with_role(body, date, Role::Chair)
            .or_else(|| draft.previous.as_ref().and_then(|p| p.chair.clone()));
        self.referent = draft
            .previous
            .as_ref()
            .and_then(|p| p.referent.clone())
            .or_else(|| member_with_role(body, date, Role::Secretary));
        self.summoned = summoned(body, date).into_iter().map(|a| a.person).collect();
        self.carry = draft
            .previous
            .as_ref()
            .map(|p| vec![true; p.postponed.len()])
            .unwrap_or_default();
    }

    /// The meeting the form describes, or what is wrong with it.
    pub fn meeting(&self, lang: Lang) -> Result<Meeting, String> {
        let date = self.date().ok_or_else(|| {
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
                .map_err(|_| {
                    format!(
                        "{} «{t}» (TT:MM)",
                        lang.tr("Ugyldig klokkeslett:", "Invalid time:")
                    )
                })
        };
        if self.body.trim().is_empty() {
            return Err(lang.tr("Velg et organ.", "Choose a body.").into());
        }
        let start = time(&self.start)?;
        let end = time(&self.end)?;
        if let (Some(s), Some(e)) = (start, end)
            && e <= s
        {
            return Err(lang
                .tr(
                    "Sluttid må være etter starttid.",
                    "The end time must be after the start time.",
                )
                .into());
        }
        Ok(Meeting {
            reference: MeetingRef::new(self.year, self.number),
            date,
            start,
            end,
            place: self.place.trim().to_owned(),
            chair: self.chair.clone(),
            referent: self.referent.clone(),
            status: MeetingStatus::Planned,
            attendance: self
                .summoned
                .iter()
                .map(|p| Attendance::new(p.clone(), AttendanceStatus::Summoned))
                .collect(),
            ..Meeting::default()
        })
    }

    /// The meeting with its agenda: standard items (when chosen) around the carried-over
    /// postponed items.
    fn meeting_with_agenda(&self, lang: Lang, draft: &NewMeetingDraft) -> Result<Meeting, String> {
        let mut meeting = self.meeting(lang)?;
        let carried: Vec<_> = draft
            .previous
            .iter()
            .flat_map(|p| p.postponed.iter())
            .zip(self.carry.iter().chain(std::iter::repeat(&false)))
            .filter(|(_, keep)| **keep)
            .map(|(i, _)| i.clone())
            .collect();
        let template = if self.standard_items {
            draft.template.as_slice()
        } else {
            &[]
        };
        let ctx = AgendaContext {
            body: &self.body,
            chair: meeting.chair.as_ref(),
            referent: meeting.referent.as_ref(),
            previous_date: draft.previous.as_ref().map(|p| p.date),
        };
        meeting.items = build_agenda(template, &ctx, carried);
        Ok(meeting)
    }
}

fn role_label(lang: Lang, role: Role) -> &'static str {
    match role {
        Role::Chair => lang.tr("leder", "chair"),
        Role::DeputyChair => lang.tr("nestleder", "deputy chair"),
        Role::Member => lang.tr("medlem", "member"),
        Role::DeputyMember => lang.tr("varamedlem", "deputy member"),
        Role::Secretary => lang.tr("sekretær", "secretary"),
        Role::Observer => lang.tr("observatør", "observer"),
    }
}

fn person_name(draft: &NewMeetingDraft, id: &PersonId) -> String {
    draft
        .people
        .iter()
        .find(|p| &p.id == id)
        .map_or_else(|| id.to_string(), |p| p.name.clone())
}

fn person_combo(
    ui: &mut egui::Ui,
    salt: &str,
    label: egui::Id,
    lang: Lang,
    draft: &NewMeetingDraft,
    candidates: &[PersonId],
    value: &mut Option<PersonId>,
) {
    let shown = value.as_ref().map_or_else(
        || lang.tr("(ingen)", "(none)").to_owned(),
        |p| person_name(draft, p),
    );
    egui::ComboBox::from_id_salt(salt)
        .selected_text(shown)
        .width(260.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, lang.tr("(ingen)", "(none)"));
            for p in candidates {
                ui.selectable_value(value, Some(p.clone()), person_name(draft, p));
            }
        })
        .response
        .labelled_by(label);
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
    let wanted = (form.body.clone(), form.year);
    if !form.body.is_empty() && form.requested.as_ref() != Some(&wanted) {
        commands.push(Command::Agenda(AgendaCommand::PrepareNewMeeting {
            body: form.body.clone(),
            year: form.year,
        }));
        form.requested = Some(wanted.clone());
    }
    let draft = core
        .agenda
        .draft
        .as_ref()
        .filter(|d| d.body.name == form.body && d.reference.year == form.year);
    if let Some(d) = draft
        && form.applied.as_ref() != Some(&wanted)
    {
        form.apply_draft(d);
        form.applied = Some(wanted);
    }
    let mut close = false;
    let mut bodies: Vec<&str> = core.meetings.iter().map(|m| m.body.as_str()).collect();
    bodies.dedup();
    let modal = egui::Modal::new(egui::Id::unique("new_meeting")).show(ctx, |ui| {
        ui.set_max_width(620.0);
        ui.heading(lang.tr("Nytt møte", "New meeting"));
        egui::Grid::new("new_meeting_grid")
            .num_columns(2)
            .show(ui, |ui| {
                let l = ui.label(lang.tr("Organ", "Body")).id;
                let before = form.body.clone();
                egui::ComboBox::from_id_salt("new_meeting_body")
                    .selected_text(&form.body)
                    .show_ui(ui, |ui| {
                        for b in &bodies {
                            ui.selectable_value(&mut form.body, (*b).to_owned(), *b);
                        }
                    })
                    .response
                    .labelled_by(l);
                if before != form.body {
                    form.propose(core);
                }
                ui.end_row();
                ui.label(lang.tr("Møte", "Meeting"));
                ui.horizontal(|ui| {
                    let year = ui
                        .add(egui::DragValue::new(&mut form.year).range(2000..=2100))
                        .accessible_name(lang.tr("År", "Year"));
                    ui.label("/ M");
                    ui.add(egui::DragValue::new(&mut form.number).range(1..=99))
                        .accessible_name(lang.tr("Møtenummer", "Meeting number"));
                    if year.changed() {
                        form.propose(core);
                    }
                    if let Some(prev) = draft.and_then(|d| d.previous.as_ref()) {
                        ui.label(
                            egui::RichText::new(format!(
                                "{} {} ({})",
                                lang.tr("forrige:", "previous:"),
                                prev.reference,
                                running_date(prev.date)
                            ))
                            .weak(),
                        );
                    }
                });
                ui.end_row();
                let l = ui.label(lang.tr("Dato", "Date")).id;
                let date = ui
                    .add(egui::TextEdit::singleline(&mut form.date).desired_width(120.0))
                    .labelled_by(l);
                // The meeting's year follows its date (the number is proposed for that year).
                if date.changed()
                    && let Some(d) = form.date()
                    && d.year() != form.year
                    && (2000..=2100).contains(&d.year())
                {
                    form.year = d.year();
                    form.propose(core);
                }
                ui.end_row();
                let l = ui.label(lang.tr("Fra kl.", "From")).id;
                ui.add(egui::TextEdit::singleline(&mut form.start).desired_width(60.0))
                    .labelled_by(l);
                ui.end_row();
                let l = ui.label(lang.tr("Til kl.", "To")).id;
                ui.add(egui::TextEdit::singleline(&mut form.end).desired_width(60.0))
                    .labelled_by(l);
                ui.end_row();
                let l = ui.label(lang.tr("Sted", "Place")).id;
                ui.add(egui::TextEdit::singleline(&mut form.place).desired_width(360.0))
                    .labelled_by(l);
                ui.end_row();
                if let Some(d) = draft {
                    let date = form
                        .date()
                        .unwrap_or_else(|| chrono::Local::now().date_naive());
                    let mut members: Vec<PersonId> = Vec::new();
                    for m in d.body.members_on(date) {
                        if !members.contains(&m.person) {
                            members.push(m.person.clone());
                        }
                    }
                    let l = ui.label(lang.tr("Møteleder", "Chair")).id;
                    person_combo(
                        ui,
                        "new_meeting_chair",
                        l,
                        lang,
                        d,
                        &members,
                        &mut form.chair,
                    );
                    ui.end_row();
                    let l = ui.label(lang.tr("Referent", "Referent")).id;
                    person_combo(
                        ui,
                        "new_meeting_referent",
                        l,
                        lang,
                        d,
                        &members,
                        &mut form.referent,
                    );
                    ui.end_row();
                }
            });
        let Some(d) = draft else {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(lang.tr("Henter forslag …", "Fetching proposals …"));
            });
            if ui.button(lang.tr("Avbryt", "Cancel")).clicked() {
                close = true;
            }
            return;
        };
        ui.separator();
        summoned_ui(ui, lang, form, d);
        ui.separator();
        ui.checkbox(
            &mut form.standard_items,
            lang.tr("Start med standardsakene", "Start with the standard items"),
        );
        if form.standard_items {
            ui.label(
                egui::RichText::new(
                    d.template
                        .iter()
                        .map(|t| t.title.as_str())
                        .collect::<Vec<_>>()
                        .join(" · "),
                )
                .weak(),
            );
        }
        if let Some(prev) = &d.previous
            && !prev.postponed.is_empty()
        {
            ui.label(
                egui::RichText::new(format!(
                    "{} {}",
                    lang.tr("Utsatte saker fra", "Postponed items from"),
                    prev.reference
                ))
                .strong(),
            );
            form.carry.resize(prev.postponed.len(), true);
            for (item, keep) in prev.postponed.iter().zip(form.carry.iter_mut()) {
                let from = item
                    .postponed_from
                    .map(|c| c.to_string())
                    .unwrap_or_default();
                ui.checkbox(
                    keep,
                    format!(
                        "{} ({} {from})",
                        item.title,
                        lang.tr("utsatt fra", "postponed from")
                    ),
                );
            }
        }
        if let Some(e) = &form.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        ui.horizontal(|ui| {
            if ui.button(lang.tr("Opprett", "Create")).clicked() {
                match form.meeting_with_agenda(lang, d) {
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

/// The summoned list: the body's members on the date (ticked as proposed), others who were
/// added, and a search to add anyone else.
fn summoned_ui(ui: &mut egui::Ui, lang: Lang, form: &mut NewMeetingForm, d: &NewMeetingDraft) {
    ui.label(egui::RichText::new(lang.tr("Innkalt", "Summoned")).strong());
    let date = form
        .date()
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let mut candidates: Vec<(PersonId, String)> = Vec::new();
    for m in d.body.members_on(date) {
        if !candidates.iter().any(|(p, _)| p == &m.person) {
            let role = role_label(lang, m.role);
            candidates.push((m.person.clone(), role.to_owned()));
        }
    }
    for p in &form.summoned {
        if !candidates.iter().any(|(c, _)| c == p) {
            candidates.push((p.clone(), String::new()));
        }
    }
    egui::ScrollArea::vertical()
        .id_salt("new_meeting_summoned")
        .max_height(170.0)
        .show(ui, |ui| {
            egui::Grid::new("new_meeting_summoned_grid")
                .num_columns(2)
                .show(ui, |ui| {
                    for (p, role) in &candidates {
                        let mut on = form.summoned.contains(p);
                        if ui.checkbox(&mut on, person_name(d, p)).changed() {
                            if on {
                                form.summoned.push(p.clone());
                            } else {
                                form.summoned.retain(|x| x != p);
                            }
                        }
                        ui.label(egui::RichText::new(role).weak());
                        ui.end_row();
                    }
                });
        });
    ui.horizontal(|ui| {
        ui.label(lang.tr("Innkall også:", "Also summon:"));
        ui.add(
            egui::TextEdit::singleline(&mut form.summon_query)
                .hint_text(lang.tr(
                    "skriv noen bokstaver i navnet",
                    "type a few letters of the name",
                ))
                .desired_width(220.0),
        )
        .accessible_name(lang.tr("Innkall også", "Also summon"));
    });
    let query = form.summon_query.trim().to_lowercase();
    if query.chars().count() >= 2 {
        let matches: Vec<_> = d
            .people
            .iter()
            .filter(|p| p.name.to_lowercase().contains(&query) && !form.summoned.contains(&p.id))
            .take(8)
            .collect();
        ui.horizontal_wrapped(|ui| {
            for p in matches {
                if ui.button(format!("+ {}", p.name)).clicked() {
                    form.summoned.push(p.id.clone());
                    form.summon_query.clear();
                }
            }
        });
    }
}
