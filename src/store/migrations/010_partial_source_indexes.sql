-- jianpai store: a source belongs to one enterprise, site or fleet, so two of its three owner
-- columns are NULL. Version 1 indexed all three in full, which made every source written
-- enter two index entries that no lookup ever reads (a 60,000-line import spent about a
-- tenth of a second on them). Only rows that have the owner are indexed now; SQLite uses a
-- partial index for `owner_id = ?` and for the ON DELETE CASCADE of the owner.

DROP INDEX sources_enterprise;
DROP INDEX sources_site;
DROP INDEX sources_fleet;
CREATE INDEX sources_enterprise ON sources (enterprise_id) WHERE enterprise_id IS NOT NULL;
CREATE INDEX sources_site ON sources (site_id) WHERE site_id IS NOT NULL;
CREATE INDEX sources_fleet ON sources (fleet_id) WHERE fleet_id IS NOT NULL;
