-- jianpai store, episodes (应急响应): the 台账 of warnings, notices, confirmations, inspections
-- and electricity readings. Nothing of the list changes; every table here only grows, except
-- a notice's 已通知 time and an electricity reading replaced by a later import of the same day.
-- Times are local wall-clock text `YYYY-MM-DD HH:MM[:SS]`, kept as written.

CREATE TABLE episode_settings (
    id                    INTEGER PRIMARY KEY CHECK (id = 1),
    notify_window_hours   REAL    NOT NULL DEFAULT 3,
    daily_quota           INTEGER NOT NULL DEFAULT 5,
    standby_load          REAL    NOT NULL DEFAULT 0.10,
    power_tolerance       REAL    NOT NULL DEFAULT 0.10,
    daily_report_due      TEXT    NOT NULL DEFAULT '08:30',
    evaluation_due_days   INTEGER NOT NULL DEFAULT 5
);
INSERT INTO episode_settings (id) VALUES (1);

CREATE TABLE episodes (
    id            INTEGER PRIMARY KEY,
    issuer        TEXT    NOT NULL,
    doc_no        TEXT    NOT NULL,
    pollutant     TEXT    NOT NULL,
    expected_end  TEXT,
    ended_at      TEXT,
    note          TEXT    NOT NULL DEFAULT ''
);

-- The level timeline: the first row of an episode is its start.
CREATE TABLE episode_levels (
    id          INTEGER PRIMARY KEY,
    episode_id  INTEGER NOT NULL REFERENCES episodes (id),
    level       TEXT    NOT NULL CHECK (level IN ('yellow', 'orange', 'red')),
    at          TEXT    NOT NULL,
    doc_no      TEXT    NOT NULL
);
CREATE INDEX episode_levels_episode ON episode_levels (episode_id);

-- One notice per enterprise or site and level change, with the copy it was sent with.
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
CREATE INDEX notices_level ON notices (level_id);

CREATE TABLE confirmations (
    id         INTEGER PRIMARY KEY,
    notice_id  INTEGER NOT NULL REFERENCES notices (id),
    at         TEXT    NOT NULL,
    by_name    TEXT    NOT NULL
);
CREATE INDEX confirmations_notice ON confirmations (notice_id);

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
CREATE INDEX inspections_episode ON inspections (episode_id);

-- Photos live in the data folder beside the store as photos/<sha256>.<ext>.
CREATE TABLE inspection_photos (
    inspection_id  INTEGER NOT NULL REFERENCES inspections (id),
    position       INTEGER NOT NULL,
    file           TEXT    NOT NULL,
    original_name  TEXT    NOT NULL,
    PRIMARY KEY (inspection_id, position)
);

CREATE TABLE power_readings (
    episode_id   INTEGER NOT NULL REFERENCES episodes (id),
    key          TEXT    NOT NULL,
    day          TEXT    NOT NULL,
    use_kwh      REAL    NOT NULL,
    account      TEXT    NOT NULL,
    PRIMARY KEY (episode_id, key, day)
);
