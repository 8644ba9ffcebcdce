// How a learner's actions change one exercise's record in progress.json: a check's verdict, the next hint, and when
// the solution unlocks. The Tutor reads and writes the file; these only change the record it holds.
import type { ExerciseProgress, StoredVerdict } from '../progress/store.js';

/** Counts a check and keeps its verdict as the latest. */
export function recordVerdict(ex: ExerciseProgress, result: StoredVerdict): void {
  ex.checks += 1;
  // A pass stays a pass in the record; the latest outcome is still returned to the caller.
  if (ex.status !== 'passed' || result.outcome === 'pass')
    ex.status = result.outcome === 'pass' ? 'passed' : result.outcome === 'fail' ? 'failed' : 'error';
  if (result.outcome === 'pass') ex.passedAt ??= new Date().toISOString();
  ex.lastResult = result;
}

/**
 * Moves on to the next hint: the diagnosis the last check named, when its hint was not shown yet (returned), or
 * else the next progressive hint (or the last one again).
 */
export function showNextHint(
  ex: ExerciseProgress,
  hints: readonly string[],
  diagnoses: Readonly<Record<string, unknown>>,
): string | undefined {
  const named = ex.lastResult?.outcome === 'fail' ? ex.lastResult.diagnosis : undefined;
  if (named && Object.hasOwn(diagnoses, named) && ex.diagnosisHintShown !== named) {
    ex.diagnosisHintShown = named;
    return named;
  }
  ex.hintsShown = Math.min(ex.hintsShown + 1, hints.length);
  return undefined;
}

/** The reference solution may be shown after a pass (even if a later check failed) or an explicit give-up. */
export function solutionUnlocked(entry: ExerciseProgress): boolean {
  return entry.status === 'passed' || Boolean(entry.passedAt) || entry.gaveUp;
}
