// The course at a glance, for `list` and the TUI's lesson list: each lesson, its exercises' statuses from the
// progress record, and why a lesson cannot run on this machine.
import { findExercise, type Course } from '../lessons/course.js';
import type { ExerciseStatus, Progress } from '../progress/store.js';
import { unavailableLessons } from '../sandbox/engine/availability.js';

export interface ExerciseOverview {
  readonly id: string;
  readonly title: string;
  readonly status: ExerciseStatus;
}

export interface LessonOverview {
  readonly id: string;
  readonly title: string;
  readonly needs: readonly string[];
  /** Why this machine cannot run the lesson (no cluster, an engine without swarm mode...). */
  readonly unavailable?: string;
  readonly exercises: readonly ExerciseOverview[];
}

/** Without a progress record (no workspace yet) every exercise is todo. */
export function exerciseOverview(course: Course, ids: readonly string[], progress?: Progress): ExerciseOverview[] {
  return ids.map((id) => ({
    id,
    title: findExercise(course, id).meta.title,
    status: progress?.exercises[id]?.status ?? 'todo',
  }));
}

/**
 * Every lesson with its exercises. With `availability` (the default) the engine and kubectl are asked which
 * lessons this machine can run, which takes a while; without it the overview comes at once.
 */
export async function courseOverview(
  course: Course,
  progress: Progress | undefined | Promise<Progress | undefined>,
  { availability = true }: { availability?: boolean } = {},
): Promise<LessonOverview[]> {
  const [record, unavailable] = await Promise.all([
    progress,
    availability ? unavailableLessons(course.lessons) : new Map(),
  ]);
  return course.lessons.map((lesson) => ({
    id: lesson.id,
    title: lesson.title,
    needs: lesson.needs,
    ...(unavailable.has(lesson.id) ? { unavailable: unavailable.get(lesson.id)!.reason } : {}),
    exercises: exerciseOverview(course, lesson.exercises, record),
  }));
}
