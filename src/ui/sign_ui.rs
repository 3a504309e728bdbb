//! Signatures in the Rapport pane: who must sign the minutes, who has signed and when, and the
//! stored signed PDF checked as `motebok verify` checks it.

use chrono::Local;

use super::widgets::PaneCtx;
use crate::app::Command;
use crate::app::signing::{SigningCommand, SigningState};
use crate::i18n::Lang;
use crate::model::MeetingStatus;
use crate::sign::{IdentityEntry, PdfSignature, SignatorySlot};

/// The signing form: which identity, and its passphrase as typed.
#[derive(Debug, Default)]
pub struct SignForm {
    /// The form is open.
    open: bool,
    /// The chosen identity's name.
    identity: Option<String>,
    /// The passphrase as typed; emptied when it is sent.
    passphrase: String,
}

/// A stored UTC time (`YYYY-MM-DDTHH:MM:SSZ`) as local «19.06.2024 12:15».
fn local_stamp(utc: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(utc).map_or_else(
        |_| utc.to_owned(),
        |t| t.with_timezone(&Local).format("%d.%m.%Y %H:%M").to_string(),
    )
}

fn slot_line(lang: Lang, slot: &SignatorySlot) -> String {
    let name = slot.name.as_deref().map_or_else(
        || lang.tr("(ingen valgt)", "(nobody chosen)").to_owned(),
        crate::model::display_name,
    );
    match &slot.signed {
        Some(s) => format!(
            "✔ {}: {name} — {} {}",
            slot.role,
            lang.tr("signert", "signed"),
            local_stamp(&s.signed_at)
        ),
        None => format!("… {}: {name} — {}", slot.role, lang.tr("venter", "waiting")),
    }
}

fn signature_line(lang: Lang, i: usize, s: &PdfSignature) -> String {
    let when = s.time.map_or_else(String::new, |t| {
        format!(", {}", t.with_timezone(&Local).format("%d.%m.%Y %H:%M"))
    });
    let verdict = match &s.problem {
        None if s.covers_whole_file => lang
            .tr(
                "gyldig, dekker hele dokumentet",
                "valid, covers the whole document",
            )
            .to_owned(),
        None => lang.tr("gyldig", "valid").to_owned(),
        Some(p) => format!("{}: {p}", lang.tr("UGYLDIG", "NOT VALID")),
    };
    format!(
        "{} {}: {}{when} — {verdict}",
        lang.tr("Signatur", "Signature"),
        i + 1,
        s.signer
    )
}

/// Draws the signature section of the open meeting, with status `status`: who signs, who has,
/// the stored signed PDF checked, and (approved minutes) the form to sign them.
pub fn signatures_ui(
    ui: &mut egui::Ui,
    ctx: &mut PaneCtx<'_>,
    status: MeetingStatus,
    state: &SigningState,
) {
    let lang = ctx.lang;
    let id = ctx.open.id;
    ui.heading(lang.tr("Signaturer", "Signatures"));
    let Some(view) = state.view_for(id) else {
        ui.label(lang.tr("Leser signaturene …", "Reading the signatures …"));
        return;
    };
    for slot in &view.slots {
        ui.label(slot_line(lang, slot));
    }
    if status == MeetingStatus::Approved && !ctx.read_only {
        sign_form_ui(ui, ctx, state);
    }
    match &view.check {
        None if status == MeetingStatus::Approved => {}
        None => {
            ui.label(lang.tr(
                "Referatet signeres når det er godkjent.",
                "The minutes are signed once approved.",
            ));
        }
        Some(report) => {
            let ok = report.is_valid();
            let headline = if ok {
                lang.tr(
                    "✔ Den signerte PDF-en er kontrollert: alle signaturer holder",
                    "✔ The signed PDF was checked: every signature holds",
                )
            } else {
                lang.tr(
                    "✖ Den signerte PDF-en holder ikke",
                    "✖ The signed PDF does not hold",
                )
            };
            let color = if ok {
                ui.visuals().text_color()
            } else {
                ui.visuals().error_fg_color
            };
            ui.label(egui::RichText::new(headline).strong().color(color));
            for (i, s) in report.signatures.iter().enumerate() {
                ui.label(signature_line(lang, i, s));
            }
            for p in &report.problems {
                ui.label(egui::RichText::new(p).color(ui.visuals().error_fg_color));
            }
            ui.label(
                egui::RichText::new(format!(
                    "{} {} kB · motebok export-signed",
                    lang.tr("Lagret i databasen:", "Stored in the database:"),
                    view.pdf_bytes.div_ceil(1024)
                ))
                .small(),
            );
        }
    }
}

/// "Name (role)" of an identity.
fn identity_label(e: &IdentityEntry) -> String {
    if e.role.is_empty() {
        e.name.clone()
    } else {
        format!("{} ({})", e.name, e.role)
    }
}

/// The form for signing approved minutes: pick one of this user's identities, type its
/// passphrase, sign (Enter in the passphrase field signs too).
fn sign_form_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, state: &SigningState) {
    let lang = ctx.lang;
    let id = ctx.open.id;
    let form = &mut ctx.runtime.sign;
    if !form.open {
        if ui
            .button(lang.tr("Signer referatet …", "Sign the minutes …"))
            .on_hover_text(lang.tr(
                "Signer med din personlige signeringsidentitet",
                "Sign with your personal signing identity",
            ))
            .clicked()
        {
            form.open = true;
            ctx.commands
                .push(Command::Signing(SigningCommand::LoadIdentities));
        }
        return;
    }
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(egui::RichText::new(lang.tr("Signer referatet", "Sign the minutes")).strong());
        let entries = match &state.identities {
            None => {
                ui.label(lang.tr("Leser identitetene …", "Reading the identities …"));
                return;
            }
            Some(Err(e)) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
                return;
            }
            Some(Ok(entries)) if entries.is_empty() => {
                ui.label(lang.tr(
                    "Ingen signeringsidentitet på denne maskinen. Lag en med \
                     «motebok identity new --name NAVN --role ROLLE», eller importer en \
                     .p12-fil med «motebok identity import FIL.p12».",
                    "No signing identity on this computer. Make one with \
                     «motebok identity new --name NAME --role ROLE», or import a .p12 file \
                     with «motebok identity import FILE.p12».",
                ));
                return;
            }
            Some(Ok(entries)) => entries,
        };
        if form.identity.is_none() && entries.len() == 1 {
            form.identity = Some(entries[0].name.clone());
        }
        let label = ui.label(lang.tr("Identitet", "Identity"));
        let shown = entries
            .iter()
            .find(|e| form.identity.as_ref() == Some(&e.name))
            .map_or_else(|| lang.tr("(velg)", "(choose)").to_owned(), identity_label);
        egui::ComboBox::from_id_salt("sign_identity")
            .selected_text(shown)
            .width(ui.available_width().min(260.0))
            .show_ui(ui, |ui| {
                for e in entries {
                    ui.selectable_value(
                        &mut form.identity,
                        Some(e.name.clone()),
                        identity_label(e),
                    );
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label(lang.tr("Passordfrase", "Passphrase"));
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut form.passphrase)
                    .password(true)
                    .desired_width(ui.available_width().min(260.0)),
            )
            .labelled_by(label.id);
        if let Some((failed, why)) = &state.failure
            && *failed == id
        {
            ui.colored_label(ui.visuals().error_fg_color, why);
        }
        let ready = form.identity.is_some() && !form.passphrase.is_empty() && !state.signing;
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.horizontal(|ui| {
            let sign = ui.add_enabled(ready, egui::Button::new(lang.tr("Signer", "Sign")));
            if state.signing {
                ui.spinner();
                ui.label(lang.tr("Signerer …", "Signing …"));
            }
            if (sign.clicked() || (entered && ready))
                && let Some(identity) = form.identity.clone()
            {
                ctx.commands.push(Command::Signing(SigningCommand::Sign {
                    id,
                    identity,
                    passphrase: std::mem::take(&mut form.passphrase),
                }));
            }
            if ui.button(lang.tr("Avbryt", "Cancel")).clicked() {
                form.open = false;
                form.passphrase.clear();
            }
        });
    });
}
