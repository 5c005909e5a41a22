import { run } from './api';
import { articleView, keyTermAnchor } from './article';
import { crossLink, type CrossLinkTarget } from './cross-links';
import { h, replace } from './dom';
import { rememberEntry } from './names';
import { neighbourhoodSection } from './neighbourhood-section';
import { notFound } from './notices';
import { seeAlsoPanel } from './see-also-panel';
import { entryUrl, searchUrl } from './urls';

/**
 * /explore/entry/<slug>: the article (EntryPage) first; then, as they
 * arrive, its names cross-linked (CrossLink), the see-also panel and the
 * neighbourhood picture.
 */
export async function entryPage(main: HTMLElement, slug: string, signal: AbortSignal): Promise<string> {
  const { entry } = await run('EntryPage', { slug }, signal);
  if (!entry) return notFound(main, `No entry has the slug “${slug}”.`);
  rememberEntry(entry);
  const article = articleView(entry);
  // The picture gives the overview before the reading: it follows the article's header.
  article.element.querySelector('header')!.after(neighbourhoodSection(entry, signal));
  replace(main, h('div', { class: 'entry-layout' }, article.element, seeAlsoPanel(entry.slug, signal)));

  const definedHere = new Set(entry.keyTerms.map((keyTerm) => keyTerm.term.toLowerCase()));
  const hrefFor = (target: CrossLinkTarget): string | null => {
    if ('slug' in target) return target.slug === entry.slug ? null : entryUrl(target.slug);
    // A key term's definition: on this page when the article defines it, else wherever search finds it.
    return definedHere.has(target.term.toLowerCase()) ? `#${keyTermAnchor(target.term)}` : searchUrl(target.term);
  };
  crossLink(article.linkable, hrefFor, signal).catch(() => {
    // The article reads without its cross-links; a failed request leaves the names as text.
  });
  return entry.name;
}
