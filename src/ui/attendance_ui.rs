//! Oppmøte: the summoned list (keyboard first), late arrivals and early departures,
//! disqualifications, who was in the room for the item in focus and whether that was a quorum,
//! and the attendance lines the minutes will print.

use chrono::{NaiveTime, Timelike};
use egui::{Align, Color32, Key, Layout, RichText, Sense, UiBuilder};

use crate::app::Command;
use crate::i18n::Lang;
use crate::model::{
    Attendance, AttendanceEdit, AttendanceStatus, Edit, Item, MeetingRecord, PersonId, Quorum,
    QuorumRule, header_lines, is_disqualified, presence, presence_by_item, voting_members,
};

use super::labels::attendance_label;
use super::widgets::PaneCtx;

/// The pane's own state, kept in [`super::Runtime`] between frames.
#[derive(Debug, Default)]
pub struct AttendanceState {
    /// The row of the summoned list that has the keyboard (index into the list).
    row: usize,
    /// Choosing the member a deputy meets for: the deputy and the highlighted choice.
    picking: Option<(PersonId, usize)>,
    /// Whose arrival and departure times the two time fields hold, and the stored values they
    /// were filled from (a change from elsewhere, e.g. a key or undo, refills them).
    times_for: Option<(PersonId, Option<NaiveTime>, Option<NaiveTime>)>,
    /// The arrival time as typed.
    arrival_time: String,
    /// The departure time as typed.
    departure_time: String,
    /// "Surname, Given" of a new person to summon.
    new_name: String,
    /// A known person chosen to be summoned.
    known_pick: Option<PersonId>,
    /// The person chosen in the disqualification form.
    disq_person: Option<PersonId>,
    /// The reason typed in the disqualification form.
    disq_reason: String,
    /// What went wrong with the last thing typed, shown until the next success.
    problem: Option<String>,
}

const GREEN: Color32 = Color32::from_rgb(0x1e, 0x7a, 0x34);
const RED: Color32 = Color32::from_rgb(0xb0, 0x1e, 0x1e);
const GREY: Color32 = Color32::from_rgb(0x70, 0x70, 0x70);

fn status_color(status: AttendanceStatus) -> Color32 {
    match status {
        AttendanceStatus::Summoned => GREY,
        AttendanceStatus::Present => GREEN,
        AttendanceStatus::Absent => Color32::from_rgb(0xb3, 0x6b, 0x00),
        AttendanceStatus::AbsentNoNotice => RED,
        AttendanceStatus::Deputy => Color32::from_rgb(0x1d, 0x5f, 0xa8),
    }
}

/// The current time to the minute.
fn now_minute() -> Option<NaiveTime> {
    let t = chrono::Local::now().time();
    NaiveTime::from_hms_opt(t.hour(), t.minute(), 0)
}

fn time_text(t: Option<NaiveTime>) -> String {
    t.map(|t| t.format("%H:%M").to_string()).unwrap_or_default()
}

/// Reads "09:10", "9:10", "0910" or "" (none).
fn parse_time(text: &str) -> Result<Option<NaiveTime>, ()> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    NaiveTime::parse_from_str(t, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(t, "%H.%M"))
        .or_else(|_| NaiveTime::parse_from_str(t, "%H%M"))
        .map(Some)
        .map_err(|_| ())
}

/// "2024/M4-003 Økonomi- og aktivitetsrapport".
fn item_title(record: &MeetingRecord, item: &Item) -> String {
    format!("{} {}", record.meeting.case_number(item), item.title)
}

/// The short case number of item `n`, "M4-003".
fn short_case(record: &MeetingRecord, n: u32) -> String {
    format!("M{}-{n:03}", record.meeting.reference.number)
}

/// The item the live panel shows: the selected item, or the first.
fn focus_item(ctx: &PaneCtx<'_>) -> Option<u32> {
    let items = &ctx.open.record.meeting.items;
    ctx.runtime
        .selected_item
        .filter(|n| items.iter().any(|i| i.number == *n))
        .or_else(|| items.first().map(|i| i.number))
}

/// Draws the Oppmøte pane.
pub fn attendance_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>) {
    let editable = ctx.editable();
    roles_bar_ui(ui, ctx, editable);
    ui.separator();
    let wide = ui.available_width() >= 860.0;
    if wide {
        let left = (ui.available_width() * 0.58).floor();
        ui.horizontal_top(|ui| {
            ui.allocate_ui_with_layout(
                egui::vec2(left, ui.available_height()),
                Layout::top_down(Align::LEFT),
                |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("attendance_left")
                        .auto_shrink([false, false])
                        .show(ui, |ui| left_column_ui(ui, ctx, editable));
                },
            );
            ui.separator();
            ui.vertical(|ui| {
                egui::ScrollArea::vertical()
                    .id_salt("attendance_right")
                    .auto_shrink([false, false])
                    .show(ui, |ui| right_column_ui(ui, ctx, editable));
            });
        });
    } else {
        egui::ScrollArea::vertical()
            .id_salt("attendance_narrow")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                left_column_ui(ui, ctx, editable);
                ui.separator();
                right_column_ui(ui, ctx, editable);
            });
    }
}

fn left_column_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, editable: bool) {
    summoned_list_ui(ui, ctx, editable);
    ui.add_space(6.0);
    person_details_ui(ui, ctx, editable);
    ui.add_space(6.0);
    add_people_ui(ui, ctx, editable);
}

fn right_column_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, editable: bool) {
    item_panel_ui(ui, ctx, editable);
    ui.add_space(8.0);
    header_preview_ui(ui, ctx.lang, &ctx.open.record);
}

// ---------------------------------------------------------------------------------------------
// Chair, referent.

/// People who can be chosen as chair or referent: the summoned list, then the body's
/// members on the date who are not on it.
fn role_candidates(record: &MeetingRecord) -> Vec<PersonId> {
    let mut out: Vec<PersonId> = record
        .meeting
        .attendance
        .iter()
        .map(|a| a.person.clone())
        .collect();
    for m in record.body.members_on(record.meeting.date) {
        if !out.contains(&m.person) {
            out.push(m.person.clone());
        }
    }
    out
}

/// What was picked in a combo box: a value, or the "none" entry.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Picked<T> {
    Value(T),
    Nothing,
}

impl<T> Picked<T> {
    fn as_option(&self) -> Option<&T> {
        match self {
            Picked::Value(v) => Some(v),
            Picked::Nothing => None,
        }
    }

    fn into_option(self) -> Option<T> {
        match self {
            Picked::Value(v) => Some(v),
            Picked::Nothing => None,
        }
    }
}

/// Runs `add` in a scope at most `width` wide, so a long choice is cut short instead of
/// widening the layout.
fn fixed_width<R>(ui: &mut egui::Ui, width: f32, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    ui.scope(|ui| {
        ui.set_max_width(width);
        add(ui)
    })
    .inner
}

/// How a combo box is named for screen readers (and tests): by the visible label beside it,
/// or by a name of its own.
#[derive(Clone, Copy)]
enum Named<'a> {
    By(egui::Id),
    Name(&'a str),
}

fn name_it(response: egui::Response, named: Named<'_>) {
    match named {
        Named::By(id) => {
            let _ = response.labelled_by(id);
        }
        Named::Name(name) => {
            let _ = response.accessible_name(name);
        }
    }
}

fn person_combo(
    ui: &mut egui::Ui,
    id: &str,
    named: Named<'_>,
    lang: Lang,
    record: &MeetingRecord,
    current: Option<&PersonId>,
    candidates: &[PersonId],
) -> Option<Picked<PersonId>> {
    let mut chosen = None;
    let none = lang.tr("(ingen)", "(none)");
    let width = 220f32.min(ui.available_width());
    let combo = fixed_width(ui, width, |ui| {
        egui::ComboBox::from_id_salt(id)
            .width(width)
            .truncate()
            .selected_text(current.map_or_else(|| none.to_owned(), |p| record.name_of(p)))
            .show_ui(ui, |ui| {
                if ui.selectable_label(current.is_none(), none).clicked() {
                    chosen = Some(Picked::Nothing);
                }
                for p in candidates {
                    if ui
                        .selectable_label(current == Some(p), record.name_of(p))
                        .clicked()
                    {
                        chosen = Some(Picked::Value(p.clone()));
                    }
                }
            })
    });
    name_it(combo.response, named);
    chosen.filter(|c| c.as_option() != current)
}

fn roles_bar_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, editable: bool) {
    let lang = ctx.lang;
    let record = &ctx.open.record;
    let m = &record.meeting;
    let candidates = role_candidates(record);
    ui.add_enabled_ui(editable, |ui| {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(RichText::new(lang.tr("Møteleder", "Chair")).strong());
            if let Some(p) = person_combo(
                ui,
                "attendance_chair",
                Named::By(label.id),
                lang,
                record,
                m.chair.as_ref(),
                &candidates,
            ) {
                ctx.commands
                    .push(Command::Edit(Edit::SetChair(p.into_option())));
            }
            ui.add_space(12.0);
            let label = ui.label(RichText::new(lang.tr("Referent", "Minute-taker")).strong());
            if let Some(p) = person_combo(
                ui,
                "attendance_referent",
                Named::By(label.id),
                lang,
                record,
                m.referent.as_ref(),
                &candidates,
            ) {
                ctx.commands
                    .push(Command::Edit(Edit::SetReferent(p.into_option())));
            }
        });
    });
}

// ---------------------------------------------------------------------------------------------
// The summoned list.

/// The members a deputy can meet for: the body's voting members on the date, other than the
/// deputy, not marked present themselves, and not already met for by another deputy.
fn deputy_choices(record: &MeetingRecord, deputy: &PersonId) -> Vec<PersonId> {
    let att = &record.meeting.attendance;
    voting_members(record)
        .into_iter()
        .filter(|m| m != deputy)
        .filter(|m| {
            !att.iter()
                .any(|a| &a.person == m && a.status == AttendanceStatus::Present)
        })
        .filter(|m| {
            !att.iter().any(|a| {
                &a.person != deputy
                    && a.status == AttendanceStatus::Deputy
                    && a.deputy_for.as_ref() == Some(m)
            })
        })
        .collect()
}

/// What the row's last column says: deputy for whom, arrival, departure, disqualifications.
fn row_note(lang: Lang, record: &MeetingRecord, index: usize) -> String {
    let row = &record.meeting.attendance[index];
    let mut parts = Vec::new();
    if row.status == AttendanceStatus::Deputy
        && let Some(m) = &row.deputy_for
    {
        parts.push(format!("{} {}", lang.tr("for", "for"), record.name_of(m)));
    }
    let at = |t: Option<NaiveTime>| {
        t.map(|t| format!(" {} {}", lang.tr("kl.", "at"), t.format("%H:%M")))
            .unwrap_or_default()
    };
    if row.arrived_item.is_some() || row.arrived.is_some() {
        let item = row
            .arrived_item
            .map(|n| format!(" {} {}", lang.tr("sak", "item"), short_case(record, n)))
            .unwrap_or_default();
        parts.push(format!(
            "{}{item}{}",
            lang.tr("kom til", "came to"),
            at(row.arrived)
        ));
    }
    if row.left_after_item.is_some() || row.left.is_some() {
        let item = row
            .left_after_item
            .map(|n| {
                format!(
                    " {} {}",
                    lang.tr("etter sak", "after item"),
                    short_case(record, n)
                )
            })
            .unwrap_or_default();
        parts.push(format!("{}{item}{}", lang.tr("gikk", "left"), at(row.left)));
    }
    let disq: Vec<String> = record
        .meeting
        .disqualifications
        .iter()
        .filter(|d| d.person == row.person)
        .map(|d| short_case(record, d.item))
        .collect();
    if !disq.is_empty() {
        parts.push(format!(
            "{} {}",
            lang.tr("inhabil i", "disqualified in"),
            disq.join(", ")
        ));
    }
    parts.join(" · ")
}

/// A key pressed while the list has the keyboard.
#[derive(Clone, Copy)]
enum ListKey {
    Up,
    Down,
    Home,
    End,
    Status(AttendanceStatus),
    Deputy,
    Arrive,
    Leave,
    Enter,
    Escape,
    Digit(usize),
}

/// Takes every key the list understands from this frame's input, in the order pressed, so
/// that fast typing ("T T F T") loses nothing.
fn read_list_keys(ui: &egui::Ui) -> Vec<ListKey> {
    let map = |key: Key| -> Option<ListKey> {
        let digits = [
            Key::Num1,
            Key::Num2,
            Key::Num3,
            Key::Num4,
            Key::Num5,
            Key::Num6,
            Key::Num7,
            Key::Num8,
            Key::Num9,
        ];
        if let Some(n) = digits.iter().position(|d| *d == key) {
            return Some(ListKey::Digit(n));
        }
        Some(match key {
            Key::ArrowUp => ListKey::Up,
            Key::ArrowDown => ListKey::Down,
            Key::Home => ListKey::Home,
            Key::End => ListKey::End,
            Key::T => ListKey::Status(AttendanceStatus::Present),
            Key::F => ListKey::Status(AttendanceStatus::Absent),
            Key::I => ListKey::Status(AttendanceStatus::AbsentNoNotice),
            Key::Backspace => ListKey::Status(AttendanceStatus::Summoned),
            Key::V => ListKey::Deputy,
            Key::A => ListKey::Arrive,
            Key::G => ListKey::Leave,
            Key::Enter => ListKey::Enter,
            Key::Escape => ListKey::Escape,
            _ => return None,
        })
    };
    ui.input_mut(|i| {
        let mut keys = Vec::new();
        i.events.retain(|e| {
            if let egui::Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } = e
                && !(modifiers.ctrl || modifiers.alt || modifiers.command || modifiers.mac_cmd)
                && let Some(k) = map(*key)
            {
                keys.push(k);
                false
            } else {
                true
            }
        });
        keys
    })
}

fn set_status(ctx: &mut PaneCtx<'_>, person: &PersonId, status: AttendanceStatus) {
    ctx.commands.push(Command::Edit(Edit::SetAttendance {
        person: person.clone(),
        status,
        deputy_for: None,
    }));
}

/// Carries out a key on the list. Returns whether the focused row moved.
fn handle_list_key(ctx: &mut PaneCtx<'_>, state_key: ListKey, rows: usize) -> bool {
    let record = &ctx.open.record;
    let st = &mut ctx.runtime.attendance;
    let Some(person) = record
        .meeting
        .attendance
        .get(st.row)
        .map(|a| a.person.clone())
    else {
        return false;
    };
    if let Some((deputy, choice)) = st.picking.clone() {
        let choices = deputy_choices(record, &deputy);
        let pick = match state_key {
            ListKey::Up => {
                st.picking = Some((deputy.clone(), choice.saturating_sub(1)));
                None
            }
            ListKey::Down => {
                let last = choices.len().saturating_sub(1);
                st.picking = Some((deputy.clone(), (choice + 1).min(last)));
                None
            }
            ListKey::Enter => Some(choice),
            ListKey::Digit(n) => Some(n),
            _ => {
                st.picking = None;
                None
            }
        };
        if let Some(member) = pick.and_then(|n| choices.get(n)) {
            st.picking = None;
            ctx.commands.push(Command::Edit(Edit::SetAttendance {
                person: deputy,
                status: AttendanceStatus::Deputy,
                deputy_for: Some(member.clone()),
            }));
        }
        return false;
    }
    let last = rows.saturating_sub(1);
    match state_key {
        ListKey::Up => st.row = st.row.saturating_sub(1),
        ListKey::Down => st.row = (st.row + 1).min(last),
        ListKey::Home => st.row = 0,
        ListKey::End => st.row = last,
        ListKey::Status(status) => {
            // Mark and move on: a roll call is one key per person.
            st.row = (st.row + 1).min(last);
            set_status(ctx, &person, status);
        }
        ListKey::Deputy => {
            if deputy_choices(record, &person).is_empty() {
                st.problem = Some(
                    ctx.lang
                        .tr(
                            "Ingen medlemmer å møte for: alle medlemmer er til stede eller har vara.",
                            "No member to stand in for: every member is present or has a deputy.",
                        )
                        .to_owned(),
                );
            } else {
                st.problem = None;
                st.picking = Some((person, 0));
            }
            return false;
        }
        ListKey::Arrive | ListKey::Leave => {
            let Some(item) = focus_item(ctx) else {
                return false;
            };
            let edit = if matches!(state_key, ListKey::Arrive) {
                AttendanceEdit::Arrival {
                    person,
                    item: Some(item),
                    time: now_minute(),
                }
            } else {
                AttendanceEdit::Departure {
                    person,
                    item: Some(item),
                    time: now_minute(),
                }
            };
            ctx.commands.push(Command::Edit(Edit::Attendance(edit)));
            return false;
        }
        ListKey::Enter | ListKey::Escape | ListKey::Digit(_) => return false,
    }
    true
}

fn summoned_list_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, editable: bool) {
    let lang = ctx.lang;
    let rows = ctx.open.record.meeting.attendance.len();
    ui.horizontal(|ui| {
        ui.heading(lang.tr("Innkalte", "Summoned"));
        ui.label(RichText::new(format!("{rows} {}", lang.tr("personer", "people"))).weak());
    });
    if rows == 0 {
        ui.label(lang.tr(
            "Ingen er innkalt ennå. Fyll inn organets medlemmer eller legg til personer nedenfor.",
            "Nobody is summoned yet. Fill in the body's members or add people below.",
        ));
        return;
    }
    let list_id = ui.make_persistent_id("attendance_list");
    let has_focus = ui.memory(|m| m.has_focus(list_id));
    let picking = ctx.runtime.attendance.picking.is_some();
    if has_focus {
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                list_id,
                egui::EventFilter {
                    vertical_arrows: true,
                    escape: picking,
                    ..Default::default()
                },
            );
        });
    }
    ctx.runtime.attendance.row = ctx.runtime.attendance.row.min(rows - 1);
    let mut moved = false;
    if has_focus {
        for key in read_list_keys(ui) {
            if editable {
                moved |= handle_list_key(ctx, key, rows);
            } else {
                // A locked meeting can still be read row by row.
                let st = &mut ctx.runtime.attendance;
                match key {
                    ListKey::Up => st.row = st.row.saturating_sub(1),
                    ListKey::Down => st.row = (st.row + 1).min(rows - 1),
                    _ => {}
                }
                moved = true;
            }
        }
    }

    // Hints: every key the list takes, always visible.
    let hint = if ctx.runtime.attendance.picking.is_some() {
        lang.tr(
            "Velg medlemmet varaen møter for: ↑↓ og Enter, eller tallet · Esc avbryter",
            "Choose the member the deputy stands in for: ↑↓ and Enter, or the number · Esc cancels",
        )
    } else if has_focus {
        lang.tr(
            "↑↓ flytt · T til stede · F forfall · I ikke møtt · V vara for … · A kom til valgt sak · G gikk etter valgt sak · ⌫ innkalt",
            "↑↓ move · T present · F apologies · I absent · V deputy for … · A arrived at selected item · G left after selected item · ⌫ summoned",
        )
    } else {
        lang.tr(
            "Klikk i listen for å registrere med tastaturet: T til stede · F forfall · I ikke møtt · V vara",
            "Click the list to record with the keyboard: T present · F apologies · I absent · V deputy",
        )
    };
    ui.label(RichText::new(hint).color(if has_focus {
        ui.visuals().strong_text_color()
    } else {
        ui.visuals().weak_text_color()
    }));

    let record = &ctx.open.record;
    let focused_row = ctx.runtime.attendance.row;
    let row_h = 22.0;
    let width = ui.available_width().max(300.0);
    let cols = [
        18.0,
        (width * 0.34).max(150.0),
        (width * 0.22).max(90.0),
        90.0,
    ];
    let mut rects = Vec::with_capacity(rows);

    // Column headings.
    let (head, _) = ui.allocate_exact_size(egui::vec2(width, row_h), Sense::hover());
    let headings = [
        "",
        lang.tr("Navn", "Name"),
        lang.tr("Representerer", "Represents"),
        lang.tr("Status", "Status"),
        lang.tr("Merknad", "Note"),
    ];
    row_cells(ui, head, &cols, |ui, c| {
        ui.label(RichText::new(headings[c]).strong());
    });

    for (i, row) in record.meeting.attendance.iter().enumerate() {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(width, row_h), Sense::hover());
        rects.push(rect);
        let focused = i == focused_row;
        if focused {
            let fill = if has_focus {
                ui.visuals().selection.bg_fill
            } else {
                ui.visuals().widgets.hovered.bg_fill
            };
            ui.painter().rect_filled(rect, 3.0, fill);
        } else if i % 2 == 1 {
            ui.painter()
                .rect_filled(rect, 0.0, ui.visuals().faint_bg_color);
        }
        let person = record.person(&row.person);
        let note = row_note(lang, record, i);
        let on_selection = (focused && has_focus).then(|| ui.visuals().selection.stroke.color);
        row_cells(ui, rect, &cols, |ui, c| match c {
            0 => {
                if focused {
                    ui.label("▸");
                }
            }
            1 => {
                let name = RichText::new(record.name_of(&row.person));
                ui.label(on_selection.map_or(name.clone(), |c| name.color(c)));
            }
            2 => {
                let org =
                    RichText::new(person.and_then(|p| p.organization.as_deref()).unwrap_or(""));
                ui.label(on_selection.map_or_else(|| org.clone().weak(), |c| org.clone().color(c)));
            }
            3 => {
                let status = RichText::new(attendance_label(lang, row.status));
                ui.label(if on_selection.is_some() {
                    status.strong().color(Color32::WHITE)
                } else {
                    status.color(status_color(row.status))
                });
            }
            _ => {
                if !note.is_empty() {
                    let text = RichText::new(note.as_str()).small();
                    let text = on_selection.map_or(text.clone(), |c| text.color(c));
                    ui.add(egui::Label::new(text).truncate());
                }
            }
        });
        if focused
            && let Some((deputy, choice)) = &ctx.runtime.attendance.picking
            && deputy == &row.person
        {
            deputy_picker_ui(ui, ctx.lang, record, deputy, *choice);
        }
    }

    let Some(all) = rects.iter().copied().reduce(egui::Rect::union) else {
        return;
    };
    let list_label = lang.tr(
        "Innkalte (piltaster flytter, T/F/I/V setter status)",
        "Summoned (arrow keys move, T/F/I/V set status)",
    );
    let response = ui.interact(all, list_id, Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::List, true, list_label));
    if response.clicked() {
        if let Some(pos) = response.interact_pointer_pos()
            && let Some(i) = rects.iter().position(|r| r.contains(pos))
        {
            ctx.runtime.attendance.row = i;
            ctx.runtime.attendance.picking = None;
        }
        response.request_focus();
    }
    if moved && let Some(r) = rects.get(ctx.runtime.attendance.row) {
        ui.scroll_to_rect(*r, None);
    }
    if has_focus {
        ui.painter().rect_stroke(
            all.expand(2.0),
            3.0,
            ui.visuals().selection.stroke,
            egui::StrokeKind::Outside,
        );
    }
}

/// Lays out one row's cells: fixed widths for the first columns, the rest for the last.
fn row_cells(
    ui: &mut egui::Ui,
    rect: egui::Rect,
    widths: &[f32],
    mut cell: impl FnMut(&mut egui::Ui, usize),
) {
    let mut x = rect.left() + 4.0;
    for c in 0..=widths.len() {
        let w = widths.get(c).copied().unwrap_or(rect.right() - x);
        let cell_rect = egui::Rect::from_min_max(
            egui::pos2(x, rect.top()),
            egui::pos2((x + w - 6.0).max(x), rect.bottom()),
        );
        let mut child = ui.new_child(
            UiBuilder::new()
                .max_rect(cell_rect)
                .layout(Layout::left_to_right(Align::Center)),
        );
        child.set_clip_rect(cell_rect.intersect(ui.clip_rect()));
        cell(&mut child, c);
        x += w;
    }
}

fn deputy_picker_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    record: &MeetingRecord,
    deputy: &PersonId,
    choice: usize,
) {
    let choices = deputy_choices(record, deputy);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(
            RichText::new(format!(
                "{} {} {}",
                record.name_of(deputy),
                lang.tr("møter som vara for:", "stands in as deputy for:"),
                ""
            ))
            .strong(),
        );
        for (n, member) in choices.iter().enumerate() {
            let text = format!("{}  {}", n + 1, record.name_of(member));
            let rt = if n == choice {
                RichText::new(text)
                    .strong()
                    .background_color(ui.visuals().selection.bg_fill)
            } else {
                RichText::new(text)
            };
            ui.label(rt);
        }
    });
}

// ---------------------------------------------------------------------------------------------
// The focused person: deputy for, arrival, departure, removal.

fn item_combo(
    ui: &mut egui::Ui,
    id: &str,
    width: f32,
    named: Named<'_>,
    record: &MeetingRecord,
    current: Option<u32>,
    none_text: &str,
) -> Option<Picked<u32>> {
    let mut chosen = None;
    let selected = current
        .and_then(|n| record.meeting.items.iter().find(|i| i.number == n))
        .map_or_else(|| none_text.to_owned(), |i| item_title(record, i));
    let width = width.min(ui.available_width());
    let combo = fixed_width(ui, width, |ui| {
        egui::ComboBox::from_id_salt(id)
            .width(width)
            .truncate()
            .selected_text(selected)
            .show_ui(ui, |ui| {
                if ui.selectable_label(current.is_none(), none_text).clicked() {
                    chosen = Some(Picked::Nothing);
                }
                for item in &record.meeting.items {
                    if ui
                        .selectable_label(current == Some(item.number), item_title(record, item))
                        .clicked()
                    {
                        chosen = Some(Picked::Value(item.number));
                    }
                }
            })
    });
    name_it(combo.response, named);
    chosen.filter(|c| c.as_option().copied() != current)
}

/// A person's arrival at an item or departure after one.
#[derive(Clone, Copy)]
enum Movement {
    Arrival,
    Departure,
}

/// One row of the person's details: the item and the time of an arrival or a departure, with
/// a "now" button. The time is stored when its field loses focus or the item is chosen.
fn movement_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, row: &Attendance, movement: Movement) {
    let lang = ctx.lang;
    let record = &ctx.open.record;
    let (label, combo_id, none, time_name, item_now, time_now) = match movement {
        Movement::Arrival => (
            lang.tr("Kom til sak", "Arrived at item"),
            "attendance_arrived_item",
            lang.tr("(fra møtestart)", "(from the start)"),
            lang.tr("Kom klokken", "Arrival time"),
            row.arrived_item,
            row.arrived,
        ),
        Movement::Departure => (
            lang.tr("Gikk etter sak", "Left after item"),
            "attendance_left_item",
            lang.tr("(til møteslutt)", "(to the end)"),
            lang.tr("Gikk klokken", "Departure time"),
            row.left_after_item,
            row.left,
        ),
    };
    let edit = |item: Option<u32>, time: Option<NaiveTime>| {
        let person = row.person.clone();
        Command::Edit(Edit::Attendance(match movement {
            Movement::Arrival => AttendanceEdit::Arrival { person, item, time },
            Movement::Departure => AttendanceEdit::Departure { person, item, time },
        }))
    };
    let label = ui.label(label);
    ui.horizontal(|ui| {
        let st = &mut ctx.runtime.attendance;
        let chosen = item_combo(
            ui,
            combo_id,
            250.0,
            Named::By(label.id),
            record,
            item_now,
            none,
        );
        ui.label(lang.tr("kl.", "at"));
        let text = match movement {
            Movement::Arrival => &mut st.arrival_time,
            Movement::Departure => &mut st.departure_time,
        };
        let time = ui
            .add(
                egui::TextEdit::singleline(text)
                    .desired_width(56.0)
                    .hint_text("tt:mm"),
            )
            .accessible_name(time_name);
        if time.lost_focus() || chosen.is_some() {
            match parse_time(text) {
                Ok(t) => {
                    let item = chosen.map_or(item_now, Picked::into_option);
                    if item != item_now || t != time_now {
                        st.problem = None;
                        ctx.commands.push(edit(item, t));
                    }
                }
                Err(()) => {
                    st.problem = Some(format!(
                        "{} «{}» (tt:mm)",
                        lang.tr("Ugyldig klokkeslett:", "Invalid time:"),
                        text
                    ));
                }
            }
        }
        if ui
            .small_button(lang.tr("nå", "now"))
            .on_hover_text(lang.tr("Sett klokkeslettet nå", "Set the time to now"))
            .clicked()
        {
            *text = time_text(now_minute());
            ctx.commands.push(edit(item_now, now_minute()));
        }
    });
}

fn person_details_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, editable: bool) {
    let lang = ctx.lang;
    let record = &ctx.open.record;
    let Some(row) = record.meeting.attendance.get(ctx.runtime.attendance.row) else {
        return;
    };
    let st = &mut ctx.runtime.attendance;
    let source = (row.person.clone(), row.arrived, row.left);
    if st.times_for.as_ref() != Some(&source) {
        st.times_for = Some(source);
        st.arrival_time = time_text(row.arrived);
        st.departure_time = time_text(row.left);
    }
    let person = row.person.clone();
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(
            RichText::new(format!(
                "{} {} · {}",
                lang.tr("Valgt:", "Selected:"),
                record.name_of(&person),
                attendance_label(lang, row.status)
            ))
            .strong(),
        );
        ui.add_enabled_ui(editable, |ui| {
            egui::Grid::new("attendance_person")
                .num_columns(2)
                .spacing([8.0, 6.0])
                .show(ui, |ui| {
                    let label = ui.label(lang.tr("Møter som vara for", "Deputy for"));
                    let mut choices = deputy_choices(record, &person);
                    if let Some(m) = &row.deputy_for
                        && !choices.contains(m)
                    {
                        choices.insert(0, m.clone());
                    }
                    match person_combo(
                        ui,
                        "attendance_deputy_for",
                        Named::By(label.id),
                        lang,
                        record,
                        row.deputy_for.as_ref(),
                        &choices,
                    ) {
                        Some(Picked::Value(m)) => {
                            ctx.commands.push(Command::Edit(Edit::SetAttendance {
                                person: person.clone(),
                                status: AttendanceStatus::Deputy,
                                deputy_for: Some(m),
                            }));
                        }
                        // No longer a deputy: present in their own right.
                        Some(Picked::Nothing) => {
                            set_status(ctx, &person, AttendanceStatus::Present);
                        }
                        None => {}
                    }
                    ui.end_row();

                    movement_ui(ui, ctx, row, Movement::Arrival);
                    ui.end_row();
                    movement_ui(ui, ctx, row, Movement::Departure);
                    ui.end_row();
                });
            ui.horizontal(|ui| {
                if ui
                    .button(lang.tr("Fjern fra innkallingslisten", "Remove from the list"))
                    .clicked()
                {
                    ctx.commands.push(Command::Edit(Edit::RemoveAttendance {
                        person: person.clone(),
                    }));
                }
            });
        });
        if let Some(p) = &ctx.runtime.attendance.problem {
            ui.colored_label(ui.visuals().error_fg_color, p);
        }
    });
}

// ---------------------------------------------------------------------------------------------
// Filling the list.

fn add_people_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, editable: bool) {
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
                            ctx.commands.push(Command::SummonNewPerson {
                                name,
                                organization: None,
                            });
                        }
                        st.new_name.clear();
                    }
                });
            });
    });
}

// ---------------------------------------------------------------------------------------------
// The item in focus: who is in the room, quorum, disqualifications.

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

fn rule_label(lang: Lang, rule: QuorumRule) -> String {
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

fn quorum_rule_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, editable: bool) {
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
                ctx.commands.push(Command::SetQuorumRule(r));
            }
        });
    })
    .response
    .on_hover_text(lang.tr(
        "Regelen gjelder organet, for alle møtene.",
        "The rule belongs to the body and applies to all its meetings.",
    ));
}

fn item_panel_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, editable: bool) {
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

fn disqualification_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, item_no: u32, editable: bool) {
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

/// Every item with its quorum: a click selects the item.
fn quorum_overview_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>) {
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

fn header_preview_ui(ui: &mut egui::Ui, lang: Lang, record: &MeetingRecord) {
    let lines = header_lines(record);
    ui.heading(lang.tr("Til protokollen", "For the minutes"));
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let show = |ui: &mut egui::Ui, heading: &str, names: &[String]| {
            if !names.is_empty() {
                ui.label(format!("{heading}: {}", names.join("; ")));
            }
        };
        show(ui, lang.tr("Til stede", "Present"), &lines.present);
        show(ui, lang.tr("Forfall", "Apologies"), &lines.absent);
        show(ui, lang.tr("Ikke møtt", "Absent"), &lines.absent_no_notice);
        if let Some(r) = &lines.referent {
            ui.label(format!("{}: {r}", lang.tr("Referent", "Minute-taker")));
        }
        if !lines.not_recorded.is_empty() {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "{}: {}",
                    lang.tr("Ikke registrert", "Not recorded"),
                    lines.not_recorded.join("; ")
                ),
            );
        }
        for item in &record.meeting.items {
            let d = crate::model::disqualified_lines(record, item.number);
            if !d.is_empty() {
                ui.label(format!(
                    "{} {}: {}",
                    lang.tr("Inhabil i sak", "Disqualified in item"),
                    record.meeting.case_number(item),
                    d.join("; ")
                ));
            }
        }
    });
}
