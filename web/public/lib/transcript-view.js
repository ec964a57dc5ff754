// A test's transcript as a conversation (issue #9): the reference peer on one side, the
// student's program on the other, events between them, each with its time offset.
// Entries are checks/types.ts TranscriptEntry: {t, dir: send|recv|event, conn, text, hex?, bytes, note?};
// `text` arrives with control characters already escaped (`\r\n` as the four characters).
import { h } from './dom.js';
import { formatNumber, register, t } from './i18n.js';

register({
  en: {
    'conv.peer': 'Reference peer',
    'conv.student': 'Your program',
    'conv.bytes': '{n} bytes',
    'conv.hex': 'not UTF-8 text; the bytes in hex:',
    'conv.empty': 'Nothing crossed the wire in this test.',
    'conv.summary': 'Conversation ({n} entries)',
    'conv.legend': 'Left: what the reference peer sent. Right: what your program sent. Escapes like \\r\\n stand for control characters.',
  },
  de: {
    'conv.peer': 'Referenz-Gegenstelle',
    'conv.student': 'Ihr Programm',
    'conv.bytes': '{n} Bytes',
    'conv.hex': 'kein UTF-8-Text; die Bytes hexadezimal:',
    'conv.empty': 'In diesem Test wurde nichts übertragen.',
    'conv.summary': 'Gesprächsverlauf ({n} Einträge)',
    'conv.legend': 'Links: was die Referenz-Gegenstelle sendete. Rechts: was Ihr Programm sendete. Zeichen wie \\r\\n stehen für Steuerzeichen.',
  },
});

// The escapes checks/lib/bytes-text.ts writes: \\ \n \r \t \0 \xNN \u{N}.
const ESCAPE = /\\\\|\\[nrt0]|\\x[0-9a-f]{2}|\\u\{[0-9a-f]+\}/g;

/** The text with each escape in its own span, so `\r\n` stands out from the message; all as text nodes. */
export function escapedText(text) {
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(ESCAPE)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(h('span', { class: 'escape' }, match[0]));
    // A line break after an escaped \n keeps long multi-line messages readable.
    if (match[0] === '\\n') parts.push('\n');
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

function offset(ms) {
  return `+${formatNumber(ms)} ms`;
}

function entryItem(entry) {
  if (entry.dir === 'event') {
    return h('li', { class: 'event' }, `${entry.conn} · ${offset(entry.t)}: ${entry.note ?? ''}`);
  }
  const fromPeer = entry.dir === 'send';
  const who = fromPeer ? t('conv.peer') : t('conv.student');
  const body =
    entry.text !== null && entry.text !== undefined
      ? h('span', { class: 'bytes' }, escapedText(entry.text))
      : h('span', { class: 'bytes' }, h('span', { class: 'muted' }, t('conv.hex')), ' ', entry.hex ?? '');
  return h(
    'li',
    { class: fromPeer ? 'from-peer' : 'from-student', dataset: { dir: entry.dir } },
    h('span', { class: 'meta' }, `${who} · ${entry.conn} · ${offset(entry.t)} · ${t('conv.bytes', { n: entry.bytes })}`),
    body,
  );
}

/** How to read the conversations: shown once above the tests. */
export function conversationLegend() {
  return h('p', { class: 'muted legend' }, t('conv.legend'));
}

/** The whole transcript, or a line saying it is empty. */
export function conversation(transcript) {
  if (!transcript || transcript.length === 0) return h('p', { class: 'muted' }, t('conv.empty'));
  return h(
    'details',
    { class: 'transcript', open: true },
    h('summary', {}, t('conv.summary', { n: transcript.length })),
    h('ol', { class: 'conversation' }, transcript.map(entryItem)),
  );
}
