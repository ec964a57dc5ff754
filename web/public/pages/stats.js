// `/assignments/<id>/stats` (teacher, issue #9): each student's latest graded submission:
// the score distribution (an SVG histogram with a table as its text alternative), each
// test's pass rate, the most-failed tests linking to failing submissions, and a regrade
// of everyone with live progress.
import { api } from '../lib/api.js';
import { append, h, replace, svg } from '../lib/dom.js';
import { formatNumber } from '../lib/i18n.js';
import { errorMessage, teacherStyles } from './teacher-kit.js';

export const strings = {
  en: {
    'stats.title': 'Statistics: {title}',
    'stats.students': '{n} students with a graded submission; average {average} of {max}.',
    'stats.none': 'No graded submissions yet.',
    'stats.histogram': 'Score distribution (latest graded submission per student)',
    'stats.range': 'Points',
    'stats.count': 'Students',
    'stats.tests': 'Pass rate per test',
    'stats.test': 'Test',
    'stats.passed': 'Passed',
    'stats.rate': 'Pass rate',
    'stats.failed': 'Most-failed tests',
    'stats.failedBy': '{name}: failed by {n}',
    'stats.submission': 'Submission {id}',
    'stats.regrade': 'Regrade all',
    'stats.regradeHelp': 'Grades every student’s latest submission again with the current tests.',
    'stats.progress': 'Regrade: {done} of {total} done, {failed} failed',
    'stats.finished': 'Regrade finished: {done} of {total} done, {failed} failed.',
    'stats.sheet': 'Exercise sheet',
  },
  de: {
    'stats.title': 'Statistik: {title}',
    'stats.students': '{n} Studierende mit bewerteter Abgabe; Durchschnitt {average} von {max}.',
    'stats.none': 'Noch keine bewerteten Abgaben.',
    'stats.histogram': 'Punkteverteilung (neueste bewertete Abgabe je Studierende*r)',
    'stats.range': 'Punkte',
    'stats.count': 'Studierende',
    'stats.tests': 'Bestehensquote je Test',
    'stats.test': 'Test',
    'stats.passed': 'Bestanden',
    'stats.rate': 'Quote',
    'stats.failed': 'Am häufigsten nicht bestanden',
    'stats.failedBy': '{name}: von {n} nicht bestanden',
    'stats.submission': 'Abgabe {id}',
    'stats.regrade': 'Alle neu bewerten',
    'stats.regradeHelp': 'Bewertet die neueste Abgabe aller Studierenden mit den aktuellen Tests neu.',
    'stats.progress': 'Neubewertung: {done} von {total} fertig, {failed} fehlgeschlagen',
    'stats.finished': 'Neubewertung fertig: {done} von {total}, {failed} fehlgeschlagen.',
    'stats.sheet': 'Aufgabenblatt',
  },
};

const rangeText = (bucket) => `${formatNumber(bucket.from)}–${formatNumber(bucket.to)}`;

/** The histogram as bars; aria-hidden, since the table below says the same in text. */
function histogramSvg(histogram) {
  const width = 400;
  const height = 160;
  const bar = width / histogram.length;
  const top = Math.max(1, ...histogram.map((b) => b.count));
  const plot = height - 30;
  return svg(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, 'aria-hidden': 'true', focusable: 'false' },
    histogram.map((bucket, i) => {
      const barHeight = (bucket.count / top) * (plot - 14);
      return svg(
        'g',
        {},
        svg('rect', { x: i * bar + 3, y: plot - barHeight, width: bar - 6, height: barHeight }),
        bucket.count > 0 ? svg('text', { x: i * bar + bar / 2, y: plot - barHeight - 3, 'text-anchor': 'middle' }, String(bucket.count)) : null,
        svg('text', { x: i * bar + bar / 2, y: height - 12, 'text-anchor': 'middle' }, formatNumber(bucket.from)),
      );
    }),
  );
}

function regradeControl(id, t, signal) {
  const button = h('button', { type: 'button', id: 'regrade-all' }, t('stats.regrade'));
  const progress = h('progress', { id: 'regrade-progress', max: 1, value: 0, hidden: true, 'aria-labelledby': 'regrade-status' });
  const status = h('p', { id: 'regrade-status', role: 'status' });
  button.addEventListener('click', async () => {
    button.disabled = true;
    const started = await api('POST', `/api/assignments/${encodeURIComponent(id)}/regrade`, undefined, { signal });
    if (started.status !== 202) {
      button.disabled = false;
      return void replace(status, errorMessage(started, t));
    }
    let regrade = started.data;
    progress.hidden = false;
    // Polled once a second until finished; the page's signal ends it when the teacher leaves.
    while (!signal.aborted) {
      progress.max = Math.max(1, regrade.total);
      progress.value = regrade.done + regrade.failed;
      status.textContent = t(regrade.finished ? 'stats.finished' : 'stats.progress', { done: regrade.done, total: regrade.total, failed: regrade.failed });
      if (regrade.finished) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const next = await api('GET', `/api/regrades/${regrade.id}`, undefined, { signal }).catch(() => null);
      if (next?.status === 200) regrade = next.data;
    }
    button.disabled = false;
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'regrade-title' }, h('h2', { id: 'regrade-title' }, t('stats.regrade')), h('p', { class: 'muted' }, t('stats.regradeHelp')), button, progress, status);
}

export async function render(main, { t, params, signal }) {
  teacherStyles();
  const result = await api('GET', `/api/assignments/${encodeURIComponent(params.id)}/stats`, undefined, { signal });
  if (result.status !== 200) {
    append(main, h('h1', {}, t('stats.title', { title: params.id })), errorMessage(result, t));
    return;
  }
  const stats = result.data;
  const { assignment } = stats;
  append(main, 
    h('h1', {}, t('stats.title', { title: assignment.title })),
    h('p', {}, h('a', { href: `/assignments/${encodeURIComponent(assignment.id)}` }, t('stats.sheet'))),
    h('p', { id: 'stats-summary' }, stats.students ? t('stats.students', { n: stats.students, average: formatNumber(stats.average), max: formatNumber(assignment.maxScore) }) : t('stats.none')),
  );
  append(main, 
    h('h2', { id: 'histogram-title' }, t('stats.histogram')),
    h(
      'figure',
      { class: 'histogram', 'aria-labelledby': 'histogram-title' },
      histogramSvg(stats.histogram),
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { id: 'histogram' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('stats.range')), h('th', { scope: 'col', class: 'num' }, t('stats.count')))),
          h('tbody', {}, stats.histogram.map((bucket) => h('tr', {}, h('th', { scope: 'row' }, rangeText(bucket)), h('td', { class: 'num' }, String(bucket.count))))),
        ),
      ),
    ),
    h('h2', {}, t('stats.tests')),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { id: 'pass-rates' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('stats.test')), h('th', { scope: 'col', class: 'num' }, t('stats.passed')), h('th', { scope: 'col' }, t('stats.rate')))),
        h(
          'tbody',
          {},
          stats.tests.map((test) =>
            h(
              'tr',
              { dataset: { test: test.id } },
              h('th', { scope: 'row' }, test.name),
              h('td', { class: 'num' }, `${test.passed}/${test.total}`),
              h('td', {}, h('meter', { min: 0, max: 1, value: test.passRate, 'aria-label': test.name }), ` ${Math.round(test.passRate * 100)} %`),
            ),
          ),
        ),
      ),
    ),
    h('h2', {}, t('stats.failed')),
    stats.mostFailed.length === 0
      ? h('p', { class: 'muted' }, '–')
      : h(
          'ol',
          { id: 'most-failed' },
          stats.mostFailed.map((test) =>
            h(
              'li',
              {},
              t('stats.failedBy', { name: test.name, n: test.failed }),
              h('ul', { class: 'failing-links' }, test.submissions.map((id) => h('li', {}, h('a', { href: `/submissions/${encodeURIComponent(id)}`, 'aria-label': t('stats.submission', { id }) }, id)))),
            ),
          ),
        ),
    regradeControl(assignment.id, t, signal),
  );
}
