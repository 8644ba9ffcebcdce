// The mutant test of a set of exercises on one engine, held to the course's record (mutants.json): every solution
// passes, no mutant survives that is not declared equivalent, and the figures are the recorded ones, taken of the
// files as they are now. Shared by this machine's engine (mutants-course.test.ts) and the remote one.
import { expect } from 'vitest';
import { changedSince, readRecord } from '../../src/authoring/mutant-record.js';
import type { MutantTally } from '../../src/authoring/mutants.js';
import { loadCourseFromFiles } from '../../src/lessons/course-loader.js';
import { DEFAULT_MUTANTS_MAX } from '../../src/lessons/mutants.js';
import { ROOT, runCli } from './cli.js';

interface MutantReport {
  ok: boolean;
  mutants: MutantTally[];
  attempts: { exercise: string; attempt: string; outcome: string; message: string }[];
  skipped: { exercise: string }[];
}

/** Runs `selftest --mutants` of `exercises` and checks its figures against the record; returns the report. */
export async function mutantsAsRecorded(
  exercises: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 1_800_000,
): Promise<MutantReport> {
  const { code, stdout, stderr } = await runCli(['selftest', '--mutants', '--json', ...exercises], { env, timeoutMs });
  const report = JSON.parse(stdout) as MutantReport;
  const notKilled = report.attempts
    .filter((a) => (a.attempt === 'solution' ? a.outcome !== 'pass' : a.outcome === 'pass'))
    .map((a) => `${a.exercise} ${a.attempt}: ${a.outcome} ${a.message}`);
  expect(report.skipped.map((s) => s.exercise)).toEqual([]);
  expect(report.mutants.map((t) => t.exercise).sort()).toEqual([...exercises].sort());

  const course = await loadCourseFromFiles(ROOT);
  const record = await readRecord(ROOT);
  const ran = course.exercises.filter((e) => exercises.includes(e.id));
  const stale = (await changedSince(record, ran, DEFAULT_MUTANTS_MAX)).map((e) => e.id);
  for (const t of report.mutants) {
    const entry = record.exercises[t.exercise];
    // A missing entry is among the stale ones (changedSince); the check is for the type.
    if (!entry || stale.includes(t.exercise)) continue;
    // A mutant whose check could not decide (an `error`, e.g. a probe that timed out on a loaded machine) is not a
    // wrong verdict: it may stand in for a kill, and is shown. A survivor, or a changed count, fails.
    if (t.errors.length) console.log(`${t.exercise}: could not decide ${t.errors.join('; ')}`);
    expect(
      {
        exercise: t.exercise,
        mutants: t.mutants,
        judged: t.killed + t.errors.length,
        equivalent: t.equivalent.length,
        survived: t.survived,
      },
      `${t.exercise}: the figures differ from mutants.json\n${notKilled.join('\n')}`,
    ).toEqual({
      exercise: t.exercise,
      mutants: entry.mutants,
      judged: entry.killed + entry.errors.length,
      equivalent: entry.equivalent,
      survived: entry.survived,
    });
  }
  expect(
    stale,
    'mutants.json was taken of other files: run `containerlings selftest --mutants --changed --record` and commit it',
  ).toEqual([]);
  expect(notKilled, stderr).toEqual([]);
  expect(code).toBe(0);
  return report;
}
