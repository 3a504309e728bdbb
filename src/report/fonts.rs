//! The four embedded `DejaVu Sans` faces: glyph lookup, advance widths (cached per character),
//! and the data the PDF writer needs to embed them.

use std::sync::OnceLock;

use ttf_parser::{Face, GlyphId};

use super::ReportError;
use super::layout::FontFace;

/// Characters below this code point have their glyph and width cached in a table.
const CACHED: usize = 0x2600;

/// One parsed face with cached metrics.
pub(crate) struct FontData {
    /// The face as `ttf-parser` reads it.
    pub face: Face<'static>,
    /// The font file.
    pub bytes: &'static [u8],
    /// The PostScript name, e.g. `DejaVuSans-Bold`.
    pub postscript_name: &'static str,
    /// Glyph id per cached character (0 = none).
    glyphs: Vec<u16>,
    /// Advance width per cached character, in thousandths of an em.
    widths: Vec<u16>,
    /// The glyph used for characters the font lacks.
    pub fallback: u16,
}

impl FontData {
    fn load(bytes: &'static [u8], postscript_name: &'static str) -> Result<Self, ReportError> {
        let face = Face::parse(bytes, 0)
            .map_err(|e| ReportError::Font(format!("{postscript_name}: {e}")))?;
        let fallback = face
            .glyph_index('\u{FFFD}')
            .or_else(|| face.glyph_index('?'))
            .map_or(0, |g| g.0);
        let mut data = Self {
            face,
            bytes,
            postscript_name,
            glyphs: Vec::with_capacity(CACHED),
            widths: Vec::with_capacity(CACHED),
            fallback,
        };
        for cp in 0..CACHED {
            let (g, w) = match char::from_u32(cp as u32) {
                Some(c) => data.lookup(c),
                None => (0, 0),
            };
            data.glyphs.push(g);
            data.widths.push(w);
        }
        Ok(data)
    }

    fn lookup(&self, c: char) -> (u16, u16) {
        let gid = self.face.glyph_index(c).map_or(self.fallback, |g| g.0);
        (gid, self.advance_of_glyph(gid))
    }

    /// Advance width of a glyph in thousandths of an em, rounded as the PDF `/W` array has it.
    pub fn advance_of_glyph(&self, gid: u16) -> u16 {
        let upm = u32::from(self.face.units_per_em().max(1));
        let adv = u32::from(self.face.glyph_hor_advance(GlyphId(gid)).unwrap_or(0));
        ((adv * 1000 + upm / 2) / upm) as u16
    }

    /// The glyph id that shows `c`.
    #[inline]
    pub fn glyph(&self, c: char) -> u16 {
        let cp = c as usize;
        if cp < CACHED {
            let g = self.glyphs[cp];
            if g != 0 || cp == 0 {
                return g;
            }
        }
        self.lookup(c).0
    }

    /// Advance width of `c` in thousandths of an em.
    #[inline]
    pub fn advance(&self, c: char) -> u16 {
        let cp = c as usize;
        if cp < CACHED {
            self.widths[cp]
        } else {
            self.lookup(c).1
        }
    }

    /// Scales a value in font units to thousandths of an em.
    pub fn to_milli(&self, units: i16) -> i32 {
        i32::from(units) * 1000 / i32::from(self.face.units_per_em().max(1))
    }
}

static FONTS: OnceLock<Result<[FontData; 4], ReportError>> = OnceLock::new();

/// The four faces, parsed once.
pub(crate) fn fonts() -> Result<&'static [FontData; 4], ReportError> {
    FONTS
        .get_or_init(|| {
            Ok([
                FontData::load(dejavu::sans::regular(), "DejaVuSans")?,
                FontData::load(dejavu::sans::bold(), "DejaVuSans-Bold")?,
                FontData::load(dejavu::sans::oblique(), "DejaVuSans-Oblique")?,
                FontData::load(dejavu::sans::bold_oblique(), "DejaVuSans-BoldOblique")?,
            ])
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// The metrics of one face.
pub(crate) fn font(face: FontFace) -> &'static FontData {
    // The DejaVu fonts are compiled in; failing to parse them is a build defect.
    let all = fonts().expect("the embedded DejaVu fonts parse");
    &all[face.index()]
}

// ---------------------------------------------------------------------------------------------
// Subsetting

fn be16(b: &[u8], at: usize) -> Result<u16, ReportError> {
    b.get(at..at + 2)
        .map(|s| u16::from_be_bytes([s[0], s[1]]))
        .ok_or_else(|| ReportError::Font("truncated font table".into()))
}

fn be32(b: &[u8], at: usize) -> Result<u32, ReportError> {
    b.get(at..at + 4)
        .map(|s| u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
        .ok_or_else(|| ReportError::Font("truncated font table".into()))
}

fn checksum(data: &[u8]) -> u32 {
    let mut sum = 0u32;
    for chunk in data.chunks(4) {
        let mut w = [0u8; 4];
        w[..chunk.len()].copy_from_slice(chunk);
        sum = sum.wrapping_add(u32::from_be_bytes(w));
    }
    sum
}

/// The tables of a TrueType file by tag.
/// A table tag and its bytes.
type Table<'a> = ([u8; 4], &'a [u8]);

fn tables(font: &[u8]) -> Result<Vec<Table<'_>>, ReportError> {
    let n = usize::from(be16(font, 4)?);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = font
            .get(rec..rec + 4)
            .and_then(|t| t.try_into().ok())
            .ok_or_else(|| ReportError::Font("truncated table directory".into()))?;
        let off = be32(font, rec + 8)? as usize;
        let len = be32(font, rec + 12)? as usize;
        let data = font
            .get(off..off + len)
            .ok_or_else(|| ReportError::Font("table outside the font file".into()))?;
        out.push((tag, data));
    }
    Ok(out)
}

/// A TrueType font reduced to the glyphs in `used` (plus the components of composite glyphs
/// and `.notdef`). Glyph ids stay the same, so the PDF can keep an identity CID-to-GID map;
/// unused glyphs become empty and the glyph count is cut after the highest used glyph.
pub(crate) fn subset_truetype(font: &[u8], used: &[u16]) -> Result<Vec<u8>, ReportError> {
    let tabs = tables(font)?;
    let get = |tag: &[u8; 4]| {
        tabs.iter()
            .find(|(t, _)| t == tag)
            .map(|(_, d)| *d)
            .ok_or_else(|| {
                ReportError::Font(format!(
                    "font has no {} table",
                    String::from_utf8_lossy(tag)
                ))
            })
    };
    let head = get(b"head")?;
    let maxp = get(b"maxp")?;
    let hhea = get(b"hhea")?;
    let hmtx = get(b"hmtx")?;
    let loca = get(b"loca")?;
    let glyf = get(b"glyf")?;
    let long_loca = be16(head, 50)? == 1;
    let num_glyphs = usize::from(be16(maxp, 4)?);
    let num_hmetrics = usize::from(be16(hhea, 34)?);

    let glyph_range = |gid: usize| -> Result<(usize, usize), ReportError> {
        if long_loca {
            Ok((
                be32(loca, gid * 4)? as usize,
                be32(loca, gid * 4 + 4)? as usize,
            ))
        } else {
            Ok((
                usize::from(be16(loca, gid * 2)?) * 2,
                usize::from(be16(loca, gid * 2 + 2)?) * 2,
            ))
        }
    };

    // Closure over composite glyph components.
    let mut keep = vec![false; num_glyphs];
    let mut stack: Vec<usize> = used.iter().map(|&g| usize::from(g)).collect();
    stack.push(0);
    while let Some(gid) = stack.pop() {
        if gid >= num_glyphs || keep[gid] {
            continue;
        }
        keep[gid] = true;
        let (s, e) = glyph_range(gid)?;
        if e <= s + 10 {
            continue;
        }
        let g = glyf
            .get(s..e)
            .ok_or_else(|| ReportError::Font("glyph outside glyf table".into()))?;
        if (be16(g, 0)? as i16) >= 0 {
            continue;
        }
        let mut at = 10;
        loop {
            let flags = be16(g, at)?;
            stack.push(usize::from(be16(g, at + 2)?));
            at += 4;
            at += if flags & 0x0001 != 0 { 4 } else { 2 };
            if flags & 0x0008 != 0 {
                at += 2;
            } else if flags & 0x0040 != 0 {
                at += 4;
            } else if flags & 0x0080 != 0 {
                at += 8;
            }
            if flags & 0x0020 == 0 {
                break;
            }
        }
    }
    let new_count = keep.iter().rposition(|&k| k).map_or(1, |p| p + 1);

    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity((new_count + 1) * 4);
    for (gid, &kept) in keep.iter().enumerate().take(new_count) {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        if kept {
            let (s, e) = glyph_range(gid)?;
            if e > s {
                new_glyf.extend_from_slice(
                    glyf.get(s..e)
                        .ok_or_else(|| ReportError::Font("glyph outside glyf table".into()))?,
                );
                while new_glyf.len() % 4 != 0 {
                    new_glyf.push(0);
                }
            }
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());

    // hmtx: full metrics for the first min(numberOfHMetrics, new_count) glyphs, then lsbs.
    let new_hmetrics = num_hmetrics.min(new_count);
    let mut new_hmtx = hmtx
        .get(..new_hmetrics * 4)
        .ok_or_else(|| ReportError::Font("short hmtx table".into()))?
        .to_vec();
    for gid in new_hmetrics..new_count {
        let at = num_hmetrics * 4 + (gid - num_hmetrics) * 2;
        new_hmtx.extend_from_slice(hmtx.get(at..at + 2).unwrap_or(&[0, 0]));
    }

    let mut new_head = head.to_vec();
    new_head[8..12].copy_from_slice(&[0; 4]);
    new_head[50..52].copy_from_slice(&1u16.to_be_bytes());
    let mut new_hhea = hhea.to_vec();
    new_hhea[34..36].copy_from_slice(&(new_hmetrics as u16).to_be_bytes());
    let mut new_maxp = maxp.to_vec();
    new_maxp[4..6].copy_from_slice(&(new_count as u16).to_be_bytes());
    // post format 3: no glyph names.
    let mut new_post = get(b"post")?.get(..32).unwrap_or(&[0; 32]).to_vec();
    new_post[..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());

    let mut out_tables: Vec<([u8; 4], Vec<u8>)> = vec![
        (*b"head", new_head),
        (*b"hhea", new_hhea),
        (*b"maxp", new_maxp),
        (*b"hmtx", new_hmtx),
        (*b"loca", new_loca),
        (*b"glyf", new_glyf),
        (*b"post", new_post),
    ];
    for tag in [b"cvt ", b"fpgm", b"prep", b"OS/2"] {
        if let Ok(d) = get(tag) {
            out_tables.push((*tag, d.to_vec()));
        }
    }
    out_tables.sort_by_key(|t| t.0);

    let n = out_tables.len();
    let mut entry_selector = 0u16;
    while (1usize << (entry_selector + 1)) <= n {
        entry_selector += 1;
    }
    let search_range = (1u16 << entry_selector) * 16;
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&(n as u16).to_be_bytes());
    out.extend_from_slice(&search_range.to_be_bytes());
    out.extend_from_slice(&entry_selector.to_be_bytes());
    out.extend_from_slice(&((n as u16) * 16 - search_range).to_be_bytes());
    let mut offset = 12 + 16 * n;
    let mut head_at = 0;
    for (tag, data) in &out_tables {
        if tag == b"head" {
            head_at = offset;
        }
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in &out_tables {
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
    out[head_at + 8..head_at + 12].copy_from_slice(&adjust.to_be_bytes());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norwegian_letters_have_glyphs_and_widths() {
        let f = font(FontFace::Regular);
        for c in "æøåÆØÅ«»–•◦".chars() {
            assert_ne!(f.glyph(c), 0, "{c}");
            assert!(f.advance(c) > 0, "{c}");
        }
        assert!(font(FontFace::Bold).advance('m') > f.advance('i'));
    }

    #[test]
    fn subset_is_a_parseable_font_with_the_same_glyphs() {
        let f = font(FontFace::Regular);
        let used: Vec<u16> = "Møtebok æøå".chars().map(|c| f.glyph(c)).collect();
        let sub = subset_truetype(f.bytes, &used).unwrap();
        assert!(sub.len() < f.bytes.len() / 5, "{} bytes", sub.len());
        let face = Face::parse(&sub, 0).unwrap();
        for &g in &used {
            assert_eq!(
                face.glyph_hor_advance(GlyphId(g)),
                f.face.glyph_hor_advance(GlyphId(g))
            );
            assert_eq!(
                face.glyph_bounding_box(GlyphId(g)),
                f.face.glyph_bounding_box(GlyphId(g))
            );
        }
    }
}
