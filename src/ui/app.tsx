// The root component: state, effects and keyboard wired together; each screen is a plain view.
import { Box, Text, useApp, useStdin } from 'ink';
import { useCallback, useReducer, useRef } from 'react';
import type { CommandContext } from './command-context.js';
import { BusyLine } from './components/busy-line.js';
import { ConfirmPrompt } from './components/confirm-prompt.js';
import { HelpOverlay } from './components/help-overlay.js';
import { NoticeLine } from './components/notice-line.js';
import { StatusBar } from './components/status-bar.js';
import { confirmQuestions } from './exercise/exercise-commands.js';
import { ExerciseScreen } from './exercise/exercise-screen.js';
import { LessonList } from './lesson-list/lesson-list.js';
import { LessonScreen } from './lesson/lesson-screen.js';
import type { ExitRequest, Location, TutorActions } from './model.js';
import { appReducer, initialState, type AppState } from './state.js';
import { useCourseData } from './use-course-data.js';
import { useKeyboard } from './use-keyboard.js';
import { useTask } from './use-task.js';

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
  /** Called once when the learner quits or asks for a sandbox shell, just before the app exits. */
  readonly onExit?: (request: ExitRequest) => void;
}

export function App({ actions, start, interactive, onExit }: AppProps) {
  const { isRawModeSupported } = useStdin();
  const { exit } = useApp();
  const [state, dispatch] = useReducer(appReducer, start, initialState);
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

  const context = state.busy ? 'busy' : state.confirm ? 'confirm' : state.location.screen;
  const locked = state.exercise && !state.exercise.solutionUnlocked;
  return (
    <Box flexDirection="column">
      {state.help ? <HelpOverlay screen={state.location.screen} /> : <Screen state={state} />}
      {state.busy ? <BusyLine busy={state.busy} /> : null}
      {state.notice ? <NoticeLine notice={state.notice} /> : null}
      {state.confirm ? <ConfirmPrompt question={confirmQuestions[state.confirm]} /> : null}
      <StatusBar
        context={context}
        dimmed={locked ? ['solution'] : []}
        extra={state.watching && state.location.screen === 'exercise' ? '● watching' : undefined}
      />
    </Box>
  );
}

function Screen({ state }: { readonly state: AppState }) {
  const { location, lessons } = state;
  if (location.screen === 'exercise') {
    if (!state.exercise) return <Text dimColor>Loading the exercise…</Text>;
    return <ExerciseScreen exercise={state.exercise} result={state.result} solution={state.solution} />;
  }
  if (!lessons) return <Text dimColor>Loading lessons…</Text>;
  if (location.screen === 'lessons') return <LessonList lessons={lessons} selected={state.selected} />;
  const lesson = lessons.find((l) => l.id === location.lessonId);
  if (!lesson) return <Text>There is no lesson "{location.lessonId}". Press esc for the list.</Text>;
  return <LessonScreen lesson={lesson} step={location.step} output={state.output} />;
}
