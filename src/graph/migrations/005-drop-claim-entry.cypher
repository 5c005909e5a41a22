// Claims are reached from their entry (HAS_CLAIM) or by id, never looked up by
// entrySlug: this index only cost its upkeep on every write and its population
// on every bulk load. (Migrations run in full at every start, so it is also
// gone from 002.)
DROP INDEX claim_entry IF EXISTS;
