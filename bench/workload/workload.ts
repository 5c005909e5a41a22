/**
 * What the bench asks: the inputs of each operation's requests.
 *
 * - `realistic` (the default): readers spread over every entry with a long
 *   tail (slugs by a Zipf law over all entries, ranks shuffled), evidence
 *   statements from a large pool of paraphrased claims (most asked once in a
 *   cell), cross-link texts from a large pool of paragraphs made of claims of
 *   different entries, of varied lengths;
 * - `cycle` (the workload of the runs before 2026-12-02): 5,000 article slugs,
 *   200 statements and 100 texts, each cycled through in order, so a cell
 *   asks the same few statements and texts again and again.
 *
 * Every call of `inputs(op)` starts the same sequence again, so every system
 * is sent the same requests in the same order.
 */
import type { SynonymList } from '../../src/evidence/synonyms';
import type { Graph } from '../../src/graph/graph';
import type { OperationName } from '../operations';
import { SyntheticWiki } from '../synth/generator';
import { Rng } from '../synth/prng';
import { Paraphraser } from './paraphrase';
import { Popularity } from './popularity';

export const WORKLOADS = ['realistic', 'cycle'] as const;
export type WorkloadName = (typeof WORKLOADS)[number];

export interface Workload {
  name: WorkloadName;
  /** What it sends, for the results' markdown (one line each). */
  description: string[];
  /** Its settings and measured shape, for the results' JSON. */
  settings: Record<string, unknown>;
  /** The inputs of one operation's requests, in order: a slug, a statement or a text. */
  inputs(op: OperationName): () => string;
  /** Fixed samples for the measurements made one request at a time. */
  sample: { slugs: string[]; statements: string[]; texts: string[] };
  /** A ~10,000-word text for the in-process crossLink measurement. */
  longText: string;
}

export interface RealisticOptions {
  /** The Zipf law's exponent over entries (1: the second most popular entry is asked half as often as the first). */
  zipfExponent: number;
  /** Distinct evidence statements to draw from, uniformly. */
  statementPool: number;
  /** Distinct cross-link paragraphs to draw from, uniformly. */
  paragraphPool: number;
  /** Articles whose claims the statements and paragraphs are made from (at most every article). */
  articlesSampled: number;
  /** Claims taken from each of those articles. */
  claimsPerArticle: number;
  /** Sentences per paragraph, fewest and most. */
  paragraphSentences: [number, number];
}

export const DEFAULT_REALISTIC: RealisticOptions = {
  zipfExponent: 1,
  statementPool: 100_000,
  paragraphPool: 50_000,
  articlesSampled: 3_000,
  claimsPerArticle: 12,
  paragraphSentences: [1, 8],
};

/** Entries, claims and the long text as the synthetic wiki makes them; the graph holds the same. */
export function realisticWorkload(wiki: SyntheticWiki, synonyms: Pick<SynonymList, 'groups'>, seed: number, options: RealisticOptions = DEFAULT_REALISTIC): Workload {
  const root = new Rng(seed).fork('realistic-workload');
  const popularity = new Popularity(
    wiki.entries.map((e) => e.slug),
    options.zipfExponent,
    root.fork('ranks'),
  );

  const claims = sampleClaims(wiki, root.fork('claims'), options.articlesSampled, options.claimsPerArticle);
  const paraphraser = new Paraphraser(synonyms);
  const statements = distinct(options.statementPool, root.fork('statements'), (rng) => paraphraser.paraphrase(rng.pick(claims).text, rng));
  const [fewest, most] = options.paragraphSentences;
  const paragraphs = distinct(options.paragraphPool, root.fork('paragraphs'), (rng) => {
    const picked: typeof claims = [];
    for (let n = rng.int(fewest, most), tries = 0; picked.length < n && tries < 10 * n; tries++) {
      const claim = rng.pick(claims);
      if (!picked.some((p) => p.entry === claim.entry)) picked.push(claim);
    }
    return picked.map((c) => c.text).join(' ');
  });

  const requests = root.fork('requests');
  const sampleRng = root.fork('sample');
  const words = (texts: string[]) => Math.round(texts.reduce((sum, t) => sum + t.split(/\s+/).length, 0) / Math.max(1, texts.length));
  const onePercent = Math.max(1, Math.round(wiki.entries.length / 100));
  const shape = {
    entries: wiki.entries.length,
    topOnePercentShare: round3(popularity.shareOfTop(onePercent)),
    topEntryShare: round3(popularity.shareOfTop(1)),
    claimsSampled: claims.length,
    articlesSampled: new Set(claims.map((c) => c.entry)).size,
    statements: statements.length,
    statementWordsMean: words(statements),
    questionShare: round3(statements.filter((s) => s.endsWith('?')).length / statements.length),
    paragraphs: paragraphs.length,
    paragraphWordsMean: words(paragraphs),
  };
  return {
    name: 'realistic',
    description: [
      `Workload "realistic": slugs (EntryPage, SeeAlsoPanel) drawn by a Zipf law (exponent ${options.zipfExponent}) over all ${shape.entries.toLocaleString('en')} entries, ranks shuffled by the seed ` +
        `(the top 1% of entries get ${pct(shape.topOnePercentShare)} of requests, the most popular ${pct(shape.topEntryShare)});`,
      `evidence statements drawn uniformly from ${shape.statements.toLocaleString('en')} distinct paraphrases (mean ${shape.statementWordsMean} words, ${pct(shape.questionShare)} questions) of ${shape.claimsSampled.toLocaleString('en')} claims of ${shape.articlesSampled.toLocaleString('en')} articles (synonyms from seeds/synonyms.json, words dropped and reordered);`,
      `cross-link texts drawn uniformly from ${shape.paragraphs.toLocaleString('en')} distinct paragraphs of ${fewest}–${most} claims of different entries (mean ${shape.paragraphWordsMean} words).`,
    ],
    settings: { workload: 'realistic', ...options, ...shape },
    inputs(op) {
      const rng = requests.fork(op);
      switch (op) {
        case 'EntryPage':
        case 'SeeAlsoPanel':
          return () => popularity.draw(rng);
        case 'Evidence':
          return () => statements[Math.floor(rng.next() * statements.length)]!;
        case 'CrossLink':
          return () => paragraphs[Math.floor(rng.next() * paragraphs.length)]!;
      }
    },
    sample: {
      slugs: Array.from({ length: 500 }, () => popularity.draw(sampleRng)),
      statements: statements.slice(0, 200),
      texts: paragraphs.slice(0, 200),
    },
    longText: wiki.proseWithNames(root.fork('long-text'), 10_000),
  };
}

/** `claimsPerArticle` claims (at random) of each of `articles` articles drawn without replacement from the whole wiki. */
function sampleClaims(wiki: SyntheticWiki, rng: Rng, articles: number, claimsPerArticle: number): Array<{ entry: string; text: string }> {
  const ordinals = Array.from({ length: wiki.articleCount }, (_, i) => i);
  const count = Math.min(articles, ordinals.length);
  const claims: Array<{ entry: string; text: string }> = [];
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng.next() * (ordinals.length - i));
    [ordinals[i], ordinals[j]] = [ordinals[j]!, ordinals[i]!];
    const article = wiki.article(ordinals[i]!);
    const texts = article.claims.map((c) => c.text);
    for (let k = 0; k < Math.min(claimsPerArticle, texts.length); k++) {
      const m = k + Math.floor(rng.next() * (texts.length - k));
      [texts[k], texts[m]] = [texts[m]!, texts[k]!];
      claims.push({ entry: article.slug, text: texts[k]! });
    }
  }
  return claims;
}

/** Up to `size` distinct results of `make`, stopping after 3 × size attempts. */
function distinct(size: number, rng: Rng, make: (rng: Rng) => string): string[] {
  const made = new Set<string>();
  for (let attempts = 0; made.size < size && attempts < 3 * size; attempts++) made.add(make(rng));
  return [...made];
}

/**
 * The workload of the runs up to 2026-12-01 (kept to compare with them): 5,000
 * article slugs drawn uniformly, 200 statements of 4–8 consecutive words of
 * real claims, 100 texts of ~200 words with names in them, each list cycled
 * through in order.
 */
export async function cycleWorkload(graph: Graph, wiki: SyntheticWiki, seed: number): Promise<Workload> {
  const rng = new Rng(seed).fork('workload');
  const articleSlugs = wiki.articleSlugs();
  const slugs = Array.from({ length: Math.min(5_000, articleSlugs.length) }, () => rng.pick(articleSlugs));
  const texts = await graph.query<{ text: string }>(
    'UNWIND $slugs AS s MATCH (:Entry {slug: s})-[:HAS_CLAIM]->(c:Claim) WHERE c.position = 2 RETURN c.text AS text',
    { slugs: slugs.slice(0, 200) },
  );
  const statements = texts.map(({ text }) => {
    const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
    const start = rng.int(0, Math.max(0, words.length - 8));
    return words.slice(start, start + rng.int(4, 8)).join(' ');
  });
  const crossLinkTexts = Array.from({ length: 100 }, () => wiki.proseWithNames(rng, 200));
  const cycle = (list: string[]) => {
    let i = 0;
    return () => list[i++ % list.length]!;
  };
  return {
    name: 'cycle',
    description: [
      `Workload "cycle": ${slugs.length.toLocaleString('en')} article slugs (EntryPage, SeeAlsoPanel), ${statements.length} statements of 4–8 consecutive words of claims (Evidence) ` +
        `and ${crossLinkTexts.length} texts of ~200 words with names in them (CrossLink), each cycled through in order.`,
    ],
    settings: { workload: 'cycle', slugs: slugs.length, statements: statements.length, texts: crossLinkTexts.length },
    inputs(op) {
      switch (op) {
        case 'EntryPage':
        case 'SeeAlsoPanel':
          return cycle(slugs);
        case 'Evidence':
          return cycle(statements);
        case 'CrossLink':
          return cycle(crossLinkTexts);
      }
    },
    sample: { slugs, statements, texts: crossLinkTexts },
    longText: wiki.proseWithNames(rng, 10_000),
  };
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
const pct = (share: number) => `${Math.round(share * 100)}%`;
