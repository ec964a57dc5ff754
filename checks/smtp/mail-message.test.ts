import { describe, expect, it } from 'vitest';
import { isRfc5322Date } from './mail-date.js';
import { headerField, parseMailMessage } from './mail-message.js';
import { decodeHeaderWords } from './mime-decode.js';
import { isWellFormedAddress, parseSmtpPath, sameAddress } from './smtp-path.js';

const lines = (text: string): Buffer[] => text.split('\n').map((line) => Buffer.from(line, 'utf8'));

describe('reading a message (RFC 5322, MIME)', () => {
  it('splits header and body at the empty line, unfolding folded fields', () => {
    const message = parseMailMessage(lines('From: <a@b.de>\nSubject: Einladung\n zum Zählen\n\nHallo,\n\nGrüße'));
    expect(headerField(message, 'subject')?.decoded).toBe('Einladung zum Zählen');
    expect(message.separated).toBe(true);
    expect(message.bodyText).toBe('Hallo,\n\nGrüße');
  });

  it('knows a message without header, and one without the empty line', () => {
    expect(parseMailMessage(lines('Hallo Ernie,\nwie geht es?')).headerless).toBe(true);
    const glued = parseMailMessage(lines('From: <a@b.de>\nHallo Ernie,'));
    expect({ headerless: glued.headerless, separated: glued.separated, body: glued.bodyText }).toEqual({ headerless: false, separated: false, body: 'Hallo Ernie,' });
  });

  it('decodes encoded words, quoted-printable and base64 in their charsets', () => {
    expect(decodeHeaderWords('Einladung zum =?utf-8?q?Z=C3=A4hlen?= Nr. 1')).toBe('Einladung zum Zählen Nr. 1');
    expect(decodeHeaderWords('=?iso-8859-1?B?WuRobGVu?= =?utf-8?q?_Nr=2E_1?=')).toBe('Zählen Nr. 1');
    const qp = parseMailMessage(lines('Content-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: quoted-printable\n\nGr=C3=BC=C3=9Fe aus einer sehr langen Zeile, die umbrochen =\nwird'));
    expect(qp.bodyText).toBe('Grüße aus einer sehr langen Zeile, die umbrochen wird');
    expect(qp.encoding).toBe('quoted-printable');
    const b64 = parseMailMessage(lines(`Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: base64\n\n${Buffer.from('Grüße\n', 'latin1').toString('base64')}`));
    expect(b64.bodyText).toBe('Grüße\n');
  });

  it('takes the first text/plain part of a multipart message', () => {
    const text = [
      'Content-Type: multipart/mixed; boundary="XYZ"',
      '',
      'preamble',
      '--XYZ',
      'Content-Type: text/html',
      '',
      '<p>nein</p>',
      '--XYZ',
      'Content-Type: text/plain; charset="utf-8"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('Hallo Ernie,\n...und\n').toString('base64'),
      '--XYZ--',
    ].join('\n');
    expect(parseMailMessage(lines(text)).bodyText).toBe('Hallo Ernie,\n...und\n');
  });
});

describe('the Date field (RFC 5322 §3.3)', () => {
  it.each(['Thu, 21 May 1998 05:33:29 -0700', 'Sun, 29 Nov 2026 13:15:53 +0100 (CET)', '1 Jan 2024 00:00 GMT', 'Mon, 02 Jan 06 15:04:05 MST'])('accepts %s', (value) => {
    expect(isRfc5322Date(value)).toBe(true);
  });
  it.each(['wird nicht verraten', '2024-05-21 10:00:00', 'Thu, 21 May 1998 05:33:29', 'Thu, 32 May 1998 05:33:29 +0000', 'Thu, 21 Mai 1998 05:33:29 +0200'])('refuses %s', (value) => {
    expect(isRfc5322Date(value)).toBe(false);
  });
});

describe('MAIL FROM / RCPT TO paths (RFC 5321 §4.1.2)', () => {
  it('parses brackets, parameters and the tolerated space', () => {
    expect(parseSmtpPath('FROM:<a@b.de> SIZE=12 BODY=8BITMIME', 'FROM')).toEqual({ address: 'a@b.de', bracketed: true, spaceAfterColon: false, wellFormed: true, params: ['SIZE=12', 'BODY=8BITMIME'] });
    expect(parseSmtpPath('to: <a@b.de>', 'TO')).toMatchObject({ address: 'a@b.de', spaceAfterColon: true });
    expect(parseSmtpPath('FROM:a@b.de', 'FROM')).toMatchObject({ bracketed: false, wellFormed: true });
    expect(parseSmtpPath('FROM:<>', 'FROM')).toMatchObject({ address: '', wellFormed: false });
    expect(parseSmtpPath('FROM:<a@b.de', 'FROM')).toBeNull();
    expect(parseSmtpPath('TO:<a@b.de>', 'FROM')).toBeNull();
  });
  it('knows well-formed addresses and compares domains case-insensitively', () => {
    expect(['grafzahl@sesamstrasse.de', 'a.b+c@x-y.org', 'root@localhost'].every(isWellFormedAddress)).toBe(true);
    expect(['grafzahl', '@b.de', 'a@', 'a b@c.de', 'a@b..de', 'a.@b.de'].some(isWellFormedAddress)).toBe(false);
    expect(sameAddress('Ernie@HSG-KL.de', 'Ernie@hsg-kl.de')).toBe(true);
    expect(sameAddress('ernie@hsg-kl.de', 'bert@hsg-kl.de')).toBe(false);
  });
});
