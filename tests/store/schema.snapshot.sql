-- index confirmations_notice
CREATE INDEX confirmations_notice ON confirmations (notice_id);
-- index enterprises_code
CREATE INDEX enterprises_code ON enterprises (code);
-- index enterprises_name
CREATE INDEX enterprises_name ON enterprises (name);
-- index episode_levels_episode
CREATE INDEX episode_levels_episode ON episode_levels (episode_id);
-- index fleets_code
CREATE INDEX fleets_code ON fleets (code);
-- index fleets_name
CREATE INDEX fleets_name ON fleets (name);
-- index heating_code
CREATE INDEX heating_code ON heating (code);
-- index heating_name
CREATE INDEX heating_name ON heating (name);
-- index inspections_episode
CREATE INDEX inspections_episode ON inspections (episode_id);
-- index machinery_user
CREATE INDEX machinery_user ON machinery (user_name);
-- index notices_level
CREATE INDEX notices_level ON notices (level_id);
-- index review_sent_county
CREATE INDEX review_sent_county ON review_sent (county);
-- index sites_county_name
CREATE INDEX sites_county_name ON sites (county, name);
-- index sources_enterprise
CREATE INDEX sources_enterprise ON sources (enterprise_id) WHERE enterprise_id IS NOT NULL;
-- index sources_fleet
CREATE INDEX sources_fleet ON sources (fleet_id) WHERE fleet_id IS NOT NULL;
-- index sources_site
CREATE INDEX sources_site ON sources (site_id) WHERE site_id IS NOT NULL;
-- table confirmations
CREATE TABLE confirmations (
    id         INTEGER PRIMARY KEY,
    notice_id  INTEGER NOT NULL REFERENCES notices (id),
    at         TEXT    NOT NULL,
    by_name    TEXT    NOT NULL
);
-- table county_baselines
CREATE TABLE county_baselines (
    position INTEGER NOT NULL,
    county   TEXT    NOT NULL PRIMARY KEY,
    so2      REAL    NOT NULL,
    nox      REAL    NOT NULL,
    pm       REAL    NOT NULL,
    vocs     REAL    NOT NULL,
    unit     TEXT    NOT NULL CHECK (unit IN ('t/a', 't/d'))
);
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
    origin_row        INTEGER, industry_code    TEXT NOT NULL DEFAULT '', key_industry     TEXT NOT NULL DEFAULT '', power_account    TEXT NOT NULL DEFAULT '', normal_daily_kwh REAL, kwh_cap_yellow   REAL, kwh_cap_orange   REAL, kwh_cap_red      REAL,
    CHECK ((origin_sheet IS NULL) = (origin_row IS NULL))
);
-- table episode_levels
CREATE TABLE episode_levels (
    id          INTEGER PRIMARY KEY,
    episode_id  INTEGER NOT NULL REFERENCES episodes (id),
    level       TEXT    NOT NULL CHECK (level IN ('yellow', 'orange', 'red')),
    at          TEXT    NOT NULL,
    doc_no      TEXT    NOT NULL
);
-- table episode_settings
CREATE TABLE "episode_settings" (
    id                    INTEGER PRIMARY KEY CHECK (id = 1),
    notify_window_hours   REAL,
    daily_quota           INTEGER,
    standby_load          REAL,
    power_tolerance       REAL,
    daily_report_due      TEXT,
    evaluation_due_days   INTEGER
);
-- table episodes
CREATE TABLE episodes (
    id            INTEGER PRIMARY KEY,
    issuer        TEXT    NOT NULL,
    doc_no        TEXT    NOT NULL,
    pollutant     TEXT    NOT NULL,
    expected_end  TEXT,
    ended_at      TEXT,
    note          TEXT    NOT NULL DEFAULT ''
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
-- table inspection_photos
CREATE TABLE inspection_photos (
    inspection_id  INTEGER NOT NULL REFERENCES inspections (id),
    position       INTEGER NOT NULL,
    file           TEXT    NOT NULL,
    original_name  TEXT    NOT NULL,
    PRIMARY KEY (inspection_id, position)
);
-- table inspections
CREATE TABLE inspections (
    id             INTEGER PRIMARY KEY,
    episode_id     INTEGER NOT NULL REFERENCES episodes (id),
    kind           TEXT    NOT NULL CHECK (kind IN ('enterprise', 'site')),
    key            TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    at             TEXT    NOT NULL,
    inspectors     TEXT    NOT NULL,
    result         TEXT    NOT NULL CHECK (result IN ('落实', '部分落实', '未落实', '停产核实')),
    seen           TEXT    NOT NULL,
    reading_kwh    REAL,
    problem        TEXT    NOT NULL,
    rectification  TEXT    NOT NULL,
    corrects       INTEGER REFERENCES inspections (id)
);
-- table machinery
CREATE TABLE machinery (
    id             INTEGER PRIMARY KEY,
    county         TEXT    NOT NULL,
    user_name      TEXT    NOT NULL,
    kind           TEXT    NOT NULL,
    stage          TEXT    NOT NULL CHECK (stage IN ('', '国一', '国二', '国三', '国四', '新能源')),
    count          INTEGER,
    fuel           TEXT    NOT NULL,
    measure_yellow TEXT    NOT NULL,
    measure_orange TEXT    NOT NULL,
    measure_red    TEXT    NOT NULL,
    origin_sheet   TEXT,
    origin_row     INTEGER,
    CHECK ((origin_sheet IS NULL) = (origin_row IS NULL))
);
-- table note_requests
CREATE TABLE note_requests (
    level      TEXT PRIMARY KEY CHECK (level IN ('yellow', 'orange', 'red')),
    reason     TEXT NOT NULL,
    requested  REAL CHECK (requested IS NULL OR (requested > 0 AND requested <= 1))
);
-- table notices
CREATE TABLE notices (
    id                 INTEGER PRIMARY KEY,
    level_id           INTEGER NOT NULL REFERENCES episode_levels (id),
    kind               TEXT    NOT NULL CHECK (kind IN ('enterprise', 'site')),
    key                TEXT    NOT NULL,
    name               TEXT    NOT NULL,
    code               TEXT    NOT NULL,
    county             TEXT    NOT NULL,
    town               TEXT    NOT NULL,
    responsible_name   TEXT    NOT NULL,
    responsible_phone  TEXT    NOT NULL,
    measures           TEXT    NOT NULL, -- JSON array of lines
    deadline           TEXT    NOT NULL,
    notified_at        TEXT
);
-- table power_readings
CREATE TABLE power_readings (
    episode_id   INTEGER NOT NULL REFERENCES episodes (id),
    key          TEXT    NOT NULL,
    day          TEXT    NOT NULL,
    use_kwh      REAL    NOT NULL,
    account      TEXT    NOT NULL,
    PRIMARY KEY (episode_id, key, day)
);
-- table preferences
CREATE TABLE preferences (
    key   TEXT NOT NULL PRIMARY KEY,
    value REAL NOT NULL
) WITHOUT ROWID;
-- table review_sent
CREATE TABLE review_sent (
    id          INTEGER PRIMARY KEY,
    county      TEXT    NOT NULL,
    fingerprint TEXT    NOT NULL,
    sent_at     TEXT    NOT NULL,
    finding     TEXT    NOT NULL -- the finding as JSON (review --json's shape)
);
-- table rule_settings
CREATE TABLE rule_settings (
    rule  TEXT NOT NULL,
    key   TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (rule, key)
) WITHOUT ROWID;
-- table settings
CREATE TABLE "settings" (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    area                TEXT    NOT NULL,
    year                INTEGER,
    baseline_so2        REAL,
    baseline_nox        REAL,
    baseline_pm         REAL,
    baseline_vocs       REAL,
    baseline_unit       TEXT CHECK (baseline_unit IN ('t/a', 't/d')),
    target_yellow       REAL,
    target_orange       REAL,
    target_red          REAL,
    so2_nox_trade       INTEGER CHECK (so2_nox_trade IN (0, 1)),
    emission_tolerance  REAL CHECK (emission_tolerance >= 0),
    filing_deadline     TEXT,
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
    origin_row        INTEGER, approval TEXT NOT NULL DEFAULT '',
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
, encoding TEXT NOT NULL DEFAULT 'json'
    CHECK (encoding IN ('json', 'msgpack')));
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
    origin_row    INTEGER, outlet    TEXT NOT NULL DEFAULT '', treatment TEXT NOT NULL DEFAULT '', standard  TEXT NOT NULL DEFAULT '', yellow_text TEXT NOT NULL DEFAULT '', yellow_share REAL, yellow_so2 REAL, yellow_nox REAL, yellow_pm REAL, yellow_vocs REAL, yellow_key_indicator TEXT NOT NULL DEFAULT '', yellow_prep_time TEXT NOT NULL DEFAULT '', yellow_owner_name TEXT NOT NULL DEFAULT '', yellow_owner_phone TEXT NOT NULL DEFAULT '', yellow_concentration_limit REAL, orange_text TEXT NOT NULL DEFAULT '', orange_share REAL, orange_so2 REAL, orange_nox REAL, orange_pm REAL, orange_vocs REAL, orange_key_indicator TEXT NOT NULL DEFAULT '', orange_prep_time TEXT NOT NULL DEFAULT '', orange_owner_name TEXT NOT NULL DEFAULT '', orange_owner_phone TEXT NOT NULL DEFAULT '', orange_concentration_limit REAL, red_text TEXT NOT NULL DEFAULT '', red_share REAL, red_so2 REAL, red_nox REAL, red_pm REAL, red_vocs REAL, red_key_indicator TEXT NOT NULL DEFAULT '', red_prep_time TEXT NOT NULL DEFAULT '', red_owner_name TEXT NOT NULL DEFAULT '', red_owner_phone TEXT NOT NULL DEFAULT '', red_concentration_limit REAL,
    CHECK ((enterprise_id IS NOT NULL) + (site_id IS NOT NULL) + (fleet_id IS NOT NULL) = 1),
    CHECK ((origin_sheet IS NULL) = (origin_row IS NULL))
);
