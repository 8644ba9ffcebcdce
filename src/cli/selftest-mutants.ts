// How `selftest --mutants` reads its options and shows its verdicts: one line per mutant as it is judged, then a
// table per exercise (mutants, killed, declared equivalent, survived, errors) and the totals.
import { join } from 'node:path';
import { changedSince, engineLabel, readRecord, RECORD_FILE, writeRecord } from '../authoring/mutant-record.js';
import { MUTANT_PREFIX, mutantTotals, type MutantTally } from '../authoring/mutants.js';
import type { Exercise } from '../lessons/course.js';
import type { EngineProfile } from '../sandbox/engine/profile.js';
import type { AttemptReport } from '../authoring/selftest.js';
import { UserError } from '../errors.js';
import { DEFAULT_MUTANTS_MAX } from '../lessons/mutants.js';
import type { Invocation } from './args.js';
import { paint } from './output.js';

/** The cap per exercise when mutants were asked for (--mutants, or --mutants-max N alone), else undefined. */
export function mutantsMax(inv: Invocation): number | undefined {
  if (inv.mutantsMax === undefined && !inv.mutants) {
    if (inv.changed || inv.record)
      throw new UserError(
        `--${inv.changed ? 'changed' : 'record'} goes with the mutant test, which was not asked for.`,
        'Run `containerlings selftest --mutants --changed` (or `--record`).',
        'usage',
      );
    return undefined;
  }
  if (inv.mutantsMax === undefined) return DEFAULT_MUTANTS_MAX;
  const n = Number(inv.mutantsMax);
  if (!Number.isInteger(n) || n < 1)
    throw new UserError(
      `--mutants-max takes a whole number of mutants per exercise, 1 or more (it was given "${inv.mutantsMax}").`,
      `For example: \`containerlings selftest --mutants --mutants-max ${DEFAULT_MUTANTS_MAX}\`.`,
      'usage',
    );
  return n;
}

/** With --changed: of the chosen exercises, those whose record in the course's mutants.json is missing or stale. */
export async function changedOnly(
  inv: Invocation,
  root: string,
  chosen: readonly Exercise[],
  max: number | undefined,
): Promise<readonly Exercise[]> {
  if (!inv.changed || max === undefined) return chosen;
  return changedSince(await readRecord(root), chosen, max);
}

/** With --record: the figures of this run written into the course's mutants.json; the exercises written. */
export async function recordFigures(
  inv: Invocation,
  root: string,
  exercises: readonly Exercise[],
  tallies: readonly MutantTally[] | undefined,
  profile: EngineProfile | undefined,
  max: number | undefined,
): Promise<string[] | undefined> {
  if (!inv.record || !tallies || max === undefined) return undefined;
  return writeRecord(root, exercises, tallies, engineLabel(profile), max);
}

/** The lines after the table: what --changed chose, and what --record wrote. */
export function recordLines(
  inv: Invocation,
  root: string,
  chosen: readonly Exercise[],
  recorded: readonly string[] | undefined,
  tallies: readonly MutantTally[],
): string {
  const lines: string[] = [];
  if (inv.changed)
    lines.push(
      chosen.length
        ? `Changed since the mutant record: ${chosen.map((e) => e.id).join(', ')}.`
        : `No exercise changed since the mutant record (${join(root, RECORD_FILE)}): nothing to run.`,
    );
  if (recorded)
    lines.push(
      `Recorded ${recorded.length} exercise(s) in ${join(root, RECORD_FILE)}.` +
        (recorded.length < tallies.length ? ' An exercise whose solution did not pass keeps its old entry.' : ''),
    );
  return lines.map((l) => `${l}\n`).join('');
}

/** One judged attempt: the solution as usual, a mutant as killed, SURVIVED or error. */
export function mutantLine(a: AttemptReport): string {
  if (!a.attempt.startsWith(MUTANT_PREFIX)) {
    const verdict = a.ok ? paint('green', 'ok      ') : paint('red', 'BAD     ');
    return `${verdict} ${a.exercise.padEnd(20)} solution: expected pass, got ${a.outcome}\n`;
  }
  const verdict =
    a.outcome === 'fail'
      ? paint('green', 'killed  ')
      : a.outcome === 'pass'
        ? paint('red', 'SURVIVED')
        : paint('yellow', 'error   ');
  const why = a.outcome === 'error' ? paint('dim', `\n         ${a.message}`) : '';
  return `${verdict} ${a.exercise.padEnd(20)} ${a.attempt.slice(MUTANT_PREFIX.length)} ${paint('dim', `${a.seconds}s`)}${why}\n`;
}

/** The closing table and totals. */
export function mutantSummary(tallies: readonly MutantTally[]): string {
  const width = Math.max(8, ...tallies.map((t) => t.exercise.length));
  const head = `${'exercise'.padEnd(width)}  mutants  killed  equivalent  survived  errors`;
  const rows = tallies.flatMap((t) => [
    `${t.exercise.padEnd(width)}  ${String(t.mutants).padStart(7)}  ${String(t.killed).padStart(6)}  ` +
      `${String(t.equivalent.length).padStart(10)}  ${String(t.survived.length).padStart(8)}  ` +
      `${String(t.errors.length).padStart(6)}${t.solutionPassed ? '' : paint('red', '  solution did not pass: no mutant run')}`,
    ...t.survived.map((id) => paint('red', `  survived: ${id}`)),
    ...t.errors.map((id) => paint('yellow', `  error:    ${id}`)),
  ]);
  const all = mutantTotals(tallies);
  const total =
    `${all.mutants} mutants: ${all.killed} killed (${all.killedPercent}% of the ${all.mutants - all.equivalent} ` +
    `not declared equivalent), ${all.equivalent} declared equivalent, ${all.survived} survived, ${all.errors} errors`;
  return ['', head, ...rows, '', total, ''].join('\n');
}
