import { run } from './api';
import { tierBadge } from './badges';
import { h, replace } from './dom';
import { PROVENANCE_LABELS } from './labels';
import { rememberEntry } from './names';
import { navigate } from './router';
import { entryUrl, evidenceUrl, sourceUrl } from './urls';

const RESULTS = 10;

/** /explore/evidence?statement=: "which sources support this?" for a sentence of the wiki or any typed statement (Evidence). */
export async function evidencePage(main: HTMLElement, statement: string, signal: AbortSignal): Promise<string> {
  const textarea = h('textarea', { id: 'statement', name: 'statement', rows: 3, required: true });
  textarea.value = statement;
  const form = h(
    'form',
    { class: 'evidence-form' },
    h('label', { for: 'statement' }, 'Statement'),
    textarea,
    h('button', { type: 'submit' }, 'Find supporting sources'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(evidenceUrl(textarea.value.trim()));
  });
  const heading = h('h1', {}, 'Which sources support this?');
  if (!statement) {
    replace(main, heading, form);
    return 'Which sources support this?';
  }
  const { evidence } = await run('Evidence', { statement, first: RESULTS }, signal);
  const hits = evidence.map((hit) => {
    rememberEntry(hit.claim.entry);
    return h(
      'li',
      { class: 'hit' },
      h('blockquote', {}, hit.claim.text),
      h(
        'p',
        { class: 'hit-meta' },
        'In ',
        h('a', { href: entryUrl(hit.claim.entry.slug) }, hit.claim.entry.name),
        ' · ',
        hit.claim.provenance === 'CITED' ? 'cited' : PROVENANCE_LABELS[hit.claim.provenance].badge,
        ' · ',
        h('span', { class: 'score' }, `match ${hit.score.toFixed(2)}`),
      ),
      hit.sources.length > 0
        ? h(
            'ul',
            { class: 'hit-sources', 'aria-label': 'Sources' },
            hit.sources.map((source) =>
              h('li', {}, h('a', { href: sourceUrl(source.id) }, source.title), source.year !== null && ` (${source.year})`, ' ', tierBadge(source.tier)),
            ),
          )
        : h('p', { class: 'hit-sources none' }, PROVENANCE_LABELS[hit.claim.provenance === 'LLM' ? 'LLM' : 'UNMARKED'].meaning),
    );
  });
  replace(
    main,
    heading,
    form,
    h('h2', {}, hits.length > 0 ? `Claims that match, best first` : 'No claim in the wiki matches this statement.'),
    hits.length > 0 && h('ol', { class: 'hits' }, hits),
  );
  return 'Which sources support this?';
}
