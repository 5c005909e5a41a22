import type { Graph } from '../../src/graph/graph';

const VOLATILE = new Set(['createdAt', 'updatedAt']);

const canonical = (props: Record<string, unknown>) =>
  JSON.stringify(Object.fromEntries(Object.entries(props).filter(([k]) => !VOLATILE.has(k)).sort(([a], [b]) => a.localeCompare(b))));

/**
 * Every node and relationship with its properties (timestamps aside), as
 * sorted lines: two snapshots are equal exactly when the graphs are. Derived
 * see-also panels are left out: they are a cache of what reads compute.
 */
export async function graphSnapshot(graph: Graph): Promise<string> {
  const nodes = await graph.query<{ labels: string[]; props: Record<string, unknown> }>(
    'MATCH (n) WHERE NOT n:Migration AND NOT n:Meta AND NOT n:SeeAlsoPanel RETURN labels(n) AS labels, properties(n) AS props',
  );
  const rels = await graph.query<{ from: Record<string, unknown>; type: string; props: Record<string, unknown>; to: Record<string, unknown> }>(
    'MATCH (a)-[r]->(b) RETURN properties(a) AS from, type(r) AS type, properties(r) AS props, properties(b) AS to',
  );
  const idOf = (props: Record<string, unknown>) => String(props.slug ?? props.key ?? props.id);
  return [
    ...nodes.map((n) => `${n.labels.sort().join(':')} ${canonical(n.props)}`),
    ...rels.map((r) => `${idOf(r.from)} -${r.type} ${canonical(r.props)}-> ${idOf(r.to)}`),
  ]
    .sort()
    .join('\n');
}
