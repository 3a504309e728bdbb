//! The parts of an item in meeting mode below the notes: who took part (Deltok), the vote
//! and the follow-ups.

use std::fmt::Write as _;

use egui::{Key, RichText};

use crate::app::{Command, Core};
use crate::i18n::Lang;
use crate::model::{
    AttendanceStatus, Deadline, Edit, FollowUp, Item, ItemText, MeetingRecord, Person, PersonId,
    Vote, in_room, voting_members,
};

use super::minutes_ui::{Field, field_id, push_edit, take_focus};
use super::widgets::PaneCtx;

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
fn candidates<'a>(core: &'a Core, record: &'a MeetingRecord) -> Vec<&'a Person> {
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
fn pick_guest(query: &str, people: &[&Person], guests: &[PersonId]) -> Option<Person> {
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
fn take_enter(ui: &egui::Ui) -> Option<String> {
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
        let query = &mut ctx.runtime.minutes.guest_query;
        let response = ui
            .add_enabled(
                editable,
                egui::TextEdit::singleline(query)
                    .id(id)
                    .desired_width(200.0)
                    .hint_text(lang.tr("Skriv navn …", "Type a name …")),
            )
            .accessible_name(lang.tr("Legg til deltaker", "Add a guest"));
        let query = query.trim().to_owned();
        take_focus(ctx, Field::Guests, &response);
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
        ctx.commands.push(Command::AddPerson(person));
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

fn new_person(list_name: &str, known: &[&Person]) -> Person {
    let key = person_key(list_name, &|k| known.iter().any(|p| p.id.as_str() == k));
    Person {
        id: PersonId(key),
        name: list_name.to_owned(),
        organization: None,
    }
}

// ---------------------------------------------------------------------------------------------
// Votes

/// The vote's result line as the minutes write it, with surnames.
#[must_use]
pub fn result_line(record: &MeetingRecord, vote: &Vote) -> String {
    vote.result_line(&|p| crate::model::surname(&record.name_of(p)).to_owned())
}

/// Who may vote on item `item`: everyone in the room who holds a seat (a voting member
/// present, or a deputy meeting for one). Without attendance recorded: the voting members.
#[must_use]
pub fn voters(record: &MeetingRecord, item: u32) -> Vec<PersonId> {
    let members = voting_members(record);
    let meeting = &record.meeting;
    if meeting
        .attendance
        .iter()
        .all(|a| a.status == AttendanceStatus::Summoned)
    {
        return members;
    }
    meeting
        .attendance
        .iter()
        .filter(|row| in_room(meeting, row, item))
        .filter(|row| {
            let seat = match row.status {
                AttendanceStatus::Deputy => row.deputy_for.as_ref(),
                _ => Some(&row.person),
            };
            seat.is_some_and(|s| members.contains(s))
        })
        .map(|row| row.person.clone())
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum VoteKind {
    None,
    Unanimous,
    Counted,
    Named,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Choice {
    For,
    Against,
    Abstaining,
}

fn kind_of(vote: Option<&Vote>) -> VoteKind {
    match vote {
        None => VoteKind::None,
        Some(Vote::Unanimous) => VoteKind::Unanimous,
        Some(Vote::Counted { .. }) => VoteKind::Counted,
        Some(Vote::Named { .. }) => VoteKind::Named,
    }
}

/// Avstemning: none, unanimous, counts, or by name; and the result line.
pub(super) fn vote_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, item: &Item) {
    let lang = ctx.lang;
    let editable = ctx.editable();
    let open = ctx.open;
    let record = &open.record;
    let current = kind_of(item.vote.as_ref());
    let mut new_vote: Option<Option<Vote>> = None;
    ui.horizontal(|ui| {
        ui.label(RichText::new(lang.tr("Avstemning:", "Vote:")).strong());
        let kinds = [
            (VoteKind::None, lang.tr("Ingen", "None")),
            (VoteKind::Unanimous, lang.tr("Enstemmig", "Unanimous")),
            (VoteKind::Counted, lang.tr("Opptelling", "Counted")),
            (VoteKind::Named, lang.tr("Navnevis", "By name")),
        ];
        for (kind, label) in kinds {
            if ui
                .add_enabled(editable, egui::Button::selectable(current == kind, label))
                .clicked()
                && kind != current
            {
                new_vote = Some(match kind {
                    VoteKind::None => None,
                    VoteKind::Unanimous => Some(Vote::Unanimous),
                    VoteKind::Counted => Some(Vote::Counted {
                        for_votes: 0,
                        against: 0,
                        abstaining: 0,
                    }),
                    VoteKind::Named => Some(Vote::Named {
                        for_votes: Vec::new(),
                        against: Vec::new(),
                        abstaining: Vec::new(),
                    }),
                });
            }
        }
    });
    match &item.vote {
        Some(Vote::Counted {
            for_votes,
            against,
            abstaining,
        }) => {
            ui.horizontal(|ui| {
                let mut counts = [*for_votes, *against, *abstaining];
                let labels = [
                    lang.tr("For", "For"),
                    lang.tr("Mot", "Against"),
                    lang.tr("Avsto", "Abstained"),
                ];
                let mut changed = false;
                for (k, label) in labels.iter().enumerate() {
                    let l = ui.label(*label);
                    let id = egui::Id::unique(("minutes_vote_count", item.number, k));
                    if let Some(v) = count_field(ui, id, counts[k], editable, l.id) {
                        counts[k] = v;
                        changed = true;
                    }
                }
                if changed {
                    new_vote = Some(Some(Vote::Counted {
                        for_votes: counts[0],
                        against: counts[1],
                        abstaining: counts[2],
                    }));
                }
            });
        }
        Some(Vote::Named {
            for_votes,
            against,
            abstaining,
        }) => {
            let choice_of = |p: &PersonId| {
                if for_votes.contains(p) {
                    Some(Choice::For)
                } else if against.contains(p) {
                    Some(Choice::Against)
                } else if abstaining.contains(p) {
                    Some(Choice::Abstaining)
                } else {
                    None
                }
            };
            let mut people = voters(record, item.number);
            // Anyone recorded who is no longer counted as present still shows.
            for p in for_votes.iter().chain(against).chain(abstaining) {
                if !people.contains(p) {
                    people.push(p.clone());
                }
            }
            let mut set: Option<(PersonId, Option<Choice>)> = None;
            let mut all_for = false;
            egui::Grid::new(("minutes_named_vote", item.number))
                .num_columns(4)
                .striped(true)
                .show(ui, |ui| {
                    ui.label("");
                    ui.label(RichText::new(lang.tr("For", "For")).strong());
                    ui.label(RichText::new(lang.tr("Mot", "Against")).strong());
                    ui.label(RichText::new(lang.tr("Avsto", "Abstained")).strong());
                    ui.end_row();
                    for p in &people {
                        let name = record.name_of(p);
                        ui.label(&name);
                        let now = choice_of(p);
                        for (c, word) in [
                            (Choice::For, lang.tr("for", "for")),
                            (Choice::Against, lang.tr("mot", "against")),
                            (Choice::Abstaining, lang.tr("avsto", "abstained")),
                        ] {
                            let r = ui
                                .add_enabled(editable, egui::RadioButton::new(now == Some(c), ""))
                                .accessible_name(format!("{name} {word}"));
                            if r.clicked() {
                                set =
                                    Some((p.clone(), if now == Some(c) { None } else { Some(c) }));
                            }
                        }
                        ui.end_row();
                    }
                });
            if ui
                .add_enabled(
                    editable,
                    egui::Button::new(lang.tr("Alle for", "All for")).small(),
                )
                .clicked()
            {
                all_for = true;
            }
            if all_for || set.is_some() {
                let (mut f, mut a, mut b) =
                    (for_votes.clone(), against.clone(), abstaining.clone());
                if all_for {
                    for p in &people {
                        if choice_of(p).is_none() {
                            f.push(p.clone());
                        }
                    }
                }
                if let Some((p, c)) = set {
                    f.retain(|q| *q != p);
                    a.retain(|q| *q != p);
                    b.retain(|q| *q != p);
                    match c {
                        Some(Choice::For) => f.push(p),
                        Some(Choice::Against) => a.push(p),
                        Some(Choice::Abstaining) => b.push(p),
                        None => {}
                    }
                }
                // Keep each list in the order the voters are shown.
                let order = |list: &mut Vec<PersonId>| {
                    list.sort_by_key(|p| people.iter().position(|q| q == p).unwrap_or(usize::MAX));
                };
                order(&mut f);
                order(&mut a);
                order(&mut b);
                new_vote = Some(Some(Vote::Named {
                    for_votes: f,
                    against: a,
                    abstaining: b,
                }));
            }
        }
        _ => {}
    }
    let no_count_yet = matches!(
        item.vote,
        Some(Vote::Counted {
            for_votes: 0,
            against: 0,
            abstaining: 0
        })
    );
    if let Some(v) = item.vote.as_ref().filter(|_| !no_count_yet) {
        ui.label(RichText::new(result_line(record, v)).strong())
            .on_hover_text(lang.tr(
                "Resultatet slik det står i referatet",
                "The result as the minutes write it",
            ));
    }
    if let Some(vote) = new_vote {
        push_edit(
            ctx,
            Edit::SetVote {
                item: item.number,
                vote,
            },
        );
    }
}

/// A small number field; returns the new count when a number was typed (empty is 0).
fn count_field(
    ui: &mut egui::Ui,
    id: egui::Id,
    value: u32,
    enabled: bool,
    label: egui::Id,
) -> Option<u32> {
    let mut text = value.to_string();
    let r = ui
        .add_enabled(
            enabled,
            egui::TextEdit::singleline(&mut text)
                .id(id)
                .desired_width(36.0),
        )
        .labelled_by(label);
    if !r.changed() {
        return None;
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let n = if digits.is_empty() {
        0
    } else {
        digits.parse().ok()?
    };
    (n != value).then_some(n)
}

// ---------------------------------------------------------------------------------------------
// Follow-ups

/// A follow-up as one line: task, who, by when.
#[must_use]
pub fn follow_up_line(lang: Lang, record: &MeetingRecord, f: &FollowUp) -> String {
    let mut line = f.task.clone();
    if let Some(p) = &f.responsible {
        let _ = write!(
            line,
            " · {} {}",
            lang.tr("ansvarlig:", "responsible:"),
            record.name_of(p)
        );
    }
    if let Some(d) = &f.deadline {
        let _ = write!(line, " · {} {}", lang.tr("frist:", "due:"), d.display());
    }
    if let Some(done) = f.done {
        let _ = write!(
            line,
            " · {} {}",
            lang.tr("utført", "done"),
            done.format("%d.%m.%Y")
        );
    }
    line
}

/// Adds an empty follow-up to `item` and focuses its task.
pub(super) fn add_follow_up(ctx: &mut PaneCtx<'_>, item: &Item) {
    let mut list = item.follow_ups.clone();
    list.push(FollowUp::default());
    ctx.runtime.minutes.focus = Some(Field::FollowUpTask(list.len() - 1));
    push_edit(
        ctx,
        Edit::SetFollowUps {
            item: item.number,
            follow_ups: list,
        },
    );
}

/// Oppfølging: task, who is responsible, deadline, done; add and remove.
pub(super) fn follow_ups_ui(ui: &mut egui::Ui, ctx: &mut PaneCtx<'_>, item: &Item) {
    let lang = ctx.lang;
    let editable = ctx.editable();
    let open = ctx.open;
    let record = &open.record;
    ui.label(RichText::new(lang.tr("Oppfølging", "Follow-ups")).strong());
    let mut replace: Option<Vec<FollowUp>> = None;
    for (k, f) in item.follow_ups.iter().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                let task_label = ui.label(lang.tr("Oppgave", "Task"));
                let id = field_id(Field::FollowUpTask(k), item.number);
                let mut task = f.task.clone();
                let r = ui
                    .add_enabled(
                        editable,
                        egui::TextEdit::singleline(&mut task)
                            .id(id)
                            .desired_width(ui.available_width())
                            .hint_text(lang.tr("Hva skal gjøres", "What is to be done")),
                    )
                    .labelled_by(task_label.id);
                take_focus(ctx, Field::FollowUpTask(k), &r);
                if r.changed() {
                    push_edit(
                        ctx,
                        Edit::SetItemText {
                            item: item.number,
                            field: ItemText::FollowUpTask(k),
                            text: task,
                        },
                    );
                }
            });
            ui.horizontal_wrapped(|ui| {
                let who_label = ui.label(lang.tr("Ansvarlig", "Responsible"));
                let shown = f.responsible.as_ref().map_or_else(
                    || lang.tr("(ingen)", "(nobody)").to_owned(),
                    |p| record.name_of(p),
                );
                let mut chosen: Option<Option<PersonId>> = None;
                let combo = egui::ComboBox::from_id_salt(("minutes_follow_up_who", item.number, k))
                    .selected_text(shown)
                    .width(170.0)
                    .show_ui(ui, |ui| {
                        if ui
                            .selectable_label(
                                f.responsible.is_none(),
                                lang.tr("(ingen)", "(nobody)"),
                            )
                            .clicked()
                        {
                            chosen = Some(None);
                        }
                        for p in &record.people {
                            if ui
                                .selectable_label(f.responsible.as_ref() == Some(&p.id), &p.name)
                                .clicked()
                            {
                                chosen = Some(Some(p.id.clone()));
                            }
                        }
                    });
                let _ = combo.response.labelled_by(who_label.id);
                let due_label = ui.label(lang.tr("Frist", "Due"));
                let mut due = f
                    .deadline
                    .as_ref()
                    .map(Deadline::display)
                    .unwrap_or_default();
                let r = ui
                    .add_enabled(
                        editable,
                        egui::TextEdit::singleline(&mut due)
                            .id(egui::Id::unique(("minutes_follow_up_due", item.number, k)))
                            .desired_width(170.0)
                            .hint_text(lang.tr("dd.mm.åååå eller tekst", "dd.mm.yyyy or text")),
                    )
                    .labelled_by(due_label.id);
                if r.changed() {
                    push_edit(
                        ctx,
                        Edit::SetItemText {
                            item: item.number,
                            field: ItemText::FollowUpDeadline(k),
                            text: due,
                        },
                    );
                }
                let mut done = f.done.is_some();
                if ui
                    .add_enabled(
                        editable,
                        egui::Checkbox::new(&mut done, lang.tr("Utført", "Done")),
                    )
                    .changed()
                {
                    let mut list = item.follow_ups.clone();
                    list[k].done = done.then(|| chrono::Local::now().date_naive());
                    replace = Some(list);
                }
                if ui
                    .add_enabled(editable, egui::Button::new("✖").small())
                    .on_hover_text(lang.tr("Fjern oppfølgingen", "Remove the follow-up"))
                    .clicked()
                {
                    let mut list = item.follow_ups.clone();
                    list.remove(k);
                    replace = Some(list);
                }
                if let Some(who) = chosen
                    && editable
                {
                    let mut list = item.follow_ups.clone();
                    list[k].responsible = who;
                    replace = Some(list);
                }
            });
        });
    }
    if ui
        .add_enabled(
            editable,
            egui::Button::new(lang.tr("+ Ny oppfølging (Alt+O)", "+ New follow-up (Alt+O)")),
        )
        .clicked()
    {
        add_follow_up(ctx, item);
    }
    if let Some(list) = replace {
        push_edit(
            ctx,
            Edit::SetFollowUps {
                item: item.number,
                follow_ups: list,
            },
        );
    }
}

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
