//! Signatures in the Rapport pane: who must sign the minutes, who has signed and when, and the
//! stored signed PDF checked as `motebok verify` checks it.

use chrono::Local;

use super::widgets::PaneCtx;
use crate::app::Command;
use crate::app::signing::{NewIdentity, SignAs, SigningCommand, SigningState};
use crate::i18n::Lang;
use crate::model::MeetingStatus;
use crate::sign::{
    Assessment, IdentityEntry, PdfSignature, SignatorySlot, Trust, Verdict, fingerprint_text,
};

/// The signing form: which identity, and its passphrase as typed.
#[derive(Debug, Default)]
pub struct SignForm {
    /// The form is open.
    open: bool,
    /// The chosen identity's name.
    identity: Option<String>,
    /// The passphrase as typed; emptied when it is sent.
    passphrase: String,
    /// The form for a new identity, when open.
    new_identity: Option<NewIdentityForm>,
}

/// A new signing identity as typed.
#[derive(Debug, Default)]
struct NewIdentityForm {
    name: String,
    role: String,
    passphrase: String,
    repeated: String,
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
        Some(assessment) => {
            assessment_ui(ui, lang, assessment, status, view.pdf_bytes);
            export_signed_ui(ui, ctx, state);
        }
    }
}

/// What the check of the signed PDF means, in words a secretary understands.
fn headline(lang: Lang, verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Valid => lang.tr(
            "✔ Den signerte PDF-en holder: alle signaturer er hele, ingenting er endret etter \
             signering, alle som skal signere har signert, og alle underskrivere står i \
             signaturregisteret",
            "✔ The signed PDF holds: every signature is intact, nothing changed after signing, \
             everyone who must sign has signed, and every signer is in the signatory register",
        ),
        Verdict::Unconfirmed => lang.tr(
            "⚠ Signaturene er hele, men ikke alle underskrivere kan bekreftes: sertifikatet \
             står ikke i signaturregisteret",
            "⚠ The signatures are intact, but not every signer can be confirmed: the \
             certificate is not in the signatory register",
        ),
        Verdict::Broken => lang.tr(
            "✖ Den signerte PDF-en holder ikke",
            "✖ The signed PDF does not hold",
        ),
    }
}

/// The signature check: the verdict, each signature with its certificate's fingerprint and
/// whether the signer is confirmed, what changed, what is missing.
fn assessment_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    a: &Assessment,
    status: MeetingStatus,
    pdf_bytes: usize,
) {
    let error = ui.visuals().error_fg_color;
    // While signing goes on, those still to sign are waiting, not missing.
    let mut only_waiting = a.clone();
    if status == MeetingStatus::Approved {
        only_waiting.report.missing.clear();
    }
    let in_progress = status == MeetingStatus::Approved && !a.report.missing.is_empty();
    let verdict = if in_progress {
        crate::sign::assess::verdict_of(
            &only_waiting.report,
            &only_waiting.trust,
            a.stored.as_ref(),
        )
    } else {
        a.verdict
    };
    let color = if verdict == Verdict::Valid {
        ui.visuals().text_color()
    } else {
        error
    };
    let text = if in_progress && verdict == Verdict::Valid {
        lang.tr(
            "✔ Den signerte PDF-en holder så langt: signaturene er hele, ingenting er endret \
             etter signering, og underskriverne står i signaturregisteret",
            "✔ The signed PDF holds so far: the signatures are intact, nothing changed after \
             signing, and the signers are in the signatory register",
        )
    } else {
        headline(lang, verdict)
    };
    ui.label(egui::RichText::new(text).strong().color(color));
    for (i, s) in a.report.signatures.iter().enumerate() {
        ui.label(signature_line(lang, i, s));
        if !s.certificate_sha256.is_empty() {
            ui.label(
                egui::RichText::new(format!(
                    "{} {}",
                    lang.tr(
                        "Sertifikatets fingeravtrykk (SHA-256):",
                        "Certificate fingerprint (SHA-256):"
                    ),
                    fingerprint_text(&s.certificate_sha256)
                ))
                .small()
                .monospace(),
            );
            let issuer = if s.self_issued {
                lang.tr(
                    "Utstedt av underskriveren selv",
                    "Issued by the signer themself",
                )
                .to_owned()
            } else {
                format!("{} {}", lang.tr("Utstedt av", "Issued by"), s.issuer)
            };
            ui.label(egui::RichText::new(issuer).small());
        }
        match a.trust.get(i) {
            Some(Trust::Trusted(_)) => {
                ui.label(lang.tr(
                    "✔ Underskriveren står i signaturregisteret med dette sertifikatet",
                    "✔ The signer is in the signatory register with this certificate",
                ));
            }
            Some(Trust::Unknown(_)) => {
                ui.colored_label(
                    error,
                    lang.tr(
                        "⚠ Ikke bekreftet: sertifikatet står ikke i signaturregisteret",
                        "⚠ Not confirmed: the certificate is not in the signatory register",
                    ),
                );
            }
            Some(Trust::Impostor(why)) => {
                ui.colored_label(
                    error,
                    format!(
                        "✖ {} ({why})",
                        lang.tr(
                            "Falsk: sertifikatet bærer navnet til en registrert underskriver, \
                             men er ikke deres",
                            "False: the certificate bears a registered signer's name but is not \
                             theirs",
                        )
                    ),
                );
            }
            None => {}
        }
    }
    for c in &a.report.changes {
        ui.colored_label(
            error,
            format!(
                "{} {}: {}",
                lang.tr("Endret etter signatur", "Changed after signature"),
                c.signature,
                c.what.join("; ")
            ),
        );
    }
    if !in_progress {
        for m in &a.report.missing {
            ui.label(egui::RichText::new(m).color(error));
        }
    }
    for p in &a.report.problems {
        ui.label(egui::RichText::new(p).color(error));
    }
    if let Some(p) = a.stored.as_ref().and_then(|c| c.problem.as_ref()) {
        ui.label(egui::RichText::new(p).color(error));
    }
    ui.label(
        egui::RichText::new(format!(
            "{} {} kB · motebok export-signed",
            lang.tr("Lagret i databasen:", "Stored in the database:"),
            pdf_bytes.div_ceil(1024)
        ))
        .small(),
    );
}

/// The button that writes the stored signed minutes (the signed bytes themselves) to a file.
fn export_signed_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, state: &SigningState) {
    let lang = ctx.lang;
    if let Some(why) = &state.export_failure {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("{} {why}", lang.tr("Kunne ikke lagre:", "Could not save:")),
        );
    }
    if ui
        .button(lang.tr(
            "Lagre det signerte referatet …",
            "Save the signed minutes …",
        ))
        .on_hover_text(lang.tr(
            "Den signerte PDF-en slik den er lagret, med alle signaturene",
            "The signed PDF as stored, with every signature",
        ))
        .clicked()
    {
        let r = ctx.open.record.meeting.reference;
        let name = format!("{}-M{}-referat-signert.pdf", r.year, r.number);
        if let Some(path) = rfd::FileDialog::new()
            .add_filter("PDF", &["pdf"])
            .set_file_name(name)
            .save_file()
        {
            ctx.commands
                .push(Command::Signing(SigningCommand::ExportSigned(
                    ctx.open.id,
                    path,
                )));
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
        if let Some(new) = form.new_identity.as_mut() {
            if new_identity_ui(ui, lang, new, state, ctx.commands) {
                form.new_identity = None;
            }
            return;
        }
        if let Some(why) = &state.create_failure {
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!(
                    "{} {why}",
                    lang.tr("Identiteten ble ikke laget:", "The identity was not made:")
                ),
            );
        }
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
                    "Ingen signeringsidentitet på denne maskinen ennå. Lag din egen her \
                     (eller importer en .p12-fil med «motebok identity import FIL.p12»).",
                    "No signing identity on this computer yet. Make your own here (or \
                     import a .p12 file with «motebok identity import FILE.p12»).",
                ));
                ui.horizontal(|ui| {
                    if ui
                        .button(lang.tr("Ny identitet …", "New identity …"))
                        .clicked()
                    {
                        form.new_identity = Some(prefilled(state, id));
                    }
                    if ui.button(lang.tr("Avbryt", "Cancel")).clicked() {
                        form.open = false;
                    }
                });
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
                ctx.commands
                    .push(Command::Signing(SigningCommand::Sign(SignAs {
                        id,
                        identity,
                        passphrase: std::mem::take(&mut form.passphrase),
                    })));
            }
            if ui.button(lang.tr("Avbryt", "Cancel")).clicked() {
                form.open = false;
                form.passphrase.clear();
            }
            if ui
                .button(lang.tr("Ny identitet …", "New identity …"))
                .clicked()
            {
                form.new_identity = Some(prefilled(state, id));
            }
        });
    });
}

/// A new identity's form, empty: the person types their own name (it is never filled in with
/// a signatory's name, so nobody makes an identity in someone else's name by a click).
fn prefilled(_state: &SigningState, _id: crate::store::MeetingId) -> NewIdentityForm {
    NewIdentityForm::default()
}

/// The form for a new identity. Returns whether it is done with (made, or cancelled).
fn new_identity_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    new: &mut NewIdentityForm,
    state: &SigningState,
    commands: &mut Vec<Command>,
) -> bool {
    let min = crate::sign::identity::MIN_PASSPHRASE_CHARS;
    ui.label(lang.tr(
        "En personlig identitet: en nøkkel og et sertifikat med navnet ditt, lagret på denne \
         maskinen og beskyttet av passordfrasen. Navnet må være det referatet bruker.",
        "A personal identity: a key and a certificate with your name, kept on this computer \
         and protected by the passphrase. The name must be the one the minutes use.",
    ));
    egui::Grid::new("new_identity")
        .num_columns(2)
        .show(ui, |ui| {
            let fields: [(&str, &mut String, bool); 4] = [
                (lang.tr("Navn", "Name"), &mut new.name, false),
                (lang.tr("Rolle", "Role"), &mut new.role, false),
                (
                    lang.tr("Ny passordfrase", "New passphrase"),
                    &mut new.passphrase,
                    true,
                ),
                (
                    lang.tr("Gjenta passordfrasen", "Repeat the passphrase"),
                    &mut new.repeated,
                    true,
                ),
            ];
            for (label, text, secret) in fields {
                let label = ui.label(label);
                ui.add(
                    egui::TextEdit::singleline(text)
                        .password(secret)
                        .desired_width(ui.available_width().clamp(120.0, 220.0)),
                )
                .labelled_by(label.id);
                ui.end_row();
            }
        });
    let problem = if new.passphrase.chars().count() < min {
        Some(format!(
            "{} {min} {}",
            lang.tr("Passordfrasen må ha minst", "The passphrase needs at least"),
            lang.tr("tegn.", "characters.")
        ))
    } else if new.passphrase != new.repeated {
        Some(
            lang.tr("Passordfrasene er ulike.", "The passphrases differ.")
                .to_owned(),
        )
    } else {
        None
    };
    if let Some(p) = problem.as_ref().filter(|_| !new.passphrase.is_empty()) {
        ui.label(egui::RichText::new(p).small());
    }
    if let Some(why) = &state.create_failure {
        ui.colored_label(ui.visuals().error_fg_color, why);
    }
    let ready = problem.is_none() && !new.name.trim().is_empty() && !state.creating;
    let mut done = false;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(
                ready,
                egui::Button::new(lang.tr("Lag identitet", "Make the identity")),
            )
            .clicked()
        {
            commands.push(Command::Signing(SigningCommand::CreateIdentity(
                NewIdentity {
                    name: new.name.clone(),
                    role: new.role.clone(),
                    passphrase: std::mem::take(&mut new.passphrase),
                },
            )));
            new.repeated.clear();
            done = true;
        }
        if state.creating {
            ui.spinner();
        }
        if ui.button(lang.tr("Avbryt", "Cancel")).clicked() {
            done = true;
        }
    });
    done
}
