-- Møtebok schema, step 9: the signatory register.
--
-- Who may sign, in which role, with which certificate: the SHA-256 fingerprint and the
-- certificate itself (DER), its subject's name, issuer and validity. A person is registered
-- when their identity is made or imported on this machine, when they sign here, or when a
-- signed file or meeting package brings their certificate and the secretary confirms it.
-- `body_id` NULL: for every body. `motebok verify --db` trusts a signer whose certificate is
-- registered, and calls a certificate that copies a registered person's name an impostor.
-- Entries are added, never changed; an entry that should no longer count is ended
-- (`valid_to`) by a new entry in a later step, never deleted.
CREATE TABLE signatory_register (
    id                 INTEGER PRIMARY KEY,
    body_id            INTEGER REFERENCES bodies (id),
    name               TEXT NOT NULL CHECK (name <> ''),
    role               TEXT NOT NULL,
    certificate_sha256 TEXT NOT NULL
                           CHECK (length(certificate_sha256) = 64 AND certificate_sha256 NOT GLOB '*[^0-9a-f]*'),
    certificate        BLOB NOT NULL CHECK (length(certificate) > 0),
    issuer             TEXT NOT NULL,
    valid_from         TEXT NOT NULL, -- UTC, RFC 3339
    valid_to           TEXT NOT NULL, -- UTC, RFC 3339
    source             TEXT NOT NULL
                           CHECK (source IN ('made', 'imported', 'signed', 'signed-file', 'package')),
    registered_at      TEXT NOT NULL  -- UTC, RFC 3339
);
CREATE UNIQUE INDEX signatory_register_once
    ON signatory_register (ifnull(body_id, 0), certificate_sha256, role);
CREATE INDEX signatory_register_certificate ON signatory_register (certificate_sha256);

CREATE TRIGGER signatory_register_never_changes BEFORE UPDATE ON signatory_register
BEGIN
    SELECT RAISE(ABORT, 'a signatory register entry never changes');
END;

CREATE TRIGGER signatory_register_never_goes BEFORE DELETE ON signatory_register
BEGIN
    SELECT RAISE(ABORT, 'a signatory register entry is never removed');
END;

-- A signing request: the approved minutes as the first signature is to sign them (rendered,
-- stating who is to sign), written out for a signatory who signs on another machine. Kept so
-- that a signed file coming back is checked to be exactly this document plus one signature.
-- One per version of a meeting; never changed.
CREATE TABLE signing_requests (
    meeting_id   INTEGER NOT NULL REFERENCES meetings (id),
    version      INTEGER NOT NULL CHECK (version >= 1),
    pdf          BLOB NOT NULL CHECK (length(pdf) > 0),
    requested_at TEXT NOT NULL, -- UTC, RFC 3339
    PRIMARY KEY (meeting_id, version)
);

CREATE TRIGGER signing_requests_only_when_approved BEFORE INSERT ON signing_requests
WHEN NOT EXISTS (SELECT 1 FROM meetings m WHERE m.id = NEW.meeting_id
                   AND m.status = 'approved' AND m.version = NEW.version)
BEGIN
    SELECT RAISE(ABORT, 'only the current version of approved minutes can be sent for signing');
END;

CREATE TRIGGER signing_requests_never_change BEFORE UPDATE ON signing_requests
BEGIN
    SELECT RAISE(ABORT, 'a signing request never changes');
END;
