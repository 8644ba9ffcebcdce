// `mkdir -p` that fails fast: Node's recursive mkdir spins forever under /proc (init /proc/x never returned), so
// folders are made one level at a time from the nearest one that exists, and each failure is the real error.
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

export async function makeDirs(path: string, mode?: number): Promise<void> {
  const missing: string[] = [];
  let dir = resolve(path);
  for (;;) {
    try {
      const info = await stat(dir);
      if (!info.isDirectory())
        throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), { code: 'ENOTDIR', path: dir });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
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
      // Another process made it in the meantime: fine.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}
