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

/** What a cell's bare number does not say: a teacher's override, lateness, an unfinished grading. */
function notesOf(book: Gradebook, student: Gradebook['students'][number]): string {
  const notes: string[] = [];
  for (const { id } of book.assignments) {
    const cell = student.grades[id];
    if (!cell) continue;
    const marks: string[] = [];
    if (cell.override) marks.push(`teacher override (automatic ${cell.automaticScore})`);
    if (cell.late) marks.push(`${cell.daysLate} ${cell.daysLate === 1 ? 'day' : 'days'} late`);
    if (cell.pending) marks.push('newer submission pending');
    if (marks.length > 0) notes.push(`${id}: ${marks.join(', ')}`);
  }
  return notes.join('; ');
}

/**
 * One row per student: name, then each assignment's score (empty when not graded yet),
 * then the total, then `notes`: overrides (with the automatic score), late marks and
 * pending gradings, so score cells stay plain numbers a spreadsheet can add up. A second
 * header line gives each column's maximum, so the sheet reads on its own. CRLF line ends
 * (RFC 4180 §2).
 */
export function gradebookCsv(book: Gradebook): string {
  const rows: (string | number | null)[][] = [
    ['student', ...book.assignments.map((assignment) => assignment.id), 'total', 'notes'],
    ['(max)', ...book.assignments.map((assignment) => assignment.maxScore), book.maxTotal, `mode: ${book.mode}`],
    ...book.students.map((student) => [
      student.name,
      ...book.assignments.map((assignment) => student.grades[assignment.id]?.score ?? null),
      student.total,
      notesOf(book, student),
    ]),
  ];
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
