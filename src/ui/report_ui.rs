//! Rapport: choose a document (minutes, public minutes, notice, archive copy), see its pages as
//! they will print, export it as PDF; approve the minutes (they lock), correct approved minutes
//! as a new recorded version, and run the offline review with the leader.

use std::time::Duration;

use crate::app::rapport::{ExportPhase, RapportCommand, RapportDoc, RapportState};
use crate::app::{Command, Core};
use crate::i18n::Lang;
use crate::model::{Edit, MeetingStatus, ReceivedComment, ReviewDecision};

use super::preview;
use super::widgets::PaneCtx;

/// The Rapport pane's window state.
#[derive(Debug, Default)]
pub struct ReportUiState {
    /// The document shown.
    pub doc: RapportDoc,
    /// Screen points per PDF point; `None`: fit the page width.
    pub zoom: Option<f32>,
    /// An earlier, recorded version shown instead of the meeting as it is.
    pub view_version: Option<u32>,
    /// "Approved by", as typed.
    pub approve_by: Option<String>,
    /// The approval is waiting for the user's confirmation.
    pub confirm_approve: bool,
    /// The reason of a correction being written (`Some` while the form is open).
    pub correction_reason: Option<String>,
    /// The zoom that fitted the width last (where + and − start from).
    pub fit_scale: Option<f32>,
}

/// The file dialog's purpose for "Eksporter PDF …".
const EXPORT_PDF: &str = "rapport_export_pdf";
/// The file dialog's purpose for "Lagre denne versjonen som PDF …".
const EXPORT_VERSION_PDF: &str = "rapport_export_version_pdf";

fn doc_label(lang: Lang, doc: RapportDoc) -> &'static str {
    match doc {
        RapportDoc::Minutes => lang.tr("Møtereferat", "Minutes"),
        RapportDoc::PublicMinutes => lang.tr("Offentlig referat", "Public minutes"),
        RapportDoc::Notice => lang.tr("Innkalling", "Notice"),
        RapportDoc::Archive => lang.tr("Arkivkopi (PDF/A)", "Archive copy (PDF/A)"),
    }
}

fn phase_text(lang: Lang, phase: ExportPhase) -> String {
    match phase {
        ExportPhase::Layout => lang
            .tr("Setter opp sidene …", "Laying out the pages …")
            .to_owned(),
        ExportPhase::Writing { pages } => format!(
            "{} ({pages} {})",
            lang.tr("Skriver PDF", "Writing the PDF"),
            lang.tr("sider", "pages")
        ),
        ExportPhase::Archiving { pages } => format!(
            "{} ({pages} {})",
            lang.tr("Lager arkivkopi (PDF/A)", "Making the archive copy (PDF/A)"),
            lang.tr("sider", "pages")
        ),
        ExportPhase::Saving { pages } => format!(
            "{} ({pages} {})",
            lang.tr("Lagrer filen", "Saving the file"),
            lang.tr("sider", "pages")
        ),
    }
}

fn stamp(t: chrono::NaiveDateTime) -> String {
    t.format("%d.%m.%Y %H:%M").to_string()
}

/// Draws the Rapport pane.
pub fn report_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, core: &Core) {
    let rapport = &core.rapport;
    egui::Panel::left("rapport_side")
        .resizable(true)
        .default_size(330.0)
        .min_size(240.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("rapport_side_scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    approval_ui(ui, ctx, rapport);
                    ui.separator();
                    let status = ctx.open.record.meeting.status;
                    super::sign_ui::signatures_ui(ui, ctx, status, &core.signing);
                    ui.separator();
                    review_section_ui(ui, ctx, rapport);
                });
        });
    preview_area_ui(ui, ctx, rapport);
}

fn preview_area_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, rapport: &RapportState) {
    let lang = ctx.lang;
    let id = ctx.open.id;
    let record = &ctx.open.record;
    let state = &mut ctx.runtime.report;
    // An earlier version is shown only while the open meeting has it (not after a switch).
    if let Some(v) = state.view_version
        && rapport
            .approval_for(id)
            .is_none_or(|a| !a.versions.iter().any(|x| x.version == v))
    {
        state.view_version = None;
    }
    // Ask for the preview this view needs (built off the UI thread; cached until the meeting
    // changes).
    if let Some(v) = state.view_version {
        if rapport.wants_version_preview(id, v) {
            ctx.commands
                .push(Command::Rapport(RapportCommand::PreviewVersion(v)));
        }
    } else if rapport.wants_preview(id, state.doc, record) {
        ctx.commands
            .push(Command::Rapport(RapportCommand::Preview(state.doc)));
    }
    if rapport.preview_busy() || rapport.export.is_some() {
        ui.ctx().request_repaint_after(Duration::from_millis(60));
    }

    let title = match state.view_version {
        Some(v) => format!(
            "{} · {} · {} {v}",
            doc_label(lang, RapportDoc::Minutes),
            record.meeting.reference,
            lang.tr("versjon", "version")
        ),
        None => format!(
            "{} · {}",
            doc_label(lang, state.doc),
            record.meeting.reference
        ),
    };
    ui.label(egui::RichText::new(title).heading());
    // Row 1: which document, and the export.
    ui.horizontal(|ui| {
        if state.view_version.is_none() {
            for doc in RapportDoc::ALL {
                if ui
                    .selectable_label(state.doc == doc, doc_label(lang, doc))
                    .clicked()
                {
                    state.doc = doc;
                }
            }
        } else {
            ui.label(
                egui::RichText::new(format!(
                    "{} {}",
                    lang.tr("Viser godkjent versjon", "Showing approved version"),
                    state.view_version.unwrap_or_default()
                ))
                .strong(),
            );
            if ui
                .button(lang.tr("Tilbake til gjeldende", "Back to current"))
                .clicked()
            {
                state.view_version = None;
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            export_ui(ui, lang, record, state, rapport, ctx.commands);
        });
    });
    // Row 2: zoom, pages, whether the preview is being updated.
    let pages = rapport
        .preview
        .as_ref()
        .filter(|p| p.meeting == id)
        .map(|p| p.document.pages.len());
    ui.horizontal(|ui| {
        if ui
            .button("−")
            .on_hover_text(lang.tr("Mindre", "Zoom out"))
            .clicked()
        {
            let z = state.zoom.or(state.fit_scale).unwrap_or(1.0);
            state.zoom = Some((z / 1.2).max(preview::ZOOM_RANGE.0));
        }
        let zoom_text = state.zoom.map_or_else(
            || lang.tr("Tilpasset bredden", "Fit to width").to_owned(),
            |z| format!("{:.0} %", z * 100.0),
        );
        ui.label(zoom_text);
        if ui
            .button("+")
            .on_hover_text(lang.tr("Større", "Zoom in"))
            .clicked()
        {
            let z = state.zoom.or(state.fit_scale).unwrap_or(1.0);
            state.zoom = Some((z * 1.2).min(preview::ZOOM_RANGE.1));
        }
        if state.zoom.is_some() && ui.button(lang.tr("Tilpass bredden", "Fit width")).clicked() {
            state.zoom = None;
        }
        if let Some(pages) = pages {
            ui.separator();
            ui.label(
                egui::RichText::new(format!(
                    "{pages} {}",
                    if pages == 1 {
                        lang.tr("side", "page")
                    } else {
                        lang.tr("sider", "pages")
                    }
                ))
                .weak(),
            );
        }
        if rapport.preview_busy() {
            ui.spinner();
            ui.label(egui::RichText::new(lang.tr("Oppdaterer …", "Updating …")).weak());
        }
    });

    let shown = rapport.preview.as_ref().filter(|p| {
        p.meeting == id
            && match state.view_version {
                Some(v) => p.version == Some(v),
                None => p.version.is_none() && p.doc == state.doc,
            }
    });
    if let Some(p) = shown {
        let scale = state
            .zoom
            .unwrap_or_else(|| preview::fit_width(&p.document, ui.available_width()));
        if state.zoom.is_none() {
            state.fit_scale = Some(scale);
        }
        preview::document_ui(ui, "rapport_preview", &p.document, scale);
    } else {
        ui.add_space(24.0);
        ui.vertical_centered(|ui| {
            ui.spinner();
            ui.label(lang.tr("Setter opp sidene …", "Laying out the pages …"));
        });
    }
}

fn export_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    record: &crate::model::MeetingRecord,
    state: &ReportUiState,
    rapport: &RapportState,
    commands: &mut Vec<Command>,
) {
    if let Some(export) = &rapport.export {
        ui.spinner();
        ui.label(phase_text(lang, export.phase));
        return;
    }
    if let Some(version) = state.view_version {
        if ui
            .button(lang.tr(
                "Lagre denne versjonen som PDF …",
                "Save this version as PDF …",
            ))
            .clicked()
        {
            let r = record.meeting.reference;
            let name = format!("{}-M{}-referat-versjon-{version}.pdf", r.year, r.number);
            super::file_dialog::ask_save(ui.ctx(), EXPORT_VERSION_PDF, &name, "pdf");
        }
        if let Some(path) = super::file_dialog::answer(ui.ctx(), EXPORT_VERSION_PDF) {
            commands.push(Command::Rapport(RapportCommand::ExportVersion {
                version,
                path,
            }));
        }
        return;
    }
    if ui
        .button(lang.tr("Eksporter PDF …", "Export PDF …"))
        .on_hover_text(doc_label(lang, state.doc))
        .clicked()
    {
        // The system's dialog, or (where it cannot open) one inside the window.
        super::file_dialog::ask_save(ui.ctx(), EXPORT_PDF, &state.doc.file_name(record), "pdf");
    }
    if let Some(path) = super::file_dialog::answer(ui.ctx(), EXPORT_PDF) {
        commands.push(Command::Rapport(RapportCommand::Export {
            doc: state.doc,
            path,
        }));
    }
    handover_ui(ui, lang, record, commands);
}

/// The completeness check before approval (`motebok check`, the same list): what the minutes
/// lack by kommuneloven § 11-4 and good practice. Returns how many findings there are.
fn completeness_ui(ui: &mut egui::Ui, lang: Lang, record: &crate::model::MeetingRecord) -> usize {
    let report = crate::model::check::check_minutes(record);
    if report.findings.is_empty() {
        ui.label(lang.tr(
            "Kontroll: referatet har det kommuneloven § 11-4 krever.",
            "Check: the minutes hold what kommuneloven § 11-4 requires.",
        ));
    } else {
        ui.label(
            egui::RichText::new(format!(
                "{} ({})",
                lang.tr("Mangler i referatet", "Missing from the minutes"),
                report.findings.len()
            ))
            .strong()
            .color(ui.visuals().warn_fg_color),
        );
        for finding in &report.findings {
            let line = match lang {
                Lang::Nb => finding.line_nb(record),
                Lang::En => finding.line(record),
            };
            ui.label(format!("• {line}"));
        }
    }
    report.findings.len()
}

/// "Til arkivet …" and "Til eInnsyn …": approved minutes only; what was written is shown as a
/// message when the database thread is done.
fn handover_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    record: &crate::model::MeetingRecord,
    commands: &mut Vec<Command>,
) {
    if !record.meeting.status.is_locked() {
        return;
    }
    let r = record.meeting.reference;
    if ui
        .button(lang.tr("Til arkivet …", "To the archive …"))
        .on_hover_text(lang.tr(
            "Arkivmeldinger (KS Fiks Arkiv) med PDF/A i en ny mappe",
            "Archive messages (KS Fiks Arkiv) with PDF/A in a new folder",
        ))
        .clicked()
        && let Some(parent) = rfd::FileDialog::new().pick_folder()
    {
        let dir = parent.join(format!("{}-M{}-arkiv", r.year, r.number));
        commands.push(Command::Rapport(RapportCommand::ArchiveExport(dir)));
    }
    if ui
        .button(lang.tr("Til eInnsyn …", "To eInnsyn …"))
        .on_hover_text(lang.tr(
            "Offentlig versjon som eInnsyn Moetemappe (JSON)",
            "Public version as an eInnsyn Moetemappe (JSON)",
        ))
        .clicked()
        && let Some(path) = rfd::FileDialog::new()
            .add_filter("JSON", &["json"])
            .set_file_name(format!("{}-M{}-einnsyn.json", r.year, r.number))
            .save_file()
    {
        commands.push(Command::Rapport(RapportCommand::PublishExport(path)));
    }
}

fn approval_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, rapport: &RapportState) {
    let lang = ctx.lang;
    let id = ctx.open.id;
    let record = &ctx.open.record;
    let m = &record.meeting;
    let approval = rapport.approval_for(id);
    ui.heading(lang.tr("Godkjenning", "Approval"));
    ui.horizontal(|ui| {
        ui.label(lang.tr("Status:", "Status:"));
        ui.label(egui::RichText::new(super::status_label(lang, m.status)).strong());
        if let Some(a) = approval.filter(|a| a.version > 1) {
            ui.label(format!("· {} {}", lang.tr("versjon", "version"), a.version));
        }
    });
    let state = &mut ctx.runtime.report;
    if m.status.is_locked() {
        egui::Frame::group(ui.style())
            .fill(ui.visuals().faint_bg_color)
            .show(ui, |ui| {
                ui.label(egui::RichText::new(lang.tr("Låst", "Locked")).strong());
                if let Some(a) = approval.and_then(|a| a.approval.as_ref()) {
                    let by = a
                        .approved_by
                        .as_deref()
                        .map(|b| format!(" {} {b}", lang.tr("av", "by")))
                        .unwrap_or_default();
                    ui.label(format!(
                        "{} {}{by}",
                        lang.tr("Godkjent", "Approved"),
                        stamp(a.approved_at)
                    ));
                }
                ui.label(lang.tr(
                    "Innholdet kan ikke endres. En retting lager en ny versjon; den godkjente \
                     tas vare på.",
                    "The content cannot change. A correction makes a new version; the approved \
                     one is kept.",
                ));
            });
        match &mut state.correction_reason {
            None => {
                if ui
                    .add_enabled(
                        !ctx.read_only,
                        egui::Button::new(lang.tr("Rett referatet …", "Correct the minutes …")),
                    )
                    .clicked()
                {
                    state.correction_reason = Some(String::new());
                }
            }
            Some(reason) => {
                let label = ui.label(lang.tr(
                    "Hvorfor må referatet rettes?",
                    "Why must the minutes be corrected?",
                ));
                ui.add(
                    egui::TextEdit::multiline(reason)
                        .desired_rows(2)
                        .desired_width(f32::INFINITY)
                        .hint_text(lang.tr("Begrunnelse (kreves)", "Reason (required)")),
                )
                .labelled_by(label.id);
                let mut close = false;
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(
                            !reason.trim().is_empty(),
                            egui::Button::new(lang.tr("Start retting", "Start correction")),
                        )
                        .clicked()
                    {
                        ctx.commands
                            .push(Command::Rapport(RapportCommand::StartCorrection {
                                reason: reason.trim().to_owned(),
                            }));
                        close = true;
                    }
                    if ui.button(lang.tr("Avbryt", "Cancel")).clicked() {
                        close = true;
                    }
                });
                if close {
                    state.correction_reason = None;
                }
            }
        }
    } else {
        let held = m.status.is_held();
        if !held {
            ui.horizontal_wrapped(|ui| {
                ui.label(lang.tr(
                    "Møtet er ikke merket som holdt.",
                    "The meeting is not marked as held.",
                ));
                if ui
                    .add_enabled(
                        !ctx.read_only,
                        egui::Button::new(lang.tr("Merk møtet som holdt", "Mark the meeting held")),
                    )
                    .clicked()
                {
                    ctx.commands
                        .push(Command::Edit(Edit::SetStatus(MeetingStatus::Held)));
                }
            });
        }
        let by = state.approve_by.get_or_insert_with(|| {
            m.chair
                .as_ref()
                .map(|c| record.name_of(c))
                .unwrap_or_default()
        });
        ui.horizontal(|ui| {
            let label = ui.label(lang.tr("Godkjent av", "Approved by"));
            ui.add(egui::TextEdit::singleline(by).desired_width(180.0))
                .labelled_by(label.id);
        });
        let missing = if held {
            completeness_ui(ui, lang, record)
        } else {
            0
        };
        if state.confirm_approve && missing > 0 {
            ui.label(
                egui::RichText::new(lang.tr(
                    "Referatet mangler det som står over. Godkjenne likevel?",
                    "The minutes lack what is listed above. Approve anyway?",
                ))
                .color(ui.visuals().warn_fg_color),
            );
        }
        if state.confirm_approve {
            ui.label(
                egui::RichText::new(lang.tr(
                    "Når referatet er godkjent, kan det ikke endres lenger. Godkjenne nå?",
                    "Once approved, the minutes can no longer change. Approve now?",
                ))
                .strong(),
            );
            ui.horizontal(|ui| {
                if ui.button(lang.tr("Godkjenn nå", "Approve now")).clicked() {
                    let by = state.approve_by.clone().filter(|b| !b.trim().is_empty());
                    ctx.commands
                        .push(Command::Rapport(RapportCommand::Approve { by }));
                    state.confirm_approve = false;
                }
                if ui.button(lang.tr("Avbryt", "Cancel")).clicked() {
                    state.confirm_approve = false;
                }
            });
        } else {
            let button = ui
                .add_enabled(
                    held && !ctx.read_only,
                    egui::Button::new(lang.tr("Godkjenn referatet …", "Approve the minutes …")),
                )
                .on_disabled_hover_text(lang.tr(
                    "Møtet er ikke holdt ennå",
                    "The meeting has not been held yet",
                ));
            if button.clicked() {
                state.confirm_approve = true;
            }
        }
    }

    if let Some(a) = approval.filter(|a| !a.versions.is_empty()) {
        ui.add_space(6.0);
        ui.label(egui::RichText::new(lang.tr("Tidligere versjoner", "Earlier versions")).strong());
        for v in &a.versions {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!(
                    "{} {} · {} {}",
                    lang.tr("Versjon", "Version"),
                    v.version,
                    lang.tr("erstattet", "replaced"),
                    stamp(v.superseded_at)
                ));
                let showing = state.view_version == Some(v.version);
                if ui
                    .selectable_label(showing, lang.tr("Vis", "Show"))
                    .clicked()
                {
                    state.view_version = if showing { None } else { Some(v.version) };
                }
            });
            ui.label(egui::RichText::new(format!("«{}»", v.reason)).italics());
        }
    }
}

fn review_section_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, rapport: &RapportState) {
    let lang = ctx.lang;
    let record = &ctx.open.record;
    let m = &record.meeting;
    ui.heading(lang.tr("Gjennomgang", "Review"));
    ui.label(
        egui::RichText::new(lang.tr(
            "Send utkastet til leder, som leser og kommenterer i sin egen Møtebok. Svaret \
             importeres her.",
            "Send the draft to the leader, who reads and comments in their own Møtebok. The \
             reply is imported here.",
        ))
        .weak(),
    );
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(
                !ctx.read_only && !m.status.is_locked(),
                egui::Button::new(lang.tr("Send til gjennomgang …", "Send for review …")),
            )
            .clicked()
        {
            let name = format!(
                "{}-M{}.motebok-review.json",
                m.reference.year, m.reference.number
            );
            if let Some(path) = rfd::FileDialog::new()
                .add_filter(lang.tr("Gjennomgangspakke", "Review package"), &["json"])
                .set_file_name(name)
                .save_file()
            {
                ctx.commands
                    .push(Command::Rapport(RapportCommand::SendReview(path)));
            }
        }
        if ui
            .add_enabled(
                !ctx.read_only,
                egui::Button::new(lang.tr("Importer svar …", "Import reply …")),
            )
            .clicked()
            && let Some(path) = rfd::FileDialog::new()
                .add_filter(lang.tr("Svar på gjennomgang", "Review reply"), &["json"])
                .pick_file()
        {
            ctx.commands
                .push(Command::Rapport(RapportCommand::ImportReply(path)));
        }
    });

    let comments = rapport.comments_for(ctx.open.id);
    if comments.is_empty() {
        return;
    }
    let open_count = comments.iter().filter(|c| !c.resolved).count();
    ui.add_space(4.0);
    ui.label(
        egui::RichText::new(format!(
            "{} ({open_count} {})",
            lang.tr("Kommentarer", "Comments"),
            lang.tr("uløst", "open")
        ))
        .strong(),
    );
    let mut last_item: Option<Option<u32>> = None;
    for c in comments {
        if last_item != Some(c.item) {
            last_item = Some(c.item);
            let heading = match c.item.and_then(|n| m.items.iter().find(|i| i.number == n)) {
                Some(item) => format!("{} {}", m.case_number(item), item.title),
                None => lang.tr("Hele referatet", "The whole minutes").to_owned(),
            };
            ui.add_space(4.0);
            ui.label(egui::RichText::new(heading).strong());
        }
        comment_ui(ui, lang, c, ctx.read_only, ctx.commands);
    }
}

fn comment_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    c: &ReceivedComment,
    read_only: bool,
    commands: &mut Vec<Command>,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let verdict = match c.decision {
            ReviewDecision::Approve => lang.tr("godkjente", "approved"),
            ReviewDecision::ChangesRequested => lang.tr("ba om endringer", "asked for changes"),
        };
        ui.label(
            egui::RichText::new(format!(
                "{} · {} · {verdict}",
                c.reviewer,
                stamp(c.replied_at)
            ))
            .weak()
            .small(),
        );
        if c.item.is_none()
            && let Some(title) = &c.item_title
        {
            ui.label(
                egui::RichText::new(format!(
                    "{} «{title}»",
                    lang.tr("Gjaldt saken", "Was about the item")
                ))
                .weak(),
            );
        }
        let text = egui::RichText::new(&c.text);
        ui.label(if c.resolved {
            text.strikethrough().weak()
        } else {
            text
        });
        let mut resolved = c.resolved;
        if ui
            .add_enabled(
                !read_only,
                egui::Checkbox::new(&mut resolved, lang.tr("Løst", "Resolved")),
            )
            .changed()
        {
            commands.push(Command::Rapport(RapportCommand::ResolveComment {
                reply: c.reply,
                position: c.position,
                resolved,
            }));
        }
    });
}
