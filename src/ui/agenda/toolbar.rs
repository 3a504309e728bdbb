//! The Saksliste toolbar (new item, standard items, PDFs, send the notice) and its dialogs.

use std::path::PathBuf;

use chrono::NaiveTime;

use crate::app::Command;
use crate::app::agenda::AgendaCommand;
use crate::model::agenda::{ItemTemplate, TimePlan, case_insert_position};
use crate::model::{Item, ItemKind, MeetingRecord, MeetingStatus};
use crate::ui::widgets::PaneCtx;

use super::{AgendaData, Out};

pub(super) fn toolbar_ui(
    ui: &mut egui::Ui,
    ctx: &mut PaneCtx<'_>,
    data: AgendaData<'_>,
    plan: &TimePlan,
    out: &mut Out,
) {
    let lang = ctx.lang;
    let editable = ctx.editable();
    let meeting = &ctx.open.record.meeting;
    let context = data.state.context_for(ctx.open.id);
    let built_in;
    let template: &[ItemTemplate] = if let Some(c) = context {
        &c.template
    } else {
        built_in = crate::model::agenda::default_template();
        &built_in
    };
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(
                editable,
                egui::Button::new(lang.tr("+ Ny sak", "+ New item")),
            )
            .on_hover_text(lang.tr(
                "Ny sak før de faste sakene til slutt; Ctrl+Enter: etter den valgte",
                "New item before the closing standard items; Ctrl+Enter: after the selected one",
            ))
            .clicked()
        {
            let at = if meeting.status == MeetingStatus::Planned {
                case_insert_position(&meeting.items, template)
            } else {
                meeting.items.len()
            };
            out.insert(
                at,
                Item::new(0, lang.tr("Ny sak", "New item"), ItemKind::Decision),
            );
            ctx.runtime.agenda.focus_new_title = Some(meeting.items.len());
        }
        if let Some((from, postponed)) = context.and_then(|c| c.previous.as_ref()) {
            let offered: Vec<&Item> = postponed
                .iter()
                .filter(|c| {
                    !meeting
                        .items
                        .iter()
                        .any(|i| i.postponed_from.is_some() && i.postponed_from == c.postponed_from)
                })
                .collect();
            if !offered.is_empty() {
                ui.add_enabled_ui(editable, |ui| {
                    ui.menu_button(
                        format!(
                            "{} {from} ({})",
                            lang.tr("Utsatte saker fra", "Postponed items from"),
                            offered.len()
                        ),
                        |ui| {
                            for item in offered {
                                let from = item
                                    .postponed_from
                                    .map(|c| c.to_string())
                                    .unwrap_or_default();
                                if ui
                                    .button(format!(
                                        "{} {}  ({from})",
                                        lang.tr("Legg til", "Add"),
                                        item.title
                                    ))
                                    .clicked()
                                {
                                    let at = if meeting.status == MeetingStatus::Planned {
                                        case_insert_position(&meeting.items, template)
                                    } else {
                                        meeting.items.len()
                                    };
                                    out.insert(at, item.clone());
                                    ui.close();
                                }
                            }
                        },
                    );
                });
            }
        }
        ui.separator();
        if ui
            .button(lang.tr("Innkalling (PDF) …", "Notice (PDF) …"))
            .on_hover_text(lang.tr("Lag innkallingen som PDF", "Write the notice as PDF"))
            .clicked()
            && let Some(path) = pdf_dialog(&ctx.open.record, false)
        {
            out.commands
                .push(Command::Agenda(AgendaCommand::RenderNotice {
                    path,
                    public: false,
                }));
        }
        if ui
            .button(lang.tr("Offentlig innkalling (PDF) …", "Public notice (PDF) …"))
            .on_hover_text(lang.tr(
                "Saker unntatt offentlighet viser bare nummer, tittel og hjemmel",
                "Exempt items show only number, title and legal basis",
            ))
            .clicked()
            && let Some(path) = pdf_dialog(&ctx.open.record, true)
        {
            out.commands
                .push(Command::Agenda(AgendaCommand::RenderNotice {
                    path,
                    public: true,
                }));
        }
        if ui
            .add_enabled(
                !ctx.read_only,
                egui::Button::new(lang.tr("Standardsaker …", "Standard items …")),
            )
            .on_hover_text(lang.tr(
                "Rediger sakene hvert nytt møte i organet starter med",
                "Edit the items every new meeting of the body starts with",
            ))
            .clicked()
        {
            ctx.runtime.agenda.template = None;
            ctx.runtime.agenda.template_open = true;
            out.commands
                .push(Command::Agenda(AgendaCommand::LoadTemplate(
                    ctx.open.record.body.name.clone(),
                )));
        }
    });
    // The time plan.
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(lang.tr("Tidsplan:", "Time plan:")).strong());
        let f = |t: NaiveTime| t.format("%H:%M").to_string();
        if plan.total_minutes == 0 {
            ui.label(
                egui::RichText::new(lang.tr(
                    "ingen saker har planlagt tid ennå",
                    "no item has a planned time yet",
                ))
                .weak(),
            );
            return;
        }
        let mut text = format!("{} min", plan.total_minutes);
        if let (Some(s), Some(e)) = (meeting.start, plan.planned_end) {
            text = format!("{} – {} ({text})", f(s), f(e));
        }
        ui.label(text);
        if plan.unplanned > 0 {
            ui.label(
                egui::RichText::new(format!(
                    "· {} {}",
                    plan.unplanned,
                    lang.tr("sak(er) uten tid", "item(s) without time")
                ))
                .weak(),
            );
        }
        if let (Some(end), Some(over)) = (meeting.end, plan.overrun_minutes) {
            if over > 0 {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    format!(
                        "· {} {} {over} min",
                        lang.tr("overskrider sluttid", "runs past the end"),
                        f(end),
                    ),
                );
            } else {
                ui.label(
                    egui::RichText::new(format!(
                        "· {} {} ({} min {})",
                        lang.tr("møtet slutter", "the meeting ends"),
                        f(end),
                        -over,
                        lang.tr("til overs", "to spare")
                    ))
                    .weak(),
                );
            }
        }
    });
}

pub(super) fn pdf_dialog(record: &MeetingRecord, public: bool) -> Option<PathBuf> {
    let r = record.meeting.reference;
    let name = format!(
        "Innkalling {}-M{}{}.pdf",
        r.year,
        r.number,
        if public { " offentlig" } else { "" }
    );
    rfd::FileDialog::new()
        .add_filter("PDF", &["pdf"])
        .set_file_name(name)
        .save_file()
}

pub(super) fn send_notice_dialog(egui_ctx: &egui::Context, ctx: &mut PaneCtx<'_>, out: &mut Out) {
    if !ctx.runtime.agenda.confirm_send {
        return;
    }
    let lang = ctx.lang;
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique("agenda_send_notice")).show(egui_ctx, |ui| {
        ui.set_max_width(480.0);
        ui.heading(lang.tr("Send innkallingen", "Send the notice"));
        ui.label(lang.tr(
            "Når innkallingen er sendt, låses saksnumrene. Saker kan fortsatt endres og legges til, \
             men hver endring vises som en endring etter innkallingen.",
            "Once the notice is sent, the case numbers are frozen. Items can still be changed and \
             added, but each change is shown as a change after the notice.",
        ));
        ui.horizontal(|ui| {
            if ui
                .button(lang.tr("Lag PDF og marker som sendt …", "Write PDF and mark as sent …"))
                .clicked()
                && let Some(path) = pdf_dialog(&ctx.open.record, false)
            {
                out.commands.push(Command::Agenda(AgendaCommand::RenderNotice {
                    path,
                    public: false,
                }));
                out.commands.push(Command::Agenda(AgendaCommand::SendNotice));
                close = true;
            }
            if ui
                .button(lang.tr("Marker som sendt", "Mark as sent"))
                .clicked()
            {
                out.commands.push(Command::Agenda(AgendaCommand::SendNotice));
                close = true;
            }
            if ui.button(lang.tr("Avbryt", "Cancel")).clicked() {
                close = true;
            }
        });
    });
    if close || modal.should_close() {
        ctx.runtime.agenda.confirm_send = false;
    }
}
