// One upvote per client and entry: concurrent repeats cannot both count.
CREATE CONSTRAINT upvote_client IF NOT EXISTS FOR (u:Upvote) REQUIRE (u.entrySlug, u.clientId) IS UNIQUE;
// Editors list pending revision suggestions.
CREATE INDEX revision_status IF NOT EXISTS FOR (r:RevisionSuggestion) ON (r.status, r.createdAt);
