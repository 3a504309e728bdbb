-- Møtebok schema, step 6: approval locks, recorded corrections, offline review.
--
-- Approved (and signed) minutes never change. The program refuses such changes in Rust
-- (Store::save_meeting, Edit::apply); the triggers below are the second, independent line:
-- whatever code or tool writes to the file, SQLite itself aborts an INSERT, UPDATE or DELETE
-- of a locked meeting's content (its attendance, items and everything hanging off them).
--
-- A meeting row of a locked meeting may only
--   * stay as it is, or move forward from approved to signed, with every other column unchanged;
--   * be re-opened as a correction: status back to draft_minutes with version + 1, allowed only
--     once the version being replaced is recorded in meeting_versions (Store::start_correction).
-- Recorded versions and approvals are never changed or deleted.
--
-- Follow-up "done" marks (follow_up_done), the search index and review comments are not
-- minutes content and stay writable. Signature tables of signed meetings have their own step.

-- The version of the minutes a meeting holds now: 1, then one more for each correction.
ALTER TABLE meetings ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);

-- Each approval of a meeting's minutes (one per version), append-only.
CREATE TABLE meeting_approvals (
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL CHECK (version >= 1),
    approved_at TEXT NOT NULL,
    approved_by TEXT,            -- who approved, as the user gave it (free text), or NULL
    via         TEXT NOT NULL CHECK (via IN ('window', 'command_line', 'review')),
    PRIMARY KEY (meeting_id, version)
);

-- The approved versions a correction replaced: the meeting package (JSON) and the minutes PDF
-- exactly as they stood, and why the correction was made. Append-only.
CREATE TABLE meeting_versions (
    meeting_id    INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    version       INTEGER NOT NULL CHECK (version >= 1),
    status        TEXT NOT NULL CHECK (status IN ('approved', 'signed')),
    package       TEXT NOT NULL CHECK (json_valid(package)),
    pdf           BLOB NOT NULL,
    reason        TEXT NOT NULL CHECK (trim(reason) <> ''),
    superseded_at TEXT NOT NULL,
    PRIMARY KEY (meeting_id, version)
);

CREATE TRIGGER approval_versions_insert BEFORE INSERT ON meeting_versions
WHEN NOT EXISTS (SELECT 1 FROM meetings m WHERE m.id = NEW.meeting_id
                   AND m.status IN ('approved', 'signed') AND m.status = NEW.status
                   AND m.version = NEW.version)
BEGIN
    SELECT RAISE(ABORT, 'only the approved version a meeting holds now can be recorded');
END;
CREATE TRIGGER approval_versions_update BEFORE UPDATE ON meeting_versions
BEGIN
    SELECT RAISE(ABORT, 'recorded versions of approved minutes never change');
END;
CREATE TRIGGER approval_versions_delete BEFORE DELETE ON meeting_versions
BEGIN
    SELECT RAISE(ABORT, 'recorded versions of approved minutes are kept: the meeting cannot be deleted');
END;

CREATE TRIGGER approval_approvals_insert BEFORE INSERT ON meeting_approvals
WHEN NOT EXISTS (SELECT 1 FROM meetings m WHERE m.id = NEW.meeting_id
                   AND m.status IN ('approved', 'signed') AND m.version = NEW.version)
BEGIN
    SELECT RAISE(ABORT, 'an approval is recorded for an approved meeting and its current version');
END;
CREATE TRIGGER approval_approvals_update BEFORE UPDATE ON meeting_approvals
BEGIN
    SELECT RAISE(ABORT, 'recorded approvals never change');
END;
CREATE TRIGGER approval_approvals_delete BEFORE DELETE ON meeting_approvals
BEGIN
    SELECT RAISE(ABORT, 'recorded approvals are kept: the meeting cannot be deleted');
END;

-- The meeting row.
CREATE TRIGGER approval_lock_meetings_update BEFORE UPDATE ON meetings
WHEN OLD.status IN ('approved', 'signed')
 AND NOT (
        NEW.body_id IS OLD.body_id AND NEW.year IS OLD.year AND NEW.number IS OLD.number
    AND NEW.date IS OLD.date AND NEW.start_time IS OLD.start_time
    AND NEW.end_time IS OLD.end_time AND NEW.place IS OLD.place
    AND NEW.chair_id IS OLD.chair_id AND NEW.referent_id IS OLD.referent_id
    AND NEW.id IS OLD.id
    AND (
            -- unchanged, or forward from approved to signed
            (NEW.version IS OLD.version
             AND (NEW.status IS OLD.status OR (OLD.status = 'approved' AND NEW.status = 'signed')))
            -- a recorded correction
         OR (NEW.status = 'draft_minutes' AND NEW.version = OLD.version + 1
             AND EXISTS (SELECT 1 FROM meeting_versions v
                         WHERE v.meeting_id = OLD.id AND v.version = OLD.version))
        )
 )
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;
CREATE TRIGGER approval_lock_meetings_delete BEFORE DELETE ON meetings
WHEN OLD.status IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;

-- Everything that belongs to a meeting's minutes.
-- items
CREATE TRIGGER approval_lock_items_insert BEFORE INSERT ON items
WHEN (SELECT status FROM meetings WHERE id = NEW.meeting_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;
CREATE TRIGGER approval_lock_items_update BEFORE UPDATE ON items
WHEN (SELECT status FROM meetings WHERE id = OLD.meeting_id) IN ('approved', 'signed')
  OR (SELECT status FROM meetings WHERE id = NEW.meeting_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;
CREATE TRIGGER approval_lock_items_delete BEFORE DELETE ON items
WHEN (SELECT status FROM meetings WHERE id = OLD.meeting_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;

-- attendance
CREATE TRIGGER approval_lock_attendance_insert BEFORE INSERT ON attendance
WHEN (SELECT status FROM meetings WHERE id = NEW.meeting_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;
CREATE TRIGGER approval_lock_attendance_update BEFORE UPDATE ON attendance
WHEN (SELECT status FROM meetings WHERE id = OLD.meeting_id) IN ('approved', 'signed')
  OR (SELECT status FROM meetings WHERE id = NEW.meeting_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;
CREATE TRIGGER approval_lock_attendance_delete BEFORE DELETE ON attendance
WHEN (SELECT status FROM meetings WHERE id = OLD.meeting_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;

-- disqualifications
CREATE TRIGGER approval_lock_disqualifications_insert BEFORE INSERT ON disqualifications
WHEN (SELECT status FROM meetings WHERE id = NEW.meeting_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;
CREATE TRIGGER approval_lock_disqualifications_update BEFORE UPDATE ON disqualifications
WHEN (SELECT status FROM meetings WHERE id = OLD.meeting_id) IN ('approved', 'signed')
  OR (SELECT status FROM meetings WHERE id = NEW.meeting_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;
CREATE TRIGGER approval_lock_disqualifications_delete BEFORE DELETE ON disqualifications
WHEN (SELECT status FROM meetings WHERE id = OLD.meeting_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;

-- notice_baselines
CREATE TRIGGER approval_lock_notice_baselines_insert BEFORE INSERT ON notice_baselines
WHEN (SELECT status FROM meetings WHERE id = NEW.meeting_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;
CREATE TRIGGER approval_lock_notice_baselines_update BEFORE UPDATE ON notice_baselines
WHEN (SELECT status FROM meetings WHERE id = OLD.meeting_id) IN ('approved', 'signed')
  OR (SELECT status FROM meetings WHERE id = NEW.meeting_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;
CREATE TRIGGER approval_lock_notice_baselines_delete BEFORE DELETE ON notice_baselines
WHEN (SELECT status FROM meetings WHERE id = OLD.meeting_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;

-- item_presenters
CREATE TRIGGER approval_lock_item_presenters_insert BEFORE INSERT ON item_presenters
WHEN (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = NEW.item_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;
CREATE TRIGGER approval_lock_item_presenters_update BEFORE UPDATE ON item_presenters
WHEN (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = OLD.item_id) IN ('approved', 'signed')
  OR (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = NEW.item_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;
CREATE TRIGGER approval_lock_item_presenters_delete BEFORE DELETE ON item_presenters
WHEN (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = OLD.item_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;

-- item_guests
CREATE TRIGGER approval_lock_item_guests_insert BEFORE INSERT ON item_guests
WHEN (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = NEW.item_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;
CREATE TRIGGER approval_lock_item_guests_update BEFORE UPDATE ON item_guests
WHEN (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = OLD.item_id) IN ('approved', 'signed')
  OR (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = NEW.item_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;
CREATE TRIGGER approval_lock_item_guests_delete BEFORE DELETE ON item_guests
WHEN (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = OLD.item_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;

-- item_votes
CREATE TRIGGER approval_lock_item_votes_insert BEFORE INSERT ON item_votes
WHEN (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = NEW.item_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;
CREATE TRIGGER approval_lock_item_votes_update BEFORE UPDATE ON item_votes
WHEN (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = OLD.item_id) IN ('approved', 'signed')
  OR (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = NEW.item_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;
CREATE TRIGGER approval_lock_item_votes_delete BEFORE DELETE ON item_votes
WHEN (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = OLD.item_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;

-- item_vote_names
CREATE TRIGGER approval_lock_item_vote_names_insert BEFORE INSERT ON item_vote_names
WHEN (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = NEW.item_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;
CREATE TRIGGER approval_lock_item_vote_names_update BEFORE UPDATE ON item_vote_names
WHEN (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = OLD.item_id) IN ('approved', 'signed')
  OR (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = NEW.item_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;
CREATE TRIGGER approval_lock_item_vote_names_delete BEFORE DELETE ON item_vote_names
WHEN (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = OLD.item_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;

-- item_follow_ups
CREATE TRIGGER approval_lock_item_follow_ups_insert BEFORE INSERT ON item_follow_ups
WHEN (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = NEW.item_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;
CREATE TRIGGER approval_lock_item_follow_ups_update BEFORE UPDATE ON item_follow_ups
WHEN (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = OLD.item_id) IN ('approved', 'signed')
  OR (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = NEW.item_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;
CREATE TRIGGER approval_lock_item_follow_ups_delete BEFORE DELETE ON item_follow_ups
WHEN (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = OLD.item_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;

-- item_attachments
CREATE TRIGGER approval_lock_item_attachments_insert BEFORE INSERT ON item_attachments
WHEN (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = NEW.item_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;
CREATE TRIGGER approval_lock_item_attachments_update BEFORE UPDATE ON item_attachments
WHEN (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = OLD.item_id) IN ('approved', 'signed')
  OR (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = NEW.item_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;
CREATE TRIGGER approval_lock_item_attachments_delete BEFORE DELETE ON item_attachments
WHEN (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = OLD.item_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;

-- item_origins
CREATE TRIGGER approval_lock_item_origins_insert BEFORE INSERT ON item_origins
WHEN (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = NEW.item_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;
CREATE TRIGGER approval_lock_item_origins_update BEFORE UPDATE ON item_origins
WHEN (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = OLD.item_id) IN ('approved', 'signed')
  OR (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = NEW.item_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;
CREATE TRIGGER approval_lock_item_origins_delete BEFORE DELETE ON item_origins
WHEN (SELECT m.status FROM items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = OLD.item_id) IN ('approved', 'signed')
BEGIN
    SELECT RAISE(ABORT, 'approved minutes cannot change: the meeting is approved or signed (a correction makes a new version)');
END;
-- Offline review, secretary's side: review packages sent from this database, the replies
-- imported for them and their comments (which the secretary ticks off as resolved).
CREATE TABLE reviews_sent (
    review_id  TEXT PRIMARY KEY CHECK (review_id <> ''),
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL CHECK (version >= 1),
    sent_at    TEXT NOT NULL
);
CREATE INDEX reviews_sent_meeting ON reviews_sent (meeting_id);

CREATE TABLE review_replies (
    id          INTEGER PRIMARY KEY,
    review_id   TEXT NOT NULL REFERENCES reviews_sent (review_id) ON DELETE CASCADE,
    reviewer    TEXT NOT NULL,
    decision    TEXT NOT NULL CHECK (decision IN ('approve', 'changes_requested')),
    replied_at  TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    UNIQUE (review_id, reviewer, replied_at)
);
CREATE INDEX review_replies_review ON review_replies (review_id);

-- item_number: the item the comment is shown at (NULL: the whole meeting); item_title: the
-- item's title as the reviewer saw it.
CREATE TABLE review_comments (
    reply_id    INTEGER NOT NULL REFERENCES review_replies (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    item_number INTEGER CHECK (item_number IS NULL OR item_number >= 1),
    item_title  TEXT,
    text        TEXT NOT NULL,
    resolved_at TEXT,
    PRIMARY KEY (reply_id, position)
);

-- Offline review, leader's side: review packages received (kept exactly as received, never
-- an editable meeting), the comments being written (item_number 0: the whole meeting) and
-- the decision once the reply is written.
CREATE TABLE reviews_received (
    review_id   TEXT PRIMARY KEY CHECK (review_id <> ''),
    body        TEXT NOT NULL,
    year        INTEGER NOT NULL,
    number      INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    package     TEXT NOT NULL CHECK (json_valid(package)),
    reviewer    TEXT NOT NULL DEFAULT '',
    decision    TEXT CHECK (decision IS NULL OR decision IN ('approve', 'changes_requested')),
    replied_at  TEXT
);

CREATE TRIGGER review_received_content_update BEFORE UPDATE OF package ON reviews_received
WHEN NEW.package IS NOT OLD.package
BEGIN
    SELECT RAISE(ABORT, 'a received review package is kept as it came');
END;

CREATE TABLE review_drafts (
    review_id   TEXT NOT NULL REFERENCES reviews_received (review_id) ON DELETE CASCADE,
    item_number INTEGER NOT NULL CHECK (item_number >= 0),
    text        TEXT NOT NULL,
    PRIMARY KEY (review_id, item_number)
);
