// The exercise screen's commands: check, hint, reset, solution, give up, watch, open in the editor.
import { msg } from '../../i18n/catalog.js';
import { attempt, refreshLessons, type CommandContext } from '../command-context.js';
import type { Command } from '../keys.js';
import type { ConfirmKind } from '../state.js';

const info = (text: string) => ({ type: 'notice', notice: { tone: 'info', text } }) as const;
// Hints, the check result and the solution are added at the end of a body that may be taller than the
// terminal: scroll down to what the learner just asked for.
const toBottom = { type: 'scroll', move: 'bottom' } as const;

/** Runs the check; also what watch mode calls when a file is saved. The verdict shown is the one the tutor recorded. */
export function runCheck(ctx: CommandContext, id: string): void {
  ctx.task.run(
    'check',
    msg('exercise.checking'),
    async (signal) => {
      await ctx.actions.check(id, signal);
      return ctx.actions.exercise(id);
    },
    (exercise) => {
      ctx.dispatch({ type: 'exercise-loaded', exercise });
      ctx.dispatch(toBottom);
      refreshLessons(ctx);
    },
  );
}

export function runExerciseCommand(ctx: CommandContext, command: Command): void {
  const { state, dispatch, actions } = ctx;
  const exercise = state.exercise;
  // Keys pressed while the exercise is still loading have nothing to act on.
  if (state.location.screen !== 'exercise' || !exercise) return;
  const id = exercise.id;
  switch (command) {
    case 'check':
      runCheck(ctx, id);
      return;
    case 'hint': {
      const mistakeHintWaits = exercise.diagnosisHint && !exercise.diagnosisHint.shown;
      if (exercise.hintsTotal === 0 && !mistakeHintWaits) dispatch(info(msg('exercise.noHints')));
      else if (!mistakeHintWaits && exercise.hintsShown.length >= exercise.hintsTotal) {
        dispatch(info(allHintsShown(exercise.hintsTotal, exercise.solutionUnlocked)));
      } else {
        attempt(
          ctx,
          () => actions.nextHint(id),
          (updated) => {
            dispatch({ type: 'exercise-loaded', exercise: updated });
            dispatch(toBottom);
          },
        );
      }
      return;
    }
    case 'reset':
      dispatch({ type: 'confirm', confirm: 'reset' });
      return;
    case 'giveUp':
      if (exercise.solutionUnlocked) dispatch(info(msg('exercise.solutionAlreadyUnlocked')));
      else dispatch({ type: 'confirm', confirm: 'giveUp' });
      return;
    case 'solution':
      if (!exercise.solutionUnlocked) dispatch(info(msg('exercise.solutionLocked')));
      else if (state.solution !== undefined) dispatch({ type: 'solution', text: undefined });
      else {
        attempt(
          ctx,
          () => actions.solution(id),
          (text) => {
            dispatch({ type: 'solution', text });
            dispatch(toBottom);
          },
        );
      }
      return;
    case 'watch':
      dispatch({ type: 'toggle-watch' });
      dispatch(info(state.watching ? msg('exercise.watchOff') : msg('exercise.watchOn', { dir: exercise.dir })));
      return;
    case 'edit':
      attempt(
        ctx,
        () => actions.openEditor(id, true),
        (said) => said && dispatch(info(said)),
      );
      return;
    default:
      return;
  }
}

/** The learner answered y to a confirmation. */
export function runConfirmed(ctx: CommandContext, kind: ConfirmKind): void {
  const { dispatch, actions } = ctx;
  const exercise = ctx.state.exercise;
  dispatch({ type: 'confirm', confirm: undefined });
  if (!exercise) return;
  const id = exercise.id;
  if (kind === 'reset') {
    ctx.task.run(
      'reset',
      msg('exercise.resetting'),
      // The new attempt's view has no verdict: the last check judged files that are gone now.
      async (signal) => ({ message: await actions.reset(id, signal), exercise: await actions.exercise(id) }),
      ({ message, exercise: fresh }) => {
        dispatch({ type: 'notice', notice: { tone: 'success', text: message } });
        dispatch({ type: 'solution', text: undefined });
        dispatch({ type: 'exercise-loaded', exercise: fresh });
        refreshLessons(ctx);
      },
    );
    return;
  }
  attempt(
    ctx,
    () => actions.giveUp(id),
    (updated) => {
      dispatch({ type: 'exercise-loaded', exercise: updated });
      dispatch(info(msg('exercise.solutionUnlocked')));
      refreshLessons(ctx);
    },
  );
}

/** Said when h has nothing left to show; the way out (give up) while the solution is still locked. */
function allHintsShown(total: number, solutionUnlocked: boolean): string {
  const shown = total === 1 ? msg('exercise.onlyHintShown') : msg('exercise.allHintsShown', { n: total });
  return solutionUnlocked ? shown : `${shown} ${msg('exercise.stillStuck')}`;
}

/** The y/n question asked before a reset or a give-up. */
export function confirmQuestion(kind: ConfirmKind): string {
  return kind === 'reset' ? msg('confirm.reset') : msg('confirm.giveUp');
}
