// A snapshot of the validated course, written at build time to dist/course.json. It is used only while its
// fingerprint (every content file's path, size and modification time) still matches the files on disk.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Course } from './course.js';

const VERSION = 1;
export const snapshotPath = (root: string) => join(root, 'dist', 'course.json');

export function fingerprint(root: string): string {
  const hash = createHash('sha256');
  for (const top of ['lessons', 'exercises']) {
    let entries;
    try {
      entries = readdirSync(join(root, top), { recursive: true, withFileTypes: true });
    } catch {
      hash.update(`${top}: missing\n`);
      continue;
    }
    const lines = entries.map((e) => {
      const path = join(e.parentPath, e.name);
      if (e.isDirectory()) return `${relative(root, path)}/`;
      const s = statSync(path);
      return `${relative(root, path)} ${s.size} ${s.mtimeMs}`;
    });
    hash.update(lines.sort().join('\n'));
  }
  return hash.digest('hex');
}

/** Paths in the snapshot are relative to the content root, so a moved checkout still matches. */
function mapPaths<T>(value: T, map: (path: string) => string): T {
  return JSON.parse(JSON.stringify(value), (key, v) => (typeof v === 'string' && ['root', 'file', 'dir', 'readme', 'check', 'starter', 'solution', 'setup'].includes(key) ? map(v) : v));
}

export function writeSnapshot(course: Course): void {
  const body = { version: VERSION, fingerprint: fingerprint(course.root), course: mapPaths(course, (p) => relative(course.root, p)) };
  writeFileSync(snapshotPath(course.root), JSON.stringify(body));
}

export function readSnapshot(root: string): Course | undefined {
  let data: { version?: number; fingerprint?: string; course?: Course };
  try {
    data = JSON.parse(readFileSync(snapshotPath(root), 'utf8'));
  } catch {
    return undefined;
  }
  if (data.version !== VERSION || !data.course || data.fingerprint !== fingerprint(root)) return undefined;
  return mapPaths(data.course, (p) => join(root, p));
}
