// The lesson screen's commands: run a step's shell block and stream its output.
import type { CommandContext } from '../command-context.js';
import type { Command } from '../keys.js';

export function runLessonCommand(ctx: CommandContext, command: Command, input: string): void {
  const { state, dispatch } = ctx;
  const location = state.location;
  if (location.screen !== 'lesson') return;
  const lesson = state.lessons?.find((l) => l.id === location.lessonId);
  const blocks = lesson?.steps[location.step]?.blocks ?? [];
  const say = (text: string) => dispatch({ type: 'notice', notice: { tone: 'info', text } });

  if (blocks.length === 0) return say('This step has no shell block to run.');
  const index = command === 'runBlock' ? Number(input) - 1 : 0;
  if (command === 'run' && blocks.length > 1)
    return say(`This step has ${blocks.length} shell blocks: press 1-${blocks.length} to run one.`);
  const block = blocks[index];
  if (!block)
    return say(
      `This step has ${blocks.length === 1 ? 'one shell block: press r' : `${blocks.length} shell blocks: press 1-${blocks.length}`}.`,
    );

  dispatch({ type: 'output-cleared' });
  // The output box sits below the step's text: follow it down as it grows (any scroll key stops following).
  dispatch({ type: 'scroll', move: 'bottom' });
  ctx.task.run(
    'run',
    blocks.length > 1 ? `Running block ${index + 1}` : 'Running',
    (signal) => ctx.actions.runBlock(block.code, (chunk) => dispatch({ type: 'output', chunk }), signal),
    (code) =>
      dispatch({
        type: 'notice',
        notice:
          code === 0
            ? { tone: 'success', text: 'Done (exit code 0).' }
            : { tone: 'error', text: `The command failed with exit code ${code}.` },
      }),
  );
}
