import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/config';
import { countDataNodes, importGraph } from '../../src/graph/backup';
import type { Graph } from '../../src/graph/graph';
import { loadSeeds } from '../../src/seed/seed';
import { graphSnapshot } from '../support/graph-snapshot';
import { eraseGraph, openTestServices } from '../support/test-app';

/** Every property with its Cypher type and value, timestamps included (graphSnapshot leaves those out); derived see-also panels are not exported. */
async function typedProperties(graph: Graph): Promise<string[]> {
  const rows = await graph.query<{ owner: string; key: string; type: string; value: unknown }>(
    `MATCH (n) WHERE NOT n:Migration AND NOT n:Meta AND NOT n:SeeAlsoPanel UNWIND keys(n) AS k
     RETURN reduce(s = '', l IN labels(n) | s + ':' + l) + ' ' + toString(coalesce(n.slug, n.key, n.id, n.clientId, n.name)) AS owner, k AS key, valueType(n[k]) AS type, n[k] AS value
     UNION ALL
     MATCH (a)-[r]->(b) UNWIND keys(r) AS k
     RETURN type(r) + ' ' + toString(coalesce(a.slug, a.key, a.id, a.clientId, a.name)) + '->' + toString(coalesce(b.slug, b.key, b.id, b.clientId, b.name)) AS owner,
            k AS key, valueType(r[k]) AS type, r[k] AS value`,
  );
  const text = (value: unknown): string => (Array.isArray(value) ? `[${value.map(text).join(',')}]` : String(value));
  return rows.map((row) => `${row.owner} ${row.key} ${row.type} ${text(row.value)}`).sort();
}

function cli(script: string, args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(projectRoot, 'src/cli', script), ...args], {
    cwd: projectRoot,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describe('export and import of the whole graph', () => {
  let services: Awaited<ReturnType<typeof openTestServices>>;
  let dir: string;
  beforeAll(async () => {
    services = await openTestServices();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiki-backup-'));
  });
  afterAll(async () => {
    await services.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips the seeded graph: export, erase, import gives the same graph', async () => {
    const { graph } = services;
    await eraseGraph(graph);
    await loadSeeds(services.ingest);
    // History: a saved edit (a replaced sentence kept as a claim version), a field change, a revert.
    const seeded = fs.readFileSync(path.join(projectRoot, 'seeds/articles/earned-security.wiki.txt'), 'utf8');
    const [{ id: replacedId }] = await graph.query<{ id: string }>(
      `MATCH (:Entry {slug: 'earned-security'})-[:HAS_CLAIM]->(c:Claim) WHERE c.text CONTAINS 'only inherited' RETURN c.id AS id`,
    );
    await services.ingest.ingestArticle(seeded.replace('rather than only inherited 4.', 'rather than simply inherited 4.'), { author: 'editor-backup', note: 'One word' });
    await services.editing.upsertEntry({ slug: 'earned-security', name: 'Earned Security', kind: 'CONSTRUCT', aliases: ['earned secure attachment'], note: 'Fewer aliases' }, 'editor-backup');
    await services.editing.revertEntry('earned-security', 2, 4, 'editor-backup');
    const historyBefore = await services.revisions.revisionPages(['earned-security'], 0, 100);
    expect(historyBefore.get('earned-security')!.total).toBe(5);
    // Nodes without an identity property, and every property type JSON cannot carry by itself.
    await graph.write((tx) =>
      tx.run(
        `MATCH (e:Entry {slug: 'earned-security'})
         MERGE (u:Upvote {entrySlug: e.slug, clientId: 'client-1'}) SET u.createdAt = datetime('2026-01-02T03:04:05.123456789Z')
         CREATE (p:BackupProbe {name: 'probe \`one\`', whole: 2.0, half: 0.5, floats: [1.0, 2.5], ints: [1, 2], flag: true,
                 day: date('2024-02-29'), at: datetime('2024-01-01T10:00:00.5+01:00[Europe/Berlin]'), local: localdatetime('2024-01-01T10:00'),
                 span: duration('P1DT2H'), days: [date('2024-01-01'), date('2024-01-02')], empty: []})
         CREATE (p)-[:PROBES {weight: 3.0, at: datetime('2025-05-05T05:05:05Z')}]->(e)
         CREATE (p)-[:NEXT]->(u)`,
      ),
    );
    const before = await graphSnapshot(graph);
    const typedBefore = await typedProperties(graph);
    expect(typedBefore.some((line) => line.includes('whole FLOAT NOT NULL 2'))).toBe(true);

    const file = path.join(dir, 'graph.json');
    const exported = await cli('export.ts', [file]);
    expect(exported).toMatchObject({ code: 0 });
    const document = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: unknown[]; relationships: unknown[]; counts: { nodes: number; relationships: number } };
    expect(document.counts).toEqual({ nodes: document.nodes.length, relationships: document.relationships.length });
    expect(document.nodes.length).toBeGreaterThan(100);

    await graph.write((tx) => tx.run('MATCH (n) DETACH DELETE n'));
    const imported = await cli('import.ts', [file, '--batch-size', '50']);
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.output).toContain(`imported ${document.counts.nodes} nodes, ${document.counts.relationships} relationships`);

    expect(await graphSnapshot(graph)).toBe(before);
    expect(await typedProperties(graph)).toEqual(typedBefore);
    // The whole history came back: revisions with their article texts, and the replaced sentence by its id.
    expect(await services.revisions.revisionPages(['earned-security'], 0, 100)).toEqual(historyBefore);
    const texts = await services.revisions.articleTexts(historyBefore.get('earned-security')!.revisions.map((r) => r.articleHash!).filter(Boolean));
    expect([...texts.values()]).toEqual(expect.arrayContaining([seeded]));
    const [replaced] = await services.entries.claimsById([replacedId!]);
    expect(replaced).toEqual(expect.objectContaining({ id: replacedId, current: false, text: expect.stringContaining('only inherited') }));
    const leftovers = await graph.query('MATCH (n) WHERE n:__ImportRef OR n.__exportId IS NOT NULL RETURN n LIMIT 1');
    expect(leftovers).toEqual([]);
    const indexes = await graph.query<{ name: string }>('SHOW INDEXES YIELD name RETURN name');
    expect(indexes.map((i) => i.name)).not.toContain('import_export_id');
  }, 180_000);

  it('imports into an empty database only', async () => {
    expect(await countDataNodes(services.graph)).toBeGreaterThan(0);
    const file = path.join(dir, 'graph.json');
    await expect(importGraph(services.graph, file)).rejects.toThrow(/not empty/);
  });

  it('rejects a file that is not an export, and one that is cut short', async () => {
    await eraseGraph(services.graph);
    const notExport = path.join(dir, 'other.json');
    fs.writeFileSync(notExport, '{"format":"something-else","version":1,"nodes":[\n');
    await expect(importGraph(services.graph, notExport)).rejects.toThrow(/not a clinical-wiki-graph export/);
    const cut = path.join(dir, 'cut.json');
    fs.writeFileSync(cut, fs.readFileSync(path.join(dir, 'graph.json'), 'utf8').split('\n').slice(0, 20).join('\n'));
    await expect(importGraph(services.graph, cut)).rejects.toThrow(/incomplete/);
    await eraseGraph(services.graph);
  });

  // An export is kept for years; one written before readers' upvotes had tallies (migration 010) held them on the entry.
  it("imports an export written before upvote tallies: readers see the counts they saw", async () => {
    await eraseGraph(services.graph);
    const old = path.join(dir, 'before-tallies.json');
    fs.writeFileSync(
      old,
      [
        '{"format":"clinical-wiki-graph","version":1,"nodes":[',
        '{"labels":["Entry"],"properties":{"slug":"earned-security","name":"Earned Security","kind":"CONSTRUCT","upvotes":7,"exportedUpvotes":5}}',
        ',{"labels":["Entry"],"properties":{"slug":"couples","name":"Couples","kind":"POPULATION","upvotes":2}}',
        '],"relationships":[',
        '],"counts":{"nodes":2,"relationships":0}}',
      ].join('\n'),
    );
    await importGraph(services.graph, old);
    const entries = await services.entries.entriesBySlug(['couples', 'earned-security']);
    expect(entries.map((entry) => [entry.slug, entry.upvotes])).toEqual([
      ['couples', 2],
      ['earned-security', 7],
    ]);
    expect(await services.graph.query('MATCH (e:Entry) WHERE e.upvotes IS NOT NULL RETURN e.slug')).toEqual([]);
    await eraseGraph(services.graph);
  });
});
