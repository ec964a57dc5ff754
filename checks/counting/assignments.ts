import { defineAssignment } from '../define-assignment.js';
import { charcountUdpServerSuite } from './charcount-udp-server.js';
import { charcountDescription, digitsumDescription } from './descriptions.js';
import { digitsumTcpServerSuite } from './digitsum-tcp-server.js';
import { paramValues } from '../lib/param-schema.js';
import { COUNT_CHARACTERS, DIGIT_SUM } from './counting-params.js';

const count = (texts: string[]) => ({ check: 'count-characters' as const, texts });

export const charcountUdpServer = defineAssignment(charcountUdpServerSuite, {
  id: 'charcount-udp-server',
  title: 'UDP character-count server',
  summary: 'A UDP server that answers every text with its number of characters (Zeichenzahl-Dienst).',
  description: charcountDescription,
  params: paramValues(COUNT_CHARACTERS, 'replyMs', 'graceMs'),
  tests: [
    { id: 'short-ascii', name: 'A short text', points: 15, params: count(['Hallo Welt']) },
    { id: 'umlauts', name: 'Umlauts: characters, not bytes', points: 20, params: count(['Grüße aus Köln']) },
    { id: 'euro-emoji', name: '€ and an emoji', points: 15, params: count(['5 € für 😀']) },
    { id: 'line-break', name: 'A line break at the end does not count', points: 15, params: count(['Hallo\n', 'Hallo\r\n']) },
    { id: 'spaces', name: 'Spaces count too', points: 10, params: count(['  zwei  Leerzeichen  ']) },
    { id: 'empty', name: 'An empty datagram', points: 10, params: count(['']) },
    { id: 'successive', name: 'Three datagrams one after the other', points: 15, params: count(['eins', 'zwei drei', 'Straße']) },
  ],
});

const sums = (numbers: string[]) => ({ check: 'digit-sum' as const, numbers });

export const digitsumTcpServer = defineAssignment(digitsumTcpServerSuite, {
  id: 'digitsum-tcp-server',
  title: 'TCP digit-sum server',
  summary: 'A TCP server that answers a number with the sum of its digits (Quersummen-Dienst).',
  description: digitsumDescription,
  params: paramValues(DIGIT_SUM, 'replyMs', 'settleMs'),
  // The inputs that tempt a crash (a line break, a sign, a word) come last: a server that
  // dies takes all later tests with it.
  tests: [
    { id: 'small-number', name: 'A small number', points: 20, params: sums(['4711']) },
    { id: 'big-number', name: 'A number with 29 digits', points: 15, params: sums(['98765432109876543210987654321']) },
    { id: 'leading-zeros', name: 'Leading zeros', points: 10, params: sums(['0042']) },
    { id: 'successive', name: 'Three connections one after the other', points: 20, params: sums(['1', '99', '123456789']) },
    { id: 'with-newline', name: 'A line break after the number', points: 10, params: sums(['12345\n']) },
    { id: 'signs', name: 'A sign in front', points: 15, params: sums(['-4711', '+305']) },
    { id: 'not-a-number', name: 'Not a number: an error message, and the server keeps running', points: 10, params: { check: 'not-a-number', text: 'zwölf', followUp: '123' } },
  ],
});

export const countingAssignments = [charcountUdpServer, digitsumTcpServer];
