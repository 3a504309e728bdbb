-- Full integrity checks of the database file, run in the background by the window (the open
-- itself only makes a cheap check of the header and the schema). One row: when the last full
-- check finished and what it found, and when an open noticed that the session before it had
-- not closed the database (a crash, a kill, a power cut), which makes a check due at once.

CREATE TABLE integrity_checks (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    -- Local time the last full check finished: YYYY-MM-DD HH:MM:SS.
    last_check_at   TEXT,
    -- 1: no problem found; 0: problems found (listed in last_problems).
    last_ok         INTEGER CHECK (last_ok IN (0, 1)),
    -- The first problems the last check reported, one per line.
    last_problems   TEXT,
    -- Local time an open found that the previous session ended without closing the database;
    -- NULL once a full check has run after it.
    unclean_exit_at TEXT
);

INSERT INTO integrity_checks (id) VALUES (1);
