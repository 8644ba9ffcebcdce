// A course in the learner's language: each lesson, task, title and hint that has a translation, English for the rest;
// and how much of the course a language covers (`containerlings list`).
import { ENGLISH } from '../i18n/lang.js';
import type { Course, Exercise } from './model.js';
import type { Lesson } from './lesson-file.js';

function localLesson(lesson: Lesson, lang: string): Lesson {
  const t = lesson.translations?.[lang];
  if (!t) return lesson;
  return {
    ...lesson,
    title: t.title ?? lesson.title,
    summary: t.summary ?? lesson.summary,
    objectives: t.objectives ?? lesson.objectives,
    steps: t.steps,
  };
}

function localExercise(exercise: Exercise, lang: string): Exercise {
  const t = exercise.meta.translations[lang];
  const readme = exercise.readmeLangs?.includes(lang)
    ? exercise.readme.replace(/README\.md$/, `README.${lang}.md`)
    : exercise.readme;
  if (!t) return { ...exercise, readme };
  const diagnoses = Object.fromEntries(
    Object.entries(exercise.meta.diagnoses).map(([id, d]) => [id, { hint: t.diagnoses?.[id]?.hint ?? d.hint }]),
  );
  const meta = { ...exercise.meta, title: t.title ?? exercise.meta.title, hints: t.hints ?? exercise.meta.hints };
  return { ...exercise, readme, meta: { ...meta, diagnoses } };
}

/** The course with the words of `lang` wherever it has them; English is the fallback, and the course itself. */
export function localize(course: Course, lang: string): Course {
  if (lang === ENGLISH) return course;
  return {
    ...course,
    lang,
    lessons: course.lessons.map((l) => localLesson(l, lang)),
    exercises: course.exercises.map((e) => localExercise(e, lang)),
  };
}

export interface Share {
  readonly translated: number;
  readonly total: number;
}

/** How much of the course exists in `lang`: lessons, exercise READMEs (tasks), and hints (counted one by one). */
export interface Coverage {
  readonly lang: string;
  readonly lessons: Share;
  readonly readmes: Share;
  readonly hints: Share;
}

export function coverage(course: Course, lang: string): Coverage {
  const count = <T>(items: readonly T[], weight: (item: T) => number, done: (item: T) => number): Share => ({
    translated: items.reduce((n, i) => n + done(i), 0),
    total: items.reduce((n, i) => n + weight(i), 0),
  });
  const english = lang === ENGLISH;
  return {
    lang,
    lessons: count(
      course.lessons,
      () => 1,
      (l) => (english || l.translations?.[lang] ? 1 : 0),
    ),
    readmes: count(
      course.exercises,
      () => 1,
      (e) => (english || e.readmeLangs?.includes(lang) ? 1 : 0),
    ),
    hints: count(
      course.exercises,
      (e) => e.meta.hints.length,
      (e) => (english ? e.meta.hints.length : (e.meta.translations[lang]?.hints?.length ?? 0)),
    ),
  };
}
