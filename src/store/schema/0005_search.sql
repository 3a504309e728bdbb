-- Møtebok schema, step 5: full-text search across every meeting, and follow-up tracking.
--
-- search_index is an FTS5 index with one row per agenda item (rowid = items.id). It holds no
-- copy of the text (content=''): results are read from items, so the index only costs its
-- posting lists. The text is folded before indexing: æ → ae and ø → o here (they are letters,
-- not diacritics, so the tokenizer keeps them), case and diacritics (å → a, é → e) by the
-- tokenizer. Queries are folded the same way (model::fold_for_search), so "okonomi",
-- "økonomi" and "Økonomi" find each other.
--
-- The triggers below keep the index right through every write to the tables it reads (items,
-- guests, follow-ups, people's names, meeting references), whatever code makes the write:
-- saving, importing, correcting, deleting. Store::rebuild_search_index rebuilds it whole.

CREATE VIRTUAL TABLE search_index USING fts5(
    case_no, title, description, proposed_decision, decision, notes, guests, follow_ups,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

-- What the index holds for each item, folded. Column order matches search_index.
CREATE VIEW search_source AS
SELECT
    i.id AS item_id,
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

-- Items.
CREATE TRIGGER search_items_insert AFTER INSERT ON items BEGIN
    DELETE FROM search_index WHERE rowid = NEW.id;
    INSERT INTO search_index (rowid, case_no, title, description, proposed_decision, decision,
                              notes, guests, follow_ups)
        SELECT * FROM search_source WHERE item_id = NEW.id;
END;

CREATE TRIGGER search_items_update
AFTER UPDATE OF id, meeting_id, number, title, description, proposed_decision, decision, notes
ON items
WHEN OLD.id IS NOT NEW.id OR OLD.meeting_id IS NOT NEW.meeting_id
  OR OLD.number IS NOT NEW.number OR OLD.title IS NOT NEW.title
  OR OLD.description IS NOT NEW.description OR OLD.proposed_decision IS NOT NEW.proposed_decision
  OR OLD.decision IS NOT NEW.decision OR OLD.notes IS NOT NEW.notes
BEGIN
    DELETE FROM search_index WHERE rowid IN (OLD.id, NEW.id);
    INSERT INTO search_index (rowid, case_no, title, description, proposed_decision, decision,
                              notes, guests, follow_ups)
        SELECT * FROM search_source WHERE item_id = NEW.id;
END;

CREATE TRIGGER search_items_delete AFTER DELETE ON items BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id;
END;

-- Guests (Deltok).
CREATE TRIGGER search_guests_insert AFTER INSERT ON item_guests BEGIN
    DELETE FROM search_index WHERE rowid = NEW.item_id;
    INSERT INTO search_index (rowid, case_no, title, description, proposed_decision, decision,
                              notes, guests, follow_ups)
        SELECT * FROM search_source WHERE item_id = NEW.item_id;
END;

CREATE TRIGGER search_guests_delete AFTER DELETE ON item_guests BEGIN
    DELETE FROM search_index WHERE rowid = OLD.item_id;
    INSERT INTO search_index (rowid, case_no, title, description, proposed_decision, decision,
                              notes, guests, follow_ups)
        SELECT * FROM search_source WHERE item_id = OLD.item_id;
END;

CREATE TRIGGER search_guests_update AFTER UPDATE ON item_guests BEGIN
    DELETE FROM search_index WHERE rowid IN (OLD.item_id, NEW.item_id);
    INSERT INTO search_index (rowid, case_no, title, description, proposed_decision, decision,
                              notes, guests, follow_ups)
        SELECT * FROM search_source WHERE item_id IN (OLD.item_id, NEW.item_id);
END;

-- Follow-ups.
CREATE TRIGGER search_follow_ups_insert AFTER INSERT ON item_follow_ups BEGIN
    DELETE FROM search_index WHERE rowid = NEW.item_id;
    INSERT INTO search_index (rowid, case_no, title, description, proposed_decision, decision,
                              notes, guests, follow_ups)
        SELECT * FROM search_source WHERE item_id = NEW.item_id;
END;

CREATE TRIGGER search_follow_ups_delete AFTER DELETE ON item_follow_ups BEGIN
    DELETE FROM search_index WHERE rowid = OLD.item_id;
    INSERT INTO search_index (rowid, case_no, title, description, proposed_decision, decision,
                              notes, guests, follow_ups)
        SELECT * FROM search_source WHERE item_id = OLD.item_id;
END;

CREATE TRIGGER search_follow_ups_update
AFTER UPDATE OF item_id, task, responsible_id, deadline_text ON item_follow_ups
WHEN OLD.item_id IS NOT NEW.item_id OR OLD.task IS NOT NEW.task
  OR OLD.responsible_id IS NOT NEW.responsible_id OR OLD.deadline_text IS NOT NEW.deadline_text
BEGIN
    DELETE FROM search_index WHERE rowid IN (OLD.item_id, NEW.item_id);
    INSERT INTO search_index (rowid, case_no, title, description, proposed_decision, decision,
                              notes, guests, follow_ups)
        SELECT * FROM search_source WHERE item_id IN (OLD.item_id, NEW.item_id);
END;

-- A person renamed: every item naming them as guest or responsible.
CREATE TRIGGER search_people_rename AFTER UPDATE OF name ON people
WHEN OLD.name IS NOT NEW.name
BEGIN
    DELETE FROM search_index WHERE rowid IN (
        SELECT item_id FROM item_guests WHERE person_id = NEW.id
        UNION SELECT item_id FROM item_follow_ups WHERE responsible_id = NEW.id);
    INSERT INTO search_index (rowid, case_no, title, description, proposed_decision, decision,
                              notes, guests, follow_ups)
        SELECT * FROM search_source WHERE item_id IN (
            SELECT item_id FROM item_guests WHERE person_id = NEW.id
            UNION SELECT item_id FROM item_follow_ups WHERE responsible_id = NEW.id);
END;

-- A meeting renumbered: its case numbers change.
CREATE TRIGGER search_meetings_renumber AFTER UPDATE OF year, number ON meetings
WHEN OLD.year IS NOT NEW.year OR OLD.number IS NOT NEW.number
BEGIN
    DELETE FROM search_index WHERE rowid IN (SELECT id FROM items WHERE meeting_id = NEW.id);
    INSERT INTO search_index (rowid, case_no, title, description, proposed_decision, decision,
                              notes, guests, follow_ups)
        SELECT s.* FROM search_source s JOIN items i ON i.id = s.item_id
        WHERE i.meeting_id = NEW.id;
END;

-- Index what the database already holds.
INSERT INTO search_index (rowid, case_no, title, description, proposed_decision, decision,
                          notes, guests, follow_ups)
    SELECT * FROM search_source;

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
