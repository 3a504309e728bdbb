-- Møtebok schema, step 5: full-text search across every meeting, and follow-up tracking.
--
-- search_index is an FTS5 index with one row per agenda item. It holds no copy of the text
-- (content=''): results are read from items, so the index only costs its posting lists. Its
-- rowid is the item's search key, day of the meeting * 2^32 + items.id, so that the index
-- lists matches newest meeting first and a search reads only the newest matches it shows
-- (ranking every match of a two-letter prefix in a large archive costs tens of milliseconds).
-- search_keys remembers each item's key, to remove the item's row when its date changes or
-- it is deleted. The text is folded before indexing: æ → ae and ø → o here (they are letters,
-- not diacritics, so the tokenizer keeps them), case and diacritics (å → a, é → e) by the
-- tokenizer. Queries are folded the same way (model::fold_for_search), so "okonomi",
-- "økonomi" and "Økonomi" find each other.
--
-- Triggers on every table the index reads (items, guests, follow-ups, people's names, meeting
-- references) queue the items a write changes, whatever code makes the write: saving,
-- importing, correcting, deleting. The store re-indexes the queue before it commits; a search
-- re-indexes anything still queued first. Store::rebuild_search_index rebuilds it whole.

CREATE VIRTUAL TABLE search_index USING fts5(
    case_no, title, description, proposed_decision, decision, notes, guests, follow_ups,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

-- What the index holds for each item, folded: its key, then the columns of search_index.
CREATE VIEW search_source AS
SELECT
    i.id AS item_id,
    coalesce(CAST(julianday(m.date) AS INTEGER), 0) * 4294967296 + i.id AS search_key,
    m.year || '/M' || m.number || '-' || printf('%03d', i.number) AS case_no,
    replace(replace(replace(replace(i.title,
        'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae') AS title,
    replace(replace(replace(replace(coalesce(i.description, ''),
        'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae') AS description,
    replace(replace(replace(replace(coalesce(i.proposed_decision, ''),
        'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae') AS proposed_decision,
    replace(replace(replace(replace(coalesce(i.decision, ''),
        'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae') AS decision,
    replace(replace(replace(replace(coalesce(i.notes, ''),
        'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae') AS notes,
    replace(replace(replace(replace(coalesce(
        (SELECT group_concat(p.name, ' ; ') FROM item_guests g JOIN people p ON p.id = g.person_id
         WHERE g.item_id = i.id), ''),
        'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae') AS guests,
    replace(replace(replace(replace(coalesce(
        (SELECT group_concat(f.task || ' ; ' || coalesce(p.name, '') || ' ; '
                             || coalesce(f.deadline_text, ''), ' ; ')
         FROM item_follow_ups f LEFT JOIN people p ON p.id = f.responsible_id
         WHERE f.item_id = i.id), ''),
        'ø', 'o'), 'Ø', 'o'), 'æ', 'ae'), 'Æ', 'ae') AS follow_ups
FROM items i JOIN meetings m ON m.id = i.meeting_id;

-- Items whose indexed text changed in the current transaction, waiting to be re-indexed.
-- The triggers below only queue an item here; the store re-indexes the queue before it
-- commits (store::search::sync_index), writing each changed item once, in key order (FTS5
-- flushes its pending data whenever a row id is written out of order or twice).
CREATE TABLE search_dirty (item_id INTEGER PRIMARY KEY);

CREATE TABLE search_keys (
    item_id    INTEGER PRIMARY KEY,
    search_key INTEGER NOT NULL UNIQUE
);

-- Items.
CREATE TRIGGER search_items_insert AFTER INSERT ON items BEGIN
    INSERT INTO search_dirty (item_id) SELECT NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM search_dirty WHERE item_id = NEW.id);
END;

CREATE TRIGGER search_items_update
AFTER UPDATE OF id, meeting_id, number, title, description, proposed_decision, decision, notes
ON items
WHEN OLD.id IS NOT NEW.id OR OLD.meeting_id IS NOT NEW.meeting_id
  OR OLD.number IS NOT NEW.number OR OLD.title IS NOT NEW.title
  OR OLD.description IS NOT NEW.description OR OLD.proposed_decision IS NOT NEW.proposed_decision
  OR OLD.decision IS NOT NEW.decision OR OLD.notes IS NOT NEW.notes
BEGIN
    INSERT INTO search_dirty (item_id) SELECT x FROM (SELECT OLD.id AS x UNION SELECT NEW.id)
        WHERE x NOT IN (SELECT item_id FROM search_dirty);
END;

CREATE TRIGGER search_items_delete AFTER DELETE ON items BEGIN
    INSERT INTO search_dirty (item_id) SELECT OLD.id
        WHERE NOT EXISTS (SELECT 1 FROM search_dirty WHERE item_id = OLD.id);
END;

-- Guests (Deltok).
CREATE TRIGGER search_guests_insert AFTER INSERT ON item_guests BEGIN
    INSERT INTO search_dirty (item_id) SELECT NEW.item_id
        WHERE NOT EXISTS (SELECT 1 FROM search_dirty WHERE item_id = NEW.item_id);
END;

CREATE TRIGGER search_guests_delete AFTER DELETE ON item_guests BEGIN
    INSERT INTO search_dirty (item_id) SELECT OLD.item_id
        WHERE NOT EXISTS (SELECT 1 FROM search_dirty WHERE item_id = OLD.item_id);
END;

CREATE TRIGGER search_guests_update AFTER UPDATE ON item_guests BEGIN
    INSERT INTO search_dirty (item_id) SELECT x FROM (SELECT OLD.item_id AS x UNION SELECT NEW.item_id)
        WHERE x NOT IN (SELECT item_id FROM search_dirty);
END;

-- Follow-ups.
CREATE TRIGGER search_follow_ups_insert AFTER INSERT ON item_follow_ups BEGIN
    INSERT INTO search_dirty (item_id) SELECT NEW.item_id
        WHERE NOT EXISTS (SELECT 1 FROM search_dirty WHERE item_id = NEW.item_id);
END;

CREATE TRIGGER search_follow_ups_delete AFTER DELETE ON item_follow_ups BEGIN
    INSERT INTO search_dirty (item_id) SELECT OLD.item_id
        WHERE NOT EXISTS (SELECT 1 FROM search_dirty WHERE item_id = OLD.item_id);
END;

CREATE TRIGGER search_follow_ups_update
AFTER UPDATE OF item_id, task, responsible_id, deadline_text ON item_follow_ups
WHEN OLD.item_id IS NOT NEW.item_id OR OLD.task IS NOT NEW.task
  OR OLD.responsible_id IS NOT NEW.responsible_id OR OLD.deadline_text IS NOT NEW.deadline_text
BEGIN
    INSERT INTO search_dirty (item_id) SELECT x FROM (SELECT OLD.item_id AS x UNION SELECT NEW.item_id)
        WHERE x NOT IN (SELECT item_id FROM search_dirty);
END;

-- A person renamed: every item naming them as guest or responsible.
CREATE TRIGGER search_people_rename AFTER UPDATE OF name ON people
WHEN OLD.name IS NOT NEW.name
BEGIN
    INSERT INTO search_dirty (item_id)
        SELECT item_id FROM item_guests WHERE person_id = NEW.id
        UNION SELECT item_id FROM item_follow_ups WHERE responsible_id = NEW.id
        EXCEPT SELECT item_id FROM search_dirty;
END;

-- A meeting renumbered or moved to another day: its case numbers and keys change.
CREATE TRIGGER search_meetings_renumber AFTER UPDATE OF year, number, date ON meetings
WHEN OLD.year IS NOT NEW.year OR OLD.number IS NOT NEW.number OR OLD.date IS NOT NEW.date
BEGIN
    INSERT INTO search_dirty (item_id)
        SELECT id FROM items WHERE meeting_id = NEW.id
        EXCEPT SELECT item_id FROM search_dirty;
END;

-- Index what the database already holds.
INSERT INTO search_index (rowid, case_no, title, description, proposed_decision, decision,
                          notes, guests, follow_ups)
    SELECT search_key, case_no, title, description, proposed_decision, decision, notes, guests,
           follow_ups
    FROM search_source ORDER BY search_key;
INSERT INTO search_keys (item_id, search_key) SELECT item_id, search_key FROM search_source;

-- Follow-ups of approved or signed meetings marked done afterwards. The minutes as approved
-- never change, so the day a task was done is kept beside them, not in item_follow_ups.
-- A follow-up rewritten by a correction loses its mark with it (ON DELETE CASCADE).
CREATE TABLE follow_up_done (
    item_id  INTEGER NOT NULL,
    position INTEGER NOT NULL,
    done     TEXT NOT NULL CHECK (done GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    PRIMARY KEY (item_id, position),
    FOREIGN KEY (item_id, position) REFERENCES item_follow_ups (item_id, position)
        ON DELETE CASCADE
);
