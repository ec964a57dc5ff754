// Deadline, late policy and budget in words: the student home and the assignment page.
import { formatDateTime, register, t } from './i18n.js';
import { deadlineLeft } from './format.js';

register({
  en: {
    'rules.deadline': 'Deadline',
    'rules.noDeadline': 'No deadline',
    'rules.late': 'Late policy',
    'rules.late.none': '–',
    'rules.late.accept': 'Late submissions accepted',
    'rules.late.reject': 'No late submissions',
    'rules.late.penalty': '{percent} % off per day started late',
    'rules.late.until': '{policy}, until {until}',
    'rules.budget': 'Submissions left',
    'rules.budget.none': 'No limit',
    'rules.budget.left': '{left} of {submissions} per {hours} h',
    'rules.budget.next': 'none left; next at {at}',
    'rules.closed': 'Closed: no more submissions are taken.',
  },
  de: {
    'rules.deadline': 'Abgabefrist',
    'rules.noDeadline': 'Keine Frist',
    'rules.late': 'Verspätete Abgaben',
    'rules.late.none': '–',
    'rules.late.accept': 'werden angenommen',
    'rules.late.reject': 'werden nicht angenommen',
    'rules.late.penalty': '{percent} % Abzug je angefangenem Tag',
    'rules.late.until': '{policy}, bis {until}',
    'rules.budget': 'Verbleibende Abgaben',
    'rules.budget.none': 'Unbegrenzt',
    'rules.budget.left': '{left} von {submissions} je {hours} h',
    'rules.budget.next': 'keine mehr; nächste ab {at}',
    'rules.closed': 'Geschlossen: Abgaben werden nicht mehr angenommen.',
  },
});

export function deadlineText(assignment) {
  if (!assignment.deadline) return t('rules.noDeadline');
  return `${formatDateTime(assignment.deadline)} (${deadlineLeft(assignment.deadline)})`;
}

export function lateText(assignment) {
  const late = assignment.late;
  if (!late) return t('rules.late.none');
  const policy = late.policy === 'penalty' ? t('rules.late.penalty', { percent: late.penaltyPercentPerDay }) : t(`rules.late.${late.policy}`);
  return late.acceptedUntil && late.policy !== 'reject' ? t('rules.late.until', { policy, until: formatDateTime(late.acceptedUntil) }) : policy;
}

/** From `mine.budget` (`/api/me/assignments`) when there, else the assignment's bare budget. */
export function budgetText(assignment) {
  const budget = assignment.mine?.budget;
  if (budget) {
    if (budget.left === 0 && budget.nextAt) return t('rules.budget.next', { at: formatDateTime(budget.nextAt) });
    return t('rules.budget.left', { left: budget.left, submissions: budget.submissions, hours: budget.perHours });
  }
  if (assignment.budget) return t('rules.budget.left', { left: '?', submissions: assignment.budget.submissions, hours: assignment.budget.perHours });
  return t('rules.budget.none');
}
