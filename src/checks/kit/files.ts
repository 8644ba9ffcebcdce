// Files a check may read: only inside the exercise folder, and "missing" is an answer, not an error.
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';

/** The path of `file` in `dir`; a path that climbs out of the folder is a bug in the check. */
export function insideDir(dir: string, file: string): string {
  const path = join(dir, file);
  const rel = relative(dir, path);
  if (rel.startsWith('..') || isAbsolute(rel)) throw new Error(`check asked for ${file}, outside the exercise folder`);
  return path;
}

/** The file's text, or undefined when it does not exist. */
export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
