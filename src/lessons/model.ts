// What a loaded course is: its lessons and exercises, as every other part of the tool sees them (types only).
import type { Lesson } from './lesson-file.js';
import type { ExerciseMeta } from './schema.js';

export interface Exercise {
  readonly id: string;
  readonly meta: ExerciseMeta;
  /** Absolute path of exercises/<id>. */
  readonly dir: string;
  /** README.md; in a course localized to a language (localize.ts), README.<lang>.md when there is one. */
  readonly readme: string;
  /** The languages of the README.<lang>.md files next to README.md. */
  readonly readmeLangs?: readonly string[];
  readonly check: string;
  readonly starter: string;
  readonly solution: string;
  readonly wrong: readonly { readonly name: string; readonly dir: string }[];
  /**
   * exercises/<id>/setup.sh, when present: prepares the engine before the learner starts (a container to
   * debug, say). Run in the exercise folder when the learner starts the exercise (opens it in the TUI or
   * checks it), again after a reset, and before every self-test attempt; never by `init`, so creating a
   * workspace changes nothing on the engine.
   * What it creates must be declared in `resources` and should carry $CONTAINERLINGS_LABEL.
   */
  readonly setup?: string;
}

export interface Course {
  readonly root: string;
  readonly lessons: readonly Lesson[];
  readonly exercises: readonly Exercise[];
  /** The language the words were taken from where a translation exists (localize.ts); English when unset. */
  readonly lang?: string;
}
