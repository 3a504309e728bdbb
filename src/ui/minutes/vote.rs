//! The vote of the item in focus: unanimous, counted or by name.

use egui::RichText;

use crate::model::{
    AttendanceStatus, Edit, Item, MeetingRecord, PersonId, Vote, in_room, voting_members,
};
use crate::ui::widgets::PaneCtx;

use super::fields::push_edit;

// ---------------------------------------------------------------------------------------------
// Deltok

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
pub(super) enum VoteKind {
    None,
    Unanimous,
    Counted,
    Named,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Choice {
    For,
    Against,
    Abstaining,
}

pub(super) fn kind_of(vote: Option<&Vote>) -> VoteKind {
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
pub(super) fn count_field(
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
