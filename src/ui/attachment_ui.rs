//! The offer to save an attachment Møtebok would not open because it could run code (a
//! program, a script, a launcher, a macro document): the warning, in the user's language, and
//! a folder picker.

use crate::app::Command;
use crate::app::Core;
use crate::app::agenda::AgendaCommand;
use crate::i18n::Lang;

/// The "save instead" dialog, shown while [`crate::app::agenda::AgendaState::save_instead`]
/// holds an attachment.
pub fn save_instead_ui(ctx: &egui::Context, lang: Lang, core: &Core, commands: &mut Vec<Command>) {
    let Some(offer) = &core.agenda.save_instead else {
        return;
    };
    egui::Modal::new(egui::Id::unique("attachment_save_instead")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading(lang.tr("Vedlegget åpnes ikke", "The attachment is not opened"));
        ui.label(egui::RichText::new(&offer.attachment.name).strong());
        ui.colored_label(
            ui.visuals().warn_fg_color,
            match lang {
                Lang::Nb => &offer.reason_nb,
                Lang::En => &offer.reason_en,
            },
        );
        ui.horizontal(|ui| {
            if ui
                .button(lang.tr("Lagre i mappe …", "Save to folder …"))
                .clicked()
                && let Some(folder) = rfd::FileDialog::new().pick_folder()
            {
                commands.push(Command::Agenda(AgendaCommand::ExportAttachments {
                    attachments: vec![offer.attachment.clone()],
                    folder,
                }));
            }
            if ui.button(lang.tr("Avbryt", "Cancel")).clicked() {
                commands.push(Command::Agenda(AgendaCommand::DismissSaveInstead));
            }
        });
    });
}
