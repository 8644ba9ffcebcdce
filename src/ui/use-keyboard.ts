// Reads keys and turns them into commands. While work runs only cancel keys count; a question or the help
// overlay takes the keyboard until it is answered or closed.
import { useInput, type Key } from 'ink';
import type { RefObject } from 'react';
import { msg } from '../i18n/catalog.js';
import { runCommand } from './commands.js';
import type { CommandContext } from './command-context.js';
import { runConfirmed } from './exercise/exercise-commands.js';
import { bindingFor } from './keys.js';
import { noticeFromError } from './notice.js';

/**
 * Reads the context through a ref: ink re-subscribes the handler in an effect after each render, and a key
 * arriving in between would otherwise be judged against the previous state.
 */
export function useKeyboard(ctxRef: RefObject<CommandContext>, isActive: boolean): void {
  useInput(
    (input, key) => {
      // ink calls this from a stdin event, outside React's error boundary: a throw here would kill the process.
      try {
        handleKey(ctxRef.current, input, key);
      } catch (error) {
        ctxRef.current.dispatch({ type: 'notice', notice: noticeFromError(error) });
      }
    },
    { isActive },
  );
}

function handleKey(ctx: CommandContext, input: string, key: Key): void {
  const { state, dispatch, task } = ctx;
  const ctrlC = key.ctrl && input === 'c';
  if (task.isRunning()) {
    if (bindingFor('busy', input, key)?.command !== 'cancel') return;
    // A second Ctrl-C while the work ignores its abort still gets the learner out.
    if (ctrlC && state.busy?.cancelling) runCommand(ctx, 'quit', input);
    else task.cancel();
    return;
  }
  if (ctrlC) return runCommand(ctx, 'quit', input);
  if (state.confirm) {
    const command = bindingFor('confirm', input, key)?.command;
    if (command === 'yes') runConfirmed(ctx, state.confirm);
    if (command === 'no') {
      dispatch({ type: 'confirm', confirm: undefined });
      const text = state.confirm === 'reset' ? msg('confirm.resetCancelled') : msg('confirm.notGivenUp');
      dispatch({ type: 'notice', notice: { tone: 'info', text } });
    }
    return;
  }
  if (state.help) {
    // Esc is `back` elsewhere; here it only closes the overlay. The rest of the help keys (scroll, quit)
    // mean what they mean anywhere.
    if (key.escape) return dispatch({ type: 'toggle-help' });
    const command = bindingFor('help', input, key)?.command;
    if (command) runCommand(ctx, command, input);
    return;
  }
  const command = bindingFor(state.location.screen, input, key)?.command;
  if (command) runCommand(ctx, command, input);
}
