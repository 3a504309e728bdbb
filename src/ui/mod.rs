//! The window: menu bar, meeting list, and the four panes (Saksliste, Referat, Oppmøte,
//! Rapport) in a layout the user can rearrange. Panes draw from [`Core`] and emit
//! [`Command`]s; nothing here touches the database.

mod agenda;
mod attachment_ui;
mod attendance;
mod file_dialog;
mod input_order;
mod labels;
mod maintenance_ui;
mod meeting_list_ui;
mod minutes;
mod new_meeting_ui;
mod notes_editor;
mod notices_ui;
mod preview;
mod register_ui;
mod report_ui;
mod review_ui;
mod script;
mod search_ui;
mod shortcuts_ui;
mod sign_ui;
mod widgets;

use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::app::{Command, Core};
use crate::i18n::Lang;
use crate::store::{MeetingId, Store};

#[doc(hidden)]
pub use agenda::{AgendaData, agenda_bench_frame};
pub use file_dialog::use_window_dialog;
pub use labels::{kind_label, outcome_label, status_label};
#[doc(hidden)]
pub use minutes::{MinutesState, bench_frame as minutes_bench_frame, bench_style};
pub use script::run_script;
pub use shortcuts_ui::all_shortcuts;

/// The panes of a meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Pane {
    /// Agenda building.
    Agenda,
    /// Live minute-taking.
    Minutes,
    /// Attendance and absences.
    Attendance,
    /// Documents and export.
    Report,
}

impl Pane {
    /// Every pane, in default tab order.
    pub const ALL: [Pane; 4] = [Pane::Agenda, Pane::Minutes, Pane::Attendance, Pane::Report];

    /// The tab title.
    #[must_use]
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Pane::Agenda => lang.tr("Saksliste", "Agenda"),
            Pane::Minutes => lang.tr("Referat", "Minutes"),
            Pane::Attendance => lang.tr("Oppmøte", "Attendance"),
            Pane::Report => lang.tr("Rapport", "Report"),
        }
    }
}

/// What is kept between runs (eframe persistence): layout and preferences, never meeting data.
#[derive(Serialize, Deserialize)]
#[serde(default)]
pub struct Persisted {
    /// The pane layout.
    pub tree: egui_tiles::Tree<Pane>,
    /// The interface language.
    pub lang: Lang,
    /// The meeting that was open last.
    pub last_meeting: Option<i64>,
    /// Whether the meeting list is shown.
    pub show_meeting_list: bool,
}

impl Default for Persisted {
    fn default() -> Self {
        Self {
            tree: default_tree(),
            lang: Lang::Nb,
            last_meeting: None,
            show_meeting_list: true,
        }
    }
}

/// The default layout: all four panes as tabs.
#[must_use]
pub fn default_tree() -> egui_tiles::Tree<Pane> {
    egui_tiles::Tree::new_tabs(egui::Id::unique("motebok_panes"), Pane::ALL.to_vec())
}

/// State of the window that lives only while it runs.
#[derive(Default)]
pub struct Runtime {
    /// The "new meeting" dialog, when open.
    pub new_meeting: Option<new_meeting_ui::NewMeetingForm>,
    /// The item selected in the panes (its number).
    pub selected_item: Option<u32>,
    /// The about window is open.
    pub show_about: bool,
    /// The keyboard shortcuts window (F1) is open.
    pub show_shortcuts: bool,
    /// The Saksliste pane's window state.
    pub agenda: agenda::AgendaUiState,
    /// The Oppmøte pane's focused row, forms and deputy choice.
    pub attendance: attendance::AttendanceState,
    /// The Referat pane's meeting mode and typing state.
    pub minutes: minutes::MinutesState,
    /// The Rapport pane's document, zoom and approval forms.
    pub report: report_ui::ReportUiState,
    /// The leader's review window.
    pub review: review_ui::ReviewUiState,
    /// The search field and the item a search result opens.
    pub search: search_ui::SearchUi,
    /// The decision register and follow-up windows.
    pub register: register_ui::RegisterUi,
    /// The form for signing the minutes.
    pub sign: sign_ui::SignForm,
}

/// The Møtebok application: implements [`eframe::App`].
pub struct MotebokApp {
    /// Application state and the database thread.
    pub core: Core,
    /// What persists between runs.
    pub persisted: Persisted,
    /// What lives only while the window is open.
    pub runtime: Runtime,
    /// Input held back for the next frame (see [`input_order`]).
    held_input: Vec<egui::Event>,
}

/// Opens the window on the database at `db` (or the default location) and runs until it closes.
pub fn run_window(db: Option<std::path::PathBuf>) -> Result<(), String> {
    let path = crate::app::startup::resolve_db_path(db)?;
    let (store, problem) = crate::app::startup::open_for_window(&path)?;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Møtebok")
            .with_app_id("motebok")
            .with_inner_size([1280.0, 820.0])
            .with_min_inner_size([760.0, 480.0])
            .with_icon(window_icon()),
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    eframe::run_native(
        "Møtebok",
        options,
        Box::new(move |cc| Ok(Box::new(MotebokApp::new(cc, store, problem)))),
    )
    .map_err(|e| format!("the window could not open: {e}"))
}

/// Where the window keeps its settings (layout, language): eframe's storage folder for the
/// app id `motebok`.
#[must_use]
pub fn settings_dir() -> Option<std::path::PathBuf> {
    eframe::storage_dir("motebok")
}

/// Møtebok's icon for the window and the task bar (rendered from assets/motebok.svg).
fn window_icon() -> egui::IconData {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icons/motebok-256.png"))
        .unwrap_or_default()
}

/// The file dialog's purpose for "Eksporter møtepakke …".
const EXPORT_PACKAGE: &str = "export_package";
/// The file dialog's purpose for "Importer møtepakke …".
const IMPORT_PACKAGE: &str = "import_package";

/// The storage key of [`Persisted`].
const PERSIST_KEY: &str = "motebok_ui";

impl MotebokApp {
    /// Starts the app on an open store. `problem` explains a start-up fallback (read-only, backup).
    #[must_use]
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        store: Store,
        problem: Option<crate::app::StartupProblem>,
    ) -> Self {
        let mut persisted: Persisted = cc
            .storage
            .and_then(|s| eframe::get_value(s, PERSIST_KEY))
            .unwrap_or_default();
        // Where the referent was working (kept in the database, so it survives a crash).
        let place = store.work_place().ok().flatten();
        widgets::setup_style(&cc.egui_ctx);
        let ctx = cc.egui_ctx.clone();
        let mut core = Core::new(store, Box::new(move || ctx.request_repaint()));
        if problem.is_some() {
            // Whatever went wrong at start-up, nothing may be written until it is resolved.
            core.read_only = true;
        }
        core.startup_problem = problem;
        core.open_when_listed(
            place
                .map(|p| p.meeting)
                .or(persisted.last_meeting.map(MeetingId)),
        );
        let mut runtime = Runtime::default();
        minutes::resume(place, &mut runtime, &mut persisted.tree);
        Self {
            core,
            persisted,
            runtime,
            held_input: Vec::new(),
        }
    }

    fn shortcuts(ctx: &egui::Context, commands: &mut Vec<Command>) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let text_focused = ctx.memory(|m| m.focused().is_some()) && ctx.egui_wants_keyboard_input();
        let undo = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
        let redo = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        let redo_y = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
        if !text_focused {
            ctx.input_mut(|i| {
                if i.consume_shortcut(&redo) || i.consume_shortcut(&redo_y) {
                    commands.push(Command::Redo);
                } else if i.consume_shortcut(&undo) {
                    commands.push(Command::Undo);
                }
            });
        }
    }
}

impl eframe::App for MotebokApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        input_order::order_frame(&ctx, &mut self.held_input);
        if let Some(wait) = self.core.tick(Instant::now()) {
            ctx.request_repaint_after(wait);
        }
        let mut commands = Vec::new();
        if ctx.input(|i| i.viewport().close_requested()) && !self.core.may_close() {
            // The database refused the text: ask (save as a package, try again, quit anyway).
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            commands.push(Command::AskBeforeClose);
        }
        Self::shortcuts(&ctx, &mut commands);
        search_ui::shortcuts(&ctx, &mut self.runtime);
        if self.core.open.is_some()
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F5))
        {
            minutes::f5(&mut self.runtime, &mut self.persisted.tree);
        }
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F1)) {
            self.runtime.show_shortcuts = !self.runtime.show_shortcuts;
        }
        let lang = self.persisted.lang;

        egui::Panel::top("menu_bar").show(ui, |ui| {
            self.menu_bar_ui(ui, &mut commands);
        });
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            notices_ui::status_bar_ui(ui, lang, &self.core, &mut commands);
        });
        if self.persisted.show_meeting_list {
            egui::Panel::left("meeting_list")
                .resizable(true)
                .default_size(260.0)
                .min_size(180.0)
                .show(ui, |ui| {
                    meeting_list_ui::meeting_list_ui(
                        ui,
                        lang,
                        &self.core,
                        &mut self.runtime,
                        &mut commands,
                    );
                });
        }
        if search_ui::results_visible(&self.runtime) {
            egui::Panel::right("search_results")
                .resizable(true)
                .default_size(420.0)
                .min_size(260.0)
                .show(ui, |ui| {
                    search_ui::search_results_ui(
                        ui,
                        lang,
                        &self.core,
                        &mut self.runtime,
                        &mut commands,
                    );
                });
        }
        if let Some(pane) = search_ui::apply_pending(&self.core, &mut self.runtime) {
            self.persisted
                .tree
                .make_active(|_, tile| matches!(tile, egui_tiles::Tile::Pane(p) if *p == pane));
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if self.core.open.is_some() {
                let mut behavior = PaneBehavior {
                    lang,
                    core: &self.core,
                    runtime: &mut self.runtime,
                    commands: &mut commands,
                };
                self.persisted.tree.ui(&mut behavior, ui);
            } else {
                ui.centered_and_justified(|ui| {
                    ui.label(if self.core.meetings.is_empty() {
                        lang.tr(
                            "Ingen møter ennå. Opprett et nytt møte eller importer en møtepakke.",
                            "No meetings yet. Create a meeting or import a meeting package.",
                        )
                    } else {
                        lang.tr("Velg et møte i listen.", "Choose a meeting in the list.")
                    });
                });
            }
        });

        notices_ui::dialogs_ui(&ctx, lang, &self.core, &mut self.runtime, &mut commands);
        file_dialog::show(&ctx, lang);
        if let Some(path) = file_dialog::answer(&ctx, EXPORT_PACKAGE) {
            commands.push(Command::Export(path));
        }
        review_ui::take_chosen_review(&ctx, &mut commands);
        if let Some(path) = file_dialog::answer(&ctx, IMPORT_PACKAGE) {
            commands.push(Command::Import {
                path,
                replace: false,
            });
        }
        review_ui::review_window(&ctx, lang, &self.core, &mut self.runtime, &mut commands);
        attachment_ui::save_instead_ui(&ctx, lang, &self.core, &mut commands);
        if !self.core.rapport.is_idle() {
            // A preview or export is under way on its own thread: look for its result.
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        new_meeting_ui::new_meeting_ui(&ctx, lang, &self.core, &mut self.runtime, &mut commands);
        shortcuts_ui::shortcuts_window(&ctx, lang, &mut self.runtime.show_shortcuts);
        register_ui::register_window(&ctx, lang, &self.core, &mut self.runtime, &mut commands);
        register_ui::follow_ups_window(&ctx, lang, &self.core, &mut self.runtime, &mut commands);

        if let Some(open) = &self.core.open {
            self.persisted.last_meeting = Some(open.id.0);
        }
        minutes::remember_place(&self.core, &mut self.runtime, &mut commands);
        self.core.run(commands);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PERSIST_KEY, &self.persisted);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.core.flush_saves();
        // Attachments and review PDFs opened in this run are not left behind.
        crate::files::remove_private_temp_dir();
    }
}

impl MotebokApp {
    fn menu_bar_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let lang = self.persisted.lang;
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(lang.tr("Fil", "File"), |ui| {
                if ui.button(lang.tr("Nytt møte …", "New meeting …")).clicked() {
                    self.runtime.new_meeting =
                        Some(new_meeting_ui::NewMeetingForm::new(&self.core));
                }
                if ui
                    .button(lang.tr("Importer møtepakke …", "Import meeting package …"))
                    .clicked()
                {
                    file_dialog::ask_open(ui.ctx(), IMPORT_PACKAGE, "json");
                }
                let can_export = self.core.open.is_some();
                if ui
                    .add_enabled(
                        can_export,
                        egui::Button::new(
                            lang.tr("Eksporter møtepakke …", "Export meeting package …"),
                        ),
                    )
                    .clicked()
                    && let Some(open) = &self.core.open
                {
                    let name = format!(
                        "{}-M{}.motebok.json",
                        open.record.meeting.reference.year, open.record.meeting.reference.number
                    );
                    file_dialog::ask_save(ui.ctx(), EXPORT_PACKAGE, &name, "json");
                }
                ui.separator();
                review_ui::file_menu_ui(ui, lang, &self.core, commands);
                ui.separator();
                if ui.button(lang.tr("Avslutt", "Quit")).clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button(lang.tr("Rediger", "Edit"), |ui| {
                let (can_undo, can_redo) = self
                    .core
                    .open
                    .as_ref()
                    .map_or((false, false), |o| (o.can_undo(), o.can_redo()));
                if ui
                    .add_enabled(
                        can_undo,
                        egui::Button::new(lang.tr("Angre", "Undo")).shortcut_text("Ctrl+Z"),
                    )
                    .clicked()
                {
                    commands.push(Command::Undo);
                }
                if ui
                    .add_enabled(
                        can_redo,
                        egui::Button::new(lang.tr("Gjør om", "Redo")).shortcut_text("Ctrl+Shift+Z"),
                    )
                    .clicked()
                {
                    commands.push(Command::Redo);
                }
            });
            ui.menu_button(lang.tr("Vis", "View"), |ui| {
                ui.checkbox(
                    &mut self.persisted.show_meeting_list,
                    lang.tr("Møteliste", "Meeting list"),
                );
                if ui
                    .button(lang.tr("Tilbakestill panelene", "Reset pane layout"))
                    .clicked()
                {
                    self.persisted.tree = default_tree();
                }
                ui.separator();
                for l in [Lang::Nb, Lang::En] {
                    ui.radio_value(&mut self.persisted.lang, l, l.name());
                }
            });
            ui.menu_button(lang.tr("Arkiv", "Archive"), |ui| {
                if ui
                    .add(
                        egui::Button::new(lang.tr("Søk i alle møter", "Search all meetings"))
                            .shortcut_text("Ctrl+K"),
                    )
                    .clicked()
                {
                    self.runtime.search.focus = true;
                }
                if ui
                    .button(lang.tr("Vedtaksregister", "Decision register"))
                    .clicked()
                {
                    self.runtime.register.show_register = true;
                }
                if ui.button(lang.tr("Oppfølginger", "Follow-ups")).clicked() {
                    self.runtime.register.show_follow_ups = true;
                }
                ui.separator();
                if ui
                    .add_enabled(
                        !self.core.read_only,
                        egui::Button::new(
                            lang.tr("Bygg søkeindeksen på nytt", "Rebuild the search index"),
                        ),
                    )
                    .clicked()
                {
                    commands.push(Command::Search(
                        crate::app::search::SearchCommand::RebuildIndex,
                    ));
                }
            });
            ui.menu_button(lang.tr("Hjelp", "Help"), |ui| {
                if ui
                    .add(
                        egui::Button::new(lang.tr("Hurtigtaster", "Keyboard shortcuts"))
                            .shortcut_text("F1"),
                    )
                    .clicked()
                {
                    self.runtime.show_shortcuts = true;
                }
                if ui.button(lang.tr("Om Møtebok", "About Møtebok")).clicked() {
                    self.runtime.show_about = true;
                }
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                search_ui::search_field_ui(ui, lang, &self.core, &mut self.runtime, commands);
            });
        });
    }
}

/// Draws the panes inside the tile layout.
struct PaneBehavior<'a> {
    lang: Lang,
    core: &'a Core,
    runtime: &'a mut Runtime,
    commands: &'a mut Vec<Command>,
}

impl egui_tiles::Behavior<Pane> for PaneBehavior<'_> {
    fn pane_ui(
        &mut self,
        ui: &mut egui::Ui,
        _tile_id: egui_tiles::TileId,
        pane: &mut Pane,
    ) -> egui_tiles::UiResponse {
        let Some(open) = self.core.open.as_ref() else {
            return egui_tiles::UiResponse::None;
        };
        let agenda_data = agenda::AgendaData {
            state: &self.core.agenda,
            people: &self.core.people,
        };
        let mut ctx = widgets::PaneCtx {
            lang: self.lang,
            open,
            read_only: self.core.read_only,
            runtime: self.runtime,
            commands: self.commands,
        };
        egui::Frame::central_panel(ui.style()).show(ui, |ui| match pane {
            Pane::Agenda => {
                register_ui::previous_follow_ups_ui(ui, ctx.lang, self.core, ctx.commands);
                agenda::agenda_ui(ui, &mut ctx, agenda_data);
            }
            Pane::Minutes => minutes::minutes_ui(ui, &mut ctx, self.core),
            Pane::Attendance => attendance::attendance_ui(ui, &mut ctx),
            Pane::Report => report_ui::report_ui(ui, &mut ctx, self.core),
        });
        egui_tiles::UiResponse::None
    }

    fn tab_title_for_pane(&mut self, pane: &Pane) -> egui::WidgetText {
        pane.title(self.lang).into()
    }

    fn simplification_options(&self) -> egui_tiles::SimplificationOptions {
        egui_tiles::SimplificationOptions {
            all_panes_must_have_tabs: true,
            ..Default::default()
        }
    }
}
