import type { EntryRecord, KeyTermRecord } from '../entries/records';
import type { Graph, Transaction } from '../graph/graph';
import { entryProjection, keyTermProjection } from '../graph/projections';
import type { Vocabulary } from './vocabulary';

/**
 * The Cypher of the vocabulary: its names and its version, a counter every
 * write that changes names or relations bumps, so every replica knows when to
 * rebuild its cross-link dictionary.
 */

export async function readVocabulary(tx: Transaction): Promise<Vocabulary> {
  // Read-committed: a node another transaction is deleting can show no properties; it is not vocabulary.
  const entries = await tx.run(
    `MATCH (e:Entry) WHERE e.slug IS NOT NULL AND e.name IS NOT NULL
     RETURN e.slug AS slug, e.name AS name, e.kind AS kind, coalesce(e.aliases, []) AS aliases,
            [i IN range(0, size(coalesce(e.definedLongForms, [])) - 1) | {longForm: e.definedLongForms[i], shortForm: e.definedShortForms[i]}] AS definitions
     ORDER BY slug`,
  );
  const keyTerms = await tx.run(
    'MATCH (k:KeyTerm) WHERE k.id IS NOT NULL AND k.term IS NOT NULL RETURN k.id AS id, k.term AS term, coalesce(k.aliases, []) AS aliases ORDER BY id',
  );
  return {
    entries: entries.records.map((r) => ({
      slug: r.get('slug'),
      name: r.get('name'),
      kind: r.get('kind'),
      aliases: r.get('aliases'),
      definitions: r.get('definitions'),
    })),
    keyTerms: keyTerms.records.map((r) => ({ id: r.get('id'), term: r.get('term'), aliases: r.get('aliases') })),
  };
}

const VERSION_QUERY = `OPTIONAL MATCH (m:Meta {id: 'vocabulary'}) RETURN m.version AS version`;

export async function readVocabularyVersion(tx: Transaction): Promise<number> {
  return (await tx.run(VERSION_QUERY)).records[0]?.get('version') ?? 0;
}

/** The vocabulary's version in an auto-commit read of its own (one round trip). */
export async function queryVocabularyVersion(graph: Graph): Promise<number> {
  const [row] = await graph.query<{ version: number | null }>(VERSION_QUERY);
  return row?.version ?? 0;
}

/** The vocabulary's version with the entries and key terms a text's spans link to. */
export interface LinkTargets {
  version: number;
  entries: EntryRecord[];
  keyTerms: KeyTermRecord[];
}

const LINK_TARGETS = `OPTIONAL MATCH (m:Meta {id: 'vocabulary'})
RETURN coalesce(m.version, 0) AS version,
       COLLECT { UNWIND $slugs AS slug MATCH (e:Entry {slug: slug}) RETURN ${entryProjection('e')} } AS entries,
       COLLECT { UNWIND $termIds AS id MATCH (k:KeyTerm {id: id}) RETURN ${keyTermProjection('k')} } AS keyTerms`;

/**
 * The version and the targets in one auto-commit read (one round trip): a
 * crossLink answer's only query while the dictionary is current.
 */
export async function queryLinkTargets(graph: Graph, slugs: readonly string[], termIds: readonly string[]): Promise<LinkTargets> {
  const [row] = await graph.query<LinkTargets>(LINK_TARGETS, { slugs, termIds });
  return row!;
}

/** Marks that names or relations changed, so every replica rebuilds its cross-link dictionary. */
export async function bumpVocabularyVersion(tx: Transaction): Promise<void> {
  await tx.run(`MERGE (m:Meta {id: 'vocabulary'}) SET m.version = coalesce(m.version, 0) + 1`);
}
