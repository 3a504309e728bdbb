//! The decision register (Vedtaksregister) and the follow-ups across meetings (Oppfølginger),
//! as windows opened from the menu, and the open follow-ups of the previous meeting shown
//! while the next agenda is built.

use crate::app::search::{ExportFormat, SearchCommand};
use crate::app::{Command, Core};
use crate::i18n::Lang;
use crate::model::{
    Deadline, ItemKind, MeetingStatus, Outcome, PersonId, parse_inline, plain_text,
};
use crate::store::{DecisionRow, DecisionSort, FollowUpFilter, FollowUpRow, FollowUpStatus};

use super::widgets::date_no;
use super::{Pane, Runtime};

/// The register and follow-up windows' state.
#[derive(Debug, Default)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent flags of two windows"
)]
pub struct RegisterUi {
    /// The register window is open.
    pub show_register: bool,
    /// The follow-up window is open.
    pub show_follow_ups: bool,
    /// Export the public version of the register.
    pub public: bool,
    register_requested: bool,
    follow_ups_requested: bool,
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

fn kind_short(lang: Lang, kind: ItemKind) -> &'static str {
    super::kind_label(lang, kind)
}

/// A combo box choosing one of `options` or "all" (`None`); returns whether it changed.
fn choose<T: Clone + PartialEq>(
    ui: &mut egui::Ui,
    id: &str,
    label: &str,
    all: &str,
    value: &mut Option<T>,
    options: &[(T, String)],
) -> bool {
    let before = value.clone();
    let shown = value
        .as_ref()
        .and_then(|v| options.iter().find(|(o, _)| o == v).map(|(_, t)| t.clone()))
        .unwrap_or_else(|| all.to_owned());
    ui.label(label);
    egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, all);
            for (o, text) in options {
                ui.selectable_value(value, Some(o.clone()), text);
            }
        });
    *value != before
}

/// Whether a window of the register is shown; the first frame it is, its rows are asked for
/// (once: `loaded` remembers it until the window closes).
fn shown_and_loaded(
    shown: bool,
    loaded: &mut bool,
    commands: &mut Vec<Command>,
    load: impl FnOnce() -> SearchCommand,
) -> bool {
    if !shown {
        *loaded = false;
        return false;
    }
    if !*loaded {
        *loaded = true;
        commands.push(Command::Search(load()));
    }
    true
}

/// The decision register window.
pub fn register_window(
    ctx: &egui::Context,
    lang: Lang,
    core: &Core,
    runtime: &mut Runtime,
    commands: &mut Vec<Command>,
) {
    let reg = &mut runtime.register;
    if !shown_and_loaded(
        reg.show_register,
        &mut reg.register_requested,
        commands,
        || SearchCommand::LoadRegister(core.search.register_filter.clone()),
    ) {
        return;
    }
    let mut open = true;
    let mut opened = None;
    egui::Window::new(lang.tr("Vedtaksregister", "Decision register"))
        .id(egui::Id::unique("register_window"))
        .open(&mut open)
        .default_size([980.0, 560.0])
        .resizable(true)
        .show(ctx, |ui| {
            let mut filter = core.search.register_filter.clone();
            let choices = core.search.choices.clone().unwrap_or_default();
            let mut changed = false;
            ui.horizontal_wrapped(|ui| {
                let bodies: Vec<(String, String)> = choices
                    .bodies
                    .iter()
                    .map(|b| (b.clone(), b.clone()))
                    .collect();
                changed |= choose(
                    ui,
                    "reg_body",
                    lang.tr("Organ", "Body"),
                    lang.tr("Alle", "All"),
                    &mut filter.body,
                    &bodies,
                );
                let years: Vec<(i32, String)> =
                    choices.years.iter().map(|y| (*y, y.to_string())).collect();
                changed |= choose(
                    ui,
                    "reg_year",
                    lang.tr("År", "Year"),
                    lang.tr("Alle", "All"),
                    &mut filter.year,
                    &years,
                );
                let kinds: Vec<(ItemKind, String)> = ItemKind::ALL
                    .iter()
                    .map(|k| (*k, kind_short(lang, *k).to_owned()))
                    .collect();
                changed |= choose(
                    ui,
                    "reg_kind",
                    lang.tr("Sakstype", "Kind"),
                    lang.tr("Alle", "All"),
                    &mut filter.kind,
                    &kinds,
                );
                let outcomes: Vec<(Outcome, String)> = Outcome::ALL
                    .iter()
                    .map(|o| (*o, super::outcome_label(lang, *o).to_owned()))
                    .collect();
                changed |= choose(
                    ui,
                    "reg_outcome",
                    lang.tr("Utfall", "Outcome"),
                    lang.tr("Alle", "All"),
                    &mut filter.outcome,
                    &outcomes,
                );
            });
            if changed {
                commands.push(Command::Search(SearchCommand::LoadRegister(filter)));
            }
            ui.horizontal(|ui| {
                let n = core.search.register.as_ref().map_or(0, Vec::len);
                ui.label(
                    egui::RichText::new(format!("{n} {}", lang.tr("vedtak", "decisions"))).weak(),
                );
                ui.separator();
                ui.checkbox(
                    &mut runtime.register.public,
                    lang.tr("Offentlig versjon", "Public version"),
                )
                .on_hover_text(lang.tr(
                    "Vedtak i saker unntatt offentlighet erstattes av hjemmelen",
                    "Decisions of exempt items are replaced by the legal basis",
                ));
                for (label, format, ext) in [
                    (
                        lang.tr("Eksporter CSV …", "Export CSV …"),
                        ExportFormat::Csv,
                        "csv",
                    ),
                    (
                        lang.tr("Eksporter PDF …", "Export PDF …"),
                        ExportFormat::Pdf,
                        "pdf",
                    ),
                ] {
                    // The system's dialog, or (where it cannot open) one inside the window.
                    let purpose = format!("register_export_{ext}");
                    if ui.button(label).clicked() {
                        super::file_dialog::ask_save(
                            ui.ctx(),
                            &purpose,
                            &format!("vedtaksregister.{ext}"),
                            ext,
                        );
                    }
                    if let Some(path) = super::file_dialog::answer(ui.ctx(), &purpose) {
                        commands.push(Command::Search(SearchCommand::ExportRegister {
                            path,
                            format,
                            public: runtime.register.public,
                        }));
                    }
                }
            });
            ui.separator();
            let Some(rows) = core.search.register.as_ref() else {
                ui.label(lang.tr("Leser vedtakene …", "Reading the decisions …"));
                return;
            };
            opened = register_table(ui, lang, core.search.register_sort, rows, commands);
        });
    if !open {
        runtime.register.show_register = false;
    }
    if let Some((meeting, item)) = opened {
        super::search_ui::open_item(core, runtime, commands, meeting, item, Pane::Minutes);
    }
}

/// The register's table; returns the item whose case number was clicked.
fn register_table(
    ui: &mut egui::Ui,
    lang: Lang,
    (sort, descending): (DecisionSort, bool),
    rows: &[DecisionRow],
    commands: &mut Vec<Command>,
) -> Option<(crate::store::MeetingId, u32)> {
    use egui_extras::{Column, TableBuilder};
    let mut opened = None;
    let header =
        |ui: &mut egui::Ui, label: &str, column: DecisionSort, commands: &mut Vec<Command>| {
            let arrow = match (sort == column, descending) {
                (true, true) => " ▼",
                (true, false) => " ▲",
                _ => "",
            };
            if ui
                .add(
                    egui::Button::new(egui::RichText::new(format!("{label}{arrow}")).strong())
                        .frame(false),
                )
                .clicked()
            {
                let descending = if sort == column {
                    !descending
                } else {
                    column == DecisionSort::Date
                };
                commands.push(Command::Search(SearchCommand::SortRegister {
                    sort: column,
                    descending,
                }));
            }
        };
    TableBuilder::new(ui)
        .id_salt("register_table")
        .striped(true)
        .resizable(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(82.0))
        .column(Column::initial(104.0))
        .column(Column::initial(150.0).clip(true))
        .column(Column::initial(200.0).clip(true))
        .column(Column::initial(110.0))
        .column(Column::initial(120.0))
        .column(Column::remainder().clip(true))
        .header(22.0, |mut h| {
            h.col(|ui| header(ui, lang.tr("Dato", "Date"), DecisionSort::Date, commands));
            h.col(|ui| header(ui, lang.tr("Saksnr.", "Case"), DecisionSort::Case, commands));
            h.col(|ui| header(ui, lang.tr("Organ", "Body"), DecisionSort::Body, commands));
            h.col(|ui| {
                header(
                    ui,
                    lang.tr("Tittel", "Title"),
                    DecisionSort::Title,
                    commands,
                );
            });
            h.col(|ui| {
                header(
                    ui,
                    lang.tr("Sakstype", "Kind"),
                    DecisionSort::Kind,
                    commands,
                );
            });
            h.col(|ui| {
                header(
                    ui,
                    lang.tr("Utfall", "Outcome"),
                    DecisionSort::Outcome,
                    commands,
                );
            });
            h.col(|ui| {
                ui.label(egui::RichText::new(lang.tr("Vedtak", "Decision")).strong());
            });
        })
        .body(|body| {
            body.rows(20.0, rows.len(), |mut row| {
                let r = &rows[row.index()];
                row.col(|ui| {
                    ui.label(date_no(r.date));
                });
                row.col(|ui| {
                    if ui
                        .link(r.case.to_string())
                        .on_hover_text(lang.tr("Åpne saken", "Open the item"))
                        .clicked()
                    {
                        opened = Some((r.meeting, r.case.item));
                    }
                });
                row.col(|ui| {
                    ui.label(&r.body);
                });
                row.col(|ui| {
                    let mut title = egui::RichText::new(&r.title);
                    if r.exempt.is_some() {
                        title = title.color(ui.visuals().warn_fg_color);
                    }
                    let response = ui.label(title);
                    if let Some(basis) = &r.exempt {
                        response.on_hover_text(format!(
                            "{} {basis}",
                            lang.tr("Unntatt offentlighet,", "Exempt from public access,")
                        ));
                    }
                });
                row.col(|ui| {
                    ui.label(kind_short(lang, r.kind));
                });
                row.col(|ui| {
                    ui.label(r.outcome.map_or("", |o| super::outcome_label(lang, o)));
                });
                row.col(|ui| {
                    let one_line = r.decision.split_whitespace().collect::<Vec<_>>().join(" ");
                    ui.label(&one_line).on_hover_text(&r.decision);
                });
            });
        });
    opened
}

/// "18.09.2024" or the words of a deadline.
fn deadline_text(deadline: Option<&Deadline>) -> String {
    deadline.map(Deadline::display).unwrap_or_default()
}

/// A follow-up task as one line of plain text (its Markdown markup removed).
fn task_line(task: &str) -> String {
    plain_text(&parse_inline(
        &task.split_whitespace().collect::<Vec<_>>().join(" "),
    ))
}

/// The follow-ups window.
pub fn follow_ups_window(
    ctx: &egui::Context,
    lang: Lang,
    core: &Core,
    runtime: &mut Runtime,
    commands: &mut Vec<Command>,
) {
    let reg = &mut runtime.register;
    if !shown_and_loaded(
        reg.show_follow_ups,
        &mut reg.follow_ups_requested,
        commands,
        || SearchCommand::LoadFollowUps(core.search.follow_up_filter.clone()),
    ) {
        return;
    }
    let mut open = true;
    let mut opened = None;
    egui::Window::new(lang.tr("Oppfølginger", "Follow-ups"))
        .id(egui::Id::unique("follow_ups_window"))
        .open(&mut open)
        .default_size([900.0, 480.0])
        .resizable(true)
        .show(ctx, |ui| {
            let mut filter: FollowUpFilter = core.search.follow_up_filter.clone();
            let mut changed = false;
            ui.horizontal_wrapped(|ui| {
                let people: Vec<(PersonId, String)> = core
                    .search
                    .choices
                    .as_ref()
                    .map(|c| c.responsible.clone())
                    .unwrap_or_default();
                changed |= choose(
                    ui,
                    "fu_person",
                    lang.tr("Ansvarlig", "Responsible"),
                    lang.tr("Alle", "Everyone"),
                    &mut filter.person,
                    &people,
                );
                ui.separator();
                for (status, label) in [
                    (FollowUpStatus::Open, lang.tr("Åpne", "Open")),
                    (FollowUpStatus::Done, lang.tr("Utførte", "Done")),
                    (FollowUpStatus::All, lang.tr("Alle", "All")),
                ] {
                    changed |= ui.radio_value(&mut filter.status, status, label).changed();
                }
                ui.separator();
                changed |= ui
                    .checkbox(
                        &mut filter.overdue_only,
                        lang.tr("Bare forfalte", "Overdue only"),
                    )
                    .changed();
            });
            if changed {
                commands.push(Command::Search(SearchCommand::LoadFollowUps(filter)));
            }
            ui.separator();
            let Some(rows) = core.search.follow_ups.as_ref() else {
                ui.label(lang.tr("Leser oppfølgingene …", "Reading the follow-ups …"));
                return;
            };
            ui.label(
                egui::RichText::new(format!(
                    "{} {}",
                    rows.len(),
                    lang.tr("oppfølginger", "follow-ups")
                ))
                .weak(),
            );
            opened = follow_ups_table(ui, lang, core.read_only, rows, commands);
        });
    if !open {
        runtime.register.show_follow_ups = false;
    }
    if let Some((meeting, item)) = opened {
        super::search_ui::open_item(core, runtime, commands, meeting, item, Pane::Minutes);
    }
}

/// The follow-up table; returns the item whose case number was clicked.
fn follow_ups_table(
    ui: &mut egui::Ui,
    lang: Lang,
    read_only: bool,
    rows: &[FollowUpRow],
    commands: &mut Vec<Command>,
) -> Option<(crate::store::MeetingId, u32)> {
    use egui_extras::{Column, TableBuilder};
    let today = today();
    let mut opened = None;
    TableBuilder::new(ui)
        .id_salt("follow_ups_table")
        .striped(true)
        .resizable(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(130.0))
        .column(Column::initial(150.0).clip(true))
        .column(Column::initial(260.0).clip(true))
        .column(Column::initial(110.0))
        .column(Column::initial(150.0).clip(true))
        .column(Column::remainder())
        .header(22.0, |mut h| {
            for label in [
                lang.tr("Frist", "Deadline"),
                lang.tr("Ansvarlig", "Responsible"),
                lang.tr("Oppgave", "Task"),
                lang.tr("Sak", "Case"),
                lang.tr("Organ", "Body"),
                lang.tr("Status", "Status"),
            ] {
                h.col(|ui| {
                    ui.label(egui::RichText::new(label).strong());
                });
            }
        })
        .body(|body| {
            body.rows(22.0, rows.len(), |mut row| {
                let r = &rows[row.index()];
                row.col(|ui| {
                    let mut text = egui::RichText::new(deadline_text(r.deadline.as_ref()));
                    if r.is_overdue(today) {
                        text = text.color(ui.visuals().error_fg_color);
                    }
                    ui.label(text);
                });
                row.col(|ui| {
                    ui.label(r.responsible.as_ref().map_or("", |(_, n)| n.as_str()));
                });
                row.col(|ui| {
                    ui.label(task_line(&r.task)).on_hover_text(&r.title);
                });
                row.col(|ui| {
                    if ui
                        .link(r.case.to_string())
                        .on_hover_text(&r.title)
                        .clicked()
                    {
                        opened = Some((r.meeting, r.case.item));
                    }
                });
                row.col(|ui| {
                    ui.label(&r.body);
                });
                row.col(|ui| {
                    let mut done = r.done.is_some();
                    let label = match r.done {
                        Some(d) => format!("{} {}", lang.tr("Utført", "Done"), date_no(d)),
                        None => lang.tr("Utført", "Done").to_owned(),
                    };
                    let response =
                        ui.add_enabled(!read_only, egui::Checkbox::new(&mut done, label));
                    if response.changed() {
                        commands.push(Command::Search(SearchCommand::SetFollowUpDone {
                            row: Box::new(r.clone()),
                            done,
                        }));
                    }
                });
            });
        });
    opened
}

/// The open follow-ups of the body's previous meeting, above the agenda while it is built
/// (the open meeting is planned or its notice is sent).
pub fn previous_follow_ups_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    core: &Core,
    commands: &mut Vec<Command>,
) {
    let Some(open) = core.open.as_ref() else {
        return;
    };
    if !matches!(
        open.record.meeting.status,
        MeetingStatus::Planned | MeetingStatus::NoticeSent
    ) {
        return;
    }
    let Some(previous) = core
        .search
        .previous
        .as_ref()
        .filter(|p| p.for_meeting == open.id)
    else {
        return;
    };
    if previous.rows.is_empty() {
        return;
    }
    let title = format!(
        "{} {} ({})",
        lang.tr("Åpne oppfølginger fra", "Open follow-ups from"),
        previous.reference,
        previous.rows.len()
    );
    egui::CollapsingHeader::new(egui::RichText::new(title).strong())
        .id_salt("previous_follow_ups")
        .default_open(true)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("previous_follow_ups_scroll")
                .max_height(150.0)
                .show(ui, |ui| {
                    previous_rows_ui(ui, lang, core, &previous.rows, commands);
                });
        });
    ui.separator();
}

/// The rows of the previous meeting's open follow-ups.
fn previous_rows_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    core: &Core,
    rows: &[FollowUpRow],
    commands: &mut Vec<Command>,
) {
    let today = today();
    for r in rows {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{}  {}", r.case, task_line(&r.task)));
            if let Some((_, name)) = &r.responsible {
                ui.label(egui::RichText::new(name).weak());
            }
            if let Some(d) = &r.deadline {
                let mut text =
                    egui::RichText::new(format!("{} {}", lang.tr("frist", "due"), d.display()));
                if r.is_overdue(today) {
                    text = text.color(ui.visuals().error_fg_color);
                }
                ui.label(text);
            }
            if !core.read_only
                && ui
                    .small_button(lang.tr("Merk utført", "Mark done"))
                    .clicked()
            {
                commands.push(Command::Search(SearchCommand::SetFollowUpDone {
                    row: Box::new(r.clone()),
                    done: true,
                }));
            }
        });
    }
}
