//! Who took part in an item (Deltok): finding people by part of a name, adding guests.

use std::fmt::Write as _;

use egui::{Key, RichText};

use crate::app::minutes::MinutesCommand;
use crate::app::{Command, Core};
use crate::model::{Edit, Item, MeetingRecord, Person, PersonId};
use crate::ui::widgets::PaneCtx;

use super::fields::{Field, field_id, push_edit, take_focus};

// ---------------------------------------------------------------------------------------------
// Deltok

/// Whether `person` matches what was typed: every word of `query` is part of the name
/// (case-insensitive), so "elis sande" finds "Sande, Elisabeth".
#[must_use]
pub fn name_matches(query: &str, person: &Person) -> bool {
    let name = person.name.to_lowercase();
    let words: Vec<String> = query
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    !words.is_empty() && words.iter().all(|w| name.contains(w.as_str()))
}

/// A name as typed ("Ola Nordmann" or "Nordmann, Ola") in list form "Nordmann, Ola".
#[must_use]
pub fn list_name(typed: &str) -> String {
    let typed = typed.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some((surname, given)) = typed.split_once(',') {
        let (surname, given) = (surname.trim(), given.trim());
        return if given.is_empty() {
            surname.to_owned()
        } else {
            format!("{surname}, {given}")
        };
    }
    match typed.rsplit_once(' ') {
        Some((given, surname)) => format!("{surname}, {given}"),
        None => typed,
    }
}

/// A key for a new person in the style of the others ("nordmann-o" for "Nordmann, Ola"),
/// made unique against `taken`.
#[must_use]
pub fn person_key(list_name: &str, taken: &dyn Fn(&str) -> bool) -> String {
    fn ascii(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars().flat_map(char::to_lowercase) {
            match c {
                'æ' => out.push_str("ae"),
                'ø' | 'ö' => out.push('o'),
                'å' | 'ä' | 'á' | 'à' => out.push('a'),
                'é' | 'è' | 'ê' => out.push('e'),
                'ü' | 'ú' => out.push('u'),
                c if c.is_ascii_alphanumeric() => out.push(c),
                ' ' | '-' => out.push('-'),
                _ => {}
            }
        }
        out.trim_matches('-').to_owned()
    }
    let (surname, given) = list_name.split_once(',').unwrap_or((list_name, ""));
    let initials: String = given
        .split_whitespace()
        .filter_map(|g| ascii(g).chars().next())
        .collect();
    let mut base = ascii(surname);
    if base.is_empty() {
        "person".clone_into(&mut base);
    }
    if !initials.is_empty() {
        base = format!("{base}-{initials}");
    }
    let mut key = base.clone();
    let mut n = 2;
    while taken(&key) {
        key = format!("{base}-{n}");
        n += 1;
    }
    key
}

/// Everyone who can be picked: the database's people and the meeting's, each once.
pub(super) fn candidates<'a>(core: &'a Core, record: &'a MeetingRecord) -> Vec<&'a Person> {
    let mut out: Vec<&Person> = core.people.iter().collect();
    for p in &record.people {
        if !core.people.iter().any(|q| q.id == p.id) {
            out.push(p);
        }
    }
    out
}

/// What Enter in the guest box picks for `query`: the first person matching it who is not a
/// guest yet, or a new person when nobody at all matches a full name (given and surname).
/// Part of the name of someone already listed picks nobody.
pub(super) fn pick_guest(query: &str, people: &[&Person], guests: &[PersonId]) -> Option<Person> {
    let matching: Vec<&Person> = people
        .iter()
        .copied()
        .filter(|p| name_matches(query, p))
        .collect();
    if let Some(p) = matching.iter().find(|p| !guests.contains(&p.id)) {
        return Some((*p).clone());
    }
    let typed_name = list_name(query);
    let exact = people
        .iter()
        .any(|p| p.name.eq_ignore_ascii_case(&typed_name));
    (matching.is_empty() && !exact && query.split_whitespace().count() >= 2)
        .then(|| new_person(&typed_name, people))
}

/// Takes an Enter for the guest box out of this frame's input, with the text typed before it
/// (which belongs to the name being finished). Text typed after it stays for the box, so a
/// fast typist's next name loses no key.
pub(super) fn take_enter(ui: &egui::Ui) -> Option<String> {
    ui.ctx().input_mut(|i| {
        let pos = i.events.iter().position(|e| {
            matches!(e, egui::Event::Key { key: Key::Enter, pressed: true, modifiers, .. } if modifiers.is_none())
        })?;
        let mut before = String::new();
        let mut kept = Vec::with_capacity(i.events.len());
        for (k, e) in i.events.drain(..).enumerate() {
            match e {
                egui::Event::Text(t) if k < pos => before.push_str(&t),
                _ if k == pos => {}
                e => kept.push(e),
            }
        }
        i.events = kept;
        Some(before)
    })
}

/// Deltok: the item's guests, and a box that adds one by part of a name, or a new person.
pub(super) fn guests_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, core: &Core, item: &Item) {
    let lang = ctx.lang;
    let editable = ctx.editable();
    let open = ctx.open;
    let record = &open.record;
    let id = field_id(Field::Guests, item.number);
    let people = candidates(core, record);
    let mut remove = None;
    let mut add: Option<Person> = None;

    // Enter in the box: finish this name before the box sees the keys after it.
    if editable
        && ui.memory(|m| m.has_focus(id))
        && let Some(before) = take_enter(ui)
    {
        let query = &mut ctx.runtime.minutes.guest_query;
        query.push_str(&before);
        add = pick_guest(query.trim(), &people, &item.guests);
        if add.is_some() {
            query.clear();
        }
    }

    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(lang.tr("Deltok (Alt+D):", "Took part (Alt+D):")).strong());
        for g in &item.guests {
            let name = record.name_of(g);
            ui.label(&name);
            if ui
                .add_enabled(editable, egui::Button::new("✖").small())
                .on_hover_text(lang.tr("Fjern", "Remove"))
                .clicked()
            {
                remove = Some(g.clone());
            }
        }
        take_focus(ui, ctx, Field::Guests, item);
        let query = &mut ctx.runtime.minutes.guest_query;
        let _ = ui
            .add_enabled(
                editable,
                egui::TextEdit::singleline(query)
                    .id(id)
                    .desired_width(200.0)
                    .hint_text(lang.tr("Skriv navn …", "Type a name …")),
            )
            .accessible_name(lang.tr("Legg til deltaker", "Add a guest"));
        let query = query.trim().to_owned();
        if query.is_empty() {
            return;
        }
        let matching: Vec<&Person> = people
            .iter()
            .copied()
            .filter(|p| name_matches(&query, p))
            .collect();
        let found: Vec<&Person> = matching
            .iter()
            .copied()
            .filter(|p| !item.guests.contains(&p.id))
            .take(6)
            .collect();
        if found.is_empty() && !matching.is_empty() {
            ui.label(RichText::new(lang.tr("(deltar allerede)", "(already listed)")).weak());
        }
        for p in &found {
            let mut label = p.name.clone();
            if let Some(org) = &p.organization {
                let _ = write!(label, " ({org})");
            }
            if ui.small_button(label).clicked() {
                add = Some((*p).clone());
            }
        }
        let typed_name = list_name(&query);
        let exact = people
            .iter()
            .any(|p| p.name.eq_ignore_ascii_case(&typed_name));
        if !exact
            && ui
                .small_button(format!(
                    "+ {} «{typed_name}»",
                    lang.tr("Ny person", "New person")
                ))
                .clicked()
        {
            add = Some(new_person(&typed_name, &people));
        }
    });
    if let Some(g) = remove {
        let people = item.guests.iter().filter(|p| **p != g).cloned().collect();
        push_edit(
            ctx,
            Edit::SetGuests {
                item: item.number,
                people,
            },
        );
    }
    if let Some(person) = add
        && editable
    {
        let mut guests = item.guests.clone();
        if !guests.contains(&person.id) {
            guests.push(person.id.clone());
        }
        // The person first (added to the database when new), then the guest list naming them.
        ctx.commands
            .push(Command::Minutes(MinutesCommand::AddPerson(person)));
        push_edit(
            ctx,
            Edit::SetGuests {
                item: item.number,
                people: guests,
            },
        );
        ctx.runtime.minutes.guest_query.clear();
        ctx.runtime.minutes.focus = Some(Field::Guests);
    }
}

pub(super) fn new_person(list_name: &str, known: &[&Person]) -> Person {
    let key = person_key(list_name, &|k| known.iter().any(|p| p.id.as_str() == k));
    Person {
        id: PersonId(key),
        name: list_name.to_owned(),
        organization: None,
    }
}

// ---------------------------------------------------------------------------------------------
// Votes

#[cfg(test)]
mod tests {
    use super::*;

    fn person(key: &str, name: &str) -> Person {
        Person {
            id: key.into(),
            name: name.into(),
            organization: None,
        }
    }

    #[test]
    fn part_of_a_name_finds_the_person() {
        let p = person("sande-e", "Sande, Elisabeth");
        assert!(name_matches("sand", &p));
        assert!(name_matches("elis sande", &p));
        assert!(name_matches("Sande, E", &p));
        assert!(!name_matches("berg", &p));
        assert!(!name_matches("  ", &p));
    }

    #[test]
    fn enter_picks_a_match_or_a_new_person_but_never_a_guest_twice() {
        let sande = person("sande-e", "Sande, Elisabeth");
        let people = [&sande];
        assert_eq!(pick_guest("elis", &people, &[]), Some(sande.clone()));
        // Already a guest: part of her name adds nobody, not a new "elis".
        assert_eq!(pick_guest("elis", &people, &["sande-e".into()]), None);
        // One word that matches nobody is not yet a name.
        assert_eq!(pick_guest("kari", &people, &[]), None);
        let new = pick_guest("Kari Nordmann", &people, &[]).unwrap();
        assert_eq!(
            (new.id.as_str(), new.name.as_str()),
            ("nordmann-k", "Nordmann, Kari")
        );
    }

    #[test]
    fn a_typed_name_becomes_a_list_name_and_a_fresh_key() {
        assert_eq!(list_name("Ola  Nordmann"), "Nordmann, Ola");
        assert_eq!(list_name("Nordmann,Ola"), "Nordmann, Ola");
        assert_eq!(list_name("Åse Karin Gjære"), "Gjære, Åse Karin");
        assert_eq!(list_name("Cher"), "Cher");
        let taken = |k: &str| k == "gjaere-ak";
        assert_eq!(person_key("Gjære, Åse Karin", &taken), "gjaere-ak-2");
        assert_eq!(
            person_key("Frøystad, John Helge", &|_| false),
            "froystad-jh"
        );
    }
}
