-- Møtebok schema, step 2: what the live minutes record beyond an item's texts.
--
-- Item start and end times, votes (unanimous, counted, or by name), follow-up tasks, each
-- body's quick decision phrases, and the place the referent was working at (meeting, item,
-- meeting mode) so that a restart after a crash opens the same place.

ALTER TABLE items ADD COLUMN started TEXT
    CHECK (started IS NULL OR started GLOB '[0-2][0-9]:[0-5][0-9]*');
ALTER TABLE items ADD COLUMN ended TEXT
    CHECK (ended IS NULL OR ended GLOB '[0-2][0-9]:[0-5][0-9]*');

-- One row per item that was voted on. Counts are set for 'counted'; 'named' lists each
-- member's vote in item_vote_names.
CREATE TABLE item_votes (
    item_id    INTEGER PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('unanimous', 'counted', 'named')),
    for_count  INTEGER CHECK (for_count IS NULL OR for_count >= 0),
    against    INTEGER CHECK (against IS NULL OR against >= 0),
    abstaining INTEGER CHECK (abstaining IS NULL OR abstaining >= 0),
    CHECK ((kind = 'counted') = (for_count IS NOT NULL AND against IS NOT NULL
                                 AND abstaining IS NOT NULL))
);

CREATE TABLE item_vote_names (
    item_id   INTEGER NOT NULL REFERENCES item_votes (item_id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    person_id INTEGER NOT NULL REFERENCES people (id),
    choice    TEXT NOT NULL CHECK (choice IN ('for', 'against', 'abstaining')),
    PRIMARY KEY (item_id, position),
    UNIQUE (item_id, person_id)
);
CREATE INDEX item_vote_names_person ON item_vote_names (person_id);

-- A deadline is a date or words, never both.
CREATE TABLE item_follow_ups (
    item_id        INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    task           TEXT NOT NULL,
    responsible_id INTEGER REFERENCES people (id),
    deadline_date  TEXT CHECK (deadline_date IS NULL
                       OR deadline_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    deadline_text  TEXT,
    done           TEXT CHECK (done IS NULL
                       OR done GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    PRIMARY KEY (item_id, position),
    CHECK (deadline_date IS NULL OR deadline_text IS NULL)
);
CREATE INDEX item_follow_ups_responsible ON item_follow_ups (responsible_id);

-- A body's quick decision phrases, in order. A body without rows uses the built-in list.
CREATE TABLE body_phrases (
    body_id  INTEGER NOT NULL REFERENCES bodies (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    phrase   TEXT NOT NULL CHECK (phrase <> ''),
    PRIMARY KEY (body_id, position)
);

-- Where the referent was working: one row at most.
CREATE TABLE work_place (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    meeting_id   INTEGER REFERENCES meetings (id) ON DELETE SET NULL,
    item_number  INTEGER CHECK (item_number IS NULL OR item_number >= 1),
    meeting_mode INTEGER NOT NULL DEFAULT 0 CHECK (meeting_mode IN (0, 1))
);
