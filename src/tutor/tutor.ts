// The tutor: one course, one workspace, one engine. Every learner action (check, hint, reset, setup, give up,
// solution) of every command and of the TUI goes through it, and it keeps the one record of each: progress.json.
import { baselineFrom, imageSnapshot, rebase } from '../checks/kit/image-baseline.js';
import type { CheckResult } from '../checks/kit/api.js';
import { UserError } from '../errors.js';
import { findExercise, loadCourse, type Course, type Exercise } from '../lessons/course.js';
import {
  readProgress,
  updateProgress,
  type ExerciseProgress,
  type Location,
  type Progress,
} from '../progress/store.js';
import { exerciseDir, initWorkspace, openWorkspace, restoreStarter, type Workspace } from '../progress/workspace.js';
import type { ImageSource } from '../sandbox/images/catalog.js';
import type { Removed } from '../sandbox/cleanup.js';
import { connect, ensureDocker, type Engine } from '../sandbox/engine/connection.js';
import { billingConsent, type BillingConsent } from '../sandbox/aws/billing.js';
import { recordVerdict, showNextHint, solutionUnlocked } from './exercise-record.js';
import { solutionFiles } from './solution-files.js';
import { imagesNow } from './workspace-images.js';

export class Tutor {
  #engine?: Promise<Engine>;

  private constructor(
    readonly course: Course,
    readonly workspace: Workspace,
    /** Asked before a setup.sh that creates billable AWS resources runs (real AWS mode). */
    readonly confirmBilling: BillingConsent,
    /** Exercises whose existing folder `open` with `create` kept as it was (their progress record was missing). */
    readonly kept: readonly string[] = [],
  ) {}

  /**
   * Opens the workspace at `dir`; with `create`, makes it (and sets up new exercises) first. Without
   * `confirmBilling`, a setup that would create billable AWS resources is refused.
   */
  static async open(
    dir: string,
    options: { create?: boolean; course?: Course; confirmBilling?: BillingConsent } = {},
  ): Promise<Tutor> {
    const course = options.course ?? (await loadCourse());
    const { workspace, kept } = options.create
      ? await initWorkspace(dir, course, imagesNow)
      : { workspace: await openWorkspace(dir), kept: [] };
    return new Tutor(course, workspace, options.confirmBilling ?? billingConsent(false), kept);
  }

  engine(): Promise<Engine> {
    // A wrong address or a non-Docker server is an error for the action, never a verdict. A failed attempt is not
    // kept, so the TUI connects again once the learner has started their engine.
    if (!this.#engine) {
      const attempt = connect().then(ensureDocker);
      this.#engine = attempt;
      attempt.catch(() => {
        if (this.#engine === attempt) this.#engine = undefined;
      });
    }
    return this.#engine;
  }

  exercise(id: string): Exercise {
    return findExercise(this.course, id);
  }

  progress(): Promise<Progress> {
    return readProgress(this.workspace.dir);
  }

  async exerciseProgress(id: string): Promise<ExerciseProgress> {
    return this.entry(await this.progress(), id);
  }

  /** The exercise's record in `progress`, or a UserError that says how to set it up. */
  private entry(progress: Progress, id: string): ExerciseProgress {
    const entry = progress.exercises[id] as ExerciseProgress | undefined;
    if (!entry)
      throw new UserError(
        `The exercise "${id}" is not set up in ${this.workspace.dir}.`,
        'Run `containerlings init` in the workspace to set it up (files already in its folder are kept).',
        'workspace',
      );
    return entry;
  }

  dir(id: string): string {
    return exerciseDir(this.workspace, id);
  }

  /** Makes sure the catalog images the lessons use exist (pulled or built offline). */
  async prepareImages(
    report?: (line: string) => void,
    names?: readonly string[],
  ): Promise<Record<string, ImageSource>> {
    // Loaded when needed: `list` and the lesson list open a Tutor but never build images, run scripts or checks.
    const { ensureImages, lessonImages } = await import('../sandbox/images/catalog.js');
    return ensureImages(await this.engine(), this.course.root, names ?? lessonImages(this.course.lessons), report);
  }

  /**
   * The learner starts the exercise (opens it, or checks it first): runs its setup.sh unless this attempt already
   * had it, so once per attempt and again after a reset. Needs the engine when there is a setup.sh.
   */
  async start(id: string, signal?: AbortSignal): Promise<void> {
    const exercise = this.exercise(id);
    if (!exercise.setup || (await this.exerciseProgress(id)).setupDone) return;
    await this.confirmBilling([exercise]);
    const engine = await this.engine();
    const { runScript, scriptEnv } = await import('../sandbox/script.js');
    const before = await imageSnapshot(engine);
    const ran = await runScript(
      exercise.setup,
      this.dir(id),
      exercise.meta.timeouts.attempt,
      signal,
      scriptEnv(this.workspace.id),
    );
    if (ran.code !== 0) {
      throw new UserError(
        `Preparing ${id} failed (exit ${ran.code}): ${ran.output.trim().split('\n').slice(-3).join(' ')}`,
        'Is Docker running (`containerlings doctor`)? Then reset the exercise.',
        'engine',
      );
    }
    const after = await imageSnapshot(engine);
    await updateProgress(this.workspace.dir, (p) => {
      const entry = this.entry(p, id);
      entry.setupDone = true;
      // Images the setup made under a declared name are the tutorial's, not the learner's.
      if (entry.images) entry.images = rebase(entry.images, before, after);
    });
  }

  async check(id: string, signal?: AbortSignal): Promise<CheckResult> {
    const exercise = this.exercise(id);
    let result: CheckResult;
    try {
      await this.start(id, signal);
      const entry = await this.exerciseProgress(id);
      const engine = await this.engine();
      const { runCheck } = await import('../checks/runner.js');
      result = await runCheck(exercise, {
        engine,
        workspaceId: this.workspace.id,
        dir: this.dir(id),
        startedAt: new Date(entry.startedAt),
        baseline: entry.images,
        signal,
      });
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      result = { outcome: 'error', message: e.message, tryNext: e.next, evidence: {} };
    }
    await updateProgress(this.workspace.dir, (p) => {
      // An exercise that is not set up has no record to keep: the result already says to run init.
      const ex = p.exercises[id] as ExerciseProgress | undefined;
      if (ex) recordVerdict(ex, result);
    });
    return result;
  }

  /**
   * The hint for the mistake the last check diagnosed, once per diagnosis; otherwise the next progressive hint
   * (or the last one again). The position is saved.
   */
  async nextHint(id: string): Promise<{ hint: string; number: number; total: number; diagnosis?: string }> {
    const { hints, diagnoses } = this.exercise(id).meta;
    let diagnosis: string | undefined;
    const p = await updateProgress(this.workspace.dir, (p) => {
      diagnosis = showNextHint(this.entry(p, id), hints, diagnoses);
    });
    const number = p.exercises[id].hintsShown;
    if (diagnosis) return { hint: diagnoses[diagnosis].hint, number, total: hints.length, diagnosis };
    return { hint: hints[number - 1], number, total: hints.length };
  }

  async giveUp(id: string): Promise<void> {
    await updateProgress(this.workspace.dir, (p) => {
      this.entry(p, id).gaveUp = true;
    });
  }

  /** Removes the exercise's declared resources and restores its starter files; the learner's files are backed up. */
  async reset(id: string): Promise<{ removed: Removed; backup?: string }> {
    const exercise = this.exercise(id);
    const engine = await this.engine();
    const { removeDeclared } = await import('../sandbox/cleanup.js');
    const removed = await removeDeclared(engine, exercise.meta.resources);
    const backup = await restoreStarter(
      this.workspace,
      exercise,
      baselineFrom(await imageSnapshot(engine), exercise.meta.resources.images),
    );
    // A reset starts a new attempt (restoreStarter cleared its setup and its last verdict).
    await this.start(id);
    return { removed, backup };
  }

  /** Saves where the learner is, so the TUI reopens there. */
  async saveLocation(location: Location): Promise<void> {
    await updateProgress(this.workspace.dir, (p) => {
      p.location = location;
    });
  }

  /** The reference solution's files, only after a pass or an explicit give-up. */
  async solution(id: string): Promise<{ file: string; content: string }[]> {
    const exercise = this.exercise(id);
    const entry = await this.exerciseProgress(id);
    if (!solutionUnlocked(entry)) {
      throw new UserError(
        'The solution is shown after you pass the exercise, or after you give up on it.',
        `Keep going (\`containerlings hint ${id}\`), or give up with \`containerlings solve ${id} --give-up\`.`,
        'usage',
      );
    }
    return solutionFiles(exercise.solution);
  }
}
