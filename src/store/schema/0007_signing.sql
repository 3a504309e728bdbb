-- Møtebok schema, step 7: signed minutes.
--
-- Who must sign a body's minutes (no rows: the chair and the referent), every signature made
-- on a version of a meeting's minutes (signer, role, time, SHA-256 of the signed content), and
-- the signed PDF of that version, which only grows by incremental updates (one signature
-- appended at a time) while the meeting is approved, and never changes once it is signed.
--
-- The content of an approved or signed meeting (the meeting row, attendance, items and all
-- that hangs off them) is locked in SQLite itself by step 6 (0006_approval.sql): a signed
-- meeting's minutes cannot change; a correction re-opens them as a new version, and the
-- signatures and signed PDF of the signed version stay here, unchanged, for good.

-- Who signs: 'chair' (the meeting's chair), 'referent' (its referent) or 'person:<key>'.
CREATE TABLE body_signatories (
    body_id   INTEGER NOT NULL REFERENCES bodies (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    signatory TEXT NOT NULL CHECK (signatory IN ('chair', 'referent') OR signatory GLOB 'person:?*'),
    PRIMARY KEY (body_id, position),
    UNIQUE (body_id, signatory)
);

-- The signatures of a version of a meeting's minutes, in the order they were made
-- (position 0, 1, ...). No ON DELETE CASCADE: a signed meeting is never deleted.
CREATE TABLE meeting_signatures (
    meeting_id         INTEGER NOT NULL REFERENCES meetings (id),
    version            INTEGER NOT NULL CHECK (version >= 1),
    position           INTEGER NOT NULL CHECK (position >= 0),
    signer             TEXT NOT NULL CHECK (signer <> ''),
    role               TEXT NOT NULL,
    signatory          TEXT NOT NULL, -- the body_signatories code this signature fills
    signed_at          TEXT NOT NULL, -- UTC, 'YYYY-MM-DDTHH:MM:SSZ'
    content_sha256     TEXT NOT NULL
                           CHECK (length(content_sha256) = 64 AND content_sha256 NOT GLOB '*[^0-9a-f]*'),
    certificate_sha256 TEXT NOT NULL
                           CHECK (length(certificate_sha256) = 64 AND certificate_sha256 NOT GLOB '*[^0-9a-f]*'),
    PRIMARY KEY (meeting_id, version, position),
    UNIQUE (meeting_id, version, signatory)
);
CREATE INDEX meeting_signatures_content ON meeting_signatures (content_sha256);

-- The signed minutes of a version as PDF: after its last signature, the signed document.
CREATE TABLE signed_documents (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    version    INTEGER NOT NULL CHECK (version >= 1),
    pdf        BLOB NOT NULL CHECK (length(pdf) > 0),
    sha256     TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    PRIMARY KEY (meeting_id, version)
);

-- Signatures and documents: added only to the current version of an approved meeting, never
-- changed or removed.
CREATE TRIGGER signatures_only_when_approved BEFORE INSERT ON meeting_signatures
WHEN NOT EXISTS (SELECT 1 FROM meetings m WHERE m.id = NEW.meeting_id
                   AND m.status = 'approved' AND m.version = NEW.version)
BEGIN
    SELECT RAISE(ABORT, 'only the current version of approved minutes can be signed');
END;

CREATE TRIGGER signatures_never_change BEFORE UPDATE ON meeting_signatures
BEGIN
    SELECT RAISE(ABORT, 'a signature of signed minutes never changes');
END;

CREATE TRIGGER signatures_never_go BEFORE DELETE ON meeting_signatures
BEGIN
    SELECT RAISE(ABORT, 'a signature of signed minutes is never removed');
END;

CREATE TRIGGER signed_documents_only_when_approved BEFORE INSERT ON signed_documents
WHEN NOT EXISTS (SELECT 1 FROM meetings m WHERE m.id = NEW.meeting_id
                   AND m.status = 'approved' AND m.version = NEW.version)
BEGIN
    SELECT RAISE(ABORT, 'only the current version of approved minutes can be signed');
END;

-- A further signature appends to the document; the bytes signed before stay as they are.
CREATE TRIGGER signed_documents_only_grow BEFORE UPDATE ON signed_documents
WHEN NEW.meeting_id IS NOT OLD.meeting_id OR NEW.version IS NOT OLD.version
  OR NOT EXISTS (SELECT 1 FROM meetings m WHERE m.id = OLD.meeting_id
                   AND m.status = 'approved' AND m.version = OLD.version)
  OR length(NEW.pdf) <= length(OLD.pdf)
  OR substr(NEW.pdf, 1, length(OLD.pdf)) IS NOT OLD.pdf
BEGIN
    SELECT RAISE(ABORT, 'the signed minutes never change: their signed document stays as it is');
END;

CREATE TRIGGER signed_documents_never_go BEFORE DELETE ON signed_documents
BEGIN
    SELECT RAISE(ABORT, 'the signed document of signed minutes is never removed');
END;
