//! What the minutes record for an item beyond its decision: votes, follow-ups, disqualifications,
//! attachments.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::PersonId;

/// How a decision was voted on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Vote {
    /// Everyone present agreed (enstemmig).
    Unanimous,
    /// Counts only.
    Counted {
        /// Votes for.
        for_votes: u32,
        /// Votes against.
        against: u32,
        /// Abstentions (blanke).
        abstaining: u32,
    },
    /// Each member's vote by name.
    Named {
        /// Voted for.
        for_votes: Vec<PersonId>,
        /// Voted against.
        against: Vec<PersonId>,
        /// Abstained.
        abstaining: Vec<PersonId>,
    },
}

impl Vote {
    /// The result line as the minutes write it, e.g. "Enstemmig vedtatt",
    /// "Vedtatt med 5 mot 2 stemmer", "Vedtatt mot 2 stemmer (Aasen, Langøy)".
    /// `surname` turns a person into the name shown (usually the surname).
    #[must_use]
    pub fn result_line(&self, surname: &dyn Fn(&PersonId) -> String) -> String {
        let passed = |f: usize, a: usize| f > a;
        match self {
            Vote::Unanimous => "Enstemmig vedtatt".to_owned(),
            Vote::Counted {
                for_votes,
                against,
                abstaining,
            } => {
                let mut line = if passed(*for_votes as usize, *against as usize) {
                    format!("Vedtatt med {for_votes} mot {against} stemmer")
                } else {
                    format!("Falt med {for_votes} mot {against} stemmer")
                };
                if *abstaining > 0 {
                    let _ = write!(line, ", {abstaining} avsto");
                }
                line
            }
            Vote::Named {
                for_votes,
                against,
                abstaining,
            } => {
                let list =
                    |people: &[PersonId]| people.iter().map(surname).collect::<Vec<_>>().join(", ");
                let mut line = if passed(for_votes.len(), against.len()) {
                    if against.is_empty() {
                        "Enstemmig vedtatt".to_owned()
                    } else {
                        format!(
                            "Vedtatt mot {} {} ({})",
                            against.len(),
                            stemmer(against.len()),
                            list(against)
                        )
                    }
                } else {
                    format!(
                        "Falt mot {} {} ({})",
                        for_votes.len(),
                        stemmer(for_votes.len()),
                        list(for_votes)
                    )
                };
                if !abstaining.is_empty() {
                    let _ = write!(line, "; avsto: {}", list(abstaining));
                }
                line
            }
        }
    }
}

fn stemmer(n: usize) -> &'static str {
    if n == 1 { "stemme" } else { "stemmer" }
}

/// When a follow-up is due.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Deadline {
    /// A day.
    Date(NaiveDate),
    /// Words, e.g. "til møtet i september".
    Text(String),
}

impl Deadline {
    /// Reads a deadline as the referent types it: a Norwegian date (`12.09.2024`, `1.9.2024`,
    /// always with a four-digit year) is a [`Deadline::Date`], anything else stays words.
    #[must_use]
    pub fn parse(text: &str) -> Deadline {
        let t = text.trim();
        let parts: Vec<&str> = t.split('.').collect();
        if let [d, m, y] = parts[..]
            && (1..=2).contains(&d.len())
            && (1..=2).contains(&m.len())
            && y.len() == 4
            && [d, m, y]
                .iter()
                .all(|p| p.bytes().all(|b| b.is_ascii_digit()))
            && let (Ok(d), Ok(m), Ok(y)) = (d.parse(), m.parse(), y.parse())
            && let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
        {
            return Deadline::Date(date);
        }
        Deadline::Text(text.to_owned())
    }

    /// The deadline as the minutes write it: `12.09.2024`, or the words.
    #[must_use]
    pub fn display(&self) -> String {
        match self {
            Deadline::Date(d) => d.format("%d.%m.%Y").to_string(),
            Deadline::Text(t) => t.clone(),
        }
    }
}

/// The decision phrases every body starts with; each body can edit its own list.
pub const DEFAULT_PHRASES: &[&str] = &[
    "Saken tas til orientering",
    "Sakene tas til orientering",
    "Innkalling og saksliste godkjennes",
    "Møtereferatet fra forrige møte godkjennes",
    "Saken flyttes til neste møte",
];

/// The outcome a decision phrase implies: "... tas til orientering" is noted, "... flyttes til
/// neste møte" (or "utsettes") is postponed, anything else is a decision.
#[must_use]
pub fn outcome_for_phrase(phrase: &str) -> super::Outcome {
    let p = phrase.to_lowercase();
    if p.contains("til orientering") {
        super::Outcome::Noted
    } else if p.contains("flyttes til neste") || p.contains("utsettes") || p.contains("utsatt") {
        super::Outcome::Postponed
    } else {
        super::Outcome::Decided
    }
}

/// The surname of a list name ("Aasen, Marianne Stokkereit" → "Aasen"), as vote lines use it.
#[must_use]
pub fn surname(list_name: &str) -> &str {
    list_name
        .split_once(',')
        .map_or(list_name, |(s, _)| s)
        .trim()
}

/// A task the meeting gave someone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FollowUp {
    /// What is to be done (Markdown).
    pub task: String,
    /// Who is responsible.
    pub responsible: Option<PersonId>,
    /// By when.
    pub deadline: Option<Deadline>,
    /// The day it was marked done; `None` while open.
    pub done: Option<NaiveDate>,
}

/// A member who left the room for one item as disqualified (inhabil).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disqualification {
    /// Who.
    pub person: PersonId,
    /// The item's number.
    pub item: u32,
    /// Why, briefly (e.g. "fvl. § 6 første ledd bokstav a").
    pub reason: String,
}

/// A file that goes with an item (vedlegg). The bytes live in the store, keyed by their hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    /// The file name shown.
    pub name: String,
    /// Size in bytes.
    pub size_bytes: u64,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surname(p: &PersonId) -> String {
        let mut s = p.0.clone();
        if let Some(first) = s.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        s
    }

    #[test]
    fn a_norwegian_date_is_a_date_deadline_and_words_stay_words() {
        let d = NaiveDate::from_ymd_opt(2024, 9, 18).unwrap();
        assert_eq!(Deadline::parse("18.09.2024"), Deadline::Date(d));
        assert_eq!(Deadline::parse("18.9.2024"), Deadline::Date(d));
        assert_eq!(
            Deadline::parse("18.9.202"),
            Deadline::Text("18.9.202".into())
        );
        assert_eq!(
            Deadline::parse("31.02.2024"),
            Deadline::Text("31.02.2024".into())
        );
        assert_eq!(
            Deadline::parse("til møtet i september"),
            Deadline::Text("til møtet i september".into())
        );
        assert_eq!(Deadline::Date(d).display(), "18.09.2024");
    }

    #[test]
    fn phrases_imply_their_outcome() {
        use crate::model::Outcome;
        assert_eq!(
            outcome_for_phrase("Saken tas til orientering"),
            Outcome::Noted
        );
        assert_eq!(
            outcome_for_phrase("Saken flyttes til neste møte"),
            Outcome::Postponed
        );
        assert_eq!(
            outcome_for_phrase("Innkalling og saksliste godkjennes"),
            Outcome::Decided
        );
        assert_eq!(super::surname("Aasen, Marianne Stokkereit"), "Aasen");
        assert_eq!(super::surname("Madonna"), "Madonna");
    }

    #[test]
    fn unanimous_vote_line() {
        assert_eq!(Vote::Unanimous.result_line(&surname), "Enstemmig vedtatt");
    }

    #[test]
    fn counted_vote_lines() {
        let v = Vote::Counted {
            for_votes: 5,
            against: 2,
            abstaining: 0,
        };
        assert_eq!(v.result_line(&surname), "Vedtatt med 5 mot 2 stemmer");
        let v = Vote::Counted {
            for_votes: 2,
            against: 4,
            abstaining: 1,
        };
        assert_eq!(v.result_line(&surname), "Falt med 2 mot 4 stemmer, 1 avsto");
    }

    #[test]
    fn named_vote_names_the_minority() {
        let v = Vote::Named {
            for_votes: vec!["berg".into(), "dahl".into(), "eik".into()],
            against: vec!["aasen".into(), "langøy".into()],
            abstaining: vec![],
        };
        assert_eq!(
            v.result_line(&surname),
            "Vedtatt mot 2 stemmer (Aasen, Langøy)"
        );
        let v = Vote::Named {
            for_votes: vec!["berg".into()],
            against: vec!["aasen".into(), "dahl".into()],
            abstaining: vec!["eik".into()],
        };
        assert_eq!(
            v.result_line(&surname),
            "Falt mot 1 stemme (Berg); avsto: Eik"
        );
    }
}
