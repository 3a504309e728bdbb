//! The decision (Vedtak) of the item in focus: quick phrases, the proposed decision, the outcome,
//! and the editor of the body's phrases.

use egui::RichText;

use crate::app::minutes::MinutesCommand;
use crate::app::{Command, Core};
use crate::model::{Edit, Item, ItemText, Outcome, outcome_for_phrase};
use crate::ui::widgets::PaneCtx;

use super::fields::{Field, field_id, push_edit, take_focus};

// ---------------------------------------------------------------------------------------------
// Deltok

/// Sets the decision to `phrase` (replacing an empty decision or another phrase, otherwise
/// adding a line) and the outcome the phrase implies.
/// Sets the decision (Vedtak) of item `number`.
fn set_decision(ctx: &mut PaneCtx<'_>, number: u32, text: String) {
    push_edit(
        ctx,
        Edit::SetItemText {
            item: number,
            field: ItemText::Decision,
            text,
        },
    );
}

pub(super) fn use_phrase(ctx: &mut PaneCtx<'_>, item: &Item, phrase: &str, phrases: &[String]) {
    let current = item.decision.as_deref().unwrap_or("").trim();
    let text = if current.is_empty() || phrases.iter().any(|p| p == current) {
        phrase.to_owned()
    } else {
        format!("{current}\n{phrase}")
    };
    set_decision(ctx, item.number, text);
    push_edit(
        ctx,
        Edit::SetItemOutcome {
            item: item.number,
            outcome: Some(outcome_for_phrase(phrase)),
        },
    );
}

pub(super) fn use_proposed(ctx: &mut PaneCtx<'_>, item: &Item) {
    if let Some(p) = item.proposed_decision.clone() {
        set_decision(ctx, item.number, p);
        if item.outcome.is_none() {
            push_edit(
                ctx,
                Edit::SetItemOutcome {
                    item: item.number,
                    outcome: Some(Outcome::Decided),
                },
            );
        }
    }
}

/// The quick phrases in force: the body's, or the built-in list before they have loaded.
pub(super) fn phrases(core: &Core) -> Vec<String> {
    if core.phrases.is_empty() {
        crate::model::DEFAULT_PHRASES
            .iter()
            .map(|&p| p.to_owned())
            .collect()
    } else {
        core.phrases.clone()
    }
}

/// The proposed decision, the decision (Vedtak), quick phrases and the outcome.
pub(super) fn decision_ui(
    ui: &mut egui::Ui,
    ctx: &mut PaneCtx<'_>,
    item: &Item,
    phrases: &[String],
) {
    let lang = ctx.lang;
    let editable = ctx.editable();
    if let Some(p) = &item.proposed_decision {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(lang.tr("Forslag til vedtak", "Proposed decision")).strong(),
                );
                if ui
                    .add_enabled(
                        editable,
                        egui::Button::new(
                            lang.tr("Bruk forslaget (Alt+F)", "Use the proposal (Alt+F)"),
                        ),
                    )
                    .clicked()
                {
                    use_proposed(ctx, item);
                }
            });
            ui.label(p);
        });
    }
    let label = ui.label(RichText::new(lang.tr("Vedtak (Alt+V)", "Decision (Alt+V)")).strong());
    let id = field_id(Field::Decision, item.number);
    let mut text = item.decision.clone().unwrap_or_default();
    take_focus(ui, ctx, Field::Decision, item);
    let response = ui
        .add_enabled(
            editable,
            egui::TextEdit::multiline(&mut text)
                .id(id)
                .desired_rows(2)
                .desired_width(f32::INFINITY)
                .hint_text(lang.tr("Vedtaket slik det ble fattet", "The decision as passed")),
        )
        .labelled_by(label.id);
    if response.changed() {
        set_decision(ctx, item.number, text);
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(lang.tr("Hurtigfraser:", "Quick phrases:")).weak());
        for (k, phrase) in phrases.iter().enumerate() {
            let label = if k < 9 {
                format!("{phrase}  (Alt+{})", k + 1)
            } else {
                phrase.clone()
            };
            if ui
                .add_enabled(editable, egui::Button::new(label).small())
                .clicked()
            {
                use_phrase(ctx, item, phrase, phrases);
            }
        }
        if ui
            .add_enabled(
                editable,
                egui::Button::new(lang.tr("Rediger frasene …", "Edit phrases …")).small(),
            )
            .clicked()
        {
            ctx.runtime.minutes.phrase_editor = Some(phrases.join("\n"));
        }
    });
    phrase_editor_ui(ui, ctx);
    ui.horizontal(|ui| {
        ui.label(RichText::new(lang.tr("Utfall:", "Outcome:")).strong());
        let choices = [
            (None, lang.tr("Ikke satt", "Not set")),
            (
                Some(Outcome::Decided),
                crate::ui::outcome_label(lang, Outcome::Decided),
            ),
            (
                Some(Outcome::Noted),
                crate::ui::outcome_label(lang, Outcome::Noted),
            ),
            (
                Some(Outcome::Postponed),
                crate::ui::outcome_label(lang, Outcome::Postponed),
            ),
        ];
        for (value, label) in choices {
            if ui
                .add_enabled(
                    editable,
                    egui::Button::selectable(item.outcome == value, label),
                )
                .clicked()
                && item.outcome != value
            {
                push_edit(
                    ctx,
                    Edit::SetItemOutcome {
                        item: item.number,
                        outcome: value,
                    },
                );
            }
        }
        if item.outcome == Some(Outcome::Postponed) {
            ui.label(
                RichText::new(lang.tr(
                    "→ settes opp på neste møtes saksliste",
                    "→ goes onto the next meeting's agenda",
                ))
                .color(ui.visuals().warn_fg_color),
            );
        }
    });
}

/// The body's quick phrases, one a line, while the editor is open.
pub(super) fn phrase_editor_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>) {
    let lang = ctx.lang;
    let Some(text) = ctx.runtime.minutes.phrase_editor.as_mut() else {
        return;
    };
    let mut close = false;
    let mut save = None;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(lang.tr(
            "Hurtigfraser for dette organet, én per linje (Alt+1 er den første):",
            "Quick phrases of this body, one a line (Alt+1 is the first):",
        ));
        ui.add(
            egui::TextEdit::multiline(text)
                .desired_rows(5)
                .desired_width(f32::INFINITY),
        );
        ui.horizontal(|ui| {
            if ui
                .button(lang.tr("Lagre frasene", "Save phrases"))
                .clicked()
            {
                save = Some(
                    text.lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(str::to_owned)
                        .collect::<Vec<_>>(),
                );
                close = true;
            }
            if ui.button(lang.tr("Avbryt", "Cancel")).clicked() {
                close = true;
            }
        });
    });
    if close {
        ctx.runtime.minutes.phrase_editor = None;
    }
    if let Some(phrases) = save
        && ctx.editable()
    {
        ctx.commands
            .push(Command::Minutes(MinutesCommand::SetPhrases(phrases)));
    }
}
