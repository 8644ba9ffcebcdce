// `mkdir -p` that fails fast: Node's recursive mkdir spins forever under /proc (init /proc/x never returned), so
// folders are made one level at a time from the nearest one that exists, and each failure is the real error.
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UserError } from './errors.js';

export async function makeDirs(path: string, mode?: number): Promise<void> {
  const missing: string[] = [];
  let dir = resolve(path);
  for (;;) {
    try {
      const info = await stat(dir);
      if (!info.isDirectory()) throw cannotCreate(resolve(path), `ENOTDIR: ${dir} is not a folder`);
      break;
    } catch (e) {
      if (e instanceof UserError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      // ENOTDIR: a file stands somewhere above (init notes.txt/sub); going up finds it and says so.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw Object.assign(cannotCreate(resolve(path), code), { cause: e });
      missing.push(dir);
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  for (const folder of missing.reverse()) {
    try {
      await mkdir(folder, mode === undefined ? undefined : { mode });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // Another process made it in the meantime: fine.
      if (code === 'EEXIST') continue;
      const error = new UserError(
        `Cannot create the folder ${folder} (${code ?? (e as Error).message}).`,
        code === 'ENOSPC'
          ? 'The disk is full: free some space, then try again.'
          : 'Choose a place you can write to (under your home folder, say), then try again.',
        code === 'ENOSPC' ? 'disk' : 'workspace',
      );
      throw Object.assign(error, { cause: e });
    }
  }
}

function cannotCreate(folder: string, why: string | undefined): UserError {
  return new UserError(
    `Cannot create the folder ${folder} (${why ?? 'unknown error'}).`,
    'Choose a place you can write to (under your home folder, say), then try again.',
    'workspace',
  );
}
