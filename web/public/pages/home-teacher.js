// The teacher's home (issue #9): the class at a glance: queue, the last hour, each
// assignment's average and how many students are done; then the newest submissions.
import { api } from '../lib/api.js';
import { append, h } from '../lib/dom.js';
import { formatNumber, register } from '../lib/i18n.js';
import { submissionsTable } from '../lib/submissions-table.js';
import { errorMessage, teacherStyles } from './teacher-kit.js';

register({
  en: {
    'homeTeacher.title': 'Class overview',
    'homeTeacher.recent': 'All submissions',
    'homeTeacher.queue': 'Waiting to be graded',
    'homeTeacher.active': 'Being graded',
    'homeTeacher.noQueue': 'unknown',
    'homeTeacher.lastHour': 'Submissions in the last hour',
    'homeTeacher.students': 'Students',
    'homeTeacher.assignments': 'Assignments',
    'homeTeacher.assignment': 'Assignment',
    'homeTeacher.average': 'Average (latest)',
    'homeTeacher.submitted': 'Handed in',
    'homeTeacher.full': 'Full marks',
    'homeTeacher.stats': 'Statistics of {title}',
  },
  de: {
    'homeTeacher.title': 'Kursübersicht',
    'homeTeacher.recent': 'Alle Abgaben',
    'homeTeacher.queue': 'Warten auf Bewertung',
    'homeTeacher.active': 'Werden bewertet',
    'homeTeacher.noQueue': 'unbekannt',
    'homeTeacher.lastHour': 'Abgaben in der letzten Stunde',
    'homeTeacher.students': 'Studierende',
    'homeTeacher.assignments': 'Aufgaben',
    'homeTeacher.assignment': 'Aufgabe',
    'homeTeacher.average': 'Durchschnitt (neueste)',
    'homeTeacher.submitted': 'Abgegeben',
    'homeTeacher.full': 'Volle Punktzahl',
    'homeTeacher.stats': 'Statistik zu {title}',
  },
});

export async function render(main, { t, signal }) {
  teacherStyles();
  append(main, h('h1', {}, t('homeTeacher.title')));
  const [overview, recent] = await Promise.all([api('GET', '/api/overview', undefined, { signal }), api('GET', '/api/submissions?limit=20', undefined, { signal })]);
  if (overview.status !== 200) append(main, errorMessage(overview, t));
  else {
    const o = overview.data;
    const fact = (label, value, id) => h('li', { id }, h('strong', {}, value), label);
    append(main, 
      h(
        'ul',
        { class: 'overview-facts', id: 'overview-facts' },
        fact(t('homeTeacher.queue'), o.queue ? String(o.queue.waiting) : t('homeTeacher.noQueue'), 'fact-queue'),
        fact(t('homeTeacher.active'), o.queue ? String(o.queue.active) : t('homeTeacher.noQueue'), 'fact-active'),
        fact(t('homeTeacher.lastHour'), String(o.submissionsLastHour), 'fact-last-hour'),
        fact(t('homeTeacher.students'), String(o.students), 'fact-students'),
      ),
      h('h2', {}, t('homeTeacher.assignments')),
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { id: 'overview-assignments' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, t('homeTeacher.assignment')),
              h('th', { scope: 'col', class: 'num' }, t('homeTeacher.average')),
              h('th', { scope: 'col', class: 'num' }, t('homeTeacher.submitted')),
              h('th', { scope: 'col', class: 'num' }, t('homeTeacher.full')),
            ),
          ),
          h(
            'tbody',
            {},
            o.assignments.map((a) =>
              h(
                'tr',
                { dataset: { assignment: a.id } },
                h('th', { scope: 'row' }, h('a', { href: `/assignments/${encodeURIComponent(a.id)}/stats`, 'aria-label': t('homeTeacher.stats', { title: a.title }) }, a.title)),
                h('td', { class: 'num' }, a.average === null ? '–' : `${formatNumber(a.average)}/${formatNumber(a.maxScore)}`),
                h('td', { class: 'num' }, `${a.studentsSubmitted}/${o.students}`),
                h('td', { class: 'num' }, String(a.studentsFullMarks)),
              ),
            ),
          ),
        ),
      ),
    );
  }
  append(main, h('h2', { id: 'submissions-title' }, t('homeTeacher.recent')));
  if (recent.status !== 200) append(main, errorMessage(recent, t));
  else if (recent.data.submissions.length === 0) append(main, h('p', { id: 'submissions-message' }, t('subs.none')));
  else append(main, submissionsTable(recent.data.submissions, { withStudent: true }));
}
