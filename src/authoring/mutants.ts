// The mutant test (`selftest --mutants`): each picked mutant of a solution is written out as an attempt that must
// fail, and the verdicts are tallied per exercise: killed (fail), declared equivalent, survived (pass), error.
import { existsSync } from 'node:fs';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Exercise } from '../lessons/course.js';
import type { Resources } from '../lessons/schema.js';
import { ATTEMPT_SCRIPT, copyFiles } from '../progress/workspace.js';
import { mutantsOf, pickMutants, solutionFiles } from '../lessons/mutants.js';

export const MUTANT_PREFIX = 'mutant: ';

/** What the tally reads of a self-test's attempt report. */
interface JudgedAttempt {
  readonly exercise: string;
  readonly attempt: string;
  readonly outcome: string;
}

export interface MutantAttempt {
  readonly name: string;
  readonly files: string;
  readonly script?: string;
  readonly expected: 'fail';
  /** What to remove after it: the declared resources, and those under the name the mutant changed them to. */
  readonly resources: Resources;
}

const NAME_KINDS = ['images', 'containers', 'networks', 'volumes', 'repositories', 'services'] as const;

/**
 * The exercise's resources plus their renamed twins: a mutant that runs `--name cl-xx` or builds `-t app:v2` must
 * not leave that container or image behind. A new name that is a plain image reference is removed too.
 */
export function resourcesAfter(declared: Resources, renamed?: { from: string; to: string }): Resources {
  if (!renamed || !renamed.from) return declared;
  const out: Record<string, unknown> = { ...declared };
  for (const kind of NAME_KINDS) {
    const twins = declared[kind]
      .filter((n) => n.includes(renamed.from))
      .map((n) => n.replaceAll(renamed.from, renamed.to));
    out[kind] = [...new Set([...declared[kind], ...twins])];
  }
  if (/^[a-z0-9][a-z0-9_./-]*(:[A-Za-z0-9_.-]+)?$/.test(renamed.to) && renamed.to.includes('/'))
    out.images = [...new Set([...(out.images as string[]), renamed.to])];
  return out as unknown as Resources;
}

export interface MutantTally {
  readonly exercise: string;
  /** The mutants picked (declared equivalents among them). */
  readonly mutants: number;
  readonly killed: number;
  /** Picked mutants the exercise declares equivalent to its solution: not run. */
  readonly equivalent: readonly string[];
  /** Mutants the check passed: a hole in the check, or an equivalent not yet declared. */
  readonly survived: readonly string[];
  /** Mutants whose check said `error`: neither killed nor survived. */
  readonly errors: readonly string[];
  /** False when the solution itself did not pass: then no mutant was run. */
  readonly solutionPassed: boolean;
}

/** The picked mutants of an exercise's solution, written under `dir`: attempts for the undeclared ones. */
export async function mutantAttempts(
  exercise: Exercise,
  dir: string,
  max: number,
): Promise<{ attempts: MutantAttempt[]; equivalent: string[] }> {
  const picked = pickMutants(mutantsOf(await solutionFiles(exercise.solution)), max);
  const declared = exercise.meta.equivalentMutants;
  const attempts: MutantAttempt[] = [];
  for (const [n, mutant] of picked.entries()) {
    if (Object.hasOwn(declared, mutant.id)) continue;
    const at = join(dir, `m${n + 1}`);
    await copyFiles(exercise.solution, at);
    // copyFiles leaves the attempt script out (it is run from where it lies): copy it as it is, then mutate.
    const script = join(exercise.solution, ATTEMPT_SCRIPT);
    if (existsSync(script)) await cp(script, join(at, ATTEMPT_SCRIPT));
    await mkdir(dirname(join(at, mutant.file)), { recursive: true });
    await writeFile(join(at, mutant.file), mutant.text);
    attempts.push({
      name: `${MUTANT_PREFIX}${mutant.id}`,
      files: at,
      ...(existsSync(join(at, ATTEMPT_SCRIPT)) ? { script: join(at, ATTEMPT_SCRIPT) } : {}),
      expected: 'fail',
      resources: resourcesAfter(exercise.meta.resources, mutant.renamed),
    });
  }
  return { attempts, equivalent: picked.filter((m) => Object.hasOwn(declared, m.id)).map((m) => m.id) };
}

/** One exercise's figures from its attempt reports (the solution's and its mutants'). */
export function tallyMutants(
  exercise: string,
  equivalent: readonly string[],
  reports: readonly JudgedAttempt[],
): MutantTally {
  const mine = reports.filter((r) => r.exercise === exercise && r.attempt.startsWith(MUTANT_PREFIX));
  const ids = (outcome: string) =>
    mine.filter((r) => r.outcome === outcome).map((r) => r.attempt.slice(MUTANT_PREFIX.length));
  const solution = reports.find((r) => r.exercise === exercise && r.attempt === 'solution');
  return {
    exercise,
    mutants: mine.length + equivalent.length,
    killed: ids('fail').length,
    equivalent,
    survived: ids('pass'),
    errors: ids('error'),
    solutionPassed: solution?.outcome === 'pass',
  };
}

/** The figures of a whole run; `killedPercent` counts the mutants a check should kill (all but the equivalents). */
export function mutantTotals(tallies: readonly MutantTally[]) {
  const sum = (f: (t: MutantTally) => number) => tallies.reduce((n, t) => n + f(t), 0);
  const mutants = sum((t) => t.mutants);
  const equivalent = sum((t) => t.equivalent.length);
  const killed = sum((t) => t.killed);
  const shouldDie = mutants - equivalent;
  return {
    mutants,
    killed,
    equivalent,
    survived: sum((t) => t.survived.length),
    errors: sum((t) => t.errors.length),
    killedPercent: shouldDie ? Math.round((1000 * killed) / shouldDie) / 10 : 100,
  };
}

/** The mutant test passes when every solution passed and no mutant survived that is not declared equivalent. */
export const mutantsOk = (tallies: readonly MutantTally[]) =>
  tallies.every((t) => t.solutionPassed && t.survived.length === 0);
