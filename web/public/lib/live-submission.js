// One submission watched live over its event stream (`/api/submissions/:id/events`):
// queued → running → done, test by test, without reloading (issue #9).
import { events } from './api.js';
import { h, replace } from './dom.js';
import { register, t } from './i18n.js';
import { scoreText, statusText } from './format.js';

register({
  en: {
    'live.title': 'Your new submission',
    'live.status': 'Status: {status}',
    'live.progress': '{done} of {total} tests done',
    'live.waiting': 'waiting',
    'live.score': 'Score: {score}',
    'live.report': 'Read the full report',
    'live.lost': 'The live connection dropped; trying again…',
    'live.error': 'Grading failed: {reason}',
    'live.superseded': 'A newer submission replaced this one before it was graded.',
    'test.passed': 'passed',
    'test.failed': 'failed',
    'test.timeout': 'timed out',
    'test.error': 'error',
    'test.hidden': 'hidden',
  },
  de: {
    'live.title': 'Ihre neue Abgabe',
    'live.status': 'Status: {status}',
    'live.progress': '{done} von {total} Tests fertig',
    'live.waiting': 'wartet',
    'live.score': 'Punkte: {score}',
    'live.report': 'Zum vollständigen Bericht',
    'live.lost': 'Die Live-Verbindung ist abgebrochen; neuer Versuch…',
    'live.error': 'Die Bewertung ist fehlgeschlagen: {reason}',
    'live.superseded': 'Eine neuere Abgabe hat diese ersetzt, bevor sie bewertet wurde.',
    'test.passed': 'bestanden',
    'test.failed': 'nicht bestanden',
    'test.timeout': 'Zeit überschritten',
    'test.error': 'Fehler',
    'test.hidden': 'verborgen',
  },
});

/** A test's status in words (`passed`, `failed`, …). */
export function testStatusText(status) {
  const key = `test.${status}`;
  const text = t(key);
  return text === key ? String(status) : text;
}

/**
 * Draws submission `id` into `container` and follows it until done. `tests`: the
 * assignment's tests as `/api/assignments/:id` gives them (hidden ones included, by their
 * placeholder id). `onDone(submission)` after the last event. Closes on `signal`.
 */
export function liveSubmission(container, { id, status = 'queued', tests = [], signal, onDone }) {
  const statusLine = h('p', { class: 'live-status', id: 'live-status', role: 'status', dataset: { status } }, t('live.status', { status: statusText(status) }));
  const progress = h('p', { class: 'live-progress', id: 'live-progress' });
  const items = new Map();
  const list = h(
    'ol',
    { class: 'test-list', id: 'live-tests' },
    tests.map((test) => {
      const state = h('span', { class: 'test-state' }, t('live.waiting'));
      const li = h('li', { dataset: { test: test.id, status: 'waiting' } }, `${test.name} — `, state);
      items.set(test.id, { li, state });
      return li;
    }),
  );
  const result = h('div', { class: 'live-result', id: 'live-result' });
  const reportLink = h('a', { href: `/submissions/${encodeURIComponent(id)}` }, t('live.report'));
  replace(container, h('div', { class: 'panel live', dataset: { submission: id } }, h('h3', {}, t('live.title')), statusLine, progress, list, result, h('p', {}, reportLink)));

  const setStatus = (next) => {
    statusLine.dataset.status = next;
    statusLine.textContent = t('live.status', { status: statusText(next) });
  };
  const markTest = (testId, testStatus, points) => {
    const item = items.get(testId);
    if (!item) return;
    item.li.dataset.status = testStatus;
    item.state.textContent = points ? `${testStatusText(testStatus)} (${points})` : testStatusText(testStatus);
  };

  events(
    `/api/submissions/${encodeURIComponent(id)}/events`,
    {
      status(submission) {
        setStatus(submission.status);
        if (submission.progress) progress.textContent = t('live.progress', { done: submission.progress.testsDone, total: submission.progress.testsTotal });
      },
      progress(data) {
        if (!data) return;
        setStatus('running');
        progress.textContent = t('live.progress', { done: data.testsDone, total: data.testsTotal });
        if (data.test) markTest(data.test.id, data.test.status);
      },
      done(submission) {
        setStatus(submission.status);
        const report = submission.report;
        if (report) {
          progress.textContent = t('live.progress', { done: report.tests.length, total: report.tests.length });
          for (const test of report.tests) markTest(test.id, test.hidden ? 'hidden' : test.status, test.hidden ? null : scoreText(test.score, test.maxScore));
          replace(result, h('p', { class: 'live-score', id: 'live-score' }, t('live.score', { score: scoreText(submission.score, submission.maxScore) })));
        }
        if (submission.status === 'error') append(result, h('p', { class: 'message error' }, t('live.error', { reason: submission.error ?? '' })));
        if (submission.status === 'superseded') append(result, h('p', { class: 'message' }, t('live.superseded')));
        onDone?.(submission);
      },
      error(_event, source) {
        if (signal?.aborted) return;
        // EventSource tries again by itself (the server's `retry: 3000`) unless the answer was an error status.
        if (source.readyState === EventSource.CONNECTING) progress.textContent = t('live.lost');
      },
    },
    { signal },
  );
}

function append(el, child) {
  el.append(child);
}
