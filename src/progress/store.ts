// The progress file in a workspace: validated on read, written atomically (temp file, fsync, rename).
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UserError } from '../errors.js';

/** Where the learner is in the TUI, so it reopens there (after a sandbox shell, or next session). */
export type Location =
  | { readonly screen: 'lessons' }
  | { readonly screen: 'lesson'; readonly lessonId: string; readonly step: number }
  | { readonly screen: 'exercise'; readonly exerciseId: string };

/** Where an exercise stands: its latest check's outcome, except that a pass stays a pass. */
export type ExerciseStatus = 'todo' | 'passed' | 'failed' | 'error';

export interface ExerciseProgress {
  startedAt: string;
  status: ExerciseStatus;
  hintsShown: number;
  gaveUp: boolean;
  passedAt?: string;
  checks: number;
  /** True once the exercise's setup.sh (if any) ran for this attempt; reset clears it. */
  setupDone?: boolean;
  /**
   * The image id each declared image name had when this attempt began (null: none), so a check can tell the
   * learner's build from an older image. Missing when the engine was not reachable then, or in older files.
   */
  images?: Record<string, string | null>;
  /** The latest check's verdict in this attempt, as shown to the learner (the TUI reads it from here). */
  lastResult?: StoredVerdict;
}

/** A check's verdict as progress.json keeps it (the shape of a CheckResult; progress sits below the checks). */
export interface StoredVerdict {
  readonly outcome: 'pass' | 'fail' | 'error';
  readonly message: string;
  readonly tryNext?: string;
  readonly evidence: Readonly<Record<string, string | number | boolean>>;
}

export interface Progress {
  version: 1;
  workspaceId: string;
  createdAt: string;
  location: Location;
  exercises: Record<string, ExerciseProgress>;
}

const STATUSES: ReadonlySet<unknown> = new Set(['todo', 'passed', 'failed', 'error']);

/** A parsed file that claims to be T: every field may be missing or of another type. */
type Unchecked<T> = { [K in keyof T]?: T[K] extends object ? Unchecked<T[K]> | null : unknown };

/** A quick structural check (no zod on the way to the TUI's first frame); anything unusual goes to the schema. */
function looksValid(data: unknown): data is Progress {
  const p = data as Unchecked<Progress> | undefined;
  if (p?.version !== 1 || typeof p.workspaceId !== 'string' || !/^ws-[a-z0-9]+$/.test(p.workspaceId)) return false;
  if (typeof p.createdAt !== 'string' || typeof p.location?.screen !== 'string') return false;
  if (typeof p.exercises !== 'object' || p.exercises === null) return false;
  return Object.values(p.exercises).every(
    (e) =>
      typeof e?.startedAt === 'string' &&
      STATUSES.has(e.status) &&
      Number.isInteger(e.hintsShown) &&
      typeof e.gaveUp === 'boolean' &&
      Number.isInteger(e.checks),
  );
}

export const progressPath = (workspace: string) => join(workspace, '.containerlings', 'progress.json');

export function newProgress(): Progress {
  return {
    version: 1,
    workspaceId: `ws-${randomBytes(5).toString('hex')}`,
    createdAt: new Date().toISOString(),
    location: { screen: 'lessons' },
    exercises: {},
  };
}

export async function readProgress(workspace: string): Promise<Progress> {
  const path = progressPath(workspace);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UserError(
        `${workspace} is not a containerlings workspace (no ${path}).`,
        'Create one with `containerlings init <dir>`.',
        'workspace',
      );
    }
    throw e;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UserError(
      `The progress file ${path} is not valid JSON.`,
      'Restore it from a backup, or move it away and run `containerlings init` again.',
      'workspace',
    );
  }
  if (looksValid(data)) return data;
  const { Progress } = await import('./schema.js');
  const parsed = Progress.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(
      `The progress file ${path} is damaged: ${issue.path.join('.') || '(top)'}: ${issue.message}.`,
      'Restore it from a backup, or move it away and run `containerlings init` again.',
      'workspace',
    );
  }
  return parsed.data;
}

/** Writes the whole file to a temp name, flushes it, then renames it over the old one: a kill mid-write loses nothing. */
export async function writeProgress(workspace: string, progress: Progress): Promise<void> {
  const path = progressPath(workspace);
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(3).toString('hex')}.tmp`;
  try {
    const file = await open(temp, 'w');
    try {
      await file.writeFile(JSON.stringify(progress, null, 2) + '\n');
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    if ((e as NodeJS.ErrnoException).code === 'ENOSPC') {
      throw new UserError(
        `The disk is full: could not save progress to ${path}. Your previous progress is intact.`,
        'Free some space, then try again.',
        'disk',
      );
    }
    throw e;
  }
}

/** Reads, changes and writes the progress in one step. */
export async function updateProgress(
  workspace: string,
  change: (p: Progress) => void | Promise<void>,
): Promise<Progress> {
  const progress = await readProgress(workspace);
  await change(progress);
  await writeProgress(workspace, progress);
  return progress;
}
