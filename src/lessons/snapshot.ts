// A snapshot of the validated course, written at build time to dist/course.json. It is used only while its
// fingerprint (every content file's path, size and modification time) still matches the files on disk.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Course } from './model.js';

const VERSION = 2;
export const snapshotPath = (root: string) => join(root, 'dist', 'course.json');

/**
 * Everything the snapshot is made from, and nothing more (so it stays cheap to compute at every start): the
 * folders' names down to exercises/<id>/wrong/<name>, and the size and time of course.yaml, each lesson.md (and its
 * translations, lesson.<lang>.md) and exercise.yaml. A check's or a starter's content is read when used, never from
 * the snapshot.
 */
export function fingerprint(root: string): string {
  const lines: string[] = [];
  const list = (rel: string) => {
    try {
      return readdirSync(join(root, rel), { withFileTypes: true }).map((e) => ({ name: e.name, dir: e.isDirectory() }));
    } catch {
      return undefined;
    }
  };
  const walk = (rel: string, depth: number) => {
    const entries = list(rel);
    if (!entries) return void lines.push(`${rel}: missing`);
    for (const e of entries) {
      const path = `${rel}/${e.name}`;
      if (/^lesson(\.[a-z]{2,3})?\.md$/.test(e.name) || e.name === 'exercise.yaml') {
        const s = statSync(join(root, path));
        lines.push(`${path} ${s.size} ${s.mtimeMs}`);
      } else lines.push(e.dir ? `${path}/` : path);
      if (e.dir && depth > 0 && (rel === 'lessons' || rel === 'exercises' || e.name === 'wrong')) walk(path, depth - 1);
    }
  };
  try {
    const s = statSync(join(root, 'course.yaml'));
    lines.push(`course.yaml ${s.size} ${s.mtimeMs}`);
  } catch {
    lines.push('course.yaml: missing');
  }
  walk('lessons', 1);
  walk('exercises', 2);
  return createHash('sha256').update(lines.sort().join('\n')).digest('hex');
}

const PATH_KEYS = new Set(['root', 'file', 'dir', 'readme', 'check', 'starter', 'solution', 'setup']);
const pathReviver = (map: (path: string) => string) => (key: string, v: unknown) =>
  typeof v === 'string' && PATH_KEYS.has(key) ? map(v) : v;

/** Paths in the snapshot are relative to the content root, so a moved checkout still matches. */
function mapPaths<T>(value: T, map: (path: string) => string): T {
  return JSON.parse(JSON.stringify(value), pathReviver(map));
}

export function writeSnapshot(course: Course): void {
  const body = {
    version: VERSION,
    fingerprint: fingerprint(course.root),
    course: mapPaths(course, (p) => relative(course.root, p)),
  };
  writeFileSync(snapshotPath(course.root), JSON.stringify(body));
}

export function readSnapshot(root: string): Course | undefined {
  let data: { version?: number; fingerprint?: string; course?: Course };
  try {
    // Paths are made absolute while parsing: one pass over the text, at every start.
    data = JSON.parse(
      readFileSync(snapshotPath(root), 'utf8'),
      pathReviver((p) => join(root, p)),
    );
  } catch {
    return undefined;
  }
  if (data.version !== VERSION || !data.course || data.fingerprint !== fingerprint(root)) return undefined;
  return data.course;
}
