// `dev check`: the course's content checked without an engine, every problem at once (file:line: field: message),
// for an author's CI. The loader's own problems first, then what only an author needs told: a missing manifest,
// files the loader never reads, resource names, ports off loopback, a check's imports, dead links, overlays.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { UserError } from '../errors.js';
import { readCourse } from '../lessons/course-loader.js';
import { README_TRANSLATION } from '../lessons/exercise-folder.js';
import { LESSON_TRANSLATION } from '../lessons/lesson-file.js';
import { FORMAT_VERSION, MANIFEST, readManifestHead } from '../lessons/manifest.js';
import type { ContentProblem } from '../lessons/validate.js';
import { entries, filesUnder, type Folder, folderOnly, isDir, lineOf } from './course-folders.js';
import { checkFileProblems, overlayProblems, resourceProblems } from './dev-check-exercise.js';
import { markdownProblems, portProblems, runnableProblems } from './dev-check-texts.js';

export async function devCheck(root: string): Promise<ContentProblem[]> {
  const problems: ContentProblem[] = [...manifestProblems(root)];
  const course = await readCourse(root);
  problems.push(...course.problems);
  const rel = (path: string) => relative(root, path);
  for (const folder of ['lessons', 'exercises'])
    for (const name of entries(join(root, folder)))
      if (!isDir(join(root, folder, name)))
        problems.push({ file: `${folder}/${name}`, message: `is not a folder; ${folder}/ holds one folder per id` });
  for (const lesson of course.lessons) {
    const dir = dirname(lesson.file);
    // A translation (lesson.<lang>.md) may link to files of its own, such as a translated picture.
    const texts = entries(dir).filter((name) => LESSON_TRANSLATION.test(name));
    const linked = new Set(
      [lesson.file, ...texts.map((name) => join(dir, name))].flatMap((file) => [
        ...markdownProblems(root, file, problems),
      ]),
    );
    for (const name of entries(dir))
      if (name !== 'lesson.md' && !LESSON_TRANSLATION.test(name) && !linked.has(join(dir, name)))
        problems.push({
          file: rel(join(dir, name)),
          message: 'unexpected: a lesson folder holds lesson.md (and its translations) and the files it links to',
        });
    problems.push(...runnableProblems(root, lesson.file));
  }
  // An exercise whose metadata the loader refused is still checked file by file, so every problem shows at once.
  const loaded = new Map(course.exercises.map((e) => [e.id, e]));
  for (const id of entries(join(root, 'exercises')).filter((name) => isDir(join(root, 'exercises', name))))
    problems.push(...(await exerciseProblems(root, loaded.get(id) ?? folderOnly(root, id))));
  return problems;
}

function manifestProblems(root: string): ContentProblem[] {
  try {
    const head = readManifestHead(root);
    if (!head.present)
      return [
        {
          file: MANIFEST,
          message:
            `is missing; add one that says \`format_version: ${FORMAT_VERSION}\` ` +
            `(without it the course is read as format ${FORMAT_VERSION})`,
        },
      ];
    if (head.formatVersion !== FORMAT_VERSION)
      return [
        {
          file: MANIFEST,
          line: lineOf(readFileSync(join(root, MANIFEST), 'utf8'), 'format_version'),
          field: 'format_version',
          message: `is ${head.formatVersion}; this containerlings reads course format ${FORMAT_VERSION}`,
        },
      ];
  } catch (e) {
    if (e instanceof UserError) return [{ file: MANIFEST, field: 'format_version', message: e.message }];
    throw e;
  }
  return [];
}

const EXERCISE_FILES = /^(exercise\.yaml|README\.md|check\.ts|setup\.sh)$/;
const EXERCISE_FOLDERS = new Set(['starter', 'solution', 'wrong']);

async function exerciseProblems(root: string, exercise: Folder): Promise<ContentProblem[]> {
  const problems: ContentProblem[] = [];
  const rel = (path: string) => relative(root, path);
  const readmes = [
    exercise.readme,
    ...entries(exercise.dir)
      .filter((name) => README_TRANSLATION.test(name))
      .map((name) => join(exercise.dir, name)),
  ];
  const linked = new Set(readmes.flatMap((file) => [...markdownProblems(root, file, problems)]));
  for (const name of entries(exercise.dir)) {
    const path = join(exercise.dir, name);
    const known = EXERCISE_FILES.test(name) || README_TRANSLATION.test(name);
    const expected = isDir(path) ? EXERCISE_FOLDERS.has(name) : known || linked.has(path);
    if (!expected)
      problems.push({
        file: rel(path) + (isDir(path) ? '/' : ''),
        message:
          'unexpected: the loader never reads it (an exercise holds exercise.yaml, README.md and its translations ' +
          'such as README.de.md, check.ts, setup.sh, ' +
          'starter/, solution/, wrong/); a file for the learner belongs in starter/',
      });
  }
  for (const name of entries(join(exercise.dir, 'wrong')))
    if (!isDir(join(exercise.dir, 'wrong', name)))
      problems.push({
        file: rel(join(exercise.dir, 'wrong', name)),
        message: 'unexpected: wrong/ holds one folder per attempt',
      });
  problems.push(...resourceProblems(root, exercise));
  problems.push(...(await checkFileProblems(root, exercise)));
  for (const dir of [exercise.solution, ...exercise.wrong.map((w) => w.dir)])
    problems.push(...overlayProblems(root, exercise, dir));
  for (const dir of [exercise.starter, exercise.solution])
    for (const file of filesUnder(dir)) problems.push(...portProblems(root, file));
  for (const readme of readmes) problems.push(...portProblems(root, readme));
  return problems;
}
