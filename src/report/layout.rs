//! The typesetter: turns styled text into a display list of pages in PDF points.
//!
//! A [`Document`] is what both the PDF writer and the in-app preview draw, so they show the
//! same layout. Coordinates are in points (1/72 inch) from the **top-left** corner of the
//! page, y growing downwards; a text position is the left end of its baseline.

use unicode_linebreak::{BreakOpportunity, linebreaks};

use super::fonts::font;

/// Width of an A4 page in points.
pub const A4_WIDTH_PT: f32 = 595.28;
/// Height of an A4 page in points.
pub const A4_HEIGHT_PT: f32 = 841.89;
/// Left margin of the text area.
pub const MARGIN_LEFT_PT: f32 = 62.0;
/// Right margin of the text area.
pub const MARGIN_RIGHT_PT: f32 = 62.0;
/// Top margin of the text area (the running header sits above it).
pub const MARGIN_TOP_PT: f32 = 68.0;
/// Bottom margin of the text area (the footer sits below it).
pub const MARGIN_BOTTOM_PT: f32 = 64.0;
/// Width of the text area.
pub const TEXT_WIDTH_PT: f32 = A4_WIDTH_PT - MARGIN_LEFT_PT - MARGIN_RIGHT_PT;

/// One of the four faces of the embedded `DejaVu Sans`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontFace {
    /// `DejaVu Sans`.
    Regular,
    /// `DejaVu Sans Bold`.
    Bold,
    /// `DejaVu Sans Oblique`.
    Italic,
    /// `DejaVu Sans Bold Oblique`.
    BoldItalic,
}

impl FontFace {
    /// Every face, in a fixed order.
    pub const ALL: [FontFace; 4] = [
        FontFace::Regular,
        FontFace::Bold,
        FontFace::Italic,
        FontFace::BoldItalic,
    ];

    /// The face with the given weight and slant.
    #[must_use]
    pub fn new(bold: bool, italic: bool) -> Self {
        match (bold, italic) {
            (false, false) => FontFace::Regular,
            (true, false) => FontFace::Bold,
            (false, true) => FontFace::Italic,
            (true, true) => FontFace::BoldItalic,
        }
    }

    /// Position in [`FontFace::ALL`].
    #[must_use]
    pub fn index(self) -> usize {
        match self {
            FontFace::Regular => 0,
            FontFace::Bold => 1,
            FontFace::Italic => 2,
            FontFace::BoldItalic => 3,
        }
    }

    /// The font file (TrueType) of this face, as embedded in the PDF.
    #[must_use]
    pub fn font_bytes(self) -> &'static [u8] {
        match self {
            FontFace::Regular => dejavu::sans::regular(),
            FontFace::Bold => dejavu::sans::bold(),
            FontFace::Italic => dejavu::sans::oblique(),
            FontFace::BoldItalic => dejavu::sans::bold_oblique(),
        }
    }
}

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Color {
    /// Red, 0-255.
    pub r: u8,
    /// Green, 0-255.
    pub g: u8,
    /// Blue, 0-255.
    pub b: u8,
}

impl Color {
    /// A colour from its components.
    #[must_use]
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b }
    }
    /// Body text.
    pub const TEXT: Color = Color::rgb(0x1a, 0x1a, 0x1a);
    /// Secondary text: labels, running header and footer.
    pub const MUTED: Color = Color::rgb(0x5f, 0x66, 0x6d);
    /// Links.
    pub const LINK: Color = Color::rgb(0x1a, 0x4f, 0x9c);
    /// Accent: rules and the bar beside a decision.
    pub const ACCENT: Color = Color::rgb(0x2c, 0x4a, 0x6b);
    /// Hairlines.
    pub const RULE: Color = Color::rgb(0xc4, 0xc9, 0xcf);
    /// Light background of a decision box or a table header.
    pub const SHADE: Color = Color::rgb(0xee, 0xf1, 0xf5);
    /// The draft watermark: light grey, opaque (PDF/A forbids transparency).
    pub const WATERMARK: Color = Color::rgb(0xe2, 0xe2, 0xe2);
}

/// One drawing operation.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// A run of text in one face, size and colour; `(x_pt, y_pt)` is the left end of the baseline.
    Text {
        /// Left end of the baseline.
        x_pt: f32,
        /// Baseline, from the top of the page.
        y_pt: f32,
        /// Face.
        font: FontFace,
        /// Size in points.
        size_pt: f32,
        /// The text (no line breaks).
        text: String,
        /// Colour.
        color: Color,
    },
    /// Text turned counter-clockwise by `angle_deg` around the left end of its baseline.
    RotatedText {
        /// Left end of the baseline.
        x_pt: f32,
        /// Baseline, from the top of the page.
        y_pt: f32,
        /// Face.
        font: FontFace,
        /// Size in points.
        size_pt: f32,
        /// The text.
        text: String,
        /// Colour.
        color: Color,
        /// Counter-clockwise rotation in degrees.
        angle_deg: f32,
    },
    /// A straight line.
    Line {
        /// Start x.
        x1_pt: f32,
        /// Start y.
        y1_pt: f32,
        /// End x.
        x2_pt: f32,
        /// End y.
        y2_pt: f32,
        /// Stroke width.
        width_pt: f32,
        /// Colour.
        color: Color,
    },
    /// A rectangle, filled and/or stroked; `(x_pt, y_pt)` is its top-left corner.
    Rect {
        /// Left edge.
        x_pt: f32,
        /// Top edge.
        y_pt: f32,
        /// Width.
        width_pt: f32,
        /// Height.
        height_pt: f32,
        /// Fill colour, if filled.
        fill: Option<Color>,
        /// Stroke colour, if stroked.
        stroke: Option<Color>,
        /// Stroke width.
        line_width_pt: f32,
    },
    /// A clickable area that opens `url`; draws nothing.
    Link {
        /// Left edge.
        x_pt: f32,
        /// Top edge.
        y_pt: f32,
        /// Width.
        width_pt: f32,
        /// Height.
        height_pt: f32,
        /// Target.
        url: String,
    },
}

/// One page of a laid-out document.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// Page width.
    pub width_pt: f32,
    /// Page height.
    pub height_pt: f32,
    /// What to draw, back to front.
    pub ops: Vec<Op>,
}

/// A laid-out document: metadata and pages.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// Title (PDF metadata).
    pub title: String,
    /// Author (PDF metadata).
    pub author: String,
    /// Subject (PDF metadata).
    pub subject: String,
    /// The pages, in order.
    pub pages: Vec<Page>,
}

/// Width of `text` set in `font` at `size_pt`, in points (no kerning, as the PDF sets it).
#[must_use]
pub fn text_width(font_face: FontFace, size_pt: f32, text: &str) -> f32 {
    let f = font(font_face);
    let milli: u32 = text.chars().map(|c| u32::from(f.advance(c))).sum();
    milli as f32 * size_pt / 1000.0
}

// ---------------------------------------------------------------------------------------------
// Paragraph layout

/// A styled piece of paragraph input.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Run {
    pub text: String,
    pub font: FontFace,
    pub color: Color,
    pub link: Option<String>,
}

impl Run {
    pub fn new(text: impl Into<String>, font: FontFace, color: Color) -> Self {
        Self {
            text: text.into(),
            font,
            color,
            link: None,
        }
    }
}

/// A piece of a laid-out line: one style, placed `x` points from the line's left end.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Fragment {
    pub x: f32,
    pub width: f32,
    pub text: String,
    pub font: FontFace,
    pub color: Color,
    pub link: Option<String>,
}

/// One laid-out line of a paragraph.
#[derive(Clone, Debug, PartialEq, Default)]
pub(crate) struct Line {
    pub fragments: Vec<Fragment>,
    pub width: f32,
}

struct Glyph {
    c: char,
    run: usize,
}

/// Breaks styled text into lines no wider than `width` at `size` points. Lines break at the
/// opportunities of Unicode line breaking (UAX #14); a word wider than the line (a long URL) is
/// broken between characters, after a `/`, `-`, `?`, `&`, `=` or `.` where one is near.
/// Mandatory breaks (`\n`) start a new line.
pub(crate) fn break_lines(runs: &[Run], size: f32, width: f32) -> Vec<Line> {
    // Flatten to characters, measuring each in thousandths of an em.
    let mut text = String::new();
    let mut glyphs: Vec<Glyph> = Vec::new();
    let mut prefix: Vec<u32> = vec![0];
    for (ri, run) in runs.iter().enumerate() {
        let f = font(run.font);
        for c in run.text.chars() {
            let c = match c {
                '\t' => ' ',
                '\r' => continue,
                c if c.is_control() && c != '\n' => continue,
                c => c,
            };
            text.push(c);
            let w = if c == '\n' {
                0
            } else {
                u32::from(f.advance(c))
            };
            prefix.push(prefix[glyphs.len()] + w);
            glyphs.push(Glyph { c, run: ri });
        }
    }
    if glyphs.is_empty() {
        return Vec::new();
    }
    let limit = (width * 1000.0 / size).floor() as u32 + 1;
    let fits = |a: usize, b: usize| prefix[b] - prefix[a] < limit;
    let trim_end = |a: usize, mut b: usize| {
        while b > a && glyphs[b - 1].c.is_whitespace() {
            b -= 1;
        }
        b
    };

    // Break opportunities as character indices.
    let mut opportunities: Vec<(usize, bool)> = Vec::new();
    let mut char_index = 0;
    let mut byte_iter = text.char_indices().map(|(b, _)| b).peekable();
    for (byte, kind) in linebreaks(&text) {
        while byte_iter.peek().is_some_and(|&b| b < byte) {
            byte_iter.next();
            char_index += 1;
        }
        let mandatory = kind == BreakOpportunity::Mandatory;
        let inner = char_index > 0 && char_index < glyphs.len();
        let after_slash = inner && glyphs[char_index - 1].c == '/';
        // Inside a link, break only after a single `/`: never at a hyphen of a host name.
        let inside_link = inner
            && glyphs[char_index].run == glyphs[char_index - 1].run
            && runs[glyphs[char_index].run].link.is_some()
            && !glyphs[char_index - 1].c.is_whitespace();
        let keep = if mandatory {
            true
        } else if inside_link {
            after_slash && glyphs[char_index].c != '/'
        } else {
            // Outside links, never after a slash: «2024/M4-003», «sak/arkiv».
            !after_slash
        };
        if keep {
            opportunities.push((char_index, mandatory));
        }
    }

    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    let mut last_fit: Option<usize> = None;
    for &(b, mandatory) in &opportunities {
        loop {
            let e = trim_end(start, b);
            if fits(start, e) {
                if mandatory {
                    ranges.push((start, e));
                    start = b;
                    last_fit = None;
                } else {
                    last_fit = Some(b);
                }
                break;
            }
            if let Some(f) = last_fit.take()
                && f > start
            {
                ranges.push((start, trim_end(start, f)));
                start = f;
                continue;
            }
            // One word wider than the line: break it between characters.
            let mut k = start + 1;
            while k < e && fits(start, k + 1) {
                k += 1;
            }
            let soft = (start + (k - start) / 2 + 1..k).rev().find(|&p| {
                matches!(
                    glyphs[p - 1].c,
                    '/' | '-' | '?' | '&' | '=' | '.' | '_' | '#'
                )
            });
            let k = soft.unwrap_or(k);
            ranges.push((start, k));
            start = k;
        }
    }
    if start < glyphs.len() {
        let e = trim_end(start, glyphs.len());
        if e > start {
            ranges.push((start, e));
        }
    }

    let scale = size / 1000.0;
    ranges
        .into_iter()
        .map(|(s, e)| {
            let mut line = Line {
                fragments: Vec::new(),
                width: (prefix[e] - prefix[s]) as f32 * scale,
            };
            let mut i = s;
            while i < e {
                let run = glyphs[i].run;
                let mut j = i;
                let mut piece = String::new();
                while j < e && glyphs[j].run == run {
                    if glyphs[j].c != '\n' {
                        piece.push(glyphs[j].c);
                    }
                    j += 1;
                }
                let r = &runs[run];
                if !piece.is_empty() {
                    line.fragments.push(Fragment {
                        x: (prefix[i] - prefix[s]) as f32 * scale,
                        width: (prefix[j] - prefix[i]) as f32 * scale,
                        text: piece,
                        font: r.font,
                        color: r.color,
                        link: r.link.clone(),
                    });
                }
                i = j;
            }
            line
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Block flow and pagination

/// A horizontal slice of content that is never split: a line of text, a table row.
/// Its ops are placed relative to the row's top-left corner at (0, 0) in page x, row-relative y.
#[derive(Clone, Debug, Default)]
pub(crate) struct Row {
    pub height: f32,
    pub ops: Vec<Op>,
}

impl Row {
    /// A row of one laid-out line at `x`, with baseline centred in `leading`.
    pub fn from_line(line: &Line, x: f32, size: f32, leading: f32) -> Row {
        let baseline = leading / 2.0 + size * 0.35;
        let mut row = Row {
            height: leading,
            ops: Vec::with_capacity(line.fragments.len()),
        };
        row.push_line(line, x, baseline, size);
        row
    }

    /// Adds the ops of a line with its baseline at `baseline` (row-relative).
    pub fn push_line(&mut self, line: &Line, x: f32, baseline: f32, size: f32) {
        for f in &line.fragments {
            self.ops.push(Op::Text {
                x_pt: x + f.x,
                y_pt: baseline,
                font: f.font,
                size_pt: size,
                text: f.text.clone(),
                color: f.color,
            });
            if let Some(url) = &f.link {
                self.ops.push(Op::Link {
                    x_pt: x + f.x,
                    y_pt: baseline - size,
                    width_pt: f.width,
                    height_pt: size * 1.25,
                    url: url.clone(),
                });
            }
        }
    }
}

/// A shaded background drawn behind the rows of a flow, on every page it spans.
#[derive(Clone, Debug)]
pub(crate) struct Shade {
    pub x: f32,
    pub width: f32,
    pub fill: Color,
    /// A bar along the left edge.
    pub bar: Option<Color>,
    /// Space inside the shade above the first and below the last row.
    pub pad: f32,
}

/// A sequence of rows that flows onto pages, with pagination rules.
#[derive(Clone, Debug, Default)]
pub(crate) struct Flow {
    pub rows: Vec<Row>,
    /// Space above; dropped at the top of a page.
    pub space_before: f32,
    /// Space below.
    pub space_after: f32,
    /// Never end a page right after this flow (headings).
    pub keep_with_next: bool,
    /// Never split this flow (unless it is taller than a page).
    pub keep_together: bool,
    pub shade: Option<Shade>,
    /// Rows to repeat at the top of each new page this flow continues or starts on
    /// (a table header).
    pub repeat: Option<Vec<Row>>,
}

impl Flow {
    fn pad(&self) -> f32 {
        self.shade.as_ref().map_or(0.0, |s| s.pad)
    }

    /// Height this flow needs at the bottom of a page before it may start there.
    fn min_start(&self) -> f32 {
        let n = if self.keep_together {
            self.rows.len()
        } else {
            self.rows.len().min(2)
        };
        let rows: f32 = self.rows[..n].iter().map(|r| r.height).sum();
        let end_pad = if n == self.rows.len() {
            self.pad()
        } else {
            0.0
        };
        rows + self.pad() + end_pad
    }

    fn total(&self) -> f32 {
        self.rows.iter().map(|r| r.height).sum::<f32>() + 2.0 * self.pad()
    }
}

/// Places rows on A4 pages within the margins.
pub(crate) struct Paginator {
    pages: Vec<Vec<Op>>,
    y: f32,
    top: f32,
    bottom: f32,
    /// Whether anything was placed on the current page.
    used: bool,
}

impl Paginator {
    pub fn new() -> Self {
        Self {
            pages: vec![Vec::new()],
            y: MARGIN_TOP_PT,
            top: MARGIN_TOP_PT,
            bottom: A4_HEIGHT_PT - MARGIN_BOTTOM_PT,
            used: false,
        }
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.top;
        self.used = false;
    }

    fn place_row(&mut self, row: &Row) {
        let page = self.pages.last_mut().expect("a page");
        for op in &row.ops {
            page.push(offset(op, self.y));
        }
        self.y += row.height;
        self.used = true;
    }

    /// Lays out the flows in order.
    pub fn run(mut self, flows: &[Flow]) -> Vec<Page> {
        for (i, flow) in flows.iter().enumerate() {
            if flow.rows.is_empty() {
                continue;
            }
            if self.used {
                self.y += flow.space_before;
            }
            // Room needed before starting here: this flow's start plus, for keep-with-next
            // chains (headings), the start of what follows.
            let mut need = flow.min_start();
            if flow.keep_with_next || (flow.keep_together && flow.rows.len() > 1) {
                if flow.keep_together {
                    need = flow.total();
                }
                let mut j = i;
                while flows[j].keep_with_next && j + 1 < flows.len() {
                    j += 1;
                    if flows[j].rows.is_empty() {
                        continue;
                    }
                    need += flows[j].space_before + flows[j].min_start();
                }
            }
            let capacity = self.bottom - self.top;
            if self.used && self.y + need > self.bottom && need <= capacity {
                self.new_page();
                self.place_repeat(flow);
            }
            self.place_flow(flow);
            self.y += flow.space_after;
        }
        self.pages
            .into_iter()
            .map(|ops| Page {
                width_pt: A4_WIDTH_PT,
                height_pt: A4_HEIGHT_PT,
                ops,
            })
            .collect()
    }

    fn place_repeat(&mut self, flow: &Flow) {
        if let Some(rows) = &flow.repeat {
            for r in rows {
                self.place_row(r);
            }
        }
    }

    fn place_flow(&mut self, flow: &Flow) {
        let pad = flow.pad();
        let n = flow.rows.len();
        let mut i = 0;
        while i < n {
            // How many rows fit on this page?
            let mut y = self.y + pad;
            let mut k = i;
            while k < n {
                let end_pad = if k + 1 == n { pad } else { 0.0 };
                if y + flow.rows[k].height + end_pad > self.bottom + 0.01 {
                    break;
                }
                y += flow.rows[k].height;
                k += 1;
            }
            // Widow control: never leave a single row for the next page.
            if k < n && n - k == 1 && k - i >= 3 && !flow.keep_together {
                k -= 1;
            }
            if k == i {
                if self.used {
                    self.new_page();
                    self.place_repeat(flow);
                    continue;
                }
                // A row taller than a page: place it anyway.
                k = i + 1;
            }
            let start_y = self.y;
            let start_op = self.pages.last().map_or(0, Vec::len);
            self.y += pad;
            for row in &flow.rows[i..k] {
                self.place_row(row);
            }
            if k == n {
                self.y += pad;
            }
            if let Some(shade) = &flow.shade {
                let height = self.y - start_y + if k == n { 0.0 } else { pad };
                let mut back = vec![Op::Rect {
                    x_pt: shade.x,
                    y_pt: start_y,
                    width_pt: shade.width,
                    height_pt: height,
                    fill: Some(shade.fill),
                    stroke: None,
                    line_width_pt: 0.0,
                }];
                if let Some(bar) = shade.bar {
                    back.push(Op::Rect {
                        x_pt: shade.x,
                        y_pt: start_y,
                        width_pt: 2.5,
                        height_pt: height,
                        fill: Some(bar),
                        stroke: None,
                        line_width_pt: 0.0,
                    });
                }
                let page = self.pages.last_mut().expect("a page");
                page.splice(start_op..start_op, back);
            }
            i = k;
            if i < n {
                self.new_page();
                self.place_repeat(flow);
            }
        }
    }
}

/// An op moved down by `dy`.
fn offset(op: &Op, dy: f32) -> Op {
    let mut op = op.clone();
    match &mut op {
        Op::Text { y_pt, .. }
        | Op::RotatedText { y_pt, .. }
        | Op::Rect { y_pt, .. }
        | Op::Link { y_pt, .. } => *y_pt += dy,
        Op::Line { y1_pt, y2_pt, .. } => {
            *y1_pt += dy;
            *y2_pt += dy;
        }
    }
    op
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Vec<Run> {
        vec![Run::new(text, FontFace::Regular, Color::TEXT)]
    }

    fn line_text(l: &Line) -> String {
        l.fragments.iter().map(|f| f.text.as_str()).collect()
    }

    #[test]
    fn lines_never_exceed_the_width_and_keep_every_word() {
        let text = "Samarbeidsrådet ble orientert om økonomistatus og oversikt over aktiviteter for \
                    ROR-IKT siden forrige rapportering. Udir må ta hensyn til Microsoft sine «patch Tuesdays».";
        for width in [60.0, 120.0, 200.0, 471.0] {
            let lines = break_lines(&plain(text), 10.0, width);
            for l in &lines {
                assert!(l.width <= width, "{} > {width}: {}", l.width, line_text(l));
                let measured = text_width(FontFace::Regular, 10.0, &line_text(l));
                assert!((measured - l.width).abs() < 0.01);
            }
            let squash = |t: &str| t.split_whitespace().collect::<String>();
            let joined: String = lines.iter().map(line_text).collect();
            assert_eq!(squash(&joined), squash(text));
        }
    }

    #[test]
    fn a_long_url_is_broken_into_lines_that_fit() {
        let url = format!(
            "https://app.boarddecisions.com/web/#/groupdecisions?groupId={}",
            "f13b44aa-a243".repeat(20)
        );
        let lines = break_lines(&plain(&url), 10.0, 300.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| l.width <= 300.0));
        let joined: String = lines.iter().map(line_text).collect();
        assert_eq!(joined, url);
    }

    #[test]
    fn a_case_number_is_never_broken_at_its_slash() {
        let text = "Langøy, Gerd Marit (fra sak 2024/M4-003); Ersvik";
        for width in (150..300).step_by(3) {
            let lines = break_lines(&plain(text), 10.0, width as f32);
            assert!(
                lines.iter().all(|l| !line_text(l).ends_with('/')),
                "{:?}",
                lines.iter().map(line_text).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn newlines_force_breaks() {
        let lines = break_lines(&plain("a\nb\n\nc"), 10.0, 300.0);
        let t: Vec<String> = lines.iter().map(line_text).collect();
        assert_eq!(t, ["a", "b", "", "c"]);
    }

    #[test]
    fn styles_become_fragments_at_their_offsets() {
        let runs = vec![
            Run::new("Vedtak: ", FontFace::Bold, Color::TEXT),
            Run::new("Saken tas til orientering", FontFace::Regular, Color::TEXT),
        ];
        let lines = break_lines(&runs, 10.0, 400.0);
        assert_eq!(lines.len(), 1);
        let f = &lines[0].fragments;
        assert_eq!(f[0].text, "Vedtak: ");
        assert_eq!(f[0].font, FontFace::Bold);
        assert!((f[1].x - text_width(FontFace::Bold, 10.0, "Vedtak: ")).abs() < 0.01);
    }

    #[test]
    fn a_heading_is_not_left_alone_at_the_bottom_of_a_page() {
        let row = |h: f32| Row {
            height: h,
            ops: vec![Op::Line {
                x1_pt: 0.0,
                y1_pt: 0.0,
                x2_pt: 1.0,
                y2_pt: 0.0,
                width_pt: 1.0,
                color: Color::TEXT,
            }],
        };
        let capacity = A4_HEIGHT_PT - MARGIN_TOP_PT - MARGIN_BOTTOM_PT;
        let filler = Flow {
            rows: vec![row(capacity - 20.0)],
            ..Flow::default()
        };
        let heading = Flow {
            rows: vec![row(16.0)],
            keep_with_next: true,
            ..Flow::default()
        };
        let body = Flow {
            rows: vec![row(14.0), row(14.0), row(14.0)],
            ..Flow::default()
        };
        let pages = Paginator::new().run(&[filler, heading, body]);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].ops.len(), 1, "the heading moved to page 2");
        assert_eq!(pages[1].ops.len(), 4);
    }
}
