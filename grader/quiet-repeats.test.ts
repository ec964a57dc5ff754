import { describe, expect, it } from 'vitest';
import { quietRepeats } from './quiet-repeats.js';

describe('quietRepeats', () => {
  it('says a repeated line once per window and counts what it held back', () => {
    const lines: string[] = [];
    let now = 0;
    const log = quietRepeats((line) => lines.push(line), 1000, () => now);
    log('connect ECONNREFUSED');
    now = 10;
    log('connect ECONNREFUSED');
    log('connect ECONNREFUSED');
    now = 20;
    log('ready');
    now = 2000;
    log('ready');
    expect(lines).toEqual(['connect ECONNREFUSED', '(the previous line repeated 2 more times)', 'ready', 'ready']);
  });
});
