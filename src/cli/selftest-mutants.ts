// How `selftest --mutants` reads its options and shows its verdicts: one line per mutant as it is judged, then a
// table per exercise (mutants, killed, declared equivalent, survived, errors) and the totals.
import { MUTANT_PREFIX, mutantTotals, type MutantTally } from '../authoring/mutants.js';
import type { AttemptReport } from '../authoring/selftest.js';
import { UserError } from '../errors.js';
import { DEFAULT_MUTANTS_MAX } from '../lessons/mutants.js';
import type { Invocation } from './args.js';
import { paint } from './output.js';

/** The cap per exercise when mutants were asked for (--mutants, or --mutants-max N alone), else undefined. */
export function mutantsMax(inv: Invocation): number | undefined {
  if (inv.mutantsMax === undefined) return inv.mutants ? DEFAULT_MUTANTS_MAX : undefined;
  const n = Number(inv.mutantsMax);
  if (!Number.isInteger(n) || n < 1)
    throw new UserError(
      `--mutants-max takes a whole number of mutants per exercise, 1 or more (it was given "${inv.mutantsMax}").`,
      `For example: \`containerlings selftest --mutants --mutants-max ${DEFAULT_MUTANTS_MAX}\`.`,
      'usage',
    );
  return n;
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
