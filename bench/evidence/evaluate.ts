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
 * tune: looked at while tuning. held-out-seen: held out until its misses were
 * examined one by one (issue 19's second round), so no longer blind.
 * held-out-seen-2: the second round's blind split, whose misses were examined
 * for the third round, so no longer blind either.
 * held-out: written and committed before the evidence query ever ran on it,
 * never tuned on; asked only when the evaluation is told to (--held-out, --write).
 */
export const SPLITS = ['tune', 'held-out-seen', 'held-out-seen-2', 'held-out'] as const;
export type Split = (typeof SPLITS)[number];
/** The split whose statements are blind: totals only while working. */
export const BLIND_SPLIT: Split = 'held-out';

const EvalStatement = z.object({
  id: z.string(),
  split: z.enum(SPLITS),
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

export function readEvalSet(file = EVAL_SET_PATH): EvalSet {
  return EvalSet.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/** The seed (stubs, its article, its outside reading) and the set's other articles, in the set's order. */
export async function loadEvalArticles(ingest: IngestService, set: EvalSet): Promise<void> {
  await loadSeeds(ingest);
  for (const article of set.articles) await ingest.ingestArticle(fs.readFileSync(path.join(projectRoot, article), 'utf8'));
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
    const article = parseArticle(fs.readFileSync(path.join(projectRoot, file), 'utf8'));
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
  bySplit: Record<Split | 'all', SplitMetrics>;
  byTag: Record<string, SplitMetrics>;
}

/** Scores the statements of the splits given (all by default); the others count as none. */
export async function evaluate(set: EvalSet, rank: Ranker, splits: readonly Split[] = SPLITS): Promise<EvalReport> {
  const results: StatementResult[] = [];
  for (const s of set.statements.filter((statement) => splits.includes(statement.split))) {
    const hits = await rank(s.statement, K_MAX);
    const at = hits.findIndex((hit) => s.answers.some((answer) => hit.text.includes(answer)));
    results.push({ id: s.id, split: s.split, tags: s.tags, statement: s.statement, rank: at < 0 ? null : at + 1, top3: hits.slice(0, 3) });
  }
  const bySplit = {
    all: metricsOf(results),
    ...Object.fromEntries(SPLITS.map((split) => [split, metricsOf(results.filter((r) => r.split === split))])),
  } as Record<Split | 'all', SplitMetrics>;
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
    ...SPLITS.map((split) => metricsRow(split, report.bySplit[split])),
    metricsRow('all', report.bySplit.all),
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
