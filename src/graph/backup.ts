import fs from 'node:fs';
import readline from 'node:readline';
import { AppError } from '../errors';
import type { Graph, Transaction } from './graph';
import { migrate, upgradeData } from './migrate';

/**
 * Export and import of the whole graph as JSON, for backups and moving data
 * between servers (`npm run export -- FILE`, `npm run import -- FILE`).
 *
 * The file is one JSON document laid out one item per line, so both sides
 * stream it without holding the graph in memory:
 *
 *   {"format":"clinical-wiki-graph","version":1,"exportedAt":"…","nodes":[
 *   {"labels":["Entry"],"properties":{…},"types":{…}},
 *   {"id":1,"labels":["Upvote"],"properties":{…}},
 *   ],"relationships":[
 *   {"type":"HAS_CLAIM","start":["Entry","earned-security"],"end":["Claim","earned-security/c/…"],"properties":{}},
 *   ],"counts":{"nodes":N,"relationships":M}}
 *
 * Nodes are identified by their identity property (IDENTITY below); others
 * get an `id` assigned by the export. A relationship names its ends by
 * [label, identity] or by that id. `types` records properties JSON cannot
 * tell apart (floats, dates and times, as ISO strings); other numbers are
 * integers. :Migration nodes are left out: the import applies the migrations.
 * So are :RateLimit windows: passing bookkeeping of public writes, not data,
 * and the :CacheChange log (change-log.ts), which only running processes read.
 *
 * Import goes into an empty database only, in batches of one transaction each.
 */

export const FORMAT = 'clinical-wiki-graph';
export const VERSION = 1;

/** Labels whose nodes are found again by one property (unique by constraint, or by construction for Meta). */
export const IDENTITY: ReadonlyArray<readonly [label: string, property: string]> = [
  ['Entry', 'slug'],
  ['Source', 'key'],
  ['Claim', 'id'],
  ['KeyTerm', 'id'],
  ['SmartObjective', 'id'],
  ['RevisionSuggestion', 'id'],
  ['Revision', 'id'],
  ['ClaimVersion', 'id'],
  ['ArticleText', 'hash'],
  ['Meta', 'id'],
  ['UpvoteTally', 'slug'],
];

/** Types written as ISO strings, and the Cypher function that reads each back. */
const TEMPORAL: Record<string, string> = {
  'ZONED DATETIME': 'datetime',
  'LOCAL DATETIME': 'localdatetime',
  DATE: 'date',
  'ZONED TIME': 'time',
  'LOCAL TIME': 'localtime',
  DURATION: 'duration',
};
const SUPPORTED_TYPES = new Set(['FLOAT', 'LIST<FLOAT>', ...Object.keys(TEMPORAL), ...Object.keys(TEMPORAL).map((t) => `LIST<${t}>`)]);

type Ref = [label: string, value: string] | number;
type Props = Record<string, unknown>;

export interface ExportedNode {
  id?: number;
  labels: string[];
  properties: Props;
  types?: Record<string, string>;
}

export interface ExportedRelationship {
  type: string;
  start: Ref;
  end: Ref;
  properties: Props;
  types?: Record<string, string>;
}

export interface BackupCounts {
  nodes: number;
  relationships: number;
}

const quote = (name: string) => `\`${name.replace(/`/g, '``')}\``;

/** Cypher: the reference of node `v`, [label, identity] or its element id. */
function refExpression(v: string): string {
  const cases = IDENTITY.map(([label, prop]) => `WHEN ${v}:${quote(label)} AND ${v}.${quote(prop)} IS NOT NULL THEN [${JSON.stringify(label)}, toString(${v}.${quote(prop)})]`);
  return `CASE ${cases.join(' ')} ELSE elementId(${v}) END`;
}

/** Cypher: [key, value, type] of every property of `v`; temporal values as ISO strings. */
function propertiesExpression(v: string): string {
  const temporal = JSON.stringify(Object.keys(TEMPORAL).flatMap((t) => [`${t} NOT NULL`, `LIST<${t} NOT NULL> NOT NULL`]));
  return `[k IN keys(${v}) | [k, CASE WHEN valueType(${v}[k]) IN ${temporal}
      THEN CASE WHEN valueType(${v}[k]) STARTS WITH 'LIST' THEN [x IN ${v}[k] | toString(x)] ELSE toString(${v}[k]) END
      ELSE ${v}[k] END, valueType(${v}[k])]]`;
}

/** Splits [key, value, type] triples into plain JSON properties and the types JSON cannot carry. */
function encodeProperties(triples: Array<[string, unknown, string]>): { properties: Props; types?: Record<string, string> } {
  const properties: Props = {};
  const types: Record<string, string> = {};
  for (const [key, value, rawType] of triples) {
    const type = rawType.replace(/ NOT NULL/g, '');
    if (SUPPORTED_TYPES.has(type)) {
      types[key] = type;
      properties[key] = type.includes('FLOAT') ? encodeFloats(value) : value;
    } else if (/^(STRING|BOOLEAN|INTEGER|LIST<(STRING|BOOLEAN|INTEGER|NOTHING)>)$/.test(type)) {
      properties[key] = value;
    } else {
      throw new Error(`Property "${key}" has type ${type}, which the export does not support.`);
    }
  }
  return Object.keys(types).length ? { properties, types } : { properties };
}

/** JSON has no NaN or infinities: those travel as strings, which toFloat reads back. */
const encodeFloats = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(encodeFloats) : typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;

function writeLine(out: fs.WriteStream, line: string): Promise<void> | void {
  if (!out.write(`${line}\n`)) return new Promise((resolve) => out.once('drain', resolve));
}

/**
 * Writes the whole graph to `file`, streaming, from one read transaction (so
 * nodes and relationships agree, as far as Neo4j's read-committed isolation
 * goes: export a quiet database, e.g. with writes paused or from a replica).
 */
export async function exportGraph(graph: Graph, file: string, options: { timeoutMs?: number } = {}): Promise<BackupCounts> {
  const out = fs.createWriteStream(file, { encoding: 'utf8' });
  const closed = new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('error', reject);
  });
  const counts: BackupCounts = { nodes: 0, relationships: 0 };
  try {
    await graph.readOnce(
      async (tx: Transaction) => {
        await writeLine(out, `{"format":${JSON.stringify(FORMAT)},"version":${VERSION},"exportedAt":${JSON.stringify(new Date().toISOString())},"nodes":[`);
        const exportIds = new Map<string, number>();
        let separator = '';
        for await (const record of tx.run(`MATCH (n) WHERE NOT n:Migration AND NOT n:SeeAlsoPanel AND NOT n:RateLimit AND NOT n:CacheChange RETURN ${refExpression('n')} AS ref, labels(n) AS labels, ${propertiesExpression('n')} AS props`)) {
          const ref = record.get('ref') as string | [string, string];
          let node: ExportedNode = { labels: (record.get('labels') as string[]).sort(), ...encodeProperties(record.get('props')) };
          if (typeof ref === 'string') {
            // No identity: the export numbers it, and relationships name it by that number.
            exportIds.set(ref, exportIds.size + 1);
            node = { id: exportIds.size, ...node };
          }
          await writeLine(out, `${separator}${JSON.stringify(node)}`);
          separator = ',';
          counts.nodes++;
        }
        await writeLine(out, '],"relationships":[');
        separator = '';
        const resolve = (ref: string | [string, string]): Ref => {
          if (typeof ref !== 'string') return ref;
          const id = exportIds.get(ref);
          if (id === undefined) throw new Error('A relationship ends at a node written after the node list was read; export a quiet database.');
          return id;
        };
        for await (const record of tx.run(
          `MATCH (a)-[r]->(b) WHERE NOT a:Migration AND NOT b:Migration
           RETURN type(r) AS type, ${refExpression('a')} AS start, ${refExpression('b')} AS end, ${propertiesExpression('r')} AS props`,
        )) {
          const relationship: ExportedRelationship = {
            type: record.get('type'),
            start: resolve(record.get('start')),
            end: resolve(record.get('end')),
            ...encodeProperties(record.get('props')),
          };
          await writeLine(out, `${separator}${JSON.stringify(relationship)}`);
          separator = ',';
          counts.relationships++;
        }
        await writeLine(out, `],"counts":${JSON.stringify(counts)}}`);
      },
      { timeoutMs: options.timeoutMs ?? 3_600_000 },
    );
  } finally {
    out.end();
  }
  await closed;
  return counts;
}

/** Nodes other than :Migration and :Meta (which every start and every write create), derived :SeeAlsoPanel and passing :RateLimit windows. */
export async function countDataNodes(graph: Graph): Promise<number> {
  const [row] = await graph.query<{ n: number }>('MATCH (n) WHERE NOT n:Migration AND NOT n:Meta AND NOT n:SeeAlsoPanel AND NOT n:RateLimit RETURN count(n) AS n');
  return row?.n ?? 0;
}

const IMPORT_LABEL = '__ImportRef';
const IMPORT_ID = '__exportId';
const IMPORT_INDEX = 'import_export_id';

/** Parameters for one row: plain properties, and typed values in the order of the shape's typed keys. */
interface Row {
  key: unknown;
  props: Props;
  typed: unknown[];
}

/** Rows of one shape (same labels or type, same ends, same typed keys) share one Cypher statement. */
interface Shape {
  cypher: string;
  rows: Row[];
}

function typedSetters(v: string, types: Record<string, string> | undefined): { keys: string[]; clause: string } {
  const keys = Object.keys(types ?? {}).sort();
  const setters = keys.map((key, i) => {
    const type = types![key]!;
    const element = type.startsWith('LIST<') ? type.slice(5, -1) : type;
    const convert = (x: string) => (element === 'FLOAT' ? `toFloat(${x})` : `${TEMPORAL[element]}(${x})`);
    const value = type.startsWith('LIST<') ? `[x IN row.typed[${i}] | ${convert('x')}]` : convert(`row.typed[${i}]`);
    return `${v}.${quote(key)} = ${value}`;
  });
  return { keys, clause: setters.length ? `SET ${setters.join(', ')}` : '' };
}

function identityOf(labels: string[], properties: Props): readonly [string, string] | undefined {
  return IDENTITY.find(([label, prop]) => labels.includes(label) && properties[prop] !== undefined && properties[prop] !== null);
}

function nodeShape(node: ExportedNode): { shapeKey: string; cypher: string; row: Row } {
  const typed = typedSetters('n', node.types);
  const identity = node.id === undefined ? identityOf(node.labels, node.properties) : undefined;
  if (node.id === undefined && !identity) throw new Error(`A node with labels ${node.labels.join(':')} has neither an identity nor an id.`);
  const plain = Object.fromEntries(Object.entries(node.properties).filter(([key]) => !typed.keys.includes(key)));
  const row: Row = { key: identity ? node.properties[identity[1]] : node.id, props: plain, typed: typed.keys.map((key) => node.properties[key]) };
  const labels = node.labels.map(quote).join(':');
  const cypher = identity
    ? // MERGE: a write made during the import (Graph's own bookkeeping) may have created the node already.
      `UNWIND $rows AS row MERGE (n:${quote(identity[0])} {${quote(identity[1])}: row.key}) SET n = row.props SET n:${labels} ${typed.clause} RETURN count(n) AS n`
    : `UNWIND $rows AS row CREATE (n:${[...node.labels, IMPORT_LABEL].map(quote).join(':')}) SET n = row.props, n.${quote(IMPORT_ID)} = row.key ${typed.clause} RETURN count(n) AS n`;
  return { shapeKey: `node ${identity ? identity.join('.') : 'id'} ${labels} ${typed.keys.map((k) => `${k}:${node.types![k]}`).join(',')}`, cypher, row };
}

function endMatch(v: string, ref: Ref, param: string): string {
  if (typeof ref === 'number') return `MATCH (${v}:${quote(IMPORT_LABEL)} {${quote(IMPORT_ID)}: ${param}})`;
  const identity = IDENTITY.find(([label]) => label === ref[0]);
  if (!identity) throw new Error(`Unknown identity label ${ref[0]}.`);
  return `MATCH (${v}:${quote(identity[0])} {${quote(identity[1])}: ${param}})`;
}

function relationshipShape(rel: ExportedRelationship): { shapeKey: string; cypher: string; row: Row } {
  const typed = typedSetters('r', rel.types);
  const plain = Object.fromEntries(Object.entries(rel.properties).filter(([key]) => !typed.keys.includes(key)));
  const value = (ref: Ref) => (typeof ref === 'number' ? ref : ref[1]);
  const row: Row = { key: [value(rel.start), value(rel.end)], props: plain, typed: typed.keys.map((key) => rel.properties[key]) };
  const kind = (ref: Ref) => (typeof ref === 'number' ? 'id' : ref[0]);
  const cypher = `UNWIND $rows AS row ${endMatch('a', rel.start, 'row.key[0]')} ${endMatch('b', rel.end, 'row.key[1]')}
    CREATE (a)-[r:${quote(rel.type)}]->(b) SET r = row.props ${typed.clause} RETURN count(r) AS n`;
  return { shapeKey: `rel ${rel.type} ${kind(rel.start)} ${kind(rel.end)} ${typed.keys.map((k) => `${k}:${rel.types![k]}`).join(',')}`, cypher, row };
}

/** Collects rows per shape and writes a batch (one transaction) whenever a shape has `batchSize` rows. */
class BatchWriter {
  private readonly shapes = new Map<string, Shape>();
  written = 0;

  constructor(
    private readonly graph: Graph,
    private readonly batchSize: number,
    private readonly what: string,
    private readonly onWrite: () => void = () => undefined,
  ) {}

  async add(item: { shapeKey: string; cypher: string; row: Row }): Promise<void> {
    let shape = this.shapes.get(item.shapeKey);
    if (!shape) this.shapes.set(item.shapeKey, (shape = { cypher: item.cypher, rows: [] }));
    shape.rows.push(item.row);
    if (shape.rows.length >= this.batchSize) await this.write(shape);
  }

  async flush(): Promise<void> {
    for (const shape of this.shapes.values()) if (shape.rows.length) await this.write(shape);
  }

  private async write(shape: Shape): Promise<void> {
    const rows = shape.rows;
    shape.rows = [];
    const written = await this.graph.write(async (tx) => (await tx.run(shape.cypher, { rows })).records[0]?.get('n') as number);
    if (written !== rows.length) {
      throw new Error(`Only ${written} of ${rows.length} ${this.what} of a batch could be written: a relationship names a node the file does not hold.`);
    }
    this.written += written;
    this.onWrite();
  }
}

/**
 * Reads an export and writes it into an empty database (migrations applied
 * first), in batches of `batchSize` items, one transaction each. A failure
 * leaves the batches written so far: erase the database and import again.
 */
export async function importGraph(graph: Graph, file: string, options: { batchSize?: number; onProgress?: (counts: BackupCounts) => void } = {}): Promise<BackupCounts> {
  const batchSize = options.batchSize ?? 1_000;
  await migrate(graph);
  if ((await countDataNodes(graph)) > 0) {
    throw new AppError('CONFLICT', 'The database is not empty: import only into an empty database (erase it, or use a new one).');
  }
  await graph.runSchema(`CREATE INDEX ${IMPORT_INDEX} IF NOT EXISTS FOR (n:${quote(IMPORT_LABEL)}) ON (n.${quote(IMPORT_ID)})`);
  await graph.runSchema('CALL db.awaitIndexes(300)');

  const progress = () => options.onProgress?.({ nodes: nodes.written, relationships: relationships.written });
  const nodes: BatchWriter = new BatchWriter(graph, batchSize, 'nodes', progress);
  const relationships: BatchWriter = new BatchWriter(graph, batchSize, 'relationships', progress);
  let section: 'header' | 'nodes' | 'relationships' | 'done' = 'header';
  let expected: BackupCounts | null = null;
  const lines = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const rawLine of lines) {
    lineNumber++;
    const line = rawLine.trim();
    if (!line) continue;
    try {
      if (section === 'header') {
        const header = JSON.parse(`${line}]}`) as { format?: string; version?: number };
        if (header.format !== FORMAT || header.version !== VERSION) throw new Error(`not a ${FORMAT} export of version ${VERSION}`);
        section = 'nodes';
      } else if (section === 'nodes' && line === '],"relationships":[') {
        await nodes.flush();
        section = 'relationships';
      } else if (section === 'relationships' && line.startsWith('],"counts":')) {
        await relationships.flush();
        expected = (JSON.parse(`{${line.slice(2)}`) as { counts: BackupCounts }).counts;
        section = 'done';
      } else if (section === 'nodes') {
        await nodes.add(nodeShape(JSON.parse(line.replace(/^,/, '')) as ExportedNode));
      } else if (section === 'relationships') {
        await relationships.add(relationshipShape(JSON.parse(line.replace(/^,/, '')) as ExportedRelationship));
      } else {
        throw new Error('unexpected content after the end of the export');
      }
    } catch (error) {
      throw new Error(`${file}:${lineNumber}: ${(error as Error).message}`);
    }
  }
  if (section !== 'done' || !expected) throw new Error(`${file}: the export is incomplete (it ends in the ${section} section).`);

  // The temporary references go; the index with them.
  for (;;) {
    const removed = await graph.write(
      async (tx) =>
        (await tx.run(`MATCH (n:${quote(IMPORT_LABEL)}) WITH n LIMIT $limit REMOVE n:${quote(IMPORT_LABEL)}, n.${quote(IMPORT_ID)} RETURN count(n) AS n`, { limit: batchSize }))
          .records[0]?.get('n') as number,
    );
    if (!removed) break;
  }
  await graph.runSchema(`DROP INDEX ${IMPORT_INDEX} IF EXISTS`);
  // An export written by an earlier version holds data in its shape then.
  await upgradeData(graph);
  // Reads keep their first plans (asRead in graph.ts), made against the empty database: planned again now, on the data.
  await graph.runSchema('CALL db.clearQueryCaches()');

  const counts = { nodes: nodes.written, relationships: relationships.written };
  if (counts.nodes !== expected.nodes || counts.relationships !== expected.relationships) {
    throw new Error(`Imported ${counts.nodes} nodes and ${counts.relationships} relationships; the export lists ${expected.nodes} and ${expected.relationships}.`);
  }
  return counts;
}
