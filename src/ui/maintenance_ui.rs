//! The status bar's line about the background upkeep of the database file: the full integrity
//! check (running, passed, or the damage it found) and the day's backup with its progress.

use crate::app::maintenance::{BackupStatus, CheckStatus, MaintenanceStatus};
use crate::i18n::Lang;
use crate::store::CheckReason;

/// How often the window looks at the upkeep while it works.
const POLL: std::time::Duration = std::time::Duration::from_millis(250);

/// Draws what the upkeep is doing or found, inline in the status bar's row; nothing while
/// there is nothing to say. Damage found is shown in the error colour with what to do.
pub fn maintenance_ui(ui: &mut egui::Ui, lang: Lang, status: &MaintenanceStatus) {
    if status.busy {
        ui.ctx().request_repaint_after(POLL);
    }
    match &status.check {
        CheckStatus::NotDue => {}
        CheckStatus::Running(reason) => {
            ui.separator();
            ui.add(egui::Spinner::new());
            ui.label(match reason {
                CheckReason::UncleanExit => lang.tr(
                    "Kontrollerer databasen etter at Møtebok ble avsluttet uventet …",
                    "Checking the database after Møtebok ended unexpectedly …",
                ),
                CheckReason::Scheduled => lang.tr(
                    "Ukentlig kontroll av databasen …",
                    "Weekly check of the database …",
                ),
            });
        }
        CheckStatus::Passed(_) => {
            ui.separator();
            ui.label(
                egui::RichText::new(lang.tr(
                    "✔ Databasen er kontrollert: ingen feil",
                    "✔ Database checked: no errors",
                ))
                .weak(),
            );
        }
        CheckStatus::Problems(_, problems) => {
            ui.separator();
            ui.colored_label(
                ui.visuals().error_fg_color,
                egui::RichText::new(lang.tr(
                    "Kontrollen fant feil i databasefilen",
                    "The check found errors in the database file",
                ))
                .strong(),
            )
            .on_hover_text(problems.join("\n"));
            ui.label(lang.tr(
                "Filen er ikke endret. Avslutt Møtebok, ta en kopi av filen og kontakt brukerstøtte; \
                 sikkerhetskopiene er beholdt.",
                "The file was not changed. Close Møtebok, copy the file and contact support; the \
                 backups are kept.",
            ));
        }
        CheckStatus::Failed(e) => {
            ui.separator();
            ui.colored_label(
                ui.visuals().warn_fg_color,
                lang.tr(
                    "Databasen kunne ikke kontrolleres",
                    "The database could not be checked",
                ),
            )
            .on_hover_text(e);
        }
    }
    match &status.backup {
        BackupStatus::NotDue | BackupStatus::SkippedDamaged => {}
        BackupStatus::Running(p) => {
            ui.separator();
            let percent = (p.copied_pages * 100)
                .checked_div(p.total_pages)
                .unwrap_or(0);
            ui.label(format!(
                "{} {percent} % …",
                lang.tr("Sikkerhetskopi", "Backup")
            ));
        }
        BackupStatus::Done(file) => {
            ui.separator();
            ui.label(
                egui::RichText::new(lang.tr(
                    "✔ Dagens sikkerhetskopi er tatt",
                    "✔ Today's backup is taken",
                ))
                .weak(),
            )
            .on_hover_text(file.display().to_string());
        }
        BackupStatus::Failed(e) => {
            ui.separator();
            ui.colored_label(
                ui.visuals().error_fg_color,
                lang.tr("Sikkerhetskopien feilet", "The backup failed"),
            )
            .on_hover_text(e);
        }
    }
}
