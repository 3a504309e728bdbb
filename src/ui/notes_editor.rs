//! The notes editor: Markdown kept plain and readable as typed, with help for lists.
//!
//! - Tab / Shift+Tab indent or outdent the bullet lines the cursor touches (two spaces a level).
//! - Enter on a bullet line starts the next bullet at the same depth (a numbered line the next
//!   number); Enter on an empty bullet ends the list.
//! - Typing a marker (`- `, `2. `) on the bullet Enter just made replaces it: no `- - `.
//! - Ctrl+B wraps the selection in `**…**` (or unwraps it), or inserts `****` with the cursor
//!   in the middle.
//!
//! The text operations are plain functions on (text, selection) so they are tested without egui.

use egui::text::{CCursor, CCursorRange};
use egui::{Event, Key, Modifiers};

/// A selection in char offsets: `anchor` stays, `cursor` moves. Equal when nothing is selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sel {
    /// Where the selection started.
    pub anchor: usize,
    /// Where the cursor is.
    pub cursor: usize,
}

impl Sel {
    /// A cursor with no selection.
    #[must_use]
    pub fn at(i: usize) -> Self {
        Self {
            anchor: i,
            cursor: i,
        }
    }

    fn range(self) -> (usize, usize) {
        (self.anchor.min(self.cursor), self.anchor.max(self.cursor))
    }
}

/// The byte offset of char offset `chars` (the end when past it).
fn byte_at(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(b, _)| b)
}

fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// The byte range of the line holding byte offset `at` (without its newline).
fn line_bounds(text: &str, at: usize) -> (usize, usize) {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    (start, end)
}

/// A list line (a bullet or a numbered item): its indentation (bytes), the marker the next
/// item gets (`-`, or `4.` after `3.`), and the byte offset where its content starts. `None`
/// for any other line.
fn bullet(line: &str) -> Option<(usize, String, usize)> {
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    let rest = &line[indent..];
    let first = rest.chars().next()?;
    let (next, after) = if matches!(first, '-' | '*' | '+' | '•') {
        (first.to_string(), indent + first.len_utf8())
    } else {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let close = rest[digits..].chars().next()?;
        if digits == 0 || digits > 9 || !matches!(close, '.' | ')') {
            return None;
        }
        let n: u32 = rest[..digits].parse().ok()?;
        (format!("{}{close}", n + 1), indent + digits + 1)
    };
    match line[after..].chars().next() {
        None => Some((indent, next, after)),
        Some(' ' | '\t') => {
            let content = after + (line[after..].len() - line[after..].trim_start().len());
            Some((indent, next, content))
        }
        Some(_) => None,
    }
}

/// Types `s` at the selection. A marker typed on a list line that has nothing but its marker
/// (as Enter left it) takes that marker's place, so `- ` after an automatic `- ` is one bullet.
#[must_use]
pub fn type_text(text: &str, sel: Sel, s: &str) -> (String, Sel) {
    let (out, at) = insert(text, sel, s);
    let b = byte_at(&out, at.cursor);
    let (start, end) = line_bounds(&out, b);
    if b != end {
        return (out, at);
    }
    let line = &out[start..end];
    let Some((indent, _, content)) = bullet(line) else {
        return (out, at);
    };
    let typed = &line[content..];
    // The typed marker must be complete (with its space) and alone on the line.
    match bullet(typed) {
        Some((0, _, c)) if c == typed.len() && typed.ends_with(' ') => {
            let fixed = format!("{}{}{typed}{}", &out[..start], &line[..indent], &out[end..]);
            let cursor = char_len(&out[..start]) + char_len(&line[..indent]) + char_len(typed);
            (fixed, Sel::at(cursor))
        }
        _ => (out, at),
    }
}

/// Inserts `s` at the selection (replacing it).
#[must_use]
pub fn insert(text: &str, sel: Sel, s: &str) -> (String, Sel) {
    let (a, b) = sel.range();
    let (ba, bb) = (byte_at(text, a), byte_at(text, b));
    let mut out = String::with_capacity(text.len() + s.len());
    out.push_str(&text[..ba]);
    out.push_str(s);
    out.push_str(&text[bb..]);
    (out, Sel::at(a + char_len(s)))
}

/// Tab / Shift+Tab: indents (or outdents) every bullet line the selection touches by two
/// spaces. `None` when no bullet line is touched.
#[must_use]
pub fn indent(text: &str, sel: Sel, outdent: bool) -> Option<(String, Sel)> {
    let (a, b) = sel.range();
    let (ba, bb) = (byte_at(text, a), byte_at(text, b));
    let first = line_bounds(text, ba).0;
    let last_end = line_bounds(text, bb).1;
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    let mut any = false;
    // Char shifts for the anchor and the cursor.
    let (mut shift_anchor, mut shift_cursor) = (0isize, 0isize);
    let mut line_start_chars = char_len(&text[..first]);
    for (n, line) in text[first..last_end].split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let line_chars = char_len(line);
        let mut delta = 0isize;
        if let Some((ind, _, _)) = bullet(line) {
            any = true;
            if outdent {
                let remove = line[..ind]
                    .chars()
                    .take(2)
                    .take_while(|c| *c == ' ')
                    .count();
                let remove = if remove == 0 && line.starts_with('\t') {
                    1
                } else {
                    remove
                };
                out.push_str(&line[remove..]);
                delta = -(remove as isize);
            } else {
                out.push_str("  ");
                out.push_str(line);
                delta = 2;
            }
        } else {
            out.push_str(line);
        }
        if delta != 0 {
            let line_end_chars = line_start_chars + line_chars;
            for (pos, shift) in [
                (sel.anchor, &mut shift_anchor),
                (sel.cursor, &mut shift_cursor),
            ] {
                if pos >= line_start_chars && pos <= line_end_chars {
                    let offset = (pos - line_start_chars) as isize;
                    // A position inside removed indentation moves to the line start.
                    *shift += if delta < 0 { delta.max(-offset) } else { delta };
                }
            }
        }
        line_start_chars += line_chars + 1;
    }
    out.push_str(&text[last_end..]);
    if !any {
        return None;
    }
    let apply = |p: usize, s: isize| p.saturating_add_signed(s);
    Some((
        out,
        Sel {
            anchor: apply(sel.anchor, shift_anchor),
            cursor: apply(sel.cursor, shift_cursor),
        },
    ))
}

/// Enter: on a bullet line with content, starts a new bullet at the same depth (the text after
/// the cursor moves into it); on an empty bullet, ends the list (the marker goes). `None` when
/// the cursor is not on a bullet line after its marker.
#[must_use]
pub fn enter(text: &str, sel: Sel) -> Option<(String, Sel)> {
    let (a, _) = sel.range();
    let ba = byte_at(text, a);
    let (start, end) = line_bounds(text, ba);
    let line = &text[start..end];
    let (indent, marker, content) = bullet(line)?;
    if ba - start < content {
        return None;
    }
    if line[content..].trim().is_empty() {
        // An empty bullet ends the list: its line becomes the blank line before the next
        // paragraph, and the cursor starts that paragraph.
        let mut out = String::with_capacity(text.len() + 1);
        out.push_str(&text[..start]);
        out.push('\n');
        out.push_str(&text[end..]);
        return Some((out, Sel::at(char_len(&text[..start]) + 1)));
    }
    let prefix = format!("\n{}{marker} ", &line[..indent]);
    Some(insert(text, sel, &prefix))
}

/// Ctrl+B: wraps the selection in `**`, unwraps it when it is already wrapped, or inserts
/// `****` with the cursor between the pairs. Without a selection right before a closing `**`,
/// it steps over it (ends the bold text); between an empty pair, it removes the pair.
#[must_use]
pub fn bold(text: &str, sel: Sel) -> (String, Sel) {
    let (a, b) = sel.range();
    let (ba, bb) = (byte_at(text, a), byte_at(text, b));
    if a == b {
        let before = text[..ba].ends_with("**");
        let after = text[ba..].starts_with("**");
        if before && after {
            let out = format!("{}{}", &text[..ba - 2], &text[ba + 2..]);
            return (out, Sel::at(a - 2));
        }
        if after {
            return (text.to_owned(), Sel::at(a + 2));
        }
        let (out, _) = insert(text, sel, "****");
        return (out, Sel::at(a + 2));
    }
    let selected = &text[ba..bb];
    if text[..ba].ends_with("**") && text[bb..].starts_with("**") {
        let out = format!("{}{selected}{}", &text[..ba - 2], &text[bb + 2..]);
        return (
            out,
            Sel {
                anchor: a - 2,
                cursor: b - 2,
            },
        );
    }
    if selected.len() >= 4 && selected.starts_with("**") && selected.ends_with("**") {
        let out = format!(
            "{}{}{}",
            &text[..ba],
            &selected[2..selected.len() - 2],
            &text[bb..]
        );
        return (
            out,
            Sel {
                anchor: a,
                cursor: b - 4,
            },
        );
    }
    let out = format!("{}**{selected}**{}", &text[..ba], &text[bb..]);
    (
        out,
        Sel {
            anchor: a + 2,
            cursor: b + 2,
        },
    )
}

/// What a key event means to the editor.
enum Special {
    Indent,
    Outdent,
    Enter,
    Bold,
}

fn special(event: &Event) -> Option<Special> {
    let Event::Key {
        key,
        pressed: true,
        modifiers,
        ..
    } = event
    else {
        return None;
    };
    match key {
        Key::Tab if modifiers.is_none() => Some(Special::Indent),
        Key::Tab if modifiers.shift_only() => Some(Special::Outdent),
        Key::Enter if modifiers.is_none() => Some(Special::Enter),
        Key::B if modifiers.command_only() => Some(Special::Bold),
        _ => None,
    }
}

/// A multiline Markdown editor over `text`. Returns the widget's response and the new text
/// when it changed this frame.
pub fn markdown_editor(
    ui: &mut egui::Ui,
    id: egui::Id,
    text: &str,
    hint: &str,
    rows: usize,
    enabled: bool,
) -> (egui::Response, Option<String>) {
    let mut buf = text.to_owned();
    if enabled && ui.memory(|m| m.has_focus(id)) {
        pre_edit(ui, id, &mut buf);
    }
    let response = ui.add_enabled(
        enabled,
        egui::TextEdit::multiline(&mut buf)
            .id(id)
            .lock_focus(true)
            .hint_text(hint)
            .desired_rows(rows)
            .desired_width(f32::INFINITY),
    );
    let changed = (buf != text).then_some(buf);
    (response, changed)
}

/// Whether the `TextEdit` acts on key `event` (so typing after it must wait for it).
fn edits(event: &Event) -> bool {
    match event {
        Event::Key {
            key,
            pressed: true,
            modifiers,
            ..
        } => {
            modifiers.command
                || modifiers.ctrl
                || modifiers.alt
                || matches!(
                    key,
                    Key::Backspace
                        | Key::Delete
                        | Key::ArrowLeft
                        | Key::ArrowRight
                        | Key::ArrowUp
                        | Key::ArrowDown
                        | Key::Home
                        | Key::End
                        | Key::PageUp
                        | Key::PageDown
                        | Key::Escape
                        | Key::Insert
                )
        }
        Event::Key { pressed: false, .. }
        | Event::ModifiersChanged(_)
        | Event::PointerMoved(_)
        | Event::MouseMoved(_)
        | Event::WindowFocused(_) => false,
        _ => true,
    }
}

/// Carries out the frame's typing and the editor's own keys on `buf` in the order they came,
/// up to the first key the `TextEdit` itself acts on (arrows, Backspace, …), which it gets with
/// the rest; moves the stored cursor.
fn pre_edit(ui: &egui::Ui, id: egui::Id, buf: &mut String) {
    let ours = |e: &Event| matches!(e, Event::Text(_)) || special(e).is_some();
    if !ui.input(|i| i.events.iter().any(ours)) {
        return;
    }
    let mut state = egui::TextEdit::load_state(ui.ctx(), id).unwrap_or_default();
    let mut sel = state.cursor.char_range().map_or_else(
        || Sel::at(char_len(buf)),
        |r| Sel {
            anchor: r.secondary.index.0,
            cursor: r.primary.index.0,
        },
    );
    let len = char_len(buf);
    sel.anchor = sel.anchor.min(len);
    sel.cursor = sel.cursor.min(len);
    let mut handled = false;
    ui.ctx().input_mut(|i| {
        let mut j = 0;
        while j < i.events.len() {
            let result = match &i.events[j] {
                Event::Text(t) => Some(Some(type_text(buf, sel, t))),
                e => special(e).map(|kind| match kind {
                    Special::Indent => indent(buf, sel, false),
                    Special::Outdent => indent(buf, sel, true),
                    Special::Enter => {
                        Some(enter(buf, sel).unwrap_or_else(|| insert(buf, sel, "\n")))
                    }
                    Special::Bold => Some(bold(buf, sel)),
                }),
            };
            match result {
                Some(done) => {
                    if let Some((out, s)) = done {
                        *buf = out;
                        sel = s;
                    }
                    i.events.remove(j);
                    handled = true;
                }
                None if edits(&i.events[j]) => break,
                None => j += 1,
            }
        }
        // The shortcut keys are consumed: nobody else acts on them this frame.
        let _ = i.consume_key(Modifiers::COMMAND, Key::B);
    });
    if handled {
        state.cursor.set_char_range(Some(CCursorRange::two(
            CCursor::new(sel.anchor),
            CCursor::new(sel.cursor),
        )));
        state.store(ui.ctx(), id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, marker: &str) -> Sel {
        Sel::at(char_len(&text[..text.find(marker).unwrap()]))
    }

    #[test]
    fn tab_indents_a_bullet_and_shift_tab_outdents_it() {
        let text = "- a\n- b";
        let (t, s) = indent(text, at(text, "b"), false).unwrap();
        assert_eq!(t, "- a\n  - b");
        assert_eq!(s, at(&t, "b"));
        let (t, s) = indent(&t, s, true).unwrap();
        assert_eq!(t, "- a\n- b");
        assert_eq!(s, at(&t, "b"));
    }

    #[test]
    fn tab_on_a_paragraph_does_nothing() {
        assert_eq!(indent("Avsnitt", Sel::at(3), false), None);
    }

    #[test]
    fn tab_over_a_selection_indents_every_bullet_in_it() {
        let text = "- a\n- b\n- c";
        let sel = Sel {
            anchor: 5,
            cursor: char_len(text),
        };
        let (t, _) = indent(text, sel, false).unwrap();
        assert_eq!(t, "- a\n  - b\n  - c");
    }

    #[test]
    fn enter_continues_a_list_at_its_depth_and_an_empty_bullet_ends_it() {
        let text = "Innledning\n  - ære";
        let (t, s) = enter(text, Sel::at(char_len(text))).unwrap();
        assert_eq!(t, "Innledning\n  - ære\n  - ");
        let (t, s) = enter(&t, s).unwrap();
        assert_eq!(t, "Innledning\n  - ære\n\n");
        assert_eq!(s, Sel::at(char_len(&t)));
        assert_eq!(enter("Avsnitt", Sel::at(3)), None);
    }

    #[test]
    fn a_marker_typed_on_an_automatic_bullet_replaces_it() {
        let text = "- første";
        let (t, s) = enter(text, Sel::at(char_len(text))).unwrap();
        assert_eq!(t, "- første\n- ");
        // Typed key by key, as a referent used to lists does.
        let (t, s) = type_text(&t, s, "-");
        let (t, s) = type_text(&t, s, " ");
        assert_eq!(t, "- første\n- ");
        let (t, _) = type_text(&t, s, "andre");
        assert_eq!(t, "- første\n- andre");
        // A dash inside the text is text.
        let (t, _) = type_text("- a", Sel::at(3), " - b");
        assert_eq!(t, "- a - b");
    }

    #[test]
    fn numbered_lines_continue_with_the_next_number() {
        let text = "1. Budsjett";
        let (t, s) = enter(text, Sel::at(char_len(text))).unwrap();
        assert_eq!(t, "1. Budsjett\n2. ");
        let (t, s) = type_text(&t, s, "2. ");
        assert_eq!(t, "1. Budsjett\n2. ");
        let (t, s) = type_text(&t, s, "Regnskap");
        let (t, s) = enter(&t, s).unwrap();
        let (t, _) = enter(&t, s).unwrap();
        assert_eq!(t, "1. Budsjett\n2. Regnskap\n\n");
        assert_eq!(enter("3.5 mill", Sel::at(8)), None);
    }

    #[test]
    fn enter_in_the_middle_of_a_bullet_splits_it() {
        let text = "- første andre";
        let (t, _) = enter(text, at(text, "andre")).unwrap();
        assert_eq!(t, "- første \n- andre");
    }

    #[test]
    fn ctrl_b_wraps_and_unwraps_the_selection() {
        let text = "et viktig poeng";
        let sel = Sel {
            anchor: 3,
            cursor: 9,
        };
        let (t, s) = bold(text, sel);
        assert_eq!(t, "et **viktig** poeng");
        let (t, _) = bold(&t, s);
        assert_eq!(t, text);
        let (t, s) = bold("ab", Sel::at(1));
        assert_eq!((t.as_str(), s), ("a****b", Sel::at(3)));
        // Again right away: the empty pair goes.
        assert_eq!(bold(&t, s), ("ab".to_owned(), Sel::at(1)));
        // After typing bold text, Ctrl+B steps out of it.
        let (t, s) = insert(&t, s, "fet");
        let (t, s) = bold(&t, s);
        assert_eq!(t, "a**fet**b");
        assert_eq!(s, Sel::at(8));
    }

    #[test]
    fn the_result_is_markdown_the_minutes_understand() {
        use crate::model::{Block, parse_markdown};
        let mut text = String::new();
        let mut sel = Sel::at(0);
        for step in [
            "- Helseplattformen",
            "\n",
            "\t",
            "sluttrapport",
            "\n",
            "\n",
            "Avsnitt",
        ] {
            let (t, s) = match step {
                "\n" => enter(&text, sel).unwrap_or_else(|| insert(&text, sel, "\n")),
                "\t" => indent(&text, sel, false).unwrap(),
                s => insert(&text, sel, s),
            };
            text = t;
            sel = s;
        }
        assert_eq!(text, "- Helseplattformen\n  - sluttrapport\n\nAvsnitt");
        let blocks = parse_markdown(&text);
        assert!(matches!(&blocks[1], Block::Bullet { level: 1, .. }));
        assert!(matches!(&blocks[2], Block::Paragraph(_)));
    }
}
