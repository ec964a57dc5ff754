import type { Gradebook } from './build-gradebook.js';

/**
 * A cell as RFC 4180 wants it, and defused: a spreadsheet runs a cell starting with
 * `=`, `+`, `-`, `@`, tab or CR as a formula (OWASP "CSV injection"), so such text gets
 * a leading apostrophe. Numbers are written as they are.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(defused) ? `"${defused.replaceAll('"', '""')}"` : defused;
}

/**
 * One row per student: name, then each assignment's score (empty when not graded yet),
 * then the total; a second header line gives each column's maximum, so the sheet reads
 * on its own. CRLF line ends (RFC 4180 §2).
 */
export function gradebookCsv(book: Gradebook): string {
  const rows: (string | number | null)[][] = [
    ['student', ...book.assignments.map((assignment) => assignment.id), 'total'],
    ['(max)', ...book.assignments.map((assignment) => assignment.maxScore), book.assignments.reduce((sum, a) => sum + a.maxScore, 0)],
    ...book.students.map((student) => [
      student.name,
      ...book.assignments.map((assignment) => student.grades[assignment.id]?.score ?? null),
      student.total,
    ]),
  ];
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
