import { run, type Result } from './api';
import { kindBadge } from './badges';
import { h } from './dom';
import { REASON_LABELS } from './labels';
import { rememberEntry } from './names';
import { errorNotice } from './notices';
import { entryUrl } from './urls';

/** Entries per page of the panel. */
const PAGE_SIZE = 5;

type Edge = NonNullable<Result<'SeeAlsoPanel'>['entry']>['seeAlso']['edges'][number];

/** The see-also panel: related entries best first, each with its score and the reasons (kind and label), a page at a time. */
export function seeAlsoPanel(slug: string, signal: AbortSignal): HTMLElement {
  const status = h('p', { class: 'status', role: 'status' }, 'Loading related entries…');
  const list = h('ol', { class: 'see-also-list' });
  const more = h('button', { type: 'button', class: 'more', hidden: true }, 'More related entries');
  let after: string | null = null;

  const load = async (asked: boolean) => {
    more.disabled = true;
    try {
      const { entry } = await run('SeeAlsoPanel', { slug, first: PAGE_SIZE, after }, signal);
      const page = entry?.seeAlso;
      if (!page) return;
      const items = page.edges.map(seeAlsoItem);
      list.append(...items);
      after = page.pageInfo.endCursor;
      more.hidden = !page.pageInfo.hasNextPage;
      status.textContent = list.children.length === 0 ? 'No related entries yet.' : `${list.children.length} related entries${page.pageInfo.hasNextPage ? ' so far' : ''}.`;
      // After "More", keyboard users carry on from the first new entry.
      if (asked) items[0]?.querySelector('a')?.focus();
    } catch (error) {
      if (!signal.aborted) status.replaceWith(errorNotice(error));
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', () => void load(true));
  void load(false);

  return h('aside', { class: 'panel see-also', 'aria-labelledby': 'see-also' }, h('h2', { id: 'see-also' }, 'See also'), status, list, more);
}

function seeAlsoItem(edge: Edge): HTMLElement {
  rememberEntry(edge.node);
  return h(
    'li',
    { class: 'see-also-item' },
    h(
      'p',
      { class: 'see-also-head' },
      h('a', { href: entryUrl(edge.node.slug) }, edge.node.name),
      ' ',
      kindBadge(edge.node.kind),
      ' ',
      h('span', { class: 'score', title: 'Relatedness: the sum of the reasons’ weights' }, `score ${edge.score.toFixed(2)}`),
    ),
    edge.node.summary && h('p', { class: 'see-also-summary' }, edge.node.summary),
    h(
      'ul',
      { class: 'reasons', 'aria-label': 'Why' },
      edge.reasons.map((reason) => h('li', {}, h('span', { class: 'reason-kind' }, REASON_LABELS[reason.kind]), ' ', reason.label)),
    ),
  );
}
