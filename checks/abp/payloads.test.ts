import { describe, expect, it } from 'vitest';
import { PAYLOAD_POOL, payloadsFrom, printedPayloads } from './payloads.js';

describe('payloads', () => {
  it('none contains another, so output lines can be matched', () => {
    for (const a of PAYLOAD_POOL) for (const b of PAYLOAD_POOL) if (a !== b) expect(a.includes(b)).toBe(false);
    expect(new Set(PAYLOAD_POOL).size).toBe(PAYLOAD_POOL.length);
  });

  it('are taken in order, wrapping around the pool', () => {
    expect(payloadsFrom(0, 2)).toEqual(['Hallo Empfänger!', 'Grüße aus Köln']);
    expect(payloadsFrom(11, 2)).toEqual(['Letzte Zeile', 'Hallo Empfänger!']);
  });

  it('matches printed lines to payloads, prefixes allowed, others set apart', () => {
    const out = 'Empfangen: Grüße aus Köln\r\nUhrzeit\n\nHallo Empfänger!\nGrüße aus Köln\n';
    expect(printedPayloads(out, payloadsFrom(0, 3))).toEqual({ printed: ['Grüße aus Köln', 'Hallo Empfänger!', 'Grüße aus Köln'], other: ['Uhrzeit'] });
  });
});
