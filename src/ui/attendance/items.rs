//! The item in focus: who was in the room, and disqualifications (inhabilitet).

use egui::RichText;

use crate::app::Command;
use crate::model::{AttendanceEdit, AttendanceStatus, Edit, PersonId, is_disqualified, presence};
use crate::ui::widgets::PaneCtx;

use super::focus_item;
use super::pickers::{Named, Picked, item_combo, name_it};
use super::quorum::{quorum_badge_ui, quorum_overview_ui, quorum_rule_ui};

pub(super) fn item_panel_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, editable: bool) {
    let lang = ctx.lang;
    ui.heading(lang.tr("Til stede i saken", "Present for the item"));
    let Some(item_no) = focus_item(ctx) else {
        ui.label(lang.tr(
            "Møtet har ingen saker ennå.",
            "The meeting has no items yet.",
        ));
        return;
    };
    let record = &ctx.open.record;
    let items = &record.meeting.items;
    let pos = items.iter().position(|i| i.number == item_no).unwrap_or(0);

    // Item picker, shared with the other panes.
    ui.horizontal(|ui| {
        if ui
            .add_enabled(pos > 0, egui::Button::new("◀"))
            .on_hover_text(lang.tr("Forrige sak", "Previous item"))
            .clicked()
        {
            ctx.runtime.selected_item = Some(items[pos - 1].number);
        }
        if ui
            .add_enabled(pos + 1 < items.len(), egui::Button::new("▶"))
            .on_hover_text(lang.tr("Neste sak", "Next item"))
            .clicked()
        {
            ctx.runtime.selected_item = Some(items[pos + 1].number);
        }
        let named = Named::Name(lang.tr("Sak i fokus", "Item in focus"));
        let width = ui.available_width();
        if let Some(Picked::Value(n)) = item_combo(
            ui,
            "attendance_item",
            width,
            named,
            record,
            Some(item_no),
            "—",
        ) {
            ctx.runtime.selected_item = Some(n);
        }
    });
    quorum_badge_ui(ui, lang, record, item_no);
    quorum_rule_ui(ui, ctx, editable);

    let record = &ctx.open.record;
    let rule = record.body.quorum;
    let p = presence(record, rule, item_no);
    ui.label(
        RichText::new(format!(
            "{} {} {} {} · {} {}",
            p.counted.len(),
            lang.tr("av", "of"),
            p.members.len(),
            lang.tr("medlemmer teller", "members count"),
            lang.tr("krever", "needs"),
            p.required
        ))
        .weak(),
    );
    ui.add_space(4.0);
    if p.present.is_empty() {
        ui.label(RichText::new(lang.tr("Ingen til stede.", "Nobody present.")).weak());
    }
    for person in &p.present {
        let row = record
            .meeting
            .attendance
            .iter()
            .find(|a| &a.person == person);
        let mut line = record.name_of(person);
        if let Some(m) = row
            .filter(|r| r.status == AttendanceStatus::Deputy)
            .and_then(|r| r.deputy_for.as_ref())
        {
            line = format!(
                "{line} ({} {})",
                lang.tr("vara for", "deputy for"),
                record.name_of(m)
            );
        } else if !p.counted.contains(person) {
            line = format!("{line} ({})", lang.tr("ikke medlem", "not a member"));
        }
        ui.label(format!("• {line}"));
    }

    ui.add_space(6.0);
    disqualification_ui(ui, ctx, item_no, editable);
    ui.add_space(6.0);
    quorum_overview_ui(ui, ctx);
}

pub(super) fn disqualification_ui(
    ui: &mut egui::Ui,
    ctx: &mut PaneCtx<'_>,
    item_no: u32,
    editable: bool,
) {
    let lang = ctx.lang;
    let record = &ctx.open.record;
    ui.label(RichText::new(lang.tr("Inhabile i saken", "Disqualified for the item")).strong());
    let here: Vec<_> = record
        .meeting
        .disqualifications
        .iter()
        .filter(|d| d.item == item_no)
        .collect();
    if here.is_empty() {
        ui.label(RichText::new(lang.tr("Ingen.", "None.")).weak());
    }
    for d in here {
        ui.horizontal(|ui| {
            ui.label(format!("{} — {}", record.name_of(&d.person), d.reason));
            if editable
                && ui
                    .small_button("✖")
                    .on_hover_text(lang.tr("Fjern inhabiliteten", "Remove the disqualification"))
                    .clicked()
            {
                ctx.commands
                    .push(Command::Edit(Edit::Attendance(AttendanceEdit::Requalify {
                        person: d.person.clone(),
                        item: item_no,
                    })));
            }
        });
    }
    if !editable {
        return;
    }
    // Who can be disqualified: whoever is on the list as present or deputy, not already.
    let candidates: Vec<PersonId> = record
        .meeting
        .attendance
        .iter()
        .filter(|a| {
            matches!(
                a.status,
                AttendanceStatus::Present | AttendanceStatus::Deputy
            )
        })
        .map(|a| a.person.clone())
        .filter(|p| !is_disqualified(&record.meeting, p, item_no))
        .collect();
    let st = &mut ctx.runtime.attendance;
    if st
        .disq_person
        .as_ref()
        .is_some_and(|p| !candidates.contains(p))
    {
        st.disq_person = None;
    }
    ui.horizontal_wrapped(|ui| {
        let none = lang.tr("(velg person)", "(choose person)");
        let combo = egui::ComboBox::from_id_salt("attendance_disq_person")
            .width(170.0)
            .truncate()
            .selected_text(
                st.disq_person
                    .as_ref()
                    .map_or_else(|| none.to_owned(), |p| record.name_of(p)),
            )
            .show_ui(ui, |ui| {
                for p in &candidates {
                    ui.selectable_value(&mut st.disq_person, Some(p.clone()), record.name_of(p));
                }
            });
        name_it(
            combo.response,
            Named::Name(lang.tr("Inhabil person", "Disqualified person")),
        );
        let label = ui.label(lang.tr("Grunn", "Reason"));
        ui.add(
            egui::TextEdit::singleline(&mut st.disq_reason)
                .desired_width(130.0)
                .hint_text(lang.tr("f.eks. fvl. § 6", "e.g. fvl. § 6")),
        )
        .labelled_by(label.id);
        let ready = st.disq_person.is_some() && !st.disq_reason.trim().is_empty();
        if ui
            .add_enabled(ready, egui::Button::new(lang.tr("Inhabil", "Disqualify")))
            .on_hover_text(lang.tr(
                "Personen fratrer under behandlingen av denne saken",
                "The person leaves the room while this item is handled",
            ))
            .clicked()
            && let Some(person) = st.disq_person.take()
        {
            ctx.commands.push(Command::Edit(Edit::Attendance(
                AttendanceEdit::Disqualify {
                    person,
                    item: item_no,
                    reason: std::mem::take(&mut st.disq_reason),
                },
            )));
        }
    });
}
