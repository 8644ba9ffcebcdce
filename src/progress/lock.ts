// One writer at a time on a workspace's progress: a lock next to progress.json (proper-lockfile), so two commands
// (the TUI and `check --watch` in another terminal) never lose each other's update. A killed holder's lock goes stale.
import { UserError } from '../errors.js';

type Lockfile = typeof import('proper-lockfile');

/** A holder refreshes the lock every STALE_MS / 2; a lock older than this was left by a killed process. */
export const STALE_MS = 5000;

/** Retry delays sum to about 11 s: longer than STALE_MS, so a waiting command takes over a killed holder's lock. */
const RETRIES = { retries: 50, minTimeout: 20, maxTimeout: 250, factor: 1.5, randomize: true };

export const lockPath = (progressFile: string) => `${progressFile}.lock`;

/**
 * Runs `work` while holding the lock on `progressFile` (which need not exist yet; its folder must). `work` calls
 * `stillHeld` right before it commits. Throws a UserError when another command holds the lock past the bounded wait.
 */
export async function withProgressLock<T>(
  progressFile: string,
  work: (stillHeld: () => void) => Promise<T>,
): Promise<T> {
  // Loaded when a command first saves: it hooks process exit (signal-exit) to remove its locks.
  const module: Lockfile & { default?: Lockfile } = await import('proper-lockfile');
  const { lock } = module.default ?? module; // CommonJS: the bundle sees only a default export
  let compromised: Error | undefined;
  let release: () => Promise<void>;
  try {
    release = await lock(progressFile, {
      lockfilePath: lockPath(progressFile),
      realpath: false,
      stale: STALE_MS,
      retries: RETRIES,
      // The default throws from a timer and kills the process; note it instead and refuse to write below.
      onCompromised: (e) => (compromised = e),
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
    throw new UserError(
      `Another containerlings command is working on this workspace (${lockPath(progressFile)} is held).`,
      'Wait for it to finish (or close it), then try again. A lock left by a killed command expires by itself ' +
        `after ${STALE_MS / 1000} s.`,
      'workspace',
    );
  }
  try {
    return await work(() => {
      if (compromised) lost(compromised);
    });
  } finally {
    await release().catch(() => undefined);
  }
}

function lost(e: Error): never {
  throw new UserError(
    `Lost the lock on the progress file before saving (${e.message}); another command may have changed it.`,
    'Nothing was saved: try again.',
    'workspace',
  );
}
