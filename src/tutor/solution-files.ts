// The reference solution's files as the learner is shown them, once it is unlocked (exercise-record.ts says when).
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ATTEMPT_SCRIPT } from '../progress/workspace.js';

/** The files under `solution` (an exercise's solution/ folder), each with its content. */
export async function solutionFiles(solution: string): Promise<{ file: string; content: string }[]> {
  const files: { file: string; content: string }[] = [];
  for (const entry of await readdir(solution, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const file = relative(solution, path);
    files.push({
      file: file === ATTEMPT_SCRIPT ? `${file} (the commands to run)` : file,
      content: await readFile(path, 'utf8'),
    });
  }
  return files;
}
