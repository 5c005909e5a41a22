// Readers' upvotes are counted on a tally of their own per entry, which no
// editor's write locks: an upvote that set the entry's own count took the
// entry's locks in the other order from a save changing its relations, and
// the two deadlocked. The entry keeps the count its article states
// (exportedUpvotes); readers see the sum. Entries stored before this held both
// in `upvotes`: migrate.ts moves readers' share to the tally (moveUpvotesToTallies).
CREATE CONSTRAINT upvote_tally_slug IF NOT EXISTS FOR (t:UpvoteTally) REQUIRE t.slug IS UNIQUE;
