// The workshop file: which lessons a class does, in which order, by when, and where students push images.
// Found from --workshop, else $CONTAINERLINGS_WORKSHOP, else containerlings-workshop.yaml in the workspace.
import { existsSync } from 'node:fs';
import { copyFile, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import type { Course } from '../lessons/course.js';

export const WORKSHOP_FILE = 'containerlings-workshop.yaml';

export interface Workshop {
  readonly file: string;
  readonly title: string;
  readonly lessons: readonly { readonly id: string; readonly due?: string }[];
  readonly registry?: string;
  /** Absolute paths, resolved against the workshop file's folder. */
  readonly catalog?: string;
  readonly pack?: string;
}

/** The workshop file that applies, or undefined: flag, then environment, then the workspace's copy. */
export function locateWorkshop(
  flag: string | undefined,
  workspaceDir: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (flag) return resolve(flag);
  if (env.CONTAINERLINGS_WORKSHOP) return resolve(env.CONTAINERLINGS_WORKSHOP);
  const inWorkspace = join(workspaceDir, WORKSHOP_FILE);
  return existsSync(inWorkspace) ? inWorkspace : undefined;
}

export async function readWorkshop(file: string): Promise<Workshop> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UserError(
      `There is no workshop file at ${file}.`,
      'Check the path, or write one with `containerlings workshop init`.',
      'usage',
    );
  }
  // yaml and zod load only when a workshop is in use, so a plain `list` stays fast.
  const [{ parseYaml, formatProblem }, { WorkshopFile }] = await Promise.all([
    import('../lessons/validate.js'),
    import('./schema.js'),
  ]);
  const { value, problems } = parseYaml(WorkshopFile, text, file);
  if (!value)
    throw new UserError(
      `The workshop file has ${problems.length} problem(s):\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
      'Fix the file, then try again.',
      'content',
    );
  const here = (p?: string) => (p ? resolve(dirname(file), p) : undefined);
  return {
    file,
    title: value.title,
    lessons: value.lessons,
    registry: value.registry,
    catalog: here(value.catalog),
    pack: here(value.pack),
  };
}

/** The course limited to the workshop's lessons, in the workshop's order. */
export function applyWorkshop(course: Course, workshop: Workshop): Course {
  const lessons = workshop.lessons.map(({ id }) => {
    const lesson = course.lessons.find((l) => l.id === id);
    if (!lesson)
      throw new UserError(
        `The workshop "${workshop.title}" lists the lesson "${id}", which this course does not have.`,
        `Known lessons: ${course.lessons.map((l) => l.id).join(', ')}. Fix ${workshop.file}.`,
        'content',
      );
    return lesson;
  });
  const order = lessons.flatMap((l) => l.exercises);
  const exercises = order.map((id) => course.exercises.find((e) => e.id === id)).filter((e) => e !== undefined);
  return { root: course.root, lessons, exercises };
}

/** Keeps a copy in the workspace, so the student's later runs find it without --workshop. */
export async function adoptWorkshop(workshop: Workshop, workspaceDir: string): Promise<void> {
  const target = join(workspaceDir, WORKSHOP_FILE);
  if (resolve(workshop.file) !== resolve(target) && existsSync(workspaceDir)) await copyFile(workshop.file, target);
}
