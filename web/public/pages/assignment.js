// `/assignments/<id>`: the exercise sheet and the hand-in area.
import { api, problemOf } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { notFound } from './not-found.js';

export const strings = { en: {}, de: {} };

export async function render(main, { t, params, signal }) {
  const result = await api('GET', `/api/assignments/${encodeURIComponent(params.id)}`, undefined, { signal });
  if (result.status === 404) return void main.append(notFound(t));
  if (result.status !== 200) return void main.append(h('p', { class: 'message error', role: 'alert' }, problemOf(result, t)));
  main.append(h('h1', {}, result.data.title));
}
