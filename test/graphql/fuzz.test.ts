import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { projectRoot } from '../../src/config';
import type { App } from '../../src/server';
import { editorHeaders, graphChecksum, readerHeaders } from '../support/auth';
import { startTestApp } from '../support/test-app';

/**
 * Property-based tests: random documents, variables, headers, inputs and
 * article texts thrown at the real server over HTTP. Whatever comes in, the
 * server answers with a status below 500 and a JSON body, keeps answering
 * /health/live, and a request that did not succeed in writing leaves the
 * graph exactly as it was. Fixed seeds keep every run the same.
 */
const SEED = 20_251_124;

type Body = { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };

const FIELDS = [
  'entry', 'entries', 'node', 'search', 'evidence', 'path', 'crossLink', 'pendingRevisions', 'name', 'slug', 'kind', 'aliases',
  'summary', 'sections', 'claims', 'sources', 'seeAlso', 'lineage', 'targets', 'backlinks', 'edges', 'pageInfo', 'id', 'text',
  'title', 'retracted', 'upvotes', '__typename', '__schema', '__type', 'types', 'fields', 'upvoteEntry', 'suggestRevision',
  'upsertEntry', 'linkEntries', 'unlinkEntries', 'setSeeAlso', 'retractSource', 'ingestArticle', 'bogus', 'constructor', '__proto__',
];
const ARGUMENTS = ['slug', 'first', 'after', 'id', 'query', 'statement', 'text', 'input', 'from', 'to', 'maxHops', 'kind', 'targets', 'relation', 'reason'];
const SLUGS = ['earned-security', 'mentalization', 'couples', 'complex-ptsd', 'mary-main', 'no-such-entry', 'Earned Security', ''];

const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.constantFrom(...SLUGS), fc.string({ maxLength: 20 }));

/** A GraphQL value literal, sometimes invalid on purpose. */
const literal: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    anyText.map((s) => JSON.stringify(s)),
    fc.integer().map(String),
    fc.constantFrom('0', '-1', '101', '1000000000000', '1e400', '3.5', 'true', 'null', 'CONSTRUCT', 'LINEAGE', 'TARGETS', '$v', '$undefined'),
    fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
    fc.array(fc.tuple(fc.constantFrom('name', 'kind', 'slug', 'text', 'aliases', 'x'), tie('value')), { maxLength: 3 }).map((pairs) => `{${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
  ),
})).value;

function selectionSet(depth: number): fc.Arbitrary<string> {
  const field = fc
    .record({
      alias: fc.option(fc.constantFrom('a', 'b', 'x1'), { nil: undefined }),
      name: fc.constantFrom(...FIELDS),
      args: fc.array(fc.tuple(fc.constantFrom(...ARGUMENTS), literal), { maxLength: 3 }),
      directive: fc.option(fc.constantFrom('@include(if: true)', '@skip(if: false)', '@skip(if: $v)', '@deprecated', '@nope'), { nil: undefined }),
      inline: fc.option(fc.constantFrom('Construct', 'Claim', 'Source', 'Nope'), { nil: undefined }),
      sub: depth > 0 ? fc.option(selectionSet(depth - 1), { nil: undefined }) : fc.constant(undefined),
    })
    .map(({ alias, name, args, directive, inline, sub }) => {
      const call = `${alias ? `${alias}: ` : ''}${name}${args.length ? `(${args.map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}${directive ? ` ${directive}` : ''}${sub ? ` ${sub}` : ''}`;
      return inline ? `... on ${inline} { ${call} }` : call;
    });
  return fc.array(field, { minLength: 1, maxLength: 4 }).map((fields) => `{ ${fields.join(' ')} }`);
}

/** Mostly well-formed documents of every operation type, some with fragments, and plain junk. */
const documents = fc.oneof(
  { weight: 4, arbitrary: fc
    .record({
      type: fc.constantFrom('', 'query', 'mutation', 'subscription', 'query Q', 'mutation M($v: Boolean)', 'query($v: String, $n: Int)'),
      selection: selectionSet(4),
      fragment: fc.option(selectionSet(2), { nil: undefined }),
    })
    .map(({ type, selection, fragment }) => (fragment ? `${type} ${selection}\nfragment F on Entry ${fragment}` : `${type} ${selection}`)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.constantFrom('{', '}', '{ entry(slug: "earned-security") { ...F } }', 'query { a: __typename a: __schema }', '#comment only', '') },
);

const variables = fc.oneof(fc.constant(undefined), fc.dictionary(fc.constantFrom('v', 'n', 'input', 'slug', 'x'), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 3 }), fc.jsonValue({ maxDepth: 2 }));

/** True when the response reports at least one mutation field that succeeded (so the graph may have changed). */
const mayHaveWritten = (query: string, body: Body) =>
  /mutation/.test(query) && !!body.data && typeof body.data === 'object' && Object.values(body.data).some((value) => value !== null);

describe('fuzzing the server', () => {
  let app: App;
  let headerChoices: Array<Record<string, string>>;
  const seedArticle = fs.readFileSync(path.join(projectRoot, 'seeds/articles/earned-security.wiki.txt'), 'utf8');

  beforeAll(async () => {
    app = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } });
    headerChoices = [{}, await editorHeaders(app, 'fuzz-editor'), await readerHeaders(app, 'fuzz-reader'), { authorization: 'Bearer x.y.z' }, { authorization: 'Basic Zm9v' }];
  });
  afterAll(() => app.stop());

  /** POSTs, and checks the invariants every answer must keep. */
  async function send(payload: unknown, headers: Record<string, string>, contentType = 'application/json'): Promise<{ status: number; body: Body }> {
    const response = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': contentType, ...headers },
      body: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
    const text = await response.text();
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get('content-type')).toMatch(/json/);
    const body = JSON.parse(text) as Body;
    expect(text).not.toMatch(/Neo4j|Neo\.ClientError|Cypher/i);
    return { status: response.status, body };
  }

  async function expectUnchangedUnlessWritten(run: () => Promise<{ query: string; body: Body }>) {
    const before = await graphChecksum(app.services.graph);
    const { query, body } = await run();
    if (!mayHaveWritten(query, body)) expect(await graphChecksum(app.services.graph)).toEqual(before);
  }

  it('answers random documents, variables and headers without a 5xx, writing nothing it refuses', async () => {
    await fc.assert(
      fc.asyncProperty(documents, variables, fc.nat({ max: 4 }), async (query, vars, who) => {
        await expectUnchangedUnlessWritten(async () => {
          const { body } = await send({ query, variables: vars }, headerChoices[who]!);
          return { query, body };
        });
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('answers random request bodies and content types without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), fc.string({ unit: 'binary', maxLength: 100 })),
        fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/graphql-response+json', 'application/json; charset=latin1'),
        async (raw, contentType) => {
          const before = await graphChecksum(app.services.graph);
          await send(raw, headerChoices[1]!, contentType);
          expect(await graphChecksum(app.services.graph)).toEqual(before);
        },
      ),
      { seed: SEED, numRuns: 60 },
    );
  });

  it('validates random mutation inputs, writing nothing when it refuses them', async () => {
    const upsert = fc.record(
      {
        slug: fc.option(anyText, { nil: undefined }),
        name: anyText,
        kind: fc.constantFrom('CONSTRUCT', 'PERSON', 'POPULATION', 'NOPE'),
        aliases: fc.option(fc.array(anyText, { maxLength: 4 }), { nil: undefined }),
        summary: fc.option(fc.string({ unit: 'binary', maxLength: 300 }), { nil: undefined }),
      },
      { requiredKeys: ['name', 'kind'] },
    );
    const operations = fc.oneof(
      upsert.map((input) => ({ query: 'mutation($input: UpsertEntryInput!) { upsertEntry(input: $input) { status entry { slug } } }', variables: { input } })),
      fc.record({ from: anyText, to: anyText, relation: fc.constantFrom('LINEAGE', 'TARGETS', 'INDICATED_FOR', 'X'), lineageRelation: fc.option(anyText), claimId: anyText }).map((variables) => ({
        query: 'mutation($from: String!, $to: String!, $relation: EntryRelation!, $lineageRelation: String, $claimId: ID!) { linkEntries(from: $from, to: $to, relation: $relation, lineageRelation: $lineageRelation, claimId: $claimId) { changed } }',
        variables,
      })),
      fc.record({ slug: anyText, targets: fc.array(anyText, { maxLength: 5 }) }).map((variables) => ({
        query: 'mutation($slug: String!, $targets: [String!]!) { setSeeAlso(slug: $slug, targets: $targets) { changed } }',
        variables,
      })),
      fc.record({ id: anyText, reason: anyText }).map((variables) => ({
        query: 'mutation($id: ID!, $reason: String!) { retractSource(id: $id, reason: $reason) { changed } }',
        variables,
      })),
      fc.record({ title: anyText, text: fc.string({ unit: 'binary', maxLength: 200 }), url: fc.option(anyText) }).map((variables) => ({
        query: 'mutation($title: String!, $text: String!, $url: String) { ingestOutsideReading(title: $title, text: $text, url: $url) { status } }',
        variables,
      })),
      fc.record({ slug: anyText, text: fc.string({ unit: 'binary', maxLength: 300 }), sources: fc.option(fc.array(anyText, { maxLength: 3 })), creditPreference: fc.constantFrom('ANONYMOUS', 'NAME', 'INITIALS'), creditName: fc.option(anyText) }).map((input) => ({
        query: 'mutation($input: SuggestRevisionInput!) { suggestRevision(input: $input) { changed } }',
        variables: { input },
      })),
      anyText.map((slug) => ({ query: 'mutation($slug: String!) { upvoteEntry(slug: $slug) { changed } }', variables: { slug } })),
    );
    await fc.assert(
      fc.asyncProperty(operations, async ({ query, variables: vars }) => {
        await expectUnchangedUnlessWritten(async () => {
          const { body } = await send({ query, variables: vars }, headerChoices[1]!);
          return { query, body };
        });
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('refuses suggestions with PHI hidden in ordinary text, storing nothing', async () => {
    const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
    const phi = fc.oneof(
      fc.emailAddress().map((email) => ({ kind: 'EMAIL', text: `email ${email}` })),
      fc.tuple(digits(3), digits(3), digits(4)).map(([a, b, c]) => ({ kind: 'PHONE_NUMBER', text: `call (${a}) ${b}-${c}` })),
      fc.tuple(fc.integer({ min: 1, max: 9 }), digits(2), digits(3), digits(4)).map(([cc, a, b, c]) => ({ kind: 'PHONE_NUMBER', text: `on +${cc} ${a} ${b} ${c}` })),
      fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1930, max: 2020 })).map(([d, m, y]) => ({ kind: 'DATE_OF_BIRTH', text: `born on ${d}/${m}/${y}` })),
      digits(8).map((n) => ({ kind: 'RECORD_NUMBER', text: `MRN ${n}` })),
      fc.tuple(fc.integer({ min: 1, max: 999 }), fc.constantFrom('Baker', 'Elm', 'Queen', 'Harbour'), fc.constantFrom('Street', 'Road', 'Avenue', 'Lane')).map(([n, s, t]) => ({ kind: 'STREET_ADDRESS', text: `lives at ${n} ${s} ${t}` })),
      fc.tuple(fc.constantFrom('Jane', 'Ahmed', 'Maria', 'Tom'), fc.constantFrom('Smith', 'Khan', 'Garcia', 'Baker')).map(([f, l]) => ({ kind: 'NAMED_PERSON_WITH_CLINICAL_DETAILS', text: `my client ${f} ${l}` })),
    );
    const prose = fc.constantFrom(
      'The Evidence Base section should mention the prospective Minnesota findings',
      'I would add that the corrective relationship can also be a partner',
      'The AAI description could note it takes about an hour to administer',
    );
    await fc.assert(
      fc.asyncProperty(prose, phi, fc.boolean(), async (sentence, { kind, text }, before) => {
        const suggestion = before ? `${text}. ${sentence}.` : `${sentence}; ${text}.`;
        const checksum = await graphChecksum(app.services.graph);
        const { body } = await send(
          { query: 'mutation($input: SuggestRevisionInput!) { suggestRevision(input: $input) { changed } }', variables: { input: { slug: 'earned-security', text: suggestion } } },
          headerChoices[2]!,
        );
        expect(body.errors?.[0]?.extensions?.code).toBe('PHI_DETECTED');
        expect((body.errors?.[0]?.extensions as { findings: Array<{ kind: string }> }).findings.map((f) => f.kind)).toContain(kind);
        expect(await graphChecksum(app.services.graph)).toEqual(checksum);
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  it('ingests or refuses damaged article texts, writing nothing when it refuses', async () => {
    const lines = seedArticle.split('\n');
    const damaged = fc.oneof(
      { weight: 3, arbitrary: fc
        .record({
          drop: fc.array(fc.nat({ max: lines.length - 1 }), { maxLength: 8 }),
          insert: fc.array(fc.tuple(fc.nat({ max: lines.length }), fc.string({ unit: 'binary', maxLength: 80 })), { maxLength: 4 }),
          cut: fc.option(fc.nat({ max: seedArticle.length }), { nil: undefined }),
        })
        .map(({ drop, insert, cut }) => {
          const dropped = new Set(drop);
          const kept = lines.filter((_, i) => !dropped.has(i));
          for (const [at, text] of insert) kept.splice(Math.min(at, kept.length), 0, text);
          const text = kept.join('\n');
          return cut === undefined ? text : text.slice(0, cut);
        }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 500 }) },
    );
    await fc.assert(
      fc.asyncProperty(damaged, async (text) => {
        const query = 'mutation($text: String!) { ingestArticle(text: $text) { status entry { slug } } }';
        await expectUnchangedUnlessWritten(async () => {
          const { body } = await send({ query, variables: { text } }, headerChoices[1]!);
          if (body.errors) expect(['INVALID_ARTICLE', 'BAD_USER_INPUT', 'CONFLICT']).toContain(body.errors[0]!.extensions?.code);
          return { query, body };
        });
      }),
      { seed: SEED, numRuns: 50 },
    );
  });

  it('still answers afterwards', async () => {
    const live = await fetch(app.url.replace(/\/graphql$/, '/health/live'));
    expect(live.status).toBe(200);
    // (Random editor writes may have renamed entries; slugs stay.)
    const { body } = await send({ query: '{ entry(slug: "mentalization") { slug } }' }, {});
    expect(body.data).toEqual({ entry: { slug: 'mentalization' } });
  });
});
