import { createHash } from 'node:crypto';
import { signToken } from '../../src/auth/tokens';
import type { Graph } from '../../src/graph/graph';
import type { App } from '../../src/server';

/** A bearer header for the app's configuration (JWT_SECRET of testConfig). */
export async function bearer(app: App, roles: string[], subject = roles.join('-') || 'nobody'): Promise<Record<string, string>> {
  const token = await signToken(app.services.config, { subject, roles, expiresIn: '1h' });
  return { authorization: `Bearer ${token}` };
}

export const editorHeaders = (app: App, subject = 'editor-alice') => bearer(app, ['editor'], subject);
export const readerHeaders = (app: App, subject = 'reader-bob') => bearer(app, ['reader'], subject);

const stable = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, stable(v)]));
  }
  return value;
};

/**
 * A fingerprint of the whole graph: every node's labels and properties and
 * every relationship's type, ends and properties. Equal before and after a
 * request means it wrote nothing.
 */
export async function graphChecksum(graph: Graph): Promise<{ nodes: number; relationships: number; hash: string }> {
  const [row] = await graph.query<{ nodes: unknown[]; relationships: unknown[] }>(
    // Stored see-also panels are left out: the server's background refresher writes them at any time. So are
    // rate-limit windows: every public write counts against its client's first, accepted or not.
    `CALL () { MATCH (n) WHERE NOT n:SeeAlsoPanel AND NOT n:RateLimit WITH n ORDER BY elementId(n) RETURN collect([elementId(n), labels(n), properties(n)]) AS nodes }
     CALL () { MATCH (a)-[r]->(b) WITH a, r, b ORDER BY elementId(r) RETURN collect([elementId(a), type(r), elementId(b), properties(r)]) AS relationships }
     RETURN nodes, relationships`,
  );
  const hash = createHash('sha256').update(JSON.stringify(stable(row))).digest('hex');
  return { nodes: row!.nodes.length, relationships: row!.relationships.length, hash };
}
