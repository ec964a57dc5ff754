import { describe, expect, it } from 'vitest';
import { ProgressLine, progressText } from './progress-line.js';

describe('the progress line', () => {
  it('rewrites one line in place on a terminal and ends it once', () => {
    let out = '';
    const line = new ProgressLine((text) => (out += text), true);
    line.update('waiting for a grader…');
    line.update('waiting for a grader…');
    line.update('grading: 1/7 tests done');
    line.end();
    line.end();
    expect(out).toBe('\r\u001b[2Kwaiting for a grader…\r\u001b[2Kgrading: 1/7 tests done\n');
  });

  it('writes a plain line per change elsewhere, with whatever the service sent shown as text', () => {
    let out = '';
    const line = new ProgressLine((text) => (out += text), false);
    line.update('a');
    line.update('a');
    line.update('b\u001b[2J\r');
    line.end();
    expect(out).toBe('a\nb\\x1b[2J\\r\n');
  });

  it('says what the grading is at', () => {
    expect(progressText({ status: 'queued' })).toBe('waiting for a grader…');
    expect(progressText({ status: 'running', progress: null })).toBe('grading…');
    expect(progressText({ status: 'running', progress: { testsDone: 2, testsTotal: 7, test: { id: 'utf8-text', status: 'failed' } } })).toBe('grading: 2/7 tests done (utf8-text: failed)');
    expect(progressText({ status: 'running', progress: { testsDone: 3, testsTotal: 7 } })).toBe('grading: 3/7 tests done');
  });
});
