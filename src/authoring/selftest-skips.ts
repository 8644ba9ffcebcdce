// Exercises the self-test cannot prove on this machine, said out loud: a lesson that needs a Kubernetes cluster
// is skipped with the reason when there is none, and a lesson that needs what the engine lacks by design (swarm
// mode on Podman) likewise. Those skips keep the self-test green; a cluster that is there but refuses kubectl
// does not, because that is a broken setup, not a missing one.
import type { Course, Exercise } from '../lessons/course.js';
import { tmpdir } from 'node:os';
import { ensureImages } from '../sandbox/images/catalog.js';
import type { Engine } from '../sandbox/engine/connection.js';
import type { EngineProfile } from '../sandbox/engine/profile.js';
import { probedProfile } from '../sandbox/engine/reach.js';
import { engineUnavailable, unavailableLessons } from '../sandbox/engine/availability.js';

export interface SkippedExercise {
  readonly exercise: string;
  readonly lesson: string;
  readonly reason: string;
  /** True when the reason is that there is no cluster at all: an expected skip that leaves `ok` true. */
  readonly noCluster: boolean;
  /** Set when the engine cannot run the lesson by design (its name and version): also an expected skip. */
  readonly engine?: string;
}

export async function splitRunnable(
  course: Course,
  exercises: readonly Exercise[],
  profile?: () => Promise<EngineProfile | undefined>,
): Promise<{ run: Exercise[]; skipped: SkippedExercise[] }> {
  // Only the chosen exercises' lessons: a self-test of other lessons asks neither the engine nor kubectl.
  const unavailable = await unavailableLessons(
    course.lessons.filter((l) => exercises.some((e) => e.meta.lesson === l.id)),
    profile,
  );
  // An exercise's own needs (a bind mount of a workspace folder) judged by the same engine rules.
  const own = exercises.some((e) => e.meta.needs.length) ? await profile?.() : undefined;
  const ownUnavailable = own
    ? engineUnavailable(
        exercises.map((e) => ({ id: e.id, needs: e.meta.needs })),
        own,
      )
    : new Map();
  const run: Exercise[] = [];
  const skipped: SkippedExercise[] = [];
  for (const exercise of exercises) {
    const why = unavailable.get(exercise.meta.lesson) ?? ownUnavailable.get(exercise.id);
    if (!why) run.push(exercise);
    else if (why.engine)
      skipped.push({
        exercise: exercise.id,
        lesson: exercise.meta.lesson,
        reason: why.reason,
        noCluster: false,
        engine: why.engine,
      });
    else
      skipped.push({
        exercise: exercise.id,
        lesson: exercise.meta.lesson,
        reason: why.reason,
        noCluster: why.expected,
      });
  }
  return { run, skipped };
}

/** The self-test's verdict with its skips: only "no cluster" and "not on this engine" skips may leave it green. */
export const okWithSkips = (ok: boolean, skipped: readonly SkippedExercise[]) =>
  ok && skipped.every((s) => s.noCluster || s.engine !== undefined);

/**
 * The self-test's engine profile, probed once (the probes run the base busybox image, built first if missing):
 * undefined when the engine does not answer, so that no engine rule applies and the first real step reports it.
 */
export function selftestProfile(engine: Engine, root: string): () => Promise<EngineProfile | undefined> {
  let profile: Promise<EngineProfile | undefined> | undefined;
  return () =>
    (profile ??= ensureImages(engine, root, ['base/busybox'])
      .then(() => probedProfile(engine, `ws-selftest${process.pid}`, tmpdir()))
      .catch(() => undefined));
}
