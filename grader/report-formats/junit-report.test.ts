import { describe, expect, it } from 'vitest';
import { checkJunit10, childrenNamed, parseXml } from '../../test/strict-xml.js';
import { sampleReport } from '../../test/report-samples.js';
import { formatJunit } from './junit-report.js';
import type { ShownReport } from './shown-report.js';
import { xmlAttr, xmlText } from './xml-text.js';

function studentView(): ShownReport {
  const report = sampleReport();
  return {
    ...report,
    score: 20,
    maxScore: 40,
    tests: [report.tests[0]!, report.tests[1]!, { id: 'hidden-1', name: 'Hidden test', hidden: true, maxScore: 30, shownAfter: '2026-12-24 23:59 (UTC+01:00)' }, { id: 'hidden-2', name: 'Hidden test', hidden: true, maxScore: 30, shownAfter: null }],
    hiddenTests: { count: 2, maxScore: 60, shownAfter: '2026-12-24 23:59 (UTC+01:00)' },
  };
}

describe('XML text', () => {
  it('escapes markup, keeps CR and attribute whitespace as references, and shows characters XML 1.0 forbids as text', () => {
    expect(xmlText('a<b>&c\r\n')).toBe('a&lt;b&gt;&amp;c&#13;\n');
    expect(xmlAttr('"x"\t\ny')).toBe('&quot;x&quot;&#9;&#10;y');
    expect(xmlText('\u0000\u001b\u0085\ufffe\ud800x\ud83d\ude42')).toBe('\\x00\\x1b\\x85\\u{fffe}\\u{d800}x🙂');
  });
});

describe('JUnit report', () => {
  it('is well-formed XML valid against junit-10.xsd, one testsuite with a testcase per test and the right counts', () => {
    const root = parseXml(formatJunit(sampleReport()));
    checkJunit10(root);
    expect(root.name).toBe('testsuites');
    expect(root.attrs).toEqual({ name: 'sockgrade', tests: '5', failures: '3', errors: '1', time: '2.310' });
    const [suite, ...more] = childrenNamed(root, 'testsuite');
    expect(more).toEqual([]);
    expect(suite!.attrs).toEqual({ name: 'echo-tcp-server', tests: '5', failures: '3', errors: '1', skipped: '0', time: '2.310' });
    const properties = childrenNamed(childrenNamed(suite!, 'properties')[0]!, 'property').map((p) => [p.attrs.name, p.attrs.value]);
    expect(properties).toEqual([['score', '45'], ['maxScore', '100']]);
    const cases = childrenNamed(suite!, 'testcase');
    expect(cases.map((c) => [c.attrs.name, c.attrs.classname, c.attrs.time, c.children.map((child) => child.name)])).toEqual([
      ['Echo of ASCII text', 'echo-tcp-server', '0.012', []],
      ['Umlauts and €', 'echo-tcp-server', '0.000', ['failure']],
      ['1024 bytes', 'echo-tcp-server', '1.500', ['failure']],
      ['Two clients <at once>', 'echo-tcp-server', '0.000', ['failure']],
      ['Non-UTF-8 bytes', 'echo-tcp-server', '0.000', ['error']],
    ]);
    expect(childrenNamed(suite!, 'system-out')[0]!.text).toBe('listening on 5000\n\\x1b[31mred\\x1b[0m');
    expect(childrenNamed(suite!, 'system-err')).toEqual([]);
  });

  it('puts the first line of the feedback in `message` and all of it in the body, hostile bytes included but harmless', () => {
    const suite = childrenNamed(parseXml(formatJunit(sampleReport())), 'testsuite')[0]!;
    const [, umlauts, big, two, bytes] = childrenNamed(suite, 'testcase');
    const failure = umlauts!.children[0]!;
    expect(failure.attrs).toEqual({ type: 'failed', message: 'Your server answered "\\x1b[2J<b>&amp;</b>\\x00' });
    expect(failure.text).toBe('Your server answered "\\x1b[2J<b>&amp;</b>\\x00\r\n\\u{d800}" & \'quit\'\\x85\\u{fffe}\nSecond line\n\nScore: 0/20');
    expect(big!.children[0]!.text).toBe('Only half came back.\n\nScore: 10/20');
    expect(two!.children[0]!.attrs).toEqual({ type: 'timeout', message: 'no reply to `hi` after 2000 ms' });
    expect(bytes!.children[0]!.attrs).toEqual({ type: 'error', message: 'The grader could not start your program.' });
  });

  it('shows a student the tests hidden from them as skipped, with their points and when they are shown, nothing else', () => {
    const xml = formatJunit(studentView());
    const root = parseXml(xml);
    checkJunit10(root);
    const suite = childrenNamed(root, 'testsuite')[0]!;
    expect(suite.attrs).toMatchObject({ tests: '4', failures: '1', errors: '0', skipped: '2' });
    const cases = childrenNamed(suite, 'testcase');
    expect(cases.slice(2).map((c) => [c.attrs.name, c.children.map((child) => [child.name, child.attrs.message])])).toEqual([
      ['Hidden test (hidden-1)', [['skipped', 'hidden until 2026-12-24 23:59 (UTC+01:00); worth 30 points']]],
      ['Hidden test (hidden-2)', [['skipped', 'hidden; worth 30 points']]],
    ]);
    const properties = childrenNamed(childrenNamed(suite, 'properties')[0]!, 'property').map((p) => [p.attrs.name, p.attrs.value]);
    expect(properties).toEqual([['score', '20'], ['maxScore', '40'], ['hiddenTests', '2']]);
  });

  it('the strict reader used here refuses what a CI server would refuse', () => {
    expect(() => parseXml('<a>\u0001</a>')).toThrow(/not allowed in XML 1.0/);
    expect(() => parseXml('<a><b></a>')).toThrow();
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow(/duplicate attribute/);
    expect(() => parseXml('<a>&nbsp;</a>')).toThrow(/unknown entity/);
    expect(() => checkJunit10(parseXml('<testsuites><testsuite name="x" tests="1" failures="0"/></testsuites>'))).toThrow(/lacks errors=/);
    expect(() => checkJunit10(parseXml('<testsuite name="x" tests="1" failures="0" errors="0"><testcase name="a" status="ok"/></testsuite>'))).toThrow(/may not have status=/);
  });
});
