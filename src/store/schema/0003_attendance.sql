-- Attendance by item and the quorum rule of each body (Oppmøte).
--
-- A late arrival or early departure is recorded by item number: the person was in the room
-- from item `arrived_item` and up to and including item `left_after_item` (NULL: from the
-- start / to the end). Times stay in `arrived` and `left_at`. Item numbers are those of
-- `items.number` of the same meeting (the program keeps them in step when items move).

ALTER TABLE attendance ADD COLUMN arrived_item INTEGER
    CHECK (arrived_item IS NULL OR arrived_item >= 1);
ALTER TABLE attendance ADD COLUMN left_after_item INTEGER
    CHECK (left_after_item IS NULL OR left_after_item >= 1);

-- Members who left the room for one item as disqualified (inhabil), with the reason.
CREATE TABLE disqualifications (
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    person_id   INTEGER NOT NULL REFERENCES people (id),
    item_number INTEGER NOT NULL CHECK (item_number >= 1),
    reason      TEXT NOT NULL,
    PRIMARY KEY (meeting_id, position),
    UNIQUE (meeting_id, person_id, item_number)
);
CREATE INDEX disqualifications_person ON disqualifications (person_id);

-- The quorum rule of a body; a body without a row has the default rule, at least half of the
-- members (kommuneloven § 11-9): kind 'at_least', 1/2. For 'count', numerator is the number
-- of members and denominator is 1.
CREATE TABLE body_quorum (
    body_id     INTEGER PRIMARY KEY REFERENCES bodies (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('at_least', 'more_than', 'count')),
    numerator   INTEGER NOT NULL CHECK (numerator >= 1),
    denominator INTEGER NOT NULL CHECK (denominator >= 1),
    CHECK (kind <> 'count' OR denominator = 1),
    CHECK (kind <> 'at_least' OR numerator <= denominator),
    CHECK (kind <> 'more_than' OR numerator < denominator)
);
