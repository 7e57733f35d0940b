-- jianpai store: the program's defaults live in the program.
-- Version 1 and 7 gave the list settings and the episode settings SQL DEFAULTs (10/20/30 %,
-- the trade on, a 5 % diff tolerance, 3 h, 5 checks …) that repeated the Rust constants.
-- From here a parameter column is NULL while the county has not chosen a value, and the
-- reader substitutes the program's default (src/model/settings.rs, src/episode/mod.rs,
-- src/revision/diff.rs). A value equal to the old default counts as not chosen: it read the
-- same before and reads the same now, and a later change of a default then reaches it.

CREATE TABLE settings_new (
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
INSERT INTO settings_new
SELECT id, area, year, baseline_so2, baseline_nox, baseline_pm, baseline_vocs, baseline_unit,
       NULLIF(target_yellow, 0.10), NULLIF(target_orange, 0.20), NULLIF(target_red, 0.30),
       NULLIF(so2_nox_trade, 1), NULLIF(emission_tolerance, 0.05), filing_deadline
FROM settings;
DROP TABLE settings;
ALTER TABLE settings_new RENAME TO settings;

CREATE TABLE episode_settings_new (
    id                    INTEGER PRIMARY KEY CHECK (id = 1),
    notify_window_hours   REAL,
    daily_quota           INTEGER,
    standby_load          REAL,
    power_tolerance       REAL,
    daily_report_due      TEXT,
    evaluation_due_days   INTEGER
);
INSERT INTO episode_settings_new
SELECT id, NULLIF(notify_window_hours, 3), NULLIF(daily_quota, 5), NULLIF(standby_load, 0.10),
       NULLIF(power_tolerance, 0.10), NULLIF(daily_report_due, '08:30'),
       NULLIF(evaluation_due_days, 5)
FROM episode_settings;
DROP TABLE episode_settings;
ALTER TABLE episode_settings_new RENAME TO episode_settings;
