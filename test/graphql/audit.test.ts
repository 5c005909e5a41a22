import { serverAudits } from 'graphql-http';
import type { App } from '../../src/server';
import { startTestApp } from '../support/test-app';

/**
 * The GraphQL-over-HTTP conformance audits of graphql-http, run against the
 * real server. Every MUST passes. SHOULD and MAY audits may warn: those that
 * do are listed below with the reason, and a change in that list fails the
 * test, so a regression (or an improvement) is noticed.
 */
const EXPECTED_WARNINGS: Record<string, string> = {
  // Apollo answers application/json requests with 400 for parse, validation and
  // variable errors (the spec's SHOULD is 200); clients get the same errors either way.
  '572B': 'SHOULD use 200 status code on document parsing failure when accepting application/json',
  FDE2: 'SHOULD use 200 status code on document validation failure when accepting application/json',
  '7B9B': 'SHOULD use a status code of 200 on variable coercion failure when accepting application/json',
  // CSRF prevention refuses GET requests without a preflight header, and the audits send none.
  '5A70': 'MAY accept application/x-www-form-urlencoded formatted GET requests',
  D6D5: 'MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/graphql-response+json',
  '6A70': 'MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/json',
};

describe('GraphQL over HTTP audits (graphql-http)', () => {
  let app: App;
  let results: Array<{ id: string; name: string; status: string; reason?: string }>;

  beforeAll(async () => {
    app = await startTestApp({ seed: false });
    results = [];
    for (const audit of serverAudits({ url: app.url, fetchFn: fetch })) {
      const result = await audit.fn();
      results.push({ id: audit.id, name: audit.name, status: result.status, ...('reason' in result ? { reason: result.reason } : {}) });
    }
  });
  afterAll(() => app.stop());

  it('passes every MUST audit', () => {
    const must = results.filter((r) => r.name.startsWith('MUST'));
    expect(must.length).toBeGreaterThan(10);
    for (const result of must) {
      // The whole result in the message names the audit that failed and why.
      expect(result.status === 'error' ? result : 'not an error').toBe('not an error');
      expect(result.status).not.toBe('error');
    }
  });

  it('warns only where documented', () => {
    const warned = Object.fromEntries(results.filter((r) => r.status !== 'ok' && !r.name.startsWith('MUST')).map((r) => [r.id, r.name]));
    expect(warned).toEqual(EXPECTED_WARNINGS);
  });
});
