//! Referat: live minute-taking.
//!
//! Two views. The overview shows the minutes as recorded, item by item. Meeting mode (F5)
//! puts one item in focus: its case number, title, presenters and proposed decision, the
//! decision (Vedtak) with quick phrases and an outcome, the notes (Markdown with list help),
//! who took part (Deltok), the vote and the follow-ups. Alt+→ / Alt+← move between items and
//! record when each was taken up and left.
//!
//! Every keystroke becomes an [`Edit`] at once; the app saves on its database thread, so
//! nothing here waits for the disk.
//!
//! Keys in meeting mode: Alt+→ / Alt+← next / previous item, Alt+F use the proposed
//! decision, Alt+1…9 quick phrase, Alt+V decision, Alt+N notes (Notater), Alt+D add a guest, Alt+O new
//! follow-up; in the notes Tab / Shift+Tab indent a bullet, Enter continues a list, Ctrl+B bold.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{Local, NaiveTime, Timelike};
use egui::{Event, Key, Modifiers, RichText};

use crate::app::{Command, Core};
use crate::i18n::Lang;
use crate::model::{Edit, Item, ItemText, MeetingRecord, Outcome, outcome_for_phrase};
use crate::store::WorkPlace;

use super::minutes_parts;
use super::notes_editor::markdown_editor;
use super::widgets::{PaneCtx, names};

/// A field of the item in focus that a key can jump to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Field {
    /// The decision (Vedtak).
    Decision,
    /// The notes.
    Notes,
    /// The "add a guest" box.
    Guests,
    /// The task of follow-up n.
    FollowUpTask(usize),
}

/// The egui id of a field of item `item`.
pub(super) fn field_id(field: Field, item: u32) -> egui::Id {
    egui::Id::unique(("minutes_field", item, field))
}

/// The Referat pane's window state.
#[derive(Default)]
pub struct MinutesState {
    /// One item in focus (meeting mode) rather than the overview.
    pub meeting_mode: bool,
    /// What is typed in the "add a guest" box.
    pub(super) guest_query: String,
    /// The quick-phrase editor's text (one phrase a line) while it is open.
    pub(super) phrase_editor: Option<String>,
    /// A field to focus when it is next drawn.
    pub(super) focus: Option<Field>,
    /// The place last sent to the database.
    remembered: Option<WorkPlace>,
    /// Heights of the overview's item blocks at `heights_width`, to skip drawing hidden ones.
    heights: HashMap<u32, f32>,
    heights_width: f32,
}

/// Draws the Referat pane. `core` gives the people known to the database and the body's
/// quick phrases.
pub fn minutes_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, core: &Core) {
    let lang = ctx.lang;
    if ctx.record().meeting.items.is_empty() {
        ui.label(lang.tr(
            "Møtet har ingen saker ennå. Legg dem til i Saksliste.",
            "The meeting has no items yet. Add them in the Agenda pane.",
        ));
        return;
    }
    if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::F5)) {
        set_meeting_mode(ctx, !ctx.runtime.minutes.meeting_mode);
    }
    toolbar_ui(ui, ctx);
    ui.separator();
    if ctx.runtime.minutes.meeting_mode {
        meeting_ui(ui, ctx, core);
    } else {
        overview_ui(ui, ctx);
    }
}

/// The meeting-mode switch, undo and redo (the save state is in the status bar).
fn toolbar_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>) {
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
fn is_live(record: &MeetingRecord) -> bool {
    record.meeting.date == Local::now().date_naive()
}

/// Now, to the minute (the package keeps `HH:MM`).
fn now_minute() -> NaiveTime {
    let t = Local::now().time();
    NaiveTime::from_hms_opt(t.hour(), t.minute(), 0).unwrap_or(t)
}

/// The item in focus: the selected one, or the first.
fn focused_item(ctx: &PaneCtx<'_>) -> u32 {
    let items = &ctx.record().meeting.items;
    ctx.runtime
        .selected_item
        .filter(|n| items.iter().any(|i| i.number == *n))
        .or_else(|| items.first().map(|i| i.number))
        .unwrap_or(1)
}

fn set_meeting_mode(ctx: &mut PaneCtx<'_>, on: bool) {
    ctx.runtime.minutes.meeting_mode = on;
    if on {
        let n = focused_item(ctx);
        ctx.runtime.selected_item = Some(n);
        enter_item(ctx, n);
        ctx.runtime.minutes.focus = Some(Field::Notes);
    }
}

/// Records that the meeting took item `n` up now (when live and not recorded yet).
fn enter_item(ctx: &mut PaneCtx<'_>, n: u32) {
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
fn leave_item(ctx: &mut PaneCtx<'_>, n: u32) {
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
fn go_to(ctx: &mut PaneCtx<'_>, from: u32, to: u32) {
    if from == to {
        return;
    }
    leave_item(ctx, from);
    enter_item(ctx, to);
    ctx.runtime.selected_item = Some(to);
    ctx.runtime.minutes.guest_query.clear();
}

/// Consumes Alt+`key`, and the character the same key press may have typed.
fn alt_key(i: &mut egui::InputState, key: Key, typed: Option<&str>) -> bool {
    if !i.consume_key(Modifiers::ALT, key) {
        return false;
    }
    if let Some(ch) = typed {
        i.events
            .retain(|e| !matches!(e, Event::Text(t) if t.eq_ignore_ascii_case(ch)));
    }
    true
}

/// What the meeting-mode keys asked for this frame.
#[derive(Default)]
#[allow(clippy::struct_excessive_bools)]
struct Keys {
    next: bool,
    previous: bool,
    proposed: bool,
    phrase: Option<usize>,
    focus: Option<Field>,
    new_follow_up: bool,
}

fn read_keys(ui: &egui::Ui) -> Keys {
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

/// Sets the decision to `phrase` (replacing an empty decision or another phrase, otherwise
/// adding a line) and the outcome the phrase implies.
fn use_phrase(ctx: &mut PaneCtx<'_>, item: &Item, phrase: &str, phrases: &[String]) {
    let current = item.decision.as_deref().unwrap_or("").trim();
    let text = if current.is_empty() || phrases.iter().any(|p| p == current) {
        phrase.to_owned()
    } else {
        format!("{current}\n{phrase}")
    };
    push_edit(
        ctx,
        Edit::SetItemText {
            item: item.number,
            field: ItemText::Decision,
            text,
        },
    );
    push_edit(
        ctx,
        Edit::SetItemOutcome {
            item: item.number,
            outcome: Some(outcome_for_phrase(phrase)),
        },
    );
}

fn use_proposed(ctx: &mut PaneCtx<'_>, item: &Item) {
    if let Some(p) = item.proposed_decision.clone() {
        push_edit(
            ctx,
            Edit::SetItemText {
                item: item.number,
                field: ItemText::Decision,
                text: p,
            },
        );
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

/// Queues an edit when the meeting can be changed.
pub(super) fn push_edit(ctx: &mut PaneCtx<'_>, edit: Edit) {
    if ctx.editable() {
        ctx.commands.push(Command::Edit(edit));
    }
}

/// The quick phrases in force: the body's, or the built-in list before they have loaded.
fn phrases(core: &Core) -> Vec<String> {
    if core.phrases.is_empty() {
        crate::model::DEFAULT_PHRASES
            .iter()
            .map(|&p| p.to_owned())
            .collect()
    } else {
        core.phrases.clone()
    }
}

/// Meeting mode: the item list on the left, the item in focus on the right.
fn meeting_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, core: &Core) {
    let n = focused_item(ctx);
    ctx.runtime.selected_item = Some(n);
    let open = ctx.open;
    let items = &open.record.meeting.items;
    let pos = items.iter().position(|i| i.number == n).unwrap_or(0);
    let prev = pos.checked_sub(1).map(|p| items[p].number);
    let next = items.get(pos + 1).map(|i| i.number);
    let item = &items[pos];
    let phrases = phrases(core);

    let keys = read_keys(ui);
    if keys.next {
        match next {
            Some(to) => go_to(ctx, n, to),
            None => leave_item(ctx, n),
        }
    }
    if keys.previous
        && let Some(to) = prev
    {
        go_to(ctx, n, to);
    }
    if keys.proposed {
        use_proposed(ctx, item);
    }
    if let Some(p) = keys.phrase.and_then(|k| phrases.get(k)) {
        use_phrase(ctx, item, p, &phrases);
    }
    if keys.new_follow_up {
        minutes_parts::add_follow_up(ctx, item);
    }
    if let Some(f) = keys.focus {
        // Focus at once, so the keys typed after the shortcut in this same frame go there.
        let shown = ctx.runtime.selected_item.unwrap_or(n);
        ui.memory_mut(|m| m.request_focus(field_id(f, shown)));
        ctx.runtime.minutes.focus = Some(f);
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
            minutes_parts::guests_ui(ui, ctx, core, item);
            ui.add_space(6.0);
            minutes_parts::vote_ui(ui, ctx, item);
            ui.add_space(6.0);
            minutes_parts::follow_ups_ui(ui, ctx, item);
            ui.add_space(12.0);
        });
}

/// Case number, title, presenters, navigation and times of the item in focus.
fn item_header_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, item: &Item, pos: usize, count: usize) {
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
        let mut line = super::kind_label(lang, item.kind).to_owned();
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
        super::attendance_ui::quorum_badge_ui(ui, lang, record, item.number);
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
fn times_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, item: &Item) {
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
#[allow(clippy::option_option)]
struct TimeField {
    response: egui::Response,
    /// `Some(None)`: cleared; `Some(Some(t))`: a time typed.
    value: Option<Option<NaiveTime>>,
}

impl TimeField {
    fn labelled_by(self, id: egui::Id) -> Self {
        Self {
            response: self.response.labelled_by(id),
            value: self.value,
        }
    }
}

/// Reads `8:20`, `08:20` or `0820`.
fn parse_time(text: &str) -> Option<NaiveTime> {
    let t = text.trim();
    NaiveTime::parse_from_str(t, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(t, "%H%M"))
        .ok()
}

/// A `HH:MM` field. Half-typed text stays in the field (not in the meeting) until it is a time.
fn time_field(
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

/// The proposed decision, the decision (Vedtak), quick phrases and the outcome.
fn decision_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, item: &Item, phrases: &[String]) {
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
    take_focus(ctx, Field::Decision, &response);
    if response.changed() {
        push_edit(
            ctx,
            Edit::SetItemText {
                item: item.number,
                field: ItemText::Decision,
                text,
            },
        );
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
                super::outcome_label(lang, Outcome::Decided),
            ),
            (
                Some(Outcome::Noted),
                super::outcome_label(lang, Outcome::Noted),
            ),
            (
                Some(Outcome::Postponed),
                super::outcome_label(lang, Outcome::Postponed),
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
fn phrase_editor_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>) {
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
        ctx.commands.push(Command::SetPhrases(phrases));
    }
}

/// Focuses `response` when `field` was asked for.
pub(super) fn take_focus(ctx: &mut PaneCtx<'_>, field: Field, response: &egui::Response) {
    if ctx.runtime.minutes.focus == Some(field) {
        response.request_focus();
        ctx.runtime.minutes.focus = None;
    }
}

/// The notes (Markdown), with list help.
fn notes_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, item: &Item) {
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
    let (response, changed) = markdown_editor(
        ui,
        id,
        item.notes.as_deref().unwrap_or(""),
        lang.tr("Hva ble sagt og besluttet …", "What was said and decided …"),
        10,
        ctx.editable(),
    );
    let response = response.accessible_name(lang.tr("Notater", "Notes"));
    take_focus(ctx, Field::Notes, &response);
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

/// The overview: every item as the minutes will read. Clicking an item opens it in meeting
/// mode. Notes outside the visible area are not laid out (their height from an earlier frame
/// is reserved instead), so long minutes scroll smoothly; headings and decisions always are.
fn overview_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>) {
    let lang = ctx.lang;
    let record = &ctx.open.record;
    let mut open_item = None;
    let state = &mut ctx.runtime.minutes;
    egui::ScrollArea::vertical()
        .id_salt("minutes_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let width = ui.available_width();
            if (width - state.heights_width).abs() > 0.5 {
                state.heights.clear();
                state.heights_width = width;
            }
            for item in &record.meeting.items {
                overview_item_ui(ui, lang, record, item, &mut open_item, &mut state.heights);
            }
        });
    if let Some(n) = open_item {
        ctx.runtime.selected_item = Some(n);
        set_meeting_mode(ctx, true);
    }
}

fn overview_item_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    record: &MeetingRecord,
    item: &Item,
    open_item: &mut Option<u32>,
    notes_heights: &mut HashMap<u32, f32>,
) {
    let case = record.meeting.case_number(item);
    ui.horizontal(|ui| {
        ui.heading(format!("{case} {}", item.title));
        if ui
            .small_button(lang.tr("Åpne i møtemodus", "Open in meeting mode"))
            .clicked()
        {
            *open_item = Some(item.number);
        }
    });
    let times = super::widgets::time_span(item.started, item.ended);
    if !times.is_empty() {
        ui.label(RichText::new(times).weak());
    }
    if let Some(d) = &item.decision {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(RichText::new(format!("{} {d}", lang.tr("Vedtak:", "Decision:"))).strong());
        });
    }
    if let Some(o) = item.outcome {
        ui.label(RichText::new(super::outcome_label(lang, o)).weak());
    }
    if let Some(v) = &item.vote {
        ui.label(minutes_parts::result_line(record, v));
    }
    if !item.guests.is_empty() {
        ui.label(format!(
            "{} {}",
            lang.tr("Deltok:", "Took part:"),
            names(record, &item.guests)
        ));
    }
    let width = ui.available_width();
    let hidden = notes_heights.get(&item.number).is_some_and(|&h| {
        !ui.is_rect_visible(egui::Rect::from_min_size(
            ui.cursor().min,
            egui::vec2(width, h),
        ))
    });
    if hidden {
        ui.allocate_space(egui::vec2(width, notes_heights[&item.number]));
    } else {
        let top = ui.cursor().min.y;
        super::widgets::text_block(ui, lang.tr("Notater", "Notes"), item.notes.as_deref());
        notes_heights.insert(item.number, ui.cursor().min.y - top);
    }
    for f in &item.follow_ups {
        ui.label(format!(
            "→ {}",
            minutes_parts::follow_up_line(lang, record, f)
        ));
    }
    ui.separator();
}

/// Remembers in the database where the referent is working, whenever it changes. Called by
/// the app after the panes each frame.
pub fn remember_place(core: &Core, runtime: &mut super::Runtime, commands: &mut Vec<Command>) {
    let Some(open) = &core.open else { return };
    let place = WorkPlace {
        meeting: open.id,
        item: runtime.selected_item,
        meeting_mode: runtime.minutes.meeting_mode,
    };
    if runtime.minutes.remembered != Some(place) && !core.read_only {
        runtime.minutes.remembered = Some(place);
        commands.push(Command::RememberPlace(place));
    }
}

/// Restores the place remembered at the last run: the meeting to open, the item in focus and
/// meeting mode (with the Referat pane in front).
pub fn resume(
    place: Option<WorkPlace>,
    runtime: &mut super::Runtime,
    tree: &mut egui_tiles::Tree<super::Pane>,
) {
    let Some(place) = place else { return };
    runtime.selected_item = place.item;
    runtime.minutes.meeting_mode = place.meeting_mode;
    runtime.minutes.remembered = Some(place);
    if place.meeting_mode {
        runtime.minutes.focus = Some(Field::Notes);
        show_minutes_pane(tree);
    }
}

/// Brings the Referat pane to the front.
pub fn show_minutes_pane(tree: &mut egui_tiles::Tree<super::Pane>) {
    tree.make_active(|_, tile| matches!(tile, egui_tiles::Tile::Pane(super::Pane::Minutes)));
}

/// The app's fonts and spacing on a bare context, for benchmarks.
#[doc(hidden)]
pub fn bench_style(ctx: &egui::Context) {
    super::widgets::setup_style(ctx);
}

/// One frame of the Referat pane on its own, for benchmarks.
#[doc(hidden)]
pub fn bench_frame(
    ui: &mut egui::Ui,
    core: &Core,
    runtime: &mut super::Runtime,
    commands: &mut Vec<Command>,
) {
    let Some(open) = core.open.as_ref() else {
        return;
    };
    let mut ctx = PaneCtx {
        lang: Lang::Nb,
        open,
        read_only: false,
        runtime,
        commands,
    };
    minutes_ui(ui, &mut ctx, core);
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
