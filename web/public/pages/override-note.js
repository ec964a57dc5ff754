// A teacher's score override on a report, as everyone sees it (issue #9): the score that
// counts is the teacher's, marked as such, with their comment and the automatic score.
import { h } from '../lib/dom.js';
import { formatNumber, register, t } from '../lib/i18n.js';

register({
  en: { 'override.label': 'Teacher’s override', 'override.text': 'Score set by a teacher: {score} of {max} (automatic score {automatic}).' },
  de: { 'override.label': 'Von der Lehrkraft gesetzt', 'override.text': 'Punkte von einer Lehrkraft gesetzt: {score} von {max} (automatisch {automatic}).' },
});

/** A `[labelKey, value, class]` fact for the report's facts list, or null without an override. */
export function overrideFact(submission) {
  const o = submission.override;
  if (!o) return null;
  return [
    'override.label',
    h(
      'span',
      { id: 'override-note' },
      t('override.text', { score: formatNumber(o.score), max: formatNumber(o.maxScore), automatic: formatNumber(o.automaticScore) }),
      ' ',
      h('q', { class: 'override-comment' }, o.comment),
    ),
    'override',
  ];
}
