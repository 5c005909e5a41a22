/**
 * Cypher map projections shared by repositories, so every query returns
 * records of the same shape (see src/entries/records.ts). Constant text only:
 * values always travel as parameters.
 */

export const sourceProjection = (s: string) =>
  `${s} {.key, .kind, .title, .authors, .year, .venue, .tier, .url, .doi, .citation, .text,
        retracted: coalesce(${s}.retracted, false), retractionReason: ${s}.retractionReason}`;

/** What a citation shows of a source (SourceCitation): what ranking evidence reads of it, and its title, authors, year and link. */
export const sourceCitationProjection = (s: string) => `${s} {.key, .title, .authors, .year, .tier, .url, retracted: coalesce(${s}.retracted, false)}`;

/** The sources an item (claim, key term, objective) cites, in marker order: whole records, or as cited (sourceCitationProjection). */
export const citedSources = (item: string, projection: (s: string) => string = sourceProjection) =>
  `COLLECT { MATCH (${item})-[cites:CITES]->(cited:Source) WITH cited, cites ORDER BY cites.order RETURN ${projection('cited')} }`;

/** The keys of the sources an item cites, in marker order. */
export const citedKeys = (item: string) => `COLLECT { MATCH (${item})-[cites:CITES]->(cited:Source) WITH cited, cites ORDER BY cites.order RETURN cited.key }`;

/** A claim's own fields but three that an article page's claims get otherwise (`placedClaimProjection`). */
const claimFieldsWithinArticle = (c: string) => `.id, .text, .provenance, .position, .revision, current: ${c}:Claim`;

/** A claim with the sources it cites: whole records, or as cited (sourceCitationProjection). */
export const claimProjection = (c: string, sources: (s: string) => string = sourceProjection) =>
  `${c} {${claimFieldsWithinArticle(c)}, lineage: coalesce(${c}.lineage, ${c}.id), .section, .entrySlug, sources: ${citedSources(c, sources)}}`;

/**
 * A claim as its article's content reads it: without `entrySlug` and
 * `section` (the article's slug, and its heading at `sectionIndex`), its
 * `lineage` only where it is not the claim's own id (it is until an edit
 * gives the claim a successor), with where it sits and the keys of the
 * sources it cites. Repeated on every claim, those strings were a tenth of an
 * article page's decoding, in the driver and in Neo4j; `toArticleContent`
 * puts them back.
 */
export const placedClaimProjection = (c: string) =>
  `${c} {${claimFieldsWithinArticle(c)}, lineage: CASE WHEN ${c}.lineage <> ${c}.id THEN ${c}.lineage END,
        .sectionIndex, .role, sourceKeys: ${citedKeys(c)}}`;

/** The count of upvotes the entry's article states, and readers' upvotes (their tally: migration 010). */
export const upvotesOf = (e: string) => `coalesce(${e}.exportedUpvotes, 0) + coalesce(head(COLLECT { MATCH (t:UpvoteTally {slug: ${e}.slug}) RETURN t.count }), 0)`;

/** What names an entry (EntryName). */
export const entryNameProjection = (e: string) => `${e} {.slug, .name, .kind}`;

export const entryProjection = (e: string) =>
  `${e} {.slug, .name, .kind, .revision, aliases: coalesce(${e}.aliases, []), .summary, .discipline, .tradition,
        upvotes: ${upvotesOf(e)}, hasArticle: coalesce(${e}.hasArticle, false), .figureDescription,
        ingestWarnings: coalesce(${e}.ingestWarnings, []),
        provenance: CASE WHEN ${e}.hasArticle THEN {model: ${e}.provenanceModel, version: ${e}.provenanceVersion,
          generatedAt: ${e}.generatedAt, readMinutes: ${e}.readMinutes, statedSourceCount: ${e}.statedSourceCount,
          listedSourceCount: COUNT { (${e})-[:LISTS]->() }} END}`;

export const keyTermProjection = (k: string) =>
  `${k} {.id, .term, aliases: coalesce(${k}.aliases, []), .definition, .entrySlug, sources: ${citedSources(k)}}`;
