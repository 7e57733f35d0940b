-- jianpai store: a source's three levels' measures become columns of its own row.
-- Version 1 kept them in a table of their own, one row per level that said anything, and an
-- import of 60,000 sources then spent about half of its SQLite time on 180,000 measure rows
-- (a statement, a primary-key insert and a foreign-key lookup each). A source has exactly
-- three levels, so they are its columns: `yellow_text` … `red_concentration_limit`. A level
-- that says nothing keeps the defaults ('' and NULL), exactly what loading a missing measure
-- row gave before. Existing measure rows are copied over, then the table is dropped.

ALTER TABLE sources ADD COLUMN yellow_text TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN yellow_share REAL;
ALTER TABLE sources ADD COLUMN yellow_so2 REAL;
ALTER TABLE sources ADD COLUMN yellow_nox REAL;
ALTER TABLE sources ADD COLUMN yellow_pm REAL;
ALTER TABLE sources ADD COLUMN yellow_vocs REAL;
ALTER TABLE sources ADD COLUMN yellow_key_indicator TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN yellow_prep_time TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN yellow_owner_name TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN yellow_owner_phone TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN yellow_concentration_limit REAL;

ALTER TABLE sources ADD COLUMN orange_text TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN orange_share REAL;
ALTER TABLE sources ADD COLUMN orange_so2 REAL;
ALTER TABLE sources ADD COLUMN orange_nox REAL;
ALTER TABLE sources ADD COLUMN orange_pm REAL;
ALTER TABLE sources ADD COLUMN orange_vocs REAL;
ALTER TABLE sources ADD COLUMN orange_key_indicator TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN orange_prep_time TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN orange_owner_name TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN orange_owner_phone TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN orange_concentration_limit REAL;

ALTER TABLE sources ADD COLUMN red_text TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN red_share REAL;
ALTER TABLE sources ADD COLUMN red_so2 REAL;
ALTER TABLE sources ADD COLUMN red_nox REAL;
ALTER TABLE sources ADD COLUMN red_pm REAL;
ALTER TABLE sources ADD COLUMN red_vocs REAL;
ALTER TABLE sources ADD COLUMN red_key_indicator TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN red_prep_time TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN red_owner_name TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN red_owner_phone TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN red_concentration_limit REAL;

UPDATE sources SET (yellow_text, yellow_share, yellow_so2, yellow_nox, yellow_pm, yellow_vocs, yellow_key_indicator, yellow_prep_time, yellow_owner_name, yellow_owner_phone, yellow_concentration_limit) =
    (SELECT text, share, amount_so2, amount_nox, amount_pm, amount_vocs, key_indicator, prep_time, owner_name, owner_phone, concentration_limit
     FROM measures WHERE source_id = sources.id AND level = 'yellow')
WHERE id IN (SELECT source_id FROM measures WHERE level = 'yellow');

UPDATE sources SET (orange_text, orange_share, orange_so2, orange_nox, orange_pm, orange_vocs, orange_key_indicator, orange_prep_time, orange_owner_name, orange_owner_phone, orange_concentration_limit) =
    (SELECT text, share, amount_so2, amount_nox, amount_pm, amount_vocs, key_indicator, prep_time, owner_name, owner_phone, concentration_limit
     FROM measures WHERE source_id = sources.id AND level = 'orange')
WHERE id IN (SELECT source_id FROM measures WHERE level = 'orange');

UPDATE sources SET (red_text, red_share, red_so2, red_nox, red_pm, red_vocs, red_key_indicator, red_prep_time, red_owner_name, red_owner_phone, red_concentration_limit) =
    (SELECT text, share, amount_so2, amount_nox, amount_pm, amount_vocs, key_indicator, prep_time, owner_name, owner_phone, concentration_limit
     FROM measures WHERE source_id = sources.id AND level = 'red')
WHERE id IN (SELECT source_id FROM measures WHERE level = 'red');

DROP TABLE measures;
