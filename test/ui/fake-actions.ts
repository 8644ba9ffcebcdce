// A fake tutor for screen tests: plain data, recorded calls, and deferred promises for long work.
import type { CheckResult } from '../../src/checks/kit/api.js';
import { CancelledError } from '../../src/errors.js';
import type { ExerciseView, LessonView, Location, TutorActions } from '../../src/ui/model.js';

export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Rejects with CancelledError when `signal` aborts, as the real actions do. */
export function cancellable<T>(d: Deferred<T>, signal: AbortSignal): Promise<T> {
  signal.addEventListener('abort', () => d.reject(new CancelledError()));
  return d.promise;
}

export const lessons: readonly LessonView[] = [
  {
    id: 'images',
    title: 'Images',
    summary: 'What an image is and how to build one.',
    objectives: ['Build an image from a Dockerfile'],
    steps: [
      { title: 'What is an image', body: 'An image is a read-only template.', blocks: [{ code: 'docker images' }] },
      { title: 'Layers', body: 'Each instruction adds a layer.', blocks: [] },
      { title: 'Two commands', body: 'Compare these two.', blocks: [{ code: 'echo first' }, { code: 'echo second' }] },
    ],
    exercises: [
      { id: 'build-image', title: 'Build your first image', status: 'passed' },
      { id: 'tag-image', title: 'Tag an image', status: 'failed' },
      { id: 'slim-image', title: 'Make it slim', status: 'todo' },
    ],
  },
  {
    id: 'containers',
    title: 'Containers',
    objectives: ['Run a container'],
    steps: [{ title: 'Run one', body: 'docker run starts a container.', blocks: [] }],
    exercises: [{ id: 'run-nginx', title: 'Run nginx', status: 'todo' }],
  },
];

const hints = ['Look at the FROM line.', 'Tags go after a colon.', 'Try docker tag.'];

export function exerciseView(id: string, overrides: Partial<ExerciseView> = {}): ExerciseView {
  const summary = lessons.flatMap((l) => l.exercises.map((e) => ({ ...e, lessonId: l.id }))).find((e) => e.id === id);
  if (!summary) throw new Error(`no exercise ${id}`);
  return {
    id,
    title: summary.title,
    lessonId: summary.lessonId,
    task: `Task of ${summary.title}: build and tag the image.`,
    dir: `/home/learner/containerlings/${id}`,
    status: summary.status,
    hintsShown: [],
    hintsTotal: hints.length,
    solutionUnlocked: false,
    ...overrides,
  };
}

export const passResult: CheckResult = {
  outcome: 'pass',
  message: 'The image runs and answers on port 8080.',
  evidence: {},
};

/**
 * A fake whose exercises keep their hint, give-up and verdict state, with any method replaced by `overrides`. Like
 * the tutor, it records each check's verdict (a reset clears it), and `exercise` reads it back; `started` lists the
 * exercises the app started (opened).
 */
export function fakeActions(overrides: Partial<TutorActions> = {}, initial: Partial<ExerciseView> = {}) {
  const state = new Map<string, ExerciseView>();
  const view = (id: string) => state.get(id) ?? exerciseView(id, initial);
  const saved: Location[] = [];
  const started: string[] = [];
  const opened: { id: string; asked: boolean }[] = [];
  const actions: TutorActions = {
    lessons: async () => lessons,
    lesson: async (id) => {
      const found = lessons.find((l) => l.id === id);
      if (!found) throw new Error(`no lesson ${id}`);
      return found;
    },
    exercise: async (id) => view(id),
    start: async (id) => {
      started.push(id);
      return actions.exercise(id);
    },
    check: async () => passResult,
    nextHint: async (id) => {
      const current = view(id);
      // As the tutor does: the hint for the diagnosed mistake first, then the progressive ones.
      const mistake = current.diagnosisHint;
      const next =
        mistake && !mistake.shown
          ? { ...current, diagnosisHint: { ...mistake, shown: true } }
          : { ...current, hintsShown: hints.slice(0, current.hintsShown.length + 1) };
      state.set(id, next);
      return next;
    },
    reset: async () => 'Reset done: your files are in .backup/.',
    giveUp: async (id) => {
      const next = { ...view(id), solutionUnlocked: true };
      state.set(id, next);
      return next;
    },
    solution: async (id) => {
      if (!view(id).solutionUnlocked) throw new Error('locked');
      return 'FROM nginx:alpine\nCOPY site /usr/share/nginx/html';
    },
    runBlock: async () => 0,
    watch: () => () => undefined,
    openEditor: async (id, asked) => {
      opened.push({ id, asked });
      return asked ? `Opened the folder of ${id}.` : undefined;
    },
    saveLocation: async (location) => {
      saved.push(location);
    },
    ...overrides,
  };
  const { check, reset } = actions;
  actions.check = async (id, signal) => {
    const result = await check(id, signal);
    state.set(id, { ...view(id), lastResult: result });
    return result;
  };
  actions.reset = async (id, signal) => {
    const message = await reset(id, signal);
    state.set(id, { ...view(id), lastResult: undefined });
    return message;
  };
  return { actions, saved, started, opened };
}
