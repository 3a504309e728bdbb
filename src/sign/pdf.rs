//! PDF signatures: signing by incremental update, and checking every signature of a file.
//!
//! Signing appends to the file and never rewrites it, so signatures already in it stay valid:
//! a signature dictionary (`/Filter /Adobe.PPKLite`, `/SubFilter /ETSI.CAdES.detached`) with a
//! `/Contents` placeholder of fixed size and a `/ByteRange`, an invisible signature widget
//! (field) added to the `AcroForm` and to the last page's `/Annots`, then a cross-reference
//! stream with `/Prev`. The byte ranges (the whole file but the `/Contents` hex string) are
//! hashed with SHA-256, signed as CMS (see `cms.rs`), and the signature is written into the
//! placeholder. lopdf only reads the original's objects; it never writes the file.
//!
//! Checking reads every signature dictionary, takes the signature value from the raw bytes
//! between the two byte ranges (it must be one hex string, in one letter case, with nothing
//! but zeros after the DER), checks the CMS signature and message digest over the ranges, and
//! says whether the last signature covers the whole file.

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};
use lopdf::{Dictionary, Object, ObjectId};
use sha2::{Digest, Sha256};

use super::identity::{Identity, hex};
use super::{SignError, cms};

/// The `/SubFilter` Møtebok writes: `CAdES` detached, as `PAdES` baseline signatures use.
pub const SUB_FILTER: &str = "ETSI.CAdES.detached";

/// What to sign with, and what the signature says.
#[derive(Clone, Copy, Debug)]
pub struct SignRequest<'a> {
    /// Who signs.
    pub identity: &'a Identity,
    /// The claimed signing time (`/M`).
    pub time: DateTime<Utc>,
    /// Why (`/Reason`), e.g. «Godkjent som møteleder».
    pub reason: &'a str,
    /// Where (`/Location`), or empty.
    pub location: &'a str,
    /// Whether this signature certifies the document (`DocMDP`: afterwards only signatures may
    /// be added). Only the first signature of a document certifies it.
    pub certify: bool,
}

/// Someone the document says is to sign it: written into the catalog before the first
/// signature (`/Motebok_Signatories`, see [`state_expected_signatories`]), and so covered by
/// every signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectedSignatory {
    /// The person's name as the minutes name them.
    pub name: String,
    /// The role they sign in («Møteleder», «Referent»).
    pub role: String,
    /// The SHA-256 of the certificate they are to sign with (hex), when known.
    pub certificate_sha256: Option<String>,
}

/// The catalog key that holds the expected signatories.
pub const EXPECTED_KEY: &[u8] = b"Motebok_Signatories";

/// What was changed after one signature, beyond later signatures' own objects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeAfter {
    /// The signature (1-based, in file order).
    pub signature: usize,
    /// What changed: «page content of page 1 changed», «annotation added on page 1 (`FreeText`)».
    pub what: Vec<String>,
}

/// One signature of a PDF, as checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PdfSignature {
    /// The signature field's name (`/T`), e.g. «Signatur 1».
    pub field: String,
    /// The signer: the certificate's common name (the whole subject when it has none). Never
    /// the signature dictionary's `/Name`, which anyone can write.
    pub signer: String,
    /// What the signature dictionary's `/Name` claims, if anything (shown only to point out a
    /// difference from the certificate).
    pub name_in_dictionary: Option<String>,
    /// The certificate's issuer (distinguished name).
    pub issuer: String,
    /// Whether the certificate is self-issued (its issuer is its subject).
    pub self_issued: bool,
    /// The signer's certificate (DER) first, then the other certificates the signature carries.
    pub certificates: Vec<Vec<u8>>,
    /// Whether this signature certifies the document (`DocMDP`), and with which permission
    /// (1 no changes, 2 form filling and signing, 3 also annotations).
    pub certifies: Option<i64>,
    /// The signer's title in the certificate, if any.
    pub role: Option<String>,
    /// `/Reason`, if any.
    pub reason: Option<String>,
    /// The claimed signing time (`/M`, else the CMS signing-time attribute).
    pub time: Option<DateTime<Utc>>,
    /// `/ByteRange`: offset and length of the two signed parts.
    pub byte_range: [usize; 4],
    /// `/SubFilter`.
    pub sub_filter: String,
    /// Whether the signature has the `PAdES` B-B signing-certificate attribute.
    pub signing_certificate_attribute: bool,
    /// The SHA-256 of the signed bytes, hex (what the signature's message digest says).
    pub content_sha256: String,
    /// The SHA-256 of the signer's certificate, hex (empty when it could not be read).
    pub certificate_sha256: String,
    /// Whether the signed ranges run to the end of the file.
    pub covers_whole_file: bool,
    /// Why the signature is not valid; `None` when it is.
    pub problem: Option<String>,
}

impl PdfSignature {
    /// Whether the signature is cryptographically valid for the bytes it covers.
    #[must_use]
    pub fn is_valid(&self) -> bool {
        self.problem.is_none()
    }
}

/// Every signature of a PDF, and what is wrong with the file as a whole.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VerifyReport {
    /// The signatures in the order they were made (by position in the file).
    pub signatures: Vec<PdfSignature>,
    /// What changed after each signature beyond later signatures (none when only signing
    /// happened).
    pub changes: Vec<ChangeAfter>,
    /// Who the document (as its first signature signed it) says is to sign it.
    pub expected: Vec<ExpectedSignatory>,
    /// Expected signatories who have not signed: «Name (role) has not signed: …».
    pub missing: Vec<String>,
    /// Problems with the file as a whole (unreadable, unsigned, changed after signing, a
    /// signatory missing, a signature dictionary naming someone else...).
    pub problems: Vec<String>,
}

impl VerifyReport {
    /// Whether everything holds: at least one signature, every one valid, the last covering
    /// the whole file, nothing but signing after each, every expected signatory signed, and no
    /// other problem. (Whether the signers are who they say is [`super::trust`]'s question.)
    #[must_use]
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
            && self.missing.is_empty()
            && self.changes.is_empty()
            && !self.signatures.is_empty()
            && self.signatures.iter().all(PdfSignature::is_valid)
            && self.signatures.last().is_some_and(|s| s.covers_whole_file)
    }
}

// ---------------------------------------------------------------------------------------------
// Writing PDF syntax.

/// Writes `obj` in PDF syntax. Streams cannot be written (they are never rewritten here).
fn write_object(out: &mut Vec<u8>, obj: &Object) -> Result<(), SignError> {
    match obj {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Object::Real(r) => {
            let r = if r.is_finite() { *r } else { 0.0 };
            out.extend_from_slice(format!("{r}").as_bytes());
        }
        Object::Name(name) => write_name(out, name),
        Object::String(bytes, _) => {
            out.push(b'<');
            out.extend_from_slice(hex(bytes).as_bytes());
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_object(out, item)?;
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => write_dict(out, dict)?,
        Object::Reference((id, generation)) => {
            out.extend_from_slice(format!("{id} {generation} R").as_bytes());
        }
        Object::Stream(_) => {
            return Err(SignError::Pdf(
                "a stream where a dictionary was expected".to_owned(),
            ));
        }
    }
    Ok(())
}

fn write_dict(out: &mut Vec<u8>, dict: &Dictionary) -> Result<(), SignError> {
    out.extend_from_slice(b"<<");
    for (key, value) in dict {
        write_name(out, key);
        out.push(b' ');
        write_object(out, value)?;
    }
    out.extend_from_slice(b">>");
    Ok(())
}

fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        let regular = (0x21..=0x7e).contains(&b) && !b"#()<>[]{}/%".contains(&b);
        if regular {
            out.push(b);
        } else {
            out.extend_from_slice(format!("#{b:02X}").as_bytes());
        }
    }
}

/// A PDF text string: ASCII as is, anything else as UTF-16BE with a byte order mark.
fn text_string(s: &str) -> Object {
    let bytes = if s.is_ascii() {
        s.as_bytes().to_vec()
    } else {
        let mut b = vec![0xfe, 0xff];
        for unit in s.encode_utf16() {
            b.extend_from_slice(&unit.to_be_bytes());
        }
        b
    };
    Object::String(bytes, lopdf::StringFormat::Hexadecimal)
}

/// A PDF text string read back as Rust text.
fn decode_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(rest) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        // PDFDocEncoding agrees with Latin-1 for the letters names use.
        bytes.iter().map(|&b| char::from(b)).collect()
    }
}

/// `D:YYYYMMDDHHmmSSZ`.
fn pdf_date_utc(t: DateTime<Utc>) -> String {
    t.format("D:%Y%m%d%H%M%SZ").to_string()
}

/// Reads a PDF date (`D:YYYYMMDDHHmmSS` with `Z`, `+HH'mm'` or nothing, read as UTC).
fn parse_pdf_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.strip_prefix("D:").unwrap_or(s);
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 8 {
        return None;
    }
    let mut full = digits.clone();
    while full.len() < 14 {
        full.push('0');
    }
    let naive = NaiveDateTime::parse_from_str(&full[..14], "%Y%m%d%H%M%S").ok()?;
    let rest = &s[digits.len()..];
    let offset_secs = match rest.chars().next() {
        Some(sign @ ('+' | '-')) => {
            let nums: Vec<i32> = rest[1..]
                .split(|c: char| !c.is_ascii_digit())
                .filter(|p| !p.is_empty())
                .filter_map(|p| p.parse().ok())
                .collect();
            let secs =
                nums.first().copied().unwrap_or(0) * 3600 + nums.get(1).copied().unwrap_or(0) * 60;
            if sign == '-' { -secs } else { secs }
        }
        _ => 0,
    };
    FixedOffset::east_opt(offset_secs)?
        .from_local_datetime(&naive)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

// ---------------------------------------------------------------------------------------------
// Signing.

/// The offset after `startxref` at the end of the file.
fn last_startxref(pdf: &[u8]) -> Result<usize, SignError> {
    let tail_start = pdf.len().saturating_sub(2048);
    let tail = &pdf[tail_start..];
    let at = tail
        .windows(9)
        .rposition(|w| w == b"startxref")
        .ok_or_else(|| SignError::Pdf("the file has no startxref".to_owned()))?;
    let digits: String = tail[at + 9..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .map(|&b| char::from(b))
        .collect();
    digits
        .parse()
        .map_err(|_| SignError::Pdf("the startxref offset cannot be read".to_owned()))
}

fn dict_of<'a>(doc: &'a lopdf::Document, obj: &'a Object) -> Result<&'a Dictionary, SignError> {
    match obj {
        Object::Dictionary(d) => Ok(d),
        Object::Reference(id) => doc
            .get_dictionary(*id)
            .map_err(|e| SignError::Pdf(e.to_string())),
        _ => Err(SignError::Pdf("a dictionary was expected".to_owned())),
    }
}

fn array_of(doc: &lopdf::Document, obj: Option<&Object>) -> Result<Vec<Object>, SignError> {
    match obj {
        None | Some(Object::Null) => Ok(Vec::new()),
        Some(Object::Array(a)) => Ok(a.clone()),
        Some(Object::Reference(id)) => match doc.get_object(*id) {
            Ok(Object::Array(a)) => Ok(a.clone()),
            _ => Err(SignError::Pdf("an array was expected".to_owned())),
        },
        Some(_) => Err(SignError::Pdf("an array was expected".to_owned())),
    }
}

/// The names (`/T`) of the form fields listed in `fields`.
fn field_names(doc: &lopdf::Document, fields: &[Object]) -> Vec<Vec<u8>> {
    fields
        .iter()
        .filter_map(|f| dict_of(doc, f).ok())
        .filter_map(|d| d.get(b"T").ok().and_then(|t| t.as_str().ok()))
        .map(<[u8]>::to_vec)
        .collect()
}

/// Ends an incremental update: its cross-reference stream (object `xref_id`, listing
/// `offsets` and itself), `startxref` and `%%EOF`. `size` is the number of objects, `prev` the
/// offset of the previous cross-reference section.
fn write_xref_stream(
    out: &mut Vec<u8>,
    mut offsets: Vec<(u32, usize)>,
    xref_id: u32,
    size: u32,
    prev: usize,
    root_id: ObjectId,
    doc: &lopdf::Document,
) -> Result<(), SignError> {
    let xref_at = out.len();
    offsets.push((xref_id, xref_at));
    offsets.sort_unstable();
    let mut index = Vec::new();
    let mut data = Vec::new();
    let mut run: Option<(u32, u32)> = None;
    for &(id, offset) in &offsets {
        let offset = u32::try_from(offset)
            .map_err(|_| SignError::Pdf("the file is too large to sign".to_owned()))?;
        data.push(1_u8);
        data.extend_from_slice(&offset.to_be_bytes());
        data.extend_from_slice(&[0, 0]);
        run = match run {
            Some((start, count)) if start + count == id => Some((start, count + 1)),
            Some((start, count)) => {
                index.push(Object::Integer(i64::from(start)));
                index.push(Object::Integer(i64::from(count)));
                Some((id, 1))
            }
            None => Some((id, 1)),
        };
    }
    if let Some((start, count)) = run {
        index.push(Object::Integer(i64::from(start)));
        index.push(Object::Integer(i64::from(count)));
    }
    let mut xref = Dictionary::new();
    xref.set("Type", Object::Name(b"XRef".to_vec()));
    xref.set("Size", Object::Integer(i64::from(size)));
    xref.set("Index", Object::Array(index));
    xref.set("W", Object::Array(vec![1.into(), 4.into(), 2.into()]));
    xref.set("Prev", Object::Integer(i64::try_from(prev).unwrap_or(0)));
    xref.set("Root", Object::Reference(root_id));
    for key in [b"Info".as_slice(), b"ID".as_slice()] {
        if let Ok(v) = doc.trailer.get(key) {
            xref.set(key.to_vec(), v.clone());
        }
    }
    xref.set(
        "Length",
        Object::Integer(i64::try_from(data.len()).unwrap_or(0)),
    );
    out.extend_from_slice(format!("{xref_id} 0 obj\n").as_bytes());
    write_dict(out, &xref)?;
    out.extend_from_slice(b"\nstream\n");
    out.extend_from_slice(&data);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    out.extend_from_slice(format!("startxref\n{xref_at}\n%%EOF\n").as_bytes());
    Ok(())
}

/// The objects of a document's catalog and size, as an update needs them.
fn catalog_of(doc: &lopdf::Document) -> Result<(ObjectId, Dictionary, u32), SignError> {
    let root_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| SignError::Pdf("the PDF has no catalog".to_owned()))?;
    let catalog = doc
        .get_dictionary(root_id)
        .map_err(|e| SignError::Pdf(e.to_string()))?
        .clone();
    let size = doc
        .trailer
        .get(b"Size")
        .and_then(Object::as_i64)
        .ok()
        .and_then(|s| u32::try_from(s).ok())
        .unwrap_or(0)
        .max(doc.max_id + 1);
    Ok((root_id, catalog, size))
}

/// The document states who is to sign it: an unsigned incremental update writing `expected`
/// into the catalog (`/Motebok_Signatories`), made before the first signature, which then
/// covers it. Nothing else changes.
pub fn state_expected_signatories(
    pdf: &[u8],
    expected: &[ExpectedSignatory],
) -> Result<Vec<u8>, SignError> {
    let doc = lopdf::Document::load_mem(pdf)
        .map_err(|e| SignError::Pdf(format!("the PDF cannot be read: {e}")))?;
    let prev = last_startxref(pdf)?;
    let (root_id, mut catalog, size) = catalog_of(&doc)?;
    if root_id.1 != 0 {
        return Err(SignError::Pdf(
            "objects with a generation number are not supported".to_owned(),
        ));
    }
    let list = expected
        .iter()
        .map(|e| {
            let mut d = Dictionary::new();
            d.set("Name", text_string(&e.name));
            d.set("Role", text_string(&e.role));
            if let Some(fp) = &e.certificate_sha256 {
                d.set(
                    "CertSHA256",
                    Object::string_literal(fp.to_ascii_lowercase()),
                );
            }
            Object::Dictionary(d)
        })
        .collect();
    catalog.set(EXPECTED_KEY.to_vec(), Object::Array(list));
    let mut out = pdf.to_vec();
    if out.last() != Some(&b'\n') {
        out.push(b'\n');
    }
    let offsets = vec![(root_id.0, out.len())];
    out.extend_from_slice(format!("{} 0 obj\n", root_id.0).as_bytes());
    write_dict(&mut out, &catalog)?;
    out.extend_from_slice(b"\nendobj\n");
    write_xref_stream(&mut out, offsets, size, size + 1, prev, root_id, &doc)?;
    Ok(out)
}

/// Signs `pdf` by appending an incremental update, and returns the signed file with what its
/// new signature says.
pub fn sign_pdf(pdf: &[u8], req: &SignRequest<'_>) -> Result<(Vec<u8>, PdfSignature), SignError> {
    let doc = lopdf::Document::load_mem(pdf)
        .map_err(|e| SignError::Pdf(format!("the PDF cannot be read: {e}")))?;
    if doc.trailer.get(b"Encrypt").is_ok() {
        return Err(SignError::Pdf(
            "an encrypted PDF cannot be signed".to_owned(),
        ));
    }
    let prev = last_startxref(pdf)?;
    let root_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| SignError::Pdf("the PDF has no catalog".to_owned()))?;
    let catalog = doc
        .get_dictionary(root_id)
        .map_err(|e| SignError::Pdf(e.to_string()))?;
    let (&_, &page_id) = doc
        .get_pages()
        .iter()
        .next_back()
        .ok_or_else(|| SignError::Pdf("the PDF has no pages".to_owned()))?;
    let size = doc
        .trailer
        .get(b"Size")
        .and_then(Object::as_i64)
        .ok()
        .and_then(|s| u32::try_from(s).ok())
        .unwrap_or(0)
        .max(doc.max_id + 1);
    let mut next = size;
    let mut new_id = || {
        let id = (next, 0);
        next += 1;
        id
    };
    let sig_id = new_id();
    let widget_id = new_id();

    // The AcroForm: an indirect one is rewritten in place; otherwise a new one is made and the
    // catalog points to it.
    let (acroform_id, mut acroform, new_catalog) = match catalog.get(b"AcroForm") {
        Ok(Object::Reference(id)) => (
            *id,
            doc.get_dictionary(*id)
                .map_err(|e| SignError::Pdf(e.to_string()))?
                .clone(),
            None,
        ),
        Ok(Object::Dictionary(d)) => {
            let id = new_id();
            let mut c = catalog.clone();
            c.set("AcroForm", Object::Reference(id));
            (id, d.clone(), Some(c))
        }
        _ => {
            let id = new_id();
            let mut c = catalog.clone();
            c.set("AcroForm", Object::Reference(id));
            (id, Dictionary::new(), Some(c))
        }
    };
    // The first signature certifies: the catalog says so.
    let mut new_catalog = new_catalog;
    if req.certify {
        let c = new_catalog.get_or_insert_with(|| catalog.clone());
        let mut perms = Dictionary::new();
        perms.set("DocMDP", Object::Reference(sig_id));
        c.set("Perms", Object::Dictionary(perms));
    }
    let mut fields = array_of(&doc, acroform.get(b"Fields").ok())?;
    let taken = field_names(&doc, &fields);
    let mut n = fields.len() + 1;
    let field_name = loop {
        let candidate = format!("Signatur {n}");
        if !taken.iter().any(|t| t == candidate.as_bytes()) {
            break candidate;
        }
        n += 1;
    };
    fields.push(Object::Reference(widget_id));
    acroform.set("Fields", Object::Array(fields));
    acroform.set("SigFlags", Object::Integer(3));

    let mut page = doc
        .get_dictionary(page_id)
        .map_err(|e| SignError::Pdf(e.to_string()))?
        .clone();
    let mut annots = array_of(&doc, page.get(b"Annots").ok())?;
    annots.push(Object::Reference(widget_id));
    page.set("Annots", Object::Array(annots));

    let identity = req.identity;
    let mut widget = Dictionary::new();
    widget.set("Type", Object::Name(b"Annot".to_vec()));
    widget.set("Subtype", Object::Name(b"Widget".to_vec()));
    widget.set("FT", Object::Name(b"Sig".to_vec()));
    widget.set("T", text_string(&field_name));
    widget.set("V", Object::Reference(sig_id));
    widget.set("F", Object::Integer(132));
    widget.set(
        "Rect",
        Object::Array(vec![0.into(), 0.into(), 0.into(), 0.into()]),
    );
    widget.set("P", Object::Reference(page_id));

    // The signature value's size does not depend on the digest: measure it once.
    let probe = cms::sign_detached(identity.key(), identity.chain(), &[0_u8; 32])
        .map_err(SignError::Crypto)?;
    let reserved = (probe.len() + 64).div_ceil(16) * 16;

    let mut out = pdf.to_vec();
    if out.last() != Some(&b'\n') {
        out.push(b'\n');
    }
    let mut offsets: Vec<(u32, usize)> = Vec::new();

    // The signature dictionary, written by hand so the placeholders sit at known offsets.
    offsets.push((sig_id.0, out.len()));
    out.extend_from_slice(format!("{} 0 obj\n", sig_id.0).as_bytes());
    out.extend_from_slice(b"<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /");
    out.extend_from_slice(SUB_FILTER.as_bytes());
    out.extend_from_slice(b" /ByteRange [");
    let range_at = out.len();
    let range_width = 4 * 11;
    out.extend_from_slice(&vec![b' '; range_width]);
    out.extend_from_slice(b"] /Contents ");
    let contents_at = out.len();
    out.push(b'<');
    out.extend_from_slice(&vec![b'0'; reserved * 2]);
    out.push(b'>');
    let contents_end = out.len();
    out.extend_from_slice(b" /M ");
    write_object(&mut out, &Object::string_literal(pdf_date_utc(req.time)))?;
    out.extend_from_slice(b" /Name ");
    write_object(&mut out, &text_string(identity.name()))?;
    if !req.reason.is_empty() {
        out.extend_from_slice(b" /Reason ");
        write_object(&mut out, &text_string(req.reason))?;
    }
    if !req.location.is_empty() {
        out.extend_from_slice(b" /Location ");
        write_object(&mut out, &text_string(req.location))?;
    }
    if req.certify {
        out.extend_from_slice(
            b" /Reference [<</Type /SigRef /TransformMethod /DocMDP /TransformParams \
              <</Type /TransformParams /P 2 /V /1.2>>>>]",
        );
    }
    out.extend_from_slice(b" /Prop_Build <</App <</Name /Motebok>>>>>>\nendobj\n");

    let mut objects: Vec<(ObjectId, Dictionary)> = vec![
        (widget_id, widget),
        (page_id, page),
        (acroform_id, acroform),
    ];
    if let Some(c) = new_catalog {
        objects.push((root_id, c));
    }
    for (id, dict) in &objects {
        offsets.push((id.0, out.len()));
        out.extend_from_slice(format!("{} {} obj\n", id.0, id.1).as_bytes());
        write_dict(&mut out, dict)?;
        out.extend_from_slice(b"\nendobj\n");
    }
    for (id, _) in &objects {
        if id.1 != 0 {
            return Err(SignError::Pdf(
                "objects with a generation number are not supported".to_owned(),
            ));
        }
    }

    // The cross-reference stream of this update.
    let xref_id = new_id();
    write_xref_stream(&mut out, offsets, xref_id.0, next, prev, root_id, &doc)?;

    // Byte ranges, digest, signature.
    let range = [0, contents_at, contents_end, out.len() - contents_end];
    let text = format!("{} {} {} {}", range[0], range[1], range[2], range[3]);
    if text.len() > range_width {
        return Err(SignError::Pdf("the file is too large to sign".to_owned()));
    }
    out[range_at..range_at + text.len()].copy_from_slice(text.as_bytes());
    let mut hasher = Sha256::new();
    hasher.update(&out[..contents_at]);
    hasher.update(&out[contents_end..]);
    let digest = hasher.finalize();
    let der =
        cms::sign_detached(identity.key(), identity.chain(), &digest).map_err(SignError::Crypto)?;
    if der.len() > reserved {
        return Err(SignError::Crypto(format!(
            "the signature ({} bytes) does not fit its placeholder ({reserved} bytes)",
            der.len()
        )));
    }
    let hex_sig = hex(&der).to_ascii_uppercase();
    out[contents_at + 1..contents_at + 1 + hex_sig.len()].copy_from_slice(hex_sig.as_bytes());

    let signature = PdfSignature {
        field: field_name,
        signer: identity.name().to_owned(),
        name_in_dictionary: Some(identity.name().to_owned()),
        issuer: identity.issuer(),
        self_issued: identity.is_self_issued(),
        certificates: identity
            .chain()
            .iter()
            .map(|c| der::Encode::to_der(c).unwrap_or_default())
            .collect(),
        certifies: req.certify.then_some(2),
        role: (!identity.role().is_empty()).then(|| identity.role().to_owned()),
        reason: (!req.reason.is_empty()).then(|| req.reason.to_owned()),
        time: Some(req.time),
        byte_range: range,
        sub_filter: SUB_FILTER.to_owned(),
        signing_certificate_attribute: true,
        content_sha256: hex(&digest),
        certificate_sha256: identity.fingerprint(),
        covers_whole_file: true,
        problem: None,
    };
    Ok((out, signature))
}

// ---------------------------------------------------------------------------------------------
// Checking.

/// The length of the DER element at the start of `bytes` (tag, length and value).
fn der_element_len(bytes: &[u8]) -> Option<usize> {
    let first = *bytes.get(1)?;
    if first < 0x80 {
        return Some(2 + usize::from(first));
    }
    let n = usize::from(first & 0x7f);
    if n == 0 || n > 4 {
        return None;
    }
    let mut len = 0_usize;
    for &b in bytes.get(2..2 + n)? {
        len = (len << 8) | usize::from(b);
    }
    Some(2 + n + len)
}

/// The DER signature from the raw bytes between the two ranges: `<HEX>` in one letter case,
/// with nothing but zero bytes after the DER element.
fn signature_value(gap: &[u8]) -> Result<Vec<u8>, String> {
    let altered = || "the signature value in the file was altered".to_owned();
    let inner = gap
        .strip_prefix(b"<")
        .and_then(|g| g.strip_suffix(b">"))
        .ok_or_else(altered)?;
    if inner.len() % 2 != 0 || !inner.iter().all(u8::is_ascii_hexdigit) {
        return Err(altered());
    }
    let upper = inner.iter().any(u8::is_ascii_uppercase);
    let lower = inner.iter().any(u8::is_ascii_lowercase);
    if upper && lower {
        return Err(altered());
    }
    let nibble = |c: u8| match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        _ => c - b'A' + 10,
    };
    let bytes: Vec<u8> = inner
        .chunks_exact(2)
        .map(|p| (nibble(p[0]) << 4) | nibble(p[1]))
        .collect();
    let len = der_element_len(&bytes)
        .filter(|&l| l <= bytes.len())
        .ok_or_else(altered)?;
    if bytes[len..].iter().any(|&b| b != 0) {
        return Err(altered());
    }
    Ok(bytes[..len].to_vec())
}

fn byte_range(dict: &Dictionary, len: usize) -> Result<[usize; 4], String> {
    let bad = || "the signature's byte range is not valid".to_owned();
    let items = dict
        .get(b"ByteRange")
        .and_then(Object::as_array)
        .map_err(|_| bad())?;
    if items.len() != 4 {
        return Err(bad());
    }
    let mut r = [0_usize; 4];
    for (slot, item) in r.iter_mut().zip(items) {
        *slot = item
            .as_i64()
            .ok()
            .and_then(|v| usize::try_from(v).ok())
            .ok_or_else(bad)?;
    }
    let ok = r[0] == 0 && r[1] < r[2] && r[2].checked_add(r[3]).is_some_and(|end| end <= len);
    if ok { Ok(r) } else { Err(bad()) }
}

fn string_entry(dict: &Dictionary, key: &[u8]) -> Option<String> {
    dict.get(key)
        .ok()
        .and_then(|o| o.as_str().ok())
        .map(decode_text)
        .filter(|s| !s.trim().is_empty())
}

/// Checks one signature dictionary of `pdf`.
fn check_signature(pdf: &[u8], dict: &Dictionary, field: String) -> PdfSignature {
    let certifies = dict
        .get(b"Reference")
        .and_then(Object::as_array)
        .ok()
        .and_then(|refs| {
            refs.iter().find_map(|r| {
                let d = r.as_dict().ok()?;
                (d.get(b"TransformMethod").and_then(Object::as_name).ok()? == b"DocMDP").then(
                    || {
                        d.get(b"TransformParams")
                            .and_then(Object::as_dict)
                            .and_then(|p| p.get(b"P"))
                            .and_then(Object::as_i64)
                            .unwrap_or(2)
                    },
                )
            })
        });
    let mut sig = PdfSignature {
        field,
        signer: String::new(),
        name_in_dictionary: string_entry(dict, b"Name"),
        issuer: String::new(),
        self_issued: false,
        certificates: Vec::new(),
        certifies,
        role: None,
        reason: string_entry(dict, b"Reason"),
        time: string_entry(dict, b"M").and_then(|m| parse_pdf_date(&m)),
        byte_range: [0; 4],
        sub_filter: dict
            .get(b"SubFilter")
            .and_then(Object::as_name)
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default(),
        signing_certificate_attribute: false,
        content_sha256: String::new(),
        certificate_sha256: String::new(),
        covers_whole_file: false,
        problem: None,
    };
    let range = match byte_range(dict, pdf.len()) {
        Ok(r) => r,
        Err(e) => {
            sig.problem = Some(e);
            return sig;
        }
    };
    sig.byte_range = range;
    sig.covers_whole_file = range[2] + range[3] == pdf.len();
    if sig.sub_filter != SUB_FILTER && sig.sub_filter != "adbe.pkcs7.detached" {
        sig.problem = Some(format!(
            "unsupported signature kind «{}» (ETSI.CAdES.detached and adbe.pkcs7.detached are \
             supported)",
            sig.sub_filter
        ));
        return sig;
    }
    let der = match signature_value(&pdf[range[1]..range[2]]) {
        Ok(d) => d,
        Err(e) => {
            sig.problem = Some(e);
            return sig;
        }
    };
    let content = [
        &pdf[range[0]..range[0] + range[1]],
        &pdf[range[2]..range[2] + range[3]],
    ];
    sig.content_sha256 = hex(&Sha256::digest(content.concat()));
    match cms::verify_detached(&der, &content) {
        Ok(signer) => {
            use der::Encode as _;
            let tbs = signer.certificate.tbs_certificate();
            let cn = tbs
                .subject()
                .common_name()
                .ok()
                .flatten()
                .map(|s| s.value().into_owned());
            sig.signer = cn
                .filter(|c| !c.trim().is_empty())
                .unwrap_or_else(|| tbs.subject().to_string());
            sig.issuer = tbs.issuer().to_string();
            sig.self_issued = tbs.issuer() == tbs.subject();
            sig.certificates = std::iter::once(&signer.certificate)
                .chain(&signer.others)
                .filter_map(|c| c.to_der().ok())
                .collect();
            sig.role = tbs
                .subject()
                .by_oid::<x509_cert::ext::pkix::name::DirectoryString>(
                    der::asn1::ObjectIdentifier::new_unwrap("2.5.4.12"),
                )
                .ok()
                .flatten()
                .map(|s| s.value().into_owned());
            sig.certificate_sha256 = signer
                .certificate
                .to_der()
                .map(|d| hex(&Sha256::digest(d)))
                .unwrap_or_default();
            sig.signing_certificate_attribute = signer.signing_certificate_attribute;
            if sig.time.is_none() {
                sig.time = signer
                    .signing_time
                    .and_then(|s| i64::try_from(s).ok())
                    .and_then(|s| DateTime::from_timestamp(s, 0));
            }
            if let Some(time) = sig.time {
                let validity = tbs.validity();
                let secs = |t: x509_cert::time::Time| {
                    i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
                };
                if time.timestamp() > secs(validity.not_after) {
                    sig.problem = Some(format!(
                        "the signer's certificate had expired when it signed (valid to {})",
                        validity.not_after
                    ));
                } else if time.timestamp() < secs(validity.not_before) {
                    sig.problem = Some(format!(
                        "the signer's certificate was not yet valid when it signed (valid from {})",
                        validity.not_before
                    ));
                }
            }
            if sig.sub_filter == SUB_FILTER && !sig.signing_certificate_attribute {
                sig.problem =
                    Some("a CAdES signature without the signing-certificate attribute".to_owned());
            }
        }
        Err(e) => sig.problem = Some(e),
    }
    sig
}

/// Checks every signature of `pdf`. Never fails: what is wrong is in the report.
#[must_use]
pub fn verify_pdf(pdf: &[u8]) -> VerifyReport {
    let mut report = VerifyReport::default();
    let doc = match lopdf::Document::load_mem(pdf) {
        Ok(d) => d,
        Err(e) => {
            report
                .problems
                .push(format!("the file cannot be read as PDF: {e}"));
            return report;
        }
    };
    // Field names by signature dictionary.
    let mut names: std::collections::HashMap<ObjectId, String> = std::collections::HashMap::new();
    for obj in doc.objects.values() {
        if let Object::Dictionary(d) = obj
            && let Ok(Object::Reference(v)) = d.get(b"V")
            && let Some(t) = string_entry(d, b"T")
        {
            names.insert(*v, t);
        }
    }
    let mut found: Vec<PdfSignature> = Vec::new();
    for (id, obj) in &doc.objects {
        let Object::Dictionary(d) = obj else { continue };
        if d.get(b"ByteRange").is_err() || d.get(b"Contents").is_err() {
            continue;
        }
        let field = names.get(id).cloned().unwrap_or_default();
        found.push(check_signature(pdf, d, field));
    }
    found.sort_by_key(|s| (s.byte_range[2], s.byte_range[1]));
    let raw = pdf.windows(10).filter(|w| w == b"/ByteRange").count();
    if raw != found.len() {
        report.problems.push(format!(
            "the file holds {raw} signature ranges but {} readable signatures: it was damaged \
             or changed",
            found.len()
        ));
    }
    if found.is_empty() {
        report.problems.push("the file is not signed".to_owned());
    } else if found
        .last()
        .is_some_and(|s| s.is_valid() && !s.covers_whole_file)
    {
        report.problems.push(
            "the file was changed after the last signature (it does not cover the whole file)"
                .to_owned(),
        );
    }

    // Each signature's revision: what changed after it; the first one's expected signatories.
    for (i, sig) in found.iter().enumerate() {
        if sig.byte_range == [0; 4] {
            continue;
        }
        let end = sig.byte_range[2] + sig.byte_range[3];
        let revision = if end == pdf.len() {
            None
        } else {
            match lopdf::Document::load_mem(&pdf[..end]) {
                Ok(d) => Some(d),
                Err(e) => {
                    report.problems.push(format!(
                        "signature {} does not end where a version of the file ends ({e}): \
                         what it signed cannot be compared with the file",
                        i + 1
                    ));
                    continue;
                }
            }
        };
        if i == 0 {
            report.expected = expected_signatories(revision.as_ref().unwrap_or(&doc));
        }
        if let Some(old) = &revision {
            let what = super::revisions::changes(old, &doc);
            if !what.is_empty() {
                report.changes.push(ChangeAfter {
                    signature: i + 1,
                    what,
                });
            }
        }
        if i > 0 && sig.certifies.is_some() {
            report.problems.push(format!(
                "signature {} certifies the document, but only the first signature may",
                i + 1
            ));
        }
        if let Some(claimed) = &sig.name_in_dictionary
            && !sig.signer.is_empty()
            && !super::identity::same_person_name(claimed, &sig.signer)
        {
            report.problems.push(format!(
                "signature {}: the signature dictionary names «{claimed}», but the certificate \
                 is «{}»'s: {} signed it",
                i + 1,
                sig.signer,
                sig.signer
            ));
        }
    }
    let (missing, problems) = missing_signatories(&report.expected, &found);
    report.missing = missing;
    report.problems.extend(problems);
    report.signatures = found;
    report
}

/// The expected signatories the catalog of `doc` names.
pub(crate) fn expected_in(doc: &lopdf::Document) -> Vec<ExpectedSignatory> {
    expected_signatories(doc)
}

/// The expected signatories the catalog of `doc` names.
fn expected_signatories(doc: &lopdf::Document) -> Vec<ExpectedSignatory> {
    let Ok(catalog) = doc.catalog() else {
        return Vec::new();
    };
    let Ok(list) = catalog.get(EXPECTED_KEY).and_then(Object::as_array) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|o| dict_of(doc, o).ok())
        .map(|d| ExpectedSignatory {
            name: string_entry(d, b"Name").unwrap_or_default(),
            role: string_entry(d, b"Role").unwrap_or_default(),
            certificate_sha256: string_entry(d, b"CertSHA256").map(|f| f.to_ascii_lowercase()),
        })
        .collect()
}

/// What does not hold between the expected signatories and the signatures: who has not
/// signed, who signed with another certificate than the one named, who signed unnamed.
fn missing_signatories(
    expected: &[ExpectedSignatory],
    found: &[PdfSignature],
) -> (Vec<String>, Vec<String>) {
    use super::identity::same_person_name;
    if expected.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let mut problems = Vec::new();
    let mut missing = Vec::new();
    let mut matched = vec![false; found.len()];
    for e in expected {
        let by_cert = e.certificate_sha256.as_ref().and_then(|fp| {
            found
                .iter()
                .position(|s| s.is_valid() && &s.certificate_sha256 == fp)
        });
        let by_name = found
            .iter()
            .position(|s| s.is_valid() && same_person_name(&s.signer, &e.name));
        match (by_cert, by_name, &e.certificate_sha256) {
            (Some(i), _, _) | (None, Some(i), None) => matched[i] = true,
            (None, Some(i), Some(fp)) => {
                matched[i] = true;
                problems.push(format!(
                    "{} ({}) was to sign with the certificate {}, but signature {} is made \
                     with another certificate ({}) bearing the same name",
                    e.name,
                    e.role.to_lowercase(),
                    fingerprint_text(fp),
                    i + 1,
                    fingerprint_text(&found[i].certificate_sha256)
                ));
            }
            (None, None, _) => missing.push(format!(
                "{} ({}) has not signed: the document names them as a signatory",
                e.name,
                e.role.to_lowercase()
            )),
        }
    }
    for (i, s) in found.iter().enumerate() {
        if !matched[i] && s.is_valid() {
            problems.push(format!(
                "signature {} by {} is not by any of the signatories the document names",
                i + 1,
                s.signer
            ));
        }
    }
    (missing, problems)
}

/// A SHA-256 fingerprint as people compare it: upper-case hex pairs joined by colons.
#[must_use]
pub fn fingerprint_text(hex: &str) -> String {
    hex.as_bytes()
        .chunks(2)
        .map(|p| String::from_utf8_lossy(p).to_ascii_uppercase())
        .collect::<Vec<_>>()
        .join(":")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_read_with_and_without_offsets() {
        let t = parse_pdf_date("D:20240620101500Z").unwrap();
        assert_eq!(t.to_rfc3339(), "2024-06-20T10:15:00+00:00");
        let t = parse_pdf_date("D:20240620121500+02'00'").unwrap();
        assert_eq!(t.to_rfc3339(), "2024-06-20T10:15:00+00:00");
        assert!(parse_pdf_date("yesterday").is_none());
    }

    #[test]
    fn the_signature_value_must_be_canonical_hex_followed_by_zeros() {
        assert_eq!(
            signature_value(b"<3003020101000000>").unwrap(),
            vec![0x30, 3, 2, 1, 1]
        );
        assert!(
            signature_value(b"<3003020101000100>").is_err(),
            "non-zero padding"
        );
        assert!(
            signature_value(b"<3003020a0B000000>").is_err(),
            "mixed case"
        );
        assert!(
            signature_value(b"<300302010100 000>").is_err(),
            "whitespace"
        );
        assert!(
            signature_value(b"(3003020101000000)").is_err(),
            "not a hex string"
        );
    }
}
