//! The Markdown subset allowed in `notes`, `description` and follow-up tasks (FORMAT.md):
//! paragraphs, `-` bullet lists nested by indentation, `**bold**`, `*italic*`, links
//! `[text](url)` and bare URLs; also numbered lists (`1.` / `1)`, docs/FORMAT-additions.md).
//! Parsed into a small block tree that both the PDF documents and the in-app preview lay out.
//!
//! As typed by a referent, not as `CommonMark` joins it: a single line break stays a line break
//! (a `\n` inside a span), and a line that is not indented under a list item ends the list.

/// A run of text in one style.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Span {
    /// The text, without Markdown markup.
    pub text: String,
    /// Set inside `**...**`.
    pub bold: bool,
    /// Set inside `*...*` (or `_..._`).
    pub italic: bool,
    /// The target of a link, for `[text](url)` and bare URLs.
    pub link: Option<String>,
}

impl Span {
    /// A plain span.
    #[must_use]
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }

    fn same_style(&self, other: &Span) -> bool {
        self.bold == other.bold && self.italic == other.italic && self.link == other.link
    }
}

/// One block of a Markdown text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A paragraph: its lines kept apart by `\n` in the spans.
    Paragraph(Vec<Span>),
    /// One list item; `level` 0 is the outermost list.
    Bullet {
        /// Nesting depth, 0 for a top-level bullet.
        level: usize,
        /// The number of a numbered list item (`3.`), `None` for a bullet.
        number: Option<u32>,
        /// The item's text.
        spans: Vec<Span>,
    },
}

impl Block {
    /// The block's spans.
    #[must_use]
    pub fn spans(&self) -> &[Span] {
        match self {
            Block::Paragraph(s) | Block::Bullet { spans: s, .. } => s,
        }
    }
}

/// Parses the Markdown subset into blocks. Never fails: text that is not valid markup is kept
/// as literal text.
#[must_use]
pub fn parse_markdown(text: &str) -> Vec<Block> {
    enum Open {
        None,
        Para(String),
        /// Level, number, the indentation of the item's line, its text.
        Bullet(usize, Option<u32>, usize, String),
    }
    fn flush(open: &mut Open, out: &mut Vec<Block>) {
        match std::mem::replace(open, Open::None) {
            Open::None => {}
            Open::Para(t) => out.push(Block::Paragraph(parse_inline(&t))),
            Open::Bullet(level, number, _, t) => out.push(Block::Bullet {
                level,
                number,
                spans: parse_inline(&t),
            }),
        }
    }

    let mut out = Vec::new();
    let mut open = Open::None;
    // Indentation (in columns) of each open list level, outermost first.
    let mut levels: Vec<usize> = Vec::new();
    let mut after_blank = false;

    for raw in text.lines() {
        let indent = indent_columns(raw);
        let line = raw.trim();
        if line.is_empty() {
            flush(&mut open, &mut out);
            after_blank = true;
            continue;
        }
        if let Some((number, content)) = list_item(line) {
            flush(&mut open, &mut out);
            while levels.last().is_some_and(|&l| l > indent) {
                levels.pop();
            }
            if levels.last() != Some(&indent) {
                levels.push(indent);
            }
            open = Open::Bullet(levels.len() - 1, number, indent, content.to_owned());
        } else {
            // Prose not indented under a list item ends the list.
            if matches!(open, Open::Bullet(_, _, at, _) if indent <= at) {
                flush(&mut open, &mut out);
                levels.clear();
            }
            match &mut open {
                // A line of the same paragraph, or indented under the list item: a line break.
                Open::Bullet(_, _, _, t) | Open::Para(t) => {
                    t.push('\n');
                    t.push_str(line);
                }
                Open::None => {
                    if after_blank || indent == 0 {
                        levels.clear();
                    }
                    open = Open::Para(line.to_owned());
                }
            }
        }
        after_blank = false;
    }
    flush(&mut open, &mut out);
    out
}

/// Leading whitespace in columns; a tab counts as 4.
fn indent_columns(line: &str) -> usize {
    let mut n = 0;
    for c in line.chars() {
        match c {
            ' ' => n += 1,
            '\t' => n += 4,
            _ => break,
        }
    }
    n
}

/// A list item's number (`None` for a bullet) and text, or `None` for any other line.
fn list_item(line: &str) -> Option<(Option<u32>, &str)> {
    if let Some(content) = bullet_content(line) {
        return Some((None, content));
    }
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 9 {
        return None;
    }
    let rest = &line[digits..];
    let rest = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')'))?;
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    let number = line[..digits].parse().ok()?;
    Some((Some(number), rest.trim_start()))
}

/// The text of a bullet line (`- x`, `* x`, `+ x`, or `•`), or `None`.
fn bullet_content(line: &str) -> Option<&str> {
    let mut chars = line.chars();
    let first = chars.next()?;
    if !matches!(first, '-' | '*' | '+' | '•') {
        return None;
    }
    let rest = chars.as_str();
    if rest.is_empty() {
        return Some("");
    }
    if rest.starts_with([' ', '\t']) {
        Some(rest.trim_start())
    } else {
        None
    }
}

#[derive(Clone, Copy, Default)]
struct Style {
    bold: bool,
    italic: bool,
}

/// Parses inline markup: emphasis, links, bare URLs and backslash escapes.
#[must_use]
pub fn parse_inline(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    inline_into(text, Style::default(), &mut out);
    // Merge neighbours of one style.
    let mut merged: Vec<Span> = Vec::with_capacity(out.len());
    for s in out {
        if s.text.is_empty() {
            continue;
        }
        match merged.last_mut() {
            Some(last) if last.same_style(&s) => last.text.push_str(&s.text),
            _ => merged.push(s),
        }
    }
    merged
}

fn push_text(out: &mut Vec<Span>, style: Style, text: &str) {
    if text.is_empty() {
        return;
    }
    // Split out bare URLs.
    let mut rest = text;
    while let Some(start) = find_bare_url(rest) {
        let (before, from) = rest.split_at(start);
        let len = bare_url_len(from);
        let url = &from[..len];
        push_plain(out, style, before);
        out.push(Span {
            text: url.to_owned(),
            bold: style.bold,
            italic: style.italic,
            link: Some(if url.starts_with("www.") {
                format!("https://{url}")
            } else {
                url.to_owned()
            }),
        });
        rest = &from[len..];
    }
    push_plain(out, style, rest);
}

fn push_plain(out: &mut Vec<Span>, style: Style, text: &str) {
    if !text.is_empty() {
        out.push(Span {
            text: text.to_owned(),
            bold: style.bold,
            italic: style.italic,
            link: None,
        });
    }
}

/// Byte offset of the next bare URL (`http://`, `https://`, `www.`) that starts a word.
fn find_bare_url(text: &str) -> Option<usize> {
    let mut from = 0;
    loop {
        let candidates = ["https://", "http://", "www."];
        let pos = candidates
            .iter()
            .filter_map(|c| text[from..].find(c).map(|p| p + from))
            .min()?;
        let starts_word = text[..pos]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '«' | '"' | '\'' | '<'));
        if starts_word && bare_url_len(&text[pos..]) > "www.".len() {
            return Some(pos);
        }
        from = pos + 1;
        while !text.is_char_boundary(from) {
            from += 1;
        }
    }
}

/// Length of the URL at the start of `text`: up to whitespace, without trailing punctuation.
fn bare_url_len(text: &str) -> usize {
    let end = text
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '»' | '"'))
        .unwrap_or(text.len());
    let mut url = &text[..end];
    while let Some(last) = url.chars().next_back() {
        let unbalanced_paren = last == ')' && url.matches('(').count() < url.matches(')').count();
        if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '\'') || unbalanced_paren {
            url = &url[..url.len() - last.len_utf8()];
        } else {
            break;
        }
    }
    url.len()
}

fn inline_into(text: &str, style: Style, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let mut plain_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if i + 1 < bytes.len() && bytes[i + 1].is_ascii_punctuation() => {
                push_text(out, style, &text[plain_start..i]);
                plain_start = i + 1;
                i += 2;
            }
            b'*' | b'_' => {
                let delim = bytes[i];
                let n = run_length(bytes, i);
                let close = if n <= 3 {
                    find_closing(text, i, n, delim)
                } else {
                    None
                };
                if let Some(close) = close {
                    push_text(out, style, &text[plain_start..i]);
                    let inner = &text[i + n..close];
                    let inner_style = Style {
                        bold: style.bold || n >= 2,
                        italic: style.italic || n != 2,
                    };
                    inline_into(inner, inner_style, out);
                    i = close + n;
                    plain_start = i;
                } else {
                    i += n;
                }
            }
            b'[' => {
                if let Some((label_end, url_end)) = find_link(text, i) {
                    push_text(out, style, &text[plain_start..i]);
                    let url = text[label_end + 2..url_end].trim().to_owned();
                    let mut label = Vec::new();
                    inline_into(&text[i + 1..label_end], style, &mut label);
                    for mut s in label {
                        s.link = Some(url.clone());
                        out.push(s);
                    }
                    i = url_end + 1;
                    plain_start = i;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    push_text(out, style, &text[plain_start..]);
}

fn run_length(bytes: &[u8], at: usize) -> usize {
    bytes[at..].iter().take_while(|&&b| b == bytes[at]).count()
}

/// Finds the closing delimiter run of length `n` for an opener run at `open`, following the
/// flanking rules loosely: the opener must be followed by non-space, the closer preceded by
/// non-space, and `_` must not sit inside a word. A closing run of three closes a run of one
/// or two with its last characters (`*a **b***`).
fn find_closing(text: &str, open: usize, n: usize, delim: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let after = open + n;
    let next = text[after..].chars().next()?;
    if next.is_whitespace() {
        return None;
    }
    if delim == b'_'
        && text[..open]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    let mut j = after;
    while j < bytes.len() {
        if bytes[j] == b'\\' {
            j += 2;
            continue;
        }
        if bytes[j] == delim {
            let len = run_length(bytes, j);
            let run_end = j + len;
            let prev_ok = j > after
                && text[..j]
                    .chars()
                    .next_back()
                    .is_some_and(|c| !c.is_whitespace());
            let word_ok = delim != b'_'
                || text[run_end..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
            if prev_ok && word_ok {
                if len == n {
                    return Some(j);
                }
                if len == 3 && n < 3 {
                    return Some(run_end - n);
                }
            }
            j = run_end;
            continue;
        }
        j += 1;
    }
    None
}

/// For `[label](url)` starting at `open`: the offsets of `]` and `)`.
fn find_link(text: &str, open: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut label_end = None;
    for (k, &b) in bytes.iter().enumerate().skip(open + 1) {
        match b {
            b'[' => depth += 1,
            b']' if depth == 0 => {
                label_end = Some(k);
                break;
            }
            b']' => depth -= 1,
            _ => {}
        }
    }
    let label_end = label_end?;
    if label_end == open + 1 || bytes.get(label_end + 1) != Some(&b'(') {
        return None;
    }
    let mut parens = 0usize;
    for (k, &b) in bytes.iter().enumerate().skip(label_end + 2) {
        match b {
            b'(' => parens += 1,
            b')' if parens == 0 => {
                return (k > label_end + 2).then_some((label_end, k));
            }
            b')' => parens -= 1,
            b' ' | b'\n' if parens == 0 => return None,
            _ => {}
        }
    }
    None
}

/// The plain text of spans, without markup.
#[must_use]
pub fn plain_text(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item7_notes() -> String {
        let json: serde_json::Value =
            serde_json::from_str(include_str!("../../assets/demo/2024-M4.motebok.json")).unwrap();
        json["meeting"]["items"][6]["notes"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    fn bullets(blocks: &[Block]) -> Vec<(usize, String)> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Bullet { level, spans, .. } => (*level, plain_text(spans)),
                Block::Paragraph(s) => (99, plain_text(s)),
            })
            .collect()
    }

    #[test]
    fn item_7_notes_become_a_two_level_list() {
        let blocks = parse_markdown(&item7_notes());
        let b = bullets(&blocks);
        assert!(b.iter().all(|(l, _)| *l <= 1), "only two levels: {b:?}");
        let top: Vec<&str> = b
            .iter()
            .filter(|(l, _)| *l == 0)
            .map(|(_, t)| t.as_str())
            .collect();
        assert_eq!(
            top,
            [
                "sluttrapport fra det regionale prosjektet Helseplattformen",
                "reduksjon av lisenser P360 – status",
                "reforhandling av P360-avtalen med Tietoevry",
                "videreutvikling av Rakel",
                "turnus og KI",
                "øvelse utfall Ekom",
                "anskaffelse felles internkontroll system",
            ]
        );
        assert_eq!(b.len(), 7 + 20);
        assert_eq!(
            b[1],
            (
                1,
                "Regional innføringsleder informerte om sluttrapport til Statsforvalteren – se vedlagte lysbilder under".to_owned()
            )
        );
        // A hyphen inside a sentence is not a bullet.
        assert!(b.iter().any(|(l, t)| *l == 1
            && t == "Vi ønsker og krever integrasjon tilbake til ressurssystemet - det er der den store gevinsten ligger."));
    }

    #[test]
    fn paragraphs_are_split_on_blank_lines_and_keep_their_line_breaks() {
        let blocks = parse_markdown("Første linje\nfortsetter her.\n\nAndre avsnitt.");
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph(vec![Span::plain("Første linje\nfortsetter her.")]),
                Block::Paragraph(vec![Span::plain("Andre avsnitt.")]),
            ]
        );
    }

    #[test]
    fn nesting_accepts_stars_four_spaces_and_tabs() {
        let b = bullets(&parse_markdown("* a\n    * b\n\t\t* c\n* d"));
        assert_eq!(
            b,
            [
                (0, "a".into()),
                (1, "b".into()),
                (2, "c".into()),
                (0, "d".into())
            ]
        );
        let b = bullets(&parse_markdown("- a\n  - b\n    - c\n  - d\n- e"));
        assert_eq!(b.iter().map(|x| x.0).collect::<Vec<_>>(), [0, 1, 2, 1, 0]);
    }

    #[test]
    fn indented_continuation_lines_belong_to_the_bullet() {
        let b = bullets(&parse_markdown("- første\n  fortsatt\n- andre"));
        assert_eq!(b, [(0, "første\nfortsatt".into()), (0, "andre".into())]);
    }

    #[test]
    fn prose_after_a_list_is_a_paragraph_again() {
        let b = bullets(&parse_markdown("- punkt\nVidere tekst\nog mer"));
        assert_eq!(
            b,
            [(0, "punkt".into()), (99, "Videre tekst\nog mer".into())]
        );
        let b = bullets(&parse_markdown("Innledning\n  - punkt\n  Etter"));
        assert_eq!(b[2], (99, "Etter".into()));
    }

    #[test]
    fn numbered_lists_keep_their_numbers_and_nest() {
        let blocks = parse_markdown("1. Første\n2. Andre\n   - under\n10) Tiende\n2024. var et år");
        let numbers: Vec<(usize, Option<u32>, String)> = blocks
            .iter()
            .map(|b| match b {
                Block::Bullet {
                    level,
                    number,
                    spans,
                } => (*level, *number, plain_text(spans)),
                Block::Paragraph(s) => (99, None, plain_text(s)),
            })
            .collect();
        assert_eq!(
            numbers,
            [
                (0, Some(1), "Første".into()),
                (0, Some(2), "Andre".into()),
                (1, None, "under".into()),
                (0, Some(10), "Tiende".into()),
                (0, Some(2024), "var et år".into()),
            ]
        );
        // A number without its dot and space is prose.
        assert_eq!(
            bullets(&parse_markdown("3.5 millioner")),
            [(99, "3.5 millioner".into())]
        );
    }

    #[test]
    fn bold_italic_and_nested_emphasis() {
        let s = parse_inline("Vi **må** gjøre *dette* nå, **helt *sikkert***.");
        let styled: Vec<(&str, bool, bool)> = s
            .iter()
            .map(|s| (s.text.as_str(), s.bold, s.italic))
            .collect();
        assert_eq!(
            styled,
            [
                ("Vi ", false, false),
                ("må", true, false),
                (" gjøre ", false, false),
                ("dette", false, true),
                (" nå, ", false, false),
                ("helt ", true, false),
                ("sikkert", true, true),
                (".", false, false),
            ]
        );
    }

    #[test]
    fn stray_stars_stay_literal() {
        assert_eq!(
            plain_text(&parse_inline("2 * 3 = 6 og a*")),
            "2 * 3 = 6 og a*"
        );
        assert_eq!(
            plain_text(&parse_inline("snake_case_name")),
            "snake_case_name"
        );
        assert_eq!(
            plain_text(&parse_inline(r"\*ikke kursiv\*")),
            "*ikke kursiv*"
        );
    }

    #[test]
    fn links_and_bare_urls_carry_their_target() {
        let s = parse_inline("Se [rapporten](https://ror-ikt.no/r?a=1) og https://example.org/x.");
        assert_eq!(s[1].text, "rapporten");
        assert_eq!(s[1].link.as_deref(), Some("https://ror-ikt.no/r?a=1"));
        assert_eq!(s[3].text, "https://example.org/x");
        assert_eq!(s[3].link.as_deref(), Some("https://example.org/x"));
        assert_eq!(s[4].text, ".");
        let w = parse_inline("(www.molde.kommune.no)");
        assert_eq!(w[1].link.as_deref(), Some("https://www.molde.kommune.no"));
        assert_eq!(plain_text(&w), "(www.molde.kommune.no)");
    }

    #[test]
    fn broken_link_syntax_is_literal() {
        assert_eq!(
            plain_text(&parse_inline("[ikke lenke] (x)")),
            "[ikke lenke] (x)"
        );
    }
}
