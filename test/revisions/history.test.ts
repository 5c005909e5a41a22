import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/config';
import type { App } from '../../src/server';
import { editorHeaders, readerHeaders } from '../support/auth';
import { graphql, startTestApp } from '../support/test-app';

/**
 * The editorial lifecycle through GraphQL: every write to an entry is a
 * revision; sentences keep their ids while unchanged and old ids resolve;
 * diffs, reverts, no lost update, unique names under races, suggestions.
 */
describe('revisions', () => {
  let app: App;
  let editor: Record<string, string>;
  let otherEditor: Record<string, string>;
  /** What the seeded article states earned security targets. */
  let seededTargets: string[];
  const original = fs.readFileSync(path.join(projectRoot, 'seeds/articles/earned-security.wiki.txt'), 'utf8');

  const FIRST = 'The first principle is that security can be acquired rather than only inherited 4.';
  const FIRST_EDITED = 'The first principle is that security can be acquired rather than simply inherited 4.';
  const SECOND = 'The second principle is that what is “earned” is coherence, not a rewritten past 4.';
  const SECOND_RESOURCED = 'The second principle is that what is “earned” is coherence, not a rewritten past 2.';
  const EARNED_ROUTE = ' Earned security is the name for the second route 4.';
  const ADDED = ' Coherence can also be supported by a long partnership with a secure partner 3.';

  const gql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    graphql(app.url, query, variables, { headers });
  const asEditor = (query: string, variables: Record<string, unknown> = {}) => gql(query, variables, editor);
  const codeOf = (body: { errors?: Array<{ extensions?: { code?: string } }> }) => body.errors?.[0]?.extensions?.code;

  const SAVE = `mutation($text: String!, $expectedRevision: Int, $note: String) {
    ingestArticle(text: $text, expectedRevision: $expectedRevision, note: $note) { status entry { slug currentRevision { number } } }
  }`;
  const save = (text: string, variables: { expectedRevision?: number; note?: string } = {}, headers = editor) => gql(SAVE, { text, ...variables }, headers);

  const HISTORY = `query($slug: String!) {
    entry(slug: $slug) {
      currentRevision { number }
      revisions(first: 100) { totalCount edges { node { id number author note action revertedTo changes { added removed changed } } } }
    }
  }`;
  async function history(slug = 'earned-security') {
    const { body } = await gql(HISTORY, { slug });
    return body.data.entry as {
      currentRevision: { number: number } | null;
      revisions: { totalCount: number; edges: Array<{ node: { number: number; author: string; note: string | null; action: string; revertedTo: number | null; changes: Record<string, number> } }> };
    };
  }
  const latest = async (slug = 'earned-security') => (await history(slug)).revisions.edges[0]!.node;

  async function claimsOf(slug = 'earned-security'): Promise<Array<{ id: string; text: string; sources: Array<{ id: string }> }>> {
    const { body } = await gql(`query($slug: String!) { entry(slug: $slug) { sections { claims { id text sources { id } } } } }`, { slug });
    return body.data.entry.sections.flatMap((section: { claims: unknown[] }) => section.claims);
  }
  const claimStarting = async (prefix: string) => (await claimsOf()).find((claim) => claim.text.startsWith(prefix))!;

  beforeAll(async () => {
    app = await startTestApp();
    editor = await editorHeaders(app);
    otherEditor = await editorHeaders(app, 'editor-carol');
    seededTargets = (await gql(`{ entry(slug: "earned-security") { targets { slug } } }`)).body.data.entry.targets.map((t: { slug: string }) => t.slug);
  });
  afterAll(() => app.stop());

  /** The seeded article's revision: the seeds make the stub first (1), then ingest its article (2). */
  const BASE = 2;

  it('starts a seeded entry with its stub and its article, both by `seed`, the article kept', async () => {
    const entry = await history();
    expect(entry.currentRevision).toEqual({ number: BASE });
    expect(entry.revisions.edges.map((edge) => edge.node)).toEqual([
      expect.objectContaining({ number: 2, author: 'seed', action: 'ARTICLE', changes: { added: expect.any(Number), removed: 0, changed: 0 } }),
      expect.objectContaining({ number: 1, author: 'seed', action: 'FIELDS', note: 'Stub entry from the seeds', changes: { added: 0, removed: 0, changed: 0 } }),
    ]);
    const { body } = await gql(`{ entry(slug: "earned-security") { revision(number: 2) { articleText name claims { id } } stub: revision(number: 1) { articleText claims { id } } } }`);
    expect(body.data.entry.revision.articleText).toBe(original);
    expect(body.data.entry.revision.name).toBe('Earned Security');
    const standing = (await claimsOf()).map((c) => c.id);
    expect(body.data.entry.revision.claims.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(standing));
    expect(body.data.entry.stub).toEqual({ articleText: null, claims: [] });
  });

  it('keeps unchanged sentences, versions edited ones, and diffs text, sources, additions and removals in article order', async () => {
    const before = await claimsOf();
    const first = await claimStarting('The first principle');
    const second = await claimStarting('The second principle');
    const route = await claimStarting('Earned security is the name for the second route');
    const edited = original.replace(FIRST, FIRST_EDITED).replace(SECOND, SECOND_RESOURCED).replace(EARNED_ROUTE, ADDED);
    expect(edited).not.toBe(original);

    const { body } = await save(edited, { expectedRevision: BASE, note: 'Tightened the principles' });
    expect(body.errors).toBeUndefined();
    expect(body.data.ingestArticle).toEqual({ status: 'UPDATED', entry: { slug: 'earned-security', currentRevision: { number: BASE + 1 } } });
    expect(await latest()).toEqual(
      expect.objectContaining({ number: BASE + 1, author: 'editor-alice', note: 'Tightened the principles', action: 'ARTICLE', changes: { added: 1, removed: 1, changed: 2 } }),
    );

    // Every sentence that did not change kept its id.
    const after = await claimsOf();
    const untouched = before.filter((claim) => ![first.id, second.id, route.id].includes(claim.id));
    expect(after.map((claim) => claim.id)).toEqual(expect.arrayContaining(untouched.map((claim) => claim.id)));
    expect(after).toHaveLength(before.length);

    const diff = await gql(
      `query { entry(slug: "earned-security") { diff(from: ${BASE}, to: ${BASE + 1}) { change before { id text sources { id } } after { id text sources { id } } } } }`,
    );
    const changes = diff.body.data.entry.diff as Array<{ change: string; before: { id: string; text: string; sources: Array<{ id: string }> } | null; after: { text: string; sources: Array<{ id: string }> } | null }>;
    expect(changes.map((c) => [c.change, (c.before ?? c.after)!.text.slice(0, 30)])).toEqual([
      ['CHANGED', 'The first principle is that se'],
      ['REMOVED', 'Earned security is the name fo'],
      ['ADDED', 'Coherence can also be supporte'],
      ['CHANGED', 'The second principle is that w'],
    ]);
    expect(changes[0]!.before!.id).toBe(first.id);
    expect(changes[0]!.after!.text).toContain('simply inherited');
    // Only the sources changed: the same text, another source.
    expect(changes[3]!.before!.text).toBe(changes[3]!.after!.text);
    expect(changes[3]!.after!.sources).toHaveLength(1);
    expect(changes[3]!.before!.sources).not.toEqual(changes[3]!.after!.sources);
    // No revision, no diff.
    const missing = await gql(`{ entry(slug: "earned-security") { diff(from: ${BASE}, to: 99) { change } } }`);
    expect(codeOf(missing.body)).toBe('NOT_FOUND');
  });

  it('resolves a claim id from any revision, with its text, its sources, its revision and the sentence standing now', async () => {
    const SENTENCE = 'The first principle is that security can be acquired rather than';
    const versions = [(await gql(`{ entry(slug: "earned-security") { revision(number: ${BASE}) { claims { id text } } } }`)).body.data.entry.revision.claims.find((c: { text: string }) => c.text.startsWith(SENTENCE)).id as string];
    let text = fs.readFileSync(path.join(projectRoot, 'seeds/articles/earned-security.wiki.txt'), 'utf8').replace(FIRST, FIRST_EDITED).replace(SECOND, SECOND_RESOURCED).replace(EARNED_ROUTE, ADDED);
    versions.push((await claimStarting(SENTENCE)).id);
    let expected = (await history()).currentRevision!.number;
    for (const word of ['fully', 'freely', 'truly']) {
      text = text.replace(/rather than \w+ inherited 4\./, `rather than ${word} inherited 4.`);
      const { body } = await save(text, { expectedRevision: expected });
      expect(body.errors).toBeUndefined();
      expected++;
      versions.push((await claimStarting(SENTENCE)).id);
    }
    expect(new Set(versions).size).toBe(5);

    const CLAIM = `query($id: ID!) { node(id: $id) { id ... on Claim { text sources { id } revision { number } current { id text } } } }`;
    const current = versions.at(-1)!;
    for (const [index, id] of versions.entries()) {
      const { body } = await gql(CLAIM, { id });
      expect(body.errors).toBeUndefined();
      expect(body.data.node.id).toBe(id);
      expect(body.data.node.text.startsWith(SENTENCE)).toBe(true);
      expect(body.data.node.sources).toHaveLength(1);
      expect(body.data.node.current.id).toBe(current);
      expect(body.data.node.current.text).toContain('truly inherited');
      expect(body.data.node.revision.number).toBe(BASE + index);
    }
    const first = await gql(CLAIM, { id: versions[0] });
    expect(first.body.data.node.text).toContain('only inherited');
    expect(first.body.data.node.revision).toEqual({ number: BASE });

    // A removed sentence still resolves, and leads nowhere now.
    const removedId = (await gql(`{ entry(slug: "earned-security") { diff(from: ${BASE}, to: ${BASE + 1}) { change before { id } } } }`)).body.data.entry.diff.find(
      (c: { change: string }) => c.change === 'REMOVED',
    ).before.id as string;
    const removed = await gql(CLAIM, { id: removedId });
    expect(removed.body.data.node).toEqual(expect.objectContaining({ text: 'Earned security is the name for the second route.', current: null }));
  });

  it('keeps an editor link supported by a claim that a later save replaced', async () => {
    const claim = await claimStarting('The second principle');
    const link = await asEditor(
      `mutation($claim: ID!) { linkEntries(from: "earned-security", to: "complex-ptsd", relation: TARGETS, claimId: $claim) { changed claim { id } } }`,
      { claim: claim.id },
    );
    expect(link.body.errors).toBeUndefined();
    const revision = (await history()).currentRevision!.number;
    const text = (await gql(`{ entry(slug: "earned-security") { revision(number: ${revision}) { articleText } } }`)).body.data.entry.revision.articleText as string;
    expect((await save(text.replace(SECOND_RESOURCED, SECOND), { expectedRevision: revision })).body.errors).toBeUndefined();
    const { body } = await gql(`query($id: ID!) { node(id: $id) { ... on Claim { text current { text sources { id } } } } }`, { id: claim.id });
    expect(body.data.node.text).toBe(claim.text);
    expect(body.data.node.current.text).toBe(claim.text);
  });

  it('records a revision for every kind of write to an entry, by its author', async () => {
    const start = (await history()).currentRevision!.number;
    const claim = (await claimsOf())[3]!;
    const source = (await claimsOf()).find((c) => c.sources.length > 0)!.sources[0]!.id;
    const writes: Array<[string, string, Record<string, unknown>, string]> = [
      ['upsertEntry', `mutation { upsertEntry(input: {slug: "earned-security", name: "Earned Security", kind: CONSTRUCT, aliases: ["earned-secure status"], note: "An alias"}) { changed } }`, {}, 'FIELDS'],
      ['linkEntries', `mutation($claim: ID!) { linkEntries(from: "earned-security", to: "attachment-theory", relation: LINEAGE, lineageRelation: "grows out of", claimId: $claim) { changed } }`, { claim: claim.id }, 'LINKS'],
      ['unlinkEntries', `mutation { unlinkEntries(from: "earned-security", to: "attachment-theory", relation: LINEAGE, lineageRelation: "grows out of") { changed } }`, {}, 'LINKS'],
      ['setSeeAlso', `mutation { setSeeAlso(slug: "earned-security", targets: ["mentalization"]) { changed } }`, {}, 'SEE_ALSO'],
      ['retractSource', `mutation($id: ID!) { retractSource(id: $id, reason: "The journal retracted it") { changed } }`, { id: source }, 'RETRACTION'],
    ];
    for (const [index, [name, mutation, variables, action]] of writes.entries()) {
      const { body } = await gql(mutation, variables, otherEditor);
      expect([name, body.errors]).toEqual([name, undefined]);
      expect([name, await latest()]).toEqual([name, expect.objectContaining({ number: start + index + 1, author: 'editor-carol', action })]);
    }
    // A repeat changes nothing and records nothing.
    await gql(writes[3]![1], {}, otherEditor);
    expect((await history()).currentRevision!.number).toBe(start + writes.length);
  });

  it('reverts to an earlier revision as a new one, with its text, fields, links and derived relations', async () => {
    const before = await history();
    const current = before.currentRevision!.number;
    const REVERT = `mutation($to: Int!, $expected: Int!) { revertEntry(slug: "earned-security", toRevision: $to, expectedRevision: $expected) {
      changed revision { number action revertedTo } entry { aliases currentRevision { number } sections { claims { text } } seeAlso(first: 5) { edges { node { slug } reasons { kind } } } }
    } }`;
    const stale = await asEditor(REVERT, { to: BASE, expected: current - 1 });
    expect(codeOf(stale.body)).toBe('CONFLICT');
    expect((await history()).currentRevision!.number).toBe(current);

    expect(codeOf((await asEditor(REVERT, { to: 1, expected: current })).body)).toBe('BAD_USER_INPUT');
    const { body } = await asEditor(REVERT, { to: BASE, expected: current });
    expect(body.errors).toBeUndefined();
    const result = body.data.revertEntry;
    expect(result.changed).toBe(true);
    expect(result.revision).toEqual({ number: current + 1, action: 'REVERT', revertedTo: BASE });
    expect(result.entry.currentRevision).toEqual({ number: current + 1 });
    expect(result.entry.aliases).toEqual(['earned secure attachment', 'earned-secure attachment', 'earned-security']);
    const texts = result.entry.sections.flatMap((section: { claims: Array<{ text: string }> }) => section.claims.map((c) => c.text));
    expect(texts).toContain('The first principle is that security can be acquired rather than only inherited.');
    expect(texts).toContain('Earned security is the name for the second route.');
    // The curated see-also list of later revisions is gone: the article's own lines are back.
    expect(result.entry.seeAlso.edges.every((edge: { reasons: Array<{ kind: string }> }) => edge.reasons.every((r) => r.kind !== 'CURATED'))).toBe(true);
    const revision1 = (await gql(`{ entry(slug: "earned-security") { revision(number: ${BASE}) { articleText } } }`)).body.data.entry.revision.articleText;
    const revertedText = (await gql(`{ entry(slug: "earned-security") { revision(number: ${current + 1}) { articleText } } }`)).body.data.entry.revision.articleText;
    expect(revertedText).toBe(revision1);

    // The editor's TARGETS link of a later revision is gone; what the article states is there, as after the seed.
    const targets = await gql(`{ entry(slug: "earned-security") { targets { slug } } }`);
    expect(targets.body.data.entry.targets.map((t: { slug: string }) => t.slug)).toEqual(seededTargets);
    const crossLink = await gql(`{ crossLink(text: "Earned security and attachment theory") { target { ... on Entry { slug } } } }`);
    expect(crossLink.body.data.crossLink.map((span: { target: { slug?: string } }) => span.target.slug)).toContain('earned-security');

    // Reverting to where it stands changes nothing, and so does reverting again to the revision it already stands as.
    const again = await asEditor(REVERT, { to: current + 1, expected: current + 1 });
    expect(again.body.data.revertEntry.changed).toBe(false);
    const twice = await asEditor(REVERT, { to: BASE, expected: current + 1 });
    expect(twice.body.errors).toBeUndefined();
    expect(twice.body.data.revertEntry).toMatchObject({ changed: false, revision: { number: current + 1 } });
    expect((await history()).currentRevision).toEqual({ number: current + 1 });
  });

  it('lets exactly one of 20 saves from one revision win; the others get CONFLICT and write nothing', async () => {
    const current = (await history()).currentRevision!.number;
    const base = (await gql(`{ entry(slug: "earned-security") { revision(number: ${current}) { articleText } } }`)).body.data.entry.revision.articleText as string;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => save(base.replace(FIRST, `The first principle is that security can be acquired (draft ${i}) 4.`), { expectedRevision: current })),
    );
    const won = results.filter((r) => r.body.data?.ingestArticle.status === 'UPDATED');
    const conflicts = results.filter((r) => codeOf(r.body) === 'CONFLICT');
    expect(won).toHaveLength(1);
    expect(conflicts).toHaveLength(19);
    // Each loser is told where the entry stands, before anything of it was written.
    for (const conflict of conflicts) {
      expect(conflict.body.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT', currentRevision: current + 1, expectedRevision: current } });
    }
    const after = await history();
    expect(after.currentRevision!.number).toBe(current + 1);
    expect(after.revisions.totalCount).toBe(current + 1);
  });

  it('serialises 12 concurrent saves without expectedRevision: each is a whole revision, none interleaved', async () => {
    const current = (await history()).currentRevision!.number;
    const base = (await gql(`{ entry(slug: "earned-security") { revision(number: ${current}) { articleText } } }`)).body.data.entry.revision.articleText as string;
    const drafts = Array.from({ length: 12 }, (_, i) => base.replace(/The first principle is that security can be acquired[^.]*4\./, `The first principle is that security can be acquired (take ${i}) 4.`));
    const results = await Promise.all(drafts.map((draft) => save(draft)));
    expect(results.map((r) => r.body.errors)).toEqual(drafts.map(() => undefined));
    const after = await history();
    expect(after.currentRevision!.number).toBe(current + 12);
    expect(after.revisions.edges.slice(0, 12).map((edge) => edge.node.changes)).toEqual(drafts.map(() => ({ added: 0, removed: 0, changed: 1 })));
    // The article is one draft whole, and each revision's sentences continue the one before.
    const claims = await claimsOf();
    expect(claims.filter((claim) => claim.text.startsWith('The first principle'))).toHaveLength(1);
    const lineages = await app.services.graph.query<{ count: number }>(
      `MATCH (:Entry {slug: 'earned-security'})-[:HAS_CLAIM]->(c:Claim) WITH c.lineage AS lineage, count(*) AS count WHERE count > 1 RETURN count`,
    );
    expect(lineages).toEqual([]);
  });

  it('serialises concurrent saves of different fields without expectedRevision: neither change is lost', async () => {
    await asEditor(`mutation { upsertEntry(input: {slug: "race-entry", name: "Race Entry", kind: CONSTRUCT}) { status } }`);
    for (let round = 0; round < 10; round++) {
      const summary = `Summary ${round}`;
      const alias = `race alias ${round}`;
      const [a, b] = await Promise.all([
        asEditor(`mutation($s: String) { upsertEntry(input: {slug: "race-entry", name: "Race Entry", kind: CONSTRUCT, summary: $s}) { status } }`, { s: summary }),
        gql(`mutation($a: [String!]) { upsertEntry(input: {slug: "race-entry", name: "Race Entry", kind: CONSTRUCT, aliases: $a}) { status } }`, { a: [alias] }, otherEditor),
      ]);
      expect([a.body.errors, b.body.errors]).toEqual([undefined, undefined]);
      const { body } = await gql(`{ entry(slug: "race-entry") { summary aliases } }`);
      expect(body.data.entry).toEqual({ summary, aliases: [alias] });
    }
    expect((await history('race-entry')).revisions.totalCount).toBe(21);
  });

  it('makes one entry of concurrent creates of one name, whatever the case or invisible characters', async () => {
    for (let round = 0; round < 10; round++) {
      const name = `Concurrent Construct ${round}`;
      const spellings = [name, name.toLowerCase(), name.replace(' ', '\u200b '), name.toUpperCase()];
      const results = await Promise.all(
        spellings.map((spelling, i) => asEditor(`mutation($name: String!, $slug: String!) { upsertEntry(input: {slug: $slug, name: $name, kind: CONSTRUCT}) { status } }`, { name: spelling, slug: `concurrent-${round}-${i}` })),
      );
      expect(results.filter((r) => r.body.data?.upsertEntry.status === 'CREATED')).toHaveLength(1);
      expect(results.filter((r) => codeOf(r.body) === 'CONFLICT')).toHaveLength(3);
      const [{ count }] = await app.services.graph.query<{ count: number }>('MATCH (e:Entry) WHERE e.slug STARTS WITH $prefix RETURN count(e) AS count', { prefix: `concurrent-${round}-` });
      expect(count).toBe(1);
    }
  });

  describe('suggestions', () => {
    const SUGGEST = `mutation($text: String!) { suggestRevision(input: {slug: "earned-security", text: $text}) { suggestion { id status } } }`;
    const RESOLVE = `mutation($id: ID!, $decision: SuggestionDecision!, $reason: String, $revision: Int) {
      resolveSuggestion(id: $id, decision: $decision, reason: $reason, revision: $revision) { changed suggestion { id status reason acceptedIn { number } history { status editor reason revision { number } } } }
    }`;
    const READ = `query($id: ID!) { suggestion(id: $id) { id status reason acceptedIn { number } history { status editor reason } } }`;
    const reader = (ip: string) => ({ 'x-forwarded-for': ip });

    it('accepts one into a revision and rejects another with a reason; only the author and editors read it', async () => {
      const alice = await readerHeaders(app, 'reader-alice');
      const dave = await readerHeaders(app, 'reader-dave');
      const first = await gql(SUGGEST, { text: 'Please cite the 2024 scoping review for the prevalence figures.' }, alice);
      const second = await gql(SUGGEST, { text: 'The lineage section should mention Main and Goldwyn by name.' }, alice);
      const firstId = first.body.data.suggestRevision.suggestion.id as string;
      const secondId = second.body.data.suggestRevision.suggestion.id as string;
      const pending = await asEditor(`{ pendingRevisions(first: 100) { edges { node { id } } } }`);
      expect(pending.body.data.pendingRevisions.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(expect.arrayContaining([firstId, secondId]));

      const current = (await history()).currentRevision!.number;
      const accepted = await asEditor(RESOLVE, { id: firstId, decision: 'ACCEPT', revision: current });
      expect(accepted.body.errors).toBeUndefined();
      expect(accepted.body.data.resolveSuggestion).toEqual({
        changed: true,
        suggestion: { id: firstId, status: 'ACCEPTED', reason: null, acceptedIn: { number: current }, history: [{ status: 'ACCEPTED', editor: 'editor-alice', reason: null, revision: { number: current } }] },
      });
      expect(codeOf((await asEditor(RESOLVE, { id: secondId, decision: 'REJECT' })).body)).toBe('BAD_USER_INPUT');
      expect(codeOf((await asEditor(RESOLVE, { id: secondId, decision: 'ACCEPT', revision: current + 5 })).body)).toBe('NOT_FOUND');
      const rejected = await asEditor(RESOLVE, { id: secondId, decision: 'REJECT', reason: 'Already named in the Creators section' });
      expect(rejected.body.data.resolveSuggestion.suggestion).toEqual(expect.objectContaining({ status: 'REJECTED', reason: 'Already named in the Creators section' }));
      expect((await asEditor(RESOLVE, { id: secondId, decision: 'REJECT', reason: 'Already named in the Creators section' })).body.data.resolveSuggestion.changed).toBe(false);

      const stillPending = await asEditor(`{ pendingRevisions(first: 100) { edges { node { id } } } }`);
      expect(stillPending.body.data.pendingRevisions.edges.map((e: { node: { id: string } }) => e.node.id)).not.toEqual(expect.arrayContaining([firstId]));
      const resolved = await asEditor(`{ revisionSuggestions(status: REJECTED, first: 100) { edges { node { id reason } } } }`);
      expect(resolved.body.data.revisionSuggestions.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(secondId);

      // The author reads its status, without the editor's name; another reader and an anonymous one read nothing.
      const own = await gql(READ, { id: secondId }, alice);
      expect(own.body.data.suggestion).toEqual({ id: secondId, status: 'REJECTED', reason: 'Already named in the Creators section', acceptedIn: null, history: [{ status: 'REJECTED', editor: null, reason: 'Already named in the Creators section' }] });
      expect((await gql(READ, { id: secondId }, dave)).body.data.suggestion).toBeNull();
      expect((await gql(READ, { id: secondId }, reader('203.0.113.9'))).body.data.suggestion).toBeNull();
      expect(codeOf((await gql(RESOLVE, { id: firstId, decision: 'REJECT', reason: 'x' }, alice)).body)).toBe('FORBIDDEN');
    });
  });
});
