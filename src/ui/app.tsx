// The root component: state, effects and keyboard wired together; each screen is a plain view. The frame
// fills the terminal: header on top, status bar at the bottom, and the body scrolls in between.
import { Box, useApp, useIsScreenReaderEnabled, useStdin } from 'ink';
import { useCallback, useReducer, useRef } from 'react';
import { msg } from '../i18n/catalog.js';
import type { CommandContext } from './command-context.js';
import { BusyLine } from './components/busy-line.js';
import { ConfirmPrompt } from './components/confirm-prompt.js';
import { HelpOverlay } from './components/help-overlay.js';
import { NoticeLine } from './components/notice-line.js';
import { StatusBar } from './components/status-bar.js';
import { ScrollIndicator, Viewport } from './components/viewport.js';
import { confirmQuestion } from './exercise/exercise-commands.js';
import { LinearFrame } from './linear/linear-frame.js';
import type { Command } from './keys.js';
import type { ExitRequest, LessonView, Location, TutorActions } from './model.js';
import { ScreenBody, ScreenHeader } from './screen.js';
import { canScroll, visibleOffset } from './scroll.js';
import { appReducer, initialState } from './state.js';
import { useCourseData } from './use-course-data.js';
import { useKeyboard } from './use-keyboard.js';
import { useTask } from './use-task.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface AppProps {
  /** What the tutor can do; the UI never reaches into the sandbox itself. */
  readonly actions: TutorActions;
  /** Where the app opens. */
  readonly start: Location;
  /**
   * Whether to read keys. ink's useInput throws when stdin is not a TTY, so this gates every key handler.
   * @default `isRawModeSupported` of ink's stdin
   */
  readonly interactive?: boolean;
  /** Lessons already loaded by the caller, so the first frame shows the list instead of "Loading". */
  readonly lessons?: readonly LessonView[];
  /** Called once when the learner quits or asks for a sandbox shell, just before the app exits. */
  readonly onExit?: (request: ExitRequest) => void;
}

export function App({ actions, start, lessons, interactive, onExit }: AppProps) {
  const { isRawModeSupported } = useStdin();
  const { exit } = useApp();
  const [state, dispatch] = useReducer(appReducer, start, (s) => initialState(s, lessons));
  const task = useTask(dispatch);
  const exited = useRef(false);
  const leave = useCallback(
    (request: ExitRequest) => {
      if (exited.current) return;
      exited.current = true;
      onExit?.(request);
      exit();
    },
    [exit, onExit],
  );
  const ctx: CommandContext = { state, dispatch, actions, task, leave };
  const ctxRef = useRef(ctx);
  ctxRef.current = ctx;

  useCourseData(ctxRef);
  useKeyboard(ctxRef, (interactive ?? isRawModeSupported) === true);

  const { rows } = useTerminalSize();
  const linear = useIsScreenReaderEnabled();
  const context = state.busy ? 'busy' : state.confirm ? 'confirm' : state.help ? 'help' : state.location.screen;
  const dimmed: Command[] = [];
  if (state.exercise && !state.exercise.solutionUnlocked) dimmed.push('solution');
  if (!canScroll(state.scroll)) dimmed.push('lineDown');
  // ink's screen-reader mode (render-tui.tsx): lines printed once, for a screen reader to read in order.
  if (linear) return <LinearFrame state={state} context={context} dimmed={dimmed} />;
  return (
    // One row short of the terminal: a frame as tall as the terminal makes ink clear the whole screen,
    // scrollback included, on every render.
    <Box flexDirection="column" height={Math.max(1, rows - 1)}>
      <Box flexShrink={0}>
        <ScreenHeader state={state} />
      </Box>
      <Viewport
        offset={visibleOffset(state.scroll)}
        measured={state.scroll}
        onMeasure={(size) => dispatch({ type: 'viewport-measured', ...size })}
      >
        {state.help ? <HelpOverlay screen={state.location.screen} /> : <ScreenBody state={state} />}
      </Viewport>
      <Box flexDirection="column" flexShrink={0}>
        <ScrollIndicator scroll={state.scroll} />
        {state.busy ? <BusyLine busy={state.busy} /> : null}
        {state.notice ? <NoticeLine notice={state.notice} /> : null}
        {state.confirm ? <ConfirmPrompt question={confirmQuestion(state.confirm)} /> : null}
        <StatusBar
          context={context}
          dimmed={dimmed}
          extra={state.watching && state.location.screen === 'exercise' ? `● ${msg('exercise.watching')}` : undefined}
        />
      </Box>
    </Box>
  );
}
