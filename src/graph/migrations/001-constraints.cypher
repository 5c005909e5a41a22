// Identity of every node kind the API addresses.
CREATE CONSTRAINT entry_slug IF NOT EXISTS FOR (e:Entry) REQUIRE e.slug IS UNIQUE;
CREATE CONSTRAINT source_key IF NOT EXISTS FOR (s:Source) REQUIRE s.key IS UNIQUE;
CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (c:Claim) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT key_term_id IF NOT EXISTS FOR (k:KeyTerm) REQUIRE k.id IS UNIQUE;
CREATE CONSTRAINT smart_objective_id IF NOT EXISTS FOR (o:SmartObjective) REQUIRE o.id IS UNIQUE;
CREATE CONSTRAINT revision_id IF NOT EXISTS FOR (r:RevisionSuggestion) REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT migration_id IF NOT EXISTS FOR (m:Migration) REQUIRE m.id IS UNIQUE;
