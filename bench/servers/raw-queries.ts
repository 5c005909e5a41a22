import { CANDIDATE_CLAIMS } from '../../src/evidence/evidence.repository';
import { upvotesOf } from '../../src/graph/projections';
import { STORED_PANEL_PAGE } from '../../src/see-also/see-also.repository';

/** The raw floor's queries: one per contract operation, returning exactly what the operation shows. */

const ENTRY_PAGE = `
MATCH (e:Entry {slug: $slug})
RETURN e {.slug, .name, .kind, .summary, .discipline, .tradition, upvotes: ${upvotesOf('e')},
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

/** The see-also service's own stored-panel query: one page of ranked candidates with the entries it shows. */
const SEE_ALSO = STORED_PANEL_PAGE;

/**
 * The API's candidate selection (CANDIDATE_CLAIMS, src/evidence/evidence.repository.ts)
 * returning only what the operation shows and the ranking reads: the
 * sentences with their entries' names, their sources and the vocabulary version.
 */
const EVIDENCE = `${CANDIDATE_CLAIMS}MATCH (e:Entry {slug: c.entrySlug})
WITH collect({lexical: score, claim: c {.id, .text, .provenance, .entrySlug, entry: e {.slug, .name},
       sources: COLLECT { MATCH (c)-[r:CITES]->(s:Source) WITH s, r ORDER BY r.order
                          RETURN s {.key, .title, .year, .tier, retracted: coalesce(s.retracted, false)} }}}) AS candidates
OPTIONAL MATCH (m:Meta {id: 'vocabulary'})
RETURN candidates, coalesce(m.version, 0) AS version`;

const CROSS_LINK_TARGETS = `
OPTIONAL MATCH (m:Meta {id: 'vocabulary'})
RETURN m.version AS version,
       COLLECT { UNWIND $slugs AS slug MATCH (e:Entry {slug: slug}) RETURN [e.slug, e.kind] } AS entries,
       COLLECT { UNWIND $termIds AS id MATCH (k:KeyTerm {id: id}) RETURN [k.id, k.term] } AS terms`;

export const RAW_QUERIES = { entryPage: ENTRY_PAGE, seeAlso: SEE_ALSO, evidence: EVIDENCE, crossLinkTargets: CROSS_LINK_TARGETS };
