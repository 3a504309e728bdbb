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
