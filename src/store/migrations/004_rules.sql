-- The user's review-rule settings (`jianpai rules set`): only the values that differ from the
-- built-in defaults of schemas/rules.json are kept, as text, one row per rule and key
-- (`enabled`, `severity` or a threshold name). `rules reset` deletes the rows.
CREATE TABLE rule_settings (
    rule  TEXT NOT NULL,
    key   TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (rule, key)
) WITHOUT ROWID;
