//! The editor of a body's standard items (items every meeting of the body starts with).

use crate::app::Command;
use crate::app::agenda::AgendaCommand;
use crate::i18n::Lang;
use crate::model::ItemKind;
use crate::model::agenda::{ItemTemplate, TemplatePresenter};
use crate::ui::widgets::PaneCtx;

use super::{AgendaData, Out};

pub(super) fn template_editor_ui(
    egui_ctx: &egui::Context,
    ctx: &mut PaneCtx<'_>,
    data: AgendaData<'_>,
    out: &mut Out,
) {
    let lang = ctx.lang;
    let state = &mut ctx.runtime.agenda;
    if !state.template_open {
        return;
    }
    if state.template.is_none()
        && let Some(t) = &data.state.template
    {
        state.template = Some(t.clone());
    }
    let mut open = true;
    let mut close = false;
    egui::Window::new(lang.tr("Standardsaker", "Standard items"))
        .id(egui::Id::unique("agenda_template_window"))
        .open(&mut open)
        .default_width(640.0)
        .default_height(520.0)
        .show(egui_ctx, |ui| {
            let Some(draft) = state.template.as_mut() else {
                ui.spinner();
                return;
            };
            ui.label(format!(
                "{} {} {}",
                lang.tr("Hvert nytt møte i", "Every new meeting of"),
                draft.body,
                lang.tr(
                    "starter med disse sakene. I tekstene blir {forrige_møte} datoen for forrige møte og {organ} organets navn.",
                    "starts with these items. In the texts, {forrige_møte} becomes the previous meeting's date and {organ} the body's name.",
                )
            ));
            if !draft.custom {
                ui.label(egui::RichText::new(lang.tr("(innebygde standardsaker)", "(built-in standard items)")).weak());
            }
            let mut action: Option<(usize, i32)> = None;
            egui::ScrollArea::vertical().max_height(380.0).show(ui, |ui| {
                let len = draft.items.len();
                for (i, t) in draft.items.iter_mut().enumerate() {
                    ui.push_id(("template_item", i), |ui| {
                        template_item_ui(ui, lang, t, i, len, &mut action);
                    });
                    ui.separator();
                }
            });
            match action {
                Some((i, -1)) if i > 0 => draft.items.swap(i, i - 1),
                Some((i, 1)) if i + 1 < draft.items.len() => draft.items.swap(i, i + 1),
                Some((i, 0)) => {
                    draft.items.remove(i);
                }
                _ => {}
            }
            ui.horizontal(|ui| {
                if ui.button(lang.tr("+ Legg til standardsak", "+ Add standard item")).clicked() {
                    let mut t = ItemTemplate {
                        title: lang.tr("Ny standardsak", "New standard item").to_owned(),
                        kind: ItemKind::Information,
                        presenters: Vec::new(),
                        description: None,
                        proposed_decision: None,
                        planned_minutes: Some(10),
                        after_cases: true,
                    };
                    if let Some(last) = draft.items.last() {
                        t.after_cases = last.after_cases;
                    }
                    draft.items.push(t);
                }
                if ui.button(lang.tr("Lagre", "Save")).clicked() {
                    out.commands.push(Command::Agenda(AgendaCommand::SaveTemplate {
                        body: draft.body.clone(),
                        template: draft.items.clone(),
                    }));
                    close = true;
                }
                if ui
                    .button(lang.tr("Tilbake til de innebygde", "Back to the built-in ones"))
                    .clicked()
                {
                    out.commands.push(Command::Agenda(AgendaCommand::SaveTemplate {
                        body: draft.body.clone(),
                        template: Vec::new(),
                    }));
                    close = true;
                }
                if ui.button(lang.tr("Avbryt", "Cancel")).clicked() {
                    close = true;
                }
            });
        });
    if !open || close {
        state.template_open = false;
        state.template = None;
    }
}

pub(super) fn template_item_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    t: &mut ItemTemplate,
    i: usize,
    len: usize,
    action: &mut Option<(usize, i32)>,
) {
    ui.horizontal(|ui| {
        ui.add(egui::TextEdit::singleline(&mut t.title).desired_width(280.0))
            .accessible_name(lang.tr("Tittel på standardsak", "Standard item title"));
        egui::ComboBox::from_id_salt("kind")
            .selected_text(crate::ui::kind_label(lang, t.kind))
            .show_ui(ui, |ui| {
                for k in ItemKind::ALL {
                    ui.selectable_value(&mut t.kind, *k, crate::ui::kind_label(lang, *k));
                }
            })
            .response
            .accessible_name(lang.tr("Sakstype", "Kind"));
        let mut minutes = t.planned_minutes.unwrap_or(0);
        if ui
            .add(
                egui::DragValue::new(&mut minutes)
                    .range(0..=600)
                    .suffix(" min"),
            )
            .accessible_name(lang.tr("Planlagt tid", "Planned time"))
            .changed()
        {
            t.planned_minutes = Some(minutes);
        }
        if ui
            .add_enabled(i > 0, egui::Button::new("↑").small())
            .clicked()
        {
            *action = Some((i, -1));
        }
        if ui
            .add_enabled(i + 1 < len, egui::Button::new("↓").small())
            .clicked()
        {
            *action = Some((i, 1));
        }
        if ui
            .small_button("✖")
            .on_hover_text(lang.tr("Fjern standardsaken", "Remove the standard item"))
            .clicked()
        {
            *action = Some((i, 0));
        }
    });
    ui.horizontal(|ui| {
        ui.checkbox(
            &mut t.after_cases,
            lang.tr("etter møtets saker", "after the meeting's cases"),
        );
        for (p, label) in [
            (
                TemplatePresenter::Chair,
                lang.tr("møteleder presenterer", "chair presents"),
            ),
            (
                TemplatePresenter::Referent,
                lang.tr("referent presenterer", "referent presents"),
            ),
        ] {
            let mut on = t.presenters.contains(&p);
            if ui.checkbox(&mut on, label).changed() {
                if on {
                    t.presenters.push(p);
                } else {
                    t.presenters.retain(|x| *x != p);
                }
            }
        }
    });
    for (label, field) in [
        (
            lang.tr("Forslag til vedtak", "Proposed decision"),
            &mut t.proposed_decision,
        ),
        (
            lang.tr("Saksbeskrivelse", "Description"),
            &mut t.description,
        ),
    ] {
        ui.horizontal(|ui| {
            let l = ui.label(label).id;
            let mut text = field.clone().unwrap_or_default();
            if ui
                .add(egui::TextEdit::singleline(&mut text).desired_width(f32::INFINITY))
                .labelled_by(l)
                .changed()
            {
                *field = (!text.trim().is_empty()).then_some(text);
            }
        });
    }
}
