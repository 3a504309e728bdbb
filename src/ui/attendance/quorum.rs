//! Quorum: the rule of the body, the badge of an item, the overview of all items.

use egui::{Color32, RichText};

use crate::app::Command;
use crate::app::attendance::AttendanceCommand;
use crate::i18n::Lang;
use crate::model::{
    AttendanceStatus, MeetingRecord, Quorum, QuorumRule, presence, presence_by_item, voting_members,
};
use crate::ui::widgets::PaneCtx;

use super::pickers::{Named, name_it};
use super::{GREEN, GREY, RED, short_case};

/// Draws the quorum badge of item `item_number`: green "Vedtaksført", red "Ikke vedtaksført"
/// (with how many are missing, and the item after which it was lost), or grey when it cannot be
/// judged yet. For the Referat and Oppmøte panes.
pub fn quorum_badge_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    record: &MeetingRecord,
    item_number: u32,
) -> egui::Response {
    let rule = record.body.quorum;
    let p = presence(record, rule, item_number);
    let nothing_recorded = record
        .meeting
        .attendance
        .iter()
        .all(|a| a.status == AttendanceStatus::Summoned);
    let (text, color) = match p.quorum {
        _ if nothing_recorded => (
            lang.tr(
                "Vedtaksførhet: oppmøtet er ikke registrert",
                "Quorum: attendance not recorded",
            )
            .to_owned(),
            GREY,
        ),
        Quorum::Unknown => (
            lang.tr(
                "Vedtaksførhet ukjent: organet har ingen medlemmer på møtedatoen",
                "Quorum unknown: the body has no members on the meeting date",
            )
            .to_owned(),
            GREY,
        ),
        Quorum::Met => (
            format!(
                "✔ {} ({} {} {})",
                lang.tr("Vedtaksført", "Quorum"),
                p.counted.len(),
                lang.tr("av", "of"),
                p.members.len()
            ),
            GREEN,
        ),
        Quorum::Lost => {
            let previous = record
                .meeting
                .items
                .iter()
                .filter(|i| i.number < item_number)
                .map(|i| i.number)
                .max()
                .filter(|&n| presence(record, rule, n).has_quorum());
            let lost = previous.map_or_else(String::new, |n| {
                format!(
                    " — {} {}",
                    lang.tr("tapt etter sak", "lost after item"),
                    short_case(record, n)
                )
            });
            (
                format!(
                    "⚠ {} ({} {} {}, {} {}){lost}",
                    lang.tr("Ikke vedtaksført", "No quorum"),
                    p.counted.len(),
                    lang.tr("av", "of"),
                    p.members.len(),
                    lang.tr("krever", "needs"),
                    p.required
                ),
                RED,
            )
        }
    };
    egui::Frame::new()
        .fill(color)
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(8, 4))
        .show(ui, |ui| {
            ui.label(RichText::new(text).color(Color32::WHITE).strong())
        })
        .inner
}

pub(super) fn rule_label(lang: Lang, rule: QuorumRule) -> String {
    match (lang, rule) {
        (_, r) if r == QuorumRule::AT_LEAST_HALF => lang
            .tr(
                "Minst halvparten av medlemmene (kommuneloven § 11-9)",
                "At least half of the members (Local Government Act § 11-9)",
            )
            .to_owned(),
        (Lang::Nb, r) => {
            let mut s = r.describe_nb();
            if let Some(first) = s.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            s
        }
        (
            Lang::En,
            QuorumRule::MoreThan {
                numerator,
                denominator,
            },
        ) => {
            format!("More than {numerator}/{denominator} of the members")
        }
        (
            Lang::En,
            QuorumRule::AtLeast {
                numerator,
                denominator,
            },
        ) => {
            format!("At least {numerator}/{denominator} of the members")
        }
        (Lang::En, QuorumRule::Count(n)) => format!("At least {n} members"),
    }
}

pub(super) fn quorum_rule_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, editable: bool) {
    let lang = ctx.lang;
    let rule = ctx.open.record.body.quorum;
    let choices = [
        QuorumRule::AT_LEAST_HALF,
        QuorumRule::MoreThan {
            numerator: 1,
            denominator: 2,
        },
        QuorumRule::AtLeast {
            numerator: 2,
            denominator: 3,
        },
    ];
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(lang.tr("Regel:", "Rule:"));
        ui.add_enabled_ui(editable, |ui| {
            let mut chosen = None;
            let combo = egui::ComboBox::from_id_salt("attendance_quorum_rule")
                .width(300.0)
                .truncate()
                .selected_text(rule_label(lang, rule))
                .show_ui(ui, |ui| {
                    for r in choices {
                        if ui
                            .selectable_label(rule == r, rule_label(lang, r))
                            .clicked()
                        {
                            chosen = Some(r);
                        }
                    }
                    let count = match rule {
                        QuorumRule::Count(n) => n,
                        _ => u32::try_from(voting_members(&ctx.open.record).len().div_ceil(2))
                            .unwrap_or(1)
                            .max(1),
                    };
                    if ui
                        .selectable_label(
                            matches!(rule, QuorumRule::Count(_)),
                            lang.tr("Fast antall medlemmer …", "A fixed number of members …"),
                        )
                        .clicked()
                    {
                        chosen = Some(QuorumRule::Count(count));
                    }
                });
            name_it(combo.response, Named::By(label.id));
            if let QuorumRule::Count(mut n) = rule {
                let drag = ui
                    .add(egui::DragValue::new(&mut n).range(1..=99))
                    .accessible_name(lang.tr("Antall medlemmer", "Number of members"));
                if drag.changed() {
                    chosen = Some(QuorumRule::Count(n));
                }
            }
            if let Some(r) = chosen.filter(|r| *r != rule) {
                ctx.commands
                    .push(Command::Attendance(AttendanceCommand::SetQuorumRule(r)));
            }
        });
    })
    .response
    .on_hover_text(lang.tr(
        "Regelen gjelder organet, for alle møtene.",
        "The rule belongs to the body and applies to all its meetings.",
    ));
}

/// Every item with its quorum: a click selects the item.
pub(super) fn quorum_overview_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>) {
    let lang = ctx.lang;
    let record = &ctx.open.record;
    if record
        .meeting
        .attendance
        .iter()
        .all(|a| a.status == AttendanceStatus::Summoned)
    {
        return;
    }
    let all = presence_by_item(record, record.body.quorum);
    let lost: Vec<&crate::model::ItemPresence> =
        all.iter().filter(|p| p.quorum == Quorum::Lost).collect();
    if lost.is_empty() {
        ui.label(
            RichText::new(lang.tr("Vedtaksført i alle sakene.", "Quorum for every item."))
                .color(GREEN),
        );
        return;
    }
    ui.label(
        RichText::new(lang.tr("Saker uten vedtaksførhet:", "Items without a quorum:"))
            .color(RED)
            .strong(),
    );
    ui.horizontal_wrapped(|ui| {
        for p in lost {
            if ui
                .link(short_case(record, p.item))
                .on_hover_text(lang.tr("Vis saken", "Show the item"))
                .clicked()
            {
                ctx.runtime.selected_item = Some(p.item);
            }
        }
    });
}

// ---------------------------------------------------------------------------------------------
// The lines the minutes print.
