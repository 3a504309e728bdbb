//! Input in the order it came: a frame's events are cut before the second shortcut that can
//! move the focus or the item (Alt+…, Ctrl+…, F-keys), so every shortcut is the first key of
//! its frame. The text typed before a shortcut reaches its field in one frame; the shortcut and
//! what follows it wait for the next frame, which starts at once. Tab (which egui acts on at the
//! start of the frame it came in) is cut after: the keys typed after it wait for the field it
//! moves to.
//!
//! A fast typist's frame can hold "…tekst", Alt+→, "Vedtak …": without the cut, the pane reads
//! Alt+→ before its fields are drawn and the last letters land in the next item or nowhere.

use egui::Event;

/// Whether `event` is a shortcut that may move the focus or the item in focus.
fn is_shortcut(event: &Event) -> bool {
    let Event::Key {
        key,
        pressed: true,
        modifiers,
        ..
    } = event
    else {
        return false;
    };
    modifiers.alt
        || modifiers.ctrl
        || modifiers.command
        || modifiers.mac_cmd
        || matches!(
            key,
            egui::Key::F1
                | egui::Key::F2
                | egui::Key::F3
                | egui::Key::F4
                | egui::Key::F5
                | egui::Key::F6
                | egui::Key::F7
                | egui::Key::F8
                | egui::Key::F9
                | egui::Key::F10
                | egui::Key::F11
                | egui::Key::F12
        )
}

/// Whether `event` is Tab or Shift+Tab, which moves the focus to the next or previous field.
fn is_tab(event: &Event) -> bool {
    matches!(event, Event::Key { key: egui::Key::Tab, pressed: true, modifiers, .. }
        if !modifiers.any() || modifiers.shift_only())
}

/// Whether `event` is typing: something a focused field takes in.
fn is_typing(event: &Event) -> bool {
    matches!(
        event,
        Event::Text(_)
            | Event::Paste(_)
            | Event::Copy
            | Event::Cut
            | Event::Ime(_)
            | Event::Key { pressed: true, .. }
    )
}

/// Where to cut `events`: before the first shortcut that has typing (or another shortcut)
/// before it, or after a Tab with typing after it. `None` when the frame needs no cut.
#[must_use]
pub fn cut_at(events: &[Event]) -> Option<usize> {
    let mut typed = false;
    for (k, e) in events.iter().enumerate() {
        if is_shortcut(e) && typed {
            return Some(k);
        }
        if is_tab(e) && events[k + 1..].iter().any(is_typing) {
            return Some(k + 1);
        }
        typed |= is_typing(e);
    }
    None
}

/// Puts the events held back last frame in front of this frame's, and holds back everything
/// from the cut on. Called first thing in the frame, before any pane reads input.
pub fn order_frame(ctx: &egui::Context, held: &mut Vec<Event>) {
    let mut cut = false;
    ctx.input_mut(|i| {
        if !held.is_empty() {
            let newer = std::mem::take(&mut i.events);
            i.events = std::mem::take(held);
            i.events.extend(newer);
        }
        if let Some(k) = cut_at(&i.events) {
            *held = i.events.split_off(k);
            cut = true;
        }
    });
    if cut {
        ctx.request_repaint();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Key, Modifiers};

    fn key(key: Key, modifiers: Modifiers) -> Event {
        Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers,
        }
    }

    #[test]
    fn a_shortcut_after_typing_waits_for_the_next_frame() {
        let events = vec![
            Event::Text("teks".into()),
            Event::Text("t".into()),
            key(Key::ArrowRight, Modifiers::ALT),
            Event::Text("Vedtak".into()),
        ];
        assert_eq!(cut_at(&events), Some(2));
    }

    #[test]
    fn a_shortcut_first_in_the_frame_is_kept_with_the_typing_after_it() {
        let events = vec![
            key(Key::N, Modifiers::ALT),
            Event::Text("Notat".into()),
            key(Key::ArrowRight, Modifiers::ALT),
            Event::Text("x".into()),
        ];
        assert_eq!(cut_at(&events), Some(2));
        assert_eq!(cut_at(&events[2..]), None);
        assert_eq!(cut_at(&[Event::Text("abc".into())]), None);
    }

    #[test]
    fn the_typing_after_a_tab_waits_for_the_field_it_moves_to() {
        let events = vec![
            Event::Text("Kari".into()),
            key(Key::Tab, Modifiers::NONE),
            Event::Text("Molde".into()),
        ];
        assert_eq!(cut_at(&events), Some(2));
        assert_eq!(cut_at(&events[..2]), None);
    }
}
