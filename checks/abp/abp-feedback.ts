/** Feedback pieces shared by the sender and receiver checks. */
import { formatDuration } from '../lib/deadline.js';
import { describeExit } from '../lib/exit-report.js';
import type { StudentRunResult } from '../peer/protocol.js';
import type { ClientCheckContext } from '../suite.js';
import type { TestOutcome, TestStatus, TranscriptEntry } from '../types.js';
import { encodePacket, showBytes } from './abp-packet.js';

export interface Finding {
  status: TestStatus;
  feedback: string;
  fraction?: number;
}

/** The packet with index `index` of a correct transfer of `payloads`: `D0:…`, `D1:…`, …, then `E<bit>`. */
export function expectedPacket(payloads: readonly string[], index: number): Buffer {
  const bit = index % 2 === 0 ? 0 : 1;
  const payload = payloads[index];
  return encodePacket(payload === undefined ? { kind: 'end', bit } : { kind: 'data', bit, payload });
}

export function packetName(payloads: readonly string[], index: number): string {
  return showBytes(expectedPacket(payloads, index));
}

/** "1. `Hallo`" lines, or "nothing". */
export function numbered(lines: readonly string[], max = 12): string {
  if (lines.length === 0) return '(nothing)';
  const shown = lines.slice(0, max).map((line, i) => `${i + 1}. \`${line}\``);
  if (lines.length > max) shown.push(`… and ${lines.length - max} more`);
  return shown.join('\n');
}

/** How the program ended, when that is part of the problem; '' for a clean exit with code 0. */
export function exitNote(run: StudentRunResult, timeoutMs: number): string {
  if (run.timedOut) return `Your program was still running after ${formatDuration(timeoutMs)}, so we stopped it.`;
  if (run.exitCode === 0 && run.startError === undefined) return '';
  return describeExit(run, { what: 'program', entry: '{entry}', timeoutMs });
}

/** A test's outcome: the scenario's transcript, `{entry}` replaced, the schedule appended. */
export function finish(ctx: ClientCheckContext, transcript: readonly TranscriptEntry[], finding: Finding, schedule: string): TestOutcome {
  ctx.transcript.include(transcript);
  const feedback = `${finding.feedback}\n\n${schedule}`.replaceAll('{entry}', ctx.assignment.entry);
  return { status: finding.status, feedback, ...(finding.fraction !== undefined ? { fraction: finding.fraction } : {}), transcript: ctx.transcript.entries() };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
