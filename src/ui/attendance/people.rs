//! Adding people to the summoned list: known people and new names.

use egui::Key;

use crate::app::Command;
use crate::app::attendance::AttendanceCommand;
use crate::model::{AttendanceEdit, Edit, PersonId};
use crate::ui::widgets::PaneCtx;

use super::pickers::{Named, name_it};

pub(super) fn add_people_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, editable: bool) {
    let lang = ctx.lang;
    let record = &ctx.open.record;
    let on_list = |p: &PersonId| record.meeting.attendance.iter().any(|a| &a.person == p);
    // Everyone who held a seat on the date, but not deputy members (they are called in).
    let mut missing_members: Vec<PersonId> = Vec::new();
    for m in record.body.members_on(record.meeting.date) {
        if m.role != crate::model::Role::DeputyMember
            && !on_list(&m.person)
            && !missing_members.contains(&m.person)
        {
            missing_members.push(m.person.clone());
        }
    }
    let known: Vec<PersonId> = record
        .people
        .iter()
        .map(|p| p.id.clone())
        .filter(|p| !on_list(p))
        .collect();
    ui.add_enabled_ui(editable, |ui| {
        egui::CollapsingHeader::new(lang.tr("Legg til innkalte", "Add to the list"))
            .id_salt("attendance_add")
            .default_open(record.meeting.attendance.is_empty())
            .show(ui, |ui| {
                let fill = ui.add_enabled(
                    !missing_members.is_empty(),
                    egui::Button::new(format!(
                        "{} ({})",
                        lang.tr("Fyll inn organets medlemmer", "Fill in the body's members"),
                        missing_members.len()
                    )),
                );
                if fill.clicked() {
                    ctx.commands
                        .push(Command::Edit(Edit::Attendance(AttendanceEdit::Summon {
                            people: missing_members.clone(),
                        })));
                }
                let st = &mut ctx.runtime.attendance;
                ui.horizontal(|ui| {
                    let label = ui.label(lang.tr("Kjent person", "Known person"));
                    let none = lang.tr("(velg)", "(choose)");
                    let combo = egui::ComboBox::from_id_salt("attendance_known")
                        .width(220.0)
                        .truncate()
                        .selected_text(
                            st.known_pick
                                .as_ref()
                                .map_or_else(|| none.to_owned(), |p| record.name_of(p)),
                        )
                        .show_ui(ui, |ui| {
                            for p in &known {
                                ui.selectable_value(
                                    &mut st.known_pick,
                                    Some(p.clone()),
                                    record.name_of(p),
                                );
                            }
                        });
                    name_it(combo.response, Named::By(label.id));
                    if ui
                        .add_enabled(
                            st.known_pick.is_some(),
                            egui::Button::new(lang.tr("Kall inn", "Summon")),
                        )
                        .clicked()
                        && let Some(p) = st.known_pick.take()
                    {
                        ctx.commands.push(Command::Edit(Edit::Attendance(
                            AttendanceEdit::Summon { people: vec![p] },
                        )));
                    }
                });
                ui.horizontal(|ui| {
                    let label = ui.label(lang.tr("Ny person", "New person"));
                    let field = ui
                        .add(
                            egui::TextEdit::singleline(&mut st.new_name)
                                .desired_width(220.0)
                                .hint_text(lang.tr("Etternavn, Fornavn", "Surname, Given name")),
                        )
                        .labelled_by(label.id);
                    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                    let name = st.new_name.trim().to_owned();
                    let add = ui.add_enabled(
                        !name.is_empty(),
                        egui::Button::new(lang.tr("Legg til og kall inn", "Add and summon")),
                    );
                    if (add.clicked() || enter) && !name.is_empty() {
                        // Someone already known by exactly this name is summoned, not duplicated.
                        if let Some(p) = record.people.iter().find(|p| p.name == name) {
                            ctx.commands.push(Command::Edit(Edit::Attendance(
                                AttendanceEdit::Summon {
                                    people: vec![p.id.clone()],
                                },
                            )));
                        } else {
                            ctx.commands.push(Command::Attendance(
                                AttendanceCommand::SummonNewPerson {
                                    name,
                                    organization: None,
                                },
                            ));
                        }
                        st.new_name.clear();
                    }
                });
            });
    });
}

// ---------------------------------------------------------------------------------------------
// The item in focus: who is in the room, quorum, disqualifications.
