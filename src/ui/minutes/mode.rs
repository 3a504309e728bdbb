//! Meeting mode: the toolbar, entering and leaving items (their times), and the keys.

use chrono::{Local, NaiveTime, Timelike};
use egui::{Event, Key, Modifiers};

use crate::app::Command;
use crate::model::{Edit, MeetingRecord, MeetingStatus};
use crate::ui::widgets::PaneCtx;

use super::fields::Field;

// ---------------------------------------------------------------------------------------------
// Deltok

/// The meeting-mode switch, undo and redo (the save state is in the status bar).
pub(super) fn toolbar_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>) {
    let lang = ctx.lang;
    ui.horizontal(|ui| {
        let on = ctx.runtime.minutes.meeting_mode;
        if ui
            .selectable_label(on, lang.tr("Møtemodus (F5)", "Meeting mode (F5)"))
            .on_hover_text(lang.tr(
                "Én sak i fokus; Alt+→ / Alt+← til neste / forrige sak",
                "One item in focus; Alt+→ / Alt+← to the next / previous item",
            ))
            .clicked()
        {
            set_meeting_mode(ctx, !on);
        }
        if ui
            .selectable_label(!on, lang.tr("Oversikt", "Overview"))
            .clicked()
        {
            set_meeting_mode(ctx, false);
        }
        if !ctx.record().meeting.status.is_held()
            && ui
                .add_enabled(
                    ctx.editable(),
                    egui::Button::new(lang.tr("Start møtet", "Start the meeting")),
                )
                .on_hover_text(lang.tr(
                    "Merker møtet som holdt og åpner møtemodus",
                    "Marks the meeting held and opens meeting mode",
                ))
                .clicked()
        {
            mark_held(ctx);
            set_meeting_mode(ctx, true);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let editable = ctx.editable();
            if ui
                .add_enabled(
                    editable && ctx.open.can_redo(),
                    egui::Button::new(lang.tr("Gjør om", "Redo")),
                )
                .on_hover_text("Ctrl+Shift+Z")
                .clicked()
            {
                ctx.commands.push(Command::Redo);
            }
            if ui
                .add_enabled(
                    editable && ctx.open.can_undo(),
                    egui::Button::new(lang.tr("Angre", "Undo")),
                )
                .on_hover_text("Ctrl+Z")
                .clicked()
            {
                ctx.commands.push(Command::Undo);
            }
        });
    });
}

/// Whether the meeting is being held today: only then does moving between items record times.
pub(super) fn is_live(record: &MeetingRecord) -> bool {
    record.meeting.date == Local::now().date_naive()
}

/// Now, to the minute (the package keeps `HH:MM`).
pub(super) fn now_minute() -> NaiveTime {
    let t = Local::now().time();
    NaiveTime::from_hms_opt(t.hour(), t.minute(), 0).unwrap_or(t)
}

/// The item in focus: the selected one, or the first.
pub(super) fn focused_item(ctx: &PaneCtx<'_>) -> u32 {
    let items = &ctx.record().meeting.items;
    ctx.runtime
        .selected_item
        .filter(|n| items.iter().any(|i| i.number == *n))
        .or_else(|| items.first().map(|i| i.number))
        .unwrap_or(1)
}

/// Marks the open meeting held (it is taking place), unless it is already.
pub(super) fn mark_held(ctx: &mut PaneCtx<'_>) {
    if ctx.editable() && !ctx.record().meeting.status.is_held() {
        ctx.commands
            .push(Command::Edit(Edit::SetStatus(MeetingStatus::Held)));
    }
}

/// Meeting mode on or off. On the meeting's day, meeting mode means the meeting is being held.
pub(super) fn set_meeting_mode(ctx: &mut PaneCtx<'_>, on: bool) {
    ctx.runtime.minutes.meeting_mode = on;
    if on && is_live(ctx.record()) {
        mark_held(ctx);
    }
    if on {
        let n = focused_item(ctx);
        ctx.runtime.selected_item = Some(n);
        ctx.runtime.minutes.focus = Some(Field::Notes);
    }
}

/// How long an item stays in focus before it counts as taken up without a key typed.
pub(super) const TAKEN_UP_AFTER: std::time::Duration = std::time::Duration::from_secs(30);

/// Whether an item counts as taken up: worked on, or in focus for [`TAKEN_UP_AFTER`].
pub(super) fn taken_up(worked: bool, in_focus: std::time::Duration) -> bool {
    worked || in_focus >= TAKEN_UP_AFTER
}

/// Stamps the start of item `n` once the referent works on it: `worked` (something was
/// changed in it this frame), or after [`TAKEN_UP_AFTER`] in focus. Passing through stamps
/// nothing.
pub(super) fn track_work(ctx: &mut PaneCtx<'_>, ui: &egui::Ui, n: u32, worked: bool) {
    let now = std::time::Instant::now();
    let (item, since, stamped) = match ctx.runtime.minutes.working {
        Some(w) if w.0 == n => w,
        _ => (n, now, false),
    };
    let mut stamped = stamped;
    if !stamped && taken_up(worked, now.duration_since(since)) {
        enter_item(ctx, n);
        stamped = true;
    } else if !stamped {
        ui.ctx()
            .request_repaint_after(TAKEN_UP_AFTER.saturating_sub(now.duration_since(since)));
    }
    ctx.runtime.minutes.working = Some((item, since, stamped));
}

/// Records that the meeting took item `n` up now (when live and not recorded yet).
pub(super) fn enter_item(ctx: &mut PaneCtx<'_>, n: u32) {
    if !ctx.editable() || !is_live(ctx.record()) {
        return;
    }
    if let Some(item) = ctx.record().meeting.items.iter().find(|i| i.number == n)
        && item.started.is_none()
    {
        let edit = Edit::SetItemTimes {
            item: n,
            started: Some(now_minute()),
            ended: item.ended,
        };
        ctx.commands.push(Command::Edit(edit));
    }
}

/// Records that the meeting left item `n` now (when live, started and not ended yet).
pub(super) fn leave_item(ctx: &mut PaneCtx<'_>, n: u32) {
    if !ctx.editable() || !is_live(ctx.record()) {
        return;
    }
    if let Some(item) = ctx.record().meeting.items.iter().find(|i| i.number == n)
        && item.started.is_some()
        && item.ended.is_none()
    {
        let edit = Edit::SetItemTimes {
            item: n,
            started: item.started,
            ended: Some(now_minute()),
        };
        ctx.commands.push(Command::Edit(edit));
    }
}

/// Moves the focus from item `from` to item `to`, recording the times.
pub(super) fn go_to(ctx: &mut PaneCtx<'_>, from: u32, to: u32) {
    if from == to {
        return;
    }
    leave_item(ctx, from);
    ctx.runtime.selected_item = Some(to);
    ctx.runtime.minutes.guest_query.clear();
}

/// Consumes Alt+`key`, and the character the same key press may have typed (the text event
/// right after it, never a letter typed on its own).
pub(super) fn alt_key(i: &mut egui::InputState, key: Key, typed: Option<&str>) -> bool {
    let Some(at) = i.events.iter().position(|e| {
        matches!(e, Event::Key { key: k, pressed: true, modifiers, .. }
            if *k == key && modifiers.matches_logically(Modifiers::ALT))
    }) else {
        return false;
    };
    i.events.remove(at);
    if let Some(ch) = typed {
        let next_text = i.events[at..]
            .iter()
            .position(|e| !matches!(e, Event::Key { pressed: false, .. }))
            .map(|k| at + k);
        if let Some(k) = next_text
            && matches!(&i.events[k], Event::Text(t) if t.eq_ignore_ascii_case(ch))
        {
            i.events.remove(k);
        }
    }
    true
}

/// What the meeting-mode keys asked for this frame.
#[derive(Default)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "one flag per key read this frame"
)]
pub(super) struct Keys {
    pub(super) next: bool,
    pub(super) previous: bool,
    pub(super) proposed: bool,
    pub(super) phrase: Option<usize>,
    pub(super) focus: Option<Field>,
    pub(super) new_follow_up: bool,
}

pub(super) fn read_keys(ui: &egui::Ui) -> Keys {
    const DIGITS: [(Key, &str); 9] = [
        (Key::Num1, "1"),
        (Key::Num2, "2"),
        (Key::Num3, "3"),
        (Key::Num4, "4"),
        (Key::Num5, "5"),
        (Key::Num6, "6"),
        (Key::Num7, "7"),
        (Key::Num8, "8"),
        (Key::Num9, "9"),
    ];
    ui.ctx().input_mut(|i| {
        let mut k = Keys {
            next: alt_key(i, Key::ArrowRight, None),
            previous: alt_key(i, Key::ArrowLeft, None),
            proposed: alt_key(i, Key::F, Some("f")),
            new_follow_up: alt_key(i, Key::O, Some("o")),
            ..Keys::default()
        };
        for (n, (key, ch)) in DIGITS.iter().enumerate() {
            if alt_key(i, *key, Some(ch)) {
                k.phrase = Some(n);
            }
        }
        if alt_key(i, Key::V, Some("v")) {
            k.focus = Some(Field::Decision);
        }
        if alt_key(i, Key::N, Some("n")) {
            k.focus = Some(Field::Notes);
        }
        if alt_key(i, Key::D, Some("d")) {
            k.focus = Some(Field::Guests);
        }
        k
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn an_item_is_taken_up_by_work_or_by_staying_30_seconds() {
        assert!(!taken_up(false, Duration::from_secs(2)), "passing through");
        assert!(!taken_up(false, Duration::from_millis(29_900)));
        assert!(taken_up(false, Duration::from_secs(30)));
        assert!(taken_up(true, Duration::ZERO), "a key typed at once");
    }
}
