// The teacher's home: the class at a glance. A placeholder (dashteacher fills it): for
// now the newest submissions of everyone.
import { api, problemOf } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { register } from '../lib/i18n.js';
import { submissionsTable } from '../lib/submissions-table.js';

register({
  en: { 'homeTeacher.title': 'Class overview', 'homeTeacher.recent': 'All submissions' },
  de: { 'homeTeacher.title': 'Kursübersicht', 'homeTeacher.recent': 'Alle Abgaben' },
});

export async function render(main, { t, signal }) {
  main.append(h('h1', {}, t('homeTeacher.title')));
  const result = await api('GET', '/api/submissions', undefined, { signal });
  if (result.status !== 200) {
    main.append(h('p', { class: 'message error', role: 'alert' }, problemOf(result, t)));
    return;
  }
  main.append(h('h2', { id: 'submissions-title' }, t('homeTeacher.recent')));
  if (result.data.submissions.length === 0) main.append(h('p', { id: 'submissions-message' }, t('subs.none')));
  else main.append(submissionsTable(result.data.submissions, { withStudent: true }));
}
