import { run, type Result } from './api';
import { h, uniqueId } from './dom';
import { addPath, neighbourhoodGraph, relationWords, type Graph } from './neighbourhood-model';
import { drawGraph, legend } from './neighbourhood-picture';
import { knownEntry, rememberEntry } from './names';
import { errorNotice } from './notices';
import { learnPathEntries } from './path-entries';
import type { Entry } from './article';
import { entryUrl } from './urls';

/** Hops the connection search looks through (the schema allows 1 to 6). */
const MAX_HOPS = 4;

type SearchEdges = Result<'Search'>['search']['edges'];

/**
 * The entry's neighbourhood as a picture (Neighbourhood), and how the entry
 * connects to any other (Connection), drawn into the same picture.
 */
export function neighbourhoodSection(entry: Entry, signal: AbortSignal): HTMLElement {
  const picture = h('div', { class: 'graph', role: 'group', 'aria-label': `Neighbourhood of ${entry.name}` });
  const status = h('p', { class: 'status', role: 'status' }, 'Drawing the neighbourhood…');
  const section = h(
    'section',
    { class: 'panel neighbourhood', 'aria-labelledby': 'neighbourhood' },
    h('h2', { id: 'neighbourhood' }, 'Neighbourhood'),
    h('p', { class: 'hint' }, 'Lineage, the problems it targets and the entries linking to it. Select an entry to open it.'),
    status,
    picture,
  );
  void (async () => {
    try {
      const { entry: found } = await run('Neighbourhood', { slug: entry.slug }, signal);
      if (!found) return;
      const graph = neighbourhoodGraph(entry, found);
      for (const node of graph.nodes.values()) if (node.slug) rememberEntry({ slug: node.slug, name: node.name });
      await drawGraph(picture, graph);
      const around = graph.nodes.size - 1;
      status.textContent = `${around} ${around === 1 ? 'entry' : 'entries'} around ${entry.name}.`;
      const key = legend(graph);
      section.append(key, connectionForm(entry, graph, picture, key, signal));
    } catch (error) {
      if (!signal.aborted) status.replaceWith(errorNotice(error));
    }
  })();
  return section;
}

function connectionForm(entry: Entry, graph: Graph, picture: HTMLElement, key: HTMLElement, signal: AbortSignal): HTMLElement {
  const inputId = uniqueId('connect');
  const optionsId = uniqueId('connect-options');
  const input = h('input', { id: inputId, name: 'to', type: 'search', list: optionsId, autocomplete: 'off', required: true });
  const options = h('datalist', { id: optionsId });
  const result = h('div', { class: 'connection', role: 'status' });
  /** Entries the suggestions offered, by lower-cased name: what the reader picks is a name. */
  const offered = new Map<string, { slug: string; name: string }>();

  const entriesOf = (edges: SearchEdges) =>
    edges.flatMap(({ node }) => ('slug' in node && 'name' in node ? [{ slug: node.slug, name: node.name }] : [])).filter((e) => e.slug !== entry.slug);
  let typing: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(typing);
    const query = input.value.trim();
    if (query.length < 2) return;
    typing = setTimeout(async () => {
      const { search } = await run('Search', { query, first: 8 }, signal).catch(() => ({ search: { edges: [] } }));
      const entries = entriesOf(search.edges);
      for (const found of entries) offered.set(found.name.toLowerCase(), found);
      options.replaceChildren(...entries.map((found) => h('option', { value: found.name })));
    }, 250);
  });

  const form = h(
    'form',
    { class: 'connect-form' },
    h('label', { for: inputId }, `How does ${entry.name} connect to`),
    h('span', { class: 'field' }, input, h('button', { type: 'submit' }, 'Find the connection')),
    options,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const wanted = input.value.trim();
    result.replaceChildren(h('p', {}, 'Looking…'));
    try {
      const target = offered.get(wanted.toLowerCase()) ?? entriesOf((await run('Search', { query: wanted, first: 5 }, signal)).search.edges)[0];
      if (!target) return result.replaceChildren(h('p', {}, `No entry matches “${wanted}”.`));
      const { path } = await run('Connection', { from: entry.slug, to: target.slug, maxHops: MAX_HOPS }, signal);
      if (!path) return result.replaceChildren(h('p', {}, `${entry.name} and ${target.name} are not connected within ${MAX_HOPS} steps.`));
      await learnPathEntries(entry.slug, path, signal);
      const steps = addPath(graph, target, path, knownEntry);
      result.replaceChildren(
        h('p', {}, `${entry.name} connects to ${target.name} in ${path.length} step${path.length === 1 ? '' : 's'}:`),
        h(
          'ol',
          { class: 'path' },
          path.steps.map((step, index) => {
            const node = steps[index + 1]!;
            return h('li', {}, `${relationWords(step.relation)} → `, node.slug ? h('a', { href: entryUrl(node.slug) }, node.name) : node.name);
          }),
        ),
      );
      await drawGraph(picture, graph);
      key.replaceChildren(...legend(graph).children);
    } catch (error) {
      if (!signal.aborted) result.replaceChildren(errorNotice(error));
    }
  });
  return h('div', {}, form, result);
}
