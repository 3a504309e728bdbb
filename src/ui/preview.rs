//! Draws a laid-out [`Document`] (the display list the PDF is written from) with egui's
//! painter: white pages, text in the same `DejaVu` faces and sizes scaled to the zoom, lines and
//! rectangles — what is seen is what is printed.

use egui::{Align2, Color32, FontFamily, FontId, Pos2, Rect, Sense, Shape, Stroke, pos2, vec2};

use crate::report::{Color, Document, FontFace, Op, Page};

/// The egui font family of each PDF face (registered by `widgets::setup_style`).
#[must_use]
pub fn family_name(face: FontFace) -> &'static str {
    match face {
        FontFace::Regular => "pdf-regular",
        FontFace::Bold => "pdf-bold",
        FontFace::Italic => "pdf-italic",
        FontFace::BoldItalic => "pdf-bold-italic",
    }
}

/// Space between pages and around them, in screen points.
const GAP: f32 = 16.0;
/// Smallest and largest zoom (screen points per PDF point).
pub const ZOOM_RANGE: (f32, f32) = (0.3, 3.0);

fn color(c: Color) -> Color32 {
    Color32::from_rgb(c.r, c.g, c.b)
}

/// The families to draw each face with: the PDF's own faces when registered, else egui's
/// proportional font (e.g. in a bare context without Møtebok's fonts).
#[expect(
    clippy::redundant_closure_for_method_calls,
    reason = "the method's lifetimes do not fit"
)]
fn families(painter: &egui::Painter) -> [FontFamily; 4] {
    let known = painter.fonts(|f| f.families());
    FontFace::ALL.map(|face| {
        let named = FontFamily::Name(family_name(face).into());
        if known.contains(&named) {
            named
        } else {
            FontFamily::Proportional
        }
    })
}

/// Draws one page with its top-left corner at `origin`, `scale` screen points per PDF point.
pub fn paint_page(painter: &egui::Painter, page: &Page, origin: Pos2, scale: f32) {
    let families = families(painter);
    let at = |x: f32, y: f32| origin + vec2(x * scale, y * scale);
    let page_rect =
        Rect::from_min_size(origin, vec2(page.width_pt * scale, page.height_pt * scale));
    painter.rect_filled(
        page_rect.translate(vec2(2.0, 3.0)),
        0.0,
        Color32::from_black_alpha(40),
    );
    painter.rect_filled(page_rect, 0.0, Color32::WHITE);
    let painter = painter.with_clip_rect(page_rect.intersect(painter.clip_rect()));
    for op in &page.ops {
        match op {
            Op::Text {
                x_pt,
                y_pt,
                font,
                size_pt,
                text,
                color: c,
            } => {
                let font_id = FontId::new(size_pt * scale, families[font.index()].clone());
                let galley = painter.layout_no_wrap(text.clone(), font_id, color(*c));
                let baseline = baseline_of(&galley);
                painter.galley(at(*x_pt, *y_pt) - vec2(0.0, baseline), galley, color(*c));
            }
            Op::RotatedText {
                x_pt,
                y_pt,
                font,
                size_pt,
                text,
                color: c,
                angle_deg,
            } => {
                let font_id = FontId::new(size_pt * scale, families[font.index()].clone());
                let galley = painter.layout_no_wrap(text.clone(), font_id, color(*c));
                let baseline = baseline_of(&galley);
                // PDF turns counter-clockwise around the baseline's left end; egui turns
                // clockwise around the galley's top-left corner.
                let angle = -angle_deg.to_radians();
                let rot = egui::emath::Rot2::from_angle(angle);
                let pivot = at(*x_pt, *y_pt) - rot * vec2(0.0, baseline);
                painter.add(Shape::Text(
                    egui::epaint::TextShape::new(pivot, galley, color(*c)).with_angle(angle),
                ));
            }
            Op::Line {
                x1_pt,
                y1_pt,
                x2_pt,
                y2_pt,
                width_pt,
                color: c,
            } => {
                painter.line_segment(
                    [at(*x1_pt, *y1_pt), at(*x2_pt, *y2_pt)],
                    Stroke::new((width_pt * scale).max(0.5), color(*c)),
                );
            }
            Op::Rect {
                x_pt,
                y_pt,
                width_pt,
                height_pt,
                fill,
                stroke,
                line_width_pt,
            } => {
                let r = Rect::from_min_size(
                    at(*x_pt, *y_pt),
                    vec2(width_pt * scale, height_pt * scale),
                );
                if let Some(f) = fill {
                    painter.rect_filled(r, 0.0, color(*f));
                }
                if let Some(s) = stroke {
                    painter.rect_stroke(
                        r,
                        0.0,
                        Stroke::new((line_width_pt * scale).max(0.5), color(*s)),
                        egui::StrokeKind::Middle,
                    );
                }
            }
            Op::Link { .. } => {}
        }
    }
}

/// The distance from a one-line galley's top to its baseline.
fn baseline_of(galley: &egui::Galley) -> f32 {
    galley
        .rows
        .first()
        .and_then(|row| row.glyphs.first().map(|g| row.pos.y + g.pos.y))
        .unwrap_or(0.0)
}

/// The zoom that fits a page's width into `available` screen points.
#[must_use]
pub fn fit_width(doc: &Document, available: f32) -> f32 {
    let width = doc.pages.first().map_or(595.0, |p| p.width_pt);
    ((available - 2.0 * GAP) / width).clamp(ZOOM_RANGE.0, ZOOM_RANGE.1)
}

/// Draws the pages one below the other in a scroll area, painting only the visible ones.
/// Returns the number of the page at the top of the view (1-based).
pub fn document_ui(ui: &mut egui::Ui, id_salt: &str, doc: &Document, scale: f32) -> usize {
    let mut top_page = 1;
    egui::ScrollArea::both()
        .id_salt(id_salt)
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, viewport| {
            let width = doc
                .pages
                .iter()
                .map(|p| p.width_pt * scale)
                .fold(0.0, f32::max)
                + 2.0 * GAP;
            let height: f32 = doc
                .pages
                .iter()
                .map(|p| p.height_pt * scale + GAP)
                .sum::<f32>()
                + GAP;
            let avail = ui.available_width();
            let (rect, _) = ui.allocate_exact_size(vec2(width.max(avail), height), Sense::hover());
            ui.painter().rect_filled(
                rect,
                0.0,
                Color32::from_gray(if ui.visuals().dark_mode { 60 } else { 200 }),
            );
            let mut y = GAP;
            let centre = rect.min.x + rect.width() / 2.0;
            for (i, page) in doc.pages.iter().enumerate() {
                let size = vec2(page.width_pt * scale, page.height_pt * scale);
                let origin = pos2(centre - size.x / 2.0, rect.min.y + y);
                let page_rect = Rect::from_min_size(origin, size);
                if ui.is_rect_visible(page_rect) {
                    paint_page(ui.painter(), page, origin, scale);
                    ui.painter().text(
                        page_rect.right_bottom() + vec2(-4.0, -4.0),
                        Align2::RIGHT_BOTTOM,
                        format!("{}", i + 1),
                        FontId::proportional(10.0),
                        Color32::from_gray(170),
                    );
                }
                if y <= viewport.min.y + 1.0 {
                    top_page = i + 1;
                }
                y += size.y + GAP;
            }
        });
    top_page
}
