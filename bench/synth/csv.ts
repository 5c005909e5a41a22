/**
 * The SyntheticWiki as CSV files for Neo4j's bulk importer (bench/synth/import.ts):
 * one header file and one or more data files per node label or relationship
 * group, in the importer's header syntax (`:ID(Entry)`, `number:int`,
 * `aliases:string[]`, `:START_ID(Claim)` ...).
 *
 * Nodes are identified in the files by integers (--id-type=integer), which the
 * importer matches several times faster than strings: the entry's and the
 * source's index, the key term's position in keyTerms(), the claim's number
 * (claims numbered article after article), the objective's article ordinal
 * and position. The identity the app uses (slug, key, id) is an ordinary
 * string property beside it.
 *
 * Every file holds what the UNWIND loader (load.ts) writes with the same
 * statement, property for property and type for type: strings quoted (RFC 4180,
 * quotes doubled; an empty string is `""`, a missing value an empty field),
 * whole numbers as `:int`, flags as `:boolean`, lists as `:string[]` joined by
 * ARRAY_DELIMITER, load times as `:datetime`.
 *
 * Each row is encoded straight into the file's 1 MB byte buffer, written out
 * when full; articles can be written by several threads at once, each into
 * data files of its own (`claims.p0.csv`, `claims.p1.csv` ...).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ENTRY_RELATIONS, relationByType } from '../../src/model/relations';
import type { Article, ClaimRow, EntryRow, ArticleEntryRow, KeyTermRow, ObjectiveRow, SourceRow, SyntheticWiki } from './generator';

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
    ':ID(Entry)', 'slug', 'name', 'kind', 'aliases:string[]', 'aliasText', 'summary', 'exportedUpvotes:int', 'hasArticle:boolean', 'createdAt:datetime',
    'discipline', 'tradition', 'figureDescription', 'provenanceModel', 'provenanceVersion', 'generatedAt', 'readMinutes:int',
    'statedSourceCount:int', 'sections:string[]', 'contentHash', 'updatedAt:datetime', 'targetedByCount:int',
  ]),
  sources: node('Source', [
    ':ID(Source)', 'key', 'kind', 'title', 'authors:string[]', 'year:int', 'venue', 'tier', 'url', 'doi', 'citation', 'retracted:boolean',
    'entryCount:int', 'authorText',
  ]),
  keyTerms: node('KeyTerm', [
    ':ID(KeyTerm)', 'id', 'key', 'term', 'aliases:string[]', 'aliasText', 'definition', 'position:int', 'entrySlug', 'entryCount:int',
  ]),
  meta: node('Meta', ['id', 'version:int']),
  lists: rel('LISTS', [':START_ID(Entry)', ':END_ID(Source)', 'number:int']),
  defines: rel('DEFINES', [':START_ID(Entry)', ':END_ID(KeyTerm)']),
  keyTermCites: rel('CITES', [':START_ID(KeyTerm)', ':END_ID(Source)', 'order:int']),
  seeAlso: rel('SEE_ALSO', [':START_ID(Entry)', ':END_ID(Entry)', 'rank:int', 'fromArticle:boolean']),

  claims: node('Claim', [':ID(Claim)', 'id', 'text', 'provenance', 'section', 'sectionIndex:int', 'position:int', 'role', 'entrySlug'], true),
  hasClaim: rel('HAS_CLAIM', [':START_ID(Entry)', ':END_ID(Claim)'], true),
  claimCites: rel('CITES', [':START_ID(Claim)', ':END_ID(Source)', 'order:int'], true),
  mentionsEntry: rel('MENTIONS', [':START_ID(Claim)', ':END_ID(Entry)'], true),
  mentionsKeyTerm: rel('MENTIONS', [':START_ID(Claim)', ':END_ID(KeyTerm)'], true),
  objectives: node('SmartObjective', [':ID(SmartObjective)', 'id', 'goal', 'objective', 'mechanism', 'position:int'], true),
  hasObjective: rel('HAS_OBJECTIVE', [':START_ID(Entry)', ':END_ID(SmartObjective)'], true),
  objectiveCites: rel('CITES', [':START_ID(SmartObjective)', ':END_ID(Source)', 'order:int'], true),
} satisfies Record<string, Group>;

/**
 * One group per relation the registry declares (src/model/relations.ts), with
 * the properties links.repository.ts writes: `relation` when the relation is
 * named, the stating claim or the count (an empty field stores nothing).
 */
export const RELATION_GROUPS: Record<string, Group> = Object.fromEntries(
  ENTRY_RELATIONS.map((declaration) => [
    relationGroupKey(declaration.type),
    rel(declaration.type, [':START_ID(Entry)', ':END_ID(Entry)', ...(declaration.named ? ['relation'] : []), 'claimId', 'count:int', 'derived:boolean'], true),
  ]),
);

export function relationGroupKey(type: string): string {
  return `relation-${type.toLowerCase().replaceAll('_', '-')}`;
}

/** Every file group: the fixed ones and one per declared relation. */
export const ALL_GROUPS: Record<string, Group> = { ...GROUPS, ...RELATION_GROUPS };

export type GroupKey = keyof typeof GROUPS;

export const headerFile = (dir: string, key: string) => path.join(dir, `${key}.header.csv`);
export const dataFile = (dir: string, key: string, part?: number) => path.join(dir, part === undefined ? `${key}.csv` : `${key}.p${part}.csv`);

export function writeHeaders(dir: string): void {
  for (const [key, group] of Object.entries(ALL_GROUPS)) fs.writeFileSync(headerFile(dir, key), `${group.header.join(',')}\n`);
}

/** One data file, written through a 1 MB byte buffer: each row is encoded into it, full buffers go out in one synchronous write. */
export class CsvFile {
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  rows = 0;

  constructor(readonly file: string) {
    this.fd = fs.openSync(file, 'w');
  }

  row(line: string): void {
    this.rows++;
    // A UTF-16 unit takes at most 3 bytes in UTF-8; the newline one more.
    if (this.used + line.length * 3 + 1 > this.buffer.length) {
      this.flush();
      if (line.length * 3 + 1 > this.buffer.length) {
        fs.writeSync(this.fd, `${line}\n`);
        return;
      }
    }
    this.used += this.buffer.write(line, this.used, 'utf8');
    this.buffer[this.used++] = 10;
  }

  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }

  private flush(): void {
    if (this.used) fs.writeSync(this.fd, this.buffer, 0, this.used);
    this.used = 0;
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

/** Objectives per article that the numbering leaves room for (the generator makes at most 7). */
const OBJECTIVE_SLOTS = 16;

/** The integer each node has in the files, from the identity the generator's rows refer to it by. */
export class NodeIds {
  private readonly entries: Map<string, number>;
  private readonly sources: Map<string, number>;
  private readonly keyTerms: Map<string, number>;

  constructor(private readonly wiki: SyntheticWiki) {
    this.entries = new Map(wiki.entries.map((e, i) => [e.slug, i]));
    this.sources = new Map(wiki.sources.map((s, i) => [s.key, i]));
    this.keyTerms = new Map(wiki.keyTermIds().map((id, i) => [id, i]));
  }

  entry(slug: string): number {
    return known(this.entries.get(slug), 'entry', slug);
  }

  source(key: string): number {
    return known(this.sources.get(key), 'source', key);
  }

  keyTerm(id: string): number {
    return known(this.keyTerms.get(id), 'key term', id);
  }

  claim(ordinal: number, position: number): number {
    return this.wiki.claimOffset(ordinal) + position;
  }

  objective(ordinal: number, position: number): number {
    if (position >= OBJECTIVE_SLOTS) throw new Error(`Objective ${position} of article ${ordinal}: only ${OBJECTIVE_SLOTS} are numbered per article.`);
    return ordinal * OBJECTIVE_SLOTS + position;
  }
}

/** A relationship to a node the data does not hold is an error (UNWIND's MATCH would skip it silently). */
function known(n: number | undefined, what: string, identity: string): number {
  if (n === undefined) throw new Error(`No ${what} ${JSON.stringify(identity)} in the synthetic wiki.`);
  return n;
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
  private readonly files: Record<string, CsvFile> = {};
  private readonly targeted: Record<string, number> = {};
  private claims = 0;
  private objectives = 0;

  constructor(
    dir: string,
    part: number,
    private readonly ids: NodeIds,
  ) {
    for (const [key, group] of Object.entries(ALL_GROUPS)) {
      if (group.perArticle) this.files[key] = new CsvFile(dataFile(dir, key, part));
    }
  }

  /** Writes the ordinal-th article (wiki.article(ordinal)); returns its claim count. */
  write(article: Article, ordinal: number): number {
    const f = this.files as Record<GroupKey, CsvFile> & Record<string, CsvFile | undefined>;
    const e = this.enc;
    const entry = this.ids.entry(article.slug);
    for (const c of article.claims) this.claim(c, entry, this.ids.claim(ordinal, c.position));
    for (const o of article.objectives) this.objective(o, entry, this.ids.objective(ordinal, o.position));
    for (const r of article.relations) {
      const named = relationByType(r.type).named ? `${e.str(r.relation)},` : '';
      f[relationGroupKey(r.type)]!.row(`${this.ids.entry(r.from)},${this.ids.entry(r.to)},${named}${e.str(r.claimId)},${e.int(r.count)},true`);
      // Entry.targetedByCount, the degree see-also weighs shared problems by.
      if (r.type === 'TARGETS') this.targeted[r.to] = (this.targeted[r.to] ?? 0) + 1;
    }
    return article.claims.length;
  }

  close(): PartResult {
    let relationships = 0;
    for (const [key, file] of Object.entries(this.files)) {
      file.close();
      if (ALL_GROUPS[key]!.kind === 'relationships') relationships += file.rows;
    }
    return { claims: this.claims, objectives: this.objectives, relationships, targeted: this.targeted, multiline: this.enc.multiline };
  }

  private claim(c: ClaimRow, entry: number, n: number): void {
    const f = this.files as Record<GroupKey, CsvFile> & Record<string, CsvFile | undefined>;
    const e = this.enc;
    f.claims.row(`${n},${e.str(c.id)},${e.str(c.text)},${e.str(c.provenance)},${e.str(c.section)},${e.int(c.sectionIndex)},${e.int(c.position)},${e.str(c.role)},${e.str(c.entrySlug)}`);
    f.hasClaim.row(`${entry},${n}`);
    c.sourceKeys.forEach((key, order) => f.claimCites.row(`${n},${this.ids.source(key)},${order}`));
    for (const slug of c.mentionedEntries) f.mentionsEntry.row(`${n},${this.ids.entry(slug)}`);
    for (const termId of c.mentionedKeyTerms) f.mentionsKeyTerm.row(`${n},${this.ids.keyTerm(termId)}`);
    this.claims++;
  }

  private objective(o: ObjectiveRow, entry: number, n: number): void {
    const f = this.files as Record<GroupKey, CsvFile> & Record<string, CsvFile | undefined>;
    const e = this.enc;
    f.objectives.row(`${n},${e.str(o.id)},${e.str(o.goal)},${e.str(o.objective)},${e.str(o.mechanism)},${e.int(o.position)}`);
    f.hasObjective.row(`${entry},${n}`);
    o.sourceKeys.forEach((key, order) => f.objectiveCites.row(`${n},${this.ids.source(key)},${order}`));
    this.objectives++;
  }
}

/** Sources, listings, key terms (with DEFINES and their CITES), curated see-also and the vocabulary Meta node. */
export function writeCatalogue(wiki: SyntheticWiki, dir: string, ids: NodeIds): { keyTerms: number; relationships: number; multiline: boolean } {
  const e = new Encoder();
  const sources = new CsvFile(dataFile(dir, 'sources'));
  wiki.sources.forEach((s, n) => sources.row(`${n},${sourceLine(e, s)}`));
  sources.close();

  const lists = new CsvFile(dataFile(dir, 'lists'));
  for (const l of wiki.listings()) lists.row(`${ids.entry(l.slug)},${ids.source(l.key)},${e.int(l.number)}`);
  lists.close();

  const keyTerms = new CsvFile(dataFile(dir, 'keyTerms'));
  const defines = new CsvFile(dataFile(dir, 'defines'));
  const cites = new CsvFile(dataFile(dir, 'keyTermCites'));
  for (const k of wiki.keyTerms()) {
    const n = ids.keyTerm(k.id);
    if (n !== keyTerms.rows) throw new Error(`Key term ${k.id} is number ${n} in keyTermIds() but row ${keyTerms.rows} in keyTerms().`);
    keyTerms.row(`${n},${keyTermLine(e, k)}`);
    defines.row(`${ids.entry(k.entrySlug)},${n}`);
    k.sourceKeys.forEach((key, order) => cites.row(`${n},${ids.source(key)},${order}`));
  }
  keyTerms.close();
  defines.close();
  cites.close();

  const seeAlso = new CsvFile(dataFile(dir, 'seeAlso'));
  for (const r of wiki.seeAlso) seeAlso.row(`${ids.entry(r.from)},${ids.entry(r.to)},${e.int(r.rank)},true`);
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
  // The entry's index is its number: NodeIds.entry.
  wiki.entryRows.forEach((row, n) => file.row(`${n},${entryLine(e, row, targeted, now)}`));
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
