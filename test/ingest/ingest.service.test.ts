import fs from 'node:fs';
import path from 'node:path';
import { loadSeeds } from '../../src/seed/seed';
import { graphSnapshot } from '../support/graph-snapshot';
import { eraseGraph, openTestServices } from '../support/test-app';

const seedArticle = fs.readFileSync(path.join(__dirname, '../../seeds/articles/earned-security.wiki.txt'), 'utf8');
const secondArticle = fs.readFileSync(path.join(__dirname, '../fixtures/mentalization-based-treatment.wiki.txt'), 'utf8');

type Services = Awaited<ReturnType<typeof openTestServices>>;

async function claimByEnding(services: Services, ending: string) {
  const [row] = await services.graph.query<{ provenance: string; sources: Array<{ authors: string[]; year: number }> }>(
    `MATCH (c:Claim) WHERE c.text ENDS WITH $ending
     RETURN c.provenance AS provenance,
            COLLECT { MATCH (c)-[r:CITES]->(s:Source) WITH s, r ORDER BY r.order RETURN s {.authors, .year} } AS sources`,
    { ending },
  );
  return row;
}

describe('ingesting wiki articles', () => {
  let services: Services;

  beforeAll(async () => {
    services = await openTestServices();
    await eraseGraph(services.graph);
    await loadSeeds(services.ingest);
  });
  afterAll(() => services.close());

  it('reads the seed article into an entry with its header, provenance and counts', async () => {
    const [entry] = await services.entries.entriesBySlug(['earned-security']);
    expect(entry).toMatchObject({
      name: 'Earned Security',
      kind: 'CONSTRUCT',
      discipline: 'Developmental / clinical psychology',
      tradition: 'Attachment theory',
      upvotes: 0,
      hasArticle: true,
      provenance: { model: 'claude-opus-4-8', version: '1.0', generatedAt: '2026-06-04', readMinutes: 24, statedSourceCount: 6, listedSourceCount: 7 },
    });
  });

  it('links the "fringe idea 42." claim to sources 4 and 2, in that order', async () => {
    const claim = await claimByEnding(services, 'rather than a fringe idea.');
    expect(claim?.provenance).toBe('CITED');
    expect(claim?.sources.map((s) => `${s.authors[0]} ${s.year}`)).toEqual(['Steele, H. 2008', 'Filosa, M. 2024']);
  });

  it('keeps LLM-tagged and unmarked sentences as claims that cite nothing', async () => {
    expect(await claimByEnding(services, 'The construct’s standing and clinical usage are not in doubt.')).toEqual({ provenance: 'LLM', sources: [] });
    expect(await claimByEnding(services, 'On mechanism, the evidence is suggestive rather than conclusive.')).toEqual({ provenance: 'UNMARKED', sources: [] });
  });

  it('lists 7 sources with tiers T1×3, T2×1, T3×3 and 9 key terms', async () => {
    const { content } = (await services.entries.articleContent(['earned-security'])).get('earned-security')!;
    expect(content.sources.map((s) => s.tier)).toEqual(['T1', 'T1', 'T1', 'T2', 'T3', 'T3', 'T3']);
    expect(content.keyTerms).toHaveLength(9);
    expect(content.keyTerms.find((k) => k.term === 'Adult Attachment Interview')).toMatchObject({ aliases: ['AAI'] });
    expect(content.smartObjectives).toHaveLength(7);
    expect(content.reflectiveQuestions).toHaveLength(6);
    expect(content.figureCaption?.provenance).toBe('LLM');
  });

  it('derives relations from the text and keeps the sentence each comes from', async () => {
    const rows = await services.graph.query<{ type: string; to: string; relation: string | null; claim: string }>(
      `MATCH (:Entry {slug: 'earned-security'})-[r:LINEAGE|TARGETS|INDICATED_FOR]->(o:Entry)
       MATCH (c:Claim {id: r.claimId})
       RETURN type(r) AS type, o.slug AS to, r.relation AS relation, c.text AS claim`,
    );
    const find = (type: string, to: string) => rows.find((row) => row.type === type && row.to === to);
    expect(find('LINEAGE', 'attachment-theory')).toMatchObject({ relation: 'grows out of', claim: expect.stringContaining('grows directly out of') });
    expect(find('LINEAGE', 'emotionally-focused-therapy')).toMatchObject({ relation: 'sits alongside' });
    expect(find('TARGETS', 'complex-ptsd')?.claim).toContain('Complex PTSD and childhood trauma');
    expect(find('TARGETS', 'insecure-attachment')).toBeDefined();
    expect(find('INDICATED_FOR', 'expectant-parents')).toBeDefined();
  });

  it('ingests the blog post as a T3 outside reading that mentions entries and key terms', async () => {
    const [reading] = await services.graph.query<{ tier: string; kind: string; hasText: boolean; mentions: string[] }>(
      `MATCH (s:Source {kind: 'OUTSIDE_READING'})
       RETURN s.tier AS tier, s.kind AS kind, size(s.text) > 1000 AS hasText,
              COLLECT { MATCH (s)-[:MENTIONS]->(t) RETURN coalesce(t.slug, t.id) } AS mentions`,
    );
    expect(reading).toMatchObject({ tier: 'T3', kind: 'OUTSIDE_READING', hasText: true });
    expect(reading!.mentions).toEqual(expect.arrayContaining(['earned-security', 'internal-working-model', 'adult-attachment-interview', 'mentalization']));
  });

  it('leaves the graph unchanged when the same article and seeds are ingested again', async () => {
    const before = await graphSnapshot(services.graph);
    expect((await services.ingest.ingestArticle(seedArticle)).status).toBe('UNCHANGED');
    await loadSeeds(services.ingest);
    expect(await graphSnapshot(services.graph)).toBe(before);
  });

  it('shares one Source node between articles that cite the same work', async () => {
    const report = await services.ingest.ingestArticle(secondArticle);
    expect(report).toMatchObject({ slug: 'mentalization-based-treatment', status: 'UPDATED', sources: 3, unresolvedSeeAlso: [] });
    const [steele] = await services.graph.query<{ nodes: number; entries: string[]; entryCount: number }>(
      `MATCH (s:Source) WHERE s.title = 'Ten clinical uses of the Adult Attachment Interview'
       RETURN count(s) AS nodes, COLLECT { MATCH (e:Entry)-[:LISTS]->(s) RETURN e.slug ORDER BY e.slug } AS entries, s.entryCount AS entryCount`,
    );
    expect(steele).toEqual({ nodes: 1, entries: ['earned-security', 'mentalization-based-treatment'], entryCount: 2 });
  });

  it('replaces an article’s claims when a new version arrives', async () => {
    const revised = secondArticle.replace('It targets the loss of mentalizing under attachment stress LLM.', 'It targets the collapse of mentalizing under attachment stress LLM.');
    expect((await services.ingest.ingestArticle(revised)).status).toBe('UPDATED');
    const texts = (await services.graph.query<{ text: string }>(`MATCH (:Entry {slug: 'mentalization-based-treatment'})-[:HAS_CLAIM]->(c) RETURN c.text AS text`)).map((r) => r.text);
    expect(texts).toContain('It targets the collapse of mentalizing under attachment stress.');
    expect(texts).not.toContain('It targets the loss of mentalizing under attachment stress.');
    expect(texts).toHaveLength(7);
  });

  it('links sentences already in the graph to an entry that appears later', async () => {
    await services.ingest.mergeStubEntries([
      { slug: 'trouble-trusting', name: 'Trouble trusting', kind: 'PROBLEM_FOR_WORK', aliases: [], summary: null },
      { slug: 'minnesota-longitudinal-study', name: 'Minnesota longitudinal study', kind: 'POPULATION', aliases: ['Minnesota high-risk longitudinal sample'], summary: null },
    ]);
    const rows = await services.graph.query<{ type: string; to: string; claim: string | null }>(
      `MATCH (:Entry {slug: 'earned-security'})-[r:TARGETS|REFERS_TO]->(o:Entry) WHERE o.slug IN ['trouble-trusting', 'minnesota-longitudinal-study']
       OPTIONAL MATCH (c:Claim {id: r.claimId})
       RETURN type(r) AS type, o.slug AS to, c.text AS claim ORDER BY type, to`,
    );
    expect(rows).toEqual([
      { type: 'REFERS_TO', to: 'minnesota-longitudinal-study', claim: null },
      { type: 'REFERS_TO', to: 'trouble-trusting', claim: null },
      { type: 'TARGETS', to: 'trouble-trusting', claim: expect.stringContaining('show up clinically as trouble trusting') },
    ]);
  });

  it('rejects a truncated article with the line and the problem, writing nothing', async () => {
    const before = await graphSnapshot(services.graph);
    const truncated = secondArticle.slice(0, secondArticle.indexOf('Sources'));
    await expect(services.ingest.ingestArticle(truncated.replace('Mentalization-Based Treatment\n', 'Truncated Treatment\n'))).rejects.toMatchObject({
      extensions: { code: 'INVALID_ARTICLE' },
      message: expect.stringMatching(/^line \d+: /),
    });
    expect(await graphSnapshot(services.graph)).toBe(before);
  });

  it('in strict mode, refuses an article with a doubtful reading, writing nothing', async () => {
    const before = await graphSnapshot(services.graph);
    const doubtful = secondArticle.replace('reflective functioning 2.', 'reflective functioning 9.');
    await expect(services.ingest.ingestArticle(doubtful, { strict: true })).rejects.toMatchObject({
      extensions: { code: 'INVALID_ARTICLE', warnings: [expect.objectContaining({ code: 'NUMBER_NOT_MARKER' })] },
    });
    expect(await graphSnapshot(services.graph)).toBe(before);
  });

  it('rejects an article with no structure to read, writing nothing', async () => {
    const before = await graphSnapshot(services.graph);
    await expect(services.ingest.ingestArticle('Therapy AlignedTM Clinical Wiki\n\nno kind line here')).rejects.toMatchObject({
      extensions: { code: 'INVALID_ARTICLE', line: 3 },
    });
    expect(await graphSnapshot(services.graph)).toBe(before);
  });
});
