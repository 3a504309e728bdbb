//! Saksliste: the agenda builder. The meeting's details, the time plan, the item list (reorder by
//! drag or Alt+↑/↓, case numbers follow at once; Ctrl+Enter a new case after the selected one,
//! its title ready for typing; Alt+Delete deletes the selected case), and the selected item's editor: title, kind,
//! presenters, description and proposed decision with a Markdown preview, planned minutes,
//! exemption from public access, attachments. Sending the notice freezes the case numbers; later
//! changes are marked as changes after the notice.
//!
//! This file holds the pane's state and its frame; each part has its own file: [`details`]
//! (meeting details), [`toolbar`] (toolbar, PDF and notice dialogs), [`list`] (item list with
//! drag), [`editor`] (the selected item), [`markdown`] (Markdown fields), [`templates`]
//! (standard items).

mod details;
mod editor;
mod list;
mod markdown;
mod templates;
mod toolbar;

use std::path::PathBuf;

use crate::app::Command;
use crate::app::agenda::{AgendaCommand, AgendaState, TemplateDraft};
use crate::model::agenda::{ItemTemplate, case_insert_position, is_frozen, time_plan};
use crate::model::{Edit, Item, ItemKind, MeetingStatus, Person};

use super::widgets::PaneCtx;

use details::header_ui;
use editor::item_editor_ui;
use list::list_ui;
use templates::template_editor_ui;
use toolbar::{send_notice_dialog, toolbar_ui};

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
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent toggles and dialogs of one pane"
)]
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
    /// A new case's title takes the focus once the meeting has more items than this.
    focus_new_title: Option<usize>,
}

impl AgendaUiState {
    /// Shows or hides the Markdown previews of the description and the proposed decision.
    pub fn set_previews(&mut self, on: bool) {
        self.preview_description = on;
        self.preview_decision = on;
    }
}

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

    // Ctrl+Enter: a new case after the selected one (never after the closing standard items).
    if editable && ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Enter)) {
        let at = new_case_position(ctx, data, selected);
        out.insert(
            at,
            Item::new(0, lang.tr("Ny sak", "New item"), ItemKind::Decision),
        );
        ctx.runtime.agenda.focus_new_title = Some(meeting.items.len());
    }

    // Alt+↑ / Alt+↓ move the selected item, Alt+Delete deletes it, before any text field sees
    // the keys.
    if editable && let Some(n) = selected {
        let (up, down, delete) = ui.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::ALT, egui::Key::ArrowUp),
                i.consume_key(egui::Modifiers::ALT, egui::Key::ArrowDown),
                i.consume_key(egui::Modifiers::ALT, egui::Key::Delete),
            )
        });
        if delete
            && !is_frozen(baseline, meeting, n)
            && let Some(pos) = meeting.items.iter().position(|i| i.number == n)
        {
            out.edits.push(Edit::DeleteItem { item: n });
            out.deleted = Some(meeting.items[pos].title.clone());
            let next = if pos + 1 < meeting.items.len() {
                n
            } else {
                n.saturating_sub(1)
            };
            out.select = Some(next.max(1));
        }
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

/// Where a new case goes: after the selected one, but never after the standard items that close
/// the agenda (Eventuelt, Orienteringssaker); after the notice (case numbers frozen), last.
fn new_case_position(ctx: &PaneCtx<'_>, data: AgendaData<'_>, selected: Option<u32>) -> usize {
    let meeting = &ctx.open.record.meeting;
    if meeting.status != MeetingStatus::Planned {
        return meeting.items.len();
    }
    let built_in;
    let template: &[ItemTemplate] = if let Some(c) = data.state.context_for(ctx.open.id) {
        &c.template
    } else {
        built_in = crate::model::agenda::default_template();
        &built_in
    };
    let limit = case_insert_position(&meeting.items, template);
    selected
        .and_then(|n| meeting.items.iter().position(|i| i.number == n))
        .map_or(limit, |p| (p + 1).min(limit))
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

/// One frame of the Saksliste pane on its own, for benchmarks.
#[doc(hidden)]
pub fn agenda_bench_frame(
    ui: &mut egui::Ui,
    open: &crate::app::OpenMeeting,
    data: AgendaData<'_>,
    runtime: &mut super::Runtime,
    commands: &mut Vec<Command>,
) {
    let mut ctx = PaneCtx::for_bench(open, runtime, commands);
    agenda_ui(ui, &mut ctx, data);
}
