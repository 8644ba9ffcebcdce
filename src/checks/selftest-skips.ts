// Exercises the self-test cannot prove on this machine, said out loud: a lesson that needs a Kubernetes cluster
// is skipped with the reason when there is none. A skip for "no cluster" keeps the self-test green; a cluster
// that is there but refuses kubectl does not, because that is a broken setup, not a missing one.
import type { Course, Exercise } from '../lessons/course.js';
import { unavailableLessons } from '../sandbox/kubernetes.js';

export interface SkippedExercise {
  readonly exercise: string;
  readonly lesson: string;
  readonly reason: string;
  /** True when the reason is that there is no cluster at all: an expected skip that leaves `ok` true. */
  readonly noCluster: boolean;
}

export async function splitRunnable(course: Course, exercises: readonly Exercise[]): Promise<{ run: Exercise[]; skipped: SkippedExercise[] }> {
  const unavailable = await unavailableLessons(course.lessons);
  const run: Exercise[] = [];
  const skipped: SkippedExercise[] = [];
  for (const exercise of exercises) {
    const why = unavailable.get(exercise.meta.lesson);
    if (why) skipped.push({ exercise: exercise.id, lesson: exercise.meta.lesson, reason: why.reason ?? 'unavailable', noCluster: why.noCluster });
    else run.push(exercise);
  }
  return { run, skipped };
}

/** The self-test's verdict with its skips: only "no cluster" skips may leave it green. */
export const okWithSkips = (ok: boolean, skipped: readonly SkippedExercise[]) => ok && skipped.every((s) => s.noCluster);
