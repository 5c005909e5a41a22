/**
 * System under test 3, the floor: neo4j-driver alone behind node:http. One
 * POST per request ({"op": "...", "variables": {...}}), one Cypher query per
 * request returning exactly what the contract operation shows, JSON back;
 * GET /metrics serves the process metrics the API serves (process-metrics.ts).
 * No GraphQL parsing, validation or resolver tree, no DataLoader.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import neo4j, { type Driver } from 'neo4j-driver';
import { CrossLinkMatcher, type NamedTarget } from '../../src/cross-link/matcher';
import { readVocabulary, readVocabularyVersion } from '../../src/cross-link/vocabulary.repository';
import { candidateLimit, PER_ARTICLE } from '../../src/evidence/evidence.service';
import { StatementExpander } from '../../src/evidence/expansion';
import { rankCandidates, type Candidate } from '../../src/evidence/ranking';
import { readSynonymList } from '../../src/evidence/synonyms';
import { serveUntilStdinCloses } from './lifecycle';
import { processMetrics } from './process-metrics';
import type { EntryKind } from '../../src/model/kinds';
import { toGlobalId } from '../../src/graphql/global-id';
import { typeNameOf } from '../../src/graphql/type-names';
import { RAW_QUERIES } from './raw-queries';


const { entryPage: ENTRY_PAGE, seeAlso: SEE_ALSO, evidence: EVIDENCE, crossLinkTargets: CROSS_LINK_TARGETS } = RAW_QUERIES;

type Row = Record<string, unknown>;

async function read(driver: Driver, cypher: string, params: Row): Promise<Row[]> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    return await session.executeRead(async (tx) => (await tx.run(cypher, params)).records.map((r) => r.toObject()), { timeout: 15_000 });
  } finally {
    await session.close();
  }
}

async function buildMatcher(driver: Driver): Promise<{ version: number; matcher: CrossLinkMatcher }> {
  const [meta] = await read(driver, `OPTIONAL MATCH (m:Meta {id: 'vocabulary'}) RETURN m.version AS version`, {});
  const entries = await read(driver, 'MATCH (e:Entry) RETURN e.slug AS id, [e.name] + coalesce(e.aliases, []) AS names', {});
  const terms = await read(driver, 'MATCH (k:KeyTerm) RETURN k.id AS id, [k.term] + coalesce(k.aliases, []) AS names', {});
  const targets: NamedTarget[] = [
    ...entries.map((r) => ({ target: { kind: 'ENTRY' as const, id: r.id as string }, names: r.names as string[] })),
    ...terms.map((r) => ({ target: { kind: 'KEY_TERM' as const, id: r.id as string }, names: r.names as string[] })),
  ];
  return { version: (meta?.version as number) ?? 0, matcher: CrossLinkMatcher.build(targets) };
}

/** The evidence expander the API builds, from the same reads (the vocabulary, its version, key-term definitions). */
async function buildExpander(driver: Driver): Promise<{ version: number; expander: StatementExpander }> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    return await session.executeRead(async (tx) => {
      const version = await readVocabularyVersion(tx);
      const vocabulary = await readVocabulary(tx);
      const rows = await tx.run('MATCH (k:KeyTerm) WHERE k.definition IS NOT NULL RETURN k.id AS id, k.definition AS definition');
      const definitions = new Map(rows.records.map((r) => [r.get('id') as string, r.get('definition') as string]));
      const articles = await tx.run('MATCH (e:Entry) WHERE EXISTS { (e)-[:HAS_CLAIM]->(:Claim) } RETURN e.slug AS slug');
      const entriesWithArticles = new Set(articles.records.map((r) => r.get('slug') as string));
      return { version, expander: StatementExpander.build(vocabulary, definitions, readSynonymList(), entriesWithArticles) };
    });
  } finally {
    await session.close();
  }
}

async function main(): Promise<void> {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error('NEO4J_URI is required');
  const driver = neo4j.driver(uri, neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''), {
    maxConnectionPoolSize: 100,
    disableLosslessIntegers: true,
  });
  let dictionary = await buildMatcher(driver);
  let evidence = await buildExpander(driver);

  const handlers: Record<string, (v: Row) => Promise<unknown>> = {
    EntryPage: async ({ slug }) => {
      const [row] = await read(driver, ENTRY_PAGE, { slug });
      if (!row) return { entry: null };
      const entry = row.entry as Row;
      const sections = (row.headings as string[]).map((heading) => ({ heading, claims: [] as Row[] }));
      for (const claim of row.claims as Array<Row & { sectionIndex: number; sources: Row[] }>) {
        sections[claim.sectionIndex]?.claims.push({
          id: toGlobalId('Claim', claim.id as string),
          text: claim.text,
          provenance: claim.provenance,
          sources: claim.sources.map(({ key, ...s }) => ({ id: toGlobalId('Source', key as string), ...s })),
        });
      }
      return {
        entry: {
          id: toGlobalId('Entry', entry.slug as string),
          ...entry,
          sections,
          keyTerms: row.keyTerms,
          sources: (row.sources as Row[]).map(({ key, ...s }) => ({ id: toGlobalId('Source', key as string), ...s })),
        },
      };
    },
    SeeAlsoPanel: async ({ slug, first }) => {
      // The stored panel, as the API reads it (panels are all current once the bench's load has ranked them).
      const [row] = await read(driver, SEE_ALSO, { slug, offset: neo4j.int(0), limit: neo4j.int(first as number) });
      if (!row?.edges) return { entry: { seeAlso: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } } };
      const nodes = new Map((row.nodes as Row[]).map((n) => [n.slug as string, { slug: n.slug, name: n.name, kind: n.kind, summary: n.summary }]));
      const slugs = row.slugs as string[];
      const edges = (row.edges as string[]).map((json, i) => {
        const { score, reasons } = JSON.parse(json) as { score: number; reasons: Array<{ kind: string; label: string }> };
        return {
          cursor: Buffer.from(`o:${i}`).toString('base64url'),
          score,
          reasons: reasons.map((r) => ({ kind: r.kind, label: r.label })),
          node: nodes.get(slugs[i]!),
        };
      });
      return { entry: { seeAlso: { edges, pageInfo: { hasNextPage: (row.total as number) > edges.length, endCursor: edges.at(-1)?.cursor ?? null } } } };
    },
    Evidence: async ({ statement, first }) => {
      const expanded = evidence.expander.expand(statement as string);
      if (!expanded.luceneQuery) return { evidence: [] };
      const [row] = await read(driver, EVIDENCE, {
        query: expanded.luceneQuery,
        slugs: expanded.articleSlugs,
        words: expanded.articleWords,
        // Whole numbers as Cypher integers (a JavaScript number goes as a float, which LIMIT refuses).
        limit: neo4j.int(candidateLimit(first as number)),
        perArticle: neo4j.int(PER_ARTICLE),
      });
      if ((row!.version as number) !== evidence.version) evidence = await buildExpander(driver);
      const { supported } = rankCandidates(expanded, row!.candidates as Candidate[]);
      return {
        evidence: supported.slice(0, first as number).map(({ score, claim }) => {
          const { id, text, provenance, entry, sources } = claim as unknown as Row & { sources: Row[] };
          return {
            score,
            claim: { id: toGlobalId('Claim', id as string), text, provenance, entry },
            sources: sources.map(({ key, title, year, tier }) => ({ id: toGlobalId('Source', key as string), title, year, tier })),
          };
        }),
      };
    },
    CrossLink: async ({ text }) => {
      const spans = dictionary.matcher.match(text as string);
      const slugs = [...new Set(spans.filter((s) => s.target.kind === 'ENTRY').map((s) => s.target.id))];
      const termIds = [...new Set(spans.filter((s) => s.target.kind === 'KEY_TERM').map((s) => s.target.id))];
      const [row] = await read(driver, CROSS_LINK_TARGETS, { slugs, termIds });
      if ((row!.version ?? 0) !== dictionary.version) dictionary = await buildMatcher(driver);
      const kinds = new Map((row!.entries as string[][]).map(([slug, kind]) => [slug!, kind!]));
      const terms = new Map((row!.terms as string[][]).map(([id, term]) => [id!, term!]));
      return {
        crossLink: spans.flatMap((span) => {
          const target =
            span.target.kind === 'ENTRY'
              ? kinds.has(span.target.id) && { __typename: typeNameOf({ slug: span.target.id, kind: kinds.get(span.target.id) as EntryKind }), slug: span.target.id }
              : terms.has(span.target.id) && { __typename: 'KeyTerm', term: terms.get(span.target.id) };
          return target ? [{ start: span.start, end: span.end, surface: span.surface, target }] : [];
        }),
      };
    },
  };

  const metrics = processMetrics();
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/metrics') {
      metrics.text().then((text) => {
        res.writeHead(200, { 'content-type': metrics.contentType });
        res.end(text);
      });
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const reply = (status: number, body: unknown) => {
        const json = JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
        res.end(json);
      };
      let request: { op?: string; variables?: Row };
      try {
        request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return reply(400, { errors: [{ message: 'bad JSON' }] });
      }
      const handler = handlers[request.op ?? ''];
      if (!handler) return reply(404, { errors: [{ message: `unknown op ${request.op}` }] });
      handler(request.variables ?? {}).then(
        (data) => reply(200, { data }),
        (error: Error) => reply(500, { errors: [{ message: error.message }] }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  serveUntilStdinCloses(`http://127.0.0.1:${port}/`, async () => {
    server.close();
    await driver.close();
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
