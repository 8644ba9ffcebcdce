// What each command does: plain functions over a context, so the input hook stays a thin dispatcher.
import { msg } from '../i18n/catalog.js';
import type { CommandContext } from './command-context.js';
import type { Command } from './keys.js';
import { parentOf, stepAlong } from './navigation.js';
import { runExerciseCommand } from './exercise/exercise-commands.js';
import { runLessonCommand } from './lesson/lesson-commands.js';
import { isScrollMove } from './scroll.js';

export function runCommand(ctx: CommandContext, command: Command, input: string): void {
  const { state, dispatch } = ctx;
  const lessons = state.lessons ?? [];
  if (isScrollMove(command)) return dispatch({ type: 'scroll', move: command });
  switch (command) {
    case 'quit':
    case 'shell': {
      const { location } = state;
      const exerciseId = location.screen === 'exercise' ? location.exerciseId : undefined;
      ctx.leave(command === 'quit' ? { kind: 'quit', location } : { kind: 'shell', location, exerciseId });
      return;
    }
    case 'help':
      dispatch({ type: 'toggle-help' });
      return;
    case 'down':
    case 'up':
      dispatch({ type: 'select', delta: command === 'down' ? 1 : -1 });
      return;
    case 'open': {
      const lesson = lessons[state.selected];
      if (lesson) dispatch({ type: 'navigate', location: { screen: 'lesson', lessonId: lesson.id, step: 0 } });
      return;
    }
    case 'next':
    case 'previous': {
      const to = stepAlong(lessons, state.location, command === 'next' ? 1 : -1);
      if (to) dispatch({ type: 'navigate', location: to });
      else {
        const text = command === 'next' ? msg('course.end') : msg('course.start');
        dispatch({ type: 'notice', notice: { tone: 'info', text } });
      }
      return;
    }
    case 'back':
      // Esc closes an open panel before it leaves the screen.
      if (state.solution !== undefined) dispatch({ type: 'solution', text: undefined });
      else dispatch({ type: 'navigate', location: parentOf(lessons, state.location, state.exercise?.lessonId) });
      return;
    case 'run':
    case 'runBlock':
      runLessonCommand(ctx, command, input);
      return;
    default:
      runExerciseCommand(ctx, command);
  }
}
