import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../../src/config';
import type { IngestService } from '../../src/ingest/ingest.service';
import { parseArticle } from '../../src/ingest/parse-article';
import { slugify } from '../../src/model/identity';
import { loadSeeds } from '../../src/seed/seed';

/**
 * The evidence evaluation (docs/evidence.md): statements in a clinician's
 * words, each with the cited sentences of the wiki that answer it, scored by
 * recall@3 (the statements with an answer among the first three hits) and
 * MRR (the mean of 1 / the rank of the first answer, 0 when none is in the
 * first K_MAX). Pure apart from reading the set and loading its articles.
 */

/**
 * The splits of bench/evidence/statements.json, none of them blind any more.
 * tune: looked at while tuning. held-out-seen: held out until its misses were
 * examined one by one (issue 19's second round). held-out-seen-2 and
 * held-out-seen-3: the second and third rounds' blind splits, whose misses
 * were examined one by one for the round after.
 * A blind split lives in a file of its own, with its own articles, written and
 * committed before the evidence query ever ran on it, and asked only when the
 * evaluation is given that file (--extra): a split name of its own
 * (held-out-4 …), reported apart.
 */
export const SEEN_SPLITS = ['tune', 'held-out-seen', 'held-out-seen-2', 'held-out-seen-3'] as const;
export type Split = string;

const EvalStatement = z.object({
  id: z.string(),
  split: z.string().regex(/^[a-z0-9-]+$/).refine((split) => split !== 'all', 'the split "all" is the total'),
  entry: z.string(),
  tags: z.array(z.enum(['question', 'acronym', 'synonym', 'negation', 'paraphrase'])),
  statement: z.string().min(1),
  /** Fragments of the answering claims' text; a hit whose text contains any of them is an answer. */
  answers: z.array(z.string().min(1)).min(1),
});
const EvalSet = z.object({ articles: z.array(z.string()), statements: z.array(EvalStatement) });

export type EvalStatement = z.infer<typeof EvalStatement>;
export type EvalSet = z.infer<typeof EvalSet>;

export const EVAL_SET_PATH = path.join(projectRoot, 'bench/evidence/statements.json');
/** Hits asked for per statement: an answer below this rank counts 0 in MRR. */
export const K_MAX = 10;

/** The evaluation set; the committed file's statements are of the seen splits only. */
export function readEvalSet(file = EVAL_SET_PATH): EvalSet {
  const set = EvalSet.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  const unknown = set.statements.filter((s) => !(SEEN_SPLITS as readonly string[]).includes(s.split));
  if (unknown.length > 0) throw new Error(`${file}: ${unknown[0]!.id} is of split ${unknown[0]!.split}, not one of ${SEEN_SPLITS.join(', ')}`);
  return set;
}

/**
 * The set with a further file's statements and articles (a blind split, same
 * shape as statements.json): its articles are loaded after the set's, so every
 * split is ranked over the same graph. Its splits must be new and its ids unused.
 */
export function withExtraSet(set: EvalSet, file: string): EvalSet {
  const extra = EvalSet.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  const known = new Set(set.statements.map((s) => s.split));
  const ids = new Set(set.statements.map((s) => s.id));
  for (const s of extra.statements) {
    if (known.has(s.split)) throw new Error(`${file}: ${s.id} is of split ${s.split}, which the set already has`);
    if (ids.has(s.id)) throw new Error(`${file}: statement id ${s.id} is already used`);
    ids.add(s.id);
  }
  return {
    articles: [...set.articles, ...extra.articles.filter((article) => !set.articles.includes(article))],
    statements: [...set.statements, ...extra.statements],
  };
}

/** The set's splits, in the order their first statements come. */
export const splitsOf = (set: EvalSet): Split[] => [...new Set(set.statements.map((s) => s.split))];

/** The seed (stubs, its article, its outside reading) and the set's other articles, in the set's order. */
export async function loadEvalArticles(ingest: IngestService, set: EvalSet): Promise<void> {
  await loadSeeds(ingest);
  for (const article of set.articles) await ingest.ingestArticle(fs.readFileSync(path.resolve(projectRoot, article), 'utf8'));
}

/**
 * Answer fragments that no cited sentence of the statement's entry contains
 * (a typo, a sentence the parser splits elsewhere, one citing nothing or a
 * reflective question): such a label could never be found, and would count
 * as a miss of the ranking. Read from the articles as parsed, no database.
 */
export function unfoundAnswers(set: EvalSet): Array<{ id: string; answer: string }> {
  const citedTexts = new Map<string, string[]>();
  for (const file of set.articles) {
    const article = parseArticle(fs.readFileSync(path.resolve(projectRoot, file), 'utf8'));
    const questions = new Set(article.reflectiveQuestions.map((q) => `${q.line}\u0000${q.text}`));
    const claims = [...(article.figure?.caption ? [article.figure.caption] : []), ...article.sections.flatMap((section) => section.claims)];
    citedTexts.set(
      slugify(article.title),
      claims.filter((c) => c.sourceNumbers.length > 0 && !questions.has(`${c.line}\u0000${c.text}`)).map((c) => c.text),
    );
  }
  return set.statements.flatMap((s) =>
    s.answers.filter((answer) => !(citedTexts.get(s.entry) ?? []).some((text) => text.includes(answer))).map((answer) => ({ id: s.id, answer })),
  );
}

/** One hit as the evaluation sees it. */
export interface RankedHit {
  text: string;
  /** True when the claim cites at least one source. */
  cited: boolean;
  matched?: string[];
}

/** Answers a statement with at most `first` hits, best first. */
export type Ranker = (statement: string, first: number) => Promise<RankedHit[]>;

export interface StatementResult {
  id: string;
  split: Split;
  tags: string[];
  statement: string;
  /** 1-based rank of the first answering hit, null when none is in the first K_MAX. */
  rank: number | null;
  top3: RankedHit[];
}

export interface SplitMetrics {
  statements: number;
  /** Statements with an answer in the first three hits. */
  hitsAt3: number;
  recallAt3: number;
  mrr: number;
  /** Hits among all the first-three hits that cite no source. */
  uncitedInTop3: number;
  top3Hits: number;
}

export interface EvalReport {
  results: StatementResult[];
  /** Every split of the set, asked or not (not asked: 0 statements), and 'all'. */
  bySplit: Record<Split, SplitMetrics>;
  byTag: Record<string, SplitMetrics>;
}

/** Scores the statements of the splits given (all by default); the others count as none. */
export async function evaluate(set: EvalSet, rank: Ranker, splits: readonly Split[] = splitsOf(set)): Promise<EvalReport> {
  const results: StatementResult[] = [];
  for (const s of set.statements.filter((statement) => splits.includes(statement.split))) {
    const hits = await rank(s.statement, K_MAX);
    const at = hits.findIndex((hit) => s.answers.some((answer) => hit.text.includes(answer)));
    results.push({ id: s.id, split: s.split, tags: s.tags, statement: s.statement, rank: at < 0 ? null : at + 1, top3: hits.slice(0, 3) });
  }
  const bySplit: Record<Split, SplitMetrics> = {
    ...Object.fromEntries(splitsOf(set).map((split) => [split, metricsOf(results.filter((r) => r.split === split))])),
    all: metricsOf(results),
  };
  const tags = [...new Set(results.flatMap((r) => r.tags))].sort();
  const byTag = Object.fromEntries(tags.map((tag) => [tag, metricsOf(results.filter((r) => r.tags.includes(tag)))]));
  return { results, bySplit, byTag };
}

function metricsOf(results: StatementResult[]): SplitMetrics {
  const n = results.length;
  const hitsAt3 = results.filter((r) => r.rank !== null && r.rank <= 3).length;
  const mrr = n === 0 ? 0 : results.reduce((sum, r) => sum + (r.rank === null ? 0 : 1 / r.rank), 0) / n;
  const top3 = results.flatMap((r) => r.top3);
  return {
    statements: n,
    hitsAt3,
    recallAt3: n === 0 ? 0 : round(hitsAt3 / n),
    mrr: round(mrr),
    uncitedInTop3: top3.filter((hit) => !hit.cited).length,
    top3Hits: top3.length,
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

const metricsRow = (label: string, m: SplitMetrics) =>
  m.statements === 0 ? `| ${label} | not asked | | | |` : `| ${label} | ${m.statements} | ${m.hitsAt3} (${m.recallAt3}) | ${m.mrr} | ${m.uncitedInTop3} of ${m.top3Hits} |`;

/** The report as Markdown: every statement asked, one by one. */
export function renderMarkdown(report: EvalReport, title: string, notes: string[]): string {
  const lines = [
    `# ${title}`,
    '',
    ...notes,
    '',
    '| split | statements | answer in top 3 (recall@3) | MRR | top-3 hits citing nothing |',
    '|---|---:|---:|---:|---:|',
    ...Object.entries(report.bySplit).map(([split, m]) => metricsRow(split, m)),
    '',
    '| tag (splits asked) | statements | answer in top 3 (recall@3) | MRR | top-3 hits citing nothing |',
    '|---|---:|---:|---:|---:|',
    ...Object.entries(report.byTag).map(([tag, m]) => metricsRow(tag, m)),
    '',
    '## Statements',
    '',
    '| id | split | statement | rank | first hit | matched |',
    '|---|---|---|---:|---|---|',
  ];
  for (const r of report.results) {
    const first = r.top3[0];
    const text = first ? `${first.cited ? '' : '(uncited) '}${first.text.slice(0, 90)}${first.text.length > 90 ? '…' : ''}` : '—';
    lines.push(`| ${r.id} | ${r.split} | ${r.statement} | ${r.rank ?? '—'} | ${text.replaceAll('|', '\\|')} | ${(first?.matched ?? []).join(', ')} |`);
  }
  return lines.join('\n') + '\n';
}
