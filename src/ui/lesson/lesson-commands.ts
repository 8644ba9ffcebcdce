// The lesson screen's commands: run a step's shell block and stream its output.
import { msg } from '../../i18n/catalog.js';
import type { CommandContext } from '../command-context.js';
import type { Command } from '../keys.js';

export function runLessonCommand(ctx: CommandContext, command: Command, input: string): void {
  const { state, dispatch } = ctx;
  const location = state.location;
  if (location.screen !== 'lesson') return;
  const lesson = state.lessons?.find((l) => l.id === location.lessonId);
  const blocks = lesson?.steps[location.step]?.blocks ?? [];
  const say = (text: string) => dispatch({ type: 'notice', notice: { tone: 'info', text } });

  const count = blocks.length;
  if (count === 0) return say(msg('lesson.noBlock'));
  const index = command === 'runBlock' ? Number(input) - 1 : 0;
  if (command === 'run' && count > 1) return say(msg('lesson.pickBlock', { count }));
  const block = blocks[index];
  if (!block) return say(count === 1 ? msg('lesson.onlyBlock') : msg('lesson.noSuchBlock', { count }));

  dispatch({ type: 'output-cleared' });
  // The output box sits below the step's text: follow it down as it grows (any scroll key stops following).
  dispatch({ type: 'scroll', move: 'bottom' });
  ctx.task.run(
    'run',
    count > 1 ? msg('lesson.runningBlock', { n: index + 1 }) : msg('lesson.running'),
    (signal) => ctx.actions.runBlock(block.code, (chunk) => dispatch({ type: 'output', chunk }), signal),
    (code) =>
      dispatch({
        type: 'notice',
        notice:
          code === 0
            ? { tone: 'success', text: msg('lesson.done') }
            : { tone: 'error', text: msg('lesson.failed', { code }) },
      }),
  );
}
