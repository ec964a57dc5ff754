import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../test/report-samples.js';
import { outputFormat, renderReport } from './output-format.js';

describe('--format', () => {
  it('reads --format and keeps --json working; text by default', () => {
    expect(outputFormat({})).toBe('text');
    expect(outputFormat({ json: true })).toBe('json');
    expect(outputFormat({ format: 'junit' })).toBe('junit');
    expect(outputFormat({ format: 'json', json: true })).toBe('json');
    expect(outputFormat({ format: 'xml' })).toEqual({ problem: 'unknown format `xml`: use one of text, json, junit, gradescope' });
    expect(outputFormat({ format: 'junit', json: true })).toEqual({ problem: '--json and --format junit contradict each other' });
  });

  it('prints each format: the JSON report as one line, JUnit XML, Gradescope JSON with the test rules, the table', () => {
    const report = sampleReport();
    expect(renderReport('json', report)).toBe(`${JSON.stringify(report)}\n`);
    expect(renderReport('junit', report)).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
    const gradescope = JSON.parse(renderReport('gradescope', report, { visibility: (id) => (id === 'two' ? 'hidden' : 'visible') }));
    expect(gradescope.tests.map((t: { visibility: string }) => t.visibility)).toEqual(['visible', 'visible', 'visible', 'hidden', 'visible']);
    expect(renderReport('text', report).split('\n')[0]).toBe('echo-tcp-server: 45/100 points (2.3 s)');
  });
});
