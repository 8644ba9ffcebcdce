// A course's folders as dev check reads them: an exercise's layout (with its metadata when it loaded), and the
// walks over files and lines the checks share.
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Exercise } from '../lessons/model.js';

/** What these checks read of an exercise: its folders, and its metadata when it could be loaded. */
export type Folder = Pick<Exercise, 'dir' | 'readme' | 'check' | 'starter' | 'solution' | 'wrong'> & {
  meta?: Exercise['meta'];
};

/** An exercise as its folder lays it out, for one whose exercise.yaml could not be read: no metadata. */
export function folderOnly(root: string, id: string): Folder {
  const dir = join(root, 'exercises', id);
  return {
    dir,
    readme: join(dir, 'README.md'),
    check: join(dir, 'check.ts'),
    starter: join(dir, 'starter'),
    solution: join(dir, 'solution'),
    wrong: entries(join(dir, 'wrong'))
      .filter((name) => isDir(join(dir, 'wrong', name)))
      .map((name) => ({ name, dir: join(dir, 'wrong', name) })),
  };
}

export function entries(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

export function filesUnder(dir: string): string[] {
  return entries(dir).flatMap((name) => {
    const path = join(dir, name);
    if (lstatSync(path).isSymbolicLink()) return [path];
    return isDir(path) ? filesUnder(path) : [path];
  });
}

export const isDir = (path: string) => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
export const isFile = (path: string) => statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;

export function lineOf(text: string, needle: string): number | undefined {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  return index >= 0 ? index + 1 : undefined;
}
