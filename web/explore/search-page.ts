import { run } from './api';
import { h, replace } from './dom';
import { typenameLabel } from './labels';
import { rememberEntry } from './names';
import { searchForm } from './search-form';
import { entryUrl } from './urls';

const RESULTS = 20;

/**
 * /explore/search?q=: entries, key terms and sources matching the words.
 * Entries open their page; the contract's Search gives a key term its term
 * and a source its title only, so those are listed as found.
 */
export async function searchPage(main: HTMLElement, query: string, signal: AbortSignal): Promise<string> {
  const heading = h('h1', {}, query ? `Search: ${query}` : 'Search');
  if (!query) {
    replace(main, heading, searchForm('page-search', ''));
    return 'Search';
  }
  const { search } = await run('Search', { query, first: RESULTS }, signal);
  const items = search.edges.map(({ node }) => {
    const type = h('span', { class: 'result-type' }, typenameLabel(node.__typename));
    if ('slug' in node) {
      rememberEntry(node);
      return h('li', {}, h('a', { href: entryUrl(node.slug) }, node.name), ' ', type);
    }
    return h('li', {}, 'term' in node ? node.term : node.title, ' ', type);
  });
  replace(
    main,
    heading,
    searchForm('page-search', query),
    items.length > 0 ? h('ol', { class: 'results' }, items) : h('p', { class: 'notice' }, `Nothing matches “${query}”.`),
  );
  return `Search: ${query}`;
}
