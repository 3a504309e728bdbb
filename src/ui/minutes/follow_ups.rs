//! The follow-ups of the item in focus: task, responsible person, deadline.

use std::fmt::Write as _;

use egui::RichText;

use crate::i18n::Lang;
use crate::model::{Deadline, Edit, FollowUp, Item, ItemText, MeetingRecord, PersonId};
use crate::ui::widgets::PaneCtx;

use super::fields::{Field, field_id, push_edit, take_focus};

// ---------------------------------------------------------------------------------------------
// Deltok

/// A follow-up as one line: task, who, by when.
#[must_use]
pub fn follow_up_line(lang: Lang, record: &MeetingRecord, f: &FollowUp) -> String {
    let mut line = f.task.clone();
    if let Some(p) = &f.responsible {
        let _ = write!(
            line,
            " · {} {}",
            lang.tr("ansvarlig:", "responsible:"),
            record.name_of(p)
        );
    }
    if let Some(d) = &f.deadline {
        let _ = write!(line, " · {} {}", lang.tr("frist:", "due:"), d.display());
    }
    if let Some(done) = f.done {
        let _ = write!(
            line,
            " · {} {}",
            lang.tr("utført", "done"),
            done.format("%d.%m.%Y")
        );
    }
    line
}

/// Adds an empty follow-up to `item` and focuses its task.
pub(super) fn add_follow_up(ctx: &mut PaneCtx<'_>, item: &Item) {
    let mut list = item.follow_ups.clone();
    list.push(FollowUp::default());
    ctx.runtime.minutes.focus = Some(Field::FollowUpTask(list.len() - 1));
    push_edit(
        ctx,
        Edit::SetFollowUps {
            item: item.number,
            follow_ups: list,
        },
    );
}

/// Oppfølging: task, who is responsible, deadline, done; add and remove.
pub(super) fn follow_ups_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, item: &Item) {
    let lang = ctx.lang;
    let editable = ctx.editable();
    let open = ctx.open;
    let record = &open.record;
    ui.label(RichText::new(lang.tr("Oppfølging", "Follow-ups")).strong());
    let mut replace: Option<Vec<FollowUp>> = None;
    for (k, f) in item.follow_ups.iter().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                let task_label = ui.label(lang.tr("Oppgave", "Task"));
                let id = field_id(Field::FollowUpTask(k), item.number);
                let mut task = f.task.clone();
                take_focus(ui, ctx, Field::FollowUpTask(k), item);
                let r = ui
                    .add_enabled(
                        editable,
                        egui::TextEdit::singleline(&mut task)
                            .id(id)
                            .desired_width(ui.available_width())
                            .hint_text(lang.tr("Hva skal gjøres", "What is to be done")),
                    )
                    .labelled_by(task_label.id);
                if r.changed() {
                    push_edit(
                        ctx,
                        Edit::SetItemText {
                            item: item.number,
                            field: ItemText::FollowUpTask(k),
                            text: task,
                        },
                    );
                }
            });
            ui.horizontal_wrapped(|ui| {
                let who_label = ui.label(lang.tr("Ansvarlig", "Responsible"));
                let shown = f.responsible.as_ref().map_or_else(
                    || lang.tr("(ingen)", "(nobody)").to_owned(),
                    |p| record.name_of(p),
                );
                let mut chosen: Option<Option<PersonId>> = None;
                let combo = egui::ComboBox::from_id_salt(("minutes_follow_up_who", item.number, k))
                    .selected_text(shown)
                    .width(170.0)
                    .show_ui(ui, |ui| {
                        if ui
                            .selectable_label(
                                f.responsible.is_none(),
                                lang.tr("(ingen)", "(nobody)"),
                            )
                            .clicked()
                        {
                            chosen = Some(None);
                        }
                        for p in &record.people {
                            if ui
                                .selectable_label(f.responsible.as_ref() == Some(&p.id), &p.name)
                                .clicked()
                            {
                                chosen = Some(Some(p.id.clone()));
                            }
                        }
                    });
                let _ = combo.response.labelled_by(who_label.id);
                let due_label = ui.label(lang.tr("Frist", "Due"));
                let mut due = f
                    .deadline
                    .as_ref()
                    .map(Deadline::display)
                    .unwrap_or_default();
                let r = ui
                    .add_enabled(
                        editable,
                        egui::TextEdit::singleline(&mut due)
                            .id(egui::Id::unique(("minutes_follow_up_due", item.number, k)))
                            .desired_width(170.0)
                            .hint_text(lang.tr("dd.mm.åååå eller tekst", "dd.mm.yyyy or text")),
                    )
                    .labelled_by(due_label.id);
                if r.changed() {
                    push_edit(
                        ctx,
                        Edit::SetItemText {
                            item: item.number,
                            field: ItemText::FollowUpDeadline(k),
                            text: due,
                        },
                    );
                }
                let mut done = f.done.is_some();
                if ui
                    .add_enabled(
                        editable,
                        egui::Checkbox::new(&mut done, lang.tr("Utført", "Done")),
                    )
                    .changed()
                {
                    let mut list = item.follow_ups.clone();
                    list[k].done = done.then(|| chrono::Local::now().date_naive());
                    replace = Some(list);
                }
                if ui
                    .add_enabled(editable, egui::Button::new("✖").small())
                    .on_hover_text(lang.tr("Fjern oppfølgingen", "Remove the follow-up"))
                    .clicked()
                {
                    let mut list = item.follow_ups.clone();
                    list.remove(k);
                    replace = Some(list);
                }
                if let Some(who) = chosen
                    && editable
                {
                    let mut list = item.follow_ups.clone();
                    list[k].responsible = who;
                    replace = Some(list);
                }
            });
        });
    }
    if ui
        .add_enabled(
            editable,
            egui::Button::new(lang.tr("+ Ny oppfølging (Alt+O)", "+ New follow-up (Alt+O)")),
        )
        .clicked()
    {
        add_follow_up(ctx, item);
    }
    if let Some(list) = replace {
        push_edit(
            ctx,
            Edit::SetFollowUps {
                item: item.number,
                follow_ups: list,
            },
        );
    }
}
