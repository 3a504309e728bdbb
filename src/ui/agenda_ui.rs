//! Saksliste: the agenda builder. The meeting's details, the time plan, the item list (reorder by
//! drag or Alt+↑/↓, case numbers follow at once), and the selected item's editor: title, kind,
//! presenters, description and proposed decision with a Markdown preview, planned minutes,
//! exemption from public access, attachments. Sending the notice freezes the case numbers; later
//! changes are marked as changes after the notice.

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::{NaiveDate, NaiveTime};

use crate::app::Command;
use crate::app::agenda::{AgendaCommand, AgendaState, MeetingContext, TemplateDraft};
use crate::i18n::Lang;
use crate::model::agenda::{
    EXEMPTION_BASES, ItemChange, ItemTemplate, NoticeField, TemplatePresenter, TimePlan,
    case_insert_position, duplicate, exemption, human_size, is_frozen, item_change,
    removed_after_notice, time_plan,
};
use crate::model::{
    Block, Edit, Item, ItemKind, ItemText, MeetingRecord, MeetingStatus, Person, parse_markdown,
};

use super::widgets::{PaneCtx, date_no, field_row, names, time_span};

/// What the Saksliste pane reads from the app beside the open meeting.
#[derive(Clone, Copy)]
pub struct AgendaData<'a> {
    /// The agenda builder's state (notice baseline, previous meeting, standard items).
    pub state: &'a AgendaState,
    /// Everyone in the database (for choosing presenters).
    pub people: &'a [Person],
}

/// Window state of the Saksliste pane.
#[derive(Default)]
#[allow(clippy::struct_excessive_bools)]
pub struct AgendaUiState {
    /// Text typed to find a presenter.
    presenter_query: String,
    /// Show the rendered Markdown of the description.
    preview_description: bool,
    /// Show the rendered Markdown of the proposed decision.
    preview_decision: bool,
    /// The "send the notice" dialog is open.
    confirm_send: bool,
    /// The standard items being edited (a copy), when the editor is open.
    template: Option<TemplateDraft>,
    /// The standard-items editor is open, waiting for its items.
    template_open: bool,
    /// The title of the item just deleted, offered for undo.
    deleted: Option<String>,
}

impl AgendaUiState {
    /// Shows or hides the Markdown previews of the description and the proposed decision.
    pub fn set_previews(&mut self, on: bool) {
        self.preview_description = on;
        self.preview_decision = on;
    }
}

/// The payload of an item being dragged in the list: its number.
#[derive(Clone, Copy, Debug)]
struct DraggedItem(u32);

/// Draws the Saksliste pane.
pub fn agenda_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, data: AgendaData<'_>) {
    let lang = ctx.lang;
    let editable = ctx.editable();
    let record = &ctx.open.record;
    let meeting = &record.meeting;
    let context = data.state.context_for(ctx.open.id);
    let baseline = context.and_then(|c| c.baseline.as_ref());

    // Keep a valid selection.
    let selected = ctx
        .runtime
        .selected_item
        .filter(|n| meeting.items.iter().any(|i| i.number == *n))
        .or_else(|| meeting.items.first().map(|i| i.number));
    ctx.runtime.selected_item = selected;

    let mut out = Out::default();

    // Alt+↑ / Alt+↓ move the selected item, before any text field sees the keys.
    if editable && let Some(n) = selected {
        let (up, down) = ui.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::ALT, egui::Key::ArrowUp),
                i.consume_key(egui::Modifiers::ALT, egui::Key::ArrowDown),
            )
        });
        let pos = meeting.items.iter().position(|i| i.number == n);
        if let Some(pos) = pos {
            if up && pos > 0 {
                out.move_to(meeting, baseline, n, pos - 1);
            } else if down && pos + 1 < meeting.items.len() {
                out.move_to(meeting, baseline, n, pos + 1);
            }
        }
    }

    header_ui(ui, ctx, context, &mut out);
    let plan = time_plan(meeting);
    toolbar_ui(ui, ctx, data, &plan, &mut out);
    if let Some(title) = &ctx.runtime.agenda.deleted {
        let mut dismiss = false;
        ui.horizontal(|ui| {
            ui.label(format!(
                "{} «{title}» {}",
                lang.tr("Saken", "Item"),
                lang.tr("er slettet.", "was deleted.")
            ));
            if ui.button(lang.tr("Angre", "Undo")).clicked() {
                out.commands.push(Command::Undo);
                dismiss = true;
            }
            if ui
                .small_button("✖")
                .on_hover_text(lang.tr("Lukk", "Close"))
                .clicked()
            {
                dismiss = true;
            }
        });
        if dismiss || !ctx.open.can_undo() {
            ctx.runtime.agenda.deleted = None;
        }
    }
    ui.separator();

    let hovered_files = ui.input(|i| !i.raw.hovered_files.is_empty());
    let dropped: Vec<PathBuf> = ui.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .collect()
    });

    let mut drop_target: Option<u32> = None;
    egui::Panel::left("agenda_list_panel")
        .resizable(true)
        .default_size(430.0)
        .min_size(260.0)
        .show(ui, |ui| {
            drop_target = list_ui(ui, ctx, baseline, &plan, selected, editable, &mut out);
        });
    egui::CentralPanel::default().show(ui, |ui| {
        if let Some(n) = selected
            && let Some(item) = meeting.items.iter().find(|i| i.number == n)
        {
            if hovered_files && editable {
                ui.colored_label(
                    ui.visuals().hyperlink_color,
                    format!(
                        "{} {}",
                        lang.tr(
                            "Slipp filene for å legge dem ved",
                            "Drop the files to attach them to"
                        ),
                        meeting.case_number(item)
                    ),
                );
            }
            egui::ScrollArea::vertical()
                .id_salt("agenda_editor_scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    item_editor_ui(ui, ctx, data, baseline, item, editable, &mut out);
                });
        } else {
            ui.label(lang.tr(
                "Ingen saker ennå. Legg til en sak med «+ Ny sak».",
                "No items yet. Add one with «+ New item».",
            ));
        }
    });

    if editable && !dropped.is_empty() {
        let target = drop_target.or(selected);
        if let Some(item) = target {
            out.commands
                .push(Command::Agenda(AgendaCommand::AttachFiles {
                    item,
                    paths: dropped,
                }));
        }
    }

    send_notice_dialog(ui.ctx(), ctx, &mut out);
    template_editor_ui(ui.ctx(), ctx, data, &mut out);

    if let Some(sel) = out.select {
        ctx.runtime.selected_item = Some(sel);
    }
    if let Some(title) = out.deleted {
        ctx.runtime.agenda.deleted = Some(title);
    }
    for e in out.edits {
        ctx.commands.push(Command::Edit(e));
    }
    ctx.commands.append(&mut out.commands);
}

/// What the pane does this frame, collected and emitted at the end.
#[derive(Default)]
struct Out {
    edits: Vec<Edit>,
    commands: Vec<Command>,
    select: Option<u32>,
    deleted: Option<String>,
}

impl Out {
    /// Moves item `n` to position `to` (0-based) when its case number is not frozen and the
    /// target is not among the frozen ones; the selection follows.
    fn move_to(
        &mut self,
        meeting: &crate::model::Meeting,
        baseline: Option<&crate::model::agenda::NoticeBaseline>,
        n: u32,
        to: usize,
    ) {
        let frozen = meeting
            .items
            .iter()
            .filter(|i| is_frozen(baseline, meeting, i.number))
            .count();
        if is_frozen(baseline, meeting, n) || to < frozen {
            return;
        }
        self.edits.push(Edit::MoveItem { item: n, to });
        self.select = Some(u32::try_from(to + 1).unwrap_or(u32::MAX));
    }

    fn insert(&mut self, at: usize, item: Item) {
        self.edits.push(Edit::InsertItem {
            at,
            item: Box::new(item),
        });
        self.select = Some(u32::try_from(at + 1).unwrap_or(u32::MAX));
    }
}

fn header_ui(
    ui: &mut egui::Ui,
    ctx: &mut PaneCtx<'_>,
    context: Option<&MeetingContext>,
    out: &mut Out,
) {
    let lang = ctx.lang;
    let editable = ctx.editable();
    let record = &ctx.open.record;
    let m = &record.meeting;
    ui.horizontal(|ui| {
        ui.heading(format!("{} · {}", record.body.name, m.reference));
        ui.label(egui::RichText::new(super::status_label(lang, m.status)).weak());
        if m.status.is_locked() {
            ui.label(lang.tr("Låst", "Locked"));
        }
        if m.status == MeetingStatus::Planned {
            if ui
                .add_enabled(
                    editable && !m.items.is_empty(),
                    egui::Button::new(lang.tr("Send innkalling …", "Send notice …")),
                )
                .on_hover_text(lang.tr(
                    "Saksnumrene låses når innkallingen er sendt",
                    "Case numbers are frozen once the notice is sent",
                ))
                .clicked()
            {
                ctx.runtime.agenda.confirm_send = true;
            }
        } else if let Some(b) = context.and_then(|c| c.baseline.as_ref()) {
            let changed = m
                .items
                .iter()
                .filter(|i| item_change(b, i).is_some())
                .count()
                + removed_after_notice(b, m).len();
            if changed > 0 {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!(
                        "{changed} {}",
                        lang.tr(
                            "endring(er) etter innkallingen",
                            "change(s) after the notice"
                        )
                    ),
                );
            }
        }
    });
    egui::CollapsingHeader::new(format!(
        "{}  ·  {}  ·  {}",
        date_no(m.date),
        time_span(m.start, m.end),
        m.place
    ))
    .id_salt("agenda_meeting_details")
    .default_open(false)
    .show(ui, |ui| {
        ui.add_enabled_ui(editable, |ui| details_ui(ui, lang, record, out));
    });
}

/// A text field for a value that must parse (date, time): pushes a value each time the typed
/// text parses; shows the stored value whenever the field is not being edited.
fn parsed_field<T>(
    ui: &mut egui::Ui,
    salt: &str,
    label: egui::Id,
    shown: String,
    width: f32,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    let id = ui.make_persistent_id(salt);
    let mut buf = ui.data(|d| d.get_temp::<String>(id)).unwrap_or(shown);
    let resp = ui
        .add(
            egui::TextEdit::singleline(&mut buf)
                .id(id.with("edit"))
                .desired_width(width),
        )
        .labelled_by(label);
    let value = if resp.changed() { parse(&buf) } else { None };
    if resp.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, buf));
    } else {
        ui.data_mut(|d| d.remove::<String>(id));
    }
    value
}

fn details_ui(ui: &mut egui::Ui, lang: Lang, record: &MeetingRecord, out: &mut Out) {
    let m = &record.meeting;
    let time = |t: &str| -> Option<Option<NaiveTime>> {
        if t.trim().is_empty() {
            Some(None)
        } else {
            NaiveTime::parse_from_str(t.trim(), "%H:%M").ok().map(Some)
        }
    };
    let f = |t: Option<NaiveTime>| t.map(|t| t.format("%H:%M").to_string()).unwrap_or_default();
    egui::Grid::new("agenda_details_grid")
        .num_columns(2)
        .show(ui, |ui| {
            let l = ui.label(lang.tr("Dato", "Date")).id;
            if let Some(d) = parsed_field(ui, "agenda_date", l, date_no(m.date), 100.0, |t| {
                NaiveDate::parse_from_str(t.trim(), "%d.%m.%Y").ok()
            }) && d != m.date
            {
                out.edits.push(Edit::SetDate(d));
            }
            ui.end_row();
            let l = ui.label(lang.tr("Fra kl.", "From")).id;
            if let Some(t) = parsed_field(ui, "agenda_start", l, f(m.start), 60.0, time)
                && t != m.start
            {
                out.edits.push(Edit::SetStart(t));
            }
            ui.end_row();
            let l = ui.label(lang.tr("Til kl.", "To")).id;
            if let Some(t) = parsed_field(ui, "agenda_end", l, f(m.end), 60.0, time)
                && t != m.end
            {
                out.edits.push(Edit::SetEnd(t));
            }
            ui.end_row();
            let l = ui.label(lang.tr("Sted", "Place")).id;
            let mut place = m.place.clone();
            if ui
                .add(egui::TextEdit::singleline(&mut place).desired_width(360.0))
                .labelled_by(l)
                .changed()
            {
                out.edits.push(Edit::SetPlace(place));
            }
            ui.end_row();
            for (label, salt, value, is_chair) in [
                (
                    lang.tr("Møteleder", "Chair"),
                    "agenda_chair",
                    &m.chair,
                    true,
                ),
                (
                    lang.tr("Referent", "Referent"),
                    "agenda_referent",
                    &m.referent,
                    false,
                ),
            ] {
                let l = ui.label(label).id;
                let mut v = value.clone();
                egui::ComboBox::from_id_salt(salt)
                    .selected_text(v.as_ref().map_or_else(String::new, |p| record.name_of(p)))
                    .width(260.0)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut v, None, lang.tr("(ingen)", "(none)"));
                        for p in &record.people {
                            ui.selectable_value(&mut v, Some(p.id.clone()), &p.name);
                        }
                    })
                    .response
                    .labelled_by(l);
                if &v != value {
                    out.edits.push(if is_chair {
                        Edit::SetChair(v)
                    } else {
                        Edit::SetReferent(v)
                    });
                }
                ui.end_row();
            }
            field_row(
                ui,
                lang.tr("Innkalt", "Summoned"),
                &format!(
                    "{} {}",
                    m.attendance.len(),
                    lang.tr(
                        "personer (endres i Oppmøte)",
                        "people (change them in Attendance)"
                    )
                ),
            );
        });
}

fn toolbar_ui(
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

fn pdf_dialog(record: &MeetingRecord, public: bool) -> Option<PathBuf> {
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

/// The item list. Returns the item the pointer is over (for dropped files).
fn list_ui(
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
                    let mut line = super::kind_label(lang, item.kind).to_owned();
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

fn badges_ui(
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

fn field_name(lang: Lang, f: NoticeField) -> &'static str {
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

fn item_editor_ui(
    ui: &mut egui::Ui,
    ctx: &mut PaneCtx<'_>,
    data: AgendaData<'_>,
    baseline: Option<&crate::model::agenda::NoticeBaseline>,
    item: &Item,
    editable: bool,
    out: &mut Out,
) {
    let lang = ctx.lang;
    let record = &ctx.open.record;
    let meeting = &record.meeting;
    let n = item.number;
    let pos = meeting
        .items
        .iter()
        .position(|i| i.number == n)
        .unwrap_or(0);
    let frozen = is_frozen(baseline, meeting, n);
    let frozen_count = meeting
        .items
        .iter()
        .filter(|i| is_frozen(baseline, meeting, i.number))
        .count();

    ui.horizontal(|ui| {
        // Painted, not a label: the list already names the case for screen readers and tests.
        let galley = ui.painter().layout_no_wrap(
            meeting.case_number(item).to_string(),
            egui::TextStyle::Heading.resolve(ui.style()),
            ui.visuals().strong_text_color(),
        );
        let (rect, _) = ui.allocate_exact_size(galley.size(), egui::Sense::hover());
        ui.painter()
            .galley(rect.min, galley, ui.visuals().strong_text_color());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.add_enabled_ui(editable, |ui| {
                let frozen_hint = lang.tr(
                    "Saksnummeret er sendt ut i innkallingen og kan ikke endres",
                    "The case number went out in the notice and cannot change",
                );
                let del = ui
                    .add_enabled(!frozen, egui::Button::new(lang.tr("Slett", "Delete")))
                    .on_disabled_hover_text(frozen_hint);
                if del.clicked() {
                    out.edits.push(Edit::DeleteItem { item: n });
                    out.deleted = Some(item.title.clone());
                    let next = if pos + 1 < meeting.items.len() {
                        n
                    } else {
                        n.saturating_sub(1)
                    };
                    out.select = Some(next.max(1));
                }
                if ui
                    .button(lang.tr("Dupliser", "Duplicate"))
                    .on_hover_text(
                        lang.tr("Legg inn en kopi etter saken", "Insert a copy after it"),
                    )
                    .clicked()
                {
                    let at = if frozen_count > 0 {
                        meeting.items.len()
                    } else {
                        pos + 1
                    };
                    out.insert(at, duplicate(item));
                }
                let down = ui
                    .add_enabled(
                        !frozen && pos + 1 < meeting.items.len(),
                        egui::Button::new(lang.tr("↓ Flytt ned", "↓ Move down")),
                    )
                    .on_hover_text("Alt+↓");
                if down.clicked() {
                    out.move_to(meeting, baseline, n, pos + 1);
                }
                let up = ui
                    .add_enabled(
                        !frozen && pos > frozen_count,
                        egui::Button::new(lang.tr("↑ Flytt opp", "↑ Move up")),
                    )
                    .on_hover_text("Alt+↑");
                if up.clicked() {
                    out.move_to(meeting, baseline, n, pos - 1);
                }
            });
        });
    });
    if let Some(from) = item.postponed_from {
        ui.label(
            egui::RichText::new(format!(
                "{} {from}",
                lang.tr("Utsatt fra", "Postponed from")
            ))
            .color(ui.visuals().hyperlink_color),
        );
    }
    if meeting.status != MeetingStatus::Planned
        && let Some(b) = baseline
        && let Some(change) = item_change(b, item)
    {
        let text = match change {
            ItemChange::Added => lang
                .tr(
                    "Saken er lagt til etter at innkallingen ble sendt.",
                    "Added after the notice was sent.",
                )
                .to_owned(),
            ItemChange::Changed(fields) => format!(
                "{} {}",
                lang.tr("Endret etter innkallingen:", "Changed after the notice:"),
                fields
                    .iter()
                    .map(|f| field_name(lang, *f))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        ui.colored_label(ui.visuals().warn_fg_color, text);
    }

    ui.add_enabled_ui(editable, |ui| {
        egui::Grid::new("agenda_item_grid")
            .num_columns(2)
            .spacing([10.0, 8.0])
            .show(ui, |ui| {
                let l = ui.label(lang.tr("Tittel", "Title")).id;
                let mut title = item.title.clone();
                let resp = ui
                    .add(
                        egui::TextEdit::singleline(&mut title)
                            .id_salt("agenda_item_title")
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(l);
                if resp.changed() {
                    out.edits.push(Edit::SetItemText {
                        item: n,
                        field: ItemText::Title,
                        text: title,
                    });
                }
                ui.end_row();

                let l = ui.label(lang.tr("Sakstype", "Kind")).id;
                let mut kind = item.kind;
                egui::ComboBox::from_id_salt("agenda_item_kind")
                    .selected_text(super::kind_label(lang, kind))
                    .show_ui(ui, |ui| {
                        for k in ItemKind::ALL {
                            ui.selectable_value(&mut kind, *k, super::kind_label(lang, *k));
                        }
                    })
                    .response
                    .labelled_by(l);
                if kind != item.kind {
                    out.edits.push(Edit::SetItemKind { item: n, kind });
                }
                ui.end_row();

                ui.label(lang.tr("Saksansvarlig", "Presenters"));
                ui.vertical(|ui| presenters_ui(ui, ctx, data, item, out));
                ui.end_row();

                let l = ui.label(lang.tr("Planlagt tid", "Planned time")).id;
                ui.horizontal(|ui| {
                    let mut minutes = item.planned_minutes.unwrap_or(0);
                    let unset = item.planned_minutes.is_none();
                    let none_text = lang.tr("ikke satt", "not set");
                    let resp = ui
                        .add(
                            egui::DragValue::new(&mut minutes)
                                .range(0..=600)
                                .speed(1)
                                .custom_formatter(move |v, _| {
                                    if unset && v == 0.0 {
                                        none_text.to_owned()
                                    } else {
                                        format!("{v} min")
                                    }
                                }),
                        )
                        .labelled_by(l);
                    if resp.changed() {
                        out.edits.push(Edit::SetPlannedMinutes {
                            item: n,
                            minutes: Some(minutes),
                        });
                    }
                    if item.planned_minutes.is_some()
                        && ui.small_button(lang.tr("uten tid", "no time")).clicked()
                    {
                        out.edits.push(Edit::SetPlannedMinutes {
                            item: n,
                            minutes: None,
                        });
                    }
                });
                ui.end_row();

                let l = ui.label(lang.tr("Offentlighet", "Public access")).id;
                ui.horizontal_wrapped(|ui| exempt_ui(ui, lang, item, l, out));
                ui.end_row();
            });

        ui.add_space(6.0);
        markdown_field(
            ui,
            lang,
            lang.tr("Saksbeskrivelse", "Description"),
            "agenda_item_description",
            item.description.as_deref().unwrap_or(""),
            &mut ctx.runtime.agenda.preview_description,
            8,
            |text| {
                out.edits.push(Edit::SetItemText {
                    item: n,
                    field: ItemText::Description,
                    text,
                });
            },
        );
        markdown_field(
            ui,
            lang,
            lang.tr("Forslag til vedtak", "Proposed decision"),
            "agenda_item_proposed",
            item.proposed_decision.as_deref().unwrap_or(""),
            &mut ctx.runtime.agenda.preview_decision,
            3,
            |text| {
                out.edits.push(Edit::SetItemText {
                    item: n,
                    field: ItemText::ProposedDecision,
                    text,
                });
            },
        );
    });
    ui.add_space(6.0);
    attachments_ui(ui, lang, item, editable, out);
}

fn presenters_ui(
    ui: &mut egui::Ui,
    ctx: &mut PaneCtx<'_>,
    data: AgendaData<'_>,
    item: &Item,
    out: &mut Out,
) {
    let lang = ctx.lang;
    let record = &ctx.open.record;
    let n = item.number;
    ui.horizontal_wrapped(|ui| {
        for (i, p) in item.presenters.iter().enumerate() {
            let name = record.name_of(p);
            ui.label(&name);
            if ui
                .small_button("✖")
                .accessible_name(format!("{} {name}", lang.tr("Fjern", "Remove")))
                .on_hover_text(format!("{} {name}", lang.tr("Fjern", "Remove")))
                .clicked()
            {
                let mut people = item.presenters.clone();
                people.remove(i);
                out.edits.push(Edit::SetPresenters { item: n, people });
            }
        }
    });
    let query = &mut ctx.runtime.agenda.presenter_query;
    let resp = ui
        .add(
            egui::TextEdit::singleline(query)
                .id_salt("agenda_presenter_query")
                .hint_text(lang.tr(
                    "Legg til: skriv noen bokstaver …",
                    "Add: type a few letters …",
                ))
                .desired_width(260.0),
        )
        .accessible_name(lang.tr("Legg til saksansvarlig", "Add presenter"));
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return;
    }
    let pool: &[Person] = if data.people.is_empty() {
        &record.people
    } else {
        data.people
    };
    let matches: Vec<&Person> = pool
        .iter()
        .filter(|p| !item.presenters.contains(&p.id) && name_matches(&p.name, &q))
        .take(8)
        .collect();
    let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let mut chosen: Option<&Person> = None;
    ui.horizontal_wrapped(|ui| {
        for p in &matches {
            if ui.button(format!("+ {}", p.name)).clicked() {
                chosen = Some(p);
            }
        }
        if matches.is_empty() {
            ui.label(egui::RichText::new(lang.tr("Ingen treff", "No match")).weak());
        }
    });
    if enter && chosen.is_none() {
        chosen = matches.first().copied();
    }
    if let Some(p) = chosen {
        if record.person(&p.id).is_none() {
            out.commands.push(Command::AddPerson(p.clone()));
        }
        let mut people = item.presenters.clone();
        people.push(p.id.clone());
        out.edits.push(Edit::SetPresenters { item: n, people });
        ctx.runtime.agenda.presenter_query.clear();
    }
}

/// Whether a name ("Surname, Given names") matches typed letters: any word starts with them,
/// or the whole name contains them.
fn name_matches(name: &str, query: &str) -> bool {
    let name = name.to_lowercase();
    name.contains(query)
        || name
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.starts_with(query))
}

fn exempt_ui(ui: &mut egui::Ui, lang: Lang, item: &Item, label: egui::Id, out: &mut Out) {
    let n = item.number;
    let current = item.exempt.as_ref().map(|e| e.basis.clone());
    let shown = current
        .clone()
        .unwrap_or_else(|| lang.tr("Offentlig", "Public").to_owned());
    let mut choice: Option<Option<String>> = None;
    egui::ComboBox::from_id_salt("agenda_item_exempt")
        .selected_text(shown)
        .width(200.0)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(current.is_none(), lang.tr("Offentlig", "Public"))
                .clicked()
            {
                choice = Some(None);
            }
            for (basis, what) in EXEMPTION_BASES {
                if ui
                    .selectable_label(
                        current.as_deref() == Some(*basis),
                        format!("{} {basis} ({what})", lang.tr("Unntatt,", "Exempt,")),
                    )
                    .clicked()
                {
                    choice = Some(Some((*basis).to_owned()));
                }
            }
        })
        .response
        .labelled_by(label);
    if let Some(basis) = &current {
        let l = ui.label(lang.tr("Hjemmel:", "Legal basis:")).id;
        let mut typed = basis.clone();
        let resp = ui
            .add(
                egui::TextEdit::singleline(&mut typed)
                    .id_salt("agenda_item_exempt_basis")
                    .desired_width(160.0),
            )
            .labelled_by(l)
            .on_hover_text(lang.tr(
                "Velg fra listen eller skriv hjemmelen",
                "Choose from the list or type the legal basis",
            ));
        if resp.changed() && !typed.trim().is_empty() {
            choice = Some(Some(typed));
        }
    }
    if let Some(c) = choice
        && c != current
    {
        out.edits.push(Edit::SetExempt {
            item: n,
            exempt: c.as_deref().and_then(exemption),
        });
    }
}

/// A Markdown text field with a "preview" toggle that shows the rendered text.
#[allow(clippy::too_many_arguments)]
fn markdown_field(
    ui: &mut egui::Ui,
    lang: Lang,
    label: &str,
    salt: &str,
    text: &str,
    preview: &mut bool,
    rows: usize,
    mut on_change: impl FnMut(String),
) {
    let label_id = ui
        .horizontal(|ui| {
            let id = ui.label(egui::RichText::new(label).strong()).id;
            ui.toggle_value(preview, lang.tr("Forhåndsvisning", "Preview"))
            .on_hover_text(lang.tr(
                "Avsnitt med tom linje, punkter med «- », underpunkter med innrykk, **fet**",
                "Paragraphs with a blank line, bullets with «- », sub-bullets indented, **bold**",
            ));
            id
        })
        .inner;
    let mut buf = text.to_owned();
    let resp = ui
        .add(
            egui::TextEdit::multiline(&mut buf)
                .id_salt(salt)
                .desired_rows(rows)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label_id);
    if resp.changed() {
        on_change(buf);
    }
    if *preview && !text.trim().is_empty() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            markdown_preview(ui, text);
        });
    }
    ui.add_space(4.0);
}

/// Renders the Markdown subset: paragraphs, nested bullets, bold, italic, links.
pub fn markdown_preview(ui: &mut egui::Ui, text: &str) {
    for block in parse_markdown(text) {
        let (indent, bullet, spans) = match &block {
            Block::Paragraph(spans) => (0.0, None, spans),
            Block::Bullet { level, spans } => (
                16.0 * (*level as f32),
                Some(if level % 2 == 0 { "•" } else { "◦" }),
                spans,
            ),
        };
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 0.0;
            ui.add_space(indent);
            if let Some(b) = bullet {
                ui.label(format!("{b} "));
            }
            for s in spans {
                let mut rt = egui::RichText::new(&s.text);
                if s.bold {
                    rt = rt.strong();
                }
                if s.italic {
                    rt = rt.italics();
                }
                if let Some(url) = &s.link {
                    ui.hyperlink_to(rt, url);
                } else {
                    ui.label(rt);
                }
            }
        });
    }
}

fn attachments_ui(ui: &mut egui::Ui, lang: Lang, item: &Item, editable: bool, out: &mut Out) {
    let n = item.number;
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(lang.tr("Vedlegg", "Attachments")).strong());
        if ui
            .add_enabled(editable, egui::Button::new(lang.tr("Legg til …", "Add …")))
            .on_hover_text(lang.tr(
                "Velg filer, eller slipp dem på saken (høyst 100 MB per fil)",
                "Choose files, or drop them on the item (at most 100 MB each)",
            ))
            .clicked()
            && let Some(paths) = rfd::FileDialog::new().pick_files()
        {
            out.commands
                .push(Command::Agenda(AgendaCommand::AttachFiles {
                    item: n,
                    paths,
                }));
        }
        if !item.attachments.is_empty()
            && ui
                .button(lang.tr("Eksporter alle …", "Export all …"))
                .clicked()
            && let Some(folder) = rfd::FileDialog::new().pick_folder()
        {
            out.commands
                .push(Command::Agenda(AgendaCommand::ExportAttachments {
                    attachments: item.attachments.clone(),
                    folder,
                }));
        }
    });
    if item.attachments.is_empty() {
        ui.label(
            egui::RichText::new(lang.tr(
                "Ingen vedlegg. Slipp filer her for å legge dem ved.",
                "No attachments. Drop files here to attach them.",
            ))
            .weak(),
        );
        return;
    }
    egui::Grid::new("agenda_attachments")
        .num_columns(4)
        .striped(true)
        .show(ui, |ui| {
            for (i, a) in item.attachments.iter().enumerate() {
                ui.label(&a.name)
                    .on_hover_text(format!("SHA-256 {}", a.sha256));
                ui.label(egui::RichText::new(human_size(a.size_bytes)).weak());
                ui.horizontal(|ui| {
                    if ui.small_button(lang.tr("Åpne", "Open")).clicked() {
                        out.commands
                            .push(Command::Agenda(AgendaCommand::OpenAttachment(a.clone())));
                    }
                    if ui
                        .small_button(lang.tr("Eksporter …", "Export …"))
                        .clicked()
                        && let Some(folder) = rfd::FileDialog::new().pick_folder()
                    {
                        out.commands
                            .push(Command::Agenda(AgendaCommand::ExportAttachments {
                                attachments: vec![a.clone()],
                                folder,
                            }));
                    }
                });
                if ui
                    .add_enabled(
                        editable,
                        egui::Button::new(lang.tr("Fjern", "Remove")).small(),
                    )
                    .on_hover_text(format!("{} {}", lang.tr("Fjern", "Remove"), a.name))
                    .clicked()
                {
                    out.edits.push(Edit::RemoveAttachment { item: n, index: i });
                }
                ui.end_row();
            }
        });
}

fn send_notice_dialog(egui_ctx: &egui::Context, ctx: &mut PaneCtx<'_>, out: &mut Out) {
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

fn template_editor_ui(
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

fn template_item_ui(
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
            .selected_text(super::kind_label(lang, t.kind))
            .show_ui(ui, |ui| {
                for k in ItemKind::ALL {
                    ui.selectable_value(&mut t.kind, *k, super::kind_label(lang, *k));
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

/// One frame of the Saksliste pane on its own, for benchmarks.
#[doc(hidden)]
pub fn agenda_bench_frame(
    ui: &mut egui::Ui,
    open: &crate::app::OpenMeeting,
    data: AgendaData<'_>,
    runtime: &mut super::Runtime,
    commands: &mut Vec<Command>,
) {
    let mut ctx = PaneCtx {
        lang: Lang::Nb,
        open,
        read_only: false,
        runtime,
        commands,
    };
    agenda_ui(ui, &mut ctx, data);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_on_word_starts_and_inside() {
        assert!(name_matches("Gjørtz, Fred", "gjø"));
        assert!(name_matches("Gjørtz, Fred", "fre"));
        assert!(name_matches("Aasen, Marianne Stokkereit", "stokk"));
        assert!(!name_matches("Aasen, Marianne", "langøy"));
    }
}
