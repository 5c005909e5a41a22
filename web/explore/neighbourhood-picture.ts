import type { Core, ElementDefinition, Position, StylesheetJson } from 'cytoscape';
import type { EntryKind } from '../generated/contract';
import { h } from './dom';
import { KIND_LABELS } from './labels';
import type { Graph } from './neighbourhood-model';
import { entryUrl } from './urls';

/** Colours by kind, each with a shape, so the picture does not rely on colour alone. */
const KIND_STYLES: Record<EntryKind, { colour: string; shape: string; glyph: string }> = {
  CONSTRUCT: { colour: '#3b6fb6', shape: 'ellipse', glyph: '●' },
  MODALITY: { colour: '#2f8f6b', shape: 'round-rectangle', glyph: '▰' },
  PROBLEM_FOR_WORK: { colour: '#c2553a', shape: 'diamond', glyph: '◆' },
  POPULATION: { colour: '#8a5cc2', shape: 'hexagon', glyph: '⬢' },
  PERSON: { colour: '#b3860b', shape: 'triangle', glyph: '▲' },
  INSTRUMENT: { colour: '#4d7c8a', shape: 'rectangle', glyph: '■' },
};
const UNKNOWN_KIND = { colour: '#9aa5b1', shape: 'ellipse', glyph: '●' };

/** The kinds the picture shows, each with its colour and shape (the screen-reader links say the kind in words). */
export function legend(graph: Graph): HTMLElement {
  const kinds = [...new Set([...graph.nodes.values()].map((node) => node.kind))].filter((kind): kind is EntryKind => kind !== null);
  return h(
    'ul',
    { class: 'legend', 'aria-hidden': 'true' },
    kinds.map((kind) => h('li', {}, h('span', { style: `color:${KIND_STYLES[kind].colour}` }, KIND_STYLES[kind].glyph), ` ${KIND_LABELS[kind]}`)),
  );
}

const STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      label: 'data(name)',
      'background-color': 'data(colour)',
      shape: 'data(shape)' as never,
      width: 18,
      height: 18,
      'font-size': 12,
      color: '#1f2933',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-wrap': 'wrap',
      'text-max-width': '110px',
    },
  },
  { selector: 'node[?centre]', style: { width: 30, height: 30, 'font-size': 14, 'font-weight': 'bold', 'border-width': 3, 'border-color': '#1f2933' } },
  { selector: 'node[!slug]', style: { 'font-style': 'italic' } },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': '#9aa5b1',
      'target-arrow-color': '#9aa5b1',
      'target-arrow-shape': 'triangle',
      'curve-style': 'bezier',
      label: 'data(label)',
      'font-size': 10,
      color: '#52606d',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
    },
  },
  { selector: 'edge[?onPath]', style: { width: 3, 'line-color': '#d97706', 'target-arrow-shape': 'none', color: '#92400e' } },
];

const pictures = new WeakMap<HTMLElement, { cy: Core; resizing: ResizeObserver }>();

/**
 * Draws the graph into `container` with cytoscape (loaded on first use: the
 * rest of the explorer does not wait for it), the entry in the middle and
 * each ring further out. Over every entry that can be opened lies a link, so
 * the picture can be clicked, tabbed through and read by a screen reader.
 */
export async function drawGraph(container: HTMLElement, graph: Graph): Promise<void> {
  const { default: cytoscape } = await import('cytoscape');
  const previous = pictures.get(container);
  previous?.resizing.disconnect();
  previous?.cy.destroy();
  const canvas = container.querySelector<HTMLElement>('.graph-canvas') ?? container.appendChild(h('div', { class: 'graph-canvas' }));
  const overlay = container.querySelector<HTMLElement>('.graph-links') ?? container.appendChild(h('div', { class: 'graph-links' }));
  const layout = () => ({ name: 'preset', positions: ringPositions(graph, canvas.clientWidth / Math.max(canvas.clientHeight, 1)), fit: true, padding: 24 });
  const cy = cytoscape({
    container: canvas,
    elements: elementsOf(graph),
    style: STYLE,
    layout: layout(),
    // A picture inside a scrolling page: the wheel and a finger scroll the page, not the graph.
    userZoomingEnabled: false,
    userPanningEnabled: false,
    boxSelectionEnabled: false,
    autoungrabify: true,
    autounselectify: true,
  });
  const placeLinks = () => {
    overlay.replaceChildren(
      ...cy
        .nodes()
        .filter((node) => Boolean(node.data('slug')) && !node.data('centre'))
        .map((node) => {
          const box = node.renderedBoundingBox({ includeLabels: true });
          return h(
            'a',
            {
              href: entryUrl(node.data('slug')),
              class: 'graph-node',
              style: `left:${box.x1}px;top:${box.y1}px;width:${box.w}px;height:${box.h}px`,
              title: node.data('description'),
            },
            h('span', { class: 'visually-hidden' }, `${node.data('name')} (${node.data('kindLabel')}): ${node.data('description')}`),
          );
        }),
    );
  };
  placeLinks();
  // A phone turned sideways, a window resized: the picture refits and its links follow.
  const resizing = new ResizeObserver(() => {
    cy.resize();
    cy.layout(layout()).run();
    placeLinks();
  });
  resizing.observe(canvas);
  pictures.set(container, { cy, resizing });
}

/** Distance between rings, in the picture's own units (it is then fitted to its box). */
const RING = 160;

/**
 * The entry in the middle and its neighbours around it on an ellipse as wide
 * as the box allows (labels need width more than height), in the order the
 * relations came (lineage, targets, backlinks); a crowded ring alternates two
 * radii so neighbouring labels do not overlap. A path's entries further out
 * continue outwards from the entry before them.
 */
function ringPositions(graph: Graph, aspect: number): (node: { id(): string }) => Position {
  const stretch = Math.min(Math.max(aspect, 1), 2.2);
  const angles = new Map<string, number>([[graph.centre.key, 0]]);
  const positions = new Map<string, Position>([[graph.centre.key, { x: 0, y: 0 }]]);
  const place = (key: string, ring: number, angle: number, radiusFactor = 1) => {
    const radius = RING * ring * radiusFactor;
    angles.set(key, angle);
    positions.set(key, { x: radius * Math.cos(angle) * stretch, y: radius * Math.sin(angle) });
  };
  const nodes = [...graph.nodes.values()];
  const firstRing = nodes.filter((node) => node.ring === 1);
  firstRing.forEach((node, index) => {
    place(node.key, 1, -Math.PI / 2 + (2 * Math.PI * index) / firstRing.length, firstRing.length > 10 && index % 2 === 1 ? 1.3 : 1);
  });
  for (const node of nodes.filter((n) => n.ring > 1).sort((a, b) => a.ring - b.ring)) {
    const siblings = nodes.filter((n) => n.ring === node.ring && n.parent === node.parent);
    const spread = (siblings.indexOf(node) - (siblings.length - 1) / 2) * 0.3;
    place(node.key, node.ring, (angles.get(node.parent ?? '') ?? 0) + spread);
  }
  return (node) => positions.get(node.id())!;
}

function elementsOf(graph: Graph): ElementDefinition[] {
  const nodes = [...graph.nodes.values()].map((node) => ({
    data: {
      id: node.key,
      slug: node.slug,
      name: node.name,
      kindLabel: node.kindLabel,
      ring: node.ring,
      centre: node === graph.centre,
      description: node.relations.join('; '),
      colour: (node.kind ? KIND_STYLES[node.kind] : UNKNOWN_KIND).colour,
      shape: (node.kind ? KIND_STYLES[node.kind] : UNKNOWN_KIND).shape,
    },
  }));
  const edges = graph.edges.map((edge, index) => ({ data: { id: `edge-${index}`, source: edge.from, target: edge.to, label: edge.label, onPath: edge.onPath } }));
  return [...nodes, ...edges];
}
