/**
 * A synthetic clinical wiki at any scale, shaped like the real one and like
 * real citation data: a few sources listed by thousands of entries, most by one
 * to three (a power law); key terms shared the same way; entries grouped in
 * topic clusters so articles name, cite and define what their neighbours do.
 *
 * It produces exactly what ingestion writes (src/ingest/ingest.repository.ts):
 * the same labels, relationship types and properties, ids built by the same
 * functions, and entry relations derived by the same deriveRelations, so the
 * real API serves the result unchanged. Deterministic: the same options give
 * the same graph.
 *
 * Phase one (entries, sources, key terms, curated see-also) is held in memory;
 * articles (claims, objectives, derived relations) are produced one at a time.
 */
import type { EntryKind } from '../../src/model/kinds';
import { deriveRelations, type DerivedRelation } from '../../src/linking/derive-relations';
import { claimId, contentHash, keyTermId, normaliseText, slugify, smartObjectiveId } from '../../src/model/identity';
import { Rng, Zipf } from './prng';
import * as W from './words';

export interface WikiScale {
  entries: number;
  claims: number;
  /** The pool sources are drawn from; only sources some article lists are written, so fewer exist. */
  sources: number;
  seed: number;
}

export const PRESETS: Record<string, Omit<WikiScale, 'seed'>> = {
  smoke: { entries: 1_000, claims: 20_000, sources: 5_000 },
  small: { entries: 1_000, claims: 100_000, sources: 5_000 },
  medium: { entries: 10_000, claims: 1_000_000, sources: 50_000 },
  large: { entries: 100_000, claims: 2_000_000, sources: 500_000 },
};

/**
 * Bumped whenever the generator's output changes, so a stored dataset of an older version is not reused.
 * 2: readMinutes set on entry rows from the start (loaders wrote 0 when entries went in before articles);
 *    the UNWIND loader sends whole numbers as integers (it wrote floats) and the bulk importer exists.
 */
export const GENERATOR_VERSION = 2;

const KIND_SHARES: Array<[EntryKind, number]> = [
  ['CONSTRUCT', 0.3],
  ['MODALITY', 0.15],
  ['PROBLEM_FOR_WORK', 0.15],
  ['POPULATION', 0.1],
  ['PERSON', 0.2],
  ['INSTRUMENT', 0.1],
];
const ARTICLE_SHARE = 0.8;
const CLUSTER_SIZE = 40;
const GLOBAL_SOURCE_SHARE = 0.3;

export interface EntryRow {
  slug: string;
  name: string;
  kind: EntryKind;
  aliases: string[];
  aliasText: string;
  summary: string;
  hasArticle: boolean;
}

export interface ArticleEntryRow extends EntryRow {
  discipline: string;
  tradition: string;
  upvotes: number;
  figureDescription: string | null;
  provenanceModel: string;
  provenanceVersion: string;
  generatedAt: string;
  readMinutes: number;
  statedSourceCount: number;
  sections: string[];
  contentHash: string;
}

export interface SourceRow {
  key: string;
  kind: 'REFERENCE';
  title: string;
  authors: string[];
  authorText: string;
  year: number;
  venue: string;
  tier: 'T1' | 'T2' | 'T3';
  url: string | null;
  doi: string | null;
  citation: string;
  entryCount: number;
}

export interface KeyTermRow {
  entrySlug: string;
  id: string;
  key: string;
  term: string;
  aliases: string[];
  aliasText: string;
  definition: string;
  position: number;
  entryCount: number;
  sourceKeys: string[];
}

export interface ClaimRow {
  entrySlug: string;
  id: string;
  text: string;
  provenance: 'CITED' | 'LLM' | 'UNMARKED';
  section: string;
  sectionIndex: number;
  position: number;
  role: 'BODY' | 'CAPTION' | 'QUESTION';
  sourceKeys: string[];
  mentionedEntries: string[];
  mentionedKeyTerms: string[];
}

export interface ObjectiveRow {
  entrySlug: string;
  id: string;
  goal: string;
  objective: string;
  mechanism: string;
  position: number;
  sourceKeys: string[];
}

export interface RelationRow {
  from: string;
  to: string;
  claimId?: string;
  relation?: string;
  count?: number;
  rank?: number;
}

/** A relation read from an article's text, of a type the registry declares (src/model/relations.ts). */
export interface DerivedRelationRow extends DerivedRelation {
  from: string;
}

export interface Article {
  slug: string;
  claims: ClaimRow[];
  objectives: ObjectiveRow[];
  relations: DerivedRelationRow[];
}

interface Entry extends EntryRow {
  index: number;
  cluster: number;
  /** Indices into `sources`, in list order (LISTS.number = position + 1). */
  sourceList: number[];
  /** Indices into `termNames`. */
  termList: number[];
  article: ArticleEntryRow | null;
}

interface TermName {
  term: string;
  key: string;
  aliases: string[];
  /** Slugs of the entries defining it, in entry order. */
  definers: string[];
  /** The key term a mention of this name links to: the matcher prefers the smallest id. */
  preferredId: string;
}

export class SyntheticWiki {
  readonly entries: Entry[] = [];
  readonly sources: SourceRow[] = [];
  readonly seeAlso: RelationRow[] = [];
  private readonly termNames: TermName[] = [];
  private readonly byKind = new Map<EntryKind, number[]>();
  private readonly clusterByKind: Array<Map<EntryKind, number[]>>;
  private readonly kindBySlug = new Map<string, EntryKind>();
  private readonly prose: Zipf;
  private readonly entryPopularity: Zipf;
  readonly clusters: number;
  readonly articleCount: number;

  constructor(readonly scale: WikiScale) {
    const root = new Rng(scale.seed);
    this.clusters = Math.max(1, Math.round(scale.entries / CLUSTER_SIZE));
    this.clusterByKind = Array.from({ length: this.clusters }, () => new Map());
    this.prose = new Zipf(W.PROSE.length, 1.0);
    this.entryPopularity = new Zipf(scale.entries, 1.0);
    this.makeEntries(root.fork('entries'));
    this.articleCount = this.entries.filter((e) => e.hasArticle).length;
    this.makeSourceLists(root.fork('sources'));
    this.makeTerms(root.fork('terms'));
    this.makeSeeAlso(root.fork('see-also'));
    this.claimRng = root.fork('claims');
    this.claimCounts = this.splitClaims(root.fork('claim-counts'));
    this.articleEntries = this.entries.filter((e) => e.article);
    // An article's length is known before its claims are made (makeArticle writes exactly claimCount
    // claims), so entry rows are complete whichever a loader writes first.
    for (const e of this.articleEntries) e.article!.readMinutes = Math.max(1, Math.round(this.claimCounts.get(e.index)! / 4));
  }

  private readonly claimRng: Rng;
  private readonly claimCounts: Map<number, number>;
  private readonly articleEntries: Entry[];

  get entryRows(): EntryRow[] {
    return this.entries.map((e) => e.article ?? stubRow(e));
  }

  /** One row per LISTS relationship. */
  *listings(): Generator<{ slug: string; key: string; number: number }> {
    for (const e of this.entries) {
      for (let i = 0; i < e.sourceList.length; i++) yield { slug: e.slug, key: this.sources[e.sourceList[i]!]!.key, number: i + 1 };
    }
  }

  *keyTerms(): Generator<KeyTermRow> {
    const rng = new Rng(this.scale.seed).fork('key-term-rows');
    for (const e of this.entries) {
      for (let position = 0; position < e.termList.length; position++) {
        const name = this.termNames[e.termList[position]!]!;
        yield {
          entrySlug: e.slug,
          id: keyTermId(e.slug, name.term),
          key: name.key,
          term: name.term,
          aliases: name.aliases,
          aliasText: aliasText(name.aliases),
          definition: this.sentence(rng, 10, 22),
          position,
          entryCount: name.definers.length,
          sourceKeys: this.citeFrom(rng, e, 1, 2),
        };
      }
    }
  }

  /** The ids of the key terms keyTerms() yields, in the same order (without making their rows). */
  keyTermIds(): string[] {
    const ids: string[] = [];
    for (const e of this.entries) for (const t of e.termList) ids.push(keyTermId(e.slug, this.termNames[t]!.term));
    return ids;
  }

  /** How many claims come before the ordinal-th article's (claims are numbered article after article). */
  claimOffset(ordinal: number): number {
    if (!this.claimOffsets) {
      this.claimOffsets = new Array<number>(this.articleCount);
      let sum = 0;
      this.articleEntries.forEach((e, i) => {
        this.claimOffsets![i] = sum;
        sum += this.claimCounts.get(e.index)!;
      });
    }
    return this.claimOffsets[ordinal]!;
  }

  private claimOffsets: number[] | null = null;

  /** The articles, one at a time, in entry order. */
  *articles(): Generator<Article> {
    for (let ordinal = 0; ordinal < this.articleCount; ordinal++) yield this.article(ordinal);
  }

  /**
   * The ordinal-th article (entry order), made independently of every other one: its
   * randomness is forked from the entry's slug, so articles can be made in any order, in parallel.
   */
  article(ordinal: number): Article {
    const e = this.articleEntries[ordinal];
    if (!e) throw new RangeError(`No article ${ordinal}; there are ${this.articleCount}.`);
    return this.makeArticle(e, this.claimCounts.get(e.index)!);
  }

  /** Slugs of entries with an article, for drawing benchmark requests. */
  articleSlugs(): string[] {
    return this.entries.filter((e) => e.hasArticle).map((e) => e.slug);
  }

  /** Every name and alias, for cross-link benchmarks. */
  allNames(): string[] {
    return [...this.entries.flatMap((e) => [e.name, ...e.aliases]), ...this.termNames.flatMap((t) => [t.term, ...t.aliases])];
  }

  /** Prose of `words` words with names of entries and key terms strewn in, as an article or note would read. */
  proseWithNames(rng: Rng, words: number): string {
    const out: string[] = [];
    while (out.length < words) {
      const r = rng.next();
      if (r < 0.04) out.push(this.entries[this.entryPopularity.draw(rng)]!.name);
      else if (r < 0.06) out.push(rng.pick(this.termNames).term);
      else out.push(W.PROSE[this.prose.draw(rng)]!);
      if (rng.chance(0.08)) out[out.length - 1] += rng.pick(['.', ',', ';']);
    }
    return out.join(' ');
  }

  // ---------------------------------------------------------------- phase one

  private makeEntries(rng: Rng): void {
    const taken = new Set<string>();
    const kinds: EntryKind[] = [];
    for (const [kind, share] of KIND_SHARES) for (let i = 0; i < Math.round(share * this.scale.entries); i++) kinds.push(kind);
    while (kinds.length < this.scale.entries) kinds.push('CONSTRUCT');
    kinds.length = this.scale.entries;
    // Deterministic shuffle, so kinds interleave.
    for (let i = kinds.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!];
    }
    for (let index = 0; index < kinds.length; index++) {
      const kind = kinds[index]!;
      let name = '';
      for (let attempt = 0; ; attempt++) {
        name = nameOf(kind, rng, attempt);
        if (!taken.has(normaliseText(name)) && !taken.has(slugify(name))) break;
      }
      taken.add(normaliseText(name));
      taken.add(slugify(name));
      const aliases: string[] = [];
      const acronym = acronymOf(name);
      if ((kind === 'MODALITY' || kind === 'INSTRUMENT' || rng.chance(0.1)) && acronym.length >= 3 && !taken.has(normaliseText(acronym))) {
        aliases.push(acronym);
        taken.add(normaliseText(acronym));
      }
      if (kind !== 'PERSON' && rng.chance(0.3)) {
        const variant = `${name.toLowerCase()}${kind === 'POPULATION' ? '' : 's'}`;
        if (!taken.has(normaliseText(variant))) {
          aliases.push(variant);
          taken.add(normaliseText(variant));
        }
      }
      const slug = slugify(name);
      const cluster = rng.int(0, this.clusters - 1);
      const hasArticle = rng.chance(ARTICLE_SHARE);
      const entry: Entry = {
        index,
        slug,
        name,
        kind,
        aliases,
        aliasText: aliasText(aliases),
        summary: `${name} ${summaryVerb(kind)} ${this.sentence(rng, 8, 18).replace(/\.$/, '')}.`,
        hasArticle,
        cluster,
        sourceList: [],
        termList: [],
        article: null,
      };
      this.entries.push(entry);
      this.kindBySlug.set(slug, kind);
      push(this.byKind, kind, index);
      push(this.clusterByKind[cluster]!, kind, index);
    }
  }

  private makeSourceLists(rng: Rng): void {
    const poolSize = Math.max(this.scale.sources, 100);
    const globalPool = Math.max(10, Math.round(poolSize * GLOBAL_SOURCE_SHARE));
    const localPool = Math.max(5, Math.floor((poolSize - globalPool) / this.clusters));
    const globalZipf = new Zipf(globalPool, 1.0);
    const localZipf = new Zipf(localPool, 1.2);
    const indexOfRank = new Map<number, number>();
    const counts: number[] = [];
    for (const e of this.entries) {
      if (!e.hasArticle) continue;
      const size = rng.int(6, 24);
      const chosen = new Set<number>();
      for (let attempt = 0; chosen.size < size && attempt < size * 10; attempt++) {
        const rank = rng.chance(GLOBAL_SOURCE_SHARE) ? globalZipf.draw(rng) : globalPool + e.cluster * localPool + localZipf.draw(rng);
        if (chosen.has(rank)) continue;
        chosen.add(rank);
        let index = indexOfRank.get(rank);
        if (index === undefined) {
          index = this.sources.length;
          indexOfRank.set(rank, index);
          this.sources.push(this.makeSource(rng, rank));
          counts.push(0);
        }
        counts[index]!++;
        e.sourceList.push(index);
      }
    }
    counts.forEach((count, i) => (this.sources[i]!.entryCount = count));
  }

  private makeSource(rng: Rng, rank: number): SourceRow {
    const authors = Array.from({ length: rng.int(1, 5) }, () => `${rng.pick(W.LAST_NAMES)}, ${rng.pick(W.FIRST_NAMES)[0]}.`);
    const year = rng.int(1950, 2026);
    const title = `${capitalise(rng.pick(W.PROSE.slice(40, 200)))} ${this.sentence(rng, 4, 10).replace(/\.$/, '')}`;
    const venue = rng.pick(VENUES);
    const tierDraw = rng.next();
    const tier = tierDraw < 0.6 ? 'T1' : tierDraw < 0.85 ? 'T2' : 'T3';
    const doi = rng.chance(0.6) ? `10.${1000 + (rank % 9000)}/synth.${rank}` : null;
    const key = doi ? `doi:${doi}` : `ref:${contentHash(`source ${this.scale.seed} ${rank}`).slice(0, 16)}`;
    const url = doi ? `https://doi.org/${doi}` : rng.chance(0.5) ? `https://example.org/ref/${rank}` : null;
    return {
      key,
      kind: 'REFERENCE',
      title,
      authors,
      authorText: aliasText(authors),
      year,
      venue,
      tier,
      url,
      doi,
      citation: `${authors.join(', ')} (${year}). ${title}. ${venue}.`,
      entryCount: 0,
    };
  }

  private makeTerms(rng: Rng): void {
    const poolSize = Math.max(500, this.scale.entries * 3);
    const zipf = new Zipf(poolSize, 1.1);
    const byRank = new Map<number, number>();
    const taken = new Set(this.entries.flatMap((e) => [e.name, ...e.aliases].map(normaliseText)));
    for (const e of this.entries) {
      if (!e.hasArticle) continue;
      const count = rng.int(3, 8);
      const mine = new Set<string>();
      for (let attempt = 0; e.termList.length < count && attempt < count * 10; attempt++) {
        const rank = zipf.draw(rng);
        let t = byRank.get(rank);
        if (t === undefined) {
          t = this.termNames.length;
          byRank.set(rank, t);
          let term = '';
          for (let k = 0; ; k++) {
            term = termNameOf(rank, k);
            if (!taken.has(normaliseText(term))) break;
          }
          taken.add(normaliseText(term));
          const acronym = acronymOf(term).toUpperCase();
          const aliases = rng.chance(0.2) && acronym.length >= 3 && !taken.has(normaliseText(acronym)) ? [acronym] : [];
          aliases.forEach((a) => taken.add(normaliseText(a)));
          this.termNames.push({ term, key: normaliseText(term), aliases, definers: [], preferredId: '' });
        }
        const name = this.termNames[t]!;
        if (mine.has(name.key)) continue;
        mine.add(name.key);
        name.definers.push(e.slug);
        e.termList.push(t);
      }
    }
    for (const name of this.termNames) {
      name.preferredId = name.definers.map((slug) => keyTermId(slug, name.term)).sort()[0]!;
    }
    // Article rows need the source and term lists, so they are made last.
    const articleRng = rng.fork('article-rows');
    for (const e of this.entries) if (e.hasArticle) e.article = this.articleRow(articleRng, e);
  }

  private articleRow(rng: Rng, e: Entry): ArticleEntryRow {
    const figure = rng.chance(0.7);
    return {
      ...stubRow(e),
      hasArticle: true,
      discipline: rng.pick(DISCIPLINES),
      tradition: rng.pick(TRADITIONS),
      upvotes: Math.floor(Math.pow(rng.next(), 3) * 200),
      figureDescription: figure ? `A diagram showing ${this.sentence(rng, 8, 16).replace(/\.$/, '').toLowerCase()}.` : null,
      provenanceModel: rng.pick(['claude-opus-4-8', 'claude-sonnet-4-6', 'claude-opus-4-7']),
      provenanceVersion: rng.pick(['1.0', '1.0', '1.1', '2.0']),
      generatedAt: `2026-0${rng.int(1, 9)}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      readMinutes: 0,
      statedSourceCount: e.sourceList.length + (rng.chance(0.1) ? -1 : 0),
      sections: [...W.SECTIONS],
      contentHash: contentHash(`synthetic ${this.scale.seed} ${e.slug}`),
    };
  }

  private makeSeeAlso(rng: Rng): void {
    for (const e of this.entries) {
      if (!e.hasArticle) continue;
      const count = rng.int(0, 5);
      const chosen = new Set<string>();
      for (let attempt = 0; chosen.size < count && attempt < count * 5; attempt++) {
        const other = rng.chance(0.8) ? this.fromCluster(rng, e.cluster, null) : this.entries[this.entryPopularity.draw(rng)]!;
        if (!other || other.slug === e.slug || chosen.has(other.slug)) continue;
        chosen.add(other.slug);
      }
      [...chosen].forEach((to, rank) => this.seeAlso.push({ from: e.slug, to, rank }));
    }
  }

  /** Claims per article: varied sizes (0.5× to 1.5× the mean) adding up to exactly `claims`. */
  private splitClaims(rng: Rng): Map<number, number> {
    const articles = this.entries.filter((e) => e.hasArticle);
    const weights = articles.map(() => 0.5 + rng.next());
    const total = weights.reduce((a, b) => a + b, 0);
    const counts = weights.map((w) => Math.max(1, Math.floor((this.scale.claims * w) / total)));
    let left = this.scale.claims - counts.reduce((a, b) => a + b, 0);
    for (let i = 0; left > 0; i = (i + 1) % counts.length, left--) counts[i]!++;
    return new Map(articles.map((e, i) => [e.index, counts[i]!]));
  }

  // ---------------------------------------------------------------- articles

  private makeArticle(e: Entry, claimCount: number): Article {
    const rng = this.claimRng.fork(e.slug);
    const claims: ClaimRow[] = [];
    const add = (sectionIndex: number, role: ClaimRow['role'], text: string, mentions: Mention[]) => {
      const position = claims.length;
      const cited = role === 'QUESTION' ? rng.chance(0.7) : rng.chance(0.8);
      const provenance = cited ? 'CITED' : rng.chance(0.75) ? 'LLM' : 'UNMARKED';
      claims.push({
        entrySlug: e.slug,
        id: claimId(e.slug, position, text),
        text,
        provenance,
        section: sectionIndex < 0 ? 'Figure' : W.SECTIONS[sectionIndex]!,
        sectionIndex,
        position,
        role,
        sourceKeys: provenance === 'CITED' ? this.citeFrom(rng, e, 1, 3) : [],
        mentionedEntries: unique(mentions.filter((m) => m.kind === 'ENTRY').map((m) => m.id)),
        mentionedKeyTerms: unique(mentions.filter((m) => m.kind === 'KEY_TERM').map((m) => m.id)),
      });
    };

    let remaining = claimCount;
    if (e.article!.figureDescription && remaining > 1) {
      add(-1, 'CAPTION', this.sentence(rng, 12, 24), []);
      remaining--;
    }
    const questions = Math.min(remaining - 1, rng.int(4, 6));
    const body = remaining - Math.max(0, questions);
    // Body claims spread over the sections before the questions, a few more early on.
    const sectionCount = W.QUESTIONS_SECTION;
    for (let i = 0; i < body; i++) {
      const sectionIndex = Math.min(sectionCount - 1, Math.floor((i / body) * sectionCount));
      const { text, mentions } = this.bodySentence(rng, e, sectionIndex);
      add(sectionIndex, 'BODY', text, mentions);
    }
    for (let i = 0; i < questions; i++) {
      const { text, mentions } = this.bodySentence(rng, e, W.QUESTIONS_SECTION);
      add(W.QUESTIONS_SECTION, 'QUESTION', `${text.replace(/\.$/, '')}?`, mentions);
    }
    if (claims.length !== claimCount) throw new Error(`${e.slug}: made ${claims.length} claims instead of ${claimCount}.`);

    const objectives: ObjectiveRow[] = [];
    if ((e.kind === 'MODALITY' || e.kind === 'CONSTRUCT' || e.kind === 'PROBLEM_FOR_WORK') && rng.chance(0.7)) {
      for (let position = 0, n = rng.int(3, 7); position < n; position++) {
        const goal = `${rng.pick(GOAL_VERBS)} ${this.phrase(rng, 2, 4)}`;
        objectives.push({
          entrySlug: e.slug,
          id: smartObjectiveId(e.slug, position, goal),
          goal,
          objective: `Within ${rng.int(6, 20)} sessions, client will ${this.phrase(rng, 8, 16)}`,
          mechanism: this.phrase(rng, 3, 7),
          position,
          sourceKeys: this.citeFrom(rng, e, 1, 1),
        });
      }
    }

    const relations = deriveRelations(
      e.slug,
      claims.map((c) => ({ id: c.id, section: c.section, text: c.text, entrySlugs: c.mentionedEntries })),
      (slug) => this.kindBySlug.get(slug),
    );
    return { slug: e.slug, claims, objectives, relations: relations.map((relation) => ({ from: e.slug, ...relation })) };
  }

  /** A sentence for one section, naming what that section names (lineage, problems, populations ...). */
  private bodySentence(rng: Rng, e: Entry, sectionIndex: number): { text: string; mentions: Mention[] } {
    const mentions: Mention[] = [];
    const parts: string[] = [];
    const nameEntry = (other: Entry | undefined) => {
      if (!other) return;
      parts.push(rng.chance(0.2) && other.aliases.length ? rng.pick(other.aliases) : other.name);
      mentions.push({ kind: 'ENTRY', id: other.slug });
    };
    parts.push(capitalise(this.phrase(rng, 3, 9)));
    if (sectionIndex === 0 && rng.chance(0.5)) nameEntry(e);
    if (sectionIndex === W.LINEAGE_SECTION && rng.chance(0.6)) {
      parts.push(rng.pick(W.LINEAGE_PHRASES));
      nameEntry(this.fromCluster(rng, e.cluster, rng.pick(['CONSTRUCT', 'MODALITY', 'PERSON', 'INSTRUMENT'] as const)));
    } else if (sectionIndex === W.PROBLEMS_SECTION && rng.chance(0.7)) {
      parts.push('targets');
      nameEntry(this.fromCluster(rng, e.cluster, 'PROBLEM_FOR_WORK'));
    } else if (sectionIndex === W.POPULATIONS_SECTION && rng.chance(0.7)) {
      parts.push('is indicated for');
      nameEntry(this.fromCluster(rng, e.cluster, 'POPULATION'));
    } else if (rng.chance(0.25)) {
      parts.push(this.phrase(rng, 1, 3));
      nameEntry(rng.chance(0.6) ? this.fromCluster(rng, e.cluster, null) : this.entries[this.entryPopularity.draw(rng)]);
    }
    if (rng.chance(0.15) && e.termList.length) {
      const name = this.termNames[rng.chance(0.7) ? rng.pick(e.termList) : rng.int(0, this.termNames.length - 1)]!;
      parts.push(this.phrase(rng, 1, 4), rng.chance(0.2) && name.aliases.length ? name.aliases[0]! : name.term.toLowerCase());
      mentions.push({ kind: 'KEY_TERM', id: name.preferredId });
    }
    parts.push(`${this.phrase(rng, 3, 12)}.`);
    return { text: parts.join(' '), mentions };
  }

  private fromCluster(rng: Rng, cluster: number, kind: EntryKind | null): Entry | undefined {
    const byKind = this.clusterByKind[cluster]!;
    const pool = kind ? byKind.get(kind) : byKind.get(rng.pick([...byKind.keys()]));
    if (pool && pool.length) return this.entries[rng.pick(pool)];
    const all = kind ? this.byKind.get(kind) : undefined;
    return all?.length ? this.entries[rng.pick(all)] : undefined;
  }

  private citeFrom(rng: Rng, e: Entry, min: number, max: number): string[] {
    if (!e.sourceList.length) return [];
    const keys = new Set<string>();
    for (let i = 0, n = rng.int(min, max); i < n; i++) keys.add(this.sources[rng.pick(e.sourceList)]!.key);
    return [...keys];
  }

  private phrase(rng: Rng, min: number, max: number): string {
    const words: string[] = [];
    for (let i = 0, n = rng.int(min, max); i < n; i++) words.push(W.PROSE[this.prose.draw(rng)]!);
    return words.join(' ');
  }

  private sentence(rng: Rng, min: number, max: number): string {
    return `${capitalise(this.phrase(rng, min, max))}.`;
  }
}

interface Mention {
  kind: 'ENTRY' | 'KEY_TERM';
  id: string;
}

function stubRow(e: Entry): EntryRow {
  return { slug: e.slug, name: e.name, kind: e.kind, aliases: e.aliases, aliasText: e.aliasText, summary: e.summary, hasArticle: e.hasArticle };
}

/** As ingest stores it: reduce(text = '', alias IN aliases | text + ' ' + alias). */
const aliasText = (aliases: string[]) => aliases.map((a) => ` ${a}`).join('');

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const unique = <T>(items: T[]) => [...new Set(items)];

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function acronymOf(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((w) => /^[A-Za-z]/.test(w) && !['of', 'and', 'in', 'the'].includes(w.toLowerCase()))
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

const ROMAN = ['', ' II', ' III', ' IV', ' V', ' VI', ' VII', ' VIII', ' IX', ' X'];

/** A name for an entry of `kind`; later attempts add a word so a crowded space still yields new names. */
function nameOf(kind: EntryKind, rng: Rng, attempt: number): string {
  const extra = attempt > 20 ? `${rng.pick(W.CONSTRUCT_ADJECTIVES)} ` : '';
  const suffix = attempt > 200 ? ROMAN[Math.min(9, Math.floor(attempt / 200))]! : '';
  switch (kind) {
    case 'CONSTRUCT':
      return `${extra}${rng.pick(W.CONSTRUCT_ADJECTIVES)} ${rng.pick(W.CONSTRUCT_NOUNS)}${suffix}`;
    case 'MODALITY': {
      const stem = rng.pick(W.MODALITY_STEMS);
      const suffixWord = rng.pick(W.MODALITY_SUFFIXES);
      const joined = suffixWord.startsWith('Based') || suffixWord.startsWith('Focused') || suffixWord.startsWith('Oriented') || suffixWord.startsWith('Informed')
        ? `${stem}-${suffixWord}`
        : `${stem} ${suffixWord}`;
      return `${extra}${attempt > 5 ? `${rng.pick(W.CONSTRUCT_ADJECTIVES)} ` : ''}${joined}${suffix}`;
    }
    case 'PROBLEM_FOR_WORK':
      return `${extra}${rng.pick(W.PROBLEM_ADJECTIVES)} ${rng.pick(W.PROBLEM_NOUNS)}${suffix}`;
    case 'POPULATION':
      return `${extra}${rng.pick(W.POPULATION_ADJECTIVES)} ${rng.pick(W.POPULATION_NOUNS)}${suffix}`;
    case 'PERSON':
      return `${rng.pick(W.FIRST_NAMES)} ${attempt > 3 ? `${String.fromCharCode(65 + rng.int(0, 25))}. ` : ''}${rng.pick(W.LAST_NAMES)}${attempt > 10 ? `-${rng.pick(W.LAST_NAMES)}` : ''}${suffix}`;
    case 'INSTRUMENT':
      return `${extra}${rng.pick(W.INSTRUMENT_STEMS)} ${rng.pick(W.INSTRUMENT_SUFFIXES)}${suffix}`;
  }
}

/** The rank-th key term name: two words first, three when the two-word space runs out. */
function termNameOf(rank: number, attempt: number): string {
  const n = rank + attempt * 7919;
  const adjectives = W.TERM_ADJECTIVES;
  const nouns = W.TERM_NOUNS;
  const pairs = adjectives.length * nouns.length;
  const first = adjectives[n % adjectives.length]!;
  const noun = nouns[Math.floor(n / adjectives.length) % nouns.length]!;
  if (n < pairs) return `${first} ${noun}`;
  const second = adjectives[Math.floor(n / pairs) % adjectives.length]!.toLowerCase();
  const third = Math.floor(n / (pairs * adjectives.length));
  return `${first} ${second} ${noun}${third ? ` ${W.PROSE[(third * 31) % W.PROSE.length]}` : ''}`;
}

function summaryVerb(kind: EntryKind): string {
  switch (kind) {
    case 'CONSTRUCT':
      return 'is a construct describing';
    case 'MODALITY':
      return 'is a therapy that works on';
    case 'PROBLEM_FOR_WORK':
      return 'is a presenting problem involving';
    case 'POPULATION':
      return 'are a population for whom';
    case 'PERSON':
      return 'is a clinician and researcher known for';
    case 'INSTRUMENT':
      return 'is an instrument that assesses';
  }
}

const VENUES = [
  'Child Development', 'Attachment & Human Development', 'Development and Psychopathology', 'Journal of Consulting and Clinical Psychology',
  'Psychological Bulletin', 'Psychotherapy Research', 'Clinical Psychology Review', 'Journal of Traumatic Stress', 'Psychological Reports',
  'Infant Mental Health Journal', 'Journal of Personality Disorders', 'Family Process', 'Guilford Press', 'Routledge', 'Psychology Today',
];

const DISCIPLINES = ['Developmental / clinical psychology', 'Psychotherapy', 'Psychiatry', 'Clinical social work', 'Family therapy', 'Health psychology'];
const TRADITIONS = ['Attachment theory', 'Psychodynamic', 'Cognitive-behavioural', 'Humanistic', 'Systemic', 'Integrative', 'Third-wave CBT'];
const GOAL_VERBS = ['Build', 'Strengthen', 'Reduce', 'Increase', 'Establish', 'Mobilize', 'Revise', 'Improve'];
