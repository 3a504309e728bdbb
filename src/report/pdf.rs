//! Writes a laid-out [`Document`] as PDF bytes.
//!
//! Text is set in the embedded `DejaVu Sans` faces as Type 0 / `CIDFontType2` fonts with an
//! identity glyph encoding, each subset to the glyphs used, with a `ToUnicode` map so text can
//! be copied and extracted (æøå, «», –, •). The output depends only on the document and the
//! timestamp passed in.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::NaiveDateTime;
use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat, dictionary};
use sha2::{Digest, Sha256};

use super::ReportError;
use super::fonts::{FontData, fonts, subset_truetype};
use super::layout::{Color, Document, FontFace, Op, Page};

/// The program named as creator and producer in the metadata.
pub const CREATOR: &str = "Møtebok";

/// Writes `doc` as PDF 1.7 bytes; `created` becomes the creation and modification date.
pub fn write_pdf(doc: &Document, created: NaiveDateTime) -> Result<Vec<u8>, ReportError> {
    let faces = fonts()?;
    let mut used: [BTreeMap<u16, char>; 4] = Default::default();
    let mut contents = Vec::with_capacity(doc.pages.len());
    for page in &doc.pages {
        contents.push(encode_page(page, faces, &mut used));
    }

    let mut pdf = lopdf::Document::with_version("1.7");
    let pages_id = pdf.new_object_id();

    let mut font_dict = Dictionary::new();
    for face in FontFace::ALL {
        let glyphs = &used[face.index()];
        if !glyphs.is_empty() {
            let id = add_font(&mut pdf, &faces[face.index()], face, glyphs)?;
            font_dict.set(format!("F{}", face.index()), id);
        }
    }
    let resources_id = pdf.add_object(dictionary! { "Font" => font_dict });

    let mut hasher = Sha256::new();
    let mut kids = Vec::with_capacity(doc.pages.len());
    for (page, content) in doc.pages.iter().zip(contents) {
        hasher.update(&content);
        let mut stream = Stream::new(Dictionary::new(), content);
        stream.compress()?;
        let content_id = pdf.add_object(stream);
        let mut page_dict = dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), real(page.width_pt), real(page.height_pt)],
            "Resources" => resources_id,
            "Contents" => content_id,
        };
        let annots = link_annotations(page);
        if !annots.is_empty() {
            let ids: Vec<Object> = annots
                .into_iter()
                .map(|a| Object::Reference(pdf.add_object(a)))
                .collect();
            page_dict.set("Annots", ids);
        }
        kids.push(Object::Reference(pdf.add_object(page_dict)));
    }
    let count = kids.len() as i64;
    pdf.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog_id = pdf.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
        "Lang" => Object::string_literal("nb-NO"),
        "ViewerPreferences" => dictionary! { "DisplayDocTitle" => true },
    });

    let date = pdf_date(created);
    let info_id = pdf.add_object(dictionary! {
        "Title" => text_string(&doc.title),
        "Author" => text_string(&doc.author),
        "Subject" => text_string(&doc.subject),
        "Creator" => text_string(CREATOR),
        "Producer" => text_string(CREATOR),
        "CreationDate" => Object::string_literal(date.clone()),
        "ModDate" => Object::string_literal(date.clone()),
    });
    hasher.update(doc.title.as_bytes());
    hasher.update(date.as_bytes());
    let id = hasher.finalize()[..16].to_vec();

    pdf.trailer.set("Root", catalog_id);
    pdf.trailer.set("Info", info_id);
    pdf.trailer.set(
        "ID",
        vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ],
    );
    let mut out = Vec::new();
    pdf.save_to(&mut out)
        .map_err(|e| ReportError::Pdf(e.to_string()))?;
    Ok(out)
}

/// A PDF date `D:YYYYMMDDHHmmSS` (local time, no offset).
#[must_use]
pub fn pdf_date(t: NaiveDateTime) -> String {
    t.format("D:%Y%m%d%H%M%S").to_string()
}

/// A PDF text string: literal when ASCII, otherwise UTF-16BE with a byte order mark.
#[must_use]
pub fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        Object::string_literal(s)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            bytes.extend_from_slice(&u.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

fn real(v: f32) -> Object {
    Object::Real((v * 100.0).round() / 100.0)
}

/// A content stream being written: ASCII operators plus binary glyph strings.
struct Buf(Vec<u8>);

impl Buf {
    fn push_str(&mut self, s: &str) {
        self.0.extend_from_slice(s.as_bytes());
    }

    fn push(&mut self, c: char) {
        let mut b = [0; 4];
        self.push_str(c.encode_utf8(&mut b));
    }

    fn ends_with(&self, c: char) -> bool {
        self.0.last() == Some(&(c as u8))
    }

    fn pop(&mut self) {
        self.0.pop();
    }

    /// Appends one byte of a literal string, escaped where PDF needs it.
    fn string_byte(&mut self, b: u8) {
        match b {
            b'(' | b')' | b'\\' => self.0.extend_from_slice(&[b'\\', b]),
            b'\r' => self.0.extend_from_slice(b"\\r"),
            _ => self.0.push(b),
        }
    }
}

impl std::fmt::Write for Buf {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.push_str(s);
        Ok(())
    }
}

/// Appends `v` rounded to two decimals, without trailing zeros.
fn num(out: &mut Buf, v: f32) {
    let n = (f64::from(v) * 100.0).round() as i64;
    if n < 0 {
        out.push('-');
    }
    let n = n.unsigned_abs();
    let _ = write!(out, "{}", n / 100);
    let frac = n % 100;
    if frac != 0 {
        if frac.is_multiple_of(10) {
            let _ = write!(out, ".{}", frac / 10);
        } else {
            let _ = write!(out, ".{frac:02}");
        }
    }
}

fn color(out: &mut Buf, c: Color, op: &str) {
    for v in [c.r, c.g, c.b] {
        let n = (u32::from(v) * 1000 + 127) / 255;
        if n == 1000 {
            out.push('1');
        } else if n == 0 {
            out.push('0');
        } else {
            let _ = write!(out, ".{n:03}");
            while out.ends_with('0') {
                out.pop();
            }
        }
        out.push(' ');
    }
    out.push_str(op);
    out.push('\n');
}

/// The content stream of one page; records the glyphs used per face.
fn encode_page(page: &Page, faces: &[FontData; 4], used: &mut [BTreeMap<u16, char>; 4]) -> Vec<u8> {
    let h = page.height_pt;
    let mut s = Buf(Vec::with_capacity(page.ops.len() * 40));
    let mut in_bt = false;
    let mut fill: Option<Color> = None;
    let mut tf: Option<(FontFace, f32)> = None;
    for op in &page.ops {
        let is_text = matches!(op, Op::Text { .. });
        if in_bt && !is_text {
            s.push_str("ET\n");
            in_bt = false;
        }
        match op {
            Op::RotatedText {
                x_pt,
                y_pt,
                font,
                size_pt,
                text,
                color: c,
                angle_deg,
            } => {
                // Drawn as glyph outlines: a watermark is graphics, not text, so it stays out
                // of text extraction and reading order.
                if fill != Some(*c) {
                    color(&mut s, *c, "rg");
                    fill = Some(*c);
                }
                outline_text(
                    &mut s,
                    &faces[font.index()],
                    text,
                    *size_pt,
                    *angle_deg,
                    *x_pt,
                    h - *y_pt,
                );
            }
            Op::Text {
                x_pt,
                y_pt,
                font,
                size_pt,
                text,
                color: c,
            } => {
                if !in_bt {
                    s.push_str("BT\n");
                    in_bt = true;
                    tf = None;
                }
                if tf != Some((*font, *size_pt)) {
                    let _ = write!(s, "/F{} ", font.index());
                    num(&mut s, *size_pt);
                    s.push_str(" Tf\n");
                    tf = Some((*font, *size_pt));
                }
                if fill != Some(*c) {
                    color(&mut s, *c, "rg");
                    fill = Some(*c);
                }
                s.push_str("1 0 0 1 ");
                num(&mut s, *x_pt);
                s.push(' ');
                num(&mut s, h - *y_pt);
                s.push_str(" Tm (");
                let data = &faces[font.index()];
                let map = &mut used[font.index()];
                for ch in text.chars() {
                    let g = data.glyph(ch);
                    // Characters the font lacks share the replacement glyph; extract it as such.
                    let shown = if g == data.fallback { '\u{FFFD}' } else { ch };
                    map.entry(g).or_insert(shown);
                    let [hi, lo] = g.to_be_bytes();
                    s.string_byte(hi);
                    s.string_byte(lo);
                }
                s.push_str(") Tj\n");
            }
            Op::Line {
                x1_pt,
                y1_pt,
                x2_pt,
                y2_pt,
                width_pt,
                color: c,
            } => {
                num(&mut s, *width_pt);
                s.push_str(" w ");
                color(&mut s, *c, "RG");
                num(&mut s, *x1_pt);
                s.push(' ');
                num(&mut s, h - *y1_pt);
                s.push_str(" m ");
                num(&mut s, *x2_pt);
                s.push(' ');
                num(&mut s, h - *y2_pt);
                s.push_str(" l S\n");
            }
            Op::Rect {
                x_pt,
                y_pt,
                width_pt,
                height_pt,
                fill: f,
                stroke,
                line_width_pt,
            } => {
                if let Some(c) = f
                    && fill != Some(*c)
                {
                    color(&mut s, *c, "rg");
                    fill = Some(*c);
                }
                if let Some(c) = stroke {
                    num(&mut s, *line_width_pt);
                    s.push_str(" w ");
                    color(&mut s, *c, "RG");
                }
                for v in [*x_pt, h - *y_pt - *height_pt, *width_pt, *height_pt] {
                    num(&mut s, v);
                    s.push(' ');
                }
                s.push_str(match (f.is_some(), stroke.is_some()) {
                    (true, true) => "re B\n",
                    (true, false) => "re f\n",
                    (false, true) => "re S\n",
                    (false, false) => "re n\n",
                });
            }
            Op::Link { .. } => {}
        }
    }
    if in_bt {
        s.push_str("ET\n");
    }
    s.0
}

/// Appends filled path operators drawing `text` as glyph outlines, its baseline starting at
/// `(x, y)` (PDF coordinates) and turned counter-clockwise by `angle_deg`.
fn outline_text(
    s: &mut Buf,
    data: &FontData,
    text: &str,
    size: f32,
    angle_deg: f32,
    x: f32,
    y: f32,
) {
    struct Pen<'a> {
        s: &'a mut Buf,
        /// Font units to page: scale, rotation, and the glyph's origin.
        scale: f32,
        sin: f32,
        cos: f32,
        origin: (f32, f32),
        last: (f32, f32),
    }
    impl Pen<'_> {
        fn point(&mut self, px: f32, py: f32) {
            let (lx, ly) = (px * self.scale, py * self.scale);
            num(self.s, self.origin.0 + lx * self.cos - ly * self.sin);
            self.s.push(' ');
            num(self.s, self.origin.1 + lx * self.sin + ly * self.cos);
            self.s.push(' ');
        }
    }
    impl ttf_parser::OutlineBuilder for Pen<'_> {
        fn move_to(&mut self, x: f32, y: f32) {
            self.point(x, y);
            self.s.push_str("m\n");
            self.last = (x, y);
        }
        fn line_to(&mut self, x: f32, y: f32) {
            self.point(x, y);
            self.s.push_str("l\n");
            self.last = (x, y);
        }
        fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
            let (x0, y0) = self.last;
            self.point(x0 + 2.0 / 3.0 * (x1 - x0), y0 + 2.0 / 3.0 * (y1 - y0));
            self.point(x + 2.0 / 3.0 * (x1 - x), y + 2.0 / 3.0 * (y1 - y));
            self.point(x, y);
            self.s.push_str("c\n");
            self.last = (x, y);
        }
        fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
            self.point(x1, y1);
            self.point(x2, y2);
            self.point(x, y);
            self.s.push_str("c\n");
            self.last = (x, y);
        }
        fn close(&mut self) {
            self.s.push_str("h\n");
        }
    }
    let (sin, cos) = angle_deg.to_radians().sin_cos();
    let scale = size / f32::from(data.face.units_per_em().max(1));
    let mut advance = 0.0f32;
    let mut pen = Pen {
        s,
        scale,
        sin,
        cos,
        origin: (x, y),
        last: (0.0, 0.0),
    };
    for ch in text.chars() {
        pen.origin = (x + advance * cos, y + advance * sin);
        let gid = data.glyph(ch);
        let _ = data.face.outline_glyph(ttf_parser::GlyphId(gid), &mut pen);
        advance += f32::from(data.advance(ch)) * size / 1000.0;
    }
    pen.s.push_str("f\n");
}

fn link_annotations(page: &Page) -> Vec<Dictionary> {
    let h = page.height_pt;
    page.ops
        .iter()
        .filter_map(|op| match op {
            Op::Link { x_pt, y_pt, width_pt, height_pt, url } => Some(dictionary! {
                "Type" => "Annot",
                "Subtype" => "Link",
                "Rect" => vec![real(*x_pt), real(h - *y_pt - *height_pt), real(*x_pt + *width_pt), real(h - *y_pt)],
                "Border" => vec![0.into(), 0.into(), 0.into()],
                "F" => 4,
                "A" => dictionary! {
                    "Type" => "Action",
                    "S" => "URI",
                    "URI" => Object::string_literal(ascii_uri(url)),
                },
            }),
            _ => None,
        })
        .collect()
}

/// A URI with non-ASCII bytes and spaces percent-encoded.
fn ascii_uri(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if b.is_ascii_graphic() {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Adds one embedded, subset font and returns the id of its Type 0 font dictionary.
fn add_font(
    pdf: &mut lopdf::Document,
    data: &FontData,
    face: FontFace,
    glyphs: &BTreeMap<u16, char>,
) -> Result<ObjectId, ReportError> {
    let gids: Vec<u16> = glyphs.keys().copied().collect();
    let program = subset_truetype(data.bytes, &gids)?;

    // A subset tag of six capitals derived from the glyph set.
    let mut h = Sha256::new();
    h.update([face.index() as u8]);
    for g in &gids {
        h.update(g.to_be_bytes());
    }
    let tag: String = h.finalize()[..6]
        .iter()
        .map(|b| char::from(b'A' + b % 26))
        .collect();
    let base_font = format!("{tag}+{}", data.postscript_name);

    let mut file = Stream::new(dictionary! { "Length1" => program.len() as i64 }, program);
    file.compress()?;
    let file_id = pdf.add_object(file);

    let f = &data.face;
    let bbox = f.global_bounding_box();
    let italic = matches!(face, FontFace::Italic | FontFace::BoldItalic);
    let bold = matches!(face, FontFace::Bold | FontFace::BoldItalic);
    let descriptor_id = pdf.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => Object::Name(base_font.clone().into_bytes()),
        "Flags" => if italic { 32 + 64 } else { 32 },
        "FontBBox" => vec![
            data.to_milli(bbox.x_min).into(),
            data.to_milli(bbox.y_min).into(),
            data.to_milli(bbox.x_max).into(),
            data.to_milli(bbox.y_max).into(),
        ],
        "ItalicAngle" => real(f.italic_angle()),
        "Ascent" => data.to_milli(f.ascender()),
        "Descent" => data.to_milli(f.descender()),
        "CapHeight" => data.to_milli(f.capital_height().unwrap_or(f.ascender())),
        "StemV" => if bold { 140 } else { 80 },
        "FontFile2" => file_id,
    });

    // Widths, grouped in runs of consecutive glyph ids.
    let mut w: Vec<Object> = Vec::new();
    let mut run: Vec<Object> = Vec::new();
    let mut run_start = 0u16;
    let mut prev: Option<u16> = None;
    for &g in &gids {
        if prev.is_some_and(|p| p + 1 != g) {
            w.push(i64::from(run_start).into());
            w.push(Object::Array(std::mem::take(&mut run)));
        }
        if run.is_empty() {
            run_start = g;
        }
        run.push(i64::from(data.advance_of_glyph(g)).into());
        prev = Some(g);
    }
    if !run.is_empty() {
        w.push(i64::from(run_start).into());
        w.push(Object::Array(run));
    }

    let cid_id = pdf.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => Object::Name(base_font.clone().into_bytes()),
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor_id,
        "DW" => 1000,
        "W" => w,
        "CIDToGIDMap" => "Identity",
    });

    let mut cmap = Stream::new(Dictionary::new(), to_unicode_cmap(glyphs).into_bytes());
    cmap.compress()?;
    let cmap_id = pdf.add_object(cmap);

    Ok(pdf.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => Object::Name(base_font.into_bytes()),
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Reference(cid_id)],
        "ToUnicode" => cmap_id,
    }))
}

/// The `ToUnicode` `CMap` mapping each used glyph id to its character.
fn to_unicode_cmap(glyphs: &BTreeMap<u16, char>) -> String {
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<(&u16, &char)> = glyphs.iter().collect();
    for chunk in entries.chunks(100) {
        let _ = writeln!(s, "{} beginbfchar", chunk.len());
        for (g, c) in chunk {
            let _ = write!(s, "<{g:04X}> <");
            let mut buf = [0u16; 2];
            for u in c.encode_utf16(&mut buf) {
                let _ = write!(s, "{u:04X}");
            }
            s.push_str(">\n");
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_short_and_exact() {
        let mut s = Buf(Vec::new());
        for v in [0.0, 1.5, 10.25, -3.0, 841.89, 0.004] {
            num(&mut s, v);
            s.push(' ');
        }
        assert_eq!(s.0, b"0 1.5 10.25 -3 841.89 0 ");
    }

    #[test]
    fn non_ascii_metadata_is_utf16() {
        assert_eq!(
            text_string("Mø"),
            Object::String(
                vec![0xFE, 0xFF, 0, b'M', 0, 0xF8],
                StringFormat::Hexadecimal
            )
        );
    }
}
