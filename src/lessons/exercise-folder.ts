// Loads one exercise from its folder: exercise.yaml validated, the files it must hold, links that leave the course,
// and the wrong attempts and mutants its metadata declares.
import { lstat, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { insideCourse, isDir, isFile, readContentFile, subdirs } from './content-file.js';
import type { Exercise } from './model.js';
import { ExerciseMeta } from './schema.js';
import { parseYaml, type ContentProblem } from './validate.js';

/** README.de.md → de: the languages an exercise's task is written in besides English. */
export const README_TRANSLATION = /^README\.([a-z]{2,3})\.md$/;

async function readmeLangs(dir: string): Promise<{ readmeLangs?: string[] }> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const langs = names.flatMap((n) => README_TRANSLATION.exec(n)?.[1] ?? []).sort();
  return langs.length > 0 ? { readmeLangs: langs } : {};
}

export async function loadExercise(
  root: string,
  id: string,
  problems: ContentProblem[],
): Promise<Exercise | undefined> {
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
