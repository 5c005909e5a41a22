import type { App } from '../../src/server';
import type { Services } from '../../src/services';
import { readerHeaders } from '../support/auth';
import { statementsOfRequests } from '../support/statements';
import { graphql, openTestServices, startTestApp } from '../support/test-app';

/**
 * crossLink over the seeded graph: a selection of what the cross-link
 * dictionary itself knows of the targets (the contract's: an entry's slug, a
 * key term's term) is answered without reading their records, and answers
 * as a selection that reads them does.
 */
describe('crossLink', () => {
  let app: App;
  let replica: Services & { close(): Promise<void> };
  const text = 'The Adult Attachment Interview (AAI) shows coherence of mind; see Emotionally Focused Therapy and earned security.';

  const NAMED = `query Named($text: String!) {
    crossLink(text: $text) { start end surface target { __typename ... on Entry { id slug name kind } ... on KeyTerm { id term } } }
  }`;
  const WITH_RECORDS = `query WithRecords($text: String!) {
    crossLink(text: $text) { start end surface target { __typename ... on Entry { id slug name kind summary } ... on KeyTerm { id term definition } } }
  }`;

  beforeAll(async () => {
    app = await startTestApp();
    // Another replica's services over the same graph: its writes reach this app only through Neo4j.
    replica = await openTestServices();
  });
  afterAll(async () => {
    await replica.close();
    await app.stop();
  });

  /** The request's statements and its answer; credentials skip the response cache. */
  async function ask(query: string, variables: Record<string, unknown>) {
    const headers = await readerHeaders(app, 'cross-link-reader');
    const { result: { body }, statements } = await statementsOfRequests(app.services.graph, () => graphql(app.url, query, variables, { headers }));
    expect(body.errors).toBeUndefined();
    return { spans: body.data.crossLink as Array<{ target: Record<string, unknown> }>, statements };
  }

  it("answers a selection of the dictionary's fields with the vocabulary's version only, as a selection that reads the records does", async () => {
    await ask(NAMED, { text }); // builds the dictionary
    const named = await ask(NAMED, { text });
    const withRecords = await ask(WITH_RECORDS, { text });

    expect(named.spans.map((span) => span.target.__typename)).toEqual(expect.arrayContaining(['Instrument', 'Modality', 'Construct', 'KeyTerm']));
    const withoutRecordFields = withRecords.spans.map(({ target: { summary, definition, ...target }, ...span }) => ({ ...span, target }));
    expect(named.spans).toEqual(withoutRecordFields);
    expect(withRecords.spans.some((span) => typeof span.target.summary === 'string' || typeof span.target.definition === 'string')).toBe(true);

    expect(named.statements).toHaveLength(1);
    expect(named.statements[0]).toMatch(/Meta \{id: 'vocabulary'\}/);
    expect(named.statements[0]).not.toMatch(/:Entry|:KeyTerm/);
    expect(withRecords.statements).toHaveLength(1);
    expect(withRecords.statements[0]).toMatch(/:Entry/);
  });

  it('gives the names and kinds of the moment: a rename and a kind change on another replica show at the next answer', async () => {
    const before = (await ask(NAMED, { text: 'We gave the Adult Attachment Interview.' })).spans;
    expect(before.map((span) => span.target)).toEqual([expect.objectContaining({ __typename: 'Instrument', slug: 'adult-attachment-interview', name: 'Adult Attachment Interview' })]);

    await replica.editing.upsertEntry({ slug: 'adult-attachment-interview', name: 'Adult Attachment Interview', aliases: ['AAI', 'the interview'], kind: 'CONSTRUCT' }, 'editor-1');
    const retyped = (await ask(NAMED, { text: 'We gave the Adult Attachment Interview.' })).spans;
    expect(retyped.map((span) => span.target)).toEqual([expect.objectContaining({ __typename: 'Construct', kind: 'CONSTRUCT' })]);

    await replica.editing.upsertEntry({ slug: 'adult-attachment-interview', name: 'Adult Attachment Interview (AAI)', kind: 'INSTRUMENT' }, 'editor-1');
    const renamed = (await ask(NAMED, { text: 'We gave the Adult Attachment Interview (AAI).' })).spans;
    expect(renamed.map((span) => span.target)).toEqual([
      expect.objectContaining({ __typename: 'Instrument', slug: 'adult-attachment-interview', name: 'Adult Attachment Interview (AAI)' }),
    ]);
  });
});
