//! The item list of the Saksliste pane: case numbers, planned times, badges for changes after
//! the notice, reordering by drag.

use std::fmt::Write as _;

use crate::i18n::Lang;
use crate::model::agenda::{ItemChange, NoticeField, TimePlan, is_frozen, item_change};
use crate::model::{Item, MeetingStatus};
use crate::ui::widgets::{PaneCtx, names};

use super::Out;

/// The payload of an item being dragged in the list: its number.
#[derive(Clone, Copy, Debug)]
pub(super) struct DraggedItem(u32);

/// The item list. Returns the item the pointer is over (for dropped files).
pub(super) fn list_ui(
    ui: &mut egui::Ui,
    ctx: &mut PaneCtx<'_>,
    baseline: Option<&crate::model::agenda::NoticeBaseline>,
    plan: &TimePlan,
    selected: Option<u32>,
    editable: bool,
    out: &mut Out,
) -> Option<u32> {
    let lang = ctx.lang;
    let record = &ctx.open.record;
    let meeting = &record.meeting;
    let mut rows: Vec<(u32, egui::Rect)> = Vec::with_capacity(meeting.items.len());
    let mut hovered = None;
    let dragging = egui::DragAndDrop::payload::<DraggedItem>(ui.ctx());
    egui::ScrollArea::vertical()
        .id_salt("agenda_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut times_known = true;
            for (index, item) in meeting.items.iter().enumerate() {
                let case = meeting.case_number(item).to_string();
                let is_selected = selected == Some(item.number);
                let frozen = is_frozen(baseline, meeting, item.number);
                let top = ui.cursor().top();
                ui.horizontal(|ui| {
                    if editable && !frozen {
                        ui.dnd_drag_source(
                            egui::Id::unique(("agenda_drag", index)),
                            DraggedItem(item.number),
                            |ui| {
                                ui.label(egui::RichText::new("☰").weak())
                                    .on_hover_text(lang.tr(
                                        "Dra for å flytte (eller Alt+↑/↓)",
                                        "Drag to move (or Alt+↑/↓)",
                                    ));
                            },
                        );
                    } else {
                        ui.label(egui::RichText::new("  ").weak());
                    }
                    // A start is only known when every item before it has a planned time.
                    let start = plan
                        .starts
                        .get(index)
                        .copied()
                        .flatten()
                        .filter(|_| times_known);
                    let title = format!("{case}  {}", item.title);
                    let resp = ui.add(
                        egui::Button::selectable(is_selected, egui::RichText::new(title).strong())
                            .truncate(),
                    );
                    if resp.clicked() {
                        out.select = Some(item.number);
                    }
                    if let Some(s) = start {
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            ui.label(egui::RichText::new(s.format("%H:%M").to_string()).weak());
                        });
                    }
                });
                times_known &= item.planned_minutes.is_some();
                ui.horizontal_wrapped(|ui| {
                    ui.add_space(22.0);
                    let mut line = crate::ui::kind_label(lang, item.kind).to_owned();
                    if !item.presenters.is_empty() {
                        line.push_str(" · ");
                        line.push_str(&names(record, &item.presenters));
                    }
                    if let Some(m) = item.planned_minutes {
                        let _ = write!(line, " · {m} min");
                    }
                    if !item.attachments.is_empty() {
                        let _ = write!(
                            line,
                            " · {} {}",
                            item.attachments.len(),
                            lang.tr("vedlegg", "attachment(s)")
                        );
                    }
                    ui.label(egui::RichText::new(line).weak());
                    badges_ui(ui, lang, baseline, meeting.status, item);
                });
                let rect =
                    egui::Rect::from_x_y_ranges(ui.max_rect().x_range(), top..=ui.cursor().top());
                if ui.rect_contains_pointer(rect) {
                    hovered = Some(item.number);
                }
                rows.push((item.number, rect));
                ui.add_space(2.0);
            }
            // Drag and drop: show where the item would land, move it on release.
            if let Some(DraggedItem(n)) = dragging.as_deref().copied()
                && let Some(pointer) = ui.ctx().pointer_interact_pos()
                && ui.max_rect().x_range().contains(pointer.x)
                && !rows.is_empty()
            {
                let at = rows
                    .iter()
                    .position(|(_, r)| pointer.y < r.center().y)
                    .unwrap_or(rows.len());
                let y = rows
                    .get(at)
                    .map_or_else(|| rows[rows.len() - 1].1.bottom(), |(_, r)| r.top());
                ui.painter().hline(
                    ui.max_rect().x_range(),
                    y,
                    egui::Stroke::new(2.0, ui.visuals().selection.stroke.color),
                );
                if ui.input(|i| i.pointer.any_released()) {
                    egui::DragAndDrop::clear_payload(ui.ctx());
                    if let Some(from) = meeting.items.iter().position(|i| i.number == n) {
                        let to = if at > from { at - 1 } else { at };
                        if to != from {
                            out.move_to(meeting, baseline, n, to);
                        }
                    }
                }
            }
        });
    hovered
}

pub(super) fn badges_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    baseline: Option<&crate::model::agenda::NoticeBaseline>,
    status: MeetingStatus,
    item: &Item,
) {
    let badge = |ui: &mut egui::Ui, text: String, color: egui::Color32, hover: String| {
        ui.label(egui::RichText::new(text).color(color))
            .on_hover_text(hover);
    };
    if let Some(e) = &item.exempt {
        badge(
            ui,
            format!("{} {}", lang.tr("Unntatt,", "Exempt,"), e.basis),
            ui.visuals().warn_fg_color,
            lang.tr("Unntatt offentlighet", "Exempt from public access")
                .to_owned(),
        );
    }
    if let Some(from) = item.postponed_from {
        badge(
            ui,
            format!("{} {from}", lang.tr("Utsatt fra", "Postponed from")),
            ui.visuals().hyperlink_color,
            lang.tr(
                "Saken ble utsatt i forrige møte",
                "Postponed in the previous meeting",
            )
            .to_owned(),
        );
    }
    if status != MeetingStatus::Planned
        && let Some(b) = baseline
        && let Some(change) = item_change(b, item)
    {
        let (text, hover) = match change {
            ItemChange::Added => (
                lang.tr("Ny etter innkallingen", "Added after the notice")
                    .to_owned(),
                lang.tr("Saken var ikke med i innkallingen", "Not in the notice")
                    .to_owned(),
            ),
            ItemChange::Changed(fields) => (
                lang.tr("Endret etter innkallingen", "Changed after the notice")
                    .to_owned(),
                fields
                    .iter()
                    .map(|f| field_name(lang, *f))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        };
        badge(ui, text, ui.visuals().warn_fg_color, hover);
    }
}

pub(super) fn field_name(lang: Lang, f: NoticeField) -> &'static str {
    match f {
        _ if lang == Lang::Nb => f.name_nb(),
        NoticeField::Title => lang.tr("tittel", "title"),
        NoticeField::Kind => lang.tr("sakstype", "kind"),
        NoticeField::Presenters => lang.tr("saksansvarlig", "presenters"),
        NoticeField::Description => lang.tr("saksbeskrivelse", "description"),
        NoticeField::ProposedDecision => lang.tr("forslag til vedtak", "proposed decision"),
        NoticeField::Exempt => lang.tr("offentlighet", "public access"),
        NoticeField::Attachments => lang.tr("vedlegg", "attachments"),
    }
}
