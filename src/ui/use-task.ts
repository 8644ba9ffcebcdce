// Long work (check, reset, run) with an AbortController: one task at a time, cancellable with Esc or Ctrl-C.
import { useCallback, useEffect, useMemo, useRef, type Dispatch } from 'react';
import { noticeFromError } from './notice.js';
import type { AppAction, TaskKind } from './state.js';

export interface TaskRunner {
  /** Starts `work` unless a task is already running; `onDone` sees its value unless it rejected. */
  run<T>(kind: TaskKind, label: string, work: (signal: AbortSignal) => Promise<T>, onDone: (value: T) => void): void;
  /** Aborts the running task; the task's rejection then shows "Cancelled." (notice.cancelled). */
  cancel(): void;
  /** True while a task runs (read synchronously, so two quick key presses can't start two tasks). */
  isRunning(): boolean;
}

export function useTask(dispatch: Dispatch<AppAction>): TaskRunner {
  const controller = useRef<AbortController | undefined>(undefined);

  const run = useCallback(
    <T>(kind: TaskKind, label: string, work: (signal: AbortSignal) => Promise<T>, onDone: (value: T) => void) => {
      if (controller.current) return;
      const current = new AbortController();
      controller.current = current;
      dispatch({ type: 'task-started', kind, label });
      const settle = () => {
        if (controller.current === current) controller.current = undefined;
        dispatch({ type: 'task-finished' });
      };
      // Promise.resolve().then() also turns a synchronous throw inside `work` into a rejection.
      Promise.resolve()
        .then(() => work(current.signal))
        .then(
          (value) => {
            settle();
            onDone(value);
          },
          (error: unknown) => {
            settle();
            dispatch({ type: 'notice', notice: noticeFromError(error, current.signal) });
          },
        )
        // A bug in onDone must end up on screen, not as an unhandled rejection that kills the process.
        .catch((error: unknown) => dispatch({ type: 'notice', notice: noticeFromError(error) }));
    },
    [dispatch],
  );

  const cancel = useCallback(() => {
    if (!controller.current || controller.current.signal.aborted) return;
    controller.current.abort();
    dispatch({ type: 'task-cancelling' });
  }, [dispatch]);

  // Leaving the app (quit, shell) must not leave a check or a command running behind it.
  useEffect(() => () => controller.current?.abort(), []);

  return useMemo(() => ({ run, cancel, isRunning: () => controller.current !== undefined }), [run, cancel]);
}
