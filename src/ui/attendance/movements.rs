//! Late arrivals and early departures: the times and items of the person in focus.

use chrono::NaiveTime;
use egui::RichText;

use crate::app::Command;
use crate::model::{Attendance, AttendanceEdit, AttendanceStatus, Edit};
use crate::ui::labels::attendance_label;
use crate::ui::widgets::PaneCtx;

use super::list::set_status;
use super::pickers::{Named, Picked, item_combo, person_combo};
use super::roles::deputy_choices;
use super::{now_minute, parse_time, time_text};

/// A person's arrival at an item or departure after one.
#[derive(Clone, Copy)]
pub(super) enum Movement {
    Arrival,
    Departure,
}

/// One row of the person's details: the item and the time of an arrival or a departure, with
/// a "now" button. The time is stored when its field loses focus or the item is chosen.
pub(super) fn movement_ui(
    ui: &mut egui::Ui,
    ctx: &mut PaneCtx<'_>,
    row: &Attendance,
    movement: Movement,
) {
    let lang = ctx.lang;
    let record = &ctx.open.record;
    let (label, combo_id, none, time_name, item_now, time_now) = match movement {
        Movement::Arrival => (
            lang.tr("Kom til sak", "Arrived at item"),
            "attendance_arrived_item",
            lang.tr("(fra møtestart)", "(from the start)"),
            lang.tr("Kom klokken", "Arrival time"),
            row.arrived_item,
            row.arrived,
        ),
        Movement::Departure => (
            lang.tr("Gikk etter sak", "Left after item"),
            "attendance_left_item",
            lang.tr("(til møteslutt)", "(to the end)"),
            lang.tr("Gikk klokken", "Departure time"),
            row.left_after_item,
            row.left,
        ),
    };
    let edit = |item: Option<u32>, time: Option<NaiveTime>| {
        let person = row.person.clone();
        Command::Edit(Edit::Attendance(match movement {
            Movement::Arrival => AttendanceEdit::Arrival { person, item, time },
            Movement::Departure => AttendanceEdit::Departure { person, item, time },
        }))
    };
    let label = ui.label(label);
    ui.horizontal(|ui| {
        let st = &mut ctx.runtime.attendance;
        let chosen = item_combo(
            ui,
            combo_id,
            250.0,
            Named::By(label.id),
            record,
            item_now,
            none,
        );
        ui.label(lang.tr("kl.", "at"));
        let text = match movement {
            Movement::Arrival => &mut st.arrival_time,
            Movement::Departure => &mut st.departure_time,
        };
        let time = ui
            .add(
                egui::TextEdit::singleline(text)
                    .desired_width(56.0)
                    .hint_text("tt:mm"),
            )
            .accessible_name(time_name);
        if time.lost_focus() || chosen.is_some() {
            match parse_time(text) {
                Ok(t) => {
                    let item = chosen.map_or(item_now, Picked::into_option);
                    if item != item_now || t != time_now {
                        st.problem = None;
                        ctx.commands.push(edit(item, t));
                    }
                }
                Err(()) => {
                    st.problem = Some(format!(
                        "{} «{}» (tt:mm)",
                        lang.tr("Ugyldig klokkeslett:", "Invalid time:"),
                        text
                    ));
                }
            }
        }
        if ui
            .small_button(lang.tr("nå", "now"))
            .on_hover_text(lang.tr("Sett klokkeslettet nå", "Set the time to now"))
            .clicked()
        {
            *text = time_text(now_minute());
            ctx.commands.push(edit(item_now, now_minute()));
        }
    });
}

pub(super) fn person_details_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, editable: bool) {
    let lang = ctx.lang;
    let record = &ctx.open.record;
    let Some(row) = record.meeting.attendance.get(ctx.runtime.attendance.row) else {
        return;
    };
    let st = &mut ctx.runtime.attendance;
    let source = (row.person.clone(), row.arrived, row.left);
    if st.times_for.as_ref() != Some(&source) {
        st.times_for = Some(source);
        st.arrival_time = time_text(row.arrived);
        st.departure_time = time_text(row.left);
    }
    let person = row.person.clone();
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(
            RichText::new(format!(
                "{} {} · {}",
                lang.tr("Valgt:", "Selected:"),
                record.name_of(&person),
                attendance_label(lang, row.status)
            ))
            .strong(),
        );
        ui.add_enabled_ui(editable, |ui| {
            egui::Grid::new("attendance_person")
                .num_columns(2)
                .spacing([8.0, 6.0])
                .show(ui, |ui| {
                    let label = ui.label(lang.tr("Møter som vara for", "Deputy for"));
                    let mut choices = deputy_choices(record, &person);
                    if let Some(m) = &row.deputy_for
                        && !choices.contains(m)
                    {
                        choices.insert(0, m.clone());
                    }
                    match person_combo(
                        ui,
                        "attendance_deputy_for",
                        Named::By(label.id),
                        lang,
                        record,
                        row.deputy_for.as_ref(),
                        &choices,
                    ) {
                        Some(Picked::Value(m)) => {
                            ctx.commands.push(Command::Edit(Edit::SetAttendance {
                                person: person.clone(),
                                status: AttendanceStatus::Deputy,
                                deputy_for: Some(m),
                            }));
                        }
                        // No longer a deputy: present in their own right.
                        Some(Picked::Nothing) => {
                            set_status(ctx, &person, AttendanceStatus::Present);
                        }
                        None => {}
                    }
                    ui.end_row();

                    movement_ui(ui, ctx, row, Movement::Arrival);
                    ui.end_row();
                    movement_ui(ui, ctx, row, Movement::Departure);
                    ui.end_row();
                });
            ui.horizontal(|ui| {
                if ui
                    .button(lang.tr("Fjern fra innkallingslisten", "Remove from the list"))
                    .clicked()
                {
                    ctx.commands.push(Command::Edit(Edit::RemoveAttendance {
                        person: person.clone(),
                    }));
                }
            });
        });
        if let Some(p) = &ctx.runtime.attendance.problem {
            ui.colored_label(ui.visuals().error_fg_color, p);
        }
    });
}

// ---------------------------------------------------------------------------------------------
// Filling the list.
