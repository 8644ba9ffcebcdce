// TutorActions for the TUI, built on the Tutor: the only place the TUI's requests reach the sandbox.
import { watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { CancelledError, UserError } from '../errors.js';
import type { CheckResult } from '../checks/kit/api.js';
import { fillTemplate, renderMarkdown, type TemplateValues } from '../lessons/markdown.js';
import { updateProgress, type Progress } from '../progress/store.js';
import { loadCatalog } from '../sandbox/images/catalog.js';
import type { Tutor } from './tutor.js';
import { awsSandboxEnv, awsTemplateValues } from '../sandbox/services/sandbox-env.js';
import { unavailableLessons } from '../sandbox/engine/availability.js';
import { stream } from '../sandbox/process.js';
import type { ExerciseView, LessonView, TutorActions } from '../ui/model.js';

/** The environment of run blocks and the sandbox shell: the learner's own, plus where the workspace is and its id. */
export function sandboxEnv(tutor: Tutor, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // awsSandboxEnv: the `aws` wrapper first on PATH, and the registry addresses. The workspace id goes into the
  // tags the wrapper puts on repositories created in real AWS mode.
  return {
    ...process.env,
    CONTAINERLINGS_WORKSPACE: tutor.workspace.dir,
    CONTAINERLINGS_WORKSPACE_ID: tutor.workspace.id,
    ...awsSandboxEnv(),
    ...extra,
  };
}

export async function templateValues(tutor: Tutor): Promise<TemplateValues> {
  const catalog = await loadCatalog(tutor.course.root);
  const values: Record<string, string> = { workspace: tutor.workspace.dir };
  for (const [name, entry] of Object.entries(catalog)) values[`image:${name}`] = entry.tag;
  Object.assign(values, awsTemplateValues());
  return values;
}

export function createActions(
  tutor: Tutor,
  lastResults: Map<string, CheckResult>,
  width: () => number,
): TutorActions & { firstLessons(): Promise<LessonView[]> } {
  let values: Promise<TemplateValues> | undefined;
  const render = async (md: string) =>
    renderMarkdown(fillTemplate(md, await (values ??= templateValues(tutor))), Math.min(width() - 4, 100));

  const rendered = new Map<string, LessonView>();
  const summaries = (ids: readonly string[], progress: Progress) =>
    ids.map((id) => ({
      id,
      title: tutor.exercise(id).meta.title,
      status: progress.exercises[id]?.status ?? ('todo' as const),
    }));

  const exercise = async (id: string): Promise<ExerciseView> => {
    const ex = tutor.exercise(id);
    // An exercise that needs something running on the engine gets it before the learner starts.
    await tutor.ensureSetup(id);
    const entry = await tutor.exerciseProgress(id);
    return {
      id,
      title: ex.meta.title,
      lessonId: ex.meta.lesson,
      task: await render(await readFile(ex.readme, 'utf8')),
      dir: tutor.dir(id),
      status: entry.status,
      hintsShown: ex.meta.hints.slice(0, entry.hintsShown),
      hintsTotal: ex.meta.hints.length,
      solutionUnlocked: entry.status === 'passed' || Boolean(entry.passedAt) || entry.gaveUp,
      lastResult: lastResults.get(id),
    };
  };

  /** With `availability` false the list comes at once; asking the engine and kubectl what they can run takes a while. */
  const lessonViews = async (availability: boolean): Promise<LessonView[]> => {
    const [progress, unavailable] = await Promise.all([
      tutor.progress(),
      availability ? unavailableLessons(tutor.course.lessons) : new Map(),
    ]);
    const reason = (id: string) => (unavailable.has(id) ? { unavailable: unavailable.get(id)!.reason } : {});
    return tutor.course.lessons.map((lesson) =>
      rendered.get(lesson.id)
        ? { ...rendered.get(lesson.id)!, exercises: summaries(lesson.exercises, progress), ...reason(lesson.id) }
        : {
            ...reason(lesson.id),
            id: lesson.id,
            title: lesson.title,
            summary: lesson.summary,
            objectives: lesson.objectives,
            // Bodies are rendered when the lesson is opened: Markdown rendering would delay the first frame.
            steps: lesson.steps.map((s) => ({ title: s.title, body: '', blocks: [] })),
            exercises: summaries(lesson.exercises, progress),
            rendered: false,
          },
    );
  };

  /** Starts the registry and ECR endpoint if they are not running; true when they are up. A failure is left for the checks to report. */
  const startServices = async () => {
    try {
      await (await import('../sandbox/services/services.js')).ensureServices();
      return true;
    } catch (e) {
      if (e instanceof UserError) return false;
      throw e;
    }
  };

  return {
    /** For the first frame: the list without the cluster check (the app refreshes it right after). */
    firstLessons: () => lessonViews(false),
    lessons: () => lessonViews(true),
    async lesson(id) {
      const lesson = tutor.course.lessons.find((l) => l.id === id);
      if (!lesson) throw new UserError(`There is no lesson "${id}".`, 'Press esc for the list.', 'usage');
      // Its run blocks and the addresses in its text need the sandbox registry and ECR endpoint running.
      if (lesson.needs.includes('registry') && (await startServices())) values = undefined;
      const [progress, v] = await Promise.all([tutor.progress(), (values ??= templateValues(tutor))]);
      const view: LessonView = {
        id: lesson.id,
        title: lesson.title,
        summary: lesson.summary,
        objectives: lesson.objectives,
        steps: await Promise.all(
          lesson.steps.map(async (s) => ({
            title: s.title,
            body: await render(s.markdown),
            blocks: s.blocks.filter((b) => b.runnable).map((b) => ({ code: fillTemplate(b.code, v) })),
          })),
        ),
        exercises: summaries(lesson.exercises, progress),
      };
      rendered.set(id, view);
      return view;
    },
    exercise,
    async check(id, signal) {
      const result = await tutor.check(id, signal);
      lastResults.set(id, result);
      return result;
    },
    async nextHint(id) {
      await tutor.nextHint(id);
      return exercise(id);
    },
    async reset(id, signal) {
      if (signal.aborted) throw new CancelledError();
      const { removed, backup } = await tutor.reset(id);
      lastResults.delete(id);
      const parts = [
        `Back to the starter files.`,
        backup ? `Your files are in ${backup}.` : '',
        removed.removed.length ? `Removed ${removed.removed.join(', ')}.` : '',
      ];
      return parts.filter(Boolean).join(' ');
    },
    async giveUp(id) {
      await tutor.giveUp(id);
      return exercise(id);
    },
    async solution(id) {
      const files = await tutor.solution(id);
      return render(files.map((f) => `**${f.file}**\n\n\`\`\`\n${f.content.trimEnd()}\n\`\`\``).join('\n\n'));
    },
    async runBlock(code, onOutput, signal) {
      const ran = await stream(['sh', '-c', code], onOutput, {
        cwd: tutor.workspace.dir,
        env: sandboxEnv(tutor),
        signal,
      });
      if (ran.cancelled) throw new CancelledError();
      return ran.code ?? 1;
    },
    watch(id, onChange) {
      let timer: NodeJS.Timeout | undefined;
      const watcher = watch(tutor.dir(id), { recursive: true }, () => {
        clearTimeout(timer);
        timer = setTimeout(onChange, 300);
      });
      return () => {
        clearTimeout(timer);
        watcher.close();
      };
    },
    async saveLocation(location) {
      await updateProgress(tutor.workspace.dir, (p) => {
        p.location = location;
      });
    },
  };
}
