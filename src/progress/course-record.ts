// Which course a workspace belongs to. A workspace started with --content (or CONTAINERLINGS_CONTENT) keeps that
// folder in .containerlings/course.json, so later runs in it open the same course without the flag, and never
// the shipped course by mistake. The shipped course needs no record. The last course given explicitly wins (a
// course folder that moved is given again once).
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UserError } from '../errors.js';

export const courseRecordPath = (workspaceDir: string) => join(workspaceDir, '.containerlings', 'course.json');

/** The course folder the workspace remembers, if any; a damaged record counts as none. */
export function recordedCourse(workspaceDir: string): string | undefined {
  try {
    const { content } = JSON.parse(readFileSync(courseRecordPath(workspaceDir), 'utf8')) as { content?: unknown };
    return typeof content === 'string' && content ? content : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The course folder for a command in this workspace: the one given (flag or environment), else the one the
 * workspace remembers, else undefined (the shipped course). A remembered folder that is gone is an error that says
 * where it was and how to give its new place.
 */
export function courseFor(workspaceDir: string, given: string | undefined): string | undefined {
  if (given) return resolve(given);
  const recorded = recordedCourse(workspaceDir);
  if (recorded && !existsSync(recorded))
    throw new UserError(
      `This workspace (${workspaceDir}) was started with the course in ${recorded}, which is not there any more.`,
      'Give the course folder where it is now, once: `containerlings --content <dir>`; the workspace remembers it.',
      'content',
    );
  return recorded;
}

/** After the workspace exists: remember a course given explicitly, when it is not the one remembered already. */
export async function rememberCourse(workspaceDir: string, given: string | undefined): Promise<void> {
  if (!given || !existsSync(join(workspaceDir, '.containerlings'))) return;
  const content = resolve(given);
  if (recordedCourse(workspaceDir) !== content)
    await writeFile(courseRecordPath(workspaceDir), JSON.stringify({ content }) + '\n');
}
