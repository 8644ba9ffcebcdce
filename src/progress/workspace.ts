// The learner's workspace: one folder per exercise with its starter files, plus .containerlings/ for progress.
import { existsSync, statSync } from 'node:fs';
import { cp, readdir, rename } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Course, Exercise } from '../lessons/course.js';
import { UserError } from '../errors.js';
import { newProgress, progressPath, readProgress, updateProgress, writeProgress, type Progress } from './store.js';
import { makeDirs } from '../make-dirs.js';

export interface Workspace {
  readonly dir: string;
  readonly id: string;
}

/** Files in an attempt folder that are instructions to the self-test, not files for the learner. */
export const ATTEMPT_SCRIPT = 'commands.sh';

export const DEFAULT_WORKSPACE = 'containerlings-workspace';

/** --workspace, else $CONTAINERLINGS_WORKSPACE, else the nearest folder above cwd with progress, else ./containerlings-workspace. */
export function locateWorkspace(flag?: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  if (flag) return resolve(cwd, flag);
  if (env.CONTAINERLINGS_WORKSPACE) return resolve(cwd, env.CONTAINERLINGS_WORKSPACE);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(progressPath(dir))) return dir;
    if (dirname(dir) === dir) break;
  }
  return resolve(cwd, DEFAULT_WORKSPACE);
}

export const exerciseDir = (ws: Workspace, exerciseId: string) => join(ws.dir, exerciseId);

/** Copies a folder's files into `to`, leaving out the self-test's commands.sh; with `keepExisting`, replaces none. */
export async function copyFiles(from: string, to: string, keepExisting = false): Promise<void> {
  await makeDirs(to);
  if (!existsSync(from)) return;
  await cp(from, to, {
    recursive: true,
    force: !keepExisting,
    errorOnExist: false,
    filter: (src) => !(dirname(src) === from && src.endsWith(`/${ATTEMPT_SCRIPT}`)),
  });
}

/** The image id each of an exercise's declared image names has now (null: none). */
export type ImagesNow = (exercise: Exercise) => Record<string, string | null>;

/**
 * Creates the workspace (or opens it when it exists) and sets up any exercise not set up yet. `imagesNow` is asked
 * once, only when there is an exercise to set up; undefined when the engine does not answer (no baselines then).
 * An exercise folder that already exists (its record was lost: a damaged or moved progress file) is kept as it is:
 * init only adds starter files that are missing, and returns the exercise in `kept`.
 */
export async function initWorkspace(
  dir: string,
  course: Course,
  imagesNow?: () => Promise<ImagesNow | undefined>,
): Promise<{ workspace: Workspace; created: boolean; kept: string[] }> {
  const created = !existsSync(progressPath(dir));
  if (created) {
    if (existsSync(dir) && !statSync(dir).isDirectory())
      throw new UserError(
        `${dir} is not a folder.`,
        'Pick a new folder: `containerlings init <new-dir>`.',
        'workspace',
      );
    if (existsSync(dir) && (await readdir(dir)).length > 0 && !existsSync(join(dir, '.containerlings'))) {
      throw new UserError(
        `${dir} exists and is not empty.`,
        'Pick a new folder: `containerlings init <new-dir>`.',
        'workspace',
      );
    }
    await writeProgress(dir, newProgress());
  }
  const progress = await readProgress(dir);
  const workspace = { dir, id: progress.workspaceId };
  const notSetUp = (p: Progress) =>
    course.exercises.filter((e) => !p.exercises[e.id] || !existsSync(exerciseDir(workspace, e.id)));
  const kept: string[] = [];
  if (notSetUp(progress).length === 0) return { workspace, created, kept };
  // Asked before the lock is taken: the engine may take seconds to answer.
  const images = imagesNow ? await imagesNow() : undefined;
  await updateProgress(dir, async (p) => {
    for (const exercise of notSetUp(p))
      if (await setupExercise(workspace, exercise, p, images?.(exercise))) kept.push(exercise.id);
  });
  return { workspace, created, kept };
}

export async function openWorkspace(dir: string): Promise<Workspace> {
  const progress = await readProgress(dir);
  return { dir, id: progress.workspaceId };
}

/**
 * Copies the starter files in and starts the exercise's clock, with the ids its declared image names have now. Never
 * replaces a file already there (the learner's work); returns true when the folder had files of the learner's.
 */
export async function setupExercise(
  ws: Workspace,
  exercise: Exercise,
  progress: Progress,
  images?: Record<string, string | null>,
): Promise<boolean> {
  const dir = exerciseDir(ws, exercise.id);
  const learnerFiles = existsSync(dir) && (await readdir(dir)).length > 0;
  await copyFiles(exercise.starter, dir, true);
  const previous = progress.exercises[exercise.id];
  progress.exercises[exercise.id] = {
    startedAt: new Date().toISOString(),
    status: 'todo',
    hintsShown: previous?.hintsShown ?? 0,
    gaveUp: previous?.gaveUp ?? false,
    checks: 0,
    ...(images && exercise.meta.resources.images.length ? { images } : {}),
  };
  return learnerFiles;
}

/** Moves the learner's current files to .containerlings/backups/ (nothing is lost), then sets the exercise up again. */
export async function restoreStarter(
  ws: Workspace,
  exercise: Exercise,
  images?: Record<string, string | null>,
): Promise<string | undefined> {
  const dir = exerciseDir(ws, exercise.id);
  let backup: string | undefined;
  if (existsSync(dir)) {
    backup = join(
      ws.dir,
      '.containerlings',
      'backups',
      `${exercise.id}-${new Date().toISOString().replace(/[:.]/g, '-')}`,
    );
    await makeDirs(dirname(backup));
    await rename(dir, backup);
  }
  await updateProgress(ws.dir, async (p) => {
    await setupExercise(ws, exercise, p, images);
  });
  return backup;
}
