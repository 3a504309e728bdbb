//! Asking the user for a file to save: the system's file dialog (rfd: the desktop portal, or
//! zenity) where it can open, and otherwise a dialog inside the window with a path field, so
//! an action never silently does nothing.
//!
//! A caller asks with [`ask_save`] when its button is clicked and takes the answer with
//! [`answer`] every frame (the in-window dialog answers a later frame); [`show`] draws the
//! in-window dialog once per frame.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::i18n::Lang;

/// A native dialog that returns "cancelled" faster than this never opened (no person cancels
/// that fast): the in-window dialog takes over.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(300);

/// The in-window dialog's state, kept in egui's memory.
#[derive(Clone, Debug, Default)]
struct Prompt {
    /// Which caller asked.
    purpose: String,
    /// The path being typed.
    path: String,
    /// Why the last path was refused.
    error: Option<String>,
    /// An existing file to open (not a file to write).
    open: bool,
}

/// A path chosen, waiting for its caller.
#[derive(Clone, Debug, Default)]
struct Answer {
    purpose: String,
    path: Option<PathBuf>,
}

fn prompt_id() -> egui::Id {
    egui::Id::unique("motebok_file_prompt")
}

fn answer_id() -> egui::Id {
    egui::Id::unique("motebok_file_answer")
}

fn window_only_id() -> egui::Id {
    egui::Id::unique("motebok_file_dialog_window_only")
}

/// From now on asks inside the window only, never with the system's dialog (for tests, and
/// where the system's dialog misbehaves). `MOTEBOK_NO_NATIVE_DIALOG` does the same.
pub fn use_window_dialog(ctx: &egui::Context) {
    ctx.data_mut(|d| d.insert_temp(window_only_id(), true));
}

/// Whether a native dialog may be able to open: a desktop session bus (for the portal) or
/// zenity.
fn native_possible(ctx: &egui::Context) -> bool {
    let window_only = ctx.data(|d| d.get_temp::<bool>(window_only_id()).unwrap_or(false));
    if window_only || std::env::var_os("MOTEBOK_NO_NATIVE_DIALOG").is_some() {
        return false;
    }
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty());
    let zenity = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file()));
    bus || zenity
}

/// Asks where to save a file for `purpose`, suggesting `name` (and `extension` as filter).
pub fn ask_save(ctx: &egui::Context, purpose: &str, name: &str, extension: &str) {
    let native = || {
        rfd::FileDialog::new()
            .add_filter(extension.to_uppercase(), &[extension])
            .set_file_name(name)
            .save_file()
    };
    if !answered_natively(ctx, purpose, native) {
        let dir = std::env::var_os("HOME").map_or_else(std::env::temp_dir, PathBuf::from);
        prompt(ctx, purpose, dir.join(name).display().to_string(), false);
    }
}

/// Asks which existing file to open for `purpose` (`extension` as filter).
pub fn ask_open(ctx: &egui::Context, purpose: &str, extension: &str) {
    let native = || {
        rfd::FileDialog::new()
            .add_filter(extension.to_uppercase(), &[extension])
            .pick_file()
    };
    if !answered_natively(ctx, purpose, native) {
        let dir = std::env::var_os("HOME").map_or_else(std::env::temp_dir, PathBuf::from);
        prompt(ctx, purpose, format!("{}/", dir.display()), true);
    }
}

/// Runs the system's dialog when one can open; `false` when the in-window one must ask
/// instead (none possible, or the system's "cancelled" at once: no dialog was shown).
fn answered_natively(
    ctx: &egui::Context,
    purpose: &str,
    native: impl FnOnce() -> Option<PathBuf>,
) -> bool {
    if !native_possible(ctx) {
        return false;
    }
    let started = Instant::now();
    let chosen = native();
    if chosen.is_none() && started.elapsed() < NO_DIALOG_WITHIN {
        return false;
    }
    ctx.data_mut(|d| {
        d.insert_temp(
            answer_id(),
            Answer {
                purpose: purpose.to_owned(),
                path: chosen,
            },
        );
    });
    true
}

/// Opens the in-window dialog for `purpose`, starting at `path`.
fn prompt(ctx: &egui::Context, purpose: &str, path: String, open: bool) {
    ctx.data_mut(|d| {
        d.insert_temp(
            prompt_id(),
            Prompt {
                purpose: purpose.to_owned(),
                path,
                error: None,
                open,
            },
        );
    });
}

/// The path chosen for `purpose`, once (`None` until then, and when cancelled).
#[must_use]
pub fn answer(ctx: &egui::Context, purpose: &str) -> Option<PathBuf> {
    ctx.data_mut(|d| {
        let mine = d
            .get_temp::<Answer>(answer_id())
            .is_some_and(|a| a.purpose == purpose);
        if mine {
            d.remove_temp::<Answer>(answer_id()).and_then(|a| a.path)
        } else {
            None
        }
    })
}

/// Draws the in-window dialog while one is asked for.
pub fn show(ctx: &egui::Context, lang: Lang) {
    let Some(mut prompt) = ctx.data(|d| d.get_temp::<Prompt>(prompt_id())) else {
        return;
    };
    let mut done: Option<Option<PathBuf>> = None;
    egui::Modal::new(egui::Id::unique("motebok_file_prompt_modal")).show(ctx, |ui| {
        ui.set_min_width(520.0);
        ui.heading(if prompt.open {
            lang.tr("Åpne fil", "Open file")
        } else {
            lang.tr("Lagre som", "Save as")
        });
        ui.label(lang.tr(
            "Systemets fildialog kunne ikke åpnes. Skriv hele stien til filen:",
            "The system's file dialog could not open. Type the file's full path:",
        ));
        let label = ui.label(lang.tr("Filsti", "File path"));
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut prompt.path)
                    .desired_width(f32::INFINITY)
                    .id_salt("motebok_file_prompt_path"),
            )
            .labelled_by(label.id);
        if let Some(error) = &prompt.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.horizontal(|ui| {
            let go = if prompt.open {
                lang.tr("Åpne", "Open")
            } else {
                lang.tr("Lagre", "Save")
            };
            if ui.button(go).clicked() || enter {
                let path = PathBuf::from(prompt.path.trim());
                if prompt.open {
                    if path.is_file() {
                        done = Some(Some(path));
                    } else {
                        prompt.error = Some(format!(
                            "{} {}",
                            lang.tr("Filen finnes ikke:", "The file does not exist:"),
                            path.display()
                        ));
                    }
                } else {
                    match path.parent() {
                        Some(dir)
                            if path.file_name().is_some()
                                && (dir.as_os_str().is_empty() || dir.is_dir()) =>
                        {
                            done = Some(Some(path));
                        }
                        _ => {
                            prompt.error = Some(format!(
                                "{} {}",
                                lang.tr("Mappen finnes ikke:", "The folder does not exist:"),
                                path.parent()
                                    .map(|p| p.display().to_string())
                                    .unwrap_or_default()
                            ));
                        }
                    }
                }
            }
            if ui.button(lang.tr("Avbryt", "Cancel")).clicked() {
                done = Some(None);
            }
        });
    });
    ctx.data_mut(|d| match done {
        Some(path) => {
            let _ = d.remove_temp::<Prompt>(prompt_id());
            d.insert_temp(
                answer_id(),
                Answer {
                    purpose: prompt.purpose.clone(),
                    path,
                },
            );
        }
        None => {
            d.insert_temp(prompt_id(), prompt);
        }
    });
}
