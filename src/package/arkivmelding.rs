//! A meeting as KS Fiks Arkiv arkivmelding messages (schema V1, `opprett`): the `moetemappe`,
//! the `moetedokument` registrations for the notice (MI) and the minutes (MP), and one
//! `moetesak` per item with its vedtak and votes.
//!
//! One message holds at most one folder and one registration, so a meeting is several
//! messages, linked by the meeting's key ([`meeting_key`], sent as `referanseEksternNoekkel`
//! with `fagsystem` [`FAGSYSTEM`]): the first creates the folder with the notice, every other
//! one names the folder by that key in `referanseForelderMappe`. The layout on disk is in
//! docs/ARCHIVE-EXPORT.md.
//!
//! This writer is pure: the documents come in as [`FileRef`]s (name, checksum, size), already
//! rendered and hashed by the caller. The XML is written by hand with [`Xml`], which escapes
//! every text and attribute and drops characters XML 1.0 cannot carry.

use chrono::NaiveDateTime;

use crate::model::{ItemKind, MeetingRecord, Outcome, Vote, surname};

/// The arkivmelding namespace of the `opprett` schema.
pub const NAMESPACE: &str =
    "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/arkivmelding/opprett/v1";

/// The `fagsystem` of every external key Møtebok sends.
pub const FAGSYSTEM: &str = "Møtebok";

/// One document file of a message: its name in the message folder, SHA-256 and size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRef {
    /// File name in the message folder (ASCII, no spaces).
    pub name: String,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
    /// Size in bytes.
    pub size_bytes: u64,
}

/// A document in the archive format, with the public copy beside it when the document holds
/// exempt content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArchiveDocument {
    /// The whole document (variant A, arkivformat).
    pub full: FileRef,
    /// The public copy with exempt content withheld (variant O), when any item is exempt.
    pub public: Option<FileRef>,
    /// The signed minutes exactly as stored (variant S), when they are signed.
    pub signed: Option<FileRef>,
}

/// What the messages are made from.
#[derive(Clone, Debug)]
pub struct ArchiveInput<'a> {
    /// The meeting.
    pub record: &'a MeetingRecord,
    /// The notice (møteinnkalling) as PDF/A.
    pub notice: ArchiveDocument,
    /// The approved minutes (møteprotokoll) as PDF/A.
    pub minutes: ArchiveDocument,
    /// When the export was made.
    pub created: NaiveDateTime,
}

/// One arkivmelding message: a folder name, its `arkivmelding.xml`, and the document files
/// it names (to be placed beside it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// The message's folder, numbered in sending order: `01-moetemappe`, `02-moeteprotokoll`,
    /// `03-moetesak-001` ...
    pub folder: String,
    /// The text of `arkivmelding.xml`.
    pub xml: String,
    /// The document files named in it.
    pub files: Vec<FileRef>,
}

/// The key that links the messages of a meeting: `Body name:2024/M4`.
#[must_use]
pub fn meeting_key(record: &MeetingRecord) -> String {
    format!("{}:{}", record.body.name.trim(), record.meeting.reference)
}

/// The prefix of the metadatakatalog namespace, which the children of its types are in.
pub const MDK_PREFIX: &str = "n5mdk";

/// The metadatakatalog namespace (`n5mdk`).
pub const MDK_NAMESPACE: &str =
    "https://ks-no.github.io/standarder/fiks-protokoll/fiks-arkiv/metadatakatalog/v1";

/// A small XML writer: elements in order, text and attributes escaped, indented by two.
///
/// The schema puts the children of metadatakatalog types (codes, keys, texts) in the `n5mdk`
/// namespace: an element opened with [`Xml::open_mdk`] has its children written with that
/// prefix, and so has everything below it.
pub struct Xml {
    out: String,
    /// Open elements: the name as written, and whether their children are `n5mdk:`.
    open: Vec<(String, bool)>,
}

impl Default for Xml {
    fn default() -> Self {
        Self::new()
    }
}

impl Xml {
    /// A document with the XML declaration.
    #[must_use]
    pub fn new() -> Self {
        Self {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
            open: Vec::new(),
        }
    }

    fn indent(&mut self) {
        for _ in 0..self.open.len() {
            self.out.push_str("  ");
        }
    }

    /// The name as written here: prefixed when the parent's children are `n5mdk:`.
    fn qualified(&self, name: &str) -> String {
        if self.open.last().is_some_and(|(_, mdk)| *mdk) {
            format!("{MDK_PREFIX}:{name}")
        } else {
            name.to_owned()
        }
    }

    fn open_inner(&mut self, name: &str, attrs: &[(&str, &str)], mdk_children: bool) {
        let q = self.qualified(name);
        let mdk = mdk_children || self.open.last().is_some_and(|(_, m)| *m);
        self.indent();
        self.out.push('<');
        self.out.push_str(&q);
        for (k, v) in attrs {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            escape_into(&mut self.out, v);
            self.out.push('"');
        }
        self.out.push_str(">\n");
        self.open.push((q, mdk));
    }

    /// Opens an element with attributes (name, value).
    pub fn open_with(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.open_inner(name, attrs, false);
    }

    /// Opens an element.
    pub fn open(&mut self, name: &str) {
        self.open_inner(name, &[], false);
    }

    /// Opens an element of a metadatakatalog type: its children are `n5mdk:`.
    pub fn open_mdk(&mut self, name: &str) {
        self.open_inner(name, &[], true);
    }

    /// Closes the innermost open element.
    pub fn close(&mut self) {
        if let Some((name, _)) = self.open.pop() {
            self.indent();
            self.out.push_str("</");
            self.out.push_str(&name);
            self.out.push_str(">\n");
        }
    }

    /// An element holding text.
    pub fn leaf(&mut self, name: &str, text: &str) {
        let q = self.qualified(name);
        self.indent();
        self.out.push('<');
        self.out.push_str(&q);
        self.out.push('>');
        escape_into(&mut self.out, text);
        self.out.push_str("</");
        self.out.push_str(&q);
        self.out.push_str(">\n");
    }

    /// A Noark code element: `<name><kode>..</kode><beskrivelse>..</beskrivelse></name>`.
    pub fn code(&mut self, name: &str, code: &str, description: &str) {
        self.open_mdk(name);
        self.leaf("kode", code);
        self.leaf("beskrivelse", description);
        self.close();
    }

    /// The finished text (every open element closed).
    #[must_use]
    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.close();
        }
        self.out
    }
}

/// Escapes `text` for XML text and attribute values; characters XML 1.0 forbids are dropped.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if u32::from(c) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// A text that must not be empty in the schema: the text, or `fallback`.
fn non_empty<'a>(text: &'a str, fallback: &'a str) -> &'a str {
    if text.trim().is_empty() {
        fallback
    } else {
        text.trim()
    }
}

/// The `tilgangsrestriksjon` code of a legal basis: the section number it names
/// ("offl. § 23 første ledd" → "23"), or "UO" (unntatt offentlighet) when it names none.
#[must_use]
pub fn restriction_code(basis: &str) -> String {
    basis
        .split_once('§')
        .map(|(_, rest)| {
            rest.trim_start()
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect::<String>()
        })
        .filter(|code| code.starts_with(|c: char| c.is_ascii_digit()))
        .unwrap_or_else(|| "UO".to_owned())
}

fn skjerming(x: &mut Xml, basis: &str) {
    let code = restriction_code(basis);
    x.open("skjerming");
    x.code(
        "tilgangsrestriksjon",
        &code,
        &format!("Unntatt offentlighet, {}", basis.trim()),
    );
    x.leaf("skjermingshjemmel", basis.trim());
    x.close();
}

fn external_key(x: &mut Xml, name: &str, key: &str) {
    x.open_mdk(name);
    x.leaf("fagsystem", FAGSYSTEM);
    x.leaf("noekkel", key);
    x.close();
}

/// The exempt items' bases, each once, joined: what the whole notice or minutes are exempt by.
fn exempt_bases(record: &MeetingRecord) -> Option<String> {
    let mut all: Vec<&str> = Vec::new();
    for item in &record.meeting.items {
        if let Some(ex) = &item.exempt {
            let basis = non_empty(&ex.basis, "offl.");
            if !all.contains(&basis) {
                all.push(basis);
            }
        }
    }
    (!all.is_empty()).then(|| all.join("; "))
}

/// Which variant of a document a file is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Variant {
    /// The whole document, PDF/A.
    Archive,
    /// The public copy, PDF/A.
    Public,
    /// The signed PDF as stored.
    Signed,
}

fn dokumentobjekt(x: &mut Xml, file: &FileRef, variant: Variant, created: &str) {
    x.open("dokumentobjekt");
    x.leaf("versjonsnummer", "1");
    match variant {
        Variant::Archive => x.code("variantformat", "A", "Arkivformat"),
        Variant::Public => x.code(
            "variantformat",
            "O",
            "Dokument hvor deler av innholdet er skjermet",
        ),
        Variant::Signed => x.code("variantformat", "S", "Digitalt signert dokument"),
    }
    if variant == Variant::Signed {
        x.leaf("formatDetaljer", "PDF med elektroniske signaturer (PAdES)");
    } else {
        x.code("format", "RA-PDF", "PDF/A");
        x.leaf("formatDetaljer", "PDF/A-2b (ISO 19005-2)");
    }
    x.leaf("mimeType", "application/pdf");
    x.leaf("opprettetDato", created);
    x.leaf("opprettetAv", FAGSYSTEM);
    x.leaf("filnavn", &file.name);
    x.leaf("referanseDokumentfil", &file.name);
    x.leaf("sjekksum", &file.sha256);
    x.leaf("sjekksumAlgoritme", "SHA-256");
    x.leaf("filstoerrelse", &file.size_bytes.to_string());
    x.close();
}

fn dokumentbeskrivelse(
    x: &mut Xml,
    record: &MeetingRecord,
    title: &str,
    doc: &ArchiveDocument,
    created: &str,
) {
    x.open("dokumentbeskrivelse");
    x.code("dokumentstatus", "F", "Dokumentet er ferdigstilt");
    x.leaf("tittel", title);
    x.leaf("opprettetDato", created);
    x.leaf("opprettetAv", FAGSYSTEM);
    x.code("tilknyttetRegistreringSom", "H", "Hoveddokument");
    x.leaf("dokumentnummer", "1");
    if let Some(bases) = exempt_bases(record) {
        skjerming(x, &bases);
    }
    dokumentobjekt(x, &doc.full, Variant::Archive, created);
    if let Some(public) = &doc.public {
        dokumentobjekt(x, public, Variant::Public, created);
    }
    if let Some(signed) = &doc.signed {
        dokumentobjekt(x, signed, Variant::Signed, created);
    }
    x.close();
}

fn arkivmelding_open(x: &mut Xml, files: usize) {
    x.open_with(
        "arkivmelding",
        &[
            ("xmlns", NAMESPACE),
            ("xmlns:n5mdk", MDK_NAMESPACE),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
    );
    x.leaf("system", FAGSYSTEM);
    x.leaf("antallFiler", &files.to_string());
}

fn parent(x: &mut Xml, key: &str) {
    x.open_mdk("referanseForelderMappe");
    external_key(x, "referanseEksternNoekkel", key);
    x.close();
}

fn moetemappe(x: &mut Xml, record: &MeetingRecord, created: &str) {
    let m = &record.meeting;
    let body = non_empty(&record.body.name, "Utvalg");
    x.open_with("mappe", &[("xsi:type", "moetemappe")]);
    let title = format!("Møte {} – {body}", m.reference);
    x.leaf("tittel", &title);
    x.leaf("offentligTittel", &title);
    x.leaf("opprettetDato", created);
    x.leaf("opprettetAv", FAGSYSTEM);
    external_key(x, "referanseEksternNoekkel", &meeting_key(record));
    x.leaf("moetenummer", &m.reference.to_string());
    x.open_mdk("utvalg");
    x.leaf("navn", body);
    x.close();
    x.leaf("moetedato", &m.date.format("%Y-%m-%d").to_string());
    if !m.place.trim().is_empty() {
        x.leaf("moetested", m.place.trim());
    }
    for row in m.attendance.iter().filter(|a| {
        matches!(
            a.status,
            crate::model::AttendanceStatus::Present | crate::model::AttendanceStatus::Deputy
        )
    }) {
        x.open_mdk("moetedeltaker");
        x.open("identifikator");
        x.leaf("navn", &record.name_of(&row.person));
        x.leaf("identifikator", row.person.as_str());
        x.close();
        if m.chair.as_ref() == Some(&row.person) {
            x.code("funksjon", "M", "Møteleder");
        } else if m.referent.as_ref() == Some(&row.person) {
            x.code("funksjon", "R", "Referent");
        }
        if let Some(org) = record
            .person(&row.person)
            .and_then(|p| p.organization.as_deref())
            .filter(|o| !o.trim().is_empty())
        {
            x.open("representerer");
            x.leaf("navn", org.trim());
            x.close();
        }
        x.close();
    }
    x.close();
}

fn moetedokument(
    x: &mut Xml,
    input: &ArchiveInput<'_>,
    kind: (&str, &str),
    doc: &ArchiveDocument,
    created: &str,
) {
    let record = input.record;
    let key = meeting_key(record);
    let title = format!(
        "{} {} – {}",
        kind.1,
        record.meeting.reference,
        non_empty(&record.body.name, "Utvalg")
    );
    x.open_with("registrering", &[("xsi:type", "moetedokument")]);
    x.leaf("opprettetDato", created);
    x.leaf("opprettetAv", FAGSYSTEM);
    parent(x, &key);
    if let Some(bases) = exempt_bases(record) {
        skjerming(x, &bases);
    }
    dokumentbeskrivelse(x, record, &title, doc, created);
    x.leaf("tittel", &title);
    x.leaf("offentligTittel", &title);
    external_key(x, "referanseEksternNoekkel", &format!("{key}:{}", kind.0));
    x.code("moetedokumenttype", kind.0, kind.1);
    x.close();
}

fn moetesak(x: &mut Xml, record: &MeetingRecord, item: &crate::model::Item, created: &str) {
    let m = &record.meeting;
    let case = m.case_number(item).to_string();
    let title = non_empty(&item.title, "(uten tittel)");
    x.open_with("registrering", &[("xsi:type", "moetesak")]);
    x.leaf("opprettetDato", created);
    x.leaf("opprettetAv", FAGSYSTEM);
    parent(x, &meeting_key(record));
    if let Some(ex) = &item.exempt {
        skjerming(x, non_empty(&ex.basis, "offl."));
    }
    x.leaf("registreringsID", &case);
    x.leaf("tittel", title);
    x.leaf("offentligTittel", title);
    for p in &item.presenters {
        x.leaf("forfatter", &record.name_of(p));
    }
    external_key(
        x,
        "referanseEksternNoekkel",
        &format!("{}:{case}", record.body.name.trim()),
    );
    let (code, description) = match item.kind {
        ItemKind::Decision => ("PS", "Politisk sak"),
        ItemKind::Information => ("RS", "Referatsak (orienteringssak)"),
        ItemKind::Discussion => ("AN", "Annet (diskusjonssak)"),
        ItemKind::OtherBusiness => ("AN", "Annet (eventuelt)"),
    };
    x.code("moetesakstype", code, description);
    x.leaf("moetesaksaar", &m.reference.year.to_string());
    x.leaf("moetesakssekvensnummer", &item.number.to_string());
    let text = |x: &mut Xml, name: &str, body: &str, markdown: bool| {
        x.open_mdk(name);
        x.leaf("tekstInnhold", body);
        if markdown {
            x.code("tekstFormat", "markdown", "Markdown markup som tekstformat");
        } else {
            x.code("tekstFormat", "tekst", "Tekst som tekstformat");
        }
        x.close();
    };
    if let Some(proposed) = item
        .proposed_decision
        .as_deref()
        .filter(|t| !t.trim().is_empty())
    {
        if let Some(description) = item.description.as_deref().filter(|t| !t.trim().is_empty()) {
            x.open("utredning");
            text(x, "saksbeskrivelse", description.trim(), true);
            text(x, "innstilling", proposed.trim(), false);
            x.close();
        }
        text(x, "innstilling", proposed.trim(), false);
    }
    if let Some(decision) = item.decision.as_deref().filter(|t| !t.trim().is_empty()) {
        x.open("vedtak");
        text(x, "vedtakstekst", decision.trim(), false);
        if let Some(Vote::Named {
            for_votes,
            against,
            abstaining,
        }) = &item.vote
        {
            for (people, vote) in [(for_votes, "Ja"), (against, "Nei"), (abstaining, "Blankt")] {
                for p in people {
                    x.open("votering");
                    x.open_mdk("moetedeltaker");
                    x.open("identifikator");
                    x.leaf("navn", &record.name_of(p));
                    x.leaf("identifikator", p.as_str());
                    x.close();
                    x.close();
                    x.leaf("stemme", vote);
                    x.close();
                }
            }
        }
        let mut protocol = Vec::new();
        if let Some(vote) = &item.vote {
            protocol.push(vote.result_line(&|p| surname(&record.name_of(p)).to_owned()));
        }
        match item.outcome {
            Some(Outcome::Noted) => protocol.push("Tatt til orientering".to_owned()),
            Some(Outcome::Postponed) => protocol.push("Utsatt til neste møte".to_owned()),
            _ => {}
        }
        if !protocol.is_empty() {
            text(x, "behandlingsprotokoll", &protocol.join(". "), false);
        }
        let at = m
            .date
            .and_time(item.started.or(m.start).unwrap_or_default())
            .format("%Y-%m-%dT%H:%M:%S")
            .to_string();
        x.leaf("dato", &at);
        x.close();
    }
    x.close();
}

/// The messages of a meeting, in sending order: the folder with the notice, the minutes, then
/// one per item.
#[must_use]
pub fn messages(input: &ArchiveInput<'_>) -> Vec<Message> {
    let record = input.record;
    let created = input.created.format("%Y-%m-%dT%H:%M:%S").to_string();
    let files_of = |d: &ArchiveDocument| {
        let mut files = vec![d.full.clone()];
        files.extend(d.public.clone());
        files.extend(d.signed.clone());
        files
    };
    let mut out = Vec::new();

    let files = files_of(&input.notice);
    let mut x = Xml::new();
    arkivmelding_open(&mut x, files.len());
    moetemappe(&mut x, record, &created);
    moetedokument(
        &mut x,
        input,
        ("MI", "Møteinnkalling"),
        &input.notice,
        &created,
    );
    out.push(Message {
        folder: "01-moetemappe".to_owned(),
        xml: x.finish(),
        files,
    });

    let files = files_of(&input.minutes);
    let mut x = Xml::new();
    arkivmelding_open(&mut x, files.len());
    moetedokument(
        &mut x,
        input,
        ("MP", "Møteprotokoll"),
        &input.minutes,
        &created,
    );
    out.push(Message {
        folder: "02-moeteprotokoll".to_owned(),
        xml: x.finish(),
        files,
    });

    for (i, item) in record.meeting.items.iter().enumerate() {
        let mut x = Xml::new();
        arkivmelding_open(&mut x, 0);
        moetesak(&mut x, record, item, &created);
        out.push(Message {
            folder: format!("{:02}-moetesak-{:03}", i + 3, item.number),
            xml: x.finish(),
            files: Vec::new(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_drops_control_characters() {
        let mut x = Xml::new();
        x.leaf("tittel", "A & B <c> \"d\"\u{1}");
        assert!(
            x.finish()
                .contains("<tittel>A &amp; B &lt;c&gt; &quot;d&quot;</tittel>")
        );
    }

    #[test]
    fn restriction_codes_come_from_the_section() {
        assert_eq!(restriction_code("Offl. § 23 første ledd"), "23");
        assert_eq!(restriction_code("offl. §13, jf. fvl. § 13"), "13");
        assert_eq!(restriction_code("offl. § 5a"), "5a");
        assert_eq!(restriction_code("taushetsplikt"), "UO");
    }
}
