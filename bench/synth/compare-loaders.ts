/**
 * Proves the two loaders write the same graph: loads one scale with the UNWIND
 * loader (load.ts) and with the bulk importer (import.ts) into two separate
 * local Neo4j data folders, dumps both canonically and compares the dumps.
 *
 *   npx tsx bench/synth/compare-loaders.ts                  # scale smoke (1k entries, 20k claims)
 *   npx tsx bench/synth/compare-loaders.ts --scale small --keep
 *
 * The dump: one line per node (labels, identity, every property as
 * name:TYPE=value with Cypher's valueType, so 1 and 1.0 or [] and a missing
 * list differ), one per relationship (type, both ends' labels and identities,
 * properties likewise), one per index and constraint; sorted. Values that
 * differ by design are masked, their types kept: load times (createdAt,
 * updatedAt, appliedAt) and the BenchDataset marker's load report; the
 * change-log shards (Meta content-N, bumped at random by every write of the
 * app's Graph, here migrate()'s) are summed and their logged changes counted.
 *
 * Data in .data/neo4j-bench/compare-<loader>-<label>-seed<seed> on ports 7691
 * and 7692, deleted afterwards unless --keep. Exits 1 when the dumps differ.
 */
import fs from 'node:fs';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { projectRoot } from '../../src/config';
import { openBenchDatabase, scaleFrom, type Loader } from '../dataset';

const MASKED = new Set(['createdAt', 'updatedAt', 'appliedAt']);
const MASKED_BY_LABEL: Record<string, Set<string>> = { BenchDataset: new Set(['load']) };
const SHOWN = 8;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const choice = scaleFrom(args);
  const keep = args.includes('--keep');
  const dumps = new Map<Loader, string[]>();
  const timings: string[] = [];
  for (const [loader, port] of [['unwind', 7691], ['import', 7692]] as Array<[Loader, number]>) {
    const dataDir = path.join(projectRoot, '.data', 'neo4j-bench', `compare-${loader}-${choice.label}-seed${choice.scale.seed}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    const db = await openBenchDatabase({ choice, loader, dataDir, port, fresh: true });
    try {
      timings.push(`${loader}: ${db.load.claims.toLocaleString('en')} claims in ${db.load.totalSeconds}s (${JSON.stringify(db.load.phases)})`);
      process.stderr.write(`Dumping the ${loader} graph ...\n`);
      dumps.set(loader, await dump(db.graph.driver));
    } finally {
      await db.stop();
      if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const a = dumps.get('unwind')!;
  const b = dumps.get('import')!;
  const { onlyA, onlyB } = difference(a, b);

  console.log(`Scale ${choice.label} (seed ${choice.scale.seed})`);
  for (const line of timings) console.log(`  ${line}`);
  console.log(`\n| kind | unwind | import |\n|---|---:|---:|`);
  const kinds = [...new Set([...a, ...b].map(kindOf))].sort();
  for (const kind of kinds) console.log(`| ${kind} | ${a.filter((l) => kindOf(l) === kind).length} | ${b.filter((l) => kindOf(l) === kind).length} |`);
  if (onlyA.length === 0 && onlyB.length === 0) {
    console.log(`\nIdentical: ${a.length.toLocaleString('en')} lines (nodes, relationships, indexes) with the same properties and types.`);
    return;
  }
  console.log(`\nDIFFERENT: ${onlyA.length} lines only in the unwind graph, ${onlyB.length} only in the import graph.`);
  for (const [name, lines] of [['unwind only', onlyA], ['import only', onlyB]] as const) {
    const byKind = new Map<string, string[]>();
    for (const line of lines) byKind.set(kindOf(line), [...(byKind.get(kindOf(line)) ?? []), line]);
    for (const [kind, group] of byKind) {
      console.log(`\n${name}, ${kind} (${group.length}):`);
      for (const line of group.slice(0, SHOWN)) console.log(`  ${line}`);
    }
  }
  process.exitCode = 1;
}

/** "node Entry", "rel LISTS", "index": what a dump line describes, for the counts. */
const kindOf = (line: string) => (line.startsWith('index ') ? 'index' : line.slice(0, line.indexOf(' |')));

/** The canonical dump of a graph: sorted lines, one per node, relationship, index and constraint. */
async function dump(driver: Driver): Promise<string[]> {
  const lines: string[] = [];
  const nodes = await driver.executeQuery(
    `MATCH (n)
     RETURN labels(n) AS labels, ${identity('n')} AS id, [k IN keys(n) | [k, valueType(n[k])]] AS types, properties(n) AS props`,
  );
  let contentVersion = 0;
  let loggedChanges = 0;
  for (const r of nodes.records) {
    const labels = (r.get('labels') as string[]).sort();
    const props = r.get('props') as Record<string, unknown>;
    if (labels.join() === 'Meta' && /^content-\d+$/.test(String(props.id))) {
      // The change log is sharded over counters bumped at random (src/graph/change-log.ts): only the sum means anything.
      contentVersion += Number(props.version);
      continue;
    }
    if (labels.includes('CacheChange')) {
      // Where each change landed is random; how many there are is not.
      loggedChanges++;
      continue;
    }
    lines.push(`node ${labels.join(':')} | ${r.get('id')} | ${properties(r.get('types'), r.get('props'), labels)}`);
  }
  lines.push(`node Meta | content-* | version (sum of the shards)=${contentVersion}, changes logged=${loggedChanges}`);
  const rels = await driver.executeQuery(
    `MATCH (a)-[r]->(b)
     RETURN type(r) AS type, labels(a) AS fromLabels, ${identity('a')} AS fromId, labels(b) AS toLabels, ${identity('b')} AS toId,
            [k IN keys(r) | [k, valueType(r[k])]] AS types, properties(r) AS props`,
  );
  for (const r of rels.records) {
    const from = `${(r.get('fromLabels') as string[]).sort().join(':')}(${r.get('fromId')})`;
    const to = `${(r.get('toLabels') as string[]).sort().join(':')}(${r.get('toId')})`;
    lines.push(`rel ${r.get('type')} | ${from} -> ${to} | ${properties(r.get('types'), r.get('props'), [])}`);
  }
  const indexes = await driver.executeQuery(
    `SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, state, owningConstraint, options
     RETURN name, type, entityType, labelsOrTypes, properties, state, owningConstraint IS NOT NULL AS constraint,
            options.indexConfig['fulltext.analyzer'] AS analyzer`,
  );
  for (const r of indexes.records) {
    lines.push(
      `index ${r.get('name')} | ${r.get('type')} ${r.get('entityType')} ${JSON.stringify(r.get('labelsOrTypes'))} ${JSON.stringify(r.get('properties'))} ` +
        `${r.get('state')}${r.get('constraint') ? ' constraint' : ''}${r.get('analyzer') ? ` ${r.get('analyzer')}` : ''}`,
    );
  }
  return lines.sort();
}

/** The property (or properties) that identify a node of each label the loaders write. */
const identity = (v: string) =>
  `CASE WHEN ${v}:Entry THEN ${v}.slug WHEN ${v}:Source THEN ${v}.key ELSE coalesce(${v}.id, elementId(${v})) END`;

function properties(types: Array<[string, string]>, props: Record<string, unknown>, labels: string[]): string {
  const masked = (key: string) => MASKED.has(key) || labels.some((l) => MASKED_BY_LABEL[l]?.has(key));
  return types
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([key, type]) => `${key}:${type}=${masked(key) ? '*' : value(props[key])}`)
    .join(', ');
}

function value(v: unknown): string {
  if (neo4j.isInt(v)) return v.toString();
  if (Array.isArray(v)) return `[${v.map(value).join(',')}]`;
  if (v !== null && typeof v === 'object') return String(v);
  return JSON.stringify(v);
}

/** Lines of each sorted list missing from the other (as multisets). */
function difference(a: string[], b: string[]): { onlyA: string[]; onlyB: string[] } {
  const onlyA: string[] = [];
  const onlyB: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) onlyA.push(a[i++]!);
    else if (i >= a.length || b[j]! < a[i]!) onlyB.push(b[j++]!);
    else {
      i++;
      j++;
    }
  }
  return { onlyA, onlyB };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
