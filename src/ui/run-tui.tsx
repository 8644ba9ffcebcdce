// Entry point for the CLI: shows the TUI until the learner quits or asks for a shell, then restores the terminal.
import process from 'node:process';
import { render } from 'ink';
import { App } from './app.js';
import type { ExitRequest, LessonView, Location, TutorActions } from './model.js';

export interface RunTuiOptions {
  /** @default process.stdin (must be a TTY; the caller handles the non-TTY case) */
  readonly stdin?: NodeJS.ReadStream;
  /** @default process.stdout */
  readonly stdout?: NodeJS.WriteStream;
  /** Lessons loaded beforehand, so the first frame is the list itself. */
  readonly lessons?: readonly LessonView[];
  /** Ink's screen-reader mode: the linear layout (linear/linear-frame.tsx). @default INK_SCREEN_READER=true */
  readonly screenReader?: boolean;
}

/**
 * Renders the TUI at `start`. Resolves with why it closed; rejects if a render threw, always after ink has
 * unmounted (which leaves raw mode and shows the cursor again).
 */
export async function runTui(
  actions: TutorActions,
  start: Location,
  options: RunTuiOptions = {},
): Promise<ExitRequest> {
  let request: ExitRequest | undefined;
  const instance = render(
    <App actions={actions} start={start} lessons={options.lessons} onExit={(r) => (request = r)} />,
    {
      // ink spreads these over its defaults, so an explicit undefined would replace process.stdin.
      ...(options.stdin ? { stdin: options.stdin } : {}),
      ...(options.stdout ? { stdout: options.stdout } : {}),
      ...(options.screenReader !== undefined ? { isScreenReaderEnabled: options.screenReader } : {}),
      // Ctrl-C first cancels running work; App quits on it when nothing runs.
      exitOnCtrlC: false,
      // Console output goes to process.stdout; ink moves it above the frame only when that is where it draws.
      patchConsole: options.stdout === undefined || options.stdout === process.stdout,
    },
  );
  try {
    // ink unmounts by itself after a render error and rejects this promise with it.
    await instance.waitUntilExit();
  } finally {
    instance.unmount();
  }
  return request ?? { kind: 'quit', location: start };
}
