// Runs an exercise's check (loaded by load-check.ts) with a timeout, and cancels it on request.
import type { Exercise } from '../lessons/course.js';
import type { Engine } from '../sandbox/engine/connection.js';
import { CancelledError } from '../errors.js';
import { createKit, errorResult } from './kit/kit.js';
import type { ImageBaseline } from './kit/image-baseline.js';
import { loadCheck } from './load-check.js';
import type { CheckResult } from './kit/api.js';

export interface CheckRun {
  readonly engine: Engine;
  readonly workspaceId: string;
  readonly dir: string;
  readonly startedAt: Date;
  /** Which image each declared image name had at the start (see image-baseline.ts); undefined: times only. */
  readonly baseline?: ImageBaseline;
  readonly signal?: AbortSignal;
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
    const kit = createKit({
      engine: run.engine,
      workspaceId: run.workspaceId,
      dir: run.dir,
      startedAt: run.startedAt,
      baseline: run.baseline,
      signal: controller.signal,
      declaredServices: exercise.meta.resources.services,
    });
    const timeout = new Promise<CheckResult>((resolve) => {
      timer = setTimeout(() => {
        controller.abort();
        resolve({
          outcome: 'error',
          message: `The check took longer than ${seconds} s and was stopped.`,
          tryNext: 'Is the Docker engine overloaded? `docker ps` shows what is running.',
          evidence: {},
        });
      }, seconds * 1000);
    });
    const cancelled = new Promise<never>((_, reject) => {
      rejectCancelled = reject;
      if (run.signal?.aborted) reject(new CancelledError());
    });
    const result = await Promise.race([check(kit), timeout, cancelled]);
    if (!result || !['pass', 'fail', 'error'].includes(result.outcome)) {
      return {
        outcome: 'error',
        message: `The check of ${exercise.id} returned no result (a bug in the check).`,
        evidence: {},
      };
    }
    if (result.diagnosis !== undefined && !Object.hasOwn(exercise.meta.diagnoses, result.diagnosis))
      return {
        outcome: 'error',
        message:
          `The check of ${exercise.id} named the mistake "${result.diagnosis}", which its exercise.yaml does not ` +
          'declare under diagnoses (a bug in the exercise).',
        evidence: {},
      };
    return result;
  } catch (e) {
    if (e instanceof CancelledError || run.signal?.aborted) throw new CancelledError();
    return errorResult(e);
  } finally {
    clearTimeout(timer);
    run.signal?.removeEventListener('abort', onAbort);
  }
}
