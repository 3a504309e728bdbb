//! Shared pieces of the panes: the context they draw with, styles, small widgets.

use crate::app::{Command, OpenMeeting};
use crate::i18n::Lang;
use crate::model::{MeetingRecord, PersonId};

use super::Runtime;

/// What a pane draws from and writes to.
pub struct PaneCtx<'a> {
    /// The interface language.
    pub lang: Lang,
    /// The open meeting.
    pub open: &'a OpenMeeting,
    /// Nothing can be changed (database opened read-only, or meeting locked).
    pub read_only: bool,
    /// Window state shared between panes (e.g. the selected item).
    pub runtime: &'a mut Runtime,
    /// Commands to run after the frame.
    pub commands: &'a mut Vec<Command>,
}

impl<'a> PaneCtx<'a> {
    /// The context of a pane drawn on its own in Norwegian, editable (benchmarks of one pane).
    pub(super) fn for_bench(
        open: &'a OpenMeeting,
        runtime: &'a mut Runtime,
        commands: &'a mut Vec<Command>,
    ) -> Self {
        Self {
            lang: Lang::Nb,
            open,
            read_only: false,
            runtime,
            commands,
        }
    }

    /// The open meeting's record.
    #[must_use]
    pub fn record(&self) -> &MeetingRecord {
        &self.open.record
    }

    /// Whether the meeting can be edited now.
    #[must_use]
    pub fn editable(&self) -> bool {
        !self.read_only && !self.open.record.meeting.status.is_locked()
    }
}

/// Fonts and spacing for a document-heavy desktop program. `DejaVu` Sans (the same font the PDFs
/// use) backs up egui's default font for the symbols it lacks (✔, ✖, arrows, §).
pub fn setup_style(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "DejaVuSans".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(dejavu::sans::regular())),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("DejaVuSans".to_owned());
    }
    // The four faces the PDFs are set in, as their own families: the Rapport preview draws
    // with exactly these.
    for (family, name, bytes) in [
        ("pdf-regular", "DejaVuSans", dejavu::sans::regular()),
        ("pdf-bold", "DejaVuSans-Bold", dejavu::sans::bold()),
        ("pdf-italic", "DejaVuSans-Oblique", dejavu::sans::oblique()),
        (
            "pdf-bold-italic",
            "DejaVuSans-BoldOblique",
            dejavu::sans::bold_oblique(),
        ),
    ] {
        fonts
            .font_data
            .entry(name.to_owned())
            .or_insert_with(|| std::sync::Arc::new(egui::FontData::from_static(bytes)));
        fonts
            .families
            .insert(egui::FontFamily::Name(family.into()), vec![name.to_owned()]);
    }
    ctx.set_fonts(fonts);
    ctx.global_style_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 3.0);
    });
}

/// Names of people, "Surname, Given", joined with "; " (names contain commas themselves).
#[must_use]
pub fn names(record: &MeetingRecord, people: &[PersonId]) -> String {
    people
        .iter()
        .map(|p| record.name_of(p))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A label/value row in a two-column grid.
pub fn field_row(ui: &mut egui::Ui, label: &str, value: &str) {
    ui.label(egui::RichText::new(label).strong());
    ui.label(value);
    ui.end_row();
}

/// A block of read-only text with a heading, when there is text.
pub fn text_block(ui: &mut egui::Ui, heading: &str, text: Option<&str>) {
    if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
        ui.label(egui::RichText::new(heading).strong());
        ui.label(text);
        ui.add_space(4.0);
    }
}

/// The date as Norwegians write it: 12.06.2024.
#[must_use]
pub fn date_no(date: chrono::NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

/// "08:15 - 11:00", or what is known of it.
#[must_use]
pub fn time_span(start: Option<chrono::NaiveTime>, end: Option<chrono::NaiveTime>) -> String {
    let f = |t: chrono::NaiveTime| t.format("%H:%M").to_string();
    match (start, end) {
        (Some(s), Some(e)) => format!("{} - {}", f(s), f(e)),
        (Some(s), None) => f(s),
        (None, Some(e)) => format!("- {}", f(e)),
        (None, None) => String::new(),
    }
}
