// The progress file in a workspace: validated on read, written atomically (temp file, fsync, rename).
import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, readlink, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UserError } from '../errors.js';
import { withProgressLock } from './lock.js';
import { makeDirs } from '../make-dirs.js';

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
  /** The diagnosis whose own hint was last shown, so `hint` gives it once per diagnosis, then the usual hints. */
  diagnosisHintShown?: string;
}

/** A check's verdict as progress.json keeps it (the shape of a CheckResult; progress sits below the checks). */
export interface StoredVerdict {
  readonly outcome: 'pass' | 'fail' | 'error';
  readonly message: string;
  readonly tryNext?: string;
  readonly evidence: Readonly<Record<string, string | number | boolean>>;
  readonly diagnosis?: string;
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
  if (typeof p.exercises !== 'object' || p.exercises === null || Array.isArray(p.exercises)) return false;
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
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw progressFileError(e, path, 'read');
    const target = await readlink(path).catch(() => undefined);
    throw new UserError(
      target === undefined
        ? `${workspace} is not a containerlings workspace (no ${path}).`
        : `The progress file ${path} is a link to ${target}, which does not exist.`,
      target === undefined
        ? 'Create one with `containerlings init <dir>`.'
        : 'Restore what it links to, or remove the link and run `containerlings init` again (your exercise files are kept).',
      'workspace',
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UserError(
      `The progress file ${path} is not valid JSON.`,
      'Restore it from a backup, or move it away and run `containerlings init` again (your exercise files are kept).',
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
      'Restore it from a backup, or move it away and run `containerlings init` again (your exercise files are kept).',
      'workspace',
    );
  }
  return parsed.data;
}

/**
 * Why a progress file could not be read or saved, for the learner: what happened and what to do. Errors that are not
 * about the file (our own bugs) come back unchanged.
 */
export function progressFileError(e: unknown, path: string, doing: 'read' | 'save'): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const again = 'then run `containerlings init` again (your exercise files are kept)';
  switch (code) {
    case 'EISDIR':
      return new UserError(
        `The progress file ${path} is a folder, not a file.`,
        `Move it away (\`mv ${path} ${path}.bad\`), ${again}.`,
        'workspace',
      );
    case 'ENOTDIR':
      return new UserError(`${dirname(path)} is not a folder.`, `Move it away, ${again}.`, 'workspace');
    case 'ELOOP':
      return new UserError(
        `The progress file ${path} is a link that loops.`,
        `Remove the link, ${again}.`,
        'workspace',
      );
    case 'EACCES':
    case 'EPERM':
      return new UserError(
        `containerlings is not allowed to ${doing} the progress file ${path} (${code}).`,
        `Run containerlings as the user who created the workspace, or make it yours: \`sudo chown -R "$USER" ${dirname(dirname(path))}\`.`,
        'workspace',
      );
    case 'EROFS':
      return new UserError(
        `Could not save progress: ${path} is on a read-only disk.`,
        'Use a workspace on a writable disk: `containerlings init <dir>`.',
        'workspace',
      );
    case 'ENOSPC':
      return new UserError(
        `The disk is full: could not save progress to ${path}. Your previous progress is intact.`,
        'Free some space, then try again.',
        'disk',
      );
    default:
      return e;
  }
}

/** Temp files of writers killed mid-write: `progress.json.<pid>.<hex>.tmp` whose pid is gone, or older than this. */
const TEMP_MAX_AGE_MS = 60_000;
const TEMP_NAME = /^progress\.json\.(\d+)\.[0-9a-f]+\.tmp$/;

/** Removes temp files left by killed writers. Runs under the lock, so no live writer is using one. */
export async function sweepTempFiles(folder: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(folder).catch(() => [])) {
    const pid = TEMP_NAME.exec(name)?.[1];
    if (!pid) continue;
    const path = join(folder, name);
    const old = await stat(path).then(
      (s) => Date.now() - s.mtimeMs > TEMP_MAX_AGE_MS,
      () => false,
    );
    if (!old && alive(Number(pid))) continue;
    await unlink(path).then(
      () => removed.push(name),
      () => undefined,
    );
  }
  return removed;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // someone else's live process
  }
}

/** Writes the whole file to a temp name, flushes it, then renames it over the old one: a kill mid-write loses nothing. */
async function writeAtomically(path: string, progress: Progress, stillHeld: () => void): Promise<void> {
  await sweepTempFiles(dirname(path));
  const temp = `${path}.${process.pid}.${randomBytes(3).toString('hex')}.tmp`;
  try {
    const file = await open(temp, 'w');
    try {
      await file.writeFile(JSON.stringify(progress, null, 2) + '\n');
      await file.sync();
    } finally {
      await file.close();
    }
    stillHeld();
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw progressFileError(e, path, 'save');
  }
}

/** Makes .containerlings/ (the lock lives there), then runs `work` holding the workspace's progress lock. */
async function locked<T>(workspace: string, work: (path: string, stillHeld: () => void) => Promise<T>): Promise<T> {
  const path = progressPath(workspace);
  try {
    await makeDirs(dirname(path));
    return await withProgressLock(path, (stillHeld) => work(path, stillHeld));
  } catch (e) {
    throw progressFileError(e, path, 'save');
  }
}

/** Replaces the whole progress file (a new workspace, or tests); changes go through updateProgress. */
export function writeProgress(workspace: string, progress: Progress): Promise<void> {
  return locked(workspace, (path, stillHeld) => writeAtomically(path, progress, stillHeld));
}

/**
 * Reads, changes and writes the progress in one step, holding the workspace's lock: two commands at once (the TUI
 * and `check --watch`) each see the other's update.
 */
export function updateProgress(workspace: string, change: (p: Progress) => void | Promise<void>): Promise<Progress> {
  return locked(workspace, async (path, stillHeld) => {
    const progress = await readProgress(workspace);
    await change(progress);
    await writeAtomically(path, progress, stillHeld);
    return progress;
  });
}
