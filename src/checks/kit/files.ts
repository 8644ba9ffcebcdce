// Files a check may read: only inside the exercise folder, and "missing" is an answer, not an error.
import { open, stat } from 'node:fs/promises';
import { UserError } from '../../errors.js';
import { isAbsolute, join, relative } from 'node:path';

/** The path of `file` in `dir`; a path that climbs out of the folder is a bug in the check. */
export function insideDir(dir: string, file: string): string {
  const path = join(dir, file);
  const rel = relative(dir, path);
  if (rel.startsWith('..') || isAbsolute(rel)) throw new Error(`check asked for ${file}, outside the exercise folder`);
  return path;
}

/** Far above any Dockerfile or config a learner writes; a bigger file is read no further. */
export const MAX_TEXT_BYTES = 16 * 1024 * 1024;

/**
 * The file's text, or undefined when it does not exist. A folder, a FIFO or a device (which would block or never
 * end) is refused with a message, and at most MAX_TEXT_BYTES are read.
 */
export async function readTextIfExists(path: string): Promise<string | undefined> {
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw e;
  }
  if (!info.isFile())
    throw new UserError(
      `${path} is ${info.isDirectory() ? 'a folder' : 'not a regular file (a pipe, socket or device)'}.`,
      'Point it at a text file (a Dockerfile, say).',
      'usage',
    );
  if (info.size > MAX_TEXT_BYTES)
    throw new UserError(
      `${path} is ${info.size} bytes, more than ${MAX_TEXT_BYTES}.`,
      'Point it at a smaller file.',
      'usage',
    );
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(info.size, MAX_TEXT_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** The same file or folder: by identity on this machine (any spelling of the path, symlinks included), else by path. */
export async function samePlace(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
  if (sa && sb) return sa.dev === sb.dev && sa.ino === sb.ino;
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}
