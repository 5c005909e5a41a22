import fs from 'node:fs';
import path from 'node:path';
import { parse, print, type OperationDefinitionNode } from 'graphql';
import type { App } from '../../src/server';
import { editorHeaders, readerHeaders } from '../support/auth';
import { statementsOfRequests } from '../support/statements';
import { graphql, startTestApp } from '../support/test-app';

/** The contract's Evidence operation exactly as the front end sends it (the copy kept in test/contract). */
const evidenceOperation = print(
  parse(fs.readFileSync('test/contract/operations.graphql', 'utf8')).definitions.find(
    (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition' && d.name?.value === 'Evidence',
  )!,
);

const FIXTURES = ['mentalization-based-treatment', 'reflective-functioning', 'complex-ptsd', 'emotionally-focused-therapy'];

const HIT = `score citesRetracted strongestTier claim { id text provenance entry { slug } } sources { id title tier retracted } matched { term found via }`;

describe('evidence over HTTP', () => {
  let app: App;
  const ask = async (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
    const { status, body } = await graphql(app.url, query, variables, { headers });
    expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
    return body.data;
  };
  const evidence = async (statement: string, first = 5) =>
    (await ask(`query ($s: String!, $n: Int) { evidence(statement: $s, first: $n) { ${HIT} } }`, { s: statement, n: first })).evidence;

  beforeAll(async () => {
    app = await startTestApp();
    for (const name of FIXTURES) await app.services.ingest.ingestArticle(fs.readFileSync(path.join('test/fixtures', `${name}.wiki.txt`), 'utf8'));
  });
  afterAll(() => app.stop());

  it('reads the sentence before a sentence that leans on it, and counts what that one says at a share', async () => {
    // "It adds disturbances in self-organisation …" follows "The diagnosis requires the three core symptom clusters …".
    const hits = await evidence('three core symptom clusters of complex PTSD', 30);
    const leaning = hits.find((h: { claim: { text: string } }) => h.claim.text.startsWith('It adds disturbances in self-organisation'));
    expect(leaning.matched).toEqual(expect.arrayContaining([{ term: 'clusters', found: 'clusters', via: 'PREVIOUS' }]));
    expect(hits[0].claim.text).toContain('three core symptom clusters');
  });

  it('keeps the contract’s Evidence operation working as it is', async () => {
    const { status, body } = await graphql(app.url, evidenceOperation, { statement: 'earned security is an accepted object of study, not a fringe idea', first: 3 });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const hits = body.data.evidence;
    expect(hits).toHaveLength(3);
    expect(hits[0].claim.text).toMatch(/rather than a fringe idea\.$/);
    expect(hits[0].claim.entry).toEqual({ slug: 'earned-security', name: 'Earned Security' });
    expect(hits[0].sources.map((s: { tier: string }) => s.tier)).toEqual(['T2', 'T1']);
    expect(Object.keys(hits[0]).sort()).toEqual(['claim', 'score', 'sources']);
  });

  it('answers with sentences that cite sources only; those citing nothing are offered apart, for editors', async () => {
    const statement = 'therapy helps adults become secure';
    const hits = await evidence(statement, 10);
    expect(hits.length).toBeGreaterThan(3);
    expect(hits.every((h: { claim: { provenance: string }; sources: unknown[] }) => h.claim.provenance === 'CITED' && h.sources.length > 0)).toBe(true);
    expect(hits[0].claim.text).toMatch(/long-term therapy in particular can transform an insecure pattern into earned security/);

    const { uncitedMatches } = await ask(`query ($s: String!) { uncitedMatches(statement: $s, first: 5) { ${HIT} } }`, { s: statement });
    expect(uncitedMatches.length).toBeGreaterThan(0);
    expect(uncitedMatches.every((h: { claim: { provenance: string }; sources: unknown[] }) => h.claim.provenance !== 'CITED' && h.sources.length === 0)).toBe(true);
  });

  it('finds the sentence when its words differ from the statement’s, and says why it matched', async () => {
    // The examples: each answer in the first three.
    const coined = await evidence('who coined the term complex PTSD', 3);
    const herman = coined.find((h: { claim: { text: string } }) => h.claim.text.startsWith('Judith Herman proposed “complex PTSD” in 1992'));
    expect(herman.matched).toEqual(
      expect.arrayContaining([
        { term: 'complex PTSD', found: 'complex PTSD', via: 'NAME' },
        { term: 'coined', found: 'proposed', via: 'SYNONYM' },
      ]),
    );

    const rfq = await evidence('is the RFQ a valid self-report measure', 3);
    const named = rfq.find((h: { claim: { text: string } }) => h.claim.text.includes('Reflective Functioning Questionnaire'));
    expect(named.matched).toEqual(expect.arrayContaining([{ term: 'RFQ', found: 'Reflective Functioning Questionnaire', via: 'NAME' }]));

    const [aai] = await evidence('how is reflective functioning rated from AAI transcripts', 3);
    expect(aai.claim.text).toMatch(/^It is scored on the Reflective Functioning Scale/);
    expect(aai.matched).toEqual(expect.arrayContaining([{ term: 'rated', found: 'scored', via: 'SYNONYM' }]));

    const [eft] = await evidence('who created emotionally focused therapy');
    expect(eft.claim.text).toMatch(/^It was developed for couples in the 1980s by Sue Johnson and Les Greenberg/);
    expect(eft.matched).toEqual([
      { term: 'emotionally focused therapy', found: 'Emotionally Focused Therapy', via: 'ARTICLE' },
      { term: 'created', found: 'developed', via: 'SYNONYM' },
    ]);
  });

  it('keeps the synonyms of a word the wiki also knows as a name, and knows a name typed with a word inserted', async () => {
    const text = (h: { claim: { text: string } }) => h.claim.text;
    // "couples" names a population and "domestic violence" is the long form of DV: both still have their synonyms.
    const violence = await evidence('can EFT be used with couples where there is domestic violence', 3);
    const contraindicated = violence.find((h: { claim: { text: string } }) => text(h).startsWith('EFT is contraindicated where there is ongoing intimate partner violence'));
    expect(contraindicated.matched).toEqual(expect.arrayContaining([{ term: 'domestic violence', found: 'intimate partner violence', via: 'SYNONYM' }]));

    // "emotionally focused couple therapy" names Emotionally Focused Therapy: its article's sentences count.
    const distress = await evidence('does emotionally focused couple therapy reduce relationship distress', 3);
    const metaAnalysis = distress.find((h: { claim: { text: string } }) => text(h).startsWith('A meta-analysis of randomized trials found a large effect'));
    expect(metaAnalysis.matched).toEqual(
      expect.arrayContaining([{ term: 'emotionally focused couple therapy', found: 'Emotionally Focused Therapy', via: 'ARTICLE' }]),
    );
  });

  it('names the sources behind a statement once each, ranked, with their sentences across entries and a tier roll-up', async () => {
    const { sourcesFor } = await ask(
      `query ($s: String!) { sourcesFor(statement: $s) {
         summary totalCount tiers { tier count }
         sources(first: 20) { score source { title tier retracted } claims(first: 10) { score claim { text entry { slug } } } }
       } }`,
      { s: 'the Adult Attachment Interview predicts infant attachment in the next generation' },
    );
    const titles = sourcesFor.sources.map((s: { source: { title: string } }) => s.source.title);
    expect(new Set(titles).size).toBe(titles.length);
    expect(sourcesFor.totalCount).toBe(titles.length);
    const steele = sourcesFor.sources.find((s: { source: { title: string } }) => s.source.title === 'Ten clinical uses of the Adult Attachment Interview');
    expect(steele.source.tier).toBe('T2');
    // One source, cited by sentences of several articles.
    expect(new Set(steele.claims.map((c: { claim: { entry: { slug: string } } }) => c.claim.entry.slug)).size).toBeGreaterThan(1);
    const scores = sourcesFor.sources.map((s: { score: number }) => s.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const counts = Object.fromEntries(sourcesFor.tiers.map((t: { tier: string; count: number }) => [t.tier, t.count]));
    expect(sourcesFor.summary).toBe(sourcesFor.tiers.map((t: { tier: string; count: number }) => `${t.count} ${t.tier}`).join(', '));
    expect(Object.values(counts).reduce((a, b) => (a as number) + (b as number), 0)).toBe(titles.length);
  });

  it('says so when no source supports a statement', async () => {
    const { sourcesFor } = await ask(`{ sourcesFor(statement: "zebra quantum widget") { summary totalCount tiers { tier } sources { score } } }`);
    expect(sourcesFor).toEqual({ summary: 'no sources', totalCount: 0, tiers: [], sources: [] });
  });

  it('flags a retracted source and ranks what cites it down', async () => {
    const statement = 'Judith Herman proposed complex PTSD';
    const before = await evidence(statement, 10);
    const herman = before[0];
    expect(herman.citesRetracted).toBe(false);
    const sourceId = herman.sources[0].id;
    await ask(`mutation ($id: ID!) { retractSource(id: $id, reason: "test retraction") { changed } }`, { id: sourceId }, await editorHeaders(app));

    const after = await evidence(statement, 10);
    const retracted = after.find((h: { claim: { id: string } }) => h.claim.id === herman.claim.id);
    expect(retracted.citesRetracted).toBe(true);
    expect(retracted.sources[0].retracted).toBe(true);
    expect(retracted.score).toBeLessThan(herman.score);
    expect(retracted.strongestTier).toBeNull();

    const { sourcesFor } = await ask(`query ($s: String!) { sourcesFor(statement: $s) { sources(first: 50) { score source { id retracted } } } }`, { s: statement });
    const source = sourcesFor.sources.find((s: { source: { id: string } }) => s.source.id === sourceId);
    expect(source.source.retracted).toBe(true);
  });

  it('expands with names written after the first statement: by this process, or by another (the vocabulary version)', async () => {
    const statement = 'what does the ZQX measure';
    const namedZqx = (hits: Array<{ matched: Array<{ term: string }> }>) => hits.some((h) => h.matched.some((m) => m.term === 'ZQX'));
    expect(namedZqx(await evidence(statement))).toBe(false);

    // Through the API: the write drops the expander at once.
    await ask(
      `mutation { upsertEntry(input: {slug: "itq-test", name: "International Trauma Questionnaire", kind: INSTRUMENT, aliases: ["ZQX"]}) { changed } }`,
      {},
      await editorHeaders(app),
    );
    const [first] = await evidence(statement);
    expect(first.claim.text).toMatch(/International Trauma Questionnaire/);
    expect(namedZqx([first])).toBe(true);
    expect(first.matched[0]).toEqual({ term: 'ZQX', found: 'International Trauma Questionnaire', via: 'NAME' });

    // As another replica would: a name written and the vocabulary version bumped, nothing said to this process.
    await app.services.graph.write(async (tx) => {
      await tx.run(`MATCH (e:Entry {slug: 'itq-test'}) SET e.aliases = ['QQX']`);
      await tx.run(`MATCH (m:Meta {id: 'vocabulary'}) SET m.version = m.version + 1`);
    });
    const [again] = await evidence('what does the QQX measure');
    expect(again.matched[0]).toEqual({ term: 'QQX', found: 'International Trauma Questionnaire', via: 'NAME' });
  });

  it('answers evidence in one Neo4j query once its expander is built, the entries of its sentences included', async () => {
    await evidence('warm up the expander');
    const headers = await readerHeaders(app, 'evidence-one-query');
    const { result: { body }, statements } = await statementsOfRequests(app.services.graph, () =>
      graphql(app.url, evidenceOperation, { statement: 'does EFT help with depression', first: 10 }, { headers }),
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.evidence.length).toBeGreaterThan(0);
    expect(statements).toHaveLength(1);
  });

  it("reads its sentences' entries by name and their sources as cited when that is all its selection shows, and answers as the records do", async () => {
    await evidence('warm up the expander');
    const headers = await readerHeaders(app, 'evidence-as-asked');
    const statement = 'does EFT help with depression';
    // Read with an entry's whole record (entryProjection) and with a source's (sourceProjection), never by name or as cited.
    const ENTRY_RECORD = /ingestWarnings/;
    const SOURCE_RECORD = /\.citation/;
    const contract = await statementsOfRequests(app.services.graph, () => graphql(app.url, evidenceOperation, { statement, first: 10 }, { headers }));
    expect(contract.result.body.errors).toBeUndefined();
    expect(contract.statements).toHaveLength(1);
    expect(contract.statements[0]).not.toMatch(ENTRY_RECORD);
    expect(contract.statements[0]).not.toMatch(SOURCE_RECORD);

    const RECORDS = `query($statement: String!) {
      evidence(statement: $statement, first: 10) {
        claim { id entry { __typename id slug name kind summary } }
        sources { id title year tier citation }
      }
    }`;
    const records = await statementsOfRequests(app.services.graph, () => graphql(app.url, RECORDS, { statement }, { headers }));
    expect(records.statements).toHaveLength(1);
    expect(records.statements[0]).toMatch(ENTRY_RECORD);
    expect(records.statements[0]).toMatch(SOURCE_RECORD);
    type Hit = { claim: { id: string; entry: { slug: string; name: string; summary: string | null } }; sources: Array<{ id: string; title: string; year: number; tier: string; citation: string | null }> };
    const hits = records.result.body.data.evidence as Hit[];
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.some((hit) => hit.sources.some((source) => source.citation !== null))).toBe(true);
    expect(contract.result.body.data.evidence.map((hit: { claim: { id: string; entry: unknown }; sources: unknown }) => [hit.claim.id, hit.claim.entry, hit.sources])).toEqual(
      hits.map((hit) => [hit.claim.id, { slug: hit.claim.entry.slug, name: hit.claim.entry.name }, hit.sources.map(({ id, title, year, tier }) => ({ id, title, year, tier }))]),
    );

    // One more field of a source, under the hit or under its claim, reads the records again.
    for (const selection of ['sources { id doi }', 'claim { sources { venue } }']) {
      const more = await statementsOfRequests(app.services.graph, () =>
        graphql(app.url, `query($statement: String!) { evidence(statement: $statement, first: 10) { sources { id } ${selection} } }`, { statement }, { headers }),
      );
      expect(more.result.body.errors).toBeUndefined();
      expect(more.statements[0]).toMatch(SOURCE_RECORD);
    }

    // Names on the evidence path leave the same request's other reads of those entries whole.
    const slug = hits[0]!.claim.entry.slug;
    const mixed = await graphql(
      app.url,
      `query($statement: String!, $slug: String!) {
        evidence(statement: $statement, first: 10) { claim { entry { slug name } } }
        uncitedMatches(statement: $statement, first: 10) { claim { entry { __typename slug } } }
        entry(slug: $slug) { slug summary kind }
      }`,
      { statement, slug },
      { headers },
    );
    expect(mixed.body.errors).toBeUndefined();
    expect(mixed.body.data.entry).toEqual({ slug, summary: hits[0]!.claim.entry.summary, kind: expect.any(String) });
    expect(mixed.body.data.entry.summary).toEqual(expect.any(String));
  });

  it('checks its arguments and prices its lists', async () => {
    for (const query of [
      `{ uncitedMatches(statement: "x", first: 0) { score } }`,
      `{ sourcesFor(statement: "trauma") { sources(first: 101) { score } } }`,
      `{ sourcesFor(statement: "trauma") { sources { claims(first: 0) { score } } } }`,
      `{ evidence(statement: "${'x'.repeat(2_001)}") { score } }`,
    ]) {
      const { body } = await graphql(app.url, query);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const { status, body } = await graphql(
      app.url,
      `{ sourcesFor(statement: "trauma") { sources(first: 100) { claims(first: 100) { claim { text } matched { term } } } } }`,
    );
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
