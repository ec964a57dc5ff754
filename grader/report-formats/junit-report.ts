import type { TestReport } from '../report.js';
import { firstLine, isRedacted, type RedactedTestReport, type ShownReport } from './shown-report.js';
import { xmlAttr, xmlText } from './xml-text.js';

/** Seconds as JUnit writes them (surefire's `SUREFIRE_TIME`: digits, a dot, decimals). */
function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

/**
 * A test's time: the report keeps no duration per test, so it is the time from the
 * test's start to its last recorded exchange (transcript `t`), 0 without a transcript.
 */
function testMs(test: TestReport): number {
  return test.transcript.reduce((latest, entry) => Math.max(latest, entry.t), 0);
}

function testcase(report: ShownReport, test: TestReport | RedactedTestReport): string {
  const classname = xmlAttr(report.assignment);
  if (isRedacted(test)) {
    const why = test.shownAfter ? `hidden until ${test.shownAfter}` : 'hidden';
    return `    <testcase name="${xmlAttr(`${test.name} (${test.id})`)}" classname="${classname}" time="0.000"><skipped message="${xmlAttr(`${why}; worth ${test.maxScore} points`)}"/></testcase>`;
  }
  const open = `    <testcase name="${xmlAttr(test.name)}" classname="${classname}" time="${seconds(testMs(test))}"`;
  if (test.status === 'passed') return `${open}/>`;
  // `timeout` is the program not answering in time: a failure of the student's program, like `failed`.
  const element = test.status === 'error' ? 'error' : 'failure';
  const body = `${test.feedback}\n\nScore: ${test.score}/${test.maxScore}`;
  return `${open}><${element} type="${test.status}" message="${xmlAttr(firstLine(test.feedback))}">${xmlText(body)}</${element}></testcase>`;
}

/**
 * The report as JUnit XML, valid against the schema Jenkins and Maven surefire read
 * (junit-10.xsd): a `testsuites` root with one `testsuite` per assignment, a `testcase`
 * per test, `failure` (or `error`) carrying the feedback, `skipped` for a test hidden
 * from the viewer, the score as properties and the program's output as `system-out`/`system-err`.
 */
export function formatJunit(report: ShownReport): string {
  const shown = report.tests.filter((test): test is TestReport => !isRedacted(test));
  const failures = shown.filter((test) => test.status === 'failed' || test.status === 'timeout').length;
  const errors = shown.filter((test) => test.status === 'error').length;
  const skipped = report.tests.length - shown.length;
  const counts = `tests="${report.tests.length}" failures="${failures}" errors="${errors}"`;
  const time = seconds(report.durationMs);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="sockgrade" ${counts} time="${time}">`,
    `  <testsuite name="${xmlAttr(report.assignment)}" ${counts} skipped="${skipped}" time="${time}">`,
    '    <properties>',
    `      <property name="score" value="${report.score}"/>`,
    `      <property name="maxScore" value="${report.maxScore}"/>`,
    ...(report.hiddenTests ? [`      <property name="hiddenTests" value="${report.hiddenTests.count}"/>`] : []),
    '    </properties>',
    ...report.tests.map((test) => testcase(report, test)),
  ];
  if (report.logs.stdout) lines.push(`    <system-out>${xmlText(report.logs.stdout)}</system-out>`);
  if (report.logs.stderr) lines.push(`    <system-err>${xmlText(report.logs.stderr)}</system-err>`);
  lines.push('  </testsuite>', '</testsuites>');
  return `${lines.join('\n')}\n`;
}
