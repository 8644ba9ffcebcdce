// Where n, p and back lead. The course reads as one path: each lesson's steps, then its exercises,
// then the next lesson; so n at the end of a lesson carries on instead of stopping.
import type { LessonView, Location } from './model.js';

type Place = Exclude<Location, { screen: 'lessons' }>;

/** Every lesson step and exercise, in course order. A lesson without steps still gets one stop. */
export function coursePath(lessons: readonly LessonView[]): readonly Place[] {
  return lessons.flatMap((lesson): Place[] => [
    ...Array.from({ length: Math.max(1, lesson.steps.length) }, (_, step): Place => ({
      screen: 'lesson',
      lessonId: lesson.id,
      step,
    })),
    ...lesson.exercises.map((e): Place => ({ screen: 'exercise', exerciseId: e.id })),
  ]);
}

function samePlace(a: Place, b: Place): boolean {
  if (a.screen === 'lesson' && b.screen === 'lesson') return a.lessonId === b.lessonId && a.step === b.step;
  if (a.screen === 'exercise' && b.screen === 'exercise') return a.exerciseId === b.exerciseId;
  return false;
}

/** The place `delta` stops away along the course, or undefined at either end (or from the list). */
export function stepAlong(lessons: readonly LessonView[], from: Location, delta: 1 | -1): Location | undefined {
  if (from.screen === 'lessons') return undefined;
  const path = coursePath(lessons);
  const here = path.findIndex((place) => samePlace(place, from));
  if (here < 0) return undefined;
  return path[here + delta];
}

export function lessonOfExercise(lessons: readonly LessonView[], exerciseId: string): LessonView | undefined {
  return lessons.find((l) => l.exercises.some((e) => e.id === exerciseId));
}

/** One level up: exercise → its lesson's last step (where n came from), lesson → the list. */
export function parentOf(lessons: readonly LessonView[], from: Location, lessonIdHint?: string): Location {
  if (from.screen !== 'exercise') return { screen: 'lessons' };
  const lesson = lessonOfExercise(lessons, from.exerciseId) ?? lessons.find((l) => l.id === lessonIdHint);
  if (!lesson) return { screen: 'lessons' };
  return { screen: 'lesson', lessonId: lesson.id, step: Math.max(0, lesson.steps.length - 1) };
}

/** A stable key for effects that must run once per location. */
export function locationKey(location: Location): string {
  switch (location.screen) {
    case 'lessons':
      return 'lessons';
    case 'lesson':
      return `lesson:${location.lessonId}:${location.step}`;
    case 'exercise':
      return `exercise:${location.exerciseId}`;
  }
}
