// `/assignments/<id>` (issue #9): the exercise sheet (server-rendered Markdown), points
// per test, deadline and budget; the hand-in area with the new submission followed live;
// the student's earlier submissions with their scores over time.
import { api, problemOf } from '../lib/api.js';
import { append, h, replace, trustedHtml } from '../lib/dom.js';
import { formatDateTime, language } from '../lib/i18n.js';
import { scoreText, statusText } from '../lib/format.js';
import { handInForm } from '../lib/hand-in.js';
import { liveSubmission } from '../lib/live-submission.js';
import { budgetText, deadlineText, lateText } from '../lib/rules-text.js';
import { scoreChart } from '../lib/score-chart.js';
import { notFound } from './not-found.js';

export const strings = {
  en: {
    'assignment.sheet': 'Exercise sheet',
    'assignment.tests': 'Tests and points',
    'assignment.test': 'Test',
    'assignment.points': 'Points',
    'assignment.total': 'Total',
    'assignment.hiddenAfter': 'shown after {at}',
    'assignment.hiddenNever': 'result not shown to students',
    'assignment.maxScore': 'Points',
    'assignment.history': 'Your submissions of this assignment',
    'assignment.chart': 'Your scores over time, oldest first (the table below lists them)',
    'assignment.noHistory': 'You have not handed in this assignment yet.',
    'assignment.when': 'Handed in',
    'assignment.status': 'Status',
    'assignment.score': 'Score',
    'assignment.late': 'late',
  },
  de: {
    'assignment.sheet': 'Aufgabenblatt',
    'assignment.tests': 'Tests und Punkte',
    'assignment.test': 'Test',
    'assignment.points': 'Punkte',
    'assignment.total': 'Gesamt',
    'assignment.hiddenAfter': 'sichtbar nach {at}',
    'assignment.hiddenNever': 'Ergebnis für Studierende nicht sichtbar',
    'assignment.maxScore': 'Punkte',
    'assignment.history': 'Ihre Abgaben zu dieser Aufgabe',
    'assignment.chart': 'Ihre Punkte im Verlauf, älteste zuerst (die Tabelle darunter listet sie auf)',
    'assignment.noHistory': 'Sie haben diese Aufgabe noch nicht abgegeben.',
    'assignment.when': 'Abgegeben',
    'assignment.status': 'Status',
    'assignment.score': 'Punkte',
    'assignment.late': 'verspätet',
  },
};

const FINAL = new Set(['done', 'error', 'superseded']);

function testsTable(t, assignment) {
  const rows = assignment.tests.map((test) =>
    h(
      'tr',
      { dataset: { test: test.id } },
      h(
        'td',
        {},
        test.name,
        test.shownAfter !== undefined &&
          h('span', { class: 'muted' }, ` (${test.shownAfter ? t('assignment.hiddenAfter', { at: formatDateTime(test.shownAfter) }) : t('assignment.hiddenNever')})`),
      ),
      h('td', { class: 'num' }, String(test.points)),
    ),
  );
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { id: 'assignment-tests' },
      h('caption', { class: 'visually-hidden' }, t('assignment.tests')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('assignment.test')), h('th', { scope: 'col', class: 'num' }, t('assignment.points')))),
      h('tbody', {}, rows),
      h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, t('assignment.total')), h('td', { class: 'num' }, String(assignment.maxScore)))),
    ),
  );
}

function factsList(t, assignment) {
  return h(
    'dl',
    { class: 'facts', id: 'assignment-facts' },
    h('dt', {}, t('rules.deadline')),
    h('dd', { class: 'deadline' }, deadlineText(assignment)),
    assignment.late && [h('dt', {}, t('rules.late')), h('dd', { class: 'late' }, lateText(assignment))],
    h('dt', {}, t('rules.budget')),
    h('dd', { class: 'budget' }, budgetText(assignment)),
    h('dt', {}, t('assignment.maxScore')),
    h('dd', {}, String(assignment.maxScore)),
  );
}

/** The earlier submissions: a chart of the graded ones and a table of all (the chart's text alternative). */
function history(t, submissions) {
  if (submissions.length === 0) return h('p', { id: 'history-empty' }, t('assignment.noHistory'));
  const graded = submissions.filter((s) => s.score !== null && s.maxScore).reverse().map((s) => ({ at: s.createdAt, score: s.score, maxScore: s.maxScore }));
  const rows = submissions.map((s) =>
    h(
      'tr',
      { dataset: { id: s.id, status: s.status } },
      h('td', { class: 'time' }, h('a', { href: `/submissions/${encodeURIComponent(s.id)}` }, formatDateTime(s.createdAt))),
      h('td', { class: 'status' }, statusText(s.status), s.late ? ` (${t('assignment.late')})` : ''),
      h('td', { class: 'score num' }, scoreText(s.score, s.maxScore)),
    ),
  );
  return [
    graded.length > 0 && h('figure', { class: 'chart', id: 'score-chart' }, scoreChart(graded, { label: t('assignment.chart') })),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { id: 'history' },
        h('caption', { class: 'visually-hidden' }, t('assignment.history')),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('assignment.when')), h('th', { scope: 'col' }, t('assignment.status')), h('th', { scope: 'col', class: 'num' }, t('assignment.score')))),
        h('tbody', {}, rows),
      ),
    ),
  ];
}

export async function render(main, { t, params, signal, user }) {
  const path = encodeURIComponent(params.id);
  const [sheet, mine] = await Promise.all([api('GET', `/api/assignments/${path}`, undefined, { signal }), api('GET', `/api/me/assignments/${path}`, undefined, { signal })]);
  if (sheet.status === 404) return void append(main, notFound(t));
  if (sheet.status !== 200) return void append(main, h('p', { class: 'message error', role: 'alert' }, problemOf(sheet, t)));
  const assignment = { ...sheet.data, mine: mine.status === 200 ? mine.data.mine : null };

  const facts = h('div', {}, factsList(t, assignment));
  const live = h('div', { id: 'live', 'aria-live': 'off' });
  const historyBox = h('div', { id: 'history-box' });

  const refresh = async () => {
    const [standing, list] = await Promise.all([
      api('GET', `/api/me/assignments/${path}`, undefined, { signal }),
      api('GET', `/api/submissions?assignment=${path}`, undefined, { signal }),
    ]);
    if (signal.aborted) return;
    if (standing.status === 200) {
      assignment.mine = standing.data.mine;
      replace(facts, factsList(t, assignment));
    }
    if (list.status === 200) replace(historyBox, history(t, list.data.submissions.filter((s) => s.user?.id === user.id)));
  };
  const follow = (submission) =>
    liveSubmission(live, { id: submission.id, status: submission.status, tests: assignment.tests, signal, onDone: () => void refresh() });

  const html = assignment.descriptionHtml?.[language()] || assignment.descriptionHtml?.en || '';
  append(main, 
    h('h1', {}, assignment.title),
    h('p', { class: 'muted' }, assignment.summary),
    facts,
    assignment.mine && !assignment.mine.open && h('p', { class: 'message' }, t('handin.closed')),
    h('section', { 'aria-label': t('assignment.sheet') }, trustedHtml(h('div', { class: 'sheet', id: 'sheet' }), html)),
    h('section', { 'aria-labelledby': 'tests-title' }, h('h2', { id: 'tests-title' }, t('assignment.tests')), testsTable(t, assignment)),
    handInForm({
      assignment,
      signal,
      onSubmitted: (created) => {
        follow(created);
        void refresh();
      },
    }),
    live,
    h('section', { 'aria-labelledby': 'history-title' }, h('h2', { id: 'history-title' }, t('assignment.history')), historyBox),
  );
  // A submission still being graded (handed in before a reload): followed live as well.
  const latest = assignment.mine?.latest;
  if (latest && !FINAL.has(latest.status)) follow(latest);
  await refresh();
}
