import type { GradingReport } from '../report.js';
import { formatGradescope, formatJunit, type ShownReport, type VisibilityOf } from '../report-formats/index.js';
import { formatReport } from './format-report.js';

/** What `sockgrade grade` and `sockgrade submit` print: `--format`. */
export const OUTPUT_FORMATS = ['text', 'json', 'junit', 'gradescope'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * `--format` and the older `--json` together: the format, or a sentence saying what is wrong.
 * @defaultValue `text`
 */
export function outputFormat(values: { format?: string | undefined; json?: boolean | undefined }): OutputFormat | { problem: string } {
  const format = values.format ?? (values.json ? 'json' : 'text');
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) return { problem: `unknown format \`${format}\`: use one of ${OUTPUT_FORMATS.join(', ')}` };
  if (values.json && format !== 'json') return { problem: `--json and --format ${format} contradict each other` };
  return format as OutputFormat;
}

/** The report in `format`, ready for stdout. */
export function renderReport(
  format: OutputFormat,
  report: GradingReport | ShownReport,
  opts: { transcripts?: 'failed' | 'all'; visibility?: VisibilityOf } = {},
): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report)}\n`;
    case 'junit':
      return formatJunit(report);
    case 'gradescope':
      return formatGradescope(report, opts.visibility ? { visibility: opts.visibility } : {});
    case 'text':
      return formatReport(report, opts.transcripts ? { transcripts: opts.transcripts } : {});
  }
}
