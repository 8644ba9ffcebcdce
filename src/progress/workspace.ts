// The learner's workspace: one folder per exercise with its starter files, plus .containerlings/ for progress.
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, rename } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Course, Exercise } from '../lessons/course.js';
import { UserError } from '../errors.js';
import { newProgress, progressPath, readProgress, updateProgress, writeProgress, type Progress } from './store.js';

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

/** Copies a folder's files into `to`, leaving out the self-test's commands.sh. */
export async function copyFiles(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  if (!existsSync(from)) return;
  await cp(from, to, {
    recursive: true,
    filter: (src) => !(dirname(src) === from && src.endsWith(`/${ATTEMPT_SCRIPT}`)),
  });
}

/** The image id each of an exercise's declared image names has now (null: none). */
export type ImagesNow = (exercise: Exercise) => Record<string, string | null>;

/**
 * Creates the workspace (or opens it when it exists) and sets up any exercise not set up yet. `imagesNow` is asked
 * once, only when there is an exercise to set up; undefined when the engine does not answer (no baselines then).
 */
export async function initWorkspace(
  dir: string,
  course: Course,
  imagesNow?: () => Promise<ImagesNow | undefined>,
): Promise<{ workspace: Workspace; created: boolean }> {
  const created = !existsSync(progressPath(dir));
  if (created) {
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
  const missing = course.exercises.filter(
    (e) => !progress.exercises[e.id] || !existsSync(exerciseDir(workspace, e.id)),
  );
  const images = missing.length && imagesNow ? await imagesNow() : undefined;
  for (const exercise of missing) await setupExercise(workspace, exercise, progress, images?.(exercise));
  if (missing.length) await writeProgress(dir, progress);
  return { workspace, created };
}

export async function openWorkspace(dir: string): Promise<Workspace> {
  const progress = await readProgress(dir);
  return { dir, id: progress.workspaceId };
}

/** Copies the starter files in and starts the exercise's clock, with the ids its declared image names have now. */
export async function setupExercise(
  ws: Workspace,
  exercise: Exercise,
  progress: Progress,
  images?: Record<string, string | null>,
): Promise<void> {
  await copyFiles(exercise.starter, exerciseDir(ws, exercise.id));
  const previous = progress.exercises[exercise.id];
  progress.exercises[exercise.id] = {
    startedAt: new Date().toISOString(),
    status: 'todo',
    hintsShown: previous?.hintsShown ?? 0,
    gaveUp: previous?.gaveUp ?? false,
    checks: 0,
    ...(images && exercise.meta.resources.images.length ? { images } : {}),
  };
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
    await mkdir(dirname(backup), { recursive: true });
    await rename(dir, backup);
  }
  await updateProgress(ws.dir, (p) => setupExercise(ws, exercise, p, images));
  return backup;
}
