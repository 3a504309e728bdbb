//! The item in focus in meeting mode: its header, times and notes, with the parts below.

use std::fmt::Write as _;

use chrono::{Local, NaiveTime};
use egui::RichText;

use crate::app::{Command, Core};
use crate::model::{Edit, Item, ItemText, Outcome};
use crate::ui::notes_editor::markdown_editor;
use crate::ui::widgets::{PaneCtx, names};

use super::decision::{decision_ui, phrases, use_phrase, use_proposed};
use super::fields::{
    Field, field_id, field_text, focus_at_end, focused_field, push_edit, take_focus,
};
use super::mode::{focused_item, go_to, is_live, leave_item, read_keys, track_work};

// ---------------------------------------------------------------------------------------------
// Deltok

/// Meeting mode: the item list on the left, the item in focus on the right.
pub(super) fn meeting_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, core: &Core) {
    let n = focused_item(ctx);
    ctx.runtime.selected_item = Some(n);
    let open = ctx.open;
    let items = &open.record.meeting.items;
    let pos = items.iter().position(|i| i.number == n).unwrap_or(0);
    let prev = pos.checked_sub(1).map(|p| items[p].number);
    let next = items.get(pos + 1).map(|i| i.number);
    let item = &items[pos];
    let phrases = phrases(core);

    let edits_before = ctx.commands.len();
    let keys = read_keys(ui);
    // The field the referent is in follows a move to the next or previous item.
    let was_in = focused_field(ui.ctx(), item);
    let moved_to = if keys.next {
        if next.is_none() {
            leave_item(ctx, n);
        }
        next
    } else if keys.previous {
        prev
    } else {
        None
    };
    if let Some(to) = moved_to {
        go_to(ctx, n, to);
        if let Some(f @ (Field::Decision | Field::Notes | Field::Guests)) = was_in
            && let Some(target) = items.iter().find(|i| i.number == to)
        {
            focus_at_end(
                ui.ctx(),
                field_id(f, to),
                field_text(f, target, &ctx.runtime.minutes.guest_query),
            );
        }
    }
    if keys.proposed {
        use_proposed(ctx, item);
    }
    if let Some(p) = keys.phrase.and_then(|k| phrases.get(k)) {
        use_phrase(ctx, item, p, &phrases);
    }
    if keys.new_follow_up {
        super::follow_ups::add_follow_up(ctx, item);
    }
    if let Some(f) = keys.focus {
        // Focus at once (the caret at the end), so the keys typed after the shortcut in this
        // same frame go there and continue the text.
        let shown = ctx.runtime.selected_item.unwrap_or(n);
        if let Some(target) = items.iter().find(|i| i.number == shown) {
            focus_at_end(
                ui.ctx(),
                field_id(f, shown),
                field_text(f, target, &ctx.runtime.minutes.guest_query),
            );
        }
    }

    let mut clicked = None;
    egui::Panel::left("minutes_item_list")
        .resizable(true)
        .default_size(230.0)
        .min_size(150.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("minutes_item_list_scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    for it in items {
                        // The mark first, so a long title cut short never hides it.
                        let mark = if it.outcome == Some(Outcome::Postponed) {
                            "→"
                        } else if it.decision.is_some() {
                            "✔"
                        } else {
                            "  "
                        };
                        let line = format!("{mark} {:03}  {}", it.number, it.title);
                        let r = ui.add(
                            egui::Button::selectable(it.number == n, line)
                                .truncate()
                                .min_size(egui::vec2(ui.available_width(), 0.0)),
                        );
                        if it.number == n && keys.next | keys.previous {
                            r.scroll_to_me(None);
                        }
                        if r.clicked() {
                            clicked = Some(it.number);
                        }
                    }
                });
        });
    if let Some(to) = clicked {
        go_to(ctx, n, to);
    }

    // Draw the item the keys left in focus (a move shows the new item in this same frame).
    let shown = ctx.runtime.selected_item.unwrap_or(n);
    let Some(item) = items.iter().find(|i| i.number == shown) else {
        return;
    };
    let pos = items.iter().position(|i| i.number == shown).unwrap_or(0);
    egui::ScrollArea::vertical()
        .id_salt(("minutes_item_scroll", shown))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            item_header_ui(ui, ctx, item, pos, items.len());
            ui.add_space(6.0);
            decision_ui(ui, ctx, item, &phrases);
            ui.add_space(6.0);
            notes_ui(ui, ctx, item);
            ui.add_space(6.0);
            super::guests::guests_ui(ui, ctx, core, item);
            ui.add_space(6.0);
            super::vote::vote_ui(ui, ctx, item);
            ui.add_space(6.0);
            super::follow_ups::follow_ups_ui(ui, ctx, item);
            ui.add_space(12.0);
        });
    // Typing, a phrase, a vote, a guest: the referent works on the item, so it was taken up.
    // (The pane changes only the item in focus; its times are no work.)
    let worked = ctx.commands[edits_before..]
        .iter()
        .any(|c| matches!(c, Command::Edit(e) if !matches!(e, Edit::SetItemTimes { .. })));
    let before_stamp = ctx.commands.len();
    track_work(ctx, ui, shown, worked);
    if worked
        && ctx.commands.len() > before_stamp
        && let Some(stamp) = ctx.commands.pop()
    {
        // The start goes first: it happened before the work (and an undo of the work leaves it).
        ctx.commands.insert(edits_before, stamp);
    }
}

/// Case number, title, presenters, navigation and times of the item in focus.
pub(super) fn item_header_ui(
    ui: &mut egui::Ui,
    ctx: &mut PaneCtx<'_>,
    item: &Item,
    pos: usize,
    count: usize,
) {
    let lang = ctx.lang;
    let open = ctx.open;
    let record = &open.record;
    let case = record.meeting.case_number(item);
    let items = &record.meeting.items;
    ui.horizontal(|ui| {
        let prev = pos.checked_sub(1).map(|p| items[p].number);
        let next = items.get(pos + 1).map(|i| i.number);
        if ui
            .add_enabled(
                prev.is_some(),
                egui::Button::new(lang.tr("◀ Forrige", "◀ Previous")),
            )
            .on_hover_text("Alt+←")
            .clicked()
            && let Some(to) = prev
        {
            go_to(ctx, item.number, to);
        }
        if ui
            .add_enabled(
                next.is_some(),
                egui::Button::new(lang.tr("Neste ▶", "Next ▶")),
            )
            .on_hover_text("Alt+→")
            .clicked()
            && let Some(to) = next
        {
            go_to(ctx, item.number, to);
        }
        ui.label(
            RichText::new(format!(
                "{} {} {} {count}",
                lang.tr("Sak", "Item"),
                pos + 1,
                lang.tr("av", "of")
            ))
            .weak(),
        );
    });
    ui.heading(RichText::new(format!("{case}  {}", item.title)).strong());
    ui.horizontal_wrapped(|ui| {
        let mut line = crate::ui::kind_label(lang, item.kind).to_owned();
        if !item.presenters.is_empty() {
            line.push_str(" · ");
            line.push_str(lang.tr("Saksansvarlig: ", "Presenter: "));
            line.push_str(&names(record, &item.presenters));
        }
        if let Some(from) = &item.postponed_from {
            let _ = write!(
                line,
                " · {} {from}",
                lang.tr("utsatt fra", "postponed from")
            );
        }
        ui.label(RichText::new(line).weak());
        crate::ui::attendance::quorum_badge_ui(ui, lang, record, item.number);
        if let Some(e) = &item.exempt {
            ui.label(
                RichText::new(format!(
                    "{} {}",
                    lang.tr("Unntatt offentlighet,", "Exempt from public access,"),
                    e.basis
                ))
                .color(ui.visuals().warn_fg_color),
            );
        }
    });
    times_ui(ui, ctx, item);
}

/// Start and end time (editable), and the time used against the time planned.
pub(super) fn times_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, item: &Item) {
    let lang = ctx.lang;
    let editable = ctx.editable();
    let live = is_live(ctx.record());
    ui.horizontal(|ui| {
        let label = ui.label(lang.tr("Start", "Start"));
        let started = time_field(
            ui,
            egui::Id::unique(("minutes_started", item.number)),
            item.started,
            editable,
        )
        .labelled_by(label.id);
        let label = ui.label(lang.tr("Slutt", "End"));
        let ended = time_field(
            ui,
            egui::Id::unique(("minutes_ended", item.number)),
            item.ended,
            editable,
        )
        .labelled_by(label.id);
        if let Some(t) = started.value {
            push_edit(
                ctx,
                Edit::SetItemTimes {
                    item: item.number,
                    started: t,
                    ended: item.ended,
                },
            );
        }
        if let Some(t) = ended.value {
            push_edit(
                ctx,
                Edit::SetItemTimes {
                    item: item.number,
                    started: item.started,
                    ended: t,
                },
            );
        }
        let used = match (item.started, item.ended) {
            (Some(s), Some(e)) => Some((e - s).num_minutes()),
            (Some(s), None) if live => {
                // Keep the clock going while the item runs.
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_secs(5));
                Some((Local::now().time() - s).num_minutes())
            }
            _ => None,
        };
        let planned = item.planned_minutes;
        let text = match (used, planned) {
            (Some(u), Some(p)) => format!(
                "{u} min {} {p} {}",
                lang.tr("av", "of"),
                lang.tr("planlagt", "planned")
            ),
            (Some(u), None) => format!("{u} min"),
            (None, Some(p)) => format!("{p} min {}", lang.tr("planlagt", "planned")),
            (None, None) => String::new(),
        };
        let over = matches!((used, planned), (Some(u), Some(p)) if u > i64::from(p));
        let color = if over {
            ui.visuals().warn_fg_color
        } else {
            ui.visuals().weak_text_color()
        };
        ui.label(RichText::new(text).color(color));
    });
}

/// What a [`time_field`] gave: its response, and a new value when one was typed.
#[expect(
    clippy::option_option,
    reason = "nothing typed (None) differs from a time cleared (Some(None))"
)]
pub(super) struct TimeField {
    pub(super) response: egui::Response,
    /// `Some(None)`: cleared; `Some(Some(t))`: a time typed.
    pub(super) value: Option<Option<NaiveTime>>,
}

impl TimeField {
    pub(super) fn labelled_by(self, id: egui::Id) -> Self {
        Self {
            response: self.response.labelled_by(id),
            value: self.value,
        }
    }
}

/// Reads `8:20`, `08:20` or `0820`.
pub(super) fn parse_time(text: &str) -> Option<NaiveTime> {
    let t = text.trim();
    NaiveTime::parse_from_str(t, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(t, "%H%M"))
        .ok()
}

/// A `HH:MM` field. Half-typed text stays in the field (not in the meeting) until it is a time.
pub(super) fn time_field(
    ui: &mut egui::Ui,
    id: egui::Id,
    value: Option<NaiveTime>,
    enabled: bool,
) -> TimeField {
    let draft: Option<String> = ui.data(|d| d.get_temp(id));
    let shown = value
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_default();
    let mut buf = draft.unwrap_or_else(|| shown.clone());
    let response = ui.add_enabled(
        enabled,
        egui::TextEdit::singleline(&mut buf)
            .id(id)
            .hint_text("tt:mm")
            .desired_width(56.0),
    );
    let mut result = None;
    if response.changed() {
        if buf.trim().is_empty() {
            result = Some(None);
            ui.data_mut(|d| d.remove::<String>(id));
        } else if let Some(t) = parse_time(&buf) {
            result = Some(Some(t));
            ui.data_mut(|d| d.remove::<String>(id));
        } else {
            ui.data_mut(|d| d.insert_temp(id, buf));
        }
    } else if response.lost_focus() {
        ui.data_mut(|d| d.remove::<String>(id));
    }
    TimeField {
        response,
        value: result,
    }
}

/// The notes (Markdown), with list help.
pub(super) fn notes_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, item: &Item) {
    let lang = ctx.lang;
    ui.horizontal(|ui| {
        ui.label(RichText::new(lang.tr("Notater (Alt+N)", "Notes (Alt+N)")).strong());
        ui.label(
            RichText::new(lang.tr(
                "«- » gir punktliste · Tab / Shift+Tab rykker inn · Enter nytt punkt · Ctrl+B fet",
                "“- ” starts a list · Tab / Shift+Tab indent · Enter new bullet · Ctrl+B bold",
            ))
            .weak()
            .small(),
        );
    });
    let id = field_id(Field::Notes, item.number);
    take_focus(ui, ctx, Field::Notes, item);
    let (response, changed) = markdown_editor(
        ui,
        id,
        item.notes.as_deref().unwrap_or(""),
        lang.tr("Hva ble sagt og besluttet …", "What was said and decided …"),
        10,
        ctx.editable(),
    );
    let _ = response.accessible_name(lang.tr("Notater", "Notes"));
    if let Some(text) = changed {
        push_edit(
            ctx,
            Edit::SetItemText {
                item: item.number,
                field: ItemText::Notes,
                text,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_as_typed() {
        let t = NaiveTime::from_hms_opt(8, 20, 0);
        assert_eq!(parse_time("08:20"), t);
        assert_eq!(parse_time("8:20"), t);
        assert_eq!(parse_time("0820"), t);
        assert_eq!(parse_time("8:2x"), None);
    }
}
