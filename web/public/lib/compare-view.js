// Expected vs received, side by side (issue #9): a test's `compare` from checks/types.ts,
// {expected, received, label?}, each side {text, hex?, bytes, shownBytes?} with `text`
// already escaped like a transcript entry. The first differing character is marked; all
// of it goes in as text nodes (the received side is whatever a student's program sent).
import { h } from './dom.js';
import { formatNumber, register, t } from './i18n.js';
import { escapedText } from './transcript-view.js';

register({
  en: {
    'compare.heading': 'Expected vs received',
    'compare.expected': 'Expected',
    'compare.received': 'Received',
    'compare.bytes': '{n} bytes',
    'compare.shown': 'the first {shown} of {n} bytes',
    'compare.hex': 'in hex (not UTF-8 text)',
    'compare.marked': 'The first difference is marked.',
    'compare.endsHere': '(ends here)',
  },
  de: {
    'compare.heading': 'Erwartet und erhalten',
    'compare.expected': 'Erwartet',
    'compare.received': 'Erhalten',
    'compare.bytes': '{n} Bytes',
    'compare.shown': 'die ersten {shown} von {n} Bytes',
    'compare.hex': 'hexadezimal (kein UTF-8-Text)',
    'compare.marked': 'Der erste Unterschied ist markiert.',
    'compare.endsHere': '(endet hier)',
  },
});

// One shown character: an escape checks/lib/bytes-text.ts writes (as transcript-view.js
// reads them), or one code point.
const UNIT = /\\\\|\\[nrt0]|\\x[0-9a-f]{2}|\\u\{[0-9a-f]+\}|[\s\S]/gu;

function isText(side) {
  return typeof side?.text === 'string';
}

/** The side as a list of units to compare: characters (escapes count as one) or hex pairs. */
function units(side) {
  if (isText(side)) return side.text.match(UNIT) ?? [];
  return typeof side?.hex === 'string' && side.hex !== '' ? side.hex.split(' ') : [];
}

/** Index of the first unit that differs, or -1 when the shown parts are the same. */
export function firstDifference(a, b) {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : length;
}

function cut(side) {
  return typeof side.shownBytes === 'number' && side.shownBytes < side.bytes;
}

function body(side, list, at) {
  const text = isText(side);
  const join = (part) => (text ? escapedText(part.join('')) : part.join(' '));
  if (at < 0 || at > list.length) return join(list);
  if (at === list.length) {
    // The shorter side: where the other goes on. A cut side may go on beyond what is shown.
    return cut(side) ? join(list) : [join(list), h('mark', { class: 'ends' }, t('compare.endsHere'))];
  }
  const before = list.slice(0, at);
  const after = list.slice(at + 1);
  return [join(before), text || before.length === 0 ? '' : ' ', h('mark', {}, join([list[at]])), text || after.length === 0 ? '' : ' ', join(after)];
}

function column(side, key, list, at) {
  const facts = [cut(side) ? t('compare.shown', { shown: formatNumber(side.shownBytes), n: formatNumber(side.bytes) }) : t('compare.bytes', { n: formatNumber(side.bytes) })];
  if (!isText(side)) facts.push(t('compare.hex'));
  return h(
    'div',
    { class: 'compare-side', dataset: { side: key } },
    h('h4', {}, t(`compare.${key}`)),
    h('p', { class: 'meta' }, facts.join(' · ')),
    h('pre', { class: 'compare-bytes' }, body(side, list, at)),
  );
}

/** The block for a test's `compare`, or null without one (or with one this page cannot read). */
export function comparisonView(compare) {
  const { expected, received } = compare ?? {};
  if (!expected || !received || typeof expected.bytes !== 'number' || typeof received.bytes !== 'number') return null;
  const a = units(expected);
  const b = units(received);
  // Both sides are text or both hex (checks/lib/comparison.ts); otherwise nothing to mark.
  const at = isText(expected) === isText(received) ? firstDifference(a, b) : -1;
  const label = typeof compare.label === 'string' && compare.label ? ` — ${compare.label}` : '';
  return h(
    'div',
    { class: 'comparison' },
    h('p', { class: 'comparison-title' }, `${t('compare.heading')}${label}`, at >= 0 ? ` · ${t('compare.marked')}` : ''),
    h('div', { class: 'compare' }, column(expected, 'expected', a, at), column(received, 'received', b, at)),
  );
}
