import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config';
import { entryNameKey } from '../model/identity';
import type { Graph } from './graph';

const migrationsDir = path.join(projectRoot, 'src', 'graph', 'migrations');

/** The statements of one .cypher file: split on ';' at line ends, comments dropped. */
export function readStatements(cypherText: string): string[] {
  return cypherText
    .split('\n')
    .map((line) => line.replace(/;\s*\/\/.*$/, ';'))
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

/**
 * Applies every migration in order. Each statement is idempotent (IF NOT EXISTS),
 * so running them all at every start is safe; the :Migration nodes record what ran.
 * Schema statements need their own transactions, hence one per statement.
 */
export async function migrate(graph: Graph): Promise<string[]> {
  const files = fs.readdirSync(migrationsDir).filter((name) => name.endsWith('.cypher')).sort();
  for (const file of files) {
    for (const statement of readStatements(fs.readFileSync(path.join(migrationsDir, file), 'utf8'))) {
      await graph.runSchema(statement);
    }
    await graph.write((tx) => tx.run('MERGE (m:Migration {id: $id}) ON CREATE SET m.appliedAt = datetime()', { id: file }));
  }
  await graph.runSchema('CALL db.awaitIndexes(300)');
  await upgradeData(graph);
  return files;
}

/**
 * Brings data stored by an earlier version to the current shape: at every
 * start (migrate), and after an import (an export may be older than the
 * code). Each step acts only on what is still in the old shape.
 */
export async function upgradeData(graph: Graph): Promise<void> {
  await backfillEntryNameKeys(graph);
  await moveUpvotesToTallies(graph);
}

/**
 * Entries written before names had keys (007) get theirs, so the uniqueness
 * of names holds for them too. Of two older entries whose names now share a
 * key, the first by slug gets it; the other keeps none until an editor renames
 * it (a write then sets its key, or refuses the name with CONFLICT).
 */
async function backfillEntryNameKeys(graph: Graph): Promise<void> {
  const missing = await graph.query<{ slug: string; name: string }>(
    'MATCH (e:Entry) WHERE e.nameKey IS NULL AND e.name IS NOT NULL RETURN e.slug AS slug, e.name AS name ORDER BY slug',
  );
  if (missing.length === 0) return;
  const taken = new Set((await graph.query<{ key: string }>('MATCH (e:Entry) WHERE e.nameKey IS NOT NULL RETURN e.nameKey AS key')).map((row) => row.key));
  const rows: Array<{ slug: string; key: string }> = [];
  for (const { slug, name } of missing) {
    const key = entryNameKey(name);
    if (taken.has(key)) continue;
    taken.add(key);
    rows.push({ slug, key });
  }
  for (let start = 0; start < rows.length; start += BACKFILL_BATCH) {
    const batch = rows.slice(start, start + BACKFILL_BATCH);
    await graph.write((tx) => tx.run('UNWIND $rows AS row MATCH (e:Entry {slug: row.slug}) SET e.nameKey = row.key', { rows: batch }));
  }
}

const BACKFILL_BATCH = 5_000;

/**
 * Entries stored before readers' upvotes had tallies (010) held the article's
 * count and readers' together in `upvotes`: readers' share (what exceeds the
 * article's) moves to the entry's tally, and the property goes, so this acts
 * once per entry. In batches, as the name keys are.
 */
async function moveUpvotesToTallies(graph: Graph): Promise<void> {
  for (;;) {
    const moved = await graph.write(async (tx) => {
      const result = await tx.run(
        `MATCH (e:Entry) WHERE e.upvotes IS NOT NULL
         WITH e LIMIT $batch
         WITH e, e.upvotes - coalesce(e.exportedUpvotes, 0) AS readers
         CALL (e, readers) {
           WITH e, readers WHERE readers > 0
           MERGE (t:UpvoteTally {slug: e.slug})
           SET t.count = coalesce(t.count, 0) + readers
         }
         SET e.exportedUpvotes = coalesce(e.exportedUpvotes, 0)
         REMOVE e.upvotes
         RETURN count(e) AS moved`,
        { batch: BACKFILL_BATCH },
      );
      return result.records[0]?.get('moved') as number;
    });
    if (!moved) return;
  }
}
