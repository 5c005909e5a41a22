import { run, type Result } from './api';
import type { LinkableText } from './article';
import { h } from './dom';

export type CrossLinkTarget = Result<'CrossLink'>['crossLink'][number]['target'];

/** Between two texts in the one CrossLink request: no name spans a blank line. */
const SEPARATOR = '\n\n';

/**
 * Turns the names in texts into links, with one CrossLink request for all of
 * them (an article has a few hundred sentences). `hrefFor` says where a
 * target's link goes, or null to leave the name as text.
 */
export async function crossLink(texts: LinkableText[], hrefFor: (target: CrossLinkTarget) => string | null, signal: AbortSignal): Promise<void> {
  if (texts.length === 0) return;
  const { crossLink: spans } = await run('CrossLink', { text: texts.map((t) => t.text).join(SEPARATOR) }, signal);
  let start = 0;
  for (const { text, element } of texts) {
    const end = start + text.length;
    const inside = spans.filter((span) => span.start >= start && span.end <= end).sort((a, b) => a.start - b.start);
    const children: Array<Node | string> = [];
    let at = 0;
    for (const span of inside) {
      const href = hrefFor(span.target);
      if (href === null) continue;
      children.push(text.slice(at, span.start - start), h('a', { href, class: 'cross-link' }, text.slice(span.start - start, span.end - start)));
      at = span.end - start;
    }
    if (at > 0) element.replaceChildren(...children, text.slice(at));
    start = end + SEPARATOR.length;
  }
}
