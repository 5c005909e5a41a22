import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/config';
import { toGlobalId } from '../../src/graphql/global-id';
import type { App } from '../../src/server';
import { editorHeaders, graphChecksum, readerHeaders } from '../support/auth';
import { graphql, startTestApp } from '../support/test-app';

/** Editors' mutations over HTTP: who may call them, what they change, and that repeating them changes nothing. */
describe('editing', () => {
  let app: App;
  let editor: Record<string, string>;
  let reader: Record<string, string>;
  let claimId: string;
  let sourceId: string;
  let suggestionId: string;
  const seedArticle = fs.readFileSync(path.join(projectRoot, 'seeds/articles/earned-security.wiki.txt'), 'utf8');

  const gql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    graphql(app.url, query, variables, { headers });
  const asEditor = (query: string, variables: Record<string, unknown> = {}) => gql(query, variables, editor);
  const codeOf = (body: { errors?: Array<{ extensions?: { code?: string } }> }) => body.errors?.[0]?.extensions?.code;

  /** Runs an operation that must fail with `code` and must not touch the graph. */
  async function expectRejected(code: string, query: string, variables: Record<string, unknown> = {}, headers = editor) {
    const before = await graphChecksum(app.services.graph);
    const { status, body } = await gql(query, variables, headers);
    expect(status).toBeLessThan(500);
    expect(codeOf(body)).toBe(code);
    expect(await graphChecksum(app.services.graph)).toEqual(before);
    return body;
  }

  beforeAll(async () => {
    app = await startTestApp();
    editor = await editorHeaders(app);
    reader = await readerHeaders(app);
    const { body } = await gql(`{ entry(slug: "earned-security") { sources { id } sections { claims { id sources { id } } } } }`);
    const claims = body.data.entry.sections.flatMap((s: { claims: unknown[] }) => s.claims) as Array<{ id: string; sources: Array<{ id: string }> }>;
    const cited = claims.find((c) => c.sources.length > 0)!;
    claimId = cited.id;
    sourceId = cited.sources[0]!.id;
    const suggested = await gql(`mutation { suggestRevision(input: {slug: "earned-security", text: "An auth-check suggestion of enough length."}) { suggestion { id } } }`, {}, reader);
    suggestionId = suggested.body.data.suggestRevision.suggestion.id;
  });
  afterAll(() => app.stop());

  describe('needs an editor: no token → UNAUTHENTICATED, reader token → FORBIDDEN', () => {
    const operations: Array<[string, string, () => Record<string, unknown>]> = [
      ['ingestArticle', 'mutation($text: String!) { ingestArticle(text: $text) { status } }', () => ({ text: seedArticle })],
      [
        'ingestOutsideReading',
        'mutation { ingestOutsideReading(title: "Auth check", text: "Earned security and attachment theory.") { status } }',
        () => ({}),
      ],
      ['upsertEntry', 'mutation { upsertEntry(input: {name: "Auth Check", kind: CONSTRUCT}) { status } }', () => ({})],
      [
        'linkEntries',
        'mutation($claim: ID!) { linkEntries(from: "mentalization-based-treatment", to: "emotion-dysregulation", relation: TARGETS, claimId: $claim) { changed } }',
        () => ({ claim: claimId }),
      ],
      ['unlinkEntries', 'mutation { unlinkEntries(from: "earned-security", to: "complex-ptsd", relation: TARGETS) { changed } }', () => ({})],
      ['setSeeAlso', 'mutation { setSeeAlso(slug: "mentalization", targets: ["earned-security"]) { changed } }', () => ({})],
      ['retractSource', 'mutation($id: ID!) { retractSource(id: $id, reason: "Auth check") { changed } }', () => ({ id: sourceId })],
      ['pendingRevisions', '{ pendingRevisions { totalCount } }', () => ({})],
      ['revisionSuggestions', '{ revisionSuggestions(status: REJECTED) { totalCount } }', () => ({})],
      [
        'revertEntry',
        'mutation { revertEntry(slug: "emotionally-focused-therapy", toRevision: 1, expectedRevision: 1) { changed } }',
        () => ({}),
      ],
      ['resolveSuggestion', 'mutation($id: ID!) { resolveSuggestion(id: $id, decision: REJECT, reason: "Auth check") { changed } }', () => ({ id: suggestionId })],
    ];

    it.each(operations)('%s', async (_name, query, variables) => {
      await expectRejected('UNAUTHENTICATED', query, variables(), {});
      await expectRejected('FORBIDDEN', query, variables(), reader);
      const { body } = await asEditor(query, variables());
      expect(body.errors).toBeUndefined();
    });
  });

  describe('ingestArticle', () => {
    const mutation = `mutation($text: String!) {
      ingestArticle(text: $text) { status changed claims sources keyTerms unresolvedSeeAlso entry { slug name hasArticle summary } }
    }`;

    it('creates, updates, and reports an identical text as unchanged', async () => {
      const edited = seedArticle.replace('It is a well-established construct', 'It is a firmly established construct');
      expect(edited).not.toBe(seedArticle);
      const updated = await asEditor(mutation, { text: edited });
      expect(updated.body.errors).toBeUndefined();
      expect(updated.body.data.ingestArticle).toMatchObject({ status: 'UPDATED', changed: true, entry: { slug: 'earned-security', hasArticle: true } });
      expect(updated.body.data.ingestArticle.entry.summary).toContain('firmly established');
      expect(updated.body.data.ingestArticle.claims).toBeGreaterThan(10);

      const before = await graphChecksum(app.services.graph);
      const again = await asEditor(mutation, { text: edited });
      expect(again.body.data.ingestArticle).toMatchObject({ status: 'UNCHANGED', changed: false });
      expect(await graphChecksum(app.services.graph)).toEqual(before);

      const restored = await asEditor(mutation, { text: seedArticle });
      expect(restored.body.data.ingestArticle.status).toBe('UPDATED');
    });

    it('rejects a malformed article with INVALID_ARTICLE and writes nothing', async () => {
      await expectRejected('INVALID_ARTICLE', mutation, { text: 'not an article\nat all' });
    });

    it('returns the warnings of an article read with doubt, stores them with the entry, and lists it for review (issue 13)', async () => {
      const withWarnings = `mutation($text: String!, $strict: Boolean) {
        ingestArticle(text: $text, strict: $strict) { status warnings { line code message found reading alternatives } entry { slug } }
      }`;
      const text = fs.readFileSync(path.join(projectRoot, 'test/fixtures/reflective-functioning.wiki.txt'), 'utf8');
      const refused = await expectRejected('INVALID_ARTICLE', withWarnings, { text, strict: true });
      expect(refused.errors?.[0]?.message).toMatch(/^Refused in strict mode: \d+ doubtful readings\. line \d+: /);

      const { body } = await asEditor(withWarnings, { text });
      expect(body.errors).toBeUndefined();
      const { warnings } = body.data.ingestArticle;
      expect(warnings).toContainEqual({
        line: 23,
        code: 'AMBIGUOUS_MARKER',
        message: expect.stringContaining('read as source 12; it could also be sources 1, 2'),
        found: '12',
        reading: 'source 12',
        alternatives: ['sources 1, 2'],
      });
      const stored = await gql(`{ entry(slug: "reflective-functioning") { ingestWarnings { line code } } articlesNeedingReview(first: 5) { totalCount edges { node { slug ingestWarnings { line } } } } }`);
      expect(stored.body.data.entry.ingestWarnings).toEqual(warnings.map(({ line, code }: { line: number; code: string }) => ({ line, code })));
      expect(stored.body.data.articlesNeedingReview.edges.map((e: { node: { slug: string } }) => e.node.slug)).toContain('reflective-functioning');
      expect(stored.body.data.articlesNeedingReview.edges.map((e: { node: { slug: string } }) => e.node.slug)).not.toContain('earned-security');
    });
  });

  describe('ingestOutsideReading', () => {
    const mutation = `mutation($title: String!, $text: String!, $url: String) {
      ingestOutsideReading(title: $title, text: $text, url: $url) { status changed mentions source { kind title url tier mentions { __typename } } }
    }`;
    const reading = { title: 'A blog on earned security', text: 'Earned security grows out of attachment theory, as Mary Main showed.', url: 'https://example.org/blog' };

    it('creates once, then reports no change', async () => {
      const created = await asEditor(mutation, reading);
      expect(created.body.errors).toBeUndefined();
      expect(created.body.data.ingestOutsideReading).toMatchObject({
        status: 'CREATED',
        changed: true,
        source: { kind: 'OUTSIDE_READING', title: reading.title, url: reading.url, tier: 'T3' },
      });
      expect(created.body.data.ingestOutsideReading.mentions).toBeGreaterThanOrEqual(3);
      const again = await asEditor(mutation, reading);
      expect(again.body.data.ingestOutsideReading).toMatchObject({ status: 'UNCHANGED', changed: false });
    });

    it('validates the title and URL', async () => {
      await expectRejected('BAD_USER_INPUT', mutation, { ...reading, url: 'javascript:alert(1)' });
      await expectRejected('BAD_USER_INPUT', mutation, { ...reading, title: '   ' });
      await expectRejected('BAD_USER_INPUT', mutation, { ...reading, title: 'x'.repeat(301) });
      await expectRejected('BAD_USER_INPUT', mutation, { ...reading, text: '' });
    });
  });

  describe('upsertEntry', () => {
    const mutation = `mutation($input: UpsertEntryInput!) {
      upsertEntry(input: $input) { status changed entry { __typename slug name kind aliases summary hasArticle upvotes } }
    }`;

    it("does not let an editor's alias take another entry's name: the name keeps its links (issue 16)", async () => {
      const linkOf = async (text: string) =>
        (await gql(`query($t: String!) { crossLink(text: $t) { surface target { ... on Entry { slug } } } }`, { t: text })).body.data.crossLink;
      expect(await linkOf('Attachment theory')).toEqual([{ surface: 'Attachment theory', target: { slug: 'attachment-theory' } }]);
      const { body } = await asEditor(mutation, { input: { name: 'Attachment paradigm shift', kind: 'CONSTRUCT', aliases: ['attachment theory'] } });
      expect(body.errors).toBeUndefined();
      expect(await linkOf('Attachment theory')).toEqual([{ surface: 'Attachment theory', target: { slug: 'attachment-theory' } }]);
    });

    it('creates a stub, reports a repeat as unchanged, and updates basic fields', async () => {
      const input = { name: 'Reflective Functioning Scale', kind: 'INSTRUMENT', aliases: ['RFS', 'RF scale'], summary: 'Scores mentalizing in AAI transcripts.' };
      const created = await asEditor(mutation, { input });
      expect(created.body.errors).toBeUndefined();
      expect(created.body.data.upsertEntry).toEqual({
        status: 'CREATED',
        changed: true,
        entry: { __typename: 'Instrument', slug: 'reflective-functioning-scale', name: input.name, kind: 'INSTRUMENT', aliases: ['RFS', 'RF scale'], summary: input.summary, hasArticle: false, upvotes: 0 },
      });

      const before = await graphChecksum(app.services.graph);
      const again = await asEditor(mutation, { input });
      expect(again.body.data.upsertEntry).toMatchObject({ status: 'UNCHANGED', changed: false });
      expect(await graphChecksum(app.services.graph)).toEqual(before);

      // Fields left out are kept; summary: null clears.
      const renamed = await asEditor(mutation, { input: { slug: 'reflective-functioning-scale', name: 'Reflective Functioning Scale (RFS)', kind: 'INSTRUMENT', summary: null } });
      expect(renamed.body.data.upsertEntry).toMatchObject({
        status: 'UPDATED',
        changed: true,
        entry: { slug: 'reflective-functioning-scale', name: 'Reflective Functioning Scale (RFS)', aliases: ['RFS', 'RF scale'], summary: null },
      });
    });

    it('makes new names and aliases visible to cross-linking at once', async () => {
      await asEditor(mutation, { input: { name: 'Secure Base Script', kind: 'CONSTRUCT', aliases: ['secure-base script knowledge'] } });
      const { body } = await gql(`{ crossLink(text: "Her secure-base script knowledge grew.") { surface target { ... on Construct { slug } } } }`);
      expect(body.data.crossLink).toEqual([{ surface: 'secure-base script knowledge', target: { slug: 'secure-base-script' } }]);
    });

    it('links sentences already in the graph to a new entry, and unlinks them when the name goes', async () => {
      const mentions = async () =>
        (
          await gql(`{ entry(slug: "minnesota-sample") { backlinks { slug } } }`)
        ).body.data.entry?.backlinks.map((b: { slug: string }) => b.slug);
      await asEditor(mutation, { input: { slug: 'minnesota-sample', name: 'Minnesota high-risk longitudinal sample', kind: 'POPULATION' } });
      expect(await mentions()).toEqual(['earned-security']);
      await asEditor(mutation, { input: { slug: 'minnesota-sample', name: 'Minnesota Longitudinal Study of Risk and Adaptation', kind: 'POPULATION' } });
      expect(await mentions()).toEqual([]);
    });

    it('keeps an article entry\u2019s content and upvotes when its basic fields change', async () => {
      const { body } = await asEditor(mutation, { input: { slug: 'earned-security', name: 'Earned Security', kind: 'CONSTRUCT', aliases: ['earned secure attachment', 'earned-secure attachment', 'earned-security', 'ES'] } });
      expect(body.data.upsertEntry).toMatchObject({ status: 'UPDATED', entry: { hasArticle: true, aliases: expect.arrayContaining(['ES']) } });
    });

    it('validates every field and writes nothing on error', async () => {
      await expectRejected('BAD_USER_INPUT', mutation, { input: { name: '', kind: 'CONSTRUCT' } });
      await expectRejected('BAD_USER_INPUT', mutation, { input: { name: 'x'.repeat(201), kind: 'CONSTRUCT' } });
      await expectRejected('BAD_USER_INPUT', mutation, { input: { name: '!!!', kind: 'CONSTRUCT' } });
      await expectRejected('BAD_USER_INPUT', mutation, { input: { slug: 'Not A Slug', name: 'Fine', kind: 'CONSTRUCT' } });
      await expectRejected('BAD_USER_INPUT', mutation, { input: { slug: 'double--hyphen', name: 'Fine', kind: 'CONSTRUCT' } });
      await expectRejected('BAD_USER_INPUT', mutation, { input: { name: 'Fine', kind: 'CONSTRUCT', aliases: ['a'.repeat(101)] } });
      await expectRejected('BAD_USER_INPUT', mutation, { input: { name: 'Fine', kind: 'CONSTRUCT', aliases: Array.from({ length: 31 }, (_, i) => `alias ${i}`) } });
      await expectRejected('BAD_USER_INPUT', mutation, { input: { name: 'Fine', kind: 'CONSTRUCT', summary: 's'.repeat(2001) } });
      await expectRejected('BAD_USER_INPUT', mutation, { input: { name: 'Bell\u0007', kind: 'CONSTRUCT' } });
      await expectRejected('BAD_USER_INPUT', mutation, { input: { name: 'Fine', kind: 'NOT_A_KIND' } });
    });

    it('refuses a second entry with an existing name (CONFLICT)', async () => {
      await expectRejected('CONFLICT', mutation, { input: { slug: 'another-earned-security', name: 'earned security', kind: 'CONSTRUCT' } });
    });

    it('refuses an existing name spelled with invisible or full-width characters (CONFLICT)', async () => {
      for (const name of ['Earned\u200B Security', 'Ear\u200Dned Secu\u00ADrity', '\uFEFFEarned Security\u2060', 'Ｅａｒｎｅｄ Ｓｅｃｕｒｉｔｙ']) {
        await expectRejected('CONFLICT', mutation, { input: { slug: 'another-earned-security', name, kind: 'CONSTRUCT' } });
      }
    });

    it('stores names, aliases and summaries without invisible characters, and refuses bidirectional controls', async () => {
      const input = { name: 'Secure\u200B Base Script', kind: 'CONSTRUCT', aliases: ['Se\u200Ccure base film'], summary: 'A script\u2060 of secure\uFEFF-base experiences.' };
      const { body } = await asEditor(mutation, { input });
      expect(body.errors).toBeUndefined();
      expect(body.data.upsertEntry.entry).toMatchObject({ slug: 'secure-base-script', name: 'Secure Base Script', aliases: ['Secure base film'], summary: 'A script of secure-base experiences.' });
      await expectRejected('BAD_USER_INPUT', mutation, { input: { name: 'Secure \u202Etpircs\u202C Base', kind: 'CONSTRUCT' } });
      await expectRejected('BAD_USER_INPUT', mutation, { input: { slug: 'secure-base-script', name: 'Secure Base Script', kind: 'CONSTRUCT', summary: 'A \u2067script\u2069.' } });
    });
  });

  describe('linkEntries and unlinkEntries', () => {
    const link = `mutation($from: String!, $to: String!, $relation: EntryRelation!, $lineageRelation: String, $claimId: ID!) {
      linkEntries(from: $from, to: $to, relation: $relation, lineageRelation: $lineageRelation, claimId: $claimId) {
        changed relation lineageRelation from { slug } to { slug } claim { id text }
      }
    }`;
    const unlink = `mutation($from: String!, $to: String!, $relation: EntryRelation!, $lineageRelation: String) {
      unlinkEntries(from: $from, to: $to, relation: $relation, lineageRelation: $lineageRelation) { changed removed from { slug } to { slug } }
    }`;

    it('adds a lineage link with its claim, once', async () => {
      const variables = { from: 'mentalization-based-treatment', to: 'mentalization', relation: 'LINEAGE', lineageRelation: 'Grows  out of', claimId };
      const first = await asEditor(link, variables);
      expect(first.body.errors).toBeUndefined();
      expect(first.body.data.linkEntries).toMatchObject({
        changed: true,
        relation: 'LINEAGE',
        lineageRelation: 'grows out of',
        from: { slug: 'mentalization-based-treatment' },
        to: { slug: 'mentalization' },
        claim: { id: claimId },
      });
      const before = await graphChecksum(app.services.graph);
      const again = await asEditor(link, variables);
      expect(again.body.data.linkEntries.changed).toBe(false);
      expect(await graphChecksum(app.services.graph)).toEqual(before);

      const { body } = await gql(`{ entry(slug: "mentalization") { lineage { relation direction node { slug } claim { id } } backlinks { slug } } }`);
      expect(body.data.entry.lineage).toContainEqual({ relation: 'grows out of', direction: 'INCOMING', node: { slug: 'mentalization-based-treatment' }, claim: { id: claimId } });
      expect(body.data.entry.backlinks).toContainEqual({ slug: 'mentalization-based-treatment' });
    });

    it('adds and removes a TARGETS link; removing again changes nothing', async () => {
      const variables = { from: 'mentalization', to: 'complex-ptsd', relation: 'TARGETS', claimId };
      expect((await asEditor(link, variables)).body.data.linkEntries.changed).toBe(true);
      expect((await gql(`{ entry(slug: "mentalization") { targets { slug } } }`)).body.data.entry.targets).toContainEqual({ slug: 'complex-ptsd' });

      const removed = await asEditor(unlink, { from: 'mentalization', to: 'complex-ptsd', relation: 'TARGETS' });
      expect(removed.body.data.unlinkEntries).toEqual({ changed: true, removed: 1, from: { slug: 'mentalization' }, to: { slug: 'complex-ptsd' } });
      const before = await graphChecksum(app.services.graph);
      const again = await asEditor(unlink, { from: 'mentalization', to: 'complex-ptsd', relation: 'TARGETS' });
      expect(again.body.data.unlinkEntries).toMatchObject({ changed: false, removed: 0 });
      expect(await graphChecksum(app.services.graph)).toEqual(before);
      expect((await gql(`{ entry(slug: "mentalization") { targets { slug } } }`)).body.data.entry.targets).not.toContainEqual({ slug: 'complex-ptsd' });
    });

    it('keeps an editor link the article does not state when the article is re-ingested with changes', async () => {
      const variables = { from: 'earned-security', to: 'mentalization-based-treatment', relation: 'LINEAGE', lineageRelation: 'informs', claimId };
      expect((await asEditor(link, variables)).body.data.linkEntries.changed).toBe(true);
      const edited = seedArticle.replace('It is a well-established construct', 'It is a well established construct');
      const reingest = 'mutation($t: String!) { ingestArticle(text: $t) { status } }';
      expect((await asEditor(reingest, { t: edited })).body.data.ingestArticle.status).toBe('UPDATED');
      const lineage = async () => (await gql(`{ entry(slug: "earned-security") { lineage { relation node { slug } } } }`)).body.data.entry.lineage;
      expect(await lineage()).toContainEqual({ relation: 'informs', node: { slug: 'mentalization-based-treatment' } });
      expect((await asEditor(reingest, { t: seedArticle })).body.data.ingestArticle.status).toBe('UPDATED');
      expect(await lineage()).toContainEqual({ relation: 'informs', node: { slug: 'mentalization-based-treatment' } });
      expect((await asEditor(unlink, { from: 'earned-security', to: 'mentalization-based-treatment', relation: 'LINEAGE', lineageRelation: 'informs' })).body.data.unlinkEntries.removed).toBe(1);
    });

    it('needs an existing claim (NOT_FOUND) and existing entries', async () => {
      const missingClaim = toGlobalId('Claim', 'earned-security/c/0000000000000000');
      const body = await expectRejected('NOT_FOUND', link, { from: 'mentalization', to: 'complex-ptsd', relation: 'TARGETS', claimId: missingClaim });
      expect(body.errors?.[0]?.message).toMatch(/claim/i);
      await expectRejected('NOT_FOUND', link, { from: 'no-such-entry', to: 'complex-ptsd', relation: 'TARGETS', claimId });
      await expectRejected('NOT_FOUND', link, { from: 'mentalization', to: 'no-such-entry', relation: 'TARGETS', claimId });
      await expectRejected('NOT_FOUND', unlink, { from: 'mentalization', to: 'no-such-entry', relation: 'TARGETS' });
    });

    it('validates relation, lineage name, kinds, slugs and the claim ID', async () => {
      await expectRejected('BAD_USER_INPUT', link, { from: 'mentalization', to: 'attachment-theory', relation: 'LINEAGE', claimId });
      await expectRejected('BAD_USER_INPUT', link, { from: 'mentalization', to: 'complex-ptsd', relation: 'TARGETS', lineageRelation: 'extends', claimId });
      await expectRejected('BAD_USER_INPUT', link, { from: 'mentalization', to: 'couples', relation: 'TARGETS', claimId });
      await expectRejected('BAD_USER_INPUT', link, { from: 'mentalization', to: 'complex-ptsd', relation: 'INDICATED_FOR', claimId });
      await expectRejected('BAD_USER_INPUT', link, { from: 'mentalization', to: 'mentalization', relation: 'LINEAGE', lineageRelation: 'extends', claimId });
      await expectRejected('BAD_USER_INPUT', link, { from: 'mentalization', to: 'attachment-theory', relation: 'LINEAGE', lineageRelation: 'x'.repeat(61), claimId });
      await expectRejected('BAD_USER_INPUT', link, { from: 'mentalization', to: 'attachment-theory', relation: 'LINEAGE', lineageRelation: 'extends; DROP', claimId });
      await expectRejected('BAD_USER_INPUT', link, { from: 'Mentalization', to: 'complex-ptsd', relation: 'TARGETS', claimId });
      await expectRejected('BAD_USER_INPUT', link, { from: 'mentalization', to: 'complex-ptsd', relation: 'TARGETS', claimId: sourceId });
      await expectRejected('BAD_USER_INPUT', link, { from: 'mentalization', to: 'complex-ptsd', relation: 'TARGETS', claimId: 'not-an-id' });
      await expectRejected('BAD_USER_INPUT', link, { from: 'mentalization', to: 'complex-ptsd', relation: 'SEE_ALSO', claimId });
    });
  });

  describe('setSeeAlso', () => {
    const mutation = `mutation($slug: String!, $targets: [String!]!) { setSeeAlso(slug: $slug, targets: $targets) { changed entry { slug } } }`;
    const panel = async (slug: string) =>
      (await gql(`{ entry(slug: "${slug}") { seeAlso(first: 50) { edges { node { slug } reasons { kind } } } } }`)).body.data.entry.seeAlso.edges as Array<{
        node: { slug: string };
        reasons: Array<{ kind: string }>;
      }>;
    const curated = async (slug: string) =>
      (await app.services.graph.query<{ slug: string; rank: number; curated: boolean }>(
        `MATCH (:Entry {slug: $slug})-[r:SEE_ALSO]->(o) RETURN o.slug AS slug, r.rank AS rank, r.curated AS curated ORDER BY r.rank`,
        { slug },
      ));

    it('replaces the list in order, marked curated, and reports a repeat as unchanged', async () => {
      const first = await asEditor(mutation, { slug: 'mentalization', targets: ['mary-main', 'earned-security'] });
      expect(first.body.errors).toBeUndefined();
      expect(first.body.data.setSeeAlso).toEqual({ changed: true, entry: { slug: 'mentalization' } });
      expect(await curated('mentalization')).toEqual([
        { slug: 'mary-main', rank: 0, curated: true },
        { slug: 'earned-security', rank: 1, curated: true },
      ]);
      const edges = await panel('mentalization');
      for (const slug of ['mary-main', 'earned-security']) {
        expect(edges.find((e) => e.node.slug === slug)?.reasons.map((r) => r.kind)).toContain('CURATED');
      }

      const before = await graphChecksum(app.services.graph);
      expect((await asEditor(mutation, { slug: 'mentalization', targets: ['mary-main', 'earned-security'] })).body.data.setSeeAlso.changed).toBe(false);
      expect(await graphChecksum(app.services.graph)).toEqual(before);

      expect((await asEditor(mutation, { slug: 'mentalization', targets: ['earned-security', 'mary-main'] })).body.data.setSeeAlso.changed).toBe(true);
      expect((await curated('mentalization')).map((r) => r.slug)).toEqual(['earned-security', 'mary-main']);

      expect((await asEditor(mutation, { slug: 'mentalization', targets: [] })).body.data.setSeeAlso.changed).toBe(true);
      expect(await curated('mentalization')).toEqual([]);
    });

    it('validates targets: existing, distinct, not the entry itself', async () => {
      await expectRejected('NOT_FOUND', mutation, { slug: 'mentalization', targets: ['earned-security', 'no-such-entry'] });
      await expectRejected('NOT_FOUND', mutation, { slug: 'no-such-entry', targets: [] });
      await expectRejected('BAD_USER_INPUT', mutation, { slug: 'mentalization', targets: ['mentalization'] });
      await expectRejected('BAD_USER_INPUT', mutation, { slug: 'mentalization', targets: ['earned-security', 'earned-security'] });
      await expectRejected('BAD_USER_INPUT', mutation, { slug: 'mentalization', targets: ['Earned Security'] });
      await expectRejected('BAD_USER_INPUT', mutation, { slug: 'mentalization', targets: Array.from({ length: 51 }, (_, i) => `entry-${i}`) });
    });
  });

  describe('retractSource', () => {
    const mutation = `mutation($id: ID!, $reason: String!) { retractSource(id: $id, reason: $reason) { changed source { id retracted retractionReason } } }`;

    it('marks the source retracted on every claim citing it, once', async () => {
      const { body } = await asEditor(mutation, { id: sourceId, reason: 'Data fabrication found in 2025.' });
      expect(body.errors).toBeUndefined();
      expect(body.data.retractSource).toEqual({ changed: true, source: { id: sourceId, retracted: true, retractionReason: 'Data fabrication found in 2025.' } });

      const before = await graphChecksum(app.services.graph);
      expect((await asEditor(mutation, { id: sourceId, reason: 'Data fabrication found in 2025.' })).body.data.retractSource.changed).toBe(false);
      expect(await graphChecksum(app.services.graph)).toEqual(before);

      const claim = await gql(`query($id: ID!) { node(id: $id) { ... on Claim { sources { id retracted retractionReason } } } }`, { id: claimId });
      expect(claim.body.data.node.sources).toContainEqual({ id: sourceId, retracted: true, retractionReason: 'Data fabrication found in 2025.' });
      const citing = await gql(`query($id: ID!) { node(id: $id) { ... on Source { claims(first: 100) { edges { node { sources { id retracted } } } } } } }`, { id: sourceId });
      for (const edge of citing.body.data.node.claims.edges) expect(edge.node.sources).toContainEqual({ id: sourceId, retracted: true });

      const reworded = await asEditor(mutation, { id: sourceId, reason: 'Retracted by the journal.' });
      expect(reworded.body.data.retractSource).toMatchObject({ changed: true, source: { retractionReason: 'Retracted by the journal.' } });
    });

    it('needs an existing source ID and a reason', async () => {
      await expectRejected('NOT_FOUND', mutation, { id: toGlobalId('Source', 'ref:nothing'), reason: 'Because.' });
      await expectRejected('BAD_USER_INPUT', mutation, { id: claimId, reason: 'Because.' });
      await expectRejected('BAD_USER_INPUT', mutation, { id: '%%%', reason: 'Because.' });
      await expectRejected('BAD_USER_INPUT', mutation, { id: sourceId, reason: ' ' });
      await expectRejected('BAD_USER_INPUT', mutation, { id: sourceId, reason: 'r'.repeat(501) });
    });
  });

  describe('pendingRevisions', () => {
    it('lists suggestions for editors, oldest first, paginated', async () => {
      for (const n of [1, 2, 3]) {
        const { body } = await gql(
          `mutation($input: SuggestRevisionInput!) { suggestRevision(input: $input) { changed } }`,
          { input: { slug: 'mentalization', text: `Suggestion number ${n}: cite Fonagy and Bateman's 2016 handbook.` } },
          await readerHeaders(app, `suggester-${n}`),
        );
        expect(body.data.suggestRevision.changed).toBe(true);
      }
      const page1 = await asEditor(`{ pendingRevisions(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { text status entry { slug } } } } }`);
      expect(page1.body.errors).toBeUndefined();
      const connection = page1.body.data.pendingRevisions;
      expect(connection.totalCount).toBeGreaterThanOrEqual(3);
      expect(connection.edges).toHaveLength(2);
      expect(connection.edges[0].node).toMatchObject({ status: 'PENDING', entry: { slug: 'mentalization' } });
      const page2 = await asEditor(`query($after: String) { pendingRevisions(first: 100, after: $after) { edges { node { text } } } }`, {
        after: connection.pageInfo.endCursor,
      });
      const texts = [...connection.edges, ...page2.body.data.pendingRevisions.edges].map((e: { node: { text: string } }) => e.node.text);
      expect(texts.filter((t: string) => t.startsWith('Suggestion number'))).toEqual([1, 2, 3].map((n) => `Suggestion number ${n}: cite Fonagy and Bateman's 2016 handbook.`));
      await expectRejected('BAD_USER_INPUT', `{ pendingRevisions(first: 101) { totalCount } }`);
    });
  });
});
