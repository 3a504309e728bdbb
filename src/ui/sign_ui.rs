//! Signatures in the Rapport pane: who must sign the minutes, who has signed and when, and the
//! stored signed PDF checked as `motebok verify` checks it.

use chrono::Local;

use crate::app::signing::SigningState;
use crate::i18n::Lang;
use crate::model::MeetingStatus;
use crate::sign::{PdfSignature, SignatorySlot};
use crate::store::MeetingId;

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

/// Draws the signature section for meeting `id` with status `status`.
pub fn signatures_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    id: MeetingId,
    status: MeetingStatus,
    state: &SigningState,
) {
    ui.heading(lang.tr("Signaturer", "Signatures"));
    let Some(view) = state.view_for(id) else {
        ui.label(lang.tr("Leser signaturene …", "Reading the signatures …"));
        return;
    };
    for slot in &view.slots {
        ui.label(slot_line(lang, slot));
    }
    match &view.check {
        None if status == MeetingStatus::Approved => {
            ui.label(lang.tr(
                "Klart til signering. Hver underskriver signerer med sin egen identitet: \
                 motebok sign MØTE -o FIL.pdf",
                "Ready to sign. Each signatory signs with their own identity: \
                 motebok sign MEETING -o FILE.pdf",
            ));
        }
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
