// The change log of cache tags (src/graph/change-log.ts): each process reads the changes of a shard after the version it has read.
CREATE INDEX cache_change_shard_version IF NOT EXISTS FOR (c:CacheChange) ON (c.shard, c.version);
