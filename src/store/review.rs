//! Offline review in the database.
//!
//! Secretary's side: which review packages were sent for a meeting, the replies imported for
//! them, and their comments (shown at their items, ticked off as resolved). Leader's side:
//! review packages received (kept exactly as they came, never an editable meeting), the
//! comments being written and the decision once the reply is written.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::codec::{parse_stamp, stamp_text};
use super::{MeetingId, Store, StoreError};
use crate::model::{MeetingRef, ReceivedComment, ReviewDecision, ReviewReply};

fn decision(code: &str) -> Result<ReviewDecision, StoreError> {
    ReviewDecision::from_code(code).ok_or_else(|| StoreError::Corrupt {
        path: ":reviews:".into(),
        detail: format!("«{code}» is not a review decision"),
    })
}

/// What an imported reply brought.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedReply {
    /// The meeting reviewed.
    pub meeting: MeetingId,
    /// How many comments it carried.
    pub comments: usize,
    /// Comments whose item could not be found any more (shown on the whole minutes).
    pub unplaced: usize,
}

/// A review package received by the leader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceivedReview {
    /// The review id.
    pub review_id: String,
    /// The body's name.
    pub body: String,
    /// The meeting.
    pub reference: MeetingRef,
    /// When it was opened here first.
    pub received_at: NaiveDateTime,
    /// The reviewer's name as last typed.
    pub reviewer: String,
    /// The decision, once the reply is written.
    pub decision: Option<ReviewDecision>,
    /// When the reply was written.
    pub replied_at: Option<NaiveDateTime>,
}

impl Store {
    // -----------------------------------------------------------------------------------------
    // Secretary's side.

    /// Records that a review package with `review_id` was sent for the meeting (its current
    /// version), so that its reply can be imported.
    pub fn record_review_sent(
        &mut self,
        id: MeetingId,
        review_id: &str,
        at: NaiveDateTime,
    ) -> Result<(), StoreError> {
        self.ensure_writable()?;
        self.conn.execute(
            "INSERT INTO reviews_sent (review_id, meeting_id, version, sent_at)
             SELECT ?1, id, version, ?3 FROM meetings WHERE id = ?2",
            params![review_id, id.0, stamp_text(at)],
        )?;
        Ok(())
    }

    /// Imports a reviewer's reply: its comments are stored at their items (found by number,
    /// or by title when the item moved since the package was sent). The review must have been
    /// sent from this database ([`StoreError::NotFound`] otherwise); the same reply twice is a
    /// [`StoreError::Conflict`].
    pub fn import_review_reply(
        &mut self,
        reply: &ReviewReply,
        at: NaiveDateTime,
    ) -> Result<ImportedReply, StoreError> {
        self.ensure_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let row: Option<(i64, i64, i64)> = tx
            .query_row(
                "SELECT s.meeting_id, m.year, m.number FROM reviews_sent s
                 JOIN meetings m ON m.id = s.meeting_id WHERE s.review_id = ?1",
                [&reply.review_id],
                |r| r.try_into(),
            )
            .optional()?;
        let Some((meeting_id, year, number)) = row else {
            return Err(StoreError::NotFound(format!(
                "the review package «{}» (this reply answers a review that was not sent from \
                 this database)",
                reply.review_id
            )));
        };
        if i64::from(reply.meeting.year) != year || i64::from(reply.meeting.number) != number {
            return Err(StoreError::Conflict(format!(
                "the reply is about meeting {}, but review «{}» was sent for meeting {year}/M{number}",
                reply.meeting, reply.review_id
            )));
        }
        let duplicate: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM review_replies
                            WHERE review_id = ?1 AND reviewer = ?2 AND replied_at = ?3)",
            params![
                reply.review_id,
                reply.reviewer,
                stamp_text(reply.replied_at)
            ],
            |r| r.get(0),
        )?;
        if duplicate {
            return Err(StoreError::Conflict(format!(
                "this reply from {} was imported already",
                reply.reviewer
            )));
        }
        let items: Vec<(u32, String)> = tx
            .prepare("SELECT number, title FROM items WHERE meeting_id = ?1")?
            .query_map([meeting_id], |r| r.try_into())?
            .collect::<Result<_, _>>()?;
        let by_number: HashMap<u32, &str> = items.iter().map(|(n, t)| (*n, t.as_str())).collect();
        tx.execute(
            "INSERT INTO review_replies (review_id, reviewer, decision, replied_at, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                reply.review_id,
                reply.reviewer,
                reply.decision.code(),
                stamp_text(reply.replied_at),
                stamp_text(at)
            ],
        )?;
        let reply_id = tx.last_insert_rowid();
        let mut unplaced = 0;
        for (position, c) in reply.comments.iter().enumerate() {
            let item = c.item.and_then(|n| {
                let same = |title: &str| c.item_title.as_deref().is_none_or(|t| t == title);
                if by_number.get(&n).is_some_and(|t| same(t)) {
                    return Some(n);
                }
                // The item moved or was renumbered: find it by its title.
                if let Some(title) = &c.item_title
                    && let Some((moved, _)) = items.iter().find(|(_, t)| t == title)
                {
                    return Some(*moved);
                }
                by_number.contains_key(&n).then_some(n)
            });
            if c.item.is_some() && item.is_none() {
                unplaced += 1;
            }
            tx.execute(
                "INSERT INTO review_comments (reply_id, position, item_number, item_title, text)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    reply_id,
                    i64::try_from(position).unwrap_or(i64::MAX),
                    item,
                    c.item_title,
                    c.text
                ],
            )?;
        }
        tx.commit()?;
        Ok(ImportedReply {
            meeting: MeetingId(meeting_id),
            comments: reply.comments.len(),
            unplaced,
        })
    }

    /// Every reviewer comment imported for a meeting: whole-minutes comments first, then by
    /// item, each in the order written.
    pub fn review_comments(&self, id: MeetingId) -> Result<Vec<ReceivedComment>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.reply_id, c.position, r.reviewer, r.decision, r.replied_at,
                    c.item_number, c.item_title, c.text, c.resolved_at IS NOT NULL
             FROM review_comments c
             JOIN review_replies r ON r.id = c.reply_id
             JOIN reviews_sent s ON s.review_id = r.review_id
             WHERE s.meeting_id = ?1
             ORDER BY c.item_number IS NOT NULL, c.item_number, r.replied_at, c.reply_id, c.position",
        )?;
        let rows = stmt
            .query_map([id.0], |r| {
                <(
                    i64,
                    u32,
                    String,
                    String,
                    String,
                    Option<u32>,
                    Option<String>,
                    String,
                    bool,
                )>::try_from(r)
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(
                |(reply, position, reviewer, dec, at, item, item_title, text, resolved)| {
                    Ok(ReceivedComment {
                        reply,
                        position,
                        reviewer,
                        decision: decision(&dec)?,
                        replied_at: parse_stamp(":reviews:", &at)?,
                        item,
                        item_title,
                        text,
                        resolved,
                    })
                },
            )
            .collect()
    }

    /// Ticks a reviewer comment off as resolved (or opens it again).
    pub fn set_comment_resolved(
        &mut self,
        reply: i64,
        position: u32,
        resolved: bool,
        at: NaiveDateTime,
    ) -> Result<(), StoreError> {
        self.ensure_writable()?;
        let changed = self.conn.execute(
            "UPDATE review_comments SET resolved_at = ?3 WHERE reply_id = ?1 AND position = ?2",
            params![reply, position, resolved.then(|| stamp_text(at))],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound("the review comment".into()));
        }
        Ok(())
    }

    // -----------------------------------------------------------------------------------------
    // Leader's side.

    /// Keeps a received review package (the whole file as it came). Receiving the same review
    /// again keeps the first copy and the comments written so far; returns whether it is new.
    pub fn receive_review(
        &mut self,
        review_id: &str,
        body: &str,
        reference: MeetingRef,
        file_text: &str,
        at: NaiveDateTime,
    ) -> Result<bool, StoreError> {
        self.ensure_writable()?;
        let added = self.conn.execute(
            "INSERT INTO reviews_received (review_id, body, year, number, received_at, package)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (review_id) DO NOTHING",
            params![
                review_id,
                body,
                reference.year,
                reference.number,
                stamp_text(at),
                file_text
            ],
        )?;
        Ok(added > 0)
    }

    /// The review packages received, newest first.
    pub fn received_reviews(&self) -> Result<Vec<ReceivedReview>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT review_id, body, year, number, received_at, reviewer, decision, replied_at
             FROM reviews_received ORDER BY received_at DESC, review_id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                <(
                    String,
                    String,
                    i32,
                    u32,
                    String,
                    String,
                    Option<String>,
                    Option<String>,
                )>::try_from(r)
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(
                |(review_id, body, year, number, at, reviewer, dec, replied)| {
                    Ok(ReceivedReview {
                        review_id,
                        body,
                        reference: MeetingRef { year, number },
                        received_at: parse_stamp(":reviews:", &at)?,
                        reviewer,
                        decision: dec.as_deref().map(decision).transpose()?,
                        replied_at: replied
                            .as_deref()
                            .map(|t| parse_stamp(":reviews:", t))
                            .transpose()?,
                    })
                },
            )
            .collect()
    }

    /// The file of a received review package, exactly as it came.
    pub fn received_review_file(&self, review_id: &str) -> Result<String, StoreError> {
        self.conn
            .query_row(
                "SELECT package FROM reviews_received WHERE review_id = ?1",
                [review_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("the review «{review_id}»")))
    }

    /// The comments written so far on a received review, by item number (0: the whole
    /// minutes), and the reviewer's name.
    pub fn review_drafts(
        &self,
        review_id: &str,
    ) -> Result<(String, BTreeMap<u32, String>), StoreError> {
        let reviewer: String = self
            .conn
            .query_row(
                "SELECT reviewer FROM reviews_received WHERE review_id = ?1",
                [review_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("the review «{review_id}»")))?;
        let drafts = self
            .conn
            .prepare_cached("SELECT item_number, text FROM review_drafts WHERE review_id = ?1")?
            .query_map([review_id], |r| r.try_into())?
            .collect::<Result<_, _>>()?;
        Ok((reviewer, drafts))
    }

    /// Stores the comments being written on a received review (replacing what was stored;
    /// empty texts are dropped) and the reviewer's name.
    pub fn save_review_drafts(
        &mut self,
        review_id: &str,
        reviewer: &str,
        drafts: &BTreeMap<u32, String>,
    ) -> Result<(), StoreError> {
        self.ensure_writable()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let found = tx.execute(
            "UPDATE reviews_received SET reviewer = ?2 WHERE review_id = ?1",
            params![review_id, reviewer],
        )?;
        if found == 0 {
            return Err(StoreError::NotFound(format!("the review «{review_id}»")));
        }
        tx.execute(
            "DELETE FROM review_drafts WHERE review_id = ?1",
            [review_id],
        )?;
        for (item, text) in drafts.iter().filter(|(_, t)| !t.trim().is_empty()) {
            tx.execute(
                "INSERT INTO review_drafts (review_id, item_number, text) VALUES (?1, ?2, ?3)",
                params![review_id, item, text],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Records that the reply to a received review was written, with its decision.
    pub fn record_reply_written(
        &mut self,
        review_id: &str,
        decision: ReviewDecision,
        at: NaiveDateTime,
    ) -> Result<(), StoreError> {
        self.ensure_writable()?;
        self.conn.execute(
            "UPDATE reviews_received SET decision = ?2, replied_at = ?3 WHERE review_id = ?1",
            params![review_id, decision.code(), stamp_text(at)],
        )?;
        Ok(())
    }
}
