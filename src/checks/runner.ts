// Runs an exercise's check: compiles check.ts once (cached by content), then runs it with a timeout.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Exercise } from '../lessons/course.js';
import type { Engine } from '../sandbox/engine.js';
import { CancelledError, UserError } from '../errors.js';
import { createKit, errorResult } from './kit.js';
import type { ImageBaseline } from './image-baseline.js';
import type { Check, CheckResult } from './types.js';

export interface CheckRun {
  readonly engine: Engine;
  readonly workspaceId: string;
  readonly dir: string;
  readonly startedAt: Date;
  /** Which image each declared image name had at the start (see image-baseline.ts); undefined: times only. */
  readonly baseline?: ImageBaseline;
  readonly signal?: AbortSignal;
}

function cacheDir(env = process.env): string {
  const base = env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  return join(base, 'containerlings', 'checks');
}

/** Compiles check.ts to an ES module in the cache and imports it. Checks may import types only. */
export async function loadCheck(exercise: Exercise): Promise<Check> {
  const source = await readFile(exercise.check, 'utf8');
  const digest = createHash('sha256').update(source).digest('hex').slice(0, 16);
  let file = '';
  for (const dir of [cacheDir(), join(tmpdir(), 'containerlings-checks')]) {
    file = join(dir, `${exercise.id}-${digest}.mjs`);
    if (existsSync(file)) break;
    try {
      const { transform } = await import('esbuild');
      const { code } = await transform(source, { loader: 'ts', format: 'esm', target: 'node20', sourcefile: exercise.check });
      if (/^\s*import\s+(?!type\b)[^;]*from\s+['"](?!node:)/m.test(code)) {
        throw new UserError(`${exercise.check} imports a module at run time.`, 'A check may import types only (`import type ...`); everything else comes from the kit.', 'content');
      }
      await mkdir(dir, { recursive: true });
      await writeFile(`${file}.tmp`, code);
      await rename(`${file}.tmp`, file);
      break;
    } catch (e) {
      if (e instanceof UserError || (e as { errors?: unknown }).errors) throw compileError(exercise, e);
      // The cache folder is not writable: try the next one.
    }
  }
  const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  if (typeof mod.default !== 'function') {
    throw new UserError(`${exercise.check} has no default export.`, 'End it with `export default check;` where check is an async function of the kit.', 'content');
  }
  return mod.default as Check;
}

function compileError(exercise: Exercise, e: unknown): unknown {
  if (e instanceof UserError) return e;
  const first = (e as { errors: { text: string; location?: { line: number } }[] }).errors[0];
  return new UserError(`${exercise.check}:${first?.location?.line ?? '?'}: ${first?.text ?? 'does not compile'}`, 'Fix the check, then run it again.', 'content');
}

export async function runCheck(exercise: Exercise, run: CheckRun): Promise<CheckResult> {
  const controller = new AbortController();
  let rejectCancelled: (e: Error) => void = () => {};
  const onAbort = () => {
    controller.abort();
    rejectCancelled(new CancelledError());
  };
  run.signal?.addEventListener('abort', onAbort, { once: true });
  const seconds = exercise.meta.timeouts.check;
  let timer: NodeJS.Timeout | undefined;
  try {
    const check = await loadCheck(exercise);
    const kit = createKit({ engine: run.engine, workspaceId: run.workspaceId, dir: run.dir, startedAt: run.startedAt, baseline: run.baseline, signal: controller.signal });
    const timeout = new Promise<CheckResult>((resolve) => {
      timer = setTimeout(() => {
        controller.abort();
        resolve({ outcome: 'error', message: `The check took longer than ${seconds} s and was stopped.`, tryNext: 'Is the Docker engine overloaded? `docker ps` shows what is running.', evidence: {} });
      }, seconds * 1000);
    });
    const cancelled = new Promise<never>((_, reject) => {
      rejectCancelled = reject;
      if (run.signal?.aborted) reject(new CancelledError());
    });
    const result = await Promise.race([check(kit), timeout, cancelled]);
    if (!result || !['pass', 'fail', 'error'].includes(result.outcome)) {
      return { outcome: 'error', message: `The check of ${exercise.id} returned no result (a bug in the check).`, evidence: {} };
    }
    return result;
  } catch (e) {
    if (e instanceof CancelledError || run.signal?.aborted) throw new CancelledError();
    return errorResult(e);
  } finally {
    clearTimeout(timer);
    run.signal?.removeEventListener('abort', onAbort);
  }
}
