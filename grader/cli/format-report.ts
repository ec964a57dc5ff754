import type { TranscriptEntry } from '../../checks/types.js';
import type { GradingReport, TestReport } from '../report.js';
import { terminalSafe, terminalSafeInline } from './terminal-text.js';

const STATUS_MARK: Record<TestReport['status'], string> = {
  passed: '✔ passed ',
  failed: '✘ failed ',
  error: '! error  ',
  timeout: '⏱ timeout',
};

/** Transcript lines shown per failed test in the table; the JSON output has them all. */
const TRANSCRIPT_LINES = 12;

/**
 * A readable table: one line per test, and for each test that did not pass its feedback and
 * transcript. Everything a student's program could have influenced is terminal-safe.
 */
export function formatReport(report: GradingReport, opts: { transcripts?: 'failed' | 'all' } = {}): string {
  const lines: string[] = [];
  const width = Math.max(...report.tests.map((test) => `${test.score}/${test.maxScore}`.length), 5);
  lines.push(`${terminalSafeInline(report.assignment)}: ${report.score}/${report.maxScore} points (${(report.durationMs / 1000).toFixed(1)} s)`);
  lines.push('');
  let previousFeedback = '';
  for (const test of report.tests) {
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
