// A student's home (issue #9): their assignments as cards (deadline and time left, late
// policy, submissions left, latest and best score, the newest submission's status),
// then their recent submissions.
import { api, problemOf } from '../lib/api.js';
import { append, h } from '../lib/dom.js';
import { register } from '../lib/i18n.js';
import { scoreText, statusText } from '../lib/format.js';
import { budgetText, deadlineText, lateText } from '../lib/rules-text.js';
import { submissionsTable } from '../lib/submissions-table.js';

register({
  en: {
    'homeStudent.title': 'Your assignments',
    'homeStudent.recent': 'Your submissions',
    'homeStudent.none': 'There are no assignments yet.',
    'homeStudent.latest': 'Latest score',
    'homeStudent.best': 'Best score',
    'homeStudent.newest': 'Newest submission',
    'homeStudent.nothing': 'nothing handed in yet',
    'homeStudent.open': 'Open the assignment',
  },
  de: {
    'homeStudent.title': 'Ihre Aufgaben',
    'homeStudent.recent': 'Ihre Abgaben',
    'homeStudent.none': 'Es gibt noch keine Aufgaben.',
    'homeStudent.latest': 'Letzte Punktzahl',
    'homeStudent.best': 'Beste Punktzahl',
    'homeStudent.newest': 'Neueste Abgabe',
    'homeStudent.nothing': 'noch nichts abgegeben',
    'homeStudent.open': 'Aufgabe öffnen',
  },
});

function fact(t, key, value, cls) {
  return [h('dt', {}, t(key)), h('dd', { class: cls }, value)];
}

function card(t, assignment) {
  const mine = assignment.mine;
  const latest = mine.latest;
  const newest = latest
    ? h('a', { href: `/submissions/${encodeURIComponent(latest.id)}`, class: `status-${latest.status}` }, statusText(latest.status))
    : t('homeStudent.nothing');
  return h(
    'li',
    { class: 'card', dataset: { assignment: assignment.id } },
    h('h2', {}, h('a', { href: `/assignments/${encodeURIComponent(assignment.id)}` }, assignment.title)),
    h('p', { class: 'muted' }, assignment.summary),
    !mine.open && h('p', { class: 'message' }, t('rules.closed')),
    h(
      'dl',
      { class: 'facts' },
      fact(t, 'rules.deadline', deadlineText(assignment), 'deadline'),
      assignment.late && fact(t, 'rules.late', lateText(assignment), 'late'),
      fact(t, 'rules.budget', budgetText(assignment), 'budget'),
      fact(t, 'homeStudent.latest', latest ? scoreText(latest.score, latest.maxScore) : '–', 'latest'),
      fact(t, 'homeStudent.best', mine.best ? scoreText(mine.best.score, mine.best.maxScore) : '–', 'best'),
      fact(t, 'homeStudent.newest', newest, 'newest'),
    ),
  );
}

export async function render(main, { t, signal }) {
  append(main, h('h1', {}, t('homeStudent.title')));
  const [assignments, submissions] = await Promise.all([
    api('GET', '/api/me/assignments', undefined, { signal }),
    api('GET', '/api/submissions?limit=20', undefined, { signal }),
  ]);
  if (assignments.status !== 200) {
    append(main, h('p', { class: 'message error', role: 'alert' }, problemOf(assignments, t)));
  } else if (assignments.data.assignments.length === 0) {
    append(main, h('p', {}, t('homeStudent.none')));
  } else {
    append(main, h('ul', { class: 'cards', id: 'assignment-cards' }, assignments.data.assignments.map((a) => card(t, a))));
  }
  append(main, h('h2', { id: 'submissions-title' }, t('homeStudent.recent')));
  if (submissions.status !== 200) append(main, h('p', { class: 'message error', role: 'alert' }, problemOf(submissions, t)));
  else if (submissions.data.submissions.length === 0) append(main, h('p', { id: 'submissions-message' }, t('subs.none')));
  else append(main, submissionsTable(submissions.data.submissions, { caption: t('homeStudent.recent') }));
}
