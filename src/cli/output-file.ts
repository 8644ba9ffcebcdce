// Files a command writes where the user said (--junit, --csv, --html, --out, a workshop file): a path that cannot
// be written is the user's to fix, so it is a message with the path and the reason, never a stack trace.
import { writeFile } from 'node:fs/promises';
import { UserError } from '../errors.js';

const REASONS: Record<string, string> = {
  EISDIR: 'it is a folder',
  ENOENT: 'its folder does not exist',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EACCES: 'you may not write there',
  EPERM: 'you may not write there',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'your disk quota is used up',
};

/** Writes text to path; `example` is a command that shows a good path. */
export async function writeOutputFile(path: string, text: string, example: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!code || !(code in REASONS)) throw e;
    throw new UserError(
      `Cannot write ${path}: ${REASONS[code]} (${code}).`,
      code === 'ENOSPC' || code === 'EDQUOT'
        ? 'Free some space, then run it again.'
        : `Name a file in a folder you can write to, for example: ${example}`,
      code === 'ENOSPC' || code === 'EDQUOT' ? 'disk' : 'usage',
    );
  }
}
