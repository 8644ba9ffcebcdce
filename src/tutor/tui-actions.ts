// TutorActions for the TUI, built on the Tutor: the TUI's requests reach the engine only through the Tutor. It
// keeps no verdicts of its own: each view is read from the progress record the Tutor writes.
import { watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { CancelledError, UserError } from '../errors.js';
import { msg } from '../i18n/catalog.js';
import { fillTemplate, renderMarkdown, type TemplateValues } from '../lessons/markdown.js';
import { mainFile, openInEditor, type EditorChoice } from './editor.js';
import { exerciseOverview, courseOverview } from './overview.js';
import { sandboxEnv, startServices, templateValues } from './sandbox-session.js';
import { solutionUnlocked } from './exercise-record.js';
import type { Tutor } from './tutor.js';
import { stream } from '../sandbox/process.js';
import type { ExerciseView, LessonView, TutorActions } from '../ui/model.js';

export function createActions(
  tutor: Tutor,
  width: () => number,
  /** `plain`: Markdown without box drawing, for the screen-reader layout. `editor`: the learner's editor. */
  { plain = false, editor }: { readonly plain?: boolean; readonly editor?: EditorChoice } = {},
): TutorActions & { firstLessons(): Promise<LessonView[]> } {
  let values: Promise<TemplateValues> | undefined;
  const render = async (md: string) =>
    renderMarkdown(fillTemplate(md, await (values ??= templateValues(tutor))), Math.min(width() - 4, 100), plain);

  const rendered = new Map<string, LessonView>();

  /** A read: never runs setup (that is `start`), never changes the record. */
  const exercise = async (id: string): Promise<ExerciseView> => {
    const ex = tutor.exercise(id);
    const entry = await tutor.exerciseProgress(id);
    const named = entry.lastResult?.outcome === 'fail' ? entry.lastResult.diagnosis : undefined;
    const diagnosisHint =
      named && Object.hasOwn(ex.meta.diagnoses, named)
        ? { id: named, hint: ex.meta.diagnoses[named].hint, shown: entry.diagnosisHintShown === named }
        : undefined;
    return {
      id,
      title: ex.meta.title,
      lessonId: ex.meta.lesson,
      task: await render(await readFile(ex.readme, 'utf8')),
      dir: tutor.dir(id),
      status: entry.status,
      hintsShown: ex.meta.hints.slice(0, entry.hintsShown),
      hintsTotal: ex.meta.hints.length,
      ...(diagnosisHint ? { diagnosisHint } : {}),
      solutionUnlocked: solutionUnlocked(entry),
      lastResult: entry.lastResult,
    };
  };

  /** With `availability` false the list comes at once; asking the engine and kubectl what they can run takes a while. */
  const lessonViews = async (availability: boolean): Promise<LessonView[]> => {
    const overview = await courseOverview(tutor.course, tutor.progress(), { availability });
    return tutor.course.lessons.map((lesson, i) => {
      const { exercises, unavailable } = overview[i];
      const reason = unavailable ? { unavailable } : {};
      return rendered.get(lesson.id)
        ? { ...rendered.get(lesson.id)!, exercises, ...reason }
        : {
            ...reason,
            id: lesson.id,
            title: lesson.title,
            summary: lesson.summary,
            objectives: lesson.objectives,
            // Bodies are rendered when the lesson is opened: Markdown rendering would delay the first frame.
            steps: lesson.steps.map((s) => ({ title: s.title, body: '', blocks: [] })),
            exercises,
            rendered: false,
          };
    });
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
        exercises: exerciseOverview(tutor.course, lesson.exercises, progress),
      };
      rendered.set(id, view);
      return view;
    },
    exercise,
    async start(id, signal) {
      // An exercise that needs something running on the engine gets it before the learner starts.
      await tutor.start(id, signal);
      return exercise(id);
    },
    check: (id, signal) => tutor.check(id, signal),
    async nextHint(id) {
      await tutor.nextHint(id);
      return exercise(id);
    },
    async reset(id, signal) {
      if (signal.aborted) throw new CancelledError();
      const { removed, backup } = await tutor.reset(id);
      const parts = [
        msg('exercise.resetDone'),
        backup ? msg('exercise.resetBackup', { backup }) : '',
        removed.removed.length ? msg('exercise.resetRemoved', { names: removed.removed.join(', ') }) : '',
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
    openEditor: async (id, asked) => {
      const dir = tutor.dir(id);
      return openInEditor(editor, asked ? dir : await mainFile(dir), asked);
    },
    saveLocation: (location) => tutor.saveLocation(location),
  };
}
