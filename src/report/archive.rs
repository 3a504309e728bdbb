//! The archive copy: a PDF finished as PDF/A-2b (ISO 19005-2, level B), which Noark 5
//! archives accept for long-term preservation.
//!
//! [`to_pdfa`] adds what PDF/A asks of a file Møtebok wrote: XMP metadata mirroring the
//! document information dictionary with the PDF/A identification, an sRGB output intent,
//! a document ID, print flags on annotations. It refuses files it cannot make conforming:
//! encrypted files, transparency, fonts that are not embedded.

use std::fmt::Write as _;

use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat, dictionary};
use sha2::{Digest, Sha256};

use super::ReportError;
use super::icc::{SRGB_DESCRIPTION, srgb_profile};

/// Finishes `pdf_bytes` as PDF/A-2b.
pub fn to_pdfa(pdf_bytes: &[u8]) -> Result<Vec<u8>, ReportError> {
    let mut doc = lopdf::Document::load_mem(pdf_bytes)?;
    if doc.was_encrypted() || doc.is_encrypted() {
        return Err(ReportError::NotArchivable("the PDF is encrypted".into()));
    }
    check_objects(&doc)?;

    let info = info_fields(&doc);
    let xmp = xmp_packet(&info);
    let metadata_id = doc.add_object(Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        xmp.into_bytes(),
    ));
    let mut icc = Stream::new(dictionary! { "N" => 3 }, srgb_profile());
    icc.compress()?;
    let icc_id = doc.add_object(icc);
    let intent = dictionary! {
        "Type" => "OutputIntent",
        "S" => "GTS_PDFA1",
        "OutputConditionIdentifier" => Object::string_literal(SRGB_DESCRIPTION),
        "Info" => Object::string_literal(SRGB_DESCRIPTION),
        "RegistryName" => Object::string_literal("http://www.color.org"),
        "DestOutputProfile" => icc_id,
    };
    let catalog = doc.catalog_mut()?;
    catalog.set("Metadata", metadata_id);
    catalog.set("OutputIntents", vec![Object::Dictionary(intent)]);

    // Annotations must print and must not be hidden.
    let annot_ids: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, o)| {
            dict_of(o).is_some_and(|d| d.has_type(b"Annot") || d.has(b"Subtype") && d.has(b"Rect"))
        })
        .map(|(id, _)| *id)
        .collect();
    for id in annot_ids {
        if let Ok(Object::Dictionary(d)) = doc.get_object_mut(id) {
            d.set("F", 4);
        }
    }

    if doc.trailer.get(b"ID").is_err() {
        let id = Sha256::digest(pdf_bytes)[..16].to_vec();
        doc.trailer.set(
            "ID",
            vec![
                Object::String(id.clone(), StringFormat::Hexadecimal),
                Object::String(id, StringFormat::Hexadecimal),
            ],
        );
    }
    doc.version = "1.7".into();
    let mut out = Vec::with_capacity(pdf_bytes.len() + 16 * 1024);
    doc.save_to(&mut out)
        .map_err(|e| ReportError::Pdf(e.to_string()))?;
    Ok(out)
}

fn dict_of(o: &Object) -> Option<&Dictionary> {
    match o {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

fn resolve<'a>(doc: &'a lopdf::Document, o: &'a Object) -> Option<&'a Object> {
    match o {
        Object::Reference(id) => doc.get_object(*id).ok(),
        other => Some(other),
    }
}

fn resolve_dict<'a>(doc: &'a lopdf::Document, o: &'a Object) -> Option<&'a Dictionary> {
    resolve(doc, o).and_then(dict_of)
}

/// Refuses transparency and fonts without an embedded program.
fn check_objects(doc: &lopdf::Document) -> Result<(), ReportError> {
    let refuse = |m: String| Err(ReportError::NotArchivable(m));
    for (id, obj) in &doc.objects {
        let Some(d) = dict_of(obj) else { continue };
        for key in [b"CA".as_slice(), b"ca".as_slice()] {
            if let Ok(v) = d.get(key).and_then(Object::as_float)
                && v < 1.0
            {
                return refuse(format!(
                    "object {} uses transparency ({})",
                    id.0,
                    String::from_utf8_lossy(key)
                ));
            }
        }
        if let Ok(s) = d.get(b"SMask").and_then(Object::as_name) {
            if s != b"None" {
                return refuse(format!("object {} has a soft mask", id.0));
            }
        } else if d.has(b"SMask") {
            return refuse(format!("object {} has a soft mask", id.0));
        }
        if d.get(b"S")
            .and_then(Object::as_name)
            .is_ok_and(|s| s == b"Transparency")
        {
            return refuse(format!("object {} is a transparency group", id.0));
        }
        if d.has_type(b"Font") {
            let subtype = d.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"");
            if subtype == b"Type0" || subtype == b"Type3" {
                continue; // Type0: its descendant is checked; Type3: glyphs are content.
            }
            let embedded = d
                .get(b"FontDescriptor")
                .ok()
                .and_then(|fd| resolve_dict(doc, fd))
                .is_some_and(|fd| {
                    fd.has(b"FontFile") || fd.has(b"FontFile2") || fd.has(b"FontFile3")
                });
            if !embedded {
                let name = d
                    .get(b"BaseFont")
                    .and_then(Object::as_name)
                    .map(|n| String::from_utf8_lossy(n).into_owned())
                    .unwrap_or_default();
                return refuse(format!("font {name} is not embedded"));
            }
        }
    }
    Ok(())
}

/// The document information entries that XMP mirrors.
#[derive(Default)]
struct Info {
    title: Option<String>,
    author: Option<String>,
    subject: Option<String>,
    keywords: Option<String>,
    creator: Option<String>,
    producer: Option<String>,
    created: Option<String>,
    modified: Option<String>,
}

fn info_fields(doc: &lopdf::Document) -> Info {
    let Some(info) = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| resolve_dict(doc, o))
    else {
        return Info::default();
    };
    let text = |key: &[u8]| {
        info.get(key)
            .ok()
            .and_then(|o| resolve(doc, o))
            .and_then(|o| o.as_str().ok())
            .map(decode_text_string)
    };
    Info {
        title: text(b"Title"),
        author: text(b"Author"),
        subject: text(b"Subject"),
        keywords: text(b"Keywords"),
        creator: text(b"Creator"),
        producer: text(b"Producer"),
        created: text(b"CreationDate").and_then(|d| xmp_date(&d)),
        modified: text(b"ModDate").and_then(|d| xmp_date(&d)),
    }
}

/// Decodes a PDF text string: UTF-16BE with a byte order mark, UTF-8 with one, or
/// `PDFDocEncoding` (read as Latin-1, which agrees for the characters Møtebok writes).
fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        bytes.iter().map(|&b| char::from(b)).collect()
    }
}

/// `D:YYYYMMDDHHmmSS[Z|+HH'mm']` as an XMP date `YYYY-MM-DDTHH:mm:SS[Z|+HH:mm]`.
fn xmp_date(pdf: &str) -> Option<String> {
    let d = pdf.strip_prefix("D:").unwrap_or(pdf);
    let digits: String = d.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 4 {
        return None;
    }
    let part = |a: usize, b: usize, default: &str| digits.get(a..b).unwrap_or(default).to_owned();
    let mut out = format!(
        "{}-{}-{}T{}:{}:{}",
        part(0, 4, "0000"),
        part(4, 6, "01"),
        part(6, 8, "01"),
        part(8, 10, "00"),
        part(10, 12, "00"),
        part(12, 14, "00")
    );
    let tz = &d[digits.len()..];
    if tz.starts_with('Z') {
        out.push('Z');
    } else if let Some(sign) = tz.chars().next().filter(|c| *c == '+' || *c == '-') {
        let nums: String = tz.chars().filter(char::is_ascii_digit).collect();
        if nums.len() >= 2 {
            let _ = write!(
                out,
                "{sign}{}:{}",
                &nums[..2],
                nums.get(2..4).unwrap_or("00")
            );
        }
    }
    Some(out)
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The XMP packet: PDF/A identification plus the document information, mirrored.
fn xmp_packet(info: &Info) -> String {
    let mut s = String::from(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\"\n \
         xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n \
         xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n \
         xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n\
         <pdfaid:part>2</pdfaid:part>\n\
         <pdfaid:conformance>B</pdfaid:conformance>\n\
         <dc:format>application/pdf</dc:format>\n",
    );
    if let Some(t) = &info.title {
        let _ = writeln!(
            s,
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>",
            xml_escape(t)
        );
    }
    if let Some(a) = &info.author {
        let _ = writeln!(
            s,
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>",
            xml_escape(a)
        );
    }
    if let Some(d) = &info.subject {
        let _ = writeln!(
            s,
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>",
            xml_escape(d)
        );
    }
    let simple = [
        ("pdf:Keywords", &info.keywords),
        ("pdf:Producer", &info.producer),
        ("xmp:CreatorTool", &info.creator),
        ("xmp:CreateDate", &info.created),
        ("xmp:ModifyDate", &info.modified),
        ("xmp:MetadataDate", &info.modified),
    ];
    for (tag, value) in simple {
        if let Some(v) = value {
            let _ = writeln!(s, "<{tag}>{}</{tag}>", xml_escape(v));
        }
    }
    s.push_str("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n");
    // Padding lets tools update the packet in place.
    for _ in 0..20 {
        s.push_str(&" ".repeat(99));
        s.push('\n');
    }
    s.push_str("<?xpacket end=\"w\"?>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_become_xmp_dates() {
        assert_eq!(
            xmp_date("D:20240612143005").as_deref(),
            Some("2024-06-12T14:30:05")
        );
        assert_eq!(
            xmp_date("D:20240612143005+02'00'").as_deref(),
            Some("2024-06-12T14:30:05+02:00")
        );
        assert_eq!(
            xmp_date("D:20240612143005Z").as_deref(),
            Some("2024-06-12T14:30:05Z")
        );
        assert_eq!(xmp_date("garbage"), None);
    }

    #[test]
    fn text_strings_decode_from_utf16_and_latin1() {
        assert_eq!(decode_text_string(&[0xFE, 0xFF, 0, b'M', 0, 0xF8]), "Mø");
        assert_eq!(decode_text_string(b"Plain"), "Plain");
    }

    #[test]
    fn xmp_escapes_markup_in_titles() {
        let x = xmp_packet(&Info {
            title: Some("A <b> & «c»".into()),
            ..Info::default()
        });
        assert!(x.contains("A &lt;b&gt; &amp; «c»"));
        assert!(x.contains("<pdfaid:part>2</pdfaid:part>"));
    }
}
