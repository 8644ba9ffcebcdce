// Loads every lesson and exercise from a content folder, validating all of it (yaml + zod) before anything runs.
import { lstat, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { UserError } from '../errors.js';
import type { Course, Exercise } from './model.js';
import { insideCourse, readContentFile } from './content-file.js';
import { parseLessonFile, type Lesson } from './lesson-file.js';
import { MANIFEST } from './manifest.js';
import { CourseManifest, ExerciseMeta } from './schema.js';
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

/** The folders in `path`; a file where a folder belongs is a problem (ENOTDIR), a missing folder is none. */
async function subdirs(path: string, problems?: ContentProblem[], rel = path): Promise<string[]> {
  try {
    const entries = await readdir(path, { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    const why =
      code === 'ENOTDIR' ? 'is a file; expected a folder' : `cannot be read (${code ?? (e as Error).message})`;
    problems?.push({ file: `${rel}/`, message: why });
    return [];
  }
}

/** Links in an exercise's folders (starter, solution, wrong) that lead out of the course, or nowhere. */
async function linksOutside(root: string, dir: string, problems: ContentProblem[], depth = 0): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      const escapes = await insideCourse(root, path).then(
        (inside) => !inside,
        () => true,
      );
      if (escapes)
        problems.push({
          file: relative(root, path),
          message: 'is a link to something outside the course folder (or to nothing); copy the file in instead',
        });
    } else if (entry.isDirectory() && depth < 20) await linksOutside(root, path, problems, depth + 1);
  }
}

const isDir = (p: string) =>
  stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
const isFile = (p: string) =>
  stat(p).then(
    (s) => s.isFile(),
    () => false,
  );

/** README.de.md → de: the languages an exercise's task is written in besides English. */
export const README_TRANSLATION = /^README\.([a-z]{2,3})\.md$/;

async function readmeLangs(dir: string): Promise<{ readmeLangs?: string[] }> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const langs = names.flatMap((n) => README_TRANSLATION.exec(n)?.[1] ?? []).sort();
  return langs.length > 0 ? { readmeLangs: langs } : {};
}

async function loadExercise(root: string, id: string, problems: ContentProblem[]): Promise<Exercise | undefined> {
  const dir = join(root, 'exercises', id);
  const rel = (p: string) => relative(root, p) || '.';
  const metaFile = join(dir, 'exercise.yaml');
  const read = await readContentFile(root, metaFile);
  if (!read) {
    problems.push({
      file: rel(metaFile),
      message: 'is missing; every exercise needs its metadata (id, title, lesson, hints)',
    });
    return undefined;
  }
  if ('problem' in read) {
    problems.push({ file: rel(metaFile), line: read.line, message: read.problem });
    return undefined;
  }
  const { value: meta, problems: found } = parseYaml(ExerciseMeta, read.text, rel(metaFile));
  problems.push(...found);
  if (!meta) return undefined;
  if (meta.id !== id)
    problems.push({ file: rel(metaFile), line: 1, field: 'id', message: `expected "${id}", the folder's name` });
  const exercise: Exercise = {
    id,
    meta,
    dir,
    readme: join(dir, 'README.md'),
    check: join(dir, 'check.ts'),
    starter: join(dir, 'starter'),
    solution: join(dir, 'solution'),
    wrong: (await subdirs(join(dir, 'wrong'), problems, rel(join(dir, 'wrong')))).map((name) => ({
      name,
      dir: join(dir, 'wrong', name),
    })),
    ...((await isFile(join(dir, 'setup.sh'))) ? { setup: join(dir, 'setup.sh') } : {}),
    ...(await readmeLangs(dir)),
  };
  for (const [path, what] of [
    [exercise.readme, 'the task'],
    [exercise.check, 'the check'],
  ] as const) {
    if (!(await isFile(path))) problems.push({ file: rel(path), message: `is missing; it holds ${what}` });
    else if ((await lstat(path)).isSymbolicLink() && !(await insideCourse(root, path)))
      problems.push({ file: rel(path), message: 'is a link to a file outside the course folder; copy it in instead' });
  }
  await linksOutside(root, dir, problems);
  for (const [path, what] of [
    [exercise.starter, 'the starter files'],
    [exercise.solution, 'the reference solution'],
  ] as const) {
    if (!(await isDir(path))) problems.push({ file: rel(path) + '/', message: `is missing; it holds ${what}` });
  }
  problems.push(...diagnosisProblems(exercise, rel(metaFile)));
  problems.push(...(await equivalentMutantProblems(exercise, rel(metaFile))));
  if (exercise.wrong.length < 2) {
    problems.push({
      file: rel(join(dir, 'wrong')) + '/',
      message: `has ${exercise.wrong.length} attempt(s); expected at least two known-wrong attempts`,
    });
  }
  return exercise;
}

/**
 * Diagnoses and the wrong attempts that prove them: each attempt named in wrongAttempts is a folder under wrong/,
 * each diagnosis it names is declared, and every wrong attempt names one.
 */
function diagnosisProblems(exercise: Exercise, file: string): ContentProblem[] {
  const { diagnoses, wrongAttempts } = exercise.meta;
  const folders = new Set(exercise.wrong.map((w) => w.name));
  const problems: ContentProblem[] = [];
  for (const [attempt, diagnosis] of Object.entries(wrongAttempts)) {
    if (!folders.has(attempt))
      problems.push({ file, field: `wrongAttempts.${attempt}`, message: `there is no folder wrong/${attempt}` });
    if (!Object.hasOwn(diagnoses, diagnosis))
      problems.push({
        file,
        field: `wrongAttempts.${attempt}`,
        message: `names the diagnosis "${diagnosis}", which is not declared under diagnoses`,
      });
  }
  // Every wrong attempt names the mistake it must be diagnosed as: one that fails for another reason proves nothing.
  for (const name of folders)
    if (!Object.hasOwn(wrongAttempts, name))
      problems.push({
        file,
        field: 'wrongAttempts',
        message: `wrong/${name} names no diagnosis: say which mistake it must be diagnosed as`,
      });
  return problems;
}

/** Declared equivalent mutants must be ones the generators make of this solution, so a declaration cannot rot. */
async function equivalentMutantProblems(exercise: Exercise, file: string): Promise<ContentProblem[]> {
  const declared = Object.keys(exercise.meta.equivalentMutants);
  if (declared.length === 0) return [];
  const { mutantsOf, solutionFiles } = await import('./mutants.js');
  const made = new Set(mutantsOf(await solutionFiles(exercise.solution)).map((m) => m.id));
  return declared
    .filter((id) => !made.has(id))
    .map((id) => ({
      file,
      field: `equivalentMutants.${id}`,
      message:
        'no mutant of solution/ has this id (did the solution change?); ' +
        '`containerlings selftest --mutants --mutants-max 999` lists the ids',
    }));
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
