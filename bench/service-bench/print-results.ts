import { cpus, loadavg, totalmem } from 'node:os';
import { cpuPerGrading, describeCpu, type CpuUse } from './cpu-meter.js';
import type { IdleFigures } from './idle-latency.js';
import type { OneByOneFigures } from './one-by-one.js';
import type { ServiceFigures } from './service-results.js';
import { MIX, type Kind, type SubmissionCase } from './submission-mix.js';
import { oneByOneLatencies, perMinute, spread, type Spread } from './stats.js';

/** Issue #11's targets for the 200-submission burst on the 2-core machine. */
export const TARGET_PER_MINUTE = 150;
export const TARGET_P95_MS = 90_000;
export const TARGET_CPU_S_PER_GRADING = 1.0;
/** An idle service: upload → score of a correct echo server, p50. */
export const TARGET_IDLE_P50_MS = 1_000;
export const TARGET_RATIO = 1.5;

const millis = (ms: number) => (Number.isFinite(ms) ? `${Math.round(ms)} ms` : '—');
const seconds = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : '—');
const rate = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} /min` : '—');
const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '—');
const row = (label: string, service: string, oneByOne: string, ratio = '') =>
  console.log(`${label.padEnd(20)}${service.padEnd(30)}${oneByOne.padEnd(30)}${ratio}`);

/** "2 cores (AMD EPYC …), 23 GiB, load 1.52" */
export function machineLine(): string {
  const cores = cpus();
  return `${cores.length} cores (${cores[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load average ${loadavg()[0]!.toFixed(2)}`;
}

export function mixLine(cases: SubmissionCase[]): string {
  return MIX.map(({ kind, share }) => {
    const c = cases.find((x) => x.kind === kind)!;
    return `${Math.round(share * 100)}% ${kind} (${c.fixture}, ${c.expectedScore}/${c.maxScore})`;
  }).join(', ');
}

/** "correct 2.1 s, wrong 0.9 s, hanging 15.8 s", in the mix's order. */
function meansLine(msByKind: Map<Kind, number>): string {
  return MIX.filter(({ kind }) => msByKind.has(kind))
    .map(({ kind }) => `${kind} ${seconds(msByKind.get(kind)!)}`)
    .join(', ');
}

/** "140 / 40 / 20", in the mix's order. */
function kindCounts(cases: SubmissionCase[]): string {
  return MIX.map(({ kind }) => cases.filter((c) => c.kind === kind).length).join(' / ');
}

/** The figures both ways, computed once for the table, the method lines and the targets. */
interface Compared {
  serviceRate: number;
  serviceLatency: Spread;
  baselineRate: number;
  baselineLatency: Spread | null;
  ratio: number;
}

/** The side-by-side table, how each figure was measured, and whether the targets are met. */
export function printResults(sequence: SubmissionCase[], service: ServiceFigures & { cpu: CpuUse; idle: IdleFigures }, oneByOne: OneByOneFigures | null): void {
  const baselineFinishes = oneByOne ? oneByOneLatencies(sequence, oneByOne.meanMsByKind) : [];
  const serviceRate = perMinute(service.graded, service.spanMs);
  const baselineRate = perMinute(sequence.length, baselineFinishes.at(-1) ?? NaN);
  const compared: Compared = {
    serviceRate,
    serviceLatency: spread(service.latenciesMs),
    baselineRate,
    baselineLatency: oneByOne ? spread(baselineFinishes) : null,
    ratio: serviceRate / baselineRate,
  };
  printTable(sequence, service, oneByOne, compared);
  printMethod(sequence, service, oneByOne);
  const idle = service.idle.latenciesMs.length ? spread(service.idle.latenciesMs) : null;
  if (idle) {
    const oneByOneCorrect = oneByOne?.meanMsByKind.get('correct');
    console.log(
      `idle service (nothing else running, ${service.idle.latenciesMs.length} correct submissions one after another): upload → score p50 ${millis(idle.p50)}, p95 ${millis(idle.p95)}` +
        (oneByOneCorrect ? `; one \`sockgrade grade\` of the same (mean): ${millis(oneByOneCorrect)}, ${times(oneByOneCorrect / idle.p50)} the idle service's p50` : ''),
    );
  }
  const cpuPerGradingS = service.cpu.machineSeconds === null || service.graded === 0 ? NaN : service.cpu.machineSeconds / service.graded;
  printTargets(compared, oneByOne !== null, { idleP50: idle?.p50 ?? NaN, cpuPerGradingS });
}

function printTable(sequence: SubmissionCase[], service: ServiceFigures, oneByOne: OneByOneFigures | null, figures: Compared): void {
  const sample = oneByOne?.runs.map((run) => run.case) ?? [];
  const asExpected = oneByOne ? oneByOne.runs.length - oneByOne.wrongScores.length : 0;
  const shorter = (a: number, b: number) => (Number.isFinite(b / a) ? `${times(b / a)} shorter` : '');
  console.log('');
  row('', 'service (HTTP API + queue)', 'one by one (sockgrade grade)', 'service vs one by one');
  row('submissions', String(service.submitted), oneByOne ? `${sample.length} (a sample)` : 'not run');
  row('correct/wrong/hang', kindCounts(sequence), oneByOne ? kindCounts(sample) : '—');
  row('graded', String(service.graded), oneByOne ? String(oneByOne.runs.filter((run) => run.problem === null).length) : '—');
  row('lost', String(service.lost.length), '—');
  row('duplicated', String(service.duplicated.length), '—');
  row('scores as expected', `${service.scoredAsExpected}/${service.submitted}`, oneByOne ? `${asExpected}/${oneByOne.runs.length}` : '—');
  row('throughput', rate(figures.serviceRate), rate(figures.baselineRate), times(figures.ratio));
  for (const key of ['p50', 'p95', 'max'] as const) {
    const baseline = figures.baselineLatency?.[key];
    row(`latency ${key}`, seconds(figures.serviceLatency[key]), baseline === undefined ? '—' : `${seconds(baseline)} (extrapolated)`, baseline === undefined ? '' : shorter(figures.serviceLatency[key], baseline));
  }
}

function printMethod(sequence: SubmissionCase[], service: ServiceFigures & { cpu: CpuUse }, oneByOne: OneByOneFigures | null): void {
  console.log('');
  console.log(`service: latency = upload start → the finishedAt the service stored; throughput = graded / (first upload → last finishedAt = ${seconds(service.spanMs)}); all ${service.submitted} uploads answered within ${seconds(service.acceptMs)}.`);
  console.log(`  one grading run in the worker (startedAt → finishedAt, mean): ${meansLine(service.runMsByKind)}.`);
  console.log(`  during the burst: ${describeCpu(service.cpu)}; ${cpuPerGrading(service.cpu, service.graded)}.`);
  if (!oneByOne) return;
  const sampleRate = perMinute(oneByOne.runs.length, oneByOne.totalMs);
  console.log(`one by one: \`node bin/sockgrade.js grade echo-tcp-server <fixture> --json\` run sequentially on a stratified sample of ${oneByOne.runs.length} (${seconds(oneByOne.totalMs)} in all, ${rate(sampleRate)}).`);
  console.log(`  extrapolated to the burst: its ${sequence.length} in the same order graded one after another, all submitted at once, each run taking its kind's mean in the sample (${meansLine(oneByOne.meanMsByKind)});`);
  console.log(`  latency = p50/p95/max of the cumulative finish times; throughput = ${sequence.length} / the last finish time (the sample's own rate when it has the burst's proportions).`);
  console.log(`  during the sample: ${describeCpu(oneByOne.cpu, { own: false })}; ${cpuPerGrading(oneByOne.cpu, oneByOne.runs.length)}.`);
}

/** Missing a target is a figure to read, not a failed run: the machine may be shared. */
function printTargets(figures: Compared, baselineRan: boolean, more: { idleP50: number; cpuPerGradingS: number }): void {
  const met = (ok: boolean | null) => (ok === null ? 'not measured (no baseline)' : ok ? 'met' : 'NOT MET');
  const measured = (value: number, ok: boolean) => (Number.isFinite(value) ? met(ok) : 'not measured');
  console.log('');
  console.log(`target: service ≥ ${TARGET_PER_MINUTE} submissions/min: ${rate(figures.serviceRate)} → ${met(figures.serviceRate >= TARGET_PER_MINUTE)}`);
  console.log(`target: latency p95 ≤ ${seconds(TARGET_P95_MS)}: ${seconds(figures.serviceLatency.p95)} → ${met(figures.serviceLatency.p95 <= TARGET_P95_MS)}`);
  console.log(`target: ≤ ${TARGET_CPU_S_PER_GRADING.toFixed(1)} CPU-s of the whole machine per grading in the burst: ${more.cpuPerGradingS.toFixed(2)} → ${measured(more.cpuPerGradingS, more.cpuPerGradingS <= TARGET_CPU_S_PER_GRADING)}`);
  console.log(`target: idle service upload → score p50 ≤ ${millis(TARGET_IDLE_P50_MS)}: ${millis(more.idleP50)} → ${measured(more.idleP50, more.idleP50 <= TARGET_IDLE_P50_MS)}`);
  console.log(`target: service ≥ ${TARGET_RATIO}× one-by-one throughput: ${times(figures.ratio)} → ${met(baselineRan ? figures.ratio >= TARGET_RATIO : null)}`);
}

/** One burst of a `--sweep`. */
export interface SweepRow {
  concurrency: number;
  service: ServiceFigures & { cpu: CpuUse; idle: IdleFigures };
}

/** The sweep's table, and the concurrency with the highest throughput. */
export function printSweep(rows: SweepRow[]): void {
  console.log('');
  console.log(`${'concurrency'.padEnd(13)}${'throughput'.padEnd(14)}${'p50'.padEnd(9)}${'p95'.padEnd(9)}${'CPU-s/grading'.padEnd(15)}${'machine busy'.padEnd(14)}idle p50`);
  for (const { concurrency, service } of rows) {
    const latency = spread(service.latenciesMs);
    const cpu = service.cpu.machineSeconds === null ? '—' : (service.cpu.machineSeconds / Math.max(1, service.graded)).toFixed(2);
    const busy = service.cpu.machineBusy === null ? '—' : `${(service.cpu.machineBusy * 100).toFixed(0)}%`;
    const idle = service.idle.latenciesMs.length ? millis(spread(service.idle.latenciesMs).p50) : '—';
    console.log(`${String(concurrency).padEnd(13)}${rate(perMinute(service.graded, service.spanMs)).padEnd(14)}${seconds(latency.p50).padEnd(9)}${seconds(latency.p95).padEnd(9)}${cpu.padEnd(15)}${busy.padEnd(14)}${idle}`);
  }
  const best = [...rows].sort((a, b) => perMinute(b.service.graded, b.service.spanMs) - perMinute(a.service.graded, a.service.spanMs))[0];
  if (best) console.log(`highest throughput at concurrency ${best.concurrency}`);
}
