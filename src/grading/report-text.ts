// The class report as a terminal table and as CSV (one row per student, for an LMS import).
import { HANDED_IN } from '../outcome-theme.js';
import type { Cell, ClassReport } from './report-model.js';
import { VERIFICATION_FILE } from './verification.js';

/**
 * Text from a bundle as the terminal will show it: control characters (ESC and the other C0 and C1 codes, DEL) and
 * bidirectional overrides become visible escapes such as \x1b, so a student's name cannot move the cursor, recolour
 * or retitle the instructor's terminal, or reorder what it shows.
 */
export const visible = (text: string) =>
  String(text).replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => {
      const code = c.charCodeAt(0);
      return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    },
  );

/** A name cut to fit a table column. */
const clip = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);
const NAME_WIDTH = 40;
/** One exercise column: wide enough for "100" and a space, so pass rates never run together. */
const COL = 4;

const mark = (c: Cell) => {
  const base = (Object.hasOwn(HANDED_IN, c.outcome) ? HANDED_IN[c.outcome] : HANDED_IN.error).mark;
  return c.trust === 'verified' ? `${base}v` : c.trust === 'contradicted' ? `${base}?` : base;
};

/** Students down, exercises across (numbered, with a key below, so the table fits a terminal). */
export function reportTable(report: ClassReport): string {
  const names = report.students.map((s) => clip(visible(s.student), NAME_WIDTH));
  const nameWidth = Math.max(7, ...names.map((n) => n.length));
  const cols = report.exercises.map((_, i) => String(i + 1).padStart(COL));
  const lines = [`${'student'.padEnd(nameWidth)} ${cols.join('')}  passed  flags`];
  for (const [row, s] of report.students.entries()) {
    const cells = report.exercises.map((id) => mark(s.cells[id]).padStart(COL)).join('');
    lines.push(
      `${names[row].padEnd(nameWidth)} ${cells}  ${`${s.passed}/${report.exercises.length}`.padStart(6)}  ` +
        `${s.flags.length ? `${s.flags.length} ⚑` : ''}`,
    );
  }
  const rates = report.exercises.map((id) => `${Math.round(report.passRate[id].rate * 100)}`.padStart(COL)).join('');
  lines.push(`${'pass %'.padEnd(nameWidth)} ${rates}`);
  lines.push('', ...report.exercises.map((id, i) => `${String(i + 1).padStart(3)} ${id}`));
  lines.push(
    '',
    `${Object.values(HANDED_IN)
      .map((l) => `${l.mark} ${l.word}`)
      .join('  ')};  v verified on this engine, ? contradicted by verify, no mark: self-reported`,
  );
  const flagged = report.students.filter((s) => s.flags.length);
  if (flagged.length)
    lines.push(
      '',
      'Flags:',
      ...flagged.flatMap((s) => s.flags.map((f) => visible(`  ⚑ ${s.student} (${s.file}): ${f}`))),
    );
  if (report.unreadable.length && !flagged.length) lines.push('', 'Flags:');
  for (const u of report.unreadable) lines.push(visible(`  ⚑ ${u.file}: ${u.reason}`));
  return lines.join('\n') + '\n';
}

function csvField(value: string | number): string {
  const text = String(value);
  // Quote when needed; a leading =, +, -, @, TAB or CR would be run as a formula by spreadsheets (OWASP).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function reportCsv(report: ClassReport): string {
  const header = [
    'student',
    'bundle',
    ...report.exercises.flatMap((id) => [id, `${id} trust`]),
    'passed',
    'verified',
    'flags',
  ];
  const rows = report.students.map((s) => [
    s.student,
    s.file,
    ...report.exercises.flatMap((id) => [s.cells[id].outcome, s.cells[id].trust]),
    s.passed,
    s.verified,
    s.flags.join('; '),
  ]);
  // A bundle that could not be read still gets its row, so the import shows who has no grade and why (a broken
  // verification.json is no student: the table and the page flag it).
  const unreadable = report.unreadable
    .filter((u) => u.file !== VERIFICATION_FILE)
    .map((u) => ['', u.file, ...report.exercises.flatMap(() => ['', '']), '', '', u.reason]);
  return [header, ...rows, ...unreadable].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
