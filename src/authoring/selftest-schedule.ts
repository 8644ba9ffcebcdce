// The self-test in parallel: exercises whose declared resources do not overlap run at the same time, each
// under its own label, so one exercise's clean-up never removes another's throw-away containers.
import { availableParallelism } from 'node:os';
import type { Course, Exercise } from '../lessons/course.js';
import type { Engine } from '../sandbox/engine/connection.js';
import { danglingImages, removeNewDangling } from '../sandbox/cleanup.js';
import { attemptsOf, selftest, type AttemptReport, type SelftestReport } from './selftest.js';

/**
 * What an exercise holds while its self-test runs. Declared names, host ports, and whole-engine things: the
 * swarm, and the services a lesson needs (registry, aws, kubernetes), which exercises share and reconfigure.
 */
export function claims(exercise: Exercise, course: Pick<Course, 'lessons'>): Set<string> {
  const r = exercise.meta.resources as Record<string, unknown>;
  const keys = new Set<string>();
  for (const [kind, names] of Object.entries(r))
    if (Array.isArray(names)) for (const n of names) keys.add(`${kind}:${n}`);
  if (r.swarm === true) keys.add('engine:swarm');
  for (const port of exercise.meta.ports ?? []) keys.add(`port:${port}`);
  const lesson = course.lessons.find((l) => l.id === exercise.meta.lesson);
  for (const need of lesson?.needs ?? []) if (need !== 'docker') keys.add(`engine:${need}`);
  if ((exercise.meta.resources.repositories ?? []).length > 0) keys.add('engine:registry');
  return keys;
}

export const overlaps = (a: Set<string>, b: Set<string>) => [...a].some((k) => b.has(k));

/**
 * The order in which exercises start: the longest chain first. Exercises that share an engine-wide claim (the
 * registry, the swarm) run one after another however many jobs there are, so the longest such chain is the least
 * the whole run can take; started first, it runs beside everything else instead of after it. An exercise weighs
 * the attempts of every exercise it shares an engine-wide claim with, itself included; equal weights keep the
 * course order.
 */
export function startOrder(course: Pick<Course, 'lessons'>, exercises: readonly Exercise[]): Exercise[] {
  const attempts = (e: Exercise) => 2 + e.wrong.length; // starter, solution, wrong attempts
  const engineWide = new Map(exercises.map((e) => [e, [...claims(e, course)].filter((k) => k.startsWith('engine:'))]));
  const weight = new Map(
    exercises.map((e) => {
      const mine = engineWide.get(e)!;
      const chain = mine.length ? exercises.filter((o) => engineWide.get(o)!.some((k) => mine.includes(k))) : [e];
      return [e, chain.reduce((n, o) => n + attempts(o), 0)];
    }),
  );
  return [...exercises].sort((a, b) => weight.get(b)! - weight.get(a)!);
}

export interface ScheduleEvents {
  onStart?(exercise: Exercise): void;
  onAttempt?(report: AttemptReport): void;
  onFinish?(exercise: Exercise, report: SelftestReport): void;
}

export const defaultJobs = (env = process.env) =>
  Math.max(1, Number(env.CONTAINERLINGS_SELFTEST_JOBS) || Math.min(2, availableParallelism()));

/** Runs the self-test of every exercise with up to `jobs` at once, never two whose claims overlap. */
export async function selftestInParallel(
  engine: Engine,
  course: Pick<Course, 'lessons'>,
  exercises: readonly Exercise[],
  jobs: number,
  events: ScheduleEvents = {},
  signal?: AbortSignal,
): Promise<SelftestReport> {
  const waiting = startOrder(course, exercises);
  // The build stages the attempts leave are removed once, at the end, when no build of ours is still running.
  const stagesBefore = await danglingImages(engine);
  const began = Date.now();
  const running = new Map<Exercise, Set<string>>();
  const reports: SelftestReport[] = [];
  let lane = 0;
  let wake: () => void = () => {};
  const failures: unknown[] = [];
  const pick = () => {
    const held = [...running.values()];
    const i = waiting.findIndex((e) => !held.some((h) => overlaps(claims(e, course), h)));
    return i < 0 ? undefined : waiting.splice(i, 1)[0];
  };
  const runOne = async (exercise: Exercise) => {
    running.set(exercise, claims(exercise, course));
    events.onStart?.(exercise);
    try {
      const report = await selftest(
        engine,
        [exercise],
        events.onAttempt,
        signal,
        `ws-selftest${process.pid}j${lane++}`,
        { keepStages: true },
      );
      reports.push(report);
      events.onFinish?.(exercise, report);
    } catch (e) {
      failures.push(e);
    } finally {
      running.delete(exercise);
      wake();
    }
  };
  const started: Promise<void>[] = [];
  while ((waiting.length || running.size) && failures.length === 0) {
    const next = running.size < jobs ? pick() : undefined;
    if (next) {
      started.push(runOne(next));
      continue;
    }
    await new Promise<void>((resolve) => (wake = resolve));
  }
  await Promise.all(started);
  await removeNewDangling(engine, stagesBefore, began);
  if (failures.length) throw failures[0];
  const leftovers = { containers: 0, images: 0, networks: 0, volumes: 0 };
  for (const r of reports)
    for (const k of Object.keys(leftovers) as (keyof typeof leftovers)[]) leftovers[k] += r.leftovers[k];
  // Attempts in course order, whatever order they finished in.
  const order = (a: AttemptReport) => exercises.findIndex((e) => e.id === a.exercise);
  const attempts = reports.flatMap((r) => r.attempts).sort((a, b) => order(a) - order(b));
  return { ok: reports.every((r) => r.ok) && reports.length === exercises.length, attempts, leftovers };
}

export const attemptCount = (exercises: readonly Exercise[]) => exercises.reduce((n, e) => n + attemptsOf(e).length, 0);
