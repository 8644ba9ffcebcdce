// Time limits that fire on every Node version we support. On Node 20, AbortSignal.any([signal,
// AbortSignal.timeout(ms)]) can lose its timeout: `any` holds its sources only weakly, a timeout signal nobody
// listens to is garbage-collected, and its timer goes with it (nodejs/node#57736), so a request to a port that
// accepts and never answers hangs. Here the controller is held by a referenced timer until the work ends.

/** The reason a deadline aborts with: the work took longer than `ms`. */
export class DeadlineExceeded extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${seconds(ms)}`);
    this.name = 'DeadlineExceeded';
  }
}

/**
 * Runs `work` with a signal that aborts when `parent` does (with its reason) or after `ms` (with DeadlineExceeded),
 * and clears the timer and the listener when the work ends. `work` must stop when the signal aborts.
 */
export async function withDeadline<T>(
  ms: number,
  parent: AbortSignal | undefined,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DeadlineExceeded(ms)), ms);
  const onParent = () => controller.abort(parent?.reason);
  if (parent?.aborted) onParent();
  else parent?.addEventListener('abort', onParent, { once: true });
  try {
    return await work(controller.signal);
  } finally {
    clearTimeout(timer);
    parent?.removeEventListener('abort', onParent);
  }
}

/** Whether an error (or its cause) is a deadline's: the work was too slow, not cancelled. */
export function isDeadline(e: unknown): e is DeadlineExceeded {
  return e instanceof DeadlineExceeded || (e instanceof Error && e.cause instanceof DeadlineExceeded);
}

/** "5 s", "1.5 s", "200 ms": how the messages say a duration. */
export function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
