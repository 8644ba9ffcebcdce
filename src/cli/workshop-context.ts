// The course a command works on: the whole course, or only a workshop's lessons when a workshop file applies.
import { loadCourse, type Course } from '../lessons/course.js';
import { courseFor, rememberCourse } from '../progress/course-record.js';
import { locateWorkspace } from '../progress/workspace.js';
import { adoptWorkshop, applyWorkshop, locateWorkshop, readWorkshop, type Workshop } from '../workshop/workshop.js';
import type { Invocation } from './args.js';

export interface CourseInUse {
  readonly course: Course;
  readonly workshop?: Workshop;
}

export async function courseInUse(inv: Pick<Invocation, 'workshop' | 'workspace'>): Promise<CourseInUse> {
  const workspaceDir = locateWorkspace(inv.workspace);
  // The course the workspace remembers, unless one is given: set for this process and every child it starts, as
  // --content is (main.ts).
  const content = courseFor(workspaceDir, process.env.CONTAINERLINGS_CONTENT);
  if (content) process.env.CONTAINERLINGS_CONTENT = content;
  const course = await loadCourse();
  const file = locateWorkshop(inv.workshop, workspaceDir);
  if (!file) return { course };
  const workshop = await readWorkshop(file);
  return { course: applyWorkshop(course, workshop), workshop };
}

/** After the workspace exists: keep the workshop file given with --workshop in it, and the course it uses. */
export async function rememberInWorkspace(
  inv: Pick<Invocation, 'workshop'>,
  used: CourseInUse,
  workspaceDir: string,
): Promise<void> {
  if (inv.workshop && used.workshop) await adoptWorkshop(used.workshop, workspaceDir);
  await rememberCourse(workspaceDir, process.env.CONTAINERLINGS_CONTENT);
}
