-- jianpai list store: the yearly revision (history of the list, diff settings).

-- One row per snapshot of the whole list: the List serialised as JSON and deflate-compressed,
-- with when and why it was taken and a few counts so the history can be listed without
-- decompressing anything.
CREATE TABLE snapshots (
    id          INTEGER PRIMARY KEY,
    taken_at    TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('import', 'export', 'save', 'restore')),
    note        TEXT    NOT NULL DEFAULT '',
    enterprises INTEGER NOT NULL,
    sites       INTEGER NOT NULL,
    fleets      INTEGER NOT NULL,
    list        BLOB    NOT NULL
);

-- Emission changes smaller than this fraction of the larger figure are not reported by diff.
ALTER TABLE settings ADD COLUMN emission_tolerance REAL NOT NULL DEFAULT 0.05
    CHECK (emission_tolerance >= 0);

-- The review findings last sent to each county (review --export-by-county), so that a
-- later review can say which are fixed (已整改), still open, or new. `fingerprint` identifies a
-- finding across re-imports: rule, record and message with its figures left out.
CREATE TABLE review_sent (
    id          INTEGER PRIMARY KEY,
    county      TEXT    NOT NULL,
    fingerprint TEXT    NOT NULL,
    sent_at     TEXT    NOT NULL,
    finding     TEXT    NOT NULL -- the finding as JSON (review --json's shape)
);
CREATE INDEX review_sent_county ON review_sent (county);

-- 备案: the filing state of each enterprise's plan (一厂一策), keyed like the list matches
-- enterprises (credit code, else name) so that it survives re-imports.
CREATE TABLE filings (
    enterprise TEXT PRIMARY KEY,
    state      TEXT NOT NULL CHECK (state IN ('未提交', '已提交', '已备案')),
    date       TEXT,
    number     TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

-- Plans not filed (已备案) by this date (YYYY-MM-DD) get a review warning; NULL: no check.
ALTER TABLE settings ADD COLUMN filing_deadline TEXT;
