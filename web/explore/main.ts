import './style.css';
import { h } from './dom';
import { startRouter } from './router';
import { searchForm } from './search-form';
import { HOME_URL } from './urls';
import { viewFor } from './views';

const main = h('main', { id: 'main', tabindex: -1 });
document.getElementById('explorer')!.replaceWith(
  h('a', { class: 'skip-link', href: '#main' }, 'Skip to content'),
  h('header', { class: 'site-header' }, h('a', { class: 'site-name', href: HOME_URL }, 'Clinical wiki explorer'), searchForm('site-search', '', 'Search')),
  main,
  h('footer', { class: 'site-footer' }, 'A reference client of the API’s contract operations; everything shown comes from /graphql.'),
);
startRouter(main, viewFor);
