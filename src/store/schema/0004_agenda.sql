-- Møtebok schema, version 4: the agenda builder.
--
-- Attachments (vedlegg): the bytes are stored once per content, keyed by their SHA-256
-- (lower-case hex); an item lists its attachments by name and hash. A blob is never deleted
-- while the program runs, so undoing the removal of an attachment always finds its bytes.
CREATE TABLE attachment_blobs (
    sha256     TEXT PRIMARY KEY CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
    data       BLOB NOT NULL CHECK (length(data) = size_bytes)
) WITHOUT ROWID;

CREATE TABLE item_attachments (
    item_id    INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL CHECK (name <> ''),
    size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
    sha256     TEXT NOT NULL REFERENCES attachment_blobs (sha256),
    PRIMARY KEY (item_id, position)
);
CREATE INDEX item_attachments_blob ON item_attachments (sha256);

-- The case an item continues when it was postponed from an earlier meeting ('2024/M8-004').
CREATE TABLE item_origins (
    item_id        INTEGER PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
    postponed_from TEXT NOT NULL CHECK (postponed_from GLOB '[0-9][0-9][0-9][0-9]/M[0-9]*-[0-9]*')
);

-- A body's standard items, in order: every new meeting of the body starts with them.
-- No rows for a body: the built-in standard items apply.
CREATE TABLE body_item_templates (
    body_id           INTEGER NOT NULL REFERENCES bodies (id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    title             TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN
                          ('decision', 'information', 'discussion', 'other_business')),
    presenters        TEXT NOT NULL DEFAULT '', -- codes separated by newlines: chair, referent, person:<key>
    description       TEXT,
    proposed_decision TEXT,
    planned_minutes   INTEGER CHECK (planned_minutes IS NULL OR planned_minutes >= 0),
    after_cases       INTEGER NOT NULL CHECK (after_cases IN (0, 1)),
    PRIMARY KEY (body_id, position)
);

-- The agenda as the notice sent it (JSON), to show changes made after the notice.
CREATE TABLE notice_baselines (
    meeting_id INTEGER PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
    sent_at    TEXT NOT NULL,
    items      TEXT NOT NULL CHECK (json_valid(items))
);
