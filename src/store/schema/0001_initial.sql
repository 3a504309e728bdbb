-- Møtebok schema, version 1.
--
-- Conventions: dates are TEXT 'YYYY-MM-DD', times TEXT 'HH:MM' ('HH:MM:SS' only when a time
-- carries seconds). Codes are the model's `code()` strings, guarded by CHECK constraints.
-- Lists whose order matters carry a `position` column (0, 1, 2 ...) and are read ORDER BY it.
-- Deleting a meeting deletes its attendance, items, presenters and guests (ON DELETE CASCADE).

-- Marks the file as a Møtebok database ("MBOK"), so the program never migrates a foreign one.
PRAGMA application_id = 1296191307;

CREATE TABLE bodies (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (name <> '')
);

CREATE TABLE people (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE CHECK (key <> ''),
    name         TEXT NOT NULL,
    organization TEXT
);

CREATE TABLE memberships (
    id           INTEGER PRIMARY KEY,
    body_id      INTEGER NOT NULL REFERENCES bodies (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    person_id    INTEGER NOT NULL REFERENCES people (id),
    role         TEXT NOT NULL CHECK (role IN
                     ('chair', 'deputy_chair', 'member', 'deputy_member', 'secretary', 'observer')),
    municipality TEXT,
    from_date    TEXT CHECK (from_date IS NULL OR from_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    to_date      TEXT CHECK (to_date IS NULL OR to_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
);
CREATE INDEX memberships_body ON memberships (body_id, position);
CREATE INDEX memberships_person ON memberships (person_id);

CREATE TABLE meetings (
    id          INTEGER PRIMARY KEY,
    body_id     INTEGER NOT NULL REFERENCES bodies (id),
    year        INTEGER NOT NULL CHECK (year BETWEEN 1000 AND 9999),
    number      INTEGER NOT NULL CHECK (number >= 1),
    date        TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    start_time  TEXT CHECK (start_time IS NULL OR start_time GLOB '[0-2][0-9]:[0-5][0-9]*'),
    end_time    TEXT CHECK (end_time IS NULL OR end_time GLOB '[0-2][0-9]:[0-5][0-9]*'),
    place       TEXT NOT NULL DEFAULT '',
    chair_id    INTEGER REFERENCES people (id),
    referent_id INTEGER REFERENCES people (id),
    status      TEXT NOT NULL CHECK (status IN
                    ('planned', 'notice_sent', 'held', 'draft_minutes', 'in_review', 'approved', 'signed')),
    UNIQUE (body_id, year, number)
);
CREATE INDEX meetings_chair ON meetings (chair_id);
CREATE INDEX meetings_referent ON meetings (referent_id);

CREATE TABLE attendance (
    meeting_id    INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    person_id     INTEGER NOT NULL REFERENCES people (id),
    status        TEXT NOT NULL CHECK (status IN
                      ('summoned', 'present', 'absent', 'absent_no_notice', 'deputy')),
    deputy_for_id INTEGER REFERENCES people (id),
    arrived       TEXT CHECK (arrived IS NULL OR arrived GLOB '[0-2][0-9]:[0-5][0-9]*'),
    left_at       TEXT CHECK (left_at IS NULL OR left_at GLOB '[0-2][0-9]:[0-5][0-9]*'),
    note          TEXT,
    PRIMARY KEY (meeting_id, position),
    UNIQUE (meeting_id, person_id)
);
CREATE INDEX attendance_person ON attendance (person_id);
CREATE INDEX attendance_deputy_for ON attendance (deputy_for_id);

CREATE TABLE items (
    id                INTEGER PRIMARY KEY,
    meeting_id        INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    number            INTEGER NOT NULL CHECK (number >= 1),
    title             TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN
                          ('decision', 'information', 'discussion', 'other_business')),
    description       TEXT,
    proposed_decision TEXT,
    decision          TEXT,
    notes             TEXT,
    exempt_basis      TEXT, -- NULL: public; otherwise the legal basis, e.g. 'offl. § 24'
    planned_minutes   INTEGER CHECK (planned_minutes IS NULL OR planned_minutes >= 0),
    outcome           TEXT CHECK (outcome IS NULL OR outcome IN ('decided', 'noted', 'postponed')),
    UNIQUE (meeting_id, number)
);

CREATE TABLE item_presenters (
    item_id   INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    person_id INTEGER NOT NULL REFERENCES people (id),
    PRIMARY KEY (item_id, position)
);
CREATE INDEX item_presenters_person ON item_presenters (person_id);

CREATE TABLE item_guests (
    item_id   INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    person_id INTEGER NOT NULL REFERENCES people (id),
    PRIMARY KEY (item_id, position)
);
CREATE INDEX item_guests_person ON item_guests (person_id);
