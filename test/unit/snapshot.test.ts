// The build-time course snapshot is used only while the content on disk is unchanged.
import { cpSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/lessons/course.js';
import { loadCourseFromFiles } from '../../src/lessons/course-loader.js';
import { readSnapshot, writeSnapshot } from '../../src/lessons/snapshot.js';
import { ROOT, tempDir } from '../support/cli.js';

function contentCopy(): string {
  const root = tempDir('containerlings-snapshot-');
  for (const part of ['lessons', 'exercises', 'sandbox'])
    cpSync(join(ROOT, part), join(root, part), { recursive: true });
  writeFileSync(join(root, 'package.json'), '{}');
  mkdirSync(join(root, 'dist'));
  return root;
}

describe('course snapshot', () => {
  it('round-trips the validated course, with paths under the current root', async () => {
    const root = contentCopy();
    const course = await loadCourseFromFiles(root);
    writeSnapshot(course);
    expect(readFileSync(join(root, 'dist', 'course.json'), 'utf8')).not.toContain(root);
    expect(readSnapshot(root)).toEqual(course);
  });

  it('is ignored once a content file changes, so the change is validated', async () => {
    const root = contentCopy();
    writeSnapshot(await loadCourseFromFiles(root));
    const file = join(root, 'exercises', 'adder', 'exercise.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: 42'));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(readSnapshot(root)).toBeUndefined();
    await expect(loadCourse(root)).rejects.toThrow(/exercises\/adder\/exercise\.yaml:\d+: title: expected string/);
  });

  it('is ignored once a lesson changes', async () => {
    const root = contentCopy();
    writeSnapshot(await loadCourseFromFiles(root));
    const file = join(root, 'lessons', 'namespaces', 'lesson.md');
    writeFileSync(file, readFileSync(file, 'utf8') + '\nOne more line.\n');
    expect(readSnapshot(root)).toBeUndefined();
  });

  it('is ignored when a folder is added', async () => {
    const root = contentCopy();
    writeSnapshot(await loadCourseFromFiles(root));
    mkdirSync(join(root, 'exercises', 'adder', 'wrong', 'another'));
    expect(readSnapshot(root)).toBeUndefined();
  });
});
