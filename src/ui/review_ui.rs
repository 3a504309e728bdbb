//! The leader's side of the offline review: a review package opened read-only in a window,
//! with a comment box per item and on the whole, and approve / ask-for-changes, which write
//! the small reply file the secretary imports.

use crate::app::rapport::RapportCommand;
use crate::app::{Command, Core};
use crate::i18n::Lang;
use crate::model::{MeetingRecord, ReviewDecision};

use super::Runtime;

/// The review window's state.
#[derive(Debug, Default)]
pub struct ReviewUiState {
    /// The list of received reviews was asked for.
    pub listed: bool,
}

fn stamp(t: chrono::NaiveDateTime) -> String {
    t.format("%d.%m.%Y %H:%M").to_string()
}

/// The file dialog's purpose for "Åpne gjennomgangspakke …".
const OPEN_REVIEW: &str = "open_review_package";

/// Takes the review package chosen in the file dialog (every frame: the dialog inside the
/// window answers after the menu has closed).
pub fn take_chosen_review(ctx: &egui::Context, commands: &mut Vec<Command>) {
    if let Some(path) = super::file_dialog::answer(ctx, OPEN_REVIEW) {
        commands.push(Command::Rapport(RapportCommand::OpenReview(path)));
    }
}

/// The File menu's review entries: open a review package, reopen one received earlier.
pub fn file_menu_ui(ui: &mut egui::Ui, lang: Lang, core: &Core, commands: &mut Vec<Command>) {
    if ui
        .add_enabled(
            !core.read_only,
            egui::Button::new(lang.tr("Åpne gjennomgangspakke …", "Open review package …")),
        )
        .clicked()
    {
        // The system's dialog, or (where it cannot open) one inside the window.
        super::file_dialog::ask_open(ui.ctx(), OPEN_REVIEW, "json");
    }
    if !core.rapport.received.is_empty() {
        ui.menu_button(
            lang.tr("Mottatte gjennomganger", "Received reviews"),
            |ui| {
                for r in &core.rapport.received {
                    let state = match r.decision {
                        Some(ReviewDecision::Approve) => lang.tr("godkjent", "approved"),
                        Some(ReviewDecision::ChangesRequested) => {
                            lang.tr("endringer ønsket", "changes requested")
                        }
                        None => lang.tr("ikke besvart", "not answered"),
                    };
                    if ui
                        .button(format!("{} {} · {state}", r.body, r.reference))
                        .clicked()
                    {
                        commands.push(Command::Rapport(RapportCommand::ReopenReview(
                            r.review_id.clone(),
                        )));
                    }
                }
            },
        );
    }
}

/// Draws the review window when a review package is open.
pub fn review_window(
    ctx: &egui::Context,
    lang: Lang,
    core: &Core,
    runtime: &mut Runtime,
    commands: &mut Vec<Command>,
) {
    if !runtime.review.listed {
        runtime.review.listed = true;
        commands.push(Command::Rapport(RapportCommand::ListReceived));
    }
    let Some(session) = &core.rapport.review else {
        return;
    };
    let record: &MeetingRecord = &session.record;
    let m = &record.meeting;
    let mut open = true;
    egui::Window::new(format!(
        "{} · {} {}",
        lang.tr("Gjennomgang", "Review"),
        record.body.name,
        m.reference
    ))
    .id(egui::Id::unique("review_window"))
    .open(&mut open)
    .default_size([760.0, 640.0])
    .min_size([420.0, 300.0])
    .resizable(true)
    .show(ctx, |ui| {
        ui.label(
            egui::RichText::new(format!(
                "{} {} · {}",
                lang.tr("Utkast sendt", "Draft sent"),
                stamp(session.created),
                lang.tr(
                    "innholdet kan ikke endres her; skriv kommentarer og svar",
                    "the content cannot be changed here; write comments and reply"
                )
            ))
            .weak(),
        );
        if let (Some(d), Some(at)) = (session.decision, session.replied_at) {
            let what = match d {
                ReviewDecision::Approve => lang.tr("Du godkjente", "You approved"),
                ReviewDecision::ChangesRequested => {
                    lang.tr("Du ba om endringer", "You asked for changes")
                }
            };
            ui.label(
                egui::RichText::new(format!("{what} {} {}", lang.tr("den", "on"), stamp(at)))
                    .strong(),
            );
        }
        ui.horizontal(|ui| {
            let label = ui.label(lang.tr("Ditt navn", "Your name"));
            let mut name = session.reviewer.clone();
            if ui
                .add(egui::TextEdit::singleline(&mut name).desired_width(240.0))
                .labelled_by(label.id)
                .changed()
            {
                commands.push(Command::Rapport(RapportCommand::SetReviewer(name)));
            }
            if ui
                .button(lang.tr("Åpne utkastet (PDF)", "Open the draft (PDF)"))
                .clicked()
            {
                commands.push(Command::Rapport(RapportCommand::OpenReviewPdf));
            }
        });
        ui.separator();
        let bottom = 44.0;
        egui::ScrollArea::vertical()
            .id_salt("review_scroll")
            .max_height((ui.available_height() - bottom).max(120.0))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                comment_box(
                    ui,
                    lang.tr(
                        "Kommentar til hele referatet",
                        "Comment on the whole minutes",
                    ),
                    0,
                    session.drafts.get(&0),
                    commands,
                );
                for item in &m.items {
                    ui.add_space(8.0);
                    ui.label(
                        egui::RichText::new(format!("{} {}", m.case_number(item), item.title))
                            .strong(),
                    );
                    let mut about = super::kind_label(lang, item.kind).to_owned();
                    if !item.presenters.is_empty() {
                        about.push_str(" · ");
                        about.push_str(&super::widgets::names(record, &item.presenters));
                    }
                    ui.label(egui::RichText::new(about).weak().small());
                    if let Some(ex) = &item.exempt {
                        ui.label(
                            egui::RichText::new(format!(
                                "{} {}",
                                lang.tr("Unntatt offentlighet,", "Exempt from public access,"),
                                ex.basis
                            ))
                            .weak(),
                        );
                    }
                    if let Some(d) = item.decision.as_deref().filter(|d| !d.trim().is_empty()) {
                        ui.label(format!("{} {d}", lang.tr("Vedtak:", "Decision:")));
                    }
                    if let Some(n) = item.notes.as_deref().filter(|n| !n.trim().is_empty()) {
                        ui.label(egui::RichText::new(n).weak());
                    }
                    comment_box(
                        ui,
                        &format!(
                            "{} {}",
                            lang.tr("Kommentar til sak", "Comment on item"),
                            m.case_number(item)
                        ),
                        item.number,
                        session.drafts.get(&item.number),
                        commands,
                    );
                }
            });
        ui.separator();
        ui.horizontal(|ui| {
            let name_ok = !session.reviewer.trim().is_empty();
            let file_name = format!(
                "{}-M{}.motebok-reply.json",
                m.reference.year, m.reference.number
            );
            let mut reply = |decision: ReviewDecision| {
                if let Some(path) = rfd::FileDialog::new()
                    .add_filter(lang.tr("Svar på gjennomgang", "Review reply"), &["json"])
                    .set_file_name(file_name.clone())
                    .save_file()
                {
                    commands.push(Command::Rapport(RapportCommand::WriteReply {
                        decision,
                        path,
                    }));
                }
            };
            if ui
                .add_enabled(
                    name_ok && !core.read_only,
                    egui::Button::new(lang.tr("Godkjenn …", "Approve …")),
                )
                .on_disabled_hover_text(lang.tr("Skriv inn navnet ditt", "Type your name"))
                .clicked()
            {
                reply(ReviewDecision::Approve);
            }
            if ui
                .add_enabled(
                    name_ok && session.has_comments() && !core.read_only,
                    egui::Button::new(lang.tr("Be om endringer …", "Ask for changes …")),
                )
                .on_disabled_hover_text(lang.tr(
                    "Skriv navnet ditt og minst én kommentar",
                    "Type your name and at least one comment",
                ))
                .clicked()
            {
                reply(ReviewDecision::ChangesRequested);
            }
        });
    });
    if !open {
        commands.push(Command::Rapport(RapportCommand::CloseReview));
    }
}

fn comment_box(
    ui: &mut egui::Ui,
    label: &str,
    item: u32,
    current: Option<&String>,
    commands: &mut Vec<Command>,
) {
    let mut text = current.cloned().unwrap_or_default();
    let caption = ui.label(egui::RichText::new(label).weak());
    let response = ui
        .add(
            egui::TextEdit::multiline(&mut text)
                .id_salt(("review_comment", item))
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(caption.id);
    if response.changed() {
        commands.push(Command::Rapport(RapportCommand::SetComment { item, text }));
    }
}
