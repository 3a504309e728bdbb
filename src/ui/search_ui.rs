//! The search field in the top bar and its results beside the panes: every meeting of every
//! body, grouped by meeting, newest first, the matching words highlighted. Opening a hit opens
//! its meeting at the item, in the pane that shows the field that matched.

use crate::app::search::{SearchCommand, is_searchable};
use crate::app::{Command, Core};
use crate::i18n::Lang;
use crate::store::{MeetingId, SearchField, SearchHit};

use super::{Pane, Runtime};

/// The search field's id (for focus).
#[must_use]
pub fn field_id() -> egui::Id {
    egui::Id::unique("motebok_search_field")
}

/// An item to show once its meeting is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PendingOpen {
    /// The meeting.
    pub meeting: MeetingId,
    /// The item's number.
    pub item: u32,
    /// The pane to show it in.
    pub pane: Pane,
}

/// The search field's state in the window.
#[derive(Debug, Default)]
pub struct SearchUi {
    /// What is typed in the field.
    pub text: String,
    /// Move the keyboard focus to the field in the next frame.
    pub focus: bool,
    /// The results are shown (the field has a query and was not closed with Escape).
    pub open: bool,
    /// The item to select once its meeting has loaded.
    pub pending: Option<PendingOpen>,
}

/// Ctrl+K focuses the search field; so does Ctrl+F when no text field has the focus.
pub fn shortcuts(ctx: &egui::Context, runtime: &mut Runtime) {
    use egui::{Key, KeyboardShortcut, Modifiers};
    let text_focused = ctx.memory(|m| m.focused().is_some()) && ctx.egui_wants_keyboard_input();
    let k = KeyboardShortcut::new(Modifiers::COMMAND, Key::K);
    let f = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
    ctx.input_mut(|i| {
        if i.consume_shortcut(&k) || (!text_focused && i.consume_shortcut(&f)) {
            runtime.search.focus = true;
        }
    });
}

/// The pane that shows a field: the minutes for what the meeting recorded, the agenda for the
/// rest.
#[must_use]
pub fn pane_for(field: SearchField) -> Pane {
    if field.is_minutes() {
        Pane::Minutes
    } else {
        Pane::Agenda
    }
}

/// Opens a meeting at an item: the meeting loads (if it is not the open one) and, once it is
/// open, the item is selected in `pane`.
pub fn open_item(
    core: &Core,
    runtime: &mut Runtime,
    commands: &mut Vec<Command>,
    meeting: MeetingId,
    item: u32,
    pane: Pane,
) {
    if core.open.as_ref().is_none_or(|o| o.id != meeting) {
        commands.push(Command::Open(meeting));
    }
    runtime.search.pending = Some(PendingOpen {
        meeting,
        item,
        pane,
    });
}

/// Selects the pending item once its meeting is open, and shows its pane. Returns the pane to
/// bring forward.
pub fn apply_pending(core: &Core, runtime: &mut Runtime) -> Option<Pane> {
    let pending = runtime.search.pending?;
    let open = core.open.as_ref()?;
    if open.id != pending.meeting {
        return None;
    }
    runtime.search.pending = None;
    runtime.selected_item = Some(pending.item);
    Some(pending.pane)
}

/// The search field, for the top bar (in a right-to-left layout).
pub fn search_field_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    core: &Core,
    runtime: &mut Runtime,
    commands: &mut Vec<Command>,
) {
    // Drawn right to left at the end of the top bar: the field first, its label to its left.
    let edit = egui::TextEdit::singleline(&mut runtime.search.text)
        .id(field_id())
        .hint_text(lang.tr("Alle møter (Ctrl+K)", "All meetings (Ctrl+K)"))
        .desired_width(240.0);
    let response = ui.add(edit);
    let label = ui.label(lang.tr("Søk", "Search"));
    let response = response.labelled_by(label.id);
    if runtime.search.focus {
        runtime.search.focus = false;
        response.request_focus();
    }
    if response.changed() {
        runtime.search.open = !runtime.search.text.trim().is_empty();
        commands.push(Command::Search(SearchCommand::Search(
            runtime.search.text.clone(),
        )));
    }
    // Escape in the field (which also takes the focus away from it) closes the results.
    if (response.has_focus() || response.lost_focus())
        && ui.input(|i| i.key_pressed(egui::Key::Escape))
    {
        runtime.search.open = false;
        response.surrender_focus();
    }
    if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        // Enter opens the first hit.
        let first = core
            .search
            .results
            .as_ref()
            .and_then(|r| r.hits().next().map(|(g, h)| (g.meeting, h.item, h.field)));
        if let Some((meeting, item, field)) = first {
            open_item(core, runtime, commands, meeting, item, pane_for(field));
        }
    }
    if response.gained_focus() && !runtime.search.text.trim().is_empty() {
        runtime.search.open = true;
    }
}

/// Whether the results panel is shown.
#[must_use]
pub fn results_visible(runtime: &Runtime) -> bool {
    runtime.search.open && !runtime.search.text.trim().is_empty()
}

/// Appends text to `job`, the highlighted parts marked with the selection colour.
fn append_parts(
    ui: &egui::Ui,
    job: &mut egui::text::LayoutJob,
    parts: &[(&str, bool)],
    size: f32,
    strong: bool,
) {
    let visuals = ui.visuals();
    let font = egui::FontId::proportional(size);
    let color = if strong {
        visuals.strong_text_color()
    } else {
        visuals.text_color()
    };
    for (text, hit) in parts {
        let mut format = egui::TextFormat::simple(font.clone(), color);
        if *hit {
            format.background = visuals.selection.bg_fill;
            format.color = visuals.strong_text_color();
        }
        job.append(text, 0.0, format);
    }
}

fn title_parts(hit: &SearchHit) -> Vec<(&str, bool)> {
    let mut parts = Vec::new();
    let mut at = 0;
    for r in &hit.title_marks {
        if r.start > at {
            parts.push((&hit.title[at..r.start], false));
        }
        parts.push((&hit.title[r.clone()], true));
        at = r.end;
    }
    if at < hit.title.len() {
        parts.push((&hit.title[at..], false));
    }
    parts
}

fn field_label(lang: Lang, field: SearchField) -> &'static str {
    match field {
        SearchField::Title => lang.tr("Tittel", "Title"),
        SearchField::CaseNumber => lang.tr("Saksnummer", "Case number"),
        SearchField::Description => lang.tr("Saksbeskrivelse", "Description"),
        SearchField::ProposedDecision => lang.tr("Forslag til vedtak", "Proposed decision"),
        SearchField::Decision => lang.tr("Vedtak", "Decision"),
        SearchField::Notes => lang.tr("Referat", "Notes"),
        SearchField::Guests => lang.tr("Deltok", "Took part"),
        SearchField::FollowUps => lang.tr("Oppfølging", "Follow-up"),
    }
}

/// The results beside the panes.
pub fn search_results_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    core: &Core,
    runtime: &mut Runtime,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.heading(lang.tr("Søkeresultater", "Search results"));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button(lang.tr("Lukk", "Close"))
                .on_hover_text(lang.tr("Lukk søkeresultatene (Esc)", "Close the results (Esc)"))
                .clicked()
            {
                runtime.search.open = false;
            }
        });
    });
    let state = &core.search;
    if !is_searchable(&runtime.search.text) {
        ui.label(lang.tr(
            "Skriv minst to bokstaver eller tall.",
            "Type at least two letters or digits.",
        ));
        return;
    }
    let Some(results) = state.results.as_ref() else {
        ui.label(lang.tr("Søker …", "Searching …"));
        return;
    };
    let count = results.hit_count();
    let summary = match (count, results.truncated) {
        (0, _) => lang.tr("Ingen treff.", "No hits.").to_owned(),
        (n, false) => format!("{n} {}", lang.tr("treff", "hits")),
        (n, true) => format!(
            "{n} {}",
            lang.tr(
                "nyeste treff (det finnes flere)",
                "newest hits (there are more)"
            )
        ),
    };
    ui.label(egui::RichText::new(summary).weak());
    ui.separator();
    let mut clicked = None;
    egui::ScrollArea::vertical()
        .id_salt("search_results_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for group in &results.groups {
                ui.add_space(4.0);
                ui.label(
                    egui::RichText::new(format!(
                        "{} · {} · {}",
                        group.reference,
                        super::widgets::date_no(group.date),
                        group.body
                    ))
                    .strong(),
                );
                for hit in &group.hits {
                    let mut title = vec![(format!("{}  ", hit.case), false)];
                    title.extend(title_parts(hit).into_iter().map(|(t, h)| (t.to_owned(), h)));
                    let parts: Vec<(&str, bool)> =
                        title.iter().map(|(t, h)| (t.as_str(), *h)).collect();
                    let mut job = egui::text::LayoutJob::default();
                    append_parts(ui, &mut job, &parts, 14.0, true);
                    if let Some(basis) = &hit.exempt {
                        let format = egui::TextFormat::simple(
                            egui::FontId::proportional(12.0),
                            ui.visuals().warn_fg_color,
                        );
                        job.append(
                            &format!(
                                "\n{} {basis}",
                                lang.tr("Unntatt offentlighet,", "Exempt from public access,")
                            ),
                            0.0,
                            format,
                        );
                    }
                    if let Some(from) = hit.snippet_field.filter(|_| !hit.snippet.text.is_empty()) {
                        let label = format!("\n{}: ", field_label(lang, from));
                        let mut parts: Vec<(&str, bool)> = vec![(label.as_str(), false)];
                        parts.extend(hit.snippet.parts());
                        append_parts(ui, &mut job, &parts, 12.5, false);
                    }
                    job.wrap.max_width = ui.available_width() - 8.0;
                    let response = ui.add(egui::Button::new(job).frame(false).wrap());
                    if response.clicked() {
                        clicked = Some((group.meeting, hit.item, pane_for(hit.field)));
                    }
                    ui.add_space(2.0);
                }
                ui.separator();
            }
            if results.truncated
                && ui
                    .button(lang.tr("Vis flere treff", "Show more hits"))
                    .clicked()
            {
                commands.push(Command::Search(SearchCommand::MoreHits));
            }
        });
    if let Some((meeting, item, pane)) = clicked {
        open_item(core, runtime, commands, meeting, item, pane);
    }
}
