/**
 * What we type into the student's mail client: sender, recipient and subject on the
 * first three lines of stdin, then the body until the end of input. The run's seed picks
 * the people and a number, so no client can hard-code them. The body has umlauts, an
 * empty line, and a line starting with a dot, which must be dot-stuffed (RFC 5321 §4.5.2).
 */
import { createHash } from 'node:crypto';

export interface MailInput {
  from: string;
  to: string;
  subject: string;
  /** The body lines, without line ends. */
  body: string[];
  /** The text on stdin. */
  stdin: string;
}

const PEOPLE: ReadonlyArray<[string, string]> = [
  ['grafzahl@sesamstrasse.de', 'ernie'],
  ['bert@sesamstrasse.de', 'ernie'],
  ['samson@sesamstrasse.de', 'tiffy'],
  ['oscar@sesamstrasse.de', 'elmo'],
];

/** The line that starts with a dot: stuffed, it is sent as `....und …`. */
export const DOT_LINE = '...und danach die Birnen. Kommst Du mit?';

export function mailInputFor(seed: string): MailInput {
  const hash = createHash('sha256').update(`${seed}:smtp-mail`).digest();
  const [from, toName] = PEOPLE[(hash.readUInt32BE(0) >>> 0) % PEOPLE.length] as [string, string];
  const to = `${toName}@hsg-kl.de`;
  const number = 100 + (hash.readUInt32BE(4) % 900);
  const name = capitalize(toName);
  const sender = capitalize(from.slice(0, from.indexOf('@')));
  const subject = `Einladung zum Zählen Nr. ${number}`;
  const body = [`Hallo ${name},`, '', `wie geht es Dir? Morgen zähle ich die Äpfel im Garten, alle ${number}.`, DOT_LINE, '', `Grüße von ${sender}`];
  const stdin = `${from}\n${to}\n${subject}\n${body.join('\n')}\n`;
  return { from, to, subject, body, stdin };
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
