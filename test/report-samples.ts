import type { GradingReport } from '../grader/report.js';

/** A report with every status, partial credit, and feedback a hostile program shaped. */
const hostile = 'Your server answered "\u001b[2J<b>&amp;</b>\u0000\r\n\ud800" & \'quit\'\u0085\ufffe';

export function sampleReport(): GradingReport {
  return {
    assignment: 'echo-tcp-server',
    score: 45,
    maxScore: 100,
    durationMs: 2310,
    tests: [
      { id: 'ascii', name: 'Echo of ASCII text', score: 20, maxScore: 20, status: 'passed', feedback: 'ok', transcript: [{ t: 0, dir: 'send', conn: 'conn 1', text: 'Hallo', bytes: 5 }, { t: 12, dir: 'recv', conn: 'conn 1', text: 'Hallo', bytes: 5 }] },
      { id: 'umlauts', name: 'Umlauts and €', score: 0, maxScore: 20, status: 'failed', feedback: `${hostile}\nSecond line`, transcript: [] },
      { id: 'big', name: '1024 bytes', score: 10, maxScore: 20, status: 'failed', feedback: 'Only half came back.', transcript: [{ t: 1500, dir: 'recv', conn: 'conn 1', text: 'x', bytes: 1 }] },
      { id: 'two', name: 'Two clients <at once>', score: 0, maxScore: 20, status: 'timeout', feedback: 'no reply to `hi` after 2000 ms', transcript: [] },
      { id: 'bytes', name: 'Non-UTF-8 bytes', score: 15, maxScore: 20, status: 'error', feedback: 'The grader could not start your program.', transcript: [] },
    ],
    logs: { stdout: 'listening on 5000\n\u001b[31mred\u001b[0m', stderr: '' },
  };
}

