// Revisions (src/revisions/): one node per saved version of an entry, found by "slug@n" and listed by entry and number.
CREATE CONSTRAINT revision_node_id IF NOT EXISTS FOR (r:Revision) REQUIRE r.id IS UNIQUE;
CREATE INDEX revision_entry_number IF NOT EXISTS FOR (r:Revision) ON (r.entrySlug, r.number);
// Article texts the revisions keep, once per distinct text.
CREATE CONSTRAINT article_text_hash IF NOT EXISTS FOR (t:ArticleText) REQUIRE t.hash IS UNIQUE;
// Sentences a revision replaced or removed keep their ids: old citations resolve.
CREATE CONSTRAINT claim_version_id IF NOT EXISTS FOR (c:ClaimVersion) REQUIRE c.id IS UNIQUE;
// Entry names are unique with case and invisible characters folded (entryNameKey in src/model/identity.ts), races included.
CREATE CONSTRAINT entry_name_key IF NOT EXISTS FOR (e:Entry) REQUIRE e.nameKey IS UNIQUE;
