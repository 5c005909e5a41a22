import type { EntryKind } from '../generated/contract';
import type { Result } from './api';
import { KIND_LABELS, KIND_OF_TYPENAME, typenameLabel } from './labels';

type Neighbourhood = NonNullable<Result<'Neighbourhood'>['entry']>;
type Path = NonNullable<Result<'Connection'>['path']>;

export interface GraphNode {
  /** The entry's slug; a path's entry the explorer cannot name gets a key of its own. */
  key: string;
  /** Null when the node cannot be opened (an entry on a path the contract names by id only). */
  slug: string | null;
  name: string;
  kindLabel: string;
  kind: EntryKind | null;
  /** How many rings out from the centre the picture puts it (0: the entry itself). */
  ring: number;
  /** Sentences saying how it relates to the centre, for screen readers and hover. */
  relations: string[];
  /** On a path beyond the first ring: the node before it, which the picture puts it beyond. */
  parent: string | null;
}

export interface GraphEdge {
  from: string;
  to: string;
  label: string;
  /** Path edges are drawn over the neighbourhood's; their direction is not in the contract's Connection. */
  onPath: boolean;
}

export interface Graph {
  centre: GraphNode;
  nodes: Map<string, GraphNode>;
  edges: GraphEdge[];
}

interface Centre {
  slug: string;
  name: string;
  kind: EntryKind;
}

/** The entry, its lineage both ways, the problems it targets and the entries linking to it, as nodes and edges. */
export function neighbourhoodGraph(centre: Centre, neighbourhood: Neighbourhood): Graph {
  const graph: Graph = { centre: entryNode(centre, 0), nodes: new Map(), edges: [] };
  graph.nodes.set(centre.slug, graph.centre);
  const neighbour = (entry: { slug: string; name: string; kind?: EntryKind }, relation: string) => {
    const node = graph.nodes.get(entry.slug) ?? entryNode(entry, 1);
    node.relations.push(relation);
    graph.nodes.set(entry.slug, node);
  };
  for (const link of neighbourhood.lineage) {
    const outgoing = link.direction === 'OUTGOING';
    neighbour(link.node, outgoing ? `${centre.name} ${link.relation} ${link.node.name}` : `${link.node.name} ${link.relation} ${centre.name}`);
    graph.edges.push({ from: outgoing ? centre.slug : link.node.slug, to: outgoing ? link.node.slug : centre.slug, label: link.relation, onPath: false });
  }
  for (const target of neighbourhood.targets) {
    // The schema's targets are problems-for-work, so the contract does not ask their kind.
    neighbour({ ...target, kind: 'PROBLEM_FOR_WORK' }, `${centre.name} targets ${target.name}`);
    graph.edges.push({ from: centre.slug, to: target.slug, label: 'targets', onPath: false });
  }
  for (const backlink of neighbourhood.backlinks) {
    neighbour(backlink, `${backlink.name} links to ${centre.name}`);
    graph.edges.push({ from: backlink.slug, to: centre.slug, label: 'links here', onPath: false });
  }
  return graph;
}

/**
 * Adds a connection from the centre to `target`: each hop's entry (named when
 * the explorer knows its id, the last one being the target) and the relation crossed.
 */
export function addPath(graph: Graph, target: { slug: string; name: string }, path: Path, known: (id: string) => { slug: string; name: string } | undefined): GraphNode[] {
  const onPath: GraphNode[] = [graph.centre];
  path.steps.forEach((step, index) => {
    const last = index === path.steps.length - 1;
    const entry = last ? target : known(step.node.id);
    const typeLabel = typenameLabel(step.node.__typename);
    const key = entry?.slug ?? `path:${step.node.id}`;
    const node = graph.nodes.get(key) ?? {
      key,
      slug: entry?.slug ?? null,
      name: entry?.name ?? `a ${typeLabel.toLowerCase()}`,
      kindLabel: typeLabel,
      kind: KIND_OF_TYPENAME[step.node.__typename] ?? null,
      ring: index + 1,
      relations: [],
      parent: onPath.at(-1)!.key,
    };
    const before = onPath.at(-1)!;
    node.relations.push(`${index + 1} of ${path.length} steps from ${graph.centre.name}, by ${relationWords(step.relation)}`);
    graph.nodes.set(key, node);
    graph.edges.push({ from: before.key, to: key, label: relationWords(step.relation), onPath: true });
    onPath.push(node);
  });
  return onPath;
}

/** `SEE_ALSO` → `see also`. */
export const relationWords = (relation: string) => relation.toLowerCase().replace(/_/g, ' ');

function entryNode(entry: { slug: string; name: string; kind?: EntryKind }, ring: number): GraphNode {
  return {
    key: entry.slug,
    slug: entry.slug,
    name: entry.name,
    kind: entry.kind ?? null,
    kindLabel: entry.kind ? KIND_LABELS[entry.kind] : 'Entry',
    ring,
    relations: [],
    parent: null,
  };
}
