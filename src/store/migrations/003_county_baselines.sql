-- jianpai list store, version 3: the whole-society emissions of each county that has its own
-- (a city's summary with one row or table per county). Additive only.

CREATE TABLE county_baselines (
    position INTEGER NOT NULL,
    county   TEXT    NOT NULL PRIMARY KEY,
    so2      REAL    NOT NULL,
    nox      REAL    NOT NULL,
    pm       REAL    NOT NULL,
    vocs     REAL    NOT NULL,
    unit     TEXT    NOT NULL CHECK (unit IN ('t/a', 't/d'))
);
