// Lookups by property that reads and see-also rely on.
CREATE INDEX entry_kind IF NOT EXISTS FOR (e:Entry) ON (e.kind);
CREATE INDEX key_term_key IF NOT EXISTS FOR (k:KeyTerm) ON (k.key);
CREATE INDEX source_doi IF NOT EXISTS FOR (s:Source) ON (s.doi);
// Full-text: evidence matches claims; search matches names, terms and titles.
CREATE FULLTEXT INDEX claim_text IF NOT EXISTS FOR (c:Claim) ON EACH [c.text] OPTIONS { indexConfig: { `fulltext.analyzer`: 'english' } };
CREATE FULLTEXT INDEX search_text IF NOT EXISTS FOR (n:Entry|KeyTerm|Source) ON EACH [n.name, n.aliasText, n.term, n.title, n.authorText, n.summary, n.definition] OPTIONS { indexConfig: { `fulltext.analyzer`: 'english' } };
