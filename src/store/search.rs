//! Search across every meeting of every body, the decision register (vedtaksregister), and
//! follow-ups across meetings.
//!
//! The full-text index (`search_index`, schema step 0005) is kept right by triggers on the
//! tables it reads, so every write path (save, import, correction, deletion) keeps it in step
//! without calling anything here. [`Store::rebuild_search_index`] rebuilds it whole.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::codec::{bad_data, date_text, meeting_ref, parse_date, to_u32};
use super::{MeetingId, Store, StoreError};
use crate::model::{
    CaseNumber, Deadline, DecisionFilter, DecisionRow, DecisionSort, ItemKind, MeetingRef,
    MeetingStatus, Outcome, PersonId, SearchTerm, Snippet, head_snippet, match_ranges,
    norwegian_cmp, parse_markdown, parse_query, plain_text, snippet, sort_key,
};

#[doc(hidden)]
pub mod archive;

/// How many characters a result's snippet shows.
const SNIPPET_CHARS: usize = 140;

/// The field of an item a search hit shows its snippet from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SearchField {
    /// The title (nothing else matched).
    Title,
    /// The case number.
    CaseNumber,
    /// The case description.
    Description,
    /// The proposed decision.
    ProposedDecision,
    /// The decision (Vedtak).
    Decision,
    /// The discussion summary.
    Notes,
    /// Guests who took part (Deltok).
    Guests,
    /// Follow-up tasks, with who is responsible.
    FollowUps,
}

impl SearchField {
    /// How much a matched word in this field counts towards [`SearchHit::score`].
    #[must_use]
    pub fn weight(self) -> f64 {
        match self {
            SearchField::Title => 10.0,
            SearchField::Decision => 5.0,
            SearchField::ProposedDecision | SearchField::CaseNumber => 3.0,
            SearchField::Description | SearchField::Guests | SearchField::FollowUps => 2.0,
            SearchField::Notes => 1.5,
        }
    }

    /// Whether the field is part of the minutes (Referat) rather than the agenda (Saksliste).
    #[must_use]
    pub fn is_minutes(self) -> bool {
        matches!(
            self,
            SearchField::Decision
                | SearchField::Notes
                | SearchField::Guests
                | SearchField::FollowUps
        )
    }
}

/// One item a search found.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchHit {
    /// The item's number in its meeting.
    pub item: u32,
    /// Its case number.
    pub case: CaseNumber,
    /// Its title.
    pub title: String,
    /// Byte ranges of the title the query matched.
    pub title_marks: Vec<Range<usize>>,
    /// The field that matched: the first of decision, proposed decision, description, notes,
    /// follow-ups and guests that did, else the title, else the case number.
    pub field: SearchField,
    /// The matching words in context; when only the title or the case number matched, the
    /// start of the decision (or the first text the item has), unmarked.
    pub snippet: Snippet,
    /// The field the snippet's text comes from (`None` when the item has no text).
    pub snippet_field: Option<SearchField>,
    /// The legal basis when the item is exempt from public access (the database holds its
    /// content; public versions withhold it).
    pub exempt: Option<String>,
    /// Relevance: higher is better (the words matched in each field, weighted by the field:
    /// title most, then the decision).
    pub score: f64,
}

/// The hits of one meeting.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchGroup {
    /// The meeting.
    pub meeting: MeetingId,
    /// Its body.
    pub body: String,
    /// Its reference.
    pub reference: MeetingRef,
    /// Its date.
    pub date: NaiveDate,
    /// The items found, most relevant first.
    pub hits: Vec<SearchHit>,
}

/// What a search found: grouped by meeting, newest meeting first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchResults {
    /// The query as typed.
    pub query: String,
    /// The meetings with hits, newest first.
    pub groups: Vec<SearchGroup>,
    /// More items matched than the limit let through (the newest are shown).
    pub truncated: bool,
}

impl SearchResults {
    /// How many items were found (up to the limit).
    #[must_use]
    pub fn hit_count(&self) -> usize {
        self.groups.iter().map(|g| g.hits.len()).sum()
    }

    /// Every hit with its meeting, in display order.
    pub fn hits(&self) -> impl Iterator<Item = (&SearchGroup, &SearchHit)> {
        self.groups
            .iter()
            .flat_map(|g| g.hits.iter().map(move |h| (g, h)))
    }
}

/// The terms a search uses: what the user typed, without one-letter prefixes beside longer
/// words. A single letter as a prefix matches nearly every item (and costs tens of
/// milliseconds in a large archive); while typing it is the start of the next word, which the
/// next keystroke makes useful.
fn search_terms(query: &str) -> Vec<SearchTerm> {
    let mut terms = parse_query(query);
    // A phrase still being typed whose last word is one letter: that letter waits too.
    for t in &mut terms {
        if t.prefix && t.words.len() > 1 && t.words.last().is_some_and(|w| w.chars().count() == 1) {
            t.words.pop();
            t.prefix = false;
        }
    }
    let one_letter =
        |t: &SearchTerm| t.prefix && t.words.len() == 1 && t.words[0].chars().count() == 1;
    if terms.iter().any(|t| !one_letter(t)) {
        terms.retain(|t| !one_letter(t));
    }
    terms
}

/// The FTS5 query for the terms: every term must match; a prefix term matches longer words.
/// `None` when there is nothing to search for.
fn fts_query(terms: &[SearchTerm]) -> Option<String> {
    if terms.is_empty() {
        return None;
    }
    let parts: Vec<String> = terms
        .iter()
        .map(|t| {
            // Folded words hold letters and digits only: nothing to escape.
            let phrase = t.words.join(" ");
            if t.prefix {
                format!("\"{phrase}\"*")
            } else {
                format!("\"{phrase}\"")
            }
        })
        .collect();
    Some(parts.join(" AND "))
}

/// Markdown as one line of plain text, for snippets.
fn plain(markdown: &str) -> String {
    parse_markdown(markdown)
        .iter()
        .map(|b| plain_text(b.spans()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `text` may hold a match: every term's first word occurs in its folded form.
/// Cheap, and never false for text that matches.
fn may_match(folded: &str, terms: &[SearchTerm]) -> bool {
    terms
        .iter()
        .any(|t| t.words.first().is_some_and(|w| folded.contains(w.as_str())))
}

/// Re-indexes the items whose indexed text changed since the last call (queued in
/// `search_dirty` by the triggers of schema step 0005): removes their rows under their old
/// keys, then writes each once, in key order. Called by every write path of the store before
/// it commits; cheap when nothing is queued.
pub(super) fn sync_index(conn: &Connection) -> Result<(), StoreError> {
    let queued: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM search_dirty)")?
        .query_row([], |r| r.get(0))?;
    if !queued {
        return Ok(());
    }
    for sql in [
        "DELETE FROM search_index WHERE rowid IN (
             SELECT k.search_key FROM search_keys k JOIN search_dirty d ON d.item_id = k.item_id)",
        "DELETE FROM search_keys WHERE item_id IN (SELECT item_id FROM search_dirty)",
        "INSERT INTO search_index (rowid, case_no, title, description, proposed_decision, decision,
                                   notes, guests, follow_ups)
             SELECT search_key, case_no, title, description, proposed_decision, decision, notes,
                    guests, follow_ups
             FROM search_source WHERE item_id IN (SELECT item_id FROM search_dirty)
             ORDER BY search_key",
        "INSERT INTO search_keys (item_id, search_key)
             SELECT item_id, search_key FROM search_source
             WHERE item_id IN (SELECT item_id FROM search_dirty)",
        "DELETE FROM search_dirty",
    ] {
        conn.prepare_cached(sql)?.execute([])?;
    }
    Ok(())
}

/// One row of the search query, before snippets.
struct RawHit {
    number: i64,
    title: String,
    texts: [(SearchField, Option<String>); 6],
    exempt: Option<String>,
    meeting: i64,
    year: i64,
    meeting_number: i64,
    date: String,
    body: String,
}

impl Store {
    /// Searches every item of every meeting for `query` (see [`parse_query`]: words match
    /// as prefixes, case and diacritics are folded, `"..."` is a phrase; a one-letter word
    /// beside longer ones is left out while it is being typed). Returns the newest
    /// `limit` matching items, grouped by meeting with the newest meeting first and, within a
    /// meeting, the most relevant first ([`SearchHit::score`]).
    /// Items exempt from public access are found (this database holds their content) and
    /// carry their legal basis.
    pub fn search(&self, query: &str, limit: usize) -> Result<SearchResults, StoreError> {
        let terms = search_terms(query);
        let mut results = SearchResults {
            query: query.to_owned(),
            ..SearchResults::default()
        };
        let Some(expr) = fts_query(&terms) else {
            return Ok(results);
        };
        if !self.read_only {
            // A write path that forgot to re-index leaves its items queued: index them now.
            sync_index(&self.conn)?;
        }
        let fetch = i64::try_from(limit.saturating_add(1)).unwrap_or(i64::MAX);
        // The newest matches first: the index's row ids are ordered by meeting day, so FTS5
        // reads only as many matches as are shown. (FTS5's bm25 is not used: its document
        // frequencies read every match of a common word, milliseconds in a large archive.)
        let mut stmt = self.conn.prepare_cached(
            "WITH hits AS (
                 SELECT rowid AS search_key FROM search_index WHERE search_index MATCH ?1
                 ORDER BY rowid DESC LIMIT ?2)
             SELECT i.number, i.title, i.decision, i.proposed_decision,
                    i.description, i.notes,
                    (SELECT group_concat(
                         f.task || coalesce(' (' || p.name || ')', '')
                         || coalesce(' – ' || f.deadline_text,
                                     ' – ' || strftime('%d.%m.%Y', f.deadline_date), ''),
                         '; ' ORDER BY f.position)
                     FROM item_follow_ups f LEFT JOIN people p ON p.id = f.responsible_id
                     WHERE f.item_id = i.id),
                    (SELECT group_concat(p.name, '; ' ORDER BY g.position)
                     FROM item_guests g JOIN people p ON p.id = g.person_id
                     WHERE g.item_id = i.id),
                    i.exempt_basis, m.id, m.year, m.number, m.date, b.name
             FROM hits h
             JOIN items i ON i.id = h.search_key % 4294967296
             JOIN meetings m ON m.id = i.meeting_id
             JOIN bodies b ON b.id = m.body_id
             ORDER BY h.search_key DESC",
        )?;
        let mut raw: Vec<RawHit> = stmt
            .query_map(params![expr, fetch], |r| {
                Ok(RawHit {
                    number: r.get(0)?,
                    title: r.get(1)?,
                    texts: [
                        (SearchField::Decision, r.get(2)?),
                        (SearchField::ProposedDecision, r.get(3)?),
                        (SearchField::Description, r.get(4)?),
                        (SearchField::Notes, r.get(5)?),
                        (SearchField::FollowUps, r.get(6)?),
                        (SearchField::Guests, r.get(7)?),
                    ],
                    exempt: r.get(8)?,
                    meeting: r.get(9)?,
                    year: r.get(10)?,
                    meeting_number: r.get(11)?,
                    date: r.get(12)?,
                    body: r.get(13)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        if raw.len() > limit {
            raw.truncate(limit);
            results.truncated = true;
        }

        let mut groups: HashMap<i64, SearchGroup> = HashMap::new();
        for hit in raw {
            let reference = meeting_ref(&self.conn, hit.year, hit.meeting_number)?;
            let number = to_u32(&self.conn, "item number", hit.number)?;
            // Relevance: the words matched in each field, weighted by the field; the snippet
            // comes from the first field (in this order) that matches.
            let mut found = None;
            let mut score = 0.0;
            for (field, text) in &hit.texts {
                let Some(text) = text.as_deref().filter(|t| !t.trim().is_empty()) else {
                    continue;
                };
                if !may_match(&crate::model::fold_for_search(text), &terms) {
                    continue;
                }
                let matched = match_ranges(text, &terms).len();
                if matched == 0 {
                    continue;
                }
                score += field.weight() * matched as f64;
                if found.is_none() {
                    let snip = if matches!(field, SearchField::Guests) {
                        snippet(text, &terms, SNIPPET_CHARS)
                    } else {
                        snippet(&plain(text), &terms, SNIPPET_CHARS)
                    };
                    found = snip.map(|s| (*field, s));
                }
            }
            let title_marks = match_ranges(&hit.title, &terms);
            score += SearchField::Title.weight() * title_marks.len() as f64;
            let (field, snippet_field, snip) = if let Some((field, snip)) = found {
                (field, Some(field), snip)
            } else {
                let context = hit.texts[..4].iter().find_map(|(f, t)| {
                    t.as_deref()
                        .filter(|t| !t.trim().is_empty())
                        .map(|t| (*f, head_snippet(&plain(t), SNIPPET_CHARS)))
                });
                let field = if title_marks.is_empty() {
                    SearchField::CaseNumber
                } else {
                    SearchField::Title
                };
                match context {
                    Some((f, snip)) => (field, Some(f), snip),
                    None => (field, None, Snippet::default()),
                }
            };
            let group = match groups.entry(hit.meeting) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => e.insert(SearchGroup {
                    meeting: MeetingId(hit.meeting),
                    body: hit.body,
                    reference,
                    date: parse_date(&self.conn, &hit.date)?,
                    hits: Vec::new(),
                }),
            };
            group.hits.push(SearchHit {
                item: number,
                case: reference.case(number),
                title: hit.title,
                title_marks,
                field,
                snippet: snip,
                snippet_field,
                exempt: hit.exempt,
                score,
            });
        }
        let mut groups: Vec<SearchGroup> = groups.into_values().collect();
        for g in &mut groups {
            g.hits.sort_by(|a, b| {
                b.score
                    .total_cmp(&a.score)
                    .then_with(|| a.item.cmp(&b.item))
            });
        }
        groups.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| b.reference.cmp(&a.reference))
                .then_with(|| norwegian_cmp(&a.body, &b.body))
        });
        results.groups = groups;
        Ok(results)
    }

    /// How many items match `query` (without reading them).
    pub fn search_count(&self, query: &str) -> Result<usize, StoreError> {
        let Some(expr) = fts_query(&search_terms(query)) else {
            return Ok(0);
        };
        if !self.read_only {
            sync_index(&self.conn)?;
        }
        let n: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM search_index WHERE search_index MATCH ?1")?
            .query_row([expr], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Rebuilds the search index from what the database holds (it is kept right on every
    /// write; this is for a damaged index or after changing how text is folded).
    pub fn rebuild_search_index(&mut self) -> Result<(), StoreError> {
        self.ensure_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(
            "DELETE FROM search_dirty;
             DELETE FROM search_keys;
             INSERT INTO search_index (search_index) VALUES ('delete-all');
             INSERT INTO search_index (rowid, case_no, title, description, proposed_decision,
                                       decision, notes, guests, follow_ups)
                 SELECT search_key, case_no, title, description, proposed_decision, decision,
                        notes, guests, follow_ups
                 FROM search_source ORDER BY search_key;
             INSERT INTO search_keys (item_id, search_key)
                 SELECT item_id, search_key FROM search_source;
             INSERT INTO search_index (search_index) VALUES ('optimize');",
        )?;
        tx.commit()?;
        Ok(())
    }

    /// How many items the search index holds (one row per item when it is in step).
    pub fn search_index_rows(&self) -> Result<u64, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM search_index", [], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}

// ---------------------------------------------------------------------------------------------
// The decision register.

/// What the register's filters can choose from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegisterChoices {
    /// Every body, in Norwegian order.
    pub bodies: Vec<String>,
    /// Every year with a meeting, newest first.
    pub years: Vec<i32>,
    /// Everyone responsible for a follow-up: key and list name, in Norwegian order.
    pub responsible: Vec<(PersonId, String)>,
}

fn kind_rank(kind: ItemKind) -> usize {
    ItemKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

fn outcome_rank(outcome: Option<Outcome>) -> usize {
    outcome.map_or(0, |o| {
        1 + Outcome::ALL.iter().position(|x| *x == o).unwrap_or(0)
    })
}

/// Sorts register rows by a column (ties: date, then case number, then body), ascending or
/// descending. Text columns sort in Norwegian order; each row's sort keys are made once.
pub fn sort_decisions(rows: &mut Vec<DecisionRow>, sort: DecisionSort, descending: bool) {
    let text = |r: &DecisionRow| match sort {
        DecisionSort::Title => sort_key(&r.title),
        DecisionSort::Body => sort_key(&r.body),
        _ => Vec::new(),
    };
    let keys: Vec<Vec<u32>> = rows.iter().map(text).collect();
    let bodies: Vec<Vec<u32>> = rows.iter().map(|r| sort_key(&r.body)).collect();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&i, &j| {
        let (a, b) = (&rows[i], &rows[j]);
        let primary = match sort {
            DecisionSort::Date => Ordering::Equal,
            DecisionSort::Case => a.case.cmp(&b.case),
            DecisionSort::Body | DecisionSort::Title => keys[i].cmp(&keys[j]),
            DecisionSort::Kind => kind_rank(a.kind).cmp(&kind_rank(b.kind)),
            DecisionSort::Outcome => outcome_rank(a.outcome).cmp(&outcome_rank(b.outcome)),
        };
        let o = primary
            .then_with(|| a.date.cmp(&b.date))
            .then_with(|| a.case.cmp(&b.case))
            .then_with(|| bodies[i].cmp(&bodies[j]))
            .then_with(|| a.title.cmp(&b.title));
        if descending { o.reverse() } else { o }
    });
    let mut slots: Vec<Option<DecisionRow>> = std::mem::take(rows).into_iter().map(Some).collect();
    rows.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

impl Store {
    /// Every decision (an item with a decision text) that passes `filter`, newest first.
    pub fn decisions(&self, filter: &DecisionFilter) -> Result<Vec<DecisionRow>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.id, b.name, m.year, m.number, m.date, i.number, i.title, i.kind,
                    i.outcome, i.decision, i.exempt_basis
             FROM items i
             JOIN meetings m ON m.id = i.meeting_id
             JOIN bodies b ON b.id = m.body_id
             WHERE i.decision IS NOT NULL AND trim(i.decision) <> ''
               AND (?1 IS NULL OR b.name = ?1) AND (?2 IS NULL OR m.year = ?2)
               AND (?3 IS NULL OR i.kind = ?3) AND (?4 IS NULL OR i.outcome = ?4)",
        )?;
        #[expect(
            clippy::type_complexity,
            reason = "one row as read, named where it is used"
        )]
        let raw: Vec<(
            i64,
            String,
            i64,
            i64,
            String,
            i64,
            String,
            String,
            Option<String>,
            String,
            Option<String>,
        )> = stmt
            .query_map(
                params![
                    filter.body,
                    filter.year,
                    filter.kind.map(ItemKind::code),
                    filter.outcome.map(Outcome::code)
                ],
                |r| r.try_into(),
            )?
            .collect::<Result<_, _>>()?;
        let mut rows = Vec::with_capacity(raw.len());
        for (meeting, body, year, mnum, date, inum, title, kind, outcome, decision, exempt) in raw {
            let reference = meeting_ref(&self.conn, year, mnum)?;
            rows.push(DecisionRow {
                meeting: MeetingId(meeting),
                body,
                case: reference.case(to_u32(&self.conn, "item number", inum)?),
                date: parse_date(&self.conn, &date)?,
                title,
                kind: ItemKind::from_code(&kind)
                    .ok_or_else(|| bad_data(&self.conn, format!("«{kind}» is not an item kind")))?,
                outcome: outcome
                    .map(|o| {
                        Outcome::from_code(&o)
                            .ok_or_else(|| bad_data(&self.conn, format!("«{o}» is not an outcome")))
                    })
                    .transpose()?,
                decision,
                exempt,
            });
        }
        sort_decisions(&mut rows, DecisionSort::Date, true);
        Ok(rows)
    }

    /// What the register's and the follow-up list's filters can choose from.
    pub fn register_choices(&self) -> Result<RegisterChoices, StoreError> {
        let mut bodies: Vec<String> = self
            .conn
            .prepare_cached("SELECT name FROM bodies")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        bodies.sort_by(|a, b| norwegian_cmp(a, b));
        let years: Vec<i32> = self
            .conn
            .prepare_cached("SELECT DISTINCT year FROM meetings ORDER BY year DESC")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut responsible: Vec<(PersonId, String)> = self
            .conn
            .prepare_cached(
                "SELECT p.key, p.name FROM people p
                 WHERE EXISTS (SELECT 1 FROM item_follow_ups f WHERE f.responsible_id = p.id)",
            )?
            .query_map([], |r| Ok((PersonId(r.get(0)?), r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        responsible.sort_by(|a, b| norwegian_cmp(&a.1, &b.1).then_with(|| a.0.cmp(&b.0)));
        Ok(RegisterChoices {
            bodies,
            years,
            responsible,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Follow-ups across meetings.

/// Names one follow-up in the database (its item's row and its place in the item's list).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FollowUpKey {
    item_id: i64,
    position: i64,
}

/// Which follow-ups by status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FollowUpStatus {
    /// Not done yet.
    #[default]
    Open,
    /// Marked done.
    Done,
    /// Both.
    All,
}

/// Which follow-ups the list shows; `None` means any.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FollowUpFilter {
    /// Only those this person is responsible for.
    pub person: Option<PersonId>,
    /// Only those of one body.
    pub body: Option<String>,
    /// Open, done, or all.
    pub status: FollowUpStatus,
    /// Only open ones whose deadline date has passed.
    pub overdue_only: bool,
}

/// One follow-up with the meeting and item that gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FollowUpRow {
    /// Names it for [`Store::set_follow_up_done`].
    pub key: FollowUpKey,
    /// The meeting.
    pub meeting: MeetingId,
    /// Its body.
    pub body: String,
    /// The meeting's date.
    pub date: NaiveDate,
    /// The case number of the item.
    pub case: CaseNumber,
    /// The item's title.
    pub title: String,
    /// The follow-up's place in the item's list (0-based).
    pub index: usize,
    /// What is to be done (Markdown).
    pub task: String,
    /// Who is responsible: key and list name.
    pub responsible: Option<(PersonId, String)>,
    /// By when.
    pub deadline: Option<Deadline>,
    /// The day it was marked done.
    pub done: Option<NaiveDate>,
    /// The meeting is approved or signed (its minutes no longer change; the done mark is kept
    /// beside them).
    pub locked: bool,
}

impl FollowUpRow {
    /// Open with a deadline date before `today`. A deadline in words ("til møtet i september")
    /// is never overdue: nobody can tell.
    #[must_use]
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.done.is_none() && matches!(self.deadline, Some(Deadline::Date(d)) if d < today)
    }
}

/// Reads follow-up rows; `extra` is appended to the WHERE clause, `args` bind from ?1.
fn read_follow_ups(
    conn: &Connection,
    extra: &str,
    args: &[&dyn rusqlite::ToSql],
) -> Result<Vec<FollowUpRow>, StoreError> {
    let sql = format!(
        "SELECT f.item_id, f.position, m.id, b.name, m.year, m.number, m.date, m.status,
                i.number, i.title, f.task, p.key, p.name, f.deadline_date, f.deadline_text,
                coalesce(f.done, d.done)
         FROM item_follow_ups f
         JOIN items i ON i.id = f.item_id
         JOIN meetings m ON m.id = i.meeting_id
         JOIN bodies b ON b.id = m.body_id
         LEFT JOIN people p ON p.id = f.responsible_id
         LEFT JOIN follow_up_done d ON d.item_id = f.item_id AND d.position = f.position
         WHERE 1 {extra}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(args)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let item_id: i64 = r.get(0)?;
        let position: i64 = r.get(1)?;
        let reference = meeting_ref(conn, r.get(4)?, r.get(5)?)?;
        let date: String = r.get(6)?;
        let status: String = r.get(7)?;
        let status = MeetingStatus::from_code(&status)
            .ok_or_else(|| bad_data(conn, format!("«{status}» is not a meeting status")))?;
        let number = to_u32(conn, "item number", r.get(8)?)?;
        let key: Option<String> = r.get(11)?;
        let name: Option<String> = r.get(12)?;
        let deadline_date: Option<String> = r.get(13)?;
        let deadline_text: Option<String> = r.get(14)?;
        let done: Option<String> = r.get(15)?;
        let deadline = match (deadline_date, deadline_text) {
            (Some(d), _) => Some(Deadline::Date(parse_date(conn, &d)?)),
            (None, Some(t)) => Some(Deadline::Text(t)),
            (None, None) => None,
        };
        out.push(FollowUpRow {
            key: FollowUpKey { item_id, position },
            meeting: MeetingId(r.get(2)?),
            body: r.get(3)?,
            date: parse_date(conn, &date)?,
            case: reference.case(number),
            title: r.get(9)?,
            index: usize::try_from(position).unwrap_or(0),
            task: r.get(10)?,
            responsible: key.map(|k| (PersonId(k), name.unwrap_or_default())),
            deadline,
            done: done.map(|d| parse_date(conn, &d)).transpose()?,
            locked: status.is_locked(),
        });
    }
    Ok(out)
}

/// Orders follow-ups: open before done, then by deadline date (earliest first; words and no
/// deadline after dates), then newest meeting first, then case and place.
fn sort_follow_ups(rows: &mut [FollowUpRow]) {
    rows.sort_by(|a, b| {
        let deadline = |r: &FollowUpRow| match &r.deadline {
            Some(Deadline::Date(d)) => (0, Some(*d)),
            Some(Deadline::Text(_)) => (1, None),
            None => (2, None),
        };
        a.done
            .is_some()
            .cmp(&b.done.is_some())
            .then_with(|| deadline(a).cmp(&deadline(b)))
            .then_with(|| b.date.cmp(&a.date))
            .then_with(|| a.case.cmp(&b.case))
            .then_with(|| a.index.cmp(&b.index))
    });
}

impl Store {
    /// Every follow-up of every meeting that passes `filter` (`today` decides what is
    /// overdue): open ones first, by deadline.
    pub fn follow_ups(
        &self,
        filter: &FollowUpFilter,
        today: NaiveDate,
    ) -> Result<Vec<FollowUpRow>, StoreError> {
        let person = filter.person.as_ref().map(PersonId::as_str);
        let mut rows = read_follow_ups(
            &self.conn,
            "AND (?1 IS NULL OR p.key = ?1) AND (?2 IS NULL OR b.name = ?2)",
            &[&person, &filter.body],
        )?;
        rows.retain(|r| {
            let status = match filter.status {
                FollowUpStatus::Open => r.done.is_none(),
                FollowUpStatus::Done => r.done.is_some(),
                FollowUpStatus::All => true,
            };
            status && (!filter.overdue_only || r.is_overdue(today))
        });
        sort_follow_ups(&mut rows);
        Ok(rows)
    }

    /// The open follow-ups of the meeting before `meeting` in its body, with that meeting's
    /// reference; `None` when it is the body's first meeting.
    pub fn previous_open_follow_ups(
        &self,
        meeting: MeetingId,
    ) -> Result<Option<(MeetingRef, Vec<FollowUpRow>)>, StoreError> {
        let row: Option<(String, i64, i64)> = self
            .conn
            .prepare_cached(
                "SELECT b.name, m.year, m.number FROM meetings m JOIN bodies b ON b.id = m.body_id
                 WHERE m.id = ?1",
            )?
            .query_row([meeting.0], |r| r.try_into())
            .optional()?;
        let Some((body, year, number)) = row else {
            return Err(StoreError::NotFound(format!("meeting #{}", meeting.0)));
        };
        let reference = meeting_ref(&self.conn, year, number)?;
        let Some(previous) = self.previous_meeting(&body, reference)? else {
            return Ok(None);
        };
        let (py, pn): (i64, i64) = self.conn.query_row(
            "SELECT year, number FROM meetings WHERE id = ?1",
            [previous.0],
            |r| r.try_into(),
        )?;
        let mut rows = read_follow_ups(
            &self.conn,
            "AND m.id = ?1 AND f.done IS NULL AND d.done IS NULL",
            &[&previous.0],
        )?;
        rows.sort_by(|a, b| a.case.cmp(&b.case).then_with(|| a.index.cmp(&b.index)));
        Ok(Some((meeting_ref(&self.conn, py, pn)?, rows)))
    }

    /// Marks a follow-up done on `done`, or open again with `None`. In a meeting that is not
    /// approved the mark is part of the minutes; in an approved or signed one it is kept beside
    /// them (the minutes do not change), and a follow-up that was done when the minutes were
    /// approved cannot be opened again ([`StoreError::Locked`]).
    pub fn set_follow_up_done(
        &mut self,
        key: FollowUpKey,
        done: Option<NaiveDate>,
    ) -> Result<(), StoreError> {
        self.ensure_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let row: Option<(String, Option<String>, String, i64, i64, i64)> = tx
            .query_row(
                "SELECT m.status, f.done, b.name, m.year, m.number, i.number
                 FROM item_follow_ups f JOIN items i ON i.id = f.item_id
                 JOIN meetings m ON m.id = i.meeting_id JOIN bodies b ON b.id = m.body_id
                 WHERE f.item_id = ?1 AND f.position = ?2",
                params![key.item_id, key.position],
                |r| r.try_into(),
            )
            .optional()?;
        let Some((status, stored_done, body, year, number, item)) = row else {
            return Err(StoreError::NotFound(
                "the follow-up (it was changed or deleted)".into(),
            ));
        };
        let locked = MeetingStatus::from_code(&status).is_some_and(MeetingStatus::is_locked);
        let done_text = done.map(date_text);
        if !locked {
            tx.execute(
                "UPDATE item_follow_ups SET done = ?3 WHERE item_id = ?1 AND position = ?2",
                params![key.item_id, key.position, done_text],
            )?;
        } else if stored_done.is_some() {
            let case = meeting_ref(&tx, year, number)?.case(to_u32(&tx, "item number", item)?);
            return Err(StoreError::Locked(format!(
                "the follow-up of {case} of {body} was done when the minutes were approved"
            )));
        } else if let Some(day) = done_text {
            tx.execute(
                "INSERT INTO follow_up_done (item_id, position, done) VALUES (?1, ?2, ?3)
                 ON CONFLICT (item_id, position) DO UPDATE SET done = excluded.done",
                params![key.item_id, key.position, day],
            )?;
        } else {
            tx.execute(
                "DELETE FROM follow_up_done WHERE item_id = ?1 AND position = ?2",
                params![key.item_id, key.position],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}
