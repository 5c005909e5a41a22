/**
 * The SyntheticWiki as CSV files for Neo4j's bulk importer (bench/synth/import.ts):
 * one header file and one or more data files per node label or relationship
 * group, in the importer's header syntax (`slug:ID(Entry)`, `number:int`,
 * `aliases:string[]`, `:START_ID(Claim)` ...).
 *
 * Every file holds what the UNWIND loader (load.ts) writes with the same
 * statement, property for property and type for type: strings quoted (RFC 4180,
 * quotes doubled; an empty string is `""`, a missing value an empty field),
 * whole numbers as `:int`, flags as `:boolean`, lists as `:string[]` joined by
 * ARRAY_DELIMITER, load times as `:datetime`.
 *
 * Files are written with large synchronous writes from one string buffer per
 * file; articles can be written by several threads at once, each into data
 * files of its own (`claims.p0.csv`, `claims.p1.csv` ...).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Article, ClaimRow, EntryRow, ArticleEntryRow, KeyTermRow, ObjectiveRow, RelationRow, SourceRow, SyntheticWiki } from './generator';

export const ARRAY_DELIMITER = ';';

/** A file group: what `--nodes=Label=header,data...` or `--relationships=TYPE=header,data...` names. */
export interface Group {
  kind: 'nodes' | 'relationships';
  /** The label or relationship type. */
  name: string;
  header: string[];
  /** Written per article (one data file per thread) rather than once by the main thread. */
  perArticle: boolean;
}

const node = (name: string, header: string[], perArticle = false): Group => ({ kind: 'nodes', name, header, perArticle });
const rel = (name: string, header: string[], perArticle = false): Group => ({ kind: 'relationships', name, header, perArticle });

/** Every file group, keyed by file stem. Property names and types as load.ts's Cypher writes them. */
export const GROUPS = {
  entries: node('Entry', [
    'slug:ID(Entry)', 'name', 'kind', 'aliases:string[]', 'aliasText', 'summary', 'upvotes:int', 'hasArticle:boolean', 'createdAt:datetime',
    'discipline', 'tradition', 'figureDescription', 'provenanceModel', 'provenanceVersion', 'generatedAt', 'readMinutes:int',
    'statedSourceCount:int', 'sections:string[]', 'contentHash', 'updatedAt:datetime', 'targetedByCount:int',
  ]),
  sources: node('Source', [
    'key:ID(Source)', 'kind', 'title', 'authors:string[]', 'year:int', 'venue', 'tier', 'url', 'doi', 'citation', 'retracted:boolean',
    'entryCount:int', 'authorText',
  ]),
  keyTerms: node('KeyTerm', [
    'id:ID(KeyTerm)', 'key', 'term', 'aliases:string[]', 'aliasText', 'definition', 'position:int', 'entrySlug', 'entryCount:int',
  ]),
  meta: node('Meta', ['id', 'version:int']),
  lists: rel('LISTS', [':START_ID(Entry)', ':END_ID(Source)', 'number:int']),
  defines: rel('DEFINES', [':START_ID(Entry)', ':END_ID(KeyTerm)']),
  keyTermCites: rel('CITES', [':START_ID(KeyTerm)', ':END_ID(Source)', 'order:int']),
  seeAlso: rel('SEE_ALSO', [':START_ID(Entry)', ':END_ID(Entry)', 'rank:int', 'fromArticle:boolean']),

  claims: node('Claim', ['id:ID(Claim)', 'text', 'provenance', 'section', 'sectionIndex:int', 'position:int', 'role', 'entrySlug'], true),
  hasClaim: rel('HAS_CLAIM', [':START_ID(Entry)', ':END_ID(Claim)'], true),
  claimCites: rel('CITES', [':START_ID(Claim)', ':END_ID(Source)', 'order:int'], true),
  mentionsEntry: rel('MENTIONS', [':START_ID(Claim)', ':END_ID(Entry)'], true),
  mentionsKeyTerm: rel('MENTIONS', [':START_ID(Claim)', ':END_ID(KeyTerm)'], true),
  objectives: node('SmartObjective', ['id:ID(SmartObjective)', 'goal', 'objective', 'mechanism', 'position:int'], true),
  hasObjective: rel('HAS_OBJECTIVE', [':START_ID(Entry)', ':END_ID(SmartObjective)'], true),
  objectiveCites: rel('CITES', [':START_ID(SmartObjective)', ':END_ID(Source)', 'order:int'], true),
  lineage: rel('LINEAGE', [':START_ID(Entry)', ':END_ID(Entry)', 'relation', 'claimId', 'derived:boolean'], true),
  targets: rel('TARGETS', [':START_ID(Entry)', ':END_ID(Entry)', 'claimId', 'derived:boolean'], true),
  indicatedFor: rel('INDICATED_FOR', [':START_ID(Entry)', ':END_ID(Entry)', 'claimId', 'derived:boolean'], true),
  refersTo: rel('REFERS_TO', [':START_ID(Entry)', ':END_ID(Entry)', 'count:int', 'derived:boolean'], true),
} satisfies Record<string, Group>;

export type GroupKey = keyof typeof GROUPS;

export const headerFile = (dir: string, key: GroupKey) => path.join(dir, `${key}.header.csv`);
export const dataFile = (dir: string, key: GroupKey, part?: number) => path.join(dir, part === undefined ? `${key}.csv` : `${key}.p${part}.csv`);

export function writeHeaders(dir: string): void {
  for (const [key, group] of Object.entries(GROUPS)) fs.writeFileSync(headerFile(dir, key as GroupKey), `${group.header.join(',')}\n`);
}

/** One data file, written through a string buffer flushed in ~1 MB synchronous writes. */
export class CsvFile {
  private readonly fd: number;
  private buffer = '';
  rows = 0;

  constructor(readonly file: string) {
    this.fd = fs.openSync(file, 'w');
  }

  row(line: string): void {
    this.buffer += `${line}\n`;
    this.rows++;
    if (this.buffer.length >= 1 << 20) this.flush();
  }

  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }

  private flush(): void {
    if (this.buffer) fs.writeSync(this.fd, this.buffer);
    this.buffer = '';
  }
}

/** Field encoders. A field that is a missing value (null/undefined) is left empty: the importer sets no property. */
export class Encoder {
  /** A field held a line break: the import then needs --multiline-fields. */
  multiline = false;

  str(value: string | null | undefined): string {
    if (value === null || value === undefined) return '';
    if (!this.multiline && (value.includes('\n') || value.includes('\r'))) this.multiline = true;
    return value.includes('"') ? `"${value.replace(/"/g, '""')}"` : `"${value}"`;
  }

  int(value: number | null | undefined): string {
    if (value === null || value === undefined) return '';
    if (!Number.isSafeInteger(value)) throw new Error(`Expected a whole number for an :int field, got ${value}.`);
    return String(value);
  }

  bool(value: boolean | null | undefined): string {
    return value === null || value === undefined ? '' : value ? 'true' : 'false';
  }

  /** A list of strings. An empty list cannot be written (the importer stores no property): import.ts sets those to []. */
  list(values: readonly string[] | null | undefined): string {
    if (!values || values.length === 0) return '';
    for (const v of values) {
      if (v.includes(ARRAY_DELIMITER)) throw new Error(`A list element contains the array delimiter "${ARRAY_DELIMITER}": ${JSON.stringify(v)}`);
      if (v.length === 0) throw new Error('A list element is an empty string, which the importer cannot represent.');
    }
    return this.str(values.join(ARRAY_DELIMITER));
  }
}

/** Counts of what one thread wrote, and the TARGETS it wrote per problem entry (for Entry.targetedByCount). */
export interface PartResult {
  claims: number;
  objectives: number;
  relationships: number;
  targeted: Record<string, number>;
  multiline: boolean;
}

/** The data files of the per-article groups for one thread, and how to write an article into them. */
export class ArticleWriter {
  private readonly enc = new Encoder();
  private readonly files: Partial<Record<GroupKey, CsvFile>> = {};
  private readonly targeted: Record<string, number> = {};
  private claims = 0;
  private objectives = 0;

  constructor(dir: string, part: number) {
    for (const [key, group] of Object.entries(GROUPS) as Array<[GroupKey, Group]>) {
      if (group.perArticle) this.files[key] = new CsvFile(dataFile(dir, key, part));
    }
  }

  write(article: Article): number {
    const f = this.files as Record<GroupKey, CsvFile>;
    const e = this.enc;
    for (const c of article.claims) this.claim(c);
    for (const o of article.objectives) this.objective(o);
    const derived = (key: GroupKey, rows: RelationRow[], fields: (r: RelationRow) => string) => {
      for (const r of rows) f[key].row(`${e.str(r.from)},${e.str(r.to)},${fields(r)}`);
    };
    derived('lineage', article.lineage, (r) => `${e.str(r.relation)},${e.str(r.claimId)},true`);
    derived('targets', article.targets, (r) => `${e.str(r.claimId)},true`);
    derived('indicatedFor', article.indicatedFor, (r) => `${e.str(r.claimId)},true`);
    derived('refersTo', article.refersTo, (r) => `${e.int(r.count)},true`);
    for (const t of article.targets) this.targeted[t.to] = (this.targeted[t.to] ?? 0) + 1;
    return article.claims.length;
  }

  close(): PartResult {
    let relationships = 0;
    for (const [key, file] of Object.entries(this.files) as Array<[GroupKey, CsvFile]>) {
      file.close();
      if (GROUPS[key].kind === 'relationships') relationships += file.rows;
    }
    return { claims: this.claims, objectives: this.objectives, relationships, targeted: this.targeted, multiline: this.enc.multiline };
  }

  private claim(c: ClaimRow): void {
    const f = this.files as Record<GroupKey, CsvFile>;
    const e = this.enc;
    const id = e.str(c.id);
    f.claims.row(`${id},${e.str(c.text)},${e.str(c.provenance)},${e.str(c.section)},${e.int(c.sectionIndex)},${e.int(c.position)},${e.str(c.role)},${e.str(c.entrySlug)}`);
    f.hasClaim.row(`${e.str(c.entrySlug)},${id}`);
    c.sourceKeys.forEach((key, order) => f.claimCites.row(`${id},${e.str(key)},${order}`));
    for (const slug of c.mentionedEntries) f.mentionsEntry.row(`${id},${e.str(slug)}`);
    for (const termId of c.mentionedKeyTerms) f.mentionsKeyTerm.row(`${id},${e.str(termId)}`);
    this.claims++;
  }

  private objective(o: ObjectiveRow): void {
    const f = this.files as Record<GroupKey, CsvFile>;
    const e = this.enc;
    const id = e.str(o.id);
    f.objectives.row(`${id},${e.str(o.goal)},${e.str(o.objective)},${e.str(o.mechanism)},${e.int(o.position)}`);
    f.hasObjective.row(`${e.str(o.entrySlug)},${id}`);
    o.sourceKeys.forEach((key, order) => f.objectiveCites.row(`${id},${e.str(key)},${order}`));
    this.objectives++;
  }
}

/** Sources, listings, key terms (with DEFINES and their CITES), curated see-also and the vocabulary Meta node. */
export function writeCatalogue(wiki: SyntheticWiki, dir: string): { keyTerms: number; relationships: number; multiline: boolean } {
  const e = new Encoder();
  const sources = new CsvFile(dataFile(dir, 'sources'));
  for (const s of wiki.sources) sources.row(sourceLine(e, s));
  sources.close();

  const lists = new CsvFile(dataFile(dir, 'lists'));
  for (const l of wiki.listings()) lists.row(`${e.str(l.slug)},${e.str(l.key)},${e.int(l.number)}`);
  lists.close();

  const keyTerms = new CsvFile(dataFile(dir, 'keyTerms'));
  const defines = new CsvFile(dataFile(dir, 'defines'));
  const cites = new CsvFile(dataFile(dir, 'keyTermCites'));
  for (const k of wiki.keyTerms()) {
    const id = e.str(k.id);
    keyTerms.row(keyTermLine(e, k));
    defines.row(`${e.str(k.entrySlug)},${id}`);
    k.sourceKeys.forEach((key, order) => cites.row(`${id},${e.str(key)},${order}`));
  }
  keyTerms.close();
  defines.close();
  cites.close();

  const seeAlso = new CsvFile(dataFile(dir, 'seeAlso'));
  for (const r of wiki.seeAlso) seeAlso.row(`${e.str(r.from)},${e.str(r.to)},${e.int(r.rank)},true`);
  seeAlso.close();

  // As load.ts's MERGE (m:Meta {id: 'vocabulary'}) SET m.version = coalesce(m.version, 0) + 1 leaves it.
  const meta = new CsvFile(dataFile(dir, 'meta'));
  meta.row(`${e.str('vocabulary')},1`);
  meta.close();

  return { keyTerms: keyTerms.rows, relationships: lists.rows + defines.rows + cites.rows + seeAlso.rows, multiline: e.multiline };
}

/**
 * Entries, written last: Entry.targetedByCount (as refreshDegrees leaves it, on
 * problems only) counts the TARGETS the articles wrote. `now` stands for the
 * datetime() load.ts stamps createdAt/updatedAt with.
 */
export function writeEntries(wiki: SyntheticWiki, dir: string, targeted: Record<string, number>, now: string): { multiline: boolean } {
  const e = new Encoder();
  const file = new CsvFile(dataFile(dir, 'entries'));
  for (const row of wiki.entryRows) file.row(entryLine(e, row, targeted, now));
  file.close();
  return { multiline: e.multiline };
}

function entryLine(e: Encoder, row: EntryRow, targeted: Record<string, number>, now: string): string {
  const a = row.hasArticle ? (row as ArticleEntryRow) : null;
  const upvotes = (row as Partial<ArticleEntryRow>).upvotes ?? 0;
  return [
    e.str(row.slug), e.str(row.name), e.str(row.kind), e.list(row.aliases), e.str(row.aliasText), e.str(row.summary), e.int(upvotes),
    e.bool(row.hasArticle), now,
    e.str(a?.discipline), e.str(a?.tradition), e.str(a?.figureDescription), e.str(a?.provenanceModel), e.str(a?.provenanceVersion),
    e.str(a?.generatedAt), e.int(a?.readMinutes), e.int(a?.statedSourceCount), e.list(a?.sections), e.str(a?.contentHash), a ? now : '',
    row.kind === 'PROBLEM_FOR_WORK' ? e.int(targeted[row.slug] ?? 0) : '',
  ].join(',');
}

function sourceLine(e: Encoder, s: SourceRow): string {
  return [
    e.str(s.key), e.str(s.kind), e.str(s.title), e.list(s.authors), e.int(s.year), e.str(s.venue), e.str(s.tier), e.str(s.url), e.str(s.doi),
    e.str(s.citation), 'false', e.int(s.entryCount), e.str(s.authorText),
  ].join(',');
}

function keyTermLine(e: Encoder, k: KeyTermRow): string {
  return [
    e.str(k.id), e.str(k.key), e.str(k.term), e.list(k.aliases), e.str(k.aliasText), e.str(k.definition), e.int(k.position),
    e.str(k.entrySlug), e.int(k.entryCount),
  ].join(',');
}
