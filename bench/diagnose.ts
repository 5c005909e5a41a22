/**
 * Where the time of one request goes: the API's repository queries and the
 * raw floor's single queries, one at a time against the benchmark database,
 * p50/p99 over the same slugs. Used to back the recommendations in
 * docs/performance.md with numbers.
 *
 *   npx tsx bench/diagnose.ts --scale medium
 */
import { EntriesRepository } from '../src/entries/entries.repository';
import { EvidenceRepository } from '../src/evidence/evidence.repository';
import { candidateLimit, EvidenceService, PER_ARTICLE } from '../src/evidence/evidence.service';
import { readSynonymList } from '../src/evidence/synonyms';
import { toLuceneTerms } from '../src/graph/fulltext';
import { SeeAlsoRepository } from '../src/see-also/see-also.repository';
import { SeeAlsoService } from '../src/see-also/see-also.service';
import { openBenchDatabase, scaleFrom } from './dataset';
import { Rng } from './synth/prng';
import { SyntheticWiki } from './synth/generator';
import { RAW_QUERIES } from './servers/raw-queries';
import { EVIDENCE_AS_ASKED } from './operations';

async function main(): Promise<void> {
  const choice = scaleFrom(process.argv.slice(2));
  const db = await openBenchDatabase({ choice });
  try {
    const wiki = new SyntheticWiki(choice.scale);
    const rng = new Rng(choice.scale.seed).fork('diagnose');
    const slugs = wiki.articleSlugs();
    const picked = Array.from({ length: 200 }, () => rng.pick(slugs));
    const entries = new EntriesRepository(db.graph);
    const evidence = new EvidenceService(new EvidenceRepository(db.graph), readSynonymList());
    const seeAlso = new SeeAlsoService(new SeeAlsoRepository(db.graph));
    const statements = picked.slice(0, 100).map(() => wiki.proseWithNames(rng, 6).replace(/[^\p{L}\p{N} ]/gu, ''));

    const time = async (label: string, inputs: string[], run: (input: string) => Promise<unknown>) => {
      for (const input of inputs.slice(0, 20)) await run(input);
      const samples: number[] = [];
      for (const input of inputs) {
        const t = performance.now();
        await run(input);
        samples.push(performance.now() - t);
      }
      samples.sort((a, b) => a - b);
      const at = (p: number) => samples[Math.ceil((p / 100) * samples.length) - 1]!.toFixed(2);
      console.log(`| ${label} | ${at(50)} | ${at(99)} |`);
    };

    console.log(`Scale ${choice.label}: one request at a time, ${picked.length} slugs\n`);
    console.log('| query | p50 ms | p99 ms |\n|---|---:|---:|');
    await time('API entriesBySlug (1 slug)', picked, (slug) => entries.entriesBySlug([slug]));
    await time('API articleContent (1 slug)', picked, (slug) => entries.articleContent([slug]));
    await time('raw EntryPage query', picked, (slug) => db.graph.query(RAW_QUERIES.entryPage, { slug }));
    await time('API see-also page (stored panel, first 10)', picked, (slug) => seeAlso.page(slug, 0, 10));
    await time('API see-also ranked live (query + rank)', picked, (slug) => seeAlso.ranked(slug));
    await time('raw see-also query (stored panel)', picked, (slug) => db.graph.query(RAW_QUERIES.seeAlso, { slug, offset: 0, limit: 10 }));
    await time('API evidence (expand, candidates query, rank)', statements, (s) => evidence.rank(s, 10, EVIDENCE_AS_ASKED));
    await time('raw evidence query (the expanded statement)', statements, async (s) => {
      const expanded = await evidence.expand(s);
      if (!expanded.luceneQuery) return;
      const params = { query: expanded.luceneQuery, slugs: expanded.articleSlugs, words: expanded.articleWords, limit: candidateLimit(10), perArticle: PER_ARTICLE };
      await db.graph.query(RAW_QUERIES.evidence, params);
    });
    await time('full-text query alone, the statement as typed (what the floor ran before expansion)', statements, (s) =>
      db.graph.query(`CALL db.index.fulltext.queryNodes('claim_text', $terms, {limit: 10}) YIELD node RETURN node.id AS id`, { terms: toLuceneTerms(s) }),
    );
  } finally {
    await db.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
