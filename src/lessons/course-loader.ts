// Loads every lesson and exercise from a content folder, validating all of it (yaml + zod) before anything runs.
import { join, relative } from 'node:path';
import { UserError } from '../errors.js';
import type { Course, Exercise } from './model.js';
import { isDir, readContentFile, subdirs } from './content-file.js';
import { loadExercise } from './exercise-folder.js';
import { parseLessonFile, type Lesson } from './lesson-file.js';
import { MANIFEST } from './manifest.js';
import { CourseManifest } from './schema.js';
import { formatProblem, parseYaml, type ContentProblem } from './validate.js';

/** Raised with every problem found, so an author fixes them in one pass. */
export class ContentError extends UserError {
  constructor(readonly problems: readonly ContentProblem[]) {
    super(
      `The course content has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  ${formatProblem(p)}`).join('\n'),
      'Fix the files named above, then run the command again.',
      'content',
    );
  }
}

/** course.yaml, when there is one, in full (the format version was checked already, by course.ts). */
async function manifestProblems(root: string, problems: ContentProblem[]): Promise<void> {
  const read = await readContentFile(root, join(root, MANIFEST));
  if (!read) return;
  if ('problem' in read) return void problems.push({ file: MANIFEST, line: read.line, message: read.problem });
  problems.push(...parseYaml(CourseManifest, read.text, MANIFEST).problems);
}

/** Reads and validates every lesson and exercise; throws a ContentError listing every problem. */
export async function loadCourseFromFiles(root: string): Promise<Course> {
  const { lessons, exercises, problems } = await readCourse(root);
  if (problems.length > 0) throw new ContentError(problems);
  return sortedCourse(root, lessons, exercises);
}

/** What `dev check` builds on: the lessons and exercises that could be read, and every problem found on the way. */
export async function readCourse(
  root: string,
): Promise<{ lessons: Lesson[]; exercises: Exercise[]; problems: ContentProblem[] }> {
  const problems: ContentProblem[] = [];
  const lessons: Lesson[] = [];
  if (!(await isDir(root)))
    throw new UserError(
      `The course folder ${root} is not a folder.`,
      'Point --content (or CONTAINERLINGS_CONTENT) at a folder that holds lessons/ and exercises/, or unset it.',
      'content',
    );
  await manifestProblems(root, problems);
  for (const id of await subdirs(join(root, 'lessons'), problems, 'lessons')) {
    const lesson = await parseLessonFile(root, id, problems);
    if (lesson) lessons.push(lesson);
  }
  const exercises: Exercise[] = [];
  for (const id of await subdirs(join(root, 'exercises'), problems, 'exercises')) {
    const exercise = await loadExercise(root, id, problems);
    if (exercise) exercises.push(exercise);
  }
  // Exercises whose folder exists but whose metadata is invalid were reported already; don't report them as missing.
  const present = new Set(await subdirs(join(root, 'exercises')));
  crossCheck(root, lessons, exercises, problems, present);
  return { lessons, exercises, problems };
}

function sortedCourse(root: string, lessons: Lesson[], exercises: Exercise[]): Course {
  if (lessons.length === 0)
    throw new UserError(
      `No lessons found in ${join(root, 'lessons')}.`,
      'Add a lesson folder with a lesson.md (containerlings dev new lesson <id>), or point --content at a course.',
      'content',
    );
  lessons.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  // Course order: lesson by lesson, in the order each lesson lists its exercises.
  const order = lessons.flatMap((l) => l.exercises);
  exercises.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  return { root, lessons, exercises };
}

function crossCheck(
  root: string,
  lessons: Lesson[],
  exercises: Exercise[],
  problems: ContentProblem[],
  present: Set<string>,
) {
  const byId = new Map(exercises.map((e) => [e.id, e]));
  const listedBy = new Map<string, string>();
  for (const lesson of lessons) {
    for (const id of lesson.exercises) {
      const first = listedBy.get(id);
      if (first !== undefined)
        problems.push({
          file: relative(root, lesson.file),
          field: 'exercises',
          message:
            first === lesson.id
              ? `lists "${id}" twice; list each exercise once`
              : `lists "${id}", which lesson "${first}" lists already; an exercise belongs to one lesson`,
        });
      listedBy.set(id, lesson.id);
      const exercise = byId.get(id);
      if (!exercise && !present.has(id))
        problems.push({
          file: relative(root, lesson.file),
          field: 'exercises',
          message: `names "${id}", but exercises/${id}/ does not exist`,
        });
      else if (exercise && exercise.meta.lesson !== lesson.id)
        problems.push({
          file: relative(root, join(exercise.dir, 'exercise.yaml')),
          field: 'lesson',
          message: `expected "${lesson.id}", the lesson that lists it`,
        });
    }
  }
  const listed = new Set(lessons.flatMap((l) => l.exercises));
  for (const exercise of exercises) {
    if (!listed.has(exercise.id))
      problems.push({
        file: relative(root, join(exercise.dir, 'exercise.yaml')),
        field: 'lesson',
        message: `no lesson lists this exercise; add "${exercise.id}" to the exercises of lesson "${exercise.meta.lesson}"`,
      });
  }
}
