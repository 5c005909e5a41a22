import { entryPage } from './entry-page';
import { evidencePage } from './evidence-page';
import { homePage } from './home-page';
import { notFound } from './notices';
import type { View } from './router';
import { searchPage } from './search-page';
import { sourcePage } from './source-page';

/** The view for a URL: the routes of urls.ts. */
export function viewFor(url: URL): View {
  const path = url.pathname.replace(/\/+$/, '');
  const entry = /^\/explore\/entry\/([^/]+)$/.exec(path);
  const source = /^\/explore\/source\/([^/]+)$/.exec(path);
  if (path === '/explore') return (main) => homePage(main);
  if (path === '/explore/search') return (main, signal) => searchPage(main, url.searchParams.get('q')?.trim() ?? '', signal);
  if (path === '/explore/evidence') return (main, signal) => evidencePage(main, url.searchParams.get('statement')?.trim() ?? '', signal);
  if (entry) return (main, signal) => entryPage(main, decodeURIComponent(entry[1]!), signal);
  if (source) return (main, signal) => sourcePage(main, decodeURIComponent(source[1]!), signal);
  return async (main) => notFound(main, 'The explorer has no page at this address.');
}
