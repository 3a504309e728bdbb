//! The summoned list, driven from the keyboard: status keys, the deputy picker, row notes.

use chrono::NaiveTime;
use egui::{Align, Color32, Key, Layout, RichText, Sense, UiBuilder};

use crate::app::Command;
use crate::i18n::Lang;
use crate::model::{AttendanceEdit, AttendanceStatus, Edit, MeetingRecord, PersonId};
use crate::ui::labels::attendance_label;
use crate::ui::widgets::PaneCtx;

use super::roles::deputy_choices;
use super::{focus_item, now_minute, short_case, status_color};

/// What the row's last column says: deputy for whom, arrival, departure, disqualifications.
pub(super) fn row_note(lang: Lang, record: &MeetingRecord, index: usize) -> String {
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
pub(super) enum ListKey {
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
pub(super) fn read_list_keys(ui: &egui::Ui) -> Vec<ListKey> {
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

pub(super) fn set_status(ctx: &mut PaneCtx<'_>, person: &PersonId, status: AttendanceStatus) {
    ctx.commands.push(Command::Edit(Edit::SetAttendance {
        person: person.clone(),
        status,
        deputy_for: None,
    }));
}

/// Carries out a key on the list. Returns whether the focused row moved.
pub(super) fn handle_list_key(ctx: &mut PaneCtx<'_>, state_key: ListKey, rows: usize) -> bool {
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

pub(super) fn summoned_list_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, editable: bool) {
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
pub(super) fn row_cells(
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

pub(super) fn deputy_picker_ui(
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
