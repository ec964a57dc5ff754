import type { TranscriptEntry } from '../../checks/types.js';
import type { GradingReport, TestReport } from '../report.js';
import { isRedacted, type ShownReport } from '../report-formats/shown-report.js';
import { terminalSafe, terminalSafeInline } from './terminal-text.js';

const STATUS_MARK: Record<TestReport['status'], string> = {
  passed: '✔ passed ',
  failed: '✘ failed ',
  error: '! error  ',
  timeout: '⏱ timeout',
};

const HIDDEN_MARK = '· hidden ';

/** Transcript lines shown per failed test in the table; the JSON output has them all. */
const TRANSCRIPT_LINES = 12;
/** Last lines of what the program printed during a test, per stream (issue #13). */
const TEST_OUTPUT_LINES = 10;

/**
 * A readable table: one line per test, and for each test that did not pass its feedback and
 * transcript. Everything a student's program could have influenced is terminal-safe.
 * Takes the report as a viewer sees it: a test hidden from them is a line with its points
 * and when it will be shown (`sockgrade submit` as a student).
 */
export function formatReport(report: GradingReport | ShownReport, opts: { transcripts?: 'failed' | 'all' } = {}): string {
  const lines: string[] = [];
  const width = Math.max(...report.tests.map((test) => `${isRedacted(test) ? '?' : test.score}/${test.maxScore}`.length), 5);
  lines.push(`${terminalSafeInline(report.assignment)}: ${report.score}/${report.maxScore} points (${(report.durationMs / 1000).toFixed(1)} s)`);
  const hidden = 'hiddenTests' in report ? report.hiddenTests : undefined;
  if (hidden?.count) lines.push(`(${hidden.count} hidden test${hidden.count === 1 ? '' : 's'} worth ${hidden.maxScore} points not counted)`);
  lines.push('');
  let previousFeedback = '';
  for (const test of report.tests) {
    if (isRedacted(test)) {
      const when = test.shownAfter ? `shown after ${terminalSafeInline(test.shownAfter)}` : 'not shown';
      lines.push(`  ${HIDDEN_MARK}  ${`?/${test.maxScore}`.padStart(width)}  ${terminalSafeInline(test.name)} (${when})`);
      continue;
    }
    const points = `${test.score}/${test.maxScore}`.padStart(width);
    lines.push(`  ${STATUS_MARK[test.status]}  ${points}  ${terminalSafeInline(test.name)}`);
    const showDetails = test.status !== 'passed' || opts.transcripts === 'all';
    if (!showDetails) continue;
    // A submission that could not run at all gets one verdict for every test: say it once.
    const repeated = test.feedback === previousFeedback && test.transcript.length === 0;
    previousFeedback = test.feedback;
    if (repeated) {
      lines.push('        (same as above)');
      continue;
    }
    for (const line of terminalSafe(test.feedback).split('\n')) lines.push(`        ${line}`);
    if (test.transcript.length > 0) {
      lines.push('        transcript:');
      for (const entry of test.transcript.slice(0, TRANSCRIPT_LINES)) lines.push(`          ${formatEntry(entry)}`);
      if (test.transcript.length > TRANSCRIPT_LINES) {
        lines.push(`          … ${test.transcript.length - TRANSCRIPT_LINES} more (see --json)`);
      }
    }
    lines.push(...testOutputLines(test));
  }
  // Warnings of a build that worked (issue #14); a failed build's output is in every test's feedback already.
  if (report.build?.status === 'ok' && report.build.output.trim()) {
    lines.push('', `${terminalSafeInline(report.build.compiler)} warned (not penalised):`);
    for (const line of terminalSafe(report.build.output.trimEnd()).split('\n').slice(0, 40)) lines.push(`  | ${line}`);
  }
  for (const [name, text] of Object.entries(report.logs)) {
    if (!text.trim()) continue;
    lines.push('', `Your program's ${name}:`);
    const shown = terminalSafe(text).split('\n').slice(-20);
    for (const line of shown) lines.push(`  | ${line}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * What the program printed during the test, its last lines per stream, terminal-safe.
 * A stream the feedback already quotes (its last line is there) is not shown twice.
 */
function testOutputLines(test: TestReport): string[] {
  const lines: string[] = [];
  for (const name of ['stdout', 'stderr'] as const) {
    const text = test.output?.[name].replace(/\s+$/, '') ?? '';
    if (!text || test.feedback.includes(text.slice(text.lastIndexOf('\n') + 1))) continue;
    const all = terminalSafe(text).split('\n');
    lines.push(`        printed on ${name} during this test${all.length > TEST_OUTPUT_LINES ? ` (last ${TEST_OUTPUT_LINES} lines)` : ''}:`);
    for (const line of all.slice(-TEST_OUTPUT_LINES)) lines.push(`          | ${line}`);
  }
  return lines;
}

export function formatEntry(entry: TranscriptEntry): string {
  const time = `+${entry.t} ms`.padStart(9);
  const arrow = entry.dir === 'send' ? 'grader → you ' : entry.dir === 'recv' ? 'you → grader ' : '·            ';
  const body =
    entry.dir === 'event'
      ? terminalSafeInline(entry.note ?? '')
      : entry.text !== null
        ? `"${terminalSafeInline(entry.text)}" (${entry.bytes} B)`
        : `hex ${entry.hex ?? ''} (${entry.bytes} B, not UTF-8)`;
  const shortened = body.length > 160 ? `${body.slice(0, 157)}…` : body;
  return `${time}  ${terminalSafeInline(entry.conn).padEnd(7)} ${arrow} ${shortened}`;
}
