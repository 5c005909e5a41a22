import { h, replace } from './dom';
import { errorNotice } from './notices';

/** Renders one view into the page's main element; resolves to the view's title once its main content is in. */
export type View = (main: HTMLElement, signal: AbortSignal) => Promise<string>;

const SITE = 'Clinical wiki explorer';

let main: HTMLElement;
let viewFor: (url: URL) => View;
/** Path and query of the view shown: a change of hash alone (an in-page link) is not a new view. */
let shown = '';
let pending: AbortController | null = null;

/**
 * History API routing: links under /explore and the explorer's forms change
 * the URL with pushState and render the view; back and forward render the
 * view of the URL they return to.
 */
export function startRouter(element: HTMLElement, views: (url: URL) => View): void {
  main = element;
  viewFor = views;
  document.addEventListener('click', followLink);
  window.addEventListener('popstate', () => void show(true));
  void show(false);
}

export function navigate(href: string): void {
  history.pushState(null, '', href);
  void show(true);
}

function followLink(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = (event.target as Element | null)?.closest('a');
  if (!link || link.target || link.hasAttribute('download')) return;
  const url = new URL(link.href);
  if (url.origin !== location.origin || !(url.pathname === '/explore' || url.pathname.startsWith('/explore/'))) return;
  // An in-page anchor (a key term's definition): the browser scrolls to it.
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
}

async function show(moved: boolean): Promise<void> {
  const key = location.pathname + location.search;
  if (key === shown) return;
  shown = key;
  pending?.abort();
  const controller = (pending = new AbortController());
  main.setAttribute('aria-busy', 'true');
  replace(main, h('p', { class: 'loading' }, 'Loading…'));
  let title: string;
  try {
    title = await viewFor(new URL(location.href))(main, controller.signal);
  } catch (error) {
    if (controller.signal.aborted) return;
    replace(main, h('h1', {}, 'Something went wrong'), errorNotice(error));
    title = 'Error';
  }
  if (controller.signal.aborted) return;
  main.removeAttribute('aria-busy');
  document.title = `${title} · ${SITE}`;
  if (moved) {
    window.scrollTo(0, 0);
    // Screen readers announce the new view's heading; keyboard users continue from it.
    const heading = main.querySelector('h1');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus();
  }
}
