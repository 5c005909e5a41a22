// One node per id among the bookkeeping nodes: the lock every write through graph-changes takes first (Meta {id: 'writes'}), the vocabulary version and the change log's counters are each one node, even when two processes create them at once.
CREATE CONSTRAINT meta_id IF NOT EXISTS FOR (m:Meta) REQUIRE m.id IS UNIQUE;
