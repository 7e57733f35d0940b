-- jianpai store: a snapshot says how its list is encoded. Version 6 wrote every snapshot as
-- deflated JSON; serialising a 60,000-line list to 77 MB of JSON and deflating it was a
-- tenth of a large import. Snapshots are now deflated MessagePack with field names (as
-- self-describing as the JSON: fields are found by name, not by position), about a third
-- cheaper; the snapshots already taken stay JSON and read as before.

ALTER TABLE snapshots ADD COLUMN encoding TEXT NOT NULL DEFAULT 'json'
    CHECK (encoding IN ('json', 'msgpack'));
