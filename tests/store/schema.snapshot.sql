-- index enterprises_code
CREATE INDEX enterprises_code ON enterprises (code);
-- index enterprises_name
CREATE INDEX enterprises_name ON enterprises (name);
-- index fleets_code
CREATE INDEX fleets_code ON fleets (code);
-- index fleets_name
CREATE INDEX fleets_name ON fleets (name);
-- index heating_code
CREATE INDEX heating_code ON heating (code);
-- index heating_name
CREATE INDEX heating_name ON heating (name);
-- index review_sent_county
CREATE INDEX review_sent_county ON review_sent (county);
-- index sites_county_name
CREATE INDEX sites_county_name ON sites (county, name);
-- index sources_enterprise
CREATE INDEX sources_enterprise ON sources (enterprise_id);
-- index sources_fleet
CREATE INDEX sources_fleet ON sources (fleet_id);
-- index sources_site
CREATE INDEX sources_site ON sources (site_id);
-- table enterprises
CREATE TABLE enterprises (
    id                INTEGER PRIMARY KEY,
    name              TEXT    NOT NULL,
    code              TEXT    NOT NULL,
    county            TEXT    NOT NULL,
    town              TEXT    NOT NULL,
    address           TEXT    NOT NULL,
    industry          TEXT    NOT NULL,
    grade             TEXT,
    class             TEXT,
    guarantee         INTEGER NOT NULL CHECK (guarantee IN (0, 1)),
    shut_down         INTEGER NOT NULL CHECK (shut_down IN (0, 1)),
    cems              INTEGER CHECK (cems IN (0, 1)),
    legal_name        TEXT    NOT NULL,
    legal_phone       TEXT    NOT NULL,
    responsible_name  TEXT    NOT NULL,
    responsible_phone TEXT    NOT NULL,
    supervisor_name   TEXT    NOT NULL,
    supervisor_phone  TEXT    NOT NULL,
    origin_sheet      TEXT,
    origin_row        INTEGER,
    CHECK ((origin_sheet IS NULL) = (origin_row IS NULL))
);
-- table filings
CREATE TABLE filings (
    enterprise TEXT PRIMARY KEY,
    state      TEXT NOT NULL CHECK (state IN ('未提交', '已提交', '已备案')),
    date       TEXT,
    number     TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
-- table fleets
CREATE TABLE fleets (
    id            INTEGER PRIMARY KEY,
    county        TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    code          TEXT    NOT NULL,
    daily_trips   REAL,
    guo3_or_older INTEGER,
    guo4          INTEGER,
    guo5          INTEGER,
    guo6          INTEGER,
    new_energy    INTEGER,
    origin_sheet  TEXT,
    origin_row    INTEGER,
    CHECK ((origin_sheet IS NULL) = (origin_row IS NULL))
);
-- table heating
CREATE TABLE heating (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    code           TEXT NOT NULL,
    area_10k_m2    REAL,
    max_load       REAL,
    measure_yellow TEXT NOT NULL,
    measure_orange TEXT NOT NULL,
    measure_red    TEXT NOT NULL,
    origin_sheet   TEXT,
    origin_row     INTEGER,
    CHECK ((origin_sheet IS NULL) = (origin_row IS NULL))
);
-- table measures
CREATE TABLE measures (
    source_id     INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    level         TEXT    NOT NULL CHECK (level IN ('yellow', 'orange', 'red')),
    text          TEXT    NOT NULL,
    share         REAL,
    amount_so2    REAL,
    amount_nox    REAL,
    amount_pm     REAL,
    amount_vocs   REAL,
    key_indicator TEXT    NOT NULL,
    prep_time     TEXT    NOT NULL,
    owner_name    TEXT    NOT NULL,
    owner_phone   TEXT    NOT NULL,
    PRIMARY KEY (source_id, level)
) WITHOUT ROWID;
-- table review_sent
CREATE TABLE review_sent (
    id          INTEGER PRIMARY KEY,
    county      TEXT    NOT NULL,
    fingerprint TEXT    NOT NULL,
    sent_at     TEXT    NOT NULL,
    finding     TEXT    NOT NULL -- the finding as JSON (review --json's shape)
);
-- table settings
CREATE TABLE settings (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    area            TEXT    NOT NULL DEFAULT '',
    year            INTEGER,
    baseline_so2    REAL,
    baseline_nox    REAL,
    baseline_pm     REAL,
    baseline_vocs   REAL,
    baseline_unit   TEXT CHECK (baseline_unit IN ('t/a', 't/d')),
    target_yellow   REAL    NOT NULL DEFAULT 0.10,
    target_orange   REAL    NOT NULL DEFAULT 0.20,
    target_red      REAL    NOT NULL DEFAULT 0.30,
    so2_nox_trade   INTEGER NOT NULL DEFAULT 1 CHECK (so2_nox_trade IN (0, 1)), emission_tolerance REAL NOT NULL DEFAULT 0.05
    CHECK (emission_tolerance >= 0), filing_deadline TEXT,
    CHECK ((baseline_unit IS NULL) = (baseline_so2 IS NULL))
);
-- table sites
CREATE TABLE sites (
    id                INTEGER PRIMARY KEY,
    county            TEXT    NOT NULL,
    name              TEXT    NOT NULL,
    kind              TEXT    NOT NULL,
    address           TEXT    NOT NULL,
    builder           TEXT    NOT NULL,
    contractor        TEXT    NOT NULL,
    manager_name      TEXT    NOT NULL,
    manager_phone     TEXT    NOT NULL,
    responsible_name  TEXT    NOT NULL,
    responsible_phone TEXT    NOT NULL,
    origin_sheet      TEXT,
    origin_row        INTEGER,
    CHECK ((origin_sheet IS NULL) = (origin_row IS NULL))
);
-- table snapshots
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
-- table sources
CREATE TABLE sources (
    id            INTEGER PRIMARY KEY,
    enterprise_id INTEGER REFERENCES enterprises (id) ON DELETE CASCADE,
    site_id       INTEGER REFERENCES sites (id) ON DELETE CASCADE,
    fleet_id      INTEGER REFERENCES fleets (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    name          TEXT    NOT NULL,
    product       TEXT    NOT NULL,
    capacity      TEXT    NOT NULL,
    days          REAL,
    annual_so2    REAL,
    annual_nox    REAL,
    annual_pm     REAL,
    annual_vocs   REAL,
    daily_so2     REAL,
    daily_nox     REAL,
    daily_pm      REAL,
    daily_vocs    REAL,
    origin_sheet  TEXT,
    origin_row    INTEGER,
    CHECK ((enterprise_id IS NOT NULL) + (site_id IS NOT NULL) + (fleet_id IS NOT NULL) = 1),
    CHECK ((origin_sheet IS NULL) = (origin_row IS NULL))
);
