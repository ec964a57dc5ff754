// A student's home: their submissions (the assignment cards come next).
import { api, problemOf } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { register } from '../lib/i18n.js';
import { submissionsTable } from '../lib/submissions-table.js';

register({
  en: { 'homeStudent.title': 'Your assignments', 'homeStudent.recent': 'Your submissions' },
  de: { 'homeStudent.title': 'Ihre Aufgaben', 'homeStudent.recent': 'Ihre Abgaben' },
});

export async function render(main, { t, signal }) {
  main.append(h('h1', {}, t('homeStudent.title')));
  const result = await api('GET', '/api/submissions', undefined, { signal });
  if (result.status !== 200) {
    main.append(h('p', { class: 'message error', role: 'alert' }, problemOf(result, t)));
    return;
  }
  main.append(h('h2', { id: 'submissions-title' }, t('homeStudent.recent')));
  if (result.data.submissions.length === 0) main.append(h('p', { id: 'submissions-message' }, t('subs.none')));
  else main.append(submissionsTable(result.data.submissions));
}
