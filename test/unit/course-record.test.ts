// A workspace started with --content remembers its course: later runs in it open that course without the flag,
// a course folder that moved is named in the error with how to give its new place, and the last one given wins.
import { cpSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { courseFor, courseRecordPath, recordedCourse, rememberCourse } from '../../src/progress/course-record.js';
import { ROOT, runCli, STACK_FRAME, tempDir } from '../support/cli.js';

describe('the course a workspace remembers', () => {
  it('is the one given, else the one remembered, else none (the shipped course)', async () => {
    const ws = tempDir('containerlings-record-');
    const course = tempDir('containerlings-course-');
    expect(courseFor(ws, undefined)).toBeUndefined();
    await rememberCourse(ws, course); // no workspace yet: nothing to remember in
    expect(recordedCourse(ws)).toBeUndefined();
    mkdirSync(join(ws, '.containerlings'));
    await rememberCourse(ws, course);
    expect(courseFor(ws, undefined)).toBe(course);
    const other = tempDir('containerlings-course-');
    expect(courseFor(ws, other)).toBe(other);
    writeFileSync(courseRecordPath(ws), '{ damaged');
    expect(courseFor(ws, undefined)).toBeUndefined();
  });

  it('says where a remembered course was, when it is gone, and how to give its new place', async () => {
    const ws = tempDir('containerlings-record-');
    mkdirSync(join(ws, '.containerlings'));
    await rememberCourse(ws, join(ws, 'gone'));
    expect(() => courseFor(ws, undefined)).toThrow(
      /was started with the course in .*gone, which is not there any more/,
    );
  });

  it('through the CLI: init --content, then list without it; the course moves; --content once more', async () => {
    const base = tempDir('containerlings-record-');
    const course = join(base, 'course');
    cpSync(join(ROOT, 'test', 'fixtures', 'setup-course'), course, { recursive: true });
    const ws = join(base, 'ws');
    // No engine: init says so and still makes the workspace; nothing here may touch a real one.
    const env = { CONTAINERLINGS_CONTENT: '', DOCKER_HOST: `unix://${join(base, 'no-engine.sock')}` };
    const init = await runCli(['init', ws, '--content', course, '--json'], { env });
    expect(init.code, init.stderr).toBe(0);
    expect(JSON.parse(init.stdout).exercises).toEqual(['prepared']);
    expect(JSON.parse(readFileSync(courseRecordPath(ws), 'utf8'))).toEqual({ content: course });

    const list = async () => runCli(['list', '--json', '-w', ws], { env });
    const listed = await list();
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/"prepared"/);
    expect(listed.stdout).not.toMatch(/"first-image"/);

    const moved = join(base, 'moved');
    renameSync(course, moved);
    const lost = await list();
    expect(lost.code).not.toBe(0);
    expect(lost.stderr).toMatch(/was started with the course in .*course, which is not there any more/);
    expect(lost.stderr).toMatch(/--content <dir>/);
    expect(lost.stderr).not.toMatch(STACK_FRAME);

    const again = await runCli(['list', '--json', '-w', ws, '--content', moved], { env });
    expect(again.code, again.stderr).toBe(0);
    expect((await list()).stdout).toMatch(/"prepared"/);
  }, 60_000);
});
