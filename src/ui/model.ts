// The state and callbacks the TUI receives. The UI renders these; it never reaches into the sandbox.
import type { CheckResult } from '../checks/kit/api.js';
import type { ExerciseStatus, Location } from '../progress/store.js';

// Where the learner is and where an exercise stands are the progress record's words; the TUI shows them.
export type { ExerciseStatus, Location };

export interface RunnableBlock {
  /** Shell source, already templated with sandbox values. */
  readonly code: string;
}

export interface StepView {
  readonly title: string;
  /** Markdown already rendered for the terminal (may contain ANSI colours). */
  readonly body: string;
  readonly blocks: readonly RunnableBlock[];
}

export interface ExerciseSummary {
  readonly id: string;
  readonly title: string;
  readonly status: ExerciseStatus;
}

export interface LessonView {
  readonly id: string;
  readonly title: string;
  readonly summary?: string;
  readonly objectives: readonly string[];
  readonly steps: readonly StepView[];
  readonly exercises: readonly ExerciseSummary[];
  /**
   * False when the steps' bodies are not rendered yet (the list does not need them, and rendering Markdown
   * would delay the first frame); the UI then asks `lesson(id)` for the full view. Undefined means rendered.
   */
  readonly rendered?: boolean;
  /** Why the lesson cannot be done on this machine (e.g. "no cluster: kubectl has no current context"); shown dimmed. */
  readonly unavailable?: string;
}

export interface ExerciseView {
  readonly id: string;
  readonly title: string;
  readonly lessonId: string;
  /** The task, rendered for the terminal. */
  readonly task: string;
  /** Absolute path of the exercise's folder in the workspace. */
  readonly dir: string;
  readonly status: ExerciseStatus;
  readonly hintsShown: readonly string[];
  readonly hintsTotal: number;
  /**
   * The hint for the mistake the latest check named (a fail with a declared diagnosis); `shown` once the learner asked
   * for it. The `h` key shows it before the next progressive hint.
   */
  readonly diagnosisHint?: { readonly id: string; readonly hint: string; readonly shown: boolean };
  /** True after a pass or an explicit give-up; only then may the solution be shown. */
  readonly solutionUnlocked: boolean;
  /** The latest check of this attempt, as the tutor recorded it (the one store of verdicts). */
  readonly lastResult?: CheckResult;
}

/** Why the TUI closed: the learner quit, or asked for a sandbox shell (the caller reopens the TUI afterwards). */
export type ExitRequest =
  | { readonly kind: 'quit'; readonly location: Location }
  | { readonly kind: 'shell'; readonly location: Location; readonly exerciseId?: string };

export interface TutorActions {
  /** Every lesson, quickly: titles, objectives, exercise statuses; step bodies may be left unrendered. */
  lessons(): Promise<readonly LessonView[]>;
  /** One lesson with its step bodies rendered. */
  lesson(id: string): Promise<LessonView>;
  /** The exercise as recorded; a read that never runs the exercise's setup. */
  exercise(id: string): Promise<ExerciseView>;
  /** The learner opens the exercise: its setup runs if this attempt has not had it; returns the view. */
  start(id: string, signal?: AbortSignal): Promise<ExerciseView>;
  /** Checks the exercise and records the verdict; `exercise(id)` shows it from then on. */
  check(id: string, signal: AbortSignal): Promise<CheckResult>;
  /** Reveals the next hint and saves the position; returns the updated view. */
  nextHint(id: string): Promise<ExerciseView>;
  /** Removes the exercise's resources and restores its starter files (learner's files are backed up). */
  reset(id: string, signal: AbortSignal): Promise<string>;
  /** Marks an explicit give-up, which unlocks the solution. */
  giveUp(id: string): Promise<ExerciseView>;
  /** The reference solution's files, rendered; rejects while locked. */
  solution(id: string): Promise<string>;
  /** Runs a shell block in the workspace, streaming output; resolves with the exit code. */
  runBlock(code: string, onOutput: (chunk: string) => void, signal: AbortSignal): Promise<number>;
  /** Calls onChange when a file in the exercise's folder is saved; returns a function that stops watching. */
  watch(id: string, onChange: () => void): () => void;
  /**
   * Opens the exercise in the learner's editor without waiting for it: its main file when the learner starts it
   * (`asked` false: only when an editor is chosen), or its folder when asked. Resolves with what to tell them.
   */
  openEditor(id: string, asked: boolean): Promise<string | undefined>;
  /** Saves where the learner is. */
  saveLocation(location: Location): Promise<void>;
}
