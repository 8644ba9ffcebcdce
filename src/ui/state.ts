// The app's state and the reducer that changes it. Pure: no ink, no actions; effects live in commands.ts.
import type { ExerciseView, LessonView, Location } from './model.js';
import { initialScroll, scrollBy, type ScrollMove, type ScrollState } from './scroll.js';

export type Tone = 'info' | 'success' | 'error';
export interface Notice {
  readonly tone: Tone;
  readonly text: string;
}

export type ConfirmKind = 'reset' | 'giveUp';
export type TaskKind = 'check' | 'reset' | 'run';
export interface Busy {
  readonly kind: TaskKind;
  readonly label: string;
  readonly cancelling: boolean;
}

export interface AppState {
  readonly location: Location;
  readonly lessons?: readonly LessonView[];
  /** The open exercise as last read from the tutor (its verdict included); always the one `location` names. */
  readonly exercise?: ExerciseView;
  /** Selected row in the lesson list. */
  readonly selected: number;
  readonly busy?: Busy;
  readonly confirm?: ConfirmKind;
  readonly help: boolean;
  readonly notice?: Notice;
  /** Streamed output of the last `r`, already trimmed to the most recent lines. */
  readonly output?: string;
  readonly solution?: string;
  readonly watching: boolean;
  /** The body viewport: of the help overlay while it is open, else of the screen. */
  readonly scroll: ScrollState;
  /** The screen's offset while help covers it, so closing help returns the learner to where they were. */
  readonly offsetUnderHelp?: number;
}

export type AppAction =
  | { readonly type: 'lessons-loaded'; readonly lessons: readonly LessonView[] }
  | { readonly type: 'lesson-loaded'; readonly lesson: LessonView }
  | { readonly type: 'exercise-loaded'; readonly exercise: ExerciseView }
  | { readonly type: 'navigate'; readonly location: Location }
  | { readonly type: 'select'; readonly delta: 1 | -1 }
  | { readonly type: 'task-started'; readonly kind: TaskKind; readonly label: string }
  | { readonly type: 'task-cancelling' }
  | { readonly type: 'task-finished' }
  | { readonly type: 'output-cleared' }
  | { readonly type: 'output'; readonly chunk: string }
  | { readonly type: 'notice'; readonly notice?: Notice }
  | { readonly type: 'confirm'; readonly confirm?: ConfirmKind }
  | { readonly type: 'toggle-help' }
  | { readonly type: 'solution'; readonly text?: string }
  | { readonly type: 'toggle-watch' }
  | { readonly type: 'scroll'; readonly move: ScrollMove }
  | { readonly type: 'viewport-measured'; readonly content: number; readonly page: number };

/** Output kept in memory; the box shows fewer, but a long `docker build` should not grow without bound. */
const keptOutputLines = 200;

export function initialState(start: Location, lessons?: readonly LessonView[]): AppState {
  return { location: start, lessons, selected: 0, help: false, watching: false, scroll: initialScroll };
}

export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'lessons-loaded': {
      // A refresh (after a check) brings new statuses but may not carry rendered bodies: keep the ones we have.
      const lessons = action.lessons.map((fresh) => {
        const known = state.lessons?.find((l) => l.id === fresh.id);
        return fresh.rendered === false && known && known.rendered !== false
          ? { ...fresh, steps: known.steps, rendered: true }
          : fresh;
      });
      return { ...state, lessons, selected: Math.min(state.selected, Math.max(0, lessons.length - 1)) };
    }
    case 'lesson-loaded':
      return state.lessons
        ? { ...state, lessons: state.lessons.map((l) => (l.id === action.lesson.id ? action.lesson : l)) }
        : state;
    case 'exercise-loaded': {
      const { location } = state;
      // A slow load for an exercise the learner already left must not replace the current one.
      if (location.screen !== 'exercise' || location.exerciseId !== action.exercise.id) return state;
      return { ...state, exercise: action.exercise };
    }
    case 'navigate':
      return navigate(state, action.location);
    case 'select': {
      const count = state.lessons?.length ?? 0;
      return { ...state, selected: Math.min(Math.max(0, state.selected + action.delta), Math.max(0, count - 1)) };
    }
    case 'task-started':
      return { ...state, busy: { kind: action.kind, label: action.label, cancelling: false }, notice: undefined };
    case 'task-cancelling':
      return state.busy ? { ...state, busy: { ...state.busy, cancelling: true } } : state;
    case 'task-finished':
      return { ...state, busy: undefined };
    case 'output-cleared':
      return { ...state, output: '' };
    case 'output': {
      const lines = ((state.output ?? '') + action.chunk).split('\n');
      return { ...state, output: lines.slice(-keptOutputLines).join('\n') };
    }
    case 'notice':
      return { ...state, notice: action.notice };
    case 'confirm':
      return { ...state, confirm: action.confirm };
    case 'toggle-help': {
      const offset = state.help ? (state.offsetUnderHelp ?? 0) : 0;
      const offsetUnderHelp = state.help ? undefined : state.scroll.offset;
      // content 0: the other body's height is unknown until measured.
      return { ...state, help: !state.help, scroll: { ...state.scroll, offset, content: 0 }, offsetUnderHelp };
    }
    case 'solution':
      return { ...state, solution: action.text };
    case 'toggle-watch':
      return { ...state, watching: !state.watching };
    case 'scroll':
      return { ...state, scroll: scrollBy(state.scroll, action.move) };
    case 'viewport-measured':
      return { ...state, scroll: { ...state.scroll, content: action.content, page: action.page } };
  }
}

function navigate(state: AppState, location: Location): AppState {
  const from = state.location;
  const sameExercise =
    from.screen === 'exercise' && location.screen === 'exercise' && from.exerciseId === location.exerciseId;
  // Coming back to the list selects the lesson the learner was in.
  const lessonId = from.screen === 'lesson' ? from.lessonId : state.exercise?.lessonId;
  const index = state.lessons?.findIndex((l) => l.id === lessonId) ?? -1;
  return {
    ...state,
    location,
    selected: location.screen === 'lessons' && index >= 0 ? index : state.selected,
    exercise: sameExercise ? state.exercise : undefined,
    solution: undefined,
    output: undefined,
    notice: undefined,
    confirm: undefined,
    help: false,
    // A new step or exercise starts at its top. Its height is unknown until measured: no indicator meanwhile,
    // rather than the last step's.
    scroll: { ...state.scroll, offset: 0, content: 0 },
    offsetUnderHelp: undefined,
  };
}
