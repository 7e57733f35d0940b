-- jianpai list store, version 2: the columns for plans, transport, machinery and the episode
-- (docs/import.md). Additive only: new columns with defaults that mean "not given", and the
-- non-road machinery table.

ALTER TABLE enterprises ADD COLUMN industry_code    TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprises ADD COLUMN key_industry     TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprises ADD COLUMN power_account    TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprises ADD COLUMN normal_daily_kwh REAL;
ALTER TABLE enterprises ADD COLUMN kwh_cap_yellow   REAL;
ALTER TABLE enterprises ADD COLUMN kwh_cap_orange   REAL;
ALTER TABLE enterprises ADD COLUMN kwh_cap_red      REAL;

ALTER TABLE sites ADD COLUMN approval TEXT NOT NULL DEFAULT '';

ALTER TABLE sources ADD COLUMN outlet    TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN treatment TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN standard  TEXT NOT NULL DEFAULT '';

-- mg/m³ at the level; a measure row may now exist for a limit alone.
ALTER TABLE measures ADD COLUMN concentration_limit REAL;

-- 非道路移动机械: checked, never summed, so no sources of its own.
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
CREATE INDEX machinery_user ON machinery (user_name);
