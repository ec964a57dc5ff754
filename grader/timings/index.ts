export { TIMING_MARKS, orderedMarks, phasesOf, withOutsideMark, type GradingTimings, type PhaseTiming, type TimingMark } from './grading-timings.js';
export { readMachineCpu, type MachineCpu } from './machine-cpu.js';
export { RunClock } from './run-clock.js';
