//! A Markdown text field with a preview toggle, and the preview itself.

use crate::i18n::Lang;
use crate::model::{Block, parse_markdown};

/// A Markdown text field with a "preview" toggle that shows the rendered text.
#[expect(
    clippy::too_many_arguments,
    reason = "a field is label, id, text, preview toggle, height and what to do with a change"
)]
pub(super) fn markdown_field(
    ui: &mut egui::Ui,
    lang: Lang,
    label: &str,
    salt: &str,
    text: &str,
    preview: &mut bool,
    rows: usize,
    mut on_change: impl FnMut(String),
) {
    let label_id = ui
        .horizontal(|ui| {
            let id = ui.label(egui::RichText::new(label).strong()).id;
            ui.toggle_value(preview, lang.tr("Forhåndsvisning", "Preview"))
            .on_hover_text(lang.tr(
                "Avsnitt med tom linje, punkter med «- », underpunkter med innrykk, **fet**",
                "Paragraphs with a blank line, bullets with «- », sub-bullets indented, **bold**",
            ));
            id
        })
        .inner;
    let mut buf = text.to_owned();
    let resp = ui
        .add(
            egui::TextEdit::multiline(&mut buf)
                .id_salt(salt)
                .desired_rows(rows)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label_id);
    if resp.changed() {
        on_change(buf);
    }
    if *preview && !text.trim().is_empty() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            markdown_preview(ui, text);
        });
    }
    ui.add_space(4.0);
}

/// Renders the Markdown subset: paragraphs (their line breaks kept), nested bullets and
/// numbered items, bold, italic, links.
pub fn markdown_preview(ui: &mut egui::Ui, text: &str) {
    for block in parse_markdown(text) {
        let (indent, bullet, spans) = match &block {
            Block::Paragraph(spans) => (0.0, None, spans),
            Block::Bullet {
                level,
                number,
                spans,
            } => (
                16.0 * (*level as f32),
                Some(match number {
                    Some(n) => format!("{n}."),
                    None => (if level % 2 == 0 { "•" } else { "◦" }).to_owned(),
                }),
                spans,
            ),
        };
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 0.0;
            ui.add_space(indent);
            if let Some(b) = bullet {
                ui.label(format!("{b} "));
            }
            for s in spans {
                let mut rt = egui::RichText::new(&s.text);
                if s.bold {
                    rt = rt.strong();
                }
                if s.italic {
                    rt = rt.italics();
                }
                if let Some(url) = &s.link {
                    ui.hyperlink_to(rt, url);
                } else {
                    ui.label(rt);
                }
            }
        });
    }
}
