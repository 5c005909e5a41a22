import fs from 'node:fs';
import { parse, print, validate, type OperationDefinitionNode } from 'graphql';
import { buildSchema } from '../../src/api/schema';
import type { App } from '../../src/server';
import { editorHeaders, readerHeaders } from '../support/auth';
import { statementsOfRequests } from '../support/statements';
import { graphql, startTestApp } from '../support/test-app';
import { CONTRACT_OPERATIONS } from '../support/contract';

/**
 * The front end's operations, unchanged, as kept in test/contract: the copy of
 * the shared contract's operations this API answers. Operations the shared
 * contract adds for work still open (the editorial lifecycle's EntryHistory,
 * SaveArticle …) join the copy with that work; each one copied must read
 * exactly as in the shared contract (checked below when it is present).
 */
const contract = fs.readFileSync('test/contract/operations.graphql', 'utf8');
const operationsOf = (text: string) => parse(text).definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
const operationNames = operationsOf(contract).map((d) => d.name!.value);
const SHARED_CONTRACT = '../shared/contract/operations.graphql';

describe('the front end contract', () => {
  let app: App;
  const run = async (operationName: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const { status, body } = await graphql(app.url, contract, variables, { operationName, headers });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    return body.data;
  };

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it('copies each operation exactly as the shared contract has it', () => {
    if (!fs.existsSync(SHARED_CONTRACT)) return; // a clean clone has only the copy
    const shared = new Map(operationsOf(fs.readFileSync(SHARED_CONTRACT, 'utf8')).map((d) => [d.name!.value, print(d)]));
    for (const operation of operationsOf(contract)) expect({ name: operation.name!.value, text: print(operation) }).toEqual({ name: operation.name!.value, text: shared.get(operation.name!.value) });
  });

  it('validates every operation against the schema', () => {
    expect(operationNames).toEqual(CONTRACT_OPERATIONS);
    expect(validate(buildSchema(), parse(contract))).toEqual([]);
  });

  it('EntryPage: the article with its sections, claims, key terms and sources', async () => {
    const { entry } = await run('EntryPage', { slug: 'earned-security' });
    expect(entry).toMatchObject({ slug: 'earned-security', name: 'Earned Security', kind: 'CONSTRUCT', upvotes: 0 });
    expect(entry.provenance).toEqual({ model: 'claude-opus-4-8', version: '1.0', generatedAt: '2026-06-04', readMinutes: 24 });
    expect(entry.sections.map((s: { heading: string }) => s.heading).slice(0, 3)).toEqual(['Type & Discipline', 'Creators & Lineage', 'Core Principles']);
    const claims = entry.sections.flatMap((s: { claims: unknown[] }) => s.claims);
    const fringe = claims.find((c: { text: string }) => c.text.endsWith('rather than a fringe idea.'));
    expect(fringe.provenance).toBe('CITED');
    expect(fringe.sources.map((s: { year: number; tier: string }) => `${s.year} ${s.tier}`)).toEqual(['2008 T2', '2024 T1']);
    expect(entry.keyTerms).toHaveLength(9);
    expect(entry.keyTerms[0]).toMatchObject({ term: 'Earned security', sources: [{ title: 'Ten clinical uses of the Adult Attachment Interview' }] });
    expect(entry.sources.map((s: { tier: string }) => s.tier)).toEqual(['T1', 'T1', 'T1', 'T2', 'T3', 'T3', 'T3']);
    expect(entry.sources[0]).toMatchObject({ authors: ['Roisman, G. I.', 'Padrón, E.', 'Sroufe, L. A.', 'Egeland, B.'], year: 2002 });
  });

  it('EntryPage: null for an unknown slug', async () => {
    expect(await run('EntryPage', { slug: 'no-such-entry' })).toEqual({ entry: null });
  });

  it('SeeAlsoPanel: ranked entries with reasons, paginated by cursor', async () => {
    const first = (await run('SeeAlsoPanel', { slug: 'earned-security', first: 3 })).entry.seeAlso;
    expect(first.edges).toHaveLength(3);
    const scores = first.edges.map((e: { score: number }) => e.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const attachmentTheory = first.edges.find((e: { node: { slug: string } }) => e.node.slug === 'attachment-theory');
    expect(attachmentTheory.reasons).toEqual(expect.arrayContaining([{ kind: 'LINEAGE', label: 'Earned Security grows out of Attachment theory' }]));
    expect(first.pageInfo.hasNextPage).toBe(true);

    const second = (await run('SeeAlsoPanel', { slug: 'earned-security', first: 3, after: first.pageInfo.endCursor })).entry.seeAlso;
    const seen = new Set(first.edges.map((e: { node: { slug: string } }) => e.node.slug));
    expect(second.edges.every((e: { node: { slug: string } }) => !seen.has(e.node.slug))).toBe(true);
    expect(second.edges[0].score).toBeLessThanOrEqual(scores.at(-1));
  });

  it('Evidence: the matching claim first, with its sources and tiers', async () => {
    const { evidence } = await run('Evidence', { statement: 'earned security is an accepted object of study, not a fringe idea', first: 3 });
    expect(evidence[0].claim.text).toMatch(/rather than a fringe idea\.$/);
    expect(evidence[0].claim.entry).toEqual({ slug: 'earned-security', name: 'Earned Security' });
    expect(evidence[0].sources.map((s: { tier: string }) => s.tier)).toEqual(['T2', 'T1']);
  });

  it('SourceUsage: every claim one source supports', async () => {
    const { entry } = await run('EntryPage', { slug: 'earned-security' });
    const steele = entry.sources[3];
    const { node } = await run('SourceUsage', { id: steele.id, first: 5 });
    expect(node).toMatchObject({ id: steele.id, title: 'Ten clinical uses of the Adult Attachment Interview', tier: 'T2', entries: [{ slug: 'earned-security' }] });
    expect(node.claims.totalCount).toBeGreaterThan(20);
    expect(node.claims.edges).toHaveLength(5);
    expect(node.claims.edges[0].node.entry).toEqual({ slug: 'earned-security' });
  });

  it('Neighbourhood: lineage, targets and backlinks', async () => {
    const { entry } = await run('Neighbourhood', { slug: 'earned-security' });
    expect(entry.lineage).toEqual(
      expect.arrayContaining([{ relation: 'grows out of', direction: 'OUTGOING', node: { slug: 'attachment-theory', name: 'Attachment theory', kind: 'CONSTRUCT' } }]),
    );
    expect(entry.targets.map((t: { slug: string }) => t.slug)).toEqual(expect.arrayContaining(['insecure-attachment', 'complex-ptsd', 'relationship-conflict']));
    const incoming = await run('Neighbourhood', { slug: 'complex-ptsd' });
    expect(incoming.entry.backlinks).toEqual(expect.arrayContaining([{ slug: 'earned-security', name: 'Earned Security', kind: 'CONSTRUCT' }]));
    const lineageIn = await run('Neighbourhood', { slug: 'attachment-theory' });
    expect(lineageIn.entry.lineage).toEqual(expect.arrayContaining([expect.objectContaining({ direction: 'INCOMING', node: expect.objectContaining({ slug: 'earned-security' }) })]));
  });

  it('Connection: a shortest path, or null when none is within reach', async () => {
    const { path } = await run('Connection', { from: 'attachment-theory', to: 'complex-ptsd', maxHops: 4 });
    expect(path.length).toBe(2);
    expect(path.steps.map((s: { node: { __typename: string } }) => s.node.__typename)).toEqual(['Construct', 'ProblemForWork']);
    expect(path.steps[1].relation).toBe('TARGETS');
    expect(await run('Connection', { from: 'attachment-theory', to: 'complex-ptsd', maxHops: 1 })).toEqual({ path: null });
  });

  it('CrossLink: spans naming entries and key terms, UTF-16 offsets, longest match', async () => {
    const text = '😀 The Adult Attachment Interview (AAI) shows coherence of mind; see Emotionally Focused Therapy.';
    const { crossLink } = await run('CrossLink', { text });
    for (const span of crossLink) expect(text.slice(span.start, span.end)).toBe(span.surface);
    expect(crossLink.map((s: { surface: string; target: Record<string, string> }) => [s.surface, s.target.__typename, s.target.slug ?? s.target.term])).toEqual([
      ['Adult Attachment Interview', 'Instrument', 'adult-attachment-interview'],
      ['AAI', 'Instrument', 'adult-attachment-interview'],
      ['coherence of mind', 'KeyTerm', 'Coherence of mind'],
      ['Emotionally Focused Therapy', 'Modality', 'emotionally-focused-therapy'],
    ]);
    expect(crossLink[0].start).toBe(7);
  });

  it('Search: entries, key terms and sources', async () => {
    const { search } = await run('Search', { query: 'adult attachment interview', first: 10 });
    const kinds = search.edges.map((e: { node: { __typename: string } }) => e.node.__typename);
    expect(kinds).toEqual(expect.arrayContaining(['Instrument', 'KeyTerm', 'Source']));
    const byAuthor = await run('Search', { query: 'Roisman', first: 5 });
    expect(byAuthor.search.edges.map((e: { node: unknown }) => e.node)).toEqual(
      expect.arrayContaining([
        { __typename: 'Person', slug: 'glenn-i-roisman', name: 'Glenn I. Roisman' },
        { __typename: 'Source', title: 'Earned-secure attachment status in retrospect and prospect' },
      ]),
    );
  });

  describe('the editors\' tools', () => {
    const article = fs.readFileSync('seeds/articles/earned-security.wiki.txt', 'utf8');
    const edited = article.replace('rather than only inherited 4.', 'rather than simply inherited 4.');

    it('SaveArticle, EntryHistory, RevisionDiff, ClaimAsCited, RevertArticle: a save, its history and diff, the old claim, a revert', async () => {
      const editor = await editorHeaders(app);
      const before = await run('EntryHistory', { slug: 'earned-security', first: 10 });
      const current = before.entry.currentRevision.number as number;
      expect(before.entry.revisions.totalCount).toBe(current);
      const { entry } = await run('EntryPage', { slug: 'earned-security' });
      const oldClaim = entry.sections.flatMap((s: { claims: Array<{ id: string; text: string }> }) => s.claims).find((c: { text: string }) => c.text.includes('only inherited'));

      const saved = await run('SaveArticle', { text: edited, expectedRevision: current, note: 'One word' }, editor);
      expect(saved.ingestArticle).toEqual({ status: 'UPDATED', entry: { slug: 'earned-security', currentRevision: { number: current + 1 } }, warnings: [] });
      const stale = await graphql(app.url, contract, { text: article, expectedRevision: current }, { operationName: 'SaveArticle', headers: editor });
      expect(stale.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');

      const history = await run('EntryHistory', { slug: 'earned-security', first: 1 });
      expect(history.entry.revisions.edges[0].node).toMatchObject({ number: current + 1, author: 'editor-alice', note: 'One word', changes: { added: 0, removed: 0, changed: 1 } });
      expect(history.entry.revisions.pageInfo.hasNextPage).toBe(true);

      const diff = await run('RevisionDiff', { slug: 'earned-security', from: current, to: current + 1 });
      expect(diff.entry.diff).toEqual([
        { change: 'CHANGED', before: expect.objectContaining({ id: oldClaim.id, text: expect.stringContaining('only inherited') }), after: expect.objectContaining({ text: expect.stringContaining('simply inherited') }) },
      ]);
      const cited = await run('ClaimAsCited', { id: oldClaim.id });
      expect(cited.node).toEqual({ id: oldClaim.id, text: oldClaim.text, revision: { number: current }, current: { id: diff.entry.diff[0].after.id, text: expect.stringContaining('simply inherited') } });

      const reverted = await run('RevertArticle', { slug: 'earned-security', toRevision: current, expectedRevision: current + 1 }, editor);
      expect(reverted.revertEntry.entry.currentRevision).toEqual({ number: current + 2 });
    });

    it('ResolveSuggestion: an editor accepts a reader\'s suggestion into a revision', async () => {
      const reader = await readerHeaders(app, 'suggesting-reader');
      const { body } = await graphql(
        app.url,
        'mutation { suggestRevision(input: {slug: "earned-security", text: "Cite the 2024 scoping review for prevalence."}) { suggestion { id } } }',
        {},
        { headers: reader },
      );
      const id = body.data.suggestRevision.suggestion.id;
      const resolved = await run('ResolveSuggestion', { id, decision: 'ACCEPT' }, await editorHeaders(app));
      expect(resolved.resolveSuggestion.suggestion).toEqual({ id, status: 'ACCEPTED' });
    });
  });

  it('answers an article page, a see-also panel once ranked and a crossLink once its dictionary is built, in one Neo4j query each', async () => {
    await app.services.seeAlsoPanels.refreshAll();
    // Requests with credentials skip the response cache, so each one reads Neo4j.
    const headers = await readerHeaders(app, 'one-query-reader');
    for (const [operationName, variables] of [
      ['EntryPage', { slug: 'earned-security' }],
      ['SeeAlsoPanel', { slug: 'earned-security', first: 4 }],
      // The dictionary is built by the first crossLink (earlier in this file); then the vocabulary's version is its one read.
      ['CrossLink', { text: 'The Adult Attachment Interview shows coherence of mind; see Emotionally Focused Therapy.' }],
    ] as const) {
      const { result: { body }, statements } = await statementsOfRequests(app.services.graph, () => graphql(app.url, contract, variables, { operationName, headers }));
      expect(body.errors).toBeUndefined();
      expect(body.data.crossLink?.length ?? body.data.entry.sections?.length ?? body.data.entry.seeAlso.edges.length).toBeGreaterThan(0);
      expect({ operationName, statements: statements.length }).toEqual({ operationName, statements: 1 });
    }
  });
});
