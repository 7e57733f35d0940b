-- The county's reasons and requested ratio per warning level, for the 测算说明 of a list that
-- misses a target. Kept apart from the settings row: a statement, not a parameter of the check.
CREATE TABLE note_requests (
    level      TEXT PRIMARY KEY CHECK (level IN ('yellow', 'orange', 'red')),
    reason     TEXT NOT NULL,
    requested  REAL CHECK (requested IS NULL OR (requested > 0 AND requested <= 1))
);
