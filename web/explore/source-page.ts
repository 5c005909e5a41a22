import { run } from './api';
import { tierBadge } from './badges';
import { h, replace } from './dom';
import { knownName } from './names';
import { notFound } from './notices';
import { entryUrl } from './urls';

/** The contract's SourceUsage has no cursor: the page shows as many claims as the schema allows at once. */
const CLAIMS = 100;

/** /explore/source/<id>: a source's page, every entry and claim it supports (SourceUsage). */
export async function sourcePage(main: HTMLElement, id: string, signal: AbortSignal): Promise<string> {
  const { node } = await run('SourceUsage', { id, first: CLAIMS }, signal);
  if (!node || !('title' in node)) return notFound(main, 'No source has this id.');
  // SourceUsage names entries by slug: the name shows when another answer gave it.
  const entryLink = (slug: string) => h('a', { href: entryUrl(slug) }, knownName(slug) ?? slug);
  const { totalCount, edges } = node.claims;
  const bySlug = new Map<string, string[]>();
  for (const { node: claim } of edges) bySlug.set(claim.entry.slug, [...(bySlug.get(claim.entry.slug) ?? []), claim.text]);
  replace(
    main,
    h('h1', {}, node.title),
    h('p', { class: 'eyebrow' }, 'Source · ', tierBadge(node.tier)),
    h('section', { 'aria-labelledby': 'source-entries' }, h('h2', { id: 'source-entries' }, 'Entries listing it'), h('ul', { class: 'source-entries' }, node.entries.map((e) => h('li', {}, entryLink(e.slug))))),
    h(
      'section',
      { 'aria-labelledby': 'source-claims' },
      h('h2', { id: 'source-claims' }, `Claims citing it (${totalCount})`),
      edges.length < totalCount && h('p', { class: 'notice' }, `The first ${edges.length} of ${totalCount}.`),
      [...bySlug].map(([slug, texts]) => h('div', { class: 'source-claims' }, h('h3', {}, entryLink(slug)), h('ul', {}, texts.map((text) => h('li', {}, text))))),
    ),
  );
  return node.title;
}
