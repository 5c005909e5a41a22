import { h, replace } from './dom';
import { navigate } from './router';
import { searchForm } from './search-form';
import { evidenceUrl } from './urls';

/** /explore: where to start, searching or asking which sources support a statement. */
export async function homePage(main: HTMLElement): Promise<string> {
  const statement = h('textarea', { id: 'home-statement', name: 'statement', rows: 3, required: true });
  const evidence = h(
    'form',
    { class: 'evidence-form' },
    h('label', { for: 'home-statement' }, 'Which sources support a statement? Type it:'),
    statement,
    h('button', { type: 'submit' }, 'Find supporting sources'),
  );
  evidence.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(evidenceUrl(statement.value.trim()));
  });
  replace(
    main,
    h('h1', {}, 'Clinical wiki explorer'),
    h(
      'p',
      { class: 'lead' },
      'Read the wiki’s entries with the provenance of every sentence, follow related entries and their reasons, and see which sources support a claim.',
    ),
    searchForm('home-search', ''),
    evidence,
  );
  return 'Explorer';
}
