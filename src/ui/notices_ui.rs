//! Messages, the save state, and dialogs that ask the user before anything is replaced.

use crate::app::{Command, Core, NoticeLevel, StartupProblem};
use crate::i18n::Lang;

use super::Runtime;

/// The file dialog's purpose for "Lagre som møtepakke …" (the unsaved minutes).
const RESCUE: &str = "rescue_package";
/// The file name suggested for it.
const RESCUE_NAME: &str = "motebok-redning.motebok.json";

/// The status bar: save state, database, and the newest messages.
pub fn status_bar_ui(ui: &mut egui::Ui, lang: Lang, core: &Core, commands: &mut Vec<Command>) {
    if let Some(path) = super::file_dialog::answer(ui.ctx(), RESCUE) {
        commands.push(Command::RescueTo(path));
    }
    ui.horizontal(|ui| {
        if core.read_only {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                lang.tr("Skrivebeskyttet", "Read-only"),
            );
        } else if let Some(open) = &core.open {
            if open.save_problem().is_some() {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    egui::RichText::new(lang.tr("⚠ Ikke lagret", "⚠ Not saved")).strong(),
                );
            } else if open.is_saved() {
                ui.label(lang.tr("✔ Lagret", "✔ Saved"));
            } else {
                ui.label(lang.tr("Lagrer …", "Saving …"));
            }
        }
        if let Some(path) = &core.db_path {
            ui.separator();
            ui.label(
                egui::RichText::new(path.display().to_string())
                    .weak()
                    .small(),
            );
        }
        super::maintenance_ui::maintenance_ui(ui, lang, &core.maintenance.snapshot());
    });
    if let Some(problem) = core.open.as_ref().and_then(|o| o.save_problem()) {
        save_problem_ui(ui, lang, problem, commands);
    }
    if let Some(last_write) = core.unclean_exit {
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                egui::RichText::new(unclean_exit_text(lang, last_write)).strong(),
            );
            ui.label(lang.tr(
                "Se over det siste du skrev før avbruddet.",
                "Check the last thing you typed before it stopped.",
            ));
            if ui
                .small_button("✖")
                .on_hover_text(lang.tr("Lukk", "Close"))
                .clicked()
            {
                commands.push(Command::DismissUncleanExit);
            }
        });
    }
    for (i, notice) in core.notices.iter().enumerate().rev().take(3) {
        ui.horizontal(|ui| {
            let color = match notice.level {
                NoticeLevel::Info => ui.visuals().text_color(),
                NoticeLevel::Error => ui.visuals().error_fg_color,
            };
            ui.colored_label(color, egui::RichText::new(notice.title.text(lang)).strong());
            ui.label(&notice.detail);
            if ui
                .small_button("✖")
                .on_hover_text(lang.tr("Lukk", "Close"))
                .clicked()
            {
                commands.push(Command::Dismiss(i));
            }
        });
    }
}

/// The message after an unclean exit: "Møtebok ble ikke avsluttet riktig — siste lagring kl. …".
#[must_use]
pub fn unclean_exit_text(lang: Lang, last_write: Option<chrono::NaiveDateTime>) -> String {
    let head = lang.tr(
        "Møtebok ble ikke avsluttet riktig",
        "Møtebok was not closed properly",
    );
    match last_write {
        Some(t) => format!(
            "{head} — {} {}",
            lang.tr("siste lagring kl.", "last saved at"),
            t.format("%H:%M:%S")
        ),
        None => head.to_owned(),
    }
}

/// A save the database refused: what, what to do, where the text is, and the way out.
fn save_problem_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    problem: &crate::app::rescue::SaveProblem,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.colored_label(
            ui.visuals().error_fg_color,
            egui::RichText::new(problem.headline(lang)).strong(),
        );
        ui.label(problem.advice(lang));
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(problem.rescue_line(lang));
        if ui.button(lang.tr("Prøv igjen", "Try again")).clicked() {
            commands.push(Command::RetrySave);
        }
        if ui
            .button(lang.tr("Lagre som møtepakke …", "Save as meeting package …"))
            .clicked()
        {
            super::file_dialog::ask_save(ui.ctx(), RESCUE, RESCUE_NAME, "json");
        }
    });
    ui.label(egui::RichText::new(&problem.detail).weak().small());
}

/// Modal dialogs: confirm replacing a meeting on import, start-up problems, About.
pub fn dialogs_ui(
    ctx: &egui::Context,
    lang: Lang,
    core: &Core,
    runtime: &mut Runtime,
    commands: &mut Vec<Command>,
) {
    if let Some((path, what)) = &core.confirm_replace {
        egui::Modal::new(egui::Id::unique("confirm_replace")).show(ctx, |ui| {
            ui.heading(lang.tr("Erstatte møtet?", "Replace the meeting?"));
            ui.label(format!(
                "{} {what}. {}",
                lang.tr("Databasen har allerede", "The database already holds"),
                lang.tr(
                    "Vil du erstatte det med innholdet i filen? Det som er lagret for møtet nå, blir borte.",
                    "Replace it with the file's content? What is stored for it now will be gone."
                )
            ));
            ui.horizontal(|ui| {
                if ui.button(lang.tr("Erstatt", "Replace")).clicked() {
                    commands.push(Command::Import {
                        path: path.clone(),
                        replace: true,
                    });
                }
                if ui.button(lang.tr("Avbryt", "Cancel")).clicked() {
                    commands.push(Command::CancelReplace);
                }
            });
        });
    }
    if let Some(leave) = core.leave {
        leave_dialog_ui(ctx, lang, core, leave, commands);
    }
    if let Some(problem) = &core.startup_problem {
        let text = match problem {
            StartupProblem::TooNew(d) => format!(
                "{}\n\n{d}",
                lang.tr(
                    "Databasen er laget av en nyere Møtebok og er ikke endret. Installer den nyeste versjonen.",
                    "The database was made by a newer Møtebok and was left untouched. Install the newest version."
                )
            ),
            StartupProblem::InUse(d) => format!(
                "{}\n\n{d}",
                lang.tr(
                    "En annen Møtebok har databasen åpen. Den er åpnet skrivebeskyttet her.",
                    "Another Møtebok has the database open. It is opened read-only here."
                )
            ),
            StartupProblem::Corrupt { detail, backup } => format!(
                "{}\n\n{detail}\n\n{}",
                lang.tr(
                    "Databasefilen er skadet og er ikke endret.",
                    "The database file is damaged and was left untouched."
                ),
                backup.as_ref().map_or_else(
                    || lang.tr("Ingen sikkerhetskopi finnes.", "No backup exists.").to_owned(),
                    |b| format!(
                        "{} {}",
                        lang.tr(
                            "Den nyeste sikkerhetskopien er åpnet skrivebeskyttet:",
                            "The newest backup is opened read-only:"
                        ),
                        b.display()
                    )
                )
            ),
        };
        egui::Window::new(lang.tr("Om databasen", "About the database"))
            .id(egui::Id::unique("startup_problem"))
            .collapsible(false)
            .default_width(420.0)
            .show(ctx, |ui| ui.label(text));
    }
    if runtime.show_about {
        egui::Window::new(lang.tr("Om Møtebok", "About Møtebok"))
            .open(&mut runtime.show_about)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.heading(format!("Møtebok {}", env!("CARGO_PKG_VERSION")));
                ui.label(lang.tr(
                    "Saksliste, referat, oppmøte og signerte protokoller for et sekretariat.",
                    "Agendas, minutes, attendance and signed records for a secretariat.",
                ));
                if let Some(path) = &core.db_path {
                    ui.add_space(6.0);
                    egui::Grid::new("about_paths")
                        .num_columns(2)
                        .show(ui, |ui| {
                            let paths = crate::app::paths::DataPaths::for_database(path);
                            let settings = super::settings_dir()
                                .map(|p| p.display().to_string())
                                .unwrap_or_default();
                            let mut lines = paths.lines(lang);
                            lines.push((lang.tr("Vindusoppsett", "Window settings"), settings));
                            for (label, value) in lines {
                                ui.label(egui::RichText::new(label).strong());
                                ui.label(value);
                                ui.end_row();
                            }
                        });
                }
            });
    }
}

/// Asks before leaving a meeting whose text the database refused.
fn leave_dialog_ui(
    ctx: &egui::Context,
    lang: Lang,
    core: &Core,
    leave: crate::app::Leave,
    commands: &mut Vec<Command>,
) {
    egui::Modal::new(egui::Id::unique("confirm_leave_unsaved")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading(lang.tr(
            "Referatet er ikke lagret i databasen",
            "The minutes are not saved in the database",
        ));
        if let Some(problem) = core.open.as_ref().and_then(|o| o.save_problem()) {
            ui.label(problem.headline(lang));
            ui.label(problem.rescue_line(lang));
        }
        ui.horizontal_wrapped(|ui| {
            if ui
                .button(lang.tr("Lagre som møtepakke …", "Save as meeting package …"))
                .clicked()
            {
                super::file_dialog::ask_save(ui.ctx(), RESCUE, RESCUE_NAME, "json");
            }
            if ui.button(lang.tr("Prøv igjen", "Try again")).clicked() {
                commands.push(Command::RetrySave);
                commands.push(Command::CancelLeave);
            }
            let go = match leave {
                crate::app::Leave::Close => lang.tr("Avslutt likevel", "Quit anyway"),
                crate::app::Leave::Switch(_) => lang.tr("Bytt møte likevel", "Switch anyway"),
            };
            if ui.button(go).clicked() {
                commands.push(Command::ConfirmLeave);
                if leave == crate::app::Leave::Close {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            if ui.button(lang.tr("Bli", "Stay")).clicked() {
                commands.push(Command::CancelLeave);
            }
        });
    });
}
