import { h } from './dom';
import { navigate } from './router';
import { searchUrl } from './urls';

/** A search box; submitting it opens /explore/search?q=… (a URL that can be shared and reloaded). */
export function searchForm(id: string, value: string, label = 'Search entries, key terms and sources'): HTMLElement {
  const input = h('input', { id, name: 'q', type: 'search', value, required: true, autocomplete: 'off' });
  const form = h('form', { class: 'search-form', role: 'search' }, h('label', { for: id }, label), h('span', { class: 'field' }, input, h('button', { type: 'submit' }, 'Search')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(searchUrl(input.value.trim()));
  });
  return form;
}
