//! Hurtigtaster: every keyboard shortcut of every pane in one window (F1, or Hjelp →
//! Hurtigtaster), in the interface language. The table here is the one list of them: a key
//! added to a pane belongs here too.

use crate::i18n::Lang;

/// One group of shortcuts: its title and (keys, what they do) pairs, in Norwegian and English.
struct Group {
    title: (&'static str, &'static str),
    keys: &'static [(&'static str, &'static str, &'static str)],
}

/// Every shortcut, pane by pane: (keys, Norwegian, English).
const GROUPS: &[Group] = &[
    Group {
        title: ("Overalt", "Everywhere"),
        keys: &[
            (
                "F1",
                "Denne listen over hurtigtaster",
                "This list of shortcuts",
            ),
            (
                "F5",
                "Møtemodus på/av, fra alle paneler, ved saken møtet er på",
                "Meeting mode on/off, from any pane, at the item the meeting is at",
            ),
            ("Ctrl+N", "Nytt møte", "New meeting"),
            ("Ctrl+K", "Søk i alle møter", "Search all meetings"),
            (
                "Ctrl+F",
                "Søk i alle møter (utenfor tekstfelt)",
                "Search all meetings (outside text fields)",
            ),
            ("Ctrl+Z", "Angre", "Undo"),
            ("Ctrl+Shift+Z / Ctrl+Y", "Gjør om", "Redo"),
            (
                "Tab / Shift+Tab",
                "Neste / forrige felt",
                "Next / previous field",
            ),
        ],
    },
    Group {
        title: ("Saksliste", "Agenda"),
        keys: &[
            (
                "Ctrl+Enter",
                "Ny sak etter den valgte (aldri etter Orienteringssaker og Eventuelt), med tittelen klar til å skrives",
                "New item after the selected one (never after Orienteringssaker and Eventuelt), its title ready for typing",
            ),
            (
                "Alt+↑ / Alt+↓",
                "Flytt den valgte saken",
                "Move the selected item",
            ),
            (
                "Alt+Delete",
                "Slett den valgte saken (kan angres)",
                "Delete the selected item (can be undone)",
            ),
        ],
    },
    Group {
        title: ("Referat (møtemodus)", "Minutes (meeting mode)"),
        keys: &[
            (
                "Alt+→ / Alt+←",
                "Neste / forrige sak",
                "Next / previous item",
            ),
            ("Alt+V", "Til vedtaket", "To the decision"),
            (
                "Alt+N",
                "Til notatene (markøren sist)",
                "To the notes (caret at the end)",
            ),
            ("Alt+D", "Legg til deltaker", "Add a guest"),
            ("Alt+O", "Ny oppfølging", "New follow-up"),
            (
                "Alt+F",
                "Bruk forslaget til vedtak",
                "Use the proposed decision",
            ),
            (
                "Alt+1 … Alt+9",
                "Hurtigfrase som vedtak",
                "Quick phrase as the decision",
            ),
            (
                "Enter (deltaker)",
                "Legg til personen som passer, eller en ny",
                "Add the matching person, or a new one",
            ),
        ],
    },
    Group {
        title: ("Notater og beskrivelser", "Notes and descriptions"),
        keys: &[
            (
                "Enter",
                "Nytt punkt i listen (nummerert: neste nummer); på et tomt punkt: ut av listen",
                "New bullet (numbered: the next number); on an empty bullet: leave the list",
            ),
            (
                "Tab / Shift+Tab",
                "Rykk punktet inn / ut",
                "Indent / outdent the bullet",
            ),
            ("Ctrl+B", "Fet skrift", "Bold"),
        ],
    },
    Group {
        title: ("Oppmøte (listen)", "Attendance (the list)"),
        keys: &[
            ("↑ / ↓ / Home / End", "Velg person", "Choose a person"),
            ("T", "Til stede", "Present"),
            ("F", "Forfall", "Absent (notice given)"),
            ("I", "Ikke møtt uten forfall", "Absent without notice"),
            ("Backspace", "Innkalt (nullstill)", "Summoned (reset)"),
            (
                "V",
                "Vara for … (velg med ↑/↓ og Enter, eller 1–9)",
                "Deputy for … (choose with ↑/↓ and Enter, or 1–9)",
            ),
            (
                "A / G",
                "Kom / gikk ved saken i fokus",
                "Arrived / left at the item in focus",
            ),
        ],
    },
];

/// Every shortcut as (pane, keys, what it does) in `lang`, for tests and the window.
#[must_use]
pub fn all_shortcuts(lang: Lang) -> Vec<(&'static str, &'static str, &'static str)> {
    GROUPS
        .iter()
        .flat_map(|g| {
            g.keys
                .iter()
                .map(move |(k, nb, en)| (lang.tr(g.title.0, g.title.1), *k, lang.tr(nb, en)))
        })
        .collect()
}

/// The shortcuts window, while `open`.
pub fn shortcuts_window(ctx: &egui::Context, lang: Lang, open: &mut bool) {
    egui::Window::new(lang.tr("Hurtigtaster", "Keyboard shortcuts"))
        .open(open)
        .collapsible(false)
        .default_width(620.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                for (g, group) in GROUPS.iter().enumerate() {
                    ui.add_space(4.0);
                    ui.label(egui::RichText::new(lang.tr(group.title.0, group.title.1)).strong());
                    egui::Grid::new(("shortcuts_grid", g))
                        .num_columns(2)
                        .spacing([16.0, 4.0])
                        .striped(true)
                        .show(ui, |ui| {
                            for (keys, nb, en) in group.keys {
                                ui.label(egui::RichText::new(*keys).monospace());
                                ui.add(egui::Label::new(lang.tr(nb, en)).wrap());
                                ui.end_row();
                            }
                        });
                }
            });
        });
}
