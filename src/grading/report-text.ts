// The class report as a terminal table and as CSV (one row per student, for an LMS import).
import { HANDED_IN } from '../outcome-theme.js';
import type { Cell, ClassReport } from './report-model.js';

const mark = (c: Cell) => {
  const base = HANDED_IN[c.outcome].mark;
  return c.trust === 'verified' ? `${base}v` : c.trust === 'contradicted' ? `${base}?` : base;
};

/** Students down, exercises across (numbered, with a key below, so the table fits a terminal). */
export function reportTable(report: ClassReport): string {
  const nameWidth = Math.max(7, ...report.students.map((s) => s.student.length));
  const cols = report.exercises.map((_, i) => String(i + 1).padStart(3));
  const lines = [`${'student'.padEnd(nameWidth)} ${cols.join('')}  passed  flags`];
  for (const s of report.students) {
    const cells = report.exercises.map((id) => mark(s.cells[id]).padStart(3)).join('');
    lines.push(
      `${s.student.padEnd(nameWidth)} ${cells}  ${`${s.passed}/${report.exercises.length}`.padStart(6)}  ` +
        `${s.flags.length ? `${s.flags.length} ⚑` : ''}`,
    );
  }
  const rates = report.exercises.map((id) => `${Math.round(report.passRate[id].rate * 100)}`.padStart(3)).join('');
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
    lines.push('', 'Flags:', ...flagged.flatMap((s) => s.flags.map((f) => `  ⚑ ${s.student} (${s.file}): ${f}`)));
  for (const u of report.unreadable) lines.push(`  ⚑ ${u.file}: ${u.reason}`);
  return lines.join('\n') + '\n';
}

function csvField(value: string | number): string {
  const text = String(value);
  // Quote when needed; a leading =,+,-,@ would be run as a formula by spreadsheets.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
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
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
