-- The user's preferences (`jianpai settings`, the app's 设置): bounds the program holds to that
-- a county may change — the largest plausible emission of one line (`max-emission`, t/a) and
-- how many whole-file backups to keep (`keep-backups`). Only values that differ from the
-- built-in defaults are kept, one row per key; `settings reset` deletes the rows, so a newer
-- program's changed default reaches every store that never set the key.
CREATE TABLE preferences (
    key   TEXT NOT NULL PRIMARY KEY,
    value REAL NOT NULL
) WITHOUT ROWID;
