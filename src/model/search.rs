//! Search text: folding Norwegian text so that "okonomi" finds "Økonomi", reading what the
//! user typed into search terms, and marking the words a query matches.
//!
//! The store's full-text index folds the same way (æ → ae, ø → o; case and diacritics through
//! the index's tokenizer), so a term folded here meets the words the index holds.

use std::ops::Range;

/// Folds one character the way search compares text: lower case, `æ` → `ae`, `ø` → `o`,
/// `å` → `a`, and Latin letters with diacritics (é, ü, ñ, ...) to their base letter.
fn fold_char(c: char, out: &mut String) {
    let folded = match c {
        'æ' | 'Æ' => "ae",
        'ø' | 'Ø' | 'ö' | 'Ö' | 'ó' | 'Ó' | 'ò' | 'Ò' | 'ô' | 'Ô' | 'õ' | 'Õ' => "o",
        'å' | 'Å' | 'ä' | 'Ä' | 'á' | 'Á' | 'à' | 'À' | 'â' | 'Â' | 'ã' | 'Ã' => "a",
        'é' | 'É' | 'è' | 'È' | 'ê' | 'Ê' | 'ë' | 'Ë' => "e",
        'í' | 'Í' | 'ì' | 'Ì' | 'î' | 'Î' | 'ï' | 'Ï' => "i",
        'ú' | 'Ú' | 'ù' | 'Ù' | 'û' | 'Û' | 'ü' | 'Ü' => "u",
        'ý' | 'Ý' | 'ÿ' => "y",
        'ç' | 'Ç' | 'č' | 'Č' => "c",
        'ñ' | 'Ñ' | 'ń' | 'Ń' => "n",
        'š' | 'Š' | 'ś' | 'Ś' => "s",
        'ž' | 'Ž' | 'ź' | 'Ź' | 'ż' | 'Ż' => "z",
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push_str(folded);
}

/// Text as search compares it: lower case, `æ` → `ae`, `ø` → `o`, `å` → `a`, and common
/// diacritics removed (`é` → `e`, `ü` → `u`). "Økonomi", "økonomi" and "okonomi" all fold to
/// "okonomi".
#[must_use]
pub fn fold_for_search(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            fold_char(c, &mut out);
        }
    }
    out
}

/// Whether `c` belongs to a word (as the index's tokenizer splits text: letters and digits).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The words of `text` with their byte ranges.
fn words(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut start = None;
    let mut chars = text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')));
    std::iter::from_fn(move || {
        for (i, c) in chars.by_ref() {
            match (start, is_word_char(c)) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    start = None;
                    return Some((s..i, &text[s..i]));
                }
                _ => {}
            }
        }
        None
    })
}

/// One search term: a word, or several words that must follow each other (a phrase typed in
/// quotes). Words are folded ([`fold_for_search`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchTerm {
    /// The folded words, in order.
    pub words: Vec<String>,
    /// Whether the last word also matches longer words that start with it (search as you type).
    pub prefix: bool,
}

/// Reads what the user typed into search terms. Every word matches as a prefix ("øko" finds
/// "økonomi"); words in double quotes must follow each other, and a quoted phrase is matched
/// whole (while its closing quote is not typed yet, its last word still matches as a prefix).
/// Punctuation separates words ("2024/M4-003" is the words 2024, m4, 003).
/// Every term must match for an item to be found.
#[must_use]
pub fn parse_query(query: &str) -> Vec<SearchTerm> {
    let mut terms = Vec::new();
    let parts: Vec<&str> = query.split('"').collect();
    let last = parts.len() - 1;
    for (i, part) in parts.iter().enumerate() {
        let quoted = i % 2 == 1;
        let folded: Vec<String> = words(part).map(|(_, w)| fold_for_search(w)).collect();
        if folded.is_empty() {
            continue;
        }
        if quoted {
            terms.push(SearchTerm {
                words: folded,
                // An unclosed quote: the phrase is still being typed.
                prefix: i == last,
            });
        } else {
            terms.extend(folded.into_iter().map(|w| SearchTerm {
                words: vec![w],
                prefix: true,
            }));
        }
    }
    terms
}

/// Whether the folded word `word` matches word `index` of `term`.
fn word_matches(term: &SearchTerm, index: usize, word: &str) -> bool {
    let want = &term.words[index];
    if term.prefix && index + 1 == term.words.len() {
        word.starts_with(want.as_str())
    } else {
        word == want
    }
}

/// Byte ranges of the words of `text` that the terms match, in order (a phrase marks each of
/// its words where they follow each other).
#[must_use]
pub fn match_ranges(text: &str, terms: &[SearchTerm]) -> Vec<Range<usize>> {
    // Every word folded into one buffer: one allocation, however long the text.
    let mut folded = String::with_capacity(text.len());
    let mut all: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    for (r, w) in words(text) {
        let start = folded.len();
        for c in w.chars() {
            if c.is_ascii() {
                folded.push(c.to_ascii_lowercase());
            } else {
                fold_char(c, &mut folded);
            }
        }
        all.push((r, start..folded.len()));
    }
    let word = |i: usize| &folded[all[i].1.clone()];
    let mut marked = vec![false; all.len()];
    for term in terms {
        let n = term.words.len();
        if n == 0 || all.len() < n {
            continue;
        }
        for start in 0..=all.len() - n {
            if (0..n).all(|k| word_matches(term, k, word(start + k))) {
                for m in &mut marked[start..start + n] {
                    *m = true;
                }
            }
        }
    }
    all.into_iter()
        .zip(marked)
        .filter_map(|((r, _), m)| m.then_some(r))
        .collect()
}

/// A short piece of text with the words a search matched marked, for a result line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snippet {
    /// The text shown (may start or end with "…").
    pub text: String,
    /// Byte ranges of `text` to highlight, in order, not overlapping.
    pub marks: Vec<Range<usize>>,
}

impl Snippet {
    /// The parts of the text in order, each with whether it is highlighted.
    #[must_use]
    pub fn parts(&self) -> Vec<(&str, bool)> {
        let mut parts = Vec::new();
        let mut at = 0;
        for m in &self.marks {
            if m.start > at {
                parts.push((&self.text[at..m.start], false));
            }
            parts.push((&self.text[m.clone()], true));
            at = m.end;
        }
        if at < self.text.len() {
            parts.push((&self.text[at..], false));
        }
        parts
    }

    /// The text with each highlighted part wrapped in `open` and `close` (for a terminal).
    #[must_use]
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + 8 * self.marks.len());
        for (part, hit) in self.parts() {
            if hit {
                out.push_str(open);
                out.push_str(part);
                out.push_str(close);
            } else {
                out.push_str(part);
            }
        }
        out
    }
}

/// The byte index of the char boundary at or before `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Collapses runs of white space (line breaks, indentation) into single spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A window of about `max_chars` characters of `text` around the first word the terms match,
/// with the matched words marked; `None` when nothing in `text` matches. White space is
/// collapsed to single spaces, and a cut at either end is shown with "…".
#[must_use]
pub fn snippet(text: &str, terms: &[SearchTerm], max_chars: usize) -> Option<Snippet> {
    let text = one_line(text);
    let ranges = match_ranges(&text, terms);
    let first = ranges.first()?.clone();
    // Start about a third of the window before the first match, at a word boundary.
    let before = max_chars / 3;
    let mut start = text[..first.start]
        .char_indices()
        .rev()
        .nth(before.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    if start > 0 {
        start = text[start..first.start]
            .find(' ')
            .map_or(start, |sp| start + sp + 1);
    }
    let mut end = text[start..]
        .char_indices()
        .nth(max_chars)
        .map_or(text.len(), |(i, _)| start + i);
    if end < text.len() {
        end = text[first.end.max(start)..end]
            .rfind(' ')
            .map_or(end, |sp| first.end.max(start) + sp);
    }
    let (start, end) = (floor_boundary(&text, start), floor_boundary(&text, end));
    let lead = if start > 0 { "…" } else { "" };
    let tail = if end < text.len() { "…" } else { "" };
    let shift = lead.len();
    let marks = ranges
        .into_iter()
        .filter(|r| r.start >= start && r.end <= end)
        .map(|r| r.start - start + shift..r.end - start + shift)
        .collect();
    Some(Snippet {
        text: format!("{lead}{}{tail}", &text[start..end]),
        marks,
    })
}

/// The beginning of `text` (about `max_chars` characters) as an unmarked snippet, for a hit
/// whose matching words are elsewhere.
#[must_use]
pub fn head_snippet(text: &str, max_chars: usize) -> Snippet {
    let text = one_line(text);
    let end = text
        .char_indices()
        .nth(max_chars)
        .map_or(text.len(), |(i, _)| i);
    let end = if end < text.len() {
        text[..end].rfind(' ').unwrap_or(end)
    } else {
        end
    };
    let tail = if end < text.len() { "…" } else { "" };
    Snippet {
        text: format!("{}{tail}", &text[..end]),
        marks: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norwegian_letters_fold_so_that_plain_letters_find_them() {
        assert_eq!(fold_for_search("Økonomi"), "okonomi");
        assert_eq!(fold_for_search("økonomi"), fold_for_search("OKONOMI"));
        assert_eq!(fold_for_search("Særutskrift"), "saerutskrift");
        assert_eq!(fold_for_search("Årsmelding"), "arsmelding");
        assert_eq!(fold_for_search("Kafé Müller"), "kafe muller");
    }

    #[test]
    fn a_query_is_prefix_words_and_quoted_phrases() {
        let t = parse_query("øko  \"til orientering\" 2024/M4");
        assert_eq!(t.len(), 4);
        assert_eq!(
            t[0],
            SearchTerm {
                words: vec!["oko".into()],
                prefix: true
            }
        );
        assert_eq!(
            t[1],
            SearchTerm {
                words: vec!["til".into(), "orientering".into()],
                prefix: false
            }
        );
        assert_eq!(t[2].words, ["2024"]);
        assert_eq!(t[3].words, ["m4"]);
        assert!(parse_query("  - / ").is_empty());
        // A phrase still being typed: its last word is a prefix.
        let typing = parse_query("\"saken tas til ori");
        assert_eq!(typing.len(), 1);
        assert!(typing[0].prefix);
        assert_eq!(typing[0].words, ["saken", "tas", "til", "ori"]);
    }

    #[test]
    fn matches_are_marked_in_the_original_text() {
        let text = "Økonomirapport for Årø: økonomien er god.";
        let terms = parse_query("okonomi");
        let marked: Vec<&str> = match_ranges(text, &terms)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(marked, ["Økonomirapport", "økonomien"]);
        let phrase = parse_query("\"er god\"");
        let marked: Vec<&str> = match_ranges(text, &phrase)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(marked, ["er", "god"]);
    }

    #[test]
    fn a_snippet_shows_the_match_in_context_with_ellipses() {
        let text = format!(
            "{} Saken gjelder ny avtale om P360 for alle kommunene. {}",
            "Innledning. ".repeat(30),
            "Slutt. ".repeat(30)
        );
        let s = snippet(&text, &parse_query("p360"), 60).unwrap();
        assert!(
            s.text.starts_with('…') && s.text.ends_with('…'),
            "{}",
            s.text
        );
        assert!(s.text.chars().count() <= 64, "{}", s.text);
        assert_eq!(
            s.parts()
                .iter()
                .filter(|(_, hit)| *hit)
                .map(|(p, _)| *p)
                .collect::<Vec<_>>(),
            ["P360"]
        );
        assert_eq!(s.marked("[", "]").matches("[P360]").count(), 1);
        assert!(snippet("Ingen treff her", &parse_query("p360"), 60).is_none());
        let short = snippet("Vedtak om P360", &parse_query("p3"), 60).unwrap();
        assert_eq!(short.marked("[", "]"), "Vedtak om [P360]");
    }

    #[test]
    fn a_head_snippet_cuts_at_a_word() {
        let s = head_snippet("Saken tas til orientering og følges opp", 20);
        assert_eq!(s.text, "Saken tas til…");
        assert!(s.marks.is_empty());
    }
}
