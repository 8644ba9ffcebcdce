// The context every command runs in, and the quick (not cancellable) calls commands share.
import type { Dispatch } from 'react';
import type { ExitRequest, TutorActions } from './model.js';
import { noticeFromError } from './notice.js';
import type { AppAction, AppState } from './state.js';
import type { TaskRunner } from './use-task.js';

export interface CommandContext {
  readonly state: AppState;
  readonly dispatch: Dispatch<AppAction>;
  readonly actions: TutorActions;
  readonly task: TaskRunner;
  /** Closes the app with this request. */
  readonly leave: (request: ExitRequest) => void;
}

/** Calls a quick action (no spinner, no cancel); a rejection becomes a notice. */
export function attempt<T>(ctx: CommandContext, work: () => Promise<T>, onDone: (value: T) => void): void {
  Promise.resolve()
    .then(work)
    .then(onDone)
    .catch((error: unknown) => ctx.dispatch({ type: 'notice', notice: noticeFromError(error) }));
}

/** Statuses change after a check, reset or give-up; the list and lesson screens show them. */
export function refreshLessons(ctx: CommandContext): void {
  attempt(
    ctx,
    () => ctx.actions.lessons(),
    (lessons) => ctx.dispatch({ type: 'lessons-loaded', lessons }),
  );
}

export function loadLesson(ctx: CommandContext, id: string): void {
  attempt(
    ctx,
    () => ctx.actions.lesson(id),
    (lesson) => ctx.dispatch({ type: 'lesson-loaded', lesson }),
  );
}

/** The learner opened the exercise: the one place the view asks the tutor to start it (run its setup). */
export function startExercise(ctx: CommandContext, id: string): void {
  attempt(
    ctx,
    () => ctx.actions.start(id),
    (exercise) => {
      ctx.dispatch({ type: 'exercise-loaded', exercise });
      // Its main file opens in the learner's editor, if they chose one; the TUI does not wait for it.
      attempt(
        ctx,
        () => ctx.actions.openEditor(id, false),
        (said) => said && ctx.dispatch({ type: 'notice', notice: { tone: 'info', text: said } }),
      );
    },
  );
}
