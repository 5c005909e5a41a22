/** The raw floor's queries: one per contract operation, returning exactly what the operation shows. */

const ENTRY_PAGE = `
MATCH (e:Entry {slug: $slug})
RETURN e {.slug, .name, .kind, .summary, .discipline, .tradition, upvotes: coalesce(e.upvotes, 0),
          provenance: CASE WHEN e.hasArticle THEN {model: e.provenanceModel, version: e.provenanceVersion,
                      generatedAt: e.generatedAt, readMinutes: e.readMinutes} END} AS entry,
       coalesce(e.sections, []) AS headings,
       COLLECT { MATCH (e)-[:HAS_CLAIM]->(c:Claim) WHERE c.role <> 'CAPTION' WITH c ORDER BY c.position
                 RETURN c {.id, .text, .provenance, .sectionIndex,
                           sources: COLLECT { MATCH (c)-[r:CITES]->(s:Source) WITH s, r ORDER BY r.order RETURN s {.key, .title, .year, .tier} }} } AS claims,
       COLLECT { MATCH (e)-[:DEFINES]->(k:KeyTerm) WITH k ORDER BY k.position
                 RETURN k {.term, .definition,
                           sources: COLLECT { MATCH (k)-[r:CITES]->(s:Source) WITH s, r ORDER BY r.order RETURN s {.title} }} } AS keyTerms,
       COLLECT { MATCH (e)-[l:LISTS]->(s:Source) WITH s, l ORDER BY l.number RETURN s {.key, .title, .authors, .year, .tier, .url} } AS sources`;

const SEE_ALSO = `
MATCH (e:Entry {slug: $slug})
CALL (e) {
  MATCH (e)-[r:SEE_ALSO]->(o:Entry)
  RETURN o, 'CURATED' AS kind, 'OUTGOING' AS direction, null AS degree, null AS relation, r.rank AS rank,
         null AS tier, null AS label, null AS authors, null AS year
  UNION ALL
  MATCH (e)-[r:LINEAGE]-(o:Entry) WHERE o <> e
  RETURN o, 'LINEAGE' AS kind, CASE WHEN startNode(r) = e THEN 'OUTGOING' ELSE 'INCOMING' END AS direction,
         null AS degree, r.relation AS relation, null AS rank, null AS tier, null AS label, null AS authors, null AS year
  UNION ALL
  MATCH (e)-[r:TARGETS|INDICATED_FOR|REFERS_TO]-(o:Entry) WHERE o <> e
  RETURN o, CASE type(r) WHEN 'REFERS_TO' THEN 'MENTIONS' ELSE type(r) END AS kind,
         CASE WHEN startNode(r) = e THEN 'OUTGOING' ELSE 'INCOMING' END AS direction,
         null AS degree, null AS relation, null AS rank, null AS tier, null AS label, null AS authors, null AS year
  UNION ALL
  MATCH (e)-[:LISTS]->(s:Source) WHERE s.entryCount <= $hubLimit
  MATCH (s)<-[:LISTS]-(o:Entry) WHERE o <> e
  RETURN DISTINCT o, 'SHARED_SOURCE' AS kind, null AS direction, s.entryCount AS degree, null AS relation, null AS rank,
         s.tier AS tier, s.title AS label, s.authors AS authors, s.year AS year
  UNION ALL
  MATCH (e)-[:TARGETS]->(p:Entry) WHERE p.targetedByCount <= $hubLimit
  MATCH (p)<-[:TARGETS]-(o:Entry) WHERE o <> e
  RETURN o, 'SHARED_PROBLEM' AS kind, null AS direction, p.targetedByCount AS degree, null AS relation, null AS rank,
         null AS tier, p.name AS label, null AS authors, null AS year
  UNION ALL
  MATCH (e)-[:DEFINES]->(k:KeyTerm) WHERE k.entryCount <= $hubLimit
  MATCH (other:KeyTerm {key: k.key})<-[:DEFINES]-(o:Entry) WHERE o <> e
  RETURN DISTINCT o, 'SHARED_TERM' AS kind, null AS direction, k.entryCount AS degree, null AS relation, null AS rank,
         null AS tier, k.term AS label, null AS authors, null AS year
}
RETURN e.name AS selfName, o.slug AS slug, o.name AS name, o.kind AS nodeKind, o.summary AS summary,
       kind, direction, degree, relation, rank, tier, label, authors, year`;

const EVIDENCE = `
CALL db.index.fulltext.queryNodes('claim_text', $terms, {limit: $limit}) YIELD node AS c, score
MATCH (e:Entry {slug: c.entrySlug})
RETURN score, c {.id, .text, .provenance, entry: e {.slug, .name}} AS claim,
       COLLECT { MATCH (c)-[r:CITES]->(s:Source) WITH s, r ORDER BY r.order RETURN s {.key, .title, .year, .tier} } AS sources`;

const CROSS_LINK_TARGETS = `
OPTIONAL MATCH (m:Meta {id: 'vocabulary'})
RETURN m.version AS version,
       COLLECT { UNWIND $slugs AS slug MATCH (e:Entry {slug: slug}) RETURN [e.slug, e.kind] } AS entries,
       COLLECT { UNWIND $termIds AS id MATCH (k:KeyTerm {id: id}) RETURN [k.id, k.term] } AS terms`;

export const RAW_QUERIES = { entryPage: ENTRY_PAGE, seeAlso: SEE_ALSO, evidence: EVIDENCE, crossLinkTargets: CROSS_LINK_TARGETS };
