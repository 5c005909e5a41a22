import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/config';
import { EntriesRepository } from '../../src/entries/entries.repository';
import type { App } from '../../src/server';
import { graphql, startTestApp } from '../support/test-app';

/**
 * An article page reads its claims in one query of their own (the article's
 * content); each must still be the whole claim: every Claim field answers on
 * the page as it does for the same claim read by id.
 */
describe('article content', () => {
  let app: App;
  const CLAIM_FIELDS = 'id text provenance section position entry { slug } sources { id } revision { number } current { id }';

  beforeAll(async () => {
    app = await startTestApp();
  });

  it("answers every Claim field of the page's claims as node(id:) does", async () => {
    const slug = 'earned-security';
    const page = await graphql(
      app.url,
      `query($slug: String!) {
        entry(slug: $slug) {
          sections { claims { ${CLAIM_FIELDS} } }
          figure { caption { ${CLAIM_FIELDS} } }
          reflectiveQuestions { ${CLAIM_FIELDS} }
        }
      }`,
      { slug },
    );
    expect(page.body.errors).toBeUndefined();
    const entry = page.body.data.entry;
    const claims = [
      ...entry.sections.flatMap((section: { claims: unknown[] }) => section.claims),
      ...(entry.figure?.caption ? [entry.figure.caption] : []),
      ...entry.reflectiveQuestions,
    ] as Array<{ id: string; revision: unknown; current: unknown }>;
    expect(claims.length).toBeGreaterThan(10);
    // The seeded article has a figure caption and reflective questions: claims placed outside the sections.
    expect(entry.figure.caption).not.toBeNull();
    expect(entry.reflectiveQuestions.length).toBeGreaterThan(0);
    // Every claim on a seeded article stands in it, written by the seed's revision.
    for (const claim of claims) {
      expect(claim.revision).toEqual({ number: expect.any(Number) });
      expect(claim.current).toEqual({ id: claim.id });
    }
    for (const claim of claims) {
      const byId = await graphql(app.url, `query($id: ID!) { node(id: $id) { ... on Claim { ${CLAIM_FIELDS} } } }`, { id: claim.id });
      expect(byId.body.errors).toBeUndefined();
      expect(claim).toEqual(byId.body.data.node);
    }
  });

  it('reads each claim record as a claim read by id would be, its lineage after an edit included', async () => {
    const FIRST = 'The first principle is that security can be acquired rather than only inherited 4.';
    const original = fs.readFileSync(path.join(projectRoot, 'seeds/articles/earned-security.wiki.txt'), 'utf8');
    expect(original).toContain(FIRST);
    // An edited sentence is a new claim of the same lineage: its lineage is not its id.
    await app.services.ingest.ingestArticle(original.replace(FIRST, FIRST.replace('only', 'simply')));
    const entries = new EntriesRepository(app.services.graph);
    const { content } = (await entries.articleContent(['earned-security'])).get('earned-security')!;
    const claims = [...content.sections.flatMap((section) => section.claims), ...(content.figureCaption ? [content.figureCaption] : [])];
    const byId = new Map((await entries.claimsById(claims.map((claim) => claim.id))).map((claim) => [claim.id, claim]));
    const FIELDS = ['id', 'text', 'provenance', 'section', 'position', 'entrySlug', 'lineage', 'revision', 'current'] as const;
    const fieldsOf = (claim: object) => Object.fromEntries(FIELDS.map((field) => [field, (claim as Record<string, unknown>)[field]]));
    for (const claim of claims) expect(fieldsOf(claim)).toEqual(fieldsOf(byId.get(claim.id)!));
    const edited = claims.find((claim) => claim.text.includes('rather than simply inherited'))!;
    expect(edited.lineage).not.toBe(edited.id);
  });
});
