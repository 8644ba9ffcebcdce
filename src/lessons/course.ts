// The course: lessons and exercises. Loading validates everything, unless an up-to-date snapshot made at
// build time (dist/course.json) says it was validated already: that keeps yaml and zod off the TUI's start.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';
import { chosenLanguage } from '../i18n/lang.js';
import { localize } from './localize.js';
import { checkCourseFormat } from './manifest.js';
import { readSnapshot } from './snapshot.js';

export type { Lesson } from './lesson-file.js';
export type { Course, Exercise } from './model.js';
import type { Course, Exercise } from './model.js';

/** The folder holding lessons/ and exercises/: $CONTAINERLINGS_CONTENT, else the package this code ships in. */
export function contentRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.CONTAINERLINGS_CONTENT ? resolve(env.CONTAINERLINGS_CONTENT) : packageRoot();
}

/** The installed package (or checkout) this code runs from: the shipped course, and dist/ with what the build made. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'lessons')) || !existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir)
      throw new UserError(
        'Cannot find the lessons folder next to containerlings.',
        'Set CONTAINERLINGS_CONTENT to a folder with lessons/ and exercises/.',
        'content',
      );
    dir = up;
  }
  return dir;
}

/** The course, in the learner's language (--lang, CONTAINERLINGS_LANG, the locale) wherever it is translated. */
export async function loadCourse(root = contentRoot(), lang = chosenLanguage()): Promise<Course> {
  // A course for another format is refused before its files are read (a missing folder is the loader's to report).
  if (existsSync(root)) checkCourseFormat(root);
  const snapshot = readSnapshot(root);
  if (snapshot) return localize(snapshot, lang);
  const { loadCourseFromFiles } = await import('./course-loader.js');
  return localize(await loadCourseFromFiles(root), lang);
}

export function findExercise(course: Course, id: string): Exercise {
  const exercise = course.exercises.find((e) => e.id === id);
  if (!exercise)
    throw new UserError(`There is no exercise "${id}".`, 'Run `containerlings list` to see the exercises.', 'usage');
  return exercise;
}
