import type { App } from '../../src/server';
import { bearer, editorHeaders, graphChecksum, readerHeaders } from '../support/auth';
import { graphql, startTestApp } from '../support/test-app';

const UPVOTE = `mutation($slug: String!) { upvoteEntry(slug: $slug) { changed entry { slug upvotes } } }`;
const SUGGEST = `mutation($input: SuggestRevisionInput!) {
  suggestRevision(input: $input) { changed suggestion { id text sources creditPreference creditName status createdAt entry { slug } } }
}`;

/** Upvotes and revision suggestions: public, once per client, rate-limited, screened for PHI. */
describe('public writes', () => {
  let app: App;
  beforeAll(async () => {
    app = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '1000' } });
  });
  afterAll(() => app.stop());

  const gql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    graphql(app.url, query, variables, { headers });

  describe('upvoteEntry', () => {
    it('counts one upvote per client; repeats change nothing', async () => {
      const alice = await readerHeaders(app, 'alice');
      const bob = await readerHeaders(app, 'bob');
      const start = (await gql(`{ entry(slug: "mentalization") { upvotes } }`)).body.data.entry.upvotes as number;

      expect((await gql(UPVOTE, { slug: 'mentalization' }, alice)).body.data.upvoteEntry).toEqual({ changed: true, entry: { slug: 'mentalization', upvotes: start + 1 } });
      const before = await graphChecksum(app.services.graph);
      expect((await gql(UPVOTE, { slug: 'mentalization' }, alice)).body.data.upvoteEntry).toEqual({ changed: false, entry: { slug: 'mentalization', upvotes: start + 1 } });
      expect(await graphChecksum(app.services.graph)).toEqual(before);

      expect((await gql(UPVOTE, { slug: 'mentalization' }, bob)).body.data.upvoteEntry.entry.upvotes).toBe(start + 2);
      // Anonymous clients are told apart by address: this one is new, its repeat is not.
      expect((await gql(UPVOTE, { slug: 'mentalization' })).body.data.upvoteEntry).toMatchObject({ changed: true, entry: { upvotes: start + 3 } });
      expect((await gql(UPVOTE, { slug: 'mentalization' })).body.data.upvoteEntry).toMatchObject({ changed: false, entry: { upvotes: start + 3 } });
      expect((await gql(`{ entry(slug: "mentalization") { upvotes } }`)).body.data.entry.upvotes).toBe(start + 3);
    });

    it('counts concurrent repeats from one client once', async () => {
      const carol = await readerHeaders(app, 'carol');
      const start = (await gql(`{ entry(slug: "couples") { upvotes } }`)).body.data.entry.upvotes as number;
      const results = await Promise.all(Array.from({ length: 5 }, () => gql(UPVOTE, { slug: 'couples' }, carol)));
      for (const { status, body } of results) {
        expect(status).toBe(200);
        expect(body.errors).toBeUndefined();
      }
      expect(results.filter((r) => r.body.data?.upvoteEntry?.changed === true)).toHaveLength(1);
      expect((await gql(`{ entry(slug: "couples") { upvotes } }`)).body.data.entry.upvotes).toBe(start + 1);
    });

    it('stores no client address or subject in clear', async () => {
      const rows = await app.services.graph.query<{ clientId: string }>(`MATCH (u:Upvote) RETURN u.clientId AS clientId`);
      expect(rows.length).toBeGreaterThan(0);
      for (const { clientId } of rows) expect(clientId).toMatch(/^[0-9a-f]{32}$/);
    });

    it('validates the slug and needs an existing entry', async () => {
      const before = await graphChecksum(app.services.graph);
      expect((await gql(UPVOTE, { slug: 'no-such-entry' })).body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect((await gql(UPVOTE, { slug: 'Not a slug' })).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await gql(UPVOTE, { slug: 'x'.repeat(201) })).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(await graphChecksum(app.services.graph)).toEqual(before);
    });
  });

  describe('suggestRevision', () => {
    const input = {
      slug: 'earned-security',
      text: 'The Evidence Base section could cite Roisman et al. (2002) for the prospective findings.',
      sources: ['Roisman, G. I., Padrón, E., Sroufe, L. A., & Egeland, B. (2002). Child Development, 73(4), 1204-1219. https://doi.org/10.1111/1467-8624.00467'],
      creditPreference: 'INITIALS',
      creditName: 'Jane van der Berg-Smith',
    };

    it('stores a pending suggestion once per client; repeats change nothing', async () => {
      const dana = await readerHeaders(app, 'dana');
      const { body } = await gql(SUGGEST, { input }, dana);
      expect(body.errors).toBeUndefined();
      const { suggestion } = body.data.suggestRevision;
      expect(body.data.suggestRevision.changed).toBe(true);
      expect(suggestion).toMatchObject({
        text: input.text,
        sources: input.sources,
        creditPreference: 'INITIALS',
        creditName: 'J. v. d. B.-S.',
        status: 'PENDING',
        entry: { slug: 'earned-security' },
      });
      expect(new Date(suggestion.createdAt).getTime()).not.toBeNaN();

      const before = await graphChecksum(app.services.graph);
      const again = await gql(SUGGEST, { input }, dana);
      expect(again.body.data.suggestRevision).toMatchObject({ changed: false, suggestion: { id: suggestion.id } });
      expect(await graphChecksum(app.services.graph)).toEqual(before);

      // Only initials are stored for INITIALS credit.
      const stored = await app.services.graph.query(`MATCH (r:RevisionSuggestion) WHERE r.creditName CONTAINS 'Smith' RETURN r`);
      expect(stored).toEqual([]);
    });

    it('credits by name, or not at all', async () => {
      const named = await gql(SUGGEST, { input: { ...input, text: `${input.text} (named)`, creditPreference: 'NAME', creditName: 'Jane  Smith' } });
      expect(named.body.data.suggestRevision.suggestion).toMatchObject({ creditPreference: 'NAME', creditName: 'Jane Smith' });
      const anonymous = await gql(SUGGEST, { input: { slug: 'earned-security', text: `${input.text} (anonymous)`, creditName: 'Ignored Name' } });
      expect(anonymous.body.data.suggestRevision.suggestion).toMatchObject({ creditPreference: 'ANONYMOUS', creditName: null, sources: [] });
    });

    it('is not readable by the public', async () => {
      const { body } = await gql(`{ pendingRevisions { totalCount } }`);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const editor = await gql(`{ pendingRevisions(first: 100) { totalCount } }`, {}, await editorHeaders(app));
      expect(editor.body.data.pendingRevisions.totalCount).toBeGreaterThanOrEqual(3);
    });

    it.each<[string, Record<string, unknown>]>([
      ['unknown entry', { slug: 'no-such-entry' }],
      ['bad slug', { slug: 'Earned Security' }],
      ['text too short', { text: 'Too short' }],
      ['text too long', { text: 'a '.repeat(5_001) }],
      ['control characters', { text: 'Cite the 2024 review, please.\u0000\u0001' }],
      ['a bidirectional override in the text', { text: 'Cite the review, please: \u202E7654-321 )555(\u202C' }],
      ['a bidirectional isolate in a source', { sources: ['Main, M. (1991) \u2066Metacognitive knowledge\u2069'] }],
      ['too many sources', { sources: Array.from({ length: 21 }, (_, i) => `Source ${i}`) }],
      ['source too long', { sources: ['s'.repeat(501)] }],
      ['empty source', { sources: ['  '] }],
      ['credit name missing', { creditPreference: 'NAME', creditName: null }],
      ['credit name with digits', { creditPreference: 'NAME', creditName: 'Agent 007' }],
      ['credit name too long', { creditPreference: 'NAME', creditName: 'A'.repeat(101) }],
      ['unknown credit preference', { creditPreference: 'LOUDLY' }],
    ])('rejects %s and stores nothing', async (_case, change) => {
      const before = await graphChecksum(app.services.graph);
      const { status, body } = await gql(SUGGEST, { input: { ...input, ...change } });
      expect(status).toBeLessThan(500);
      expect(body.errors?.[0]?.extensions?.code).toBe(change.slug === 'no-such-entry' ? 'NOT_FOUND' : 'BAD_USER_INPUT');
      expect(await graphChecksum(app.services.graph)).toEqual(before);
    });

    describe('PHI screening', () => {
      it.each<[string, string, string[]]>([
        ['an email', 'Please email me at therapist.jane@example.com about the Evidence Base section.', ['EMAIL']],
        ['a phone number', 'Call me on +44 20 7946 0958 to discuss the Evidence Base section.', ['PHONE_NUMBER']],
        ['a date of birth', 'My client (DOB 03/04/1980) found the corrective relationship idea helpful.', ['DATE_OF_BIRTH']],
        ['a record number', 'In the notes (MRN: 00123456) I recorded how the AAI helped set the agenda.', ['RECORD_NUMBER']],
        ['an address', 'The family at 42 Wallaby Way struggled with intergenerational transmission.', ['STREET_ADDRESS']],
        [
          'a named client',
          'My client Jane Smith, diagnosed with depression, found the earned security framing hopeful.',
          ['NAMED_PERSON_WITH_CLINICAL_DETAILS'],
        ],
        [
          'several kinds',
          'Jane Smith was diagnosed with PTSD; reach her at jane@example.com or 555-123-4567.',
          ['NAMED_PERSON_WITH_CLINICAL_DETAILS', 'EMAIL', 'PHONE_NUMBER'],
        ],
      ])('refuses %s with PHI_DETECTED, names the kinds, never the values, stores nothing', async (_case, text, kinds) => {
        const before = await graphChecksum(app.services.graph);
        const { status, body } = await gql(SUGGEST, { input: { slug: 'earned-security', text } });
        expect(status).toBe(200);
        const error = body.errors?.[0] as { message: string; extensions: { code: string; findings: Array<{ kind: string; field: string }> } };
        expect(error.extensions.code).toBe('PHI_DETECTED');
        expect(error.extensions.findings.map((f) => f.kind).sort()).toEqual([...kinds].sort());
        expect(error.message).toMatch(/nothing was stored/);
        for (const secret of ['jane@example.com', 'therapist.jane', '7946 0958', '555-123-4567', '03/04/1980', '00123456', 'Wallaby', 'Jane Smith']) {
          expect(JSON.stringify(body)).not.toContain(secret);
        }
        expect(await graphChecksum(app.services.graph)).toEqual(before);
      });

      it.each<[string, Record<string, unknown>, string, string]>([
        ['a full-width email', { text: 'Please write to ｊａｎｅ＠ｅｘａｍｐｌｅ．ｏｒｇ about the Evidence Base section.' }, 'EMAIL', 'input.text'],
        ['a phone number with non-breaking hyphens', { text: 'Call me on 555\u2011123\u20114567 about the Evidence Base section.' }, 'PHONE_NUMBER', 'input.text'],
        ['a named client with a Cyrillic letter', { text: 'My client J\u0430ne Smith, diagnosed with depression, found this hopeful.' }, 'NAMED_PERSON_WITH_CLINICAL_DETAILS', 'input.text'],
        ['a dotted record number in a source', { sources: ['Discharge summary, M.R.N. 00123456'] }, 'RECORD_NUMBER', 'input.sources[0]'],
        ['clinical details in the credit name', { creditPreference: 'NAME', creditName: 'Dr Jane Smith my patient has PTSD' }, 'NAMED_PERSON_WITH_CLINICAL_DETAILS', 'input.creditName'],
        ['clinical details in a credit name kept as initials', { creditPreference: 'INITIALS', creditName: 'Jane Smith PTSD patient' }, 'NAMED_PERSON_WITH_CLINICAL_DETAILS', 'input.creditName'],
      ])('refuses %s (PHI_DETECTED) and stores nothing', async (_case, change, kind, field) => {
        const before = await graphChecksum(app.services.graph);
        const { body } = await gql(SUGGEST, { input: { slug: 'earned-security', text: 'The Evidence Base section could cite the 2024 review.', ...change } });
        expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'PHI_DETECTED', findings: [expect.objectContaining({ kind, field })] });
        expect(await graphChecksum(app.services.graph)).toEqual(before);
      });

      it('stores suggestions without invisible characters', async () => {
        const text = 'Within 12\u200B sessions the Evidence\u00AD Base section could cite Roisman et al. (2002), 73(4), 1204\u20131219.';
        const { body } = await gql(SUGGEST, { input: { slug: 'earned-security', text, creditPreference: 'NAME', creditName: 'Jos\u00E9 Garc\u00EDa\u200B' } });
        expect(body.errors).toBeUndefined();
        expect(body.data.suggestRevision.suggestion).toMatchObject({
          text: 'Within 12 sessions the Evidence Base section could cite Roisman et al. (2002), 73(4), 1204\u20131219.',
          creditName: 'Jos\u00E9 Garc\u00EDa',
        });
      });

      it('screens the sources too', async () => {
        const { body } = await gql(SUGGEST, { input: { slug: 'earned-security', text: 'Add the case study listed in the sources.', sources: ['Case notes of John Doe, diagnosed with C-PTSD'] } });
        expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'PHI_DETECTED', findings: [{ kind: 'NAMED_PERSON_WITH_CLINICAL_DETAILS', field: 'input.sources[0]' }] });
      });

      it('accepts research prose that names researchers', async () => {
        const text =
          'Mary Main developed the AAI and, with Judith Solomon, the disorganized classification; Sue Johnson developed EFT for couples and depression. ' +
          'Clients diagnosed with complex PTSD may find the corrective-relationship pathway hopeful (Saunders et al., 2011; doi:10.1017/S0954579410000374).';
        const { body } = await gql(SUGGEST, { input: { slug: 'earned-security', text, sources: ['Main, M. (1991). Metacognitive knowledge. ISBN 978-0-415-04573-8'] } });
        expect(body.errors).toBeUndefined();
        expect(body.data.suggestRevision.changed).toBe(true);
      });
    });
  });
});

describe('rate limits on public writes', () => {
  let app: App;
  beforeAll(async () => {
    app = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(() => app.stop());

  it('answers RATE_LIMITED past the per-minute limit, per client, and writes nothing then', async () => {
    const erin = await bearer(app, ['reader'], 'erin');
    const slugs = ['mentalization', 'couples', 'earned-security'];
    for (const slug of slugs) {
      const { body } = await graphql(app.url, UPVOTE, { slug }, { headers: erin });
      expect(body.errors).toBeUndefined();
    }
    const before = await graphChecksum(app.services.graph);
    const limited = await graphql(app.url, UPVOTE, { slug: 'mary-main' }, { headers: erin });
    expect(limited.status).toBe(200);
    expect(limited.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(limited.body.errors?.[0]?.message).toMatch(/at most 3 a minute/);
    const suggestion = await graphql(
      app.url,
      SUGGEST,
      { input: { slug: 'mary-main', text: 'Add her 1990 chapter with Solomon, please.' } },
      { headers: erin },
    );
    expect(suggestion.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(await graphChecksum(app.services.graph)).toEqual(before);

    // Another client has its own budget.
    const frank = await bearer(app, ['reader'], 'frank');
    expect((await graphql(app.url, UPVOTE, { slug: 'mary-main' }, { headers: frank })).body.data.upvoteEntry.changed).toBe(true);
  });
});
