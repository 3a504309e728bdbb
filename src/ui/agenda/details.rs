//! The meeting's details at the top of the Saksliste pane: body, date, times, place, and the
//! notice state.

use chrono::{NaiveDate, NaiveTime};

use crate::app::agenda::MeetingContext;
use crate::i18n::Lang;
use crate::model::agenda::{item_change, removed_after_notice};
use crate::model::{Edit, MeetingRecord, MeetingStatus};
use crate::ui::widgets::{PaneCtx, date_no, field_row, time_span};

use super::Out;

pub(super) fn header_ui(
    ui: &mut egui::Ui,
    ctx: &mut PaneCtx<'_>,
    context: Option<&MeetingContext>,
    out: &mut Out,
) {
    let lang = ctx.lang;
    let editable = ctx.editable();
    let record = &ctx.open.record;
    let m = &record.meeting;
    ui.horizontal(|ui| {
        ui.heading(format!("{} · {}", record.body.name, m.reference));
        ui.label(egui::RichText::new(crate::ui::status_label(lang, m.status)).weak());
        if m.status.is_locked() {
            ui.label(lang.tr("Låst", "Locked"));
        }
        if m.status == MeetingStatus::Planned {
            if ui
                .add_enabled(
                    editable && !m.items.is_empty(),
                    egui::Button::new(lang.tr("Send innkalling …", "Send notice …")),
                )
                .on_hover_text(lang.tr(
                    "Saksnumrene låses når innkallingen er sendt",
                    "Case numbers are frozen once the notice is sent",
                ))
                .clicked()
            {
                ctx.runtime.agenda.confirm_send = true;
            }
        } else if let Some(b) = context.and_then(|c| c.baseline.as_ref()) {
            let changed = m
                .items
                .iter()
                .filter(|i| item_change(b, i).is_some())
                .count()
                + removed_after_notice(b, m).len();
            if changed > 0 {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!(
                        "{changed} {}",
                        lang.tr(
                            "endring(er) etter innkallingen",
                            "change(s) after the notice"
                        )
                    ),
                );
            }
        }
    });
    egui::CollapsingHeader::new(format!(
        "{}  ·  {}  ·  {}",
        date_no(m.date),
        time_span(m.start, m.end),
        m.place
    ))
    .id_salt("agenda_meeting_details")
    .default_open(false)
    .show(ui, |ui| {
        ui.add_enabled_ui(editable, |ui| details_ui(ui, lang, record, out));
    });
}

/// A text field for a value that must parse (date, time): pushes a value each time the typed
/// text parses; shows the stored value whenever the field is not being edited.
pub(super) fn parsed_field<T>(
    ui: &mut egui::Ui,
    salt: &str,
    label: egui::Id,
    shown: String,
    width: f32,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    let id = ui.make_persistent_id(salt);
    let mut buf = ui.data(|d| d.get_temp::<String>(id)).unwrap_or(shown);
    let resp = ui
        .add(
            egui::TextEdit::singleline(&mut buf)
                .id(id.with("edit"))
                .desired_width(width),
        )
        .labelled_by(label);
    let value = if resp.changed() { parse(&buf) } else { None };
    if resp.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, buf));
    } else {
        ui.data_mut(|d| d.remove::<String>(id));
    }
    value
}

pub(super) fn details_ui(ui: &mut egui::Ui, lang: Lang, record: &MeetingRecord, out: &mut Out) {
    let m = &record.meeting;
    let time = |t: &str| -> Option<Option<NaiveTime>> {
        if t.trim().is_empty() {
            Some(None)
        } else {
            NaiveTime::parse_from_str(t.trim(), "%H:%M").ok().map(Some)
        }
    };
    let f = |t: Option<NaiveTime>| t.map(|t| t.format("%H:%M").to_string()).unwrap_or_default();
    egui::Grid::new("agenda_details_grid")
        .num_columns(2)
        .show(ui, |ui| {
            let l = ui.label(lang.tr("Dato", "Date")).id;
            if let Some(d) = parsed_field(ui, "agenda_date", l, date_no(m.date), 100.0, |t| {
                NaiveDate::parse_from_str(t.trim(), "%d.%m.%Y").ok()
            }) && d != m.date
            {
                out.edits.push(Edit::SetDate(d));
            }
            ui.end_row();
            let l = ui.label(lang.tr("Fra kl.", "From")).id;
            if let Some(t) = parsed_field(ui, "agenda_start", l, f(m.start), 60.0, time)
                && t != m.start
            {
                out.edits.push(Edit::SetStart(t));
            }
            ui.end_row();
            let l = ui.label(lang.tr("Til kl.", "To")).id;
            if let Some(t) = parsed_field(ui, "agenda_end", l, f(m.end), 60.0, time)
                && t != m.end
            {
                out.edits.push(Edit::SetEnd(t));
            }
            ui.end_row();
            let l = ui.label(lang.tr("Sted", "Place")).id;
            let mut place = m.place.clone();
            if ui
                .add(egui::TextEdit::singleline(&mut place).desired_width(360.0))
                .labelled_by(l)
                .changed()
            {
                out.edits.push(Edit::SetPlace(place));
            }
            ui.end_row();
            for (label, salt, value, is_chair) in [
                (
                    lang.tr("Møteleder", "Chair"),
                    "agenda_chair",
                    &m.chair,
                    true,
                ),
                (
                    lang.tr("Referent", "Referent"),
                    "agenda_referent",
                    &m.referent,
                    false,
                ),
            ] {
                let l = ui.label(label).id;
                let mut v = value.clone();
                egui::ComboBox::from_id_salt(salt)
                    .selected_text(v.as_ref().map_or_else(String::new, |p| record.name_of(p)))
                    .width(260.0)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut v, None, lang.tr("(ingen)", "(none)"));
                        for p in &record.people {
                            ui.selectable_value(&mut v, Some(p.id.clone()), &p.name);
                        }
                    })
                    .response
                    .labelled_by(l);
                if &v != value {
                    out.edits.push(if is_chair {
                        Edit::SetChair(v)
                    } else {
                        Edit::SetReferent(v)
                    });
                }
                ui.end_row();
            }
            field_row(
                ui,
                lang.tr("Innkalt", "Summoned"),
                &format!(
                    "{} {}",
                    m.attendance.len(),
                    lang.tr(
                        "personer (endres i Oppmøte)",
                        "people (change them in Attendance)"
                    )
                ),
            );
        });
}
