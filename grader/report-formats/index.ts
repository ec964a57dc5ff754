export { formatGradescope, gradescopeResults, type GradescopeOptions, type GradescopeResults, type GradescopeTest, type GradescopeVisibility } from './gradescope-report.js';
export { formatJunit } from './junit-report.js';
export { ALL_VISIBLE, firstLine, isRedacted, type RedactedTestReport, type ShownReport, type VisibilityOf } from './shown-report.js';
export { xmlAttr, xmlText } from './xml-text.js';

/** The machine-readable formats a report is given in, besides sockgrade's own JSON. */
export const MACHINE_FORMATS = ['junit', 'gradescope'] as const;
export type MachineFormat = (typeof MACHINE_FORMATS)[number];

/** What each is sent as over HTTP. */
export const MACHINE_FORMAT_CONTENT_TYPE: Record<MachineFormat, string> = {
  junit: 'application/xml; charset=utf-8',
  gradescope: 'application/json; charset=utf-8',
};

export function isMachineFormat(value: unknown): value is MachineFormat {
  return typeof value === 'string' && (MACHINE_FORMATS as readonly string[]).includes(value);
}
