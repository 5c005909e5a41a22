import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportGraph } from '../../src/graph/backup';
import { slugify } from '../../src/model/identity';
import { graphql, eraseGraph, openTestServices, startTestApp } from '../support/test-app';

/**
 * Identity does not depend on ingest order (issue 13): ingesting the same
 * stubs, articles and outside reading in any order yields the same graph, as
 * `npm run export` writes it. The stub Mentalization has the alias
 * "reflective functioning", the name of one of the articles: the article's
 * name must win, whether it comes before or after the stub.
 */

type Services = Awaited<ReturnType<typeof openTestServices>>;

const read = (relative: string) => fs.readFileSync(path.join(__dirname, '../..', relative), 'utf8');
const stubs = JSON.parse(read('seeds/entries.json')).entries as Array<{ name: string; kind: string; aliases: string[]; summary: string | null }>;
const ARTICLES = [
  'seeds/articles/earned-security.wiki.txt',
  'test/fixtures/mentalization-based-treatment.wiki.txt',
  'test/fixtures/reflective-functioning.wiki.txt',
  'test/fixtures/complex-ptsd.wiki.txt',
  'test/fixtures/emotionally-focused-therapy.wiki.txt',
];

type Step = { name: string; run: (services: Services) => Promise<unknown> };
const STEPS: Step[] = [
  {
    name: 'stubs',
    run: (services) =>
      services.ingest.mergeStubEntries(stubs.map((stub) => ({ ...stub, slug: slugify(stub.name), kind: stub.kind as never, summary: stub.summary ?? null }))),
  },
  ...ARTICLES.map((file) => ({ name: path.basename(file), run: (services: Services) => services.ingest.ingestArticle(read(file)) })),
  {
    name: 'reading',
    run: (services) =>
      services.ingest.ingestOutsideReading({ title: 'Earned Secure Attachment', url: null, text: read('seeds/readings/earned-secure-attachment.blog.txt') }),
  },
];

/**
 * The export with what differs between any two runs left out (timestamps), and
 * history: revisions record the order things were written in, which is their
 * point; the graph's content (claim ids included) must not depend on it.
 * Nodes and relationships in a fixed order.
 */
function comparableExport(file: string): { nodes: string[]; relationships: string[] } {
  const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: any[]; relationships: any[] };
  // Meta holds bookkeeping (content and vocabulary versions, counted per write), not the graph's content.
  exported.nodes = exported.nodes.filter((node) => !node.labels.includes('Meta') && !node.labels.includes('Revision'));
  for (const node of exported.nodes) if (node.labels.includes('Entry') || node.labels.includes('Claim')) delete node.properties.revision;
  const withoutTimes = (item: { properties: Record<string, unknown>; types?: Record<string, string> }) => {
    // Sorted keys: Neo4j returns a node's properties in the order they were stored, which the write order decides.
    const properties = Object.fromEntries(
      Object.entries(item.properties)
        .filter(([key]) => !/DATE|TIME/.test(item.types?.[key] ?? ''))
        .sort(([a], [b]) => a.localeCompare(b)),
    );
    return JSON.stringify({ ...item, properties, types: undefined });
  };
  return { nodes: exported.nodes.map(withoutTimes).sort(), relationships: exported.relationships.map(withoutTimes).sort() };
}

/** A seeded shuffle, so a failing order is reported and reproduced. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('ingest order', () => {
  let services: Services;
  let dir: string;

  beforeAll(async () => {
    services = await openTestServices();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-order-'));
  });
  afterAll(async () => {
    await services.close();
    if (!process.env.KEEP_ORDER_EXPORTS) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function exportAfter(order: Step[]): Promise<{ nodes: string[]; relationships: string[] }> {
    await eraseGraph(services.graph);
    for (const step of order) await step.run(services);
    const file = path.join(dir, `${order.map((s) => s.name).join('+')}.json`);
    await exportGraph(services.graph, file);
    return comparableExport(file);
  }

  it('gives the same export for several permutations of stubs, five articles and a reading', async () => {
    const reference = await exportAfter(STEPS);
    expect(reference.nodes.length).toBeGreaterThan(300);
    for (const order of [[...STEPS].reverse(), shuffled(STEPS, 13), shuffled(STEPS, 2026)]) {
      const exported = await exportAfter(order);
      const label = order.map((s) => s.name).join(', ');
      expect({ order: label, nodes: exported.nodes.filter((n) => !reference.nodes.includes(n)) }).toEqual({ order: label, nodes: [] });
      expect({ order: label, relationships: exported.relationships.filter((r) => !reference.relationships.includes(r)) }).toEqual({ order: label, relationships: [] });
      expect(exported).toEqual(reference);
    }
  });
});

describe('an article name beats another entry\'s alias', () => {
  it('moves "reflective functioning" from the stub Mentalization to the article, reporting it, and cross-links there', async () => {
    const app = await startTestApp({ seed: false });
    try {
      const { ingest } = app.services;
      await ingest.mergeStubEntries([{ slug: 'mentalization', name: 'Mentalization', kind: 'CONSTRUCT', aliases: ['reflective functioning'], summary: null }]);
      await ingest.ingestArticle(read('test/fixtures/mentalization-based-treatment.wiki.txt'));
      const report = await ingest.ingestArticle(read('test/fixtures/reflective-functioning.wiki.txt'));
      expect(report.relinkedNames.map((change) => ({ ...change, name: change.name.toLowerCase() }))).toContainEqual({
        name: 'reflective functioning',
        from: 'mentalization',
        to: 'reflective-functioning',
      });

      const { body } = await graphql(app.url, '{ crossLink(text: "Reflective functioning grows out of mentalization.") { surface target { __typename ... on Entry { slug } } } }');
      expect(body.errors).toBeUndefined();
      expect(body.data.crossLink.map((span: any) => [span.surface, span.target.slug])).toEqual([
        ['Reflective functioning', 'reflective-functioning'],
        ['mentalization', 'mentalization'],
      ]);
      // The MBT article, ingested before, names reflective functioning: its mentions moved too.
      const [row] = await app.services.graph.query<{ stub: number; article: number }>(
        `MATCH (:Entry {slug: 'mentalization-based-treatment'})-[:HAS_CLAIM]->(c:Claim)
         WHERE toLower(c.text) CONTAINS 'reflective functioning'
         RETURN count { (c)-[:MENTIONS]->(:Entry {slug: 'mentalization'}) } AS stub, count { (c)-[:MENTIONS]->(:Entry {slug: 'reflective-functioning'}) } AS article`,
      );
      expect(row).toEqual({ stub: 0, article: expect.any(Number) });
      expect(row!.article).toBeGreaterThan(0);
    } finally {
      await app.stop();
    }
  });

  it('applies the header\'s upvotes to an entry that existed as a stub', async () => {
    const services = await openTestServices();
    try {
      await eraseGraph(services.graph);
      await services.ingest.mergeStubEntries([{ slug: 'reflective-functioning', name: 'Reflective Functioning', kind: 'CONSTRUCT', aliases: [], summary: null }]);
      const text = read('test/fixtures/reflective-functioning.wiki.txt');
      const stated = Number(/^(\d+) upvotes$/m.exec(text)![1]);
      await services.ingest.ingestArticle(text);
      const [entry] = await services.entries.entriesBySlug(['reflective-functioning']);
      expect(entry?.upvotes).toBe(stated);
    } finally {
      await services.close();
    }
  });
});
