// `init` never replaces a learner's file without a backup, whatever happened to progress.json; progress-file errors
// are messages with a next step (exit 2), never stack traces.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Course } from '../../src/lessons/course.js';
import {
  newProgress,
  progressFileError,
  progressPath,
  readProgress,
  updateProgress,
  writeProgress,
} from '../../src/progress/store.js';
import { initWorkspace, restoreStarter } from '../../src/progress/workspace.js';
import { Tutor } from '../../src/tutor/tutor.js';
import { runCli, STACK_FRAME, tempDir } from '../support/cli.js';

const STARTER = 'FROM alpine:3.20\n# TODO: install curl\n';
const MINE = 'FROM alpine:3.20\nRUN apk add --no-cache curl\n';

/** A course of one exercise, "first", whose starter is a Dockerfile and a notes.txt. */
function course(): Course {
  const starter = join(tempDir(), 'starter');
  mkdirSync(starter);
  writeFileSync(join(starter, 'Dockerfile'), STARTER);
  writeFileSync(join(starter, 'notes.txt'), 'notes\n');
  const exercise = { id: 'first', starter, meta: { resources: { images: [] }, hints: ['one', 'two'] } };
  return { root: starter, lessons: [], exercises: [exercise] } as unknown as Course;
}

/** A workspace where the learner has changed first/Dockerfile and deleted first/notes.txt. */
async function learnerWorkspace(c: Course): Promise<{ dir: string; dockerfile: string }> {
  const dir = join(tempDir(), 'ws');
  await initWorkspace(dir, c);
  const dockerfile = join(dir, 'first', 'Dockerfile');
  expect(readFileSync(dockerfile, 'utf8')).toBe(STARTER);
  writeFileSync(dockerfile, MINE);
  rmSync(join(dir, 'first', 'notes.txt'));
  return { dir, dockerfile };
}

/** init again keeps the learner's Dockerfile, adds back only the missing starter file, and records the exercise. */
async function initKeeps(dir: string, dockerfile: string, c: Course): Promise<void> {
  const { kept } = await initWorkspace(dir, c);
  expect(kept).toEqual(['first']);
  expect(readFileSync(dockerfile, 'utf8')).toBe(MINE);
  expect(readFileSync(join(dir, 'first', 'notes.txt'), 'utf8')).toBe('notes\n');
  expect((await readProgress(dir)).exercises.first).toMatchObject({ status: 'todo', checks: 0 });
  // The next init has nothing to set up and changes nothing.
  expect((await initWorkspace(dir, c)).kept).toEqual([]);
  expect(readFileSync(dockerfile, 'utf8')).toBe(MINE);
}

describe('init keeps the learner files when progress.json lacks the exercise', () => {
  it('a missing entry', async () => {
    const c = course();
    const { dir, dockerfile } = await learnerWorkspace(c);
    await updateProgress(dir, (p) => void delete p.exercises.first);
    await initKeeps(dir, dockerfile, c);
  });

  it('`exercises: []` is reported as damaged (no file touched); moved away as advised, init keeps the files', async () => {
    const c = course();
    const { dir, dockerfile } = await learnerWorkspace(c);
    writeFileSync(progressPath(dir), JSON.stringify({ ...newProgress(), exercises: [] }));
    for (let i = 0; i < 2; i++) {
      await expect(initWorkspace(dir, c)).rejects.toMatchObject({
        name: 'UserError',
        message: expect.stringMatching(/is damaged: exercises/),
        next: expect.stringMatching(
          /move it away and run `containerlings init` again \(your exercise files are kept\)/,
        ),
      });
      expect(readFileSync(dockerfile, 'utf8')).toBe(MINE);
    }
    renameSync(progressPath(dir), `${progressPath(dir)}.bad`);
    await initKeeps(dir, dockerfile, c);
  });

  it('a damaged file moved away, as the tool advises', async () => {
    const c = course();
    const { dir, dockerfile } = await learnerWorkspace(c);
    writeFileSync(progressPath(dir), '{not json');
    await expect(initWorkspace(dir, c)).rejects.toThrow(/is not valid JSON/);
    renameSync(progressPath(dir), `${progressPath(dir)}.bad`);
    await initKeeps(dir, dockerfile, c);
  });

  it('a dangling symlink as progress.json', async () => {
    const c = course();
    const { dir, dockerfile } = await learnerWorkspace(c);
    rmSync(progressPath(dir));
    symlinkSync(join(dir, 'gone.json'), progressPath(dir));
    await expect(readProgress(dir)).rejects.toThrow(/is a link to .*gone\.json, which does not exist/);
    await initKeeps(dir, dockerfile, c);
  });

  it('reset still backs the learner files up before restoring the starter', async () => {
    const c = course();
    const { dir, dockerfile } = await learnerWorkspace(c);
    const backup = await restoreStarter({ dir, id: 'ws-x' }, c.exercises[0]);
    expect(readFileSync(join(backup!, 'Dockerfile'), 'utf8')).toBe(MINE);
    expect(readFileSync(dockerfile, 'utf8')).toBe(STARTER);
  });
});

describe('init through the CLI', () => {
  it('keeps a changed Dockerfile whose record was lost, and says so', async () => {
    // No engine: DOCKER_HOST points at nothing, so init skips the images (as in startup.test.ts).
    const env = { DOCKER_HOST: 'unix:///nonexistent.sock' };
    const dir = join(tempDir(), 'ws');
    expect((await runCli(['init', dir], { env, timeoutMs: 60_000 })).code).toBe(0);
    const dockerfile = join(dir, 'first-image', 'Dockerfile');
    writeFileSync(dockerfile, MINE);
    await updateProgress(dir, (p) => void delete p.exercises['first-image']);
    const again = await runCli(['init', dir], { env, timeoutMs: 60_000 });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Kept your files in ${join(dir, 'first-image')}`);
    expect(readFileSync(dockerfile, 'utf8')).toBe(MINE);
    expect((await readProgress(dir)).exercises['first-image']).toMatchObject({ status: 'todo' });
    expect(readdirSync(join(dir, '.containerlings'))).toEqual(['progress.json']); // no lock or temp file left
  }, 90_000);
});

describe('progress-file errors are messages', () => {
  it('progress.json is a folder (EISDIR): reading, saving and init say so', async () => {
    const c = course();
    const { dir, dockerfile } = await learnerWorkspace(c);
    rmSync(progressPath(dir));
    mkdirSync(progressPath(dir));
    const isFolder = { name: 'UserError', message: expect.stringMatching(/progress\.json is a folder, not a file/) };
    await expect(readProgress(dir)).rejects.toMatchObject(isFolder);
    await expect(updateProgress(dir, () => undefined)).rejects.toMatchObject(isFolder);
    await expect(writeProgress(dir, newProgress())).rejects.toMatchObject(isFolder);
    await expect(initWorkspace(dir, c)).rejects.toMatchObject(isFolder);
    expect(readFileSync(dockerfile, 'utf8')).toBe(MINE);
  });

  it.each(['EACCES', 'EPERM'])('%s says who may read the file and how to fix it', (code) => {
    // As root, chmod cannot make a file unreadable: the mapping is tested with the error the system would give.
    const path = '/home/ana/ws/.containerlings/progress.json';
    const e = progressFileError(Object.assign(new Error(`${code}: open`), { code }), path, 'read');
    expect(e).toMatchObject({
      name: 'UserError',
      message: `containerlings is not allowed to read the progress file ${path} (${code}).`,
      next: expect.stringContaining('sudo chown -R "$USER" /home/ana/ws'),
    });
  });

  it('other errors (our bugs) pass through unchanged', () => {
    const bug = new TypeError('x is undefined');
    expect(progressFileError(bug, '/p', 'save')).toBe(bug);
  });

  it('check, hint and give-up on an exercise missing from progress: a clear message, no TypeError', async () => {
    const c = course();
    const { dir } = await learnerWorkspace(c);
    await updateProgress(dir, (p) => void delete p.exercises.first);
    const tutor = await Tutor.open(dir, { course: c });
    const result = await tutor.check('first');
    expect(result).toMatchObject({ outcome: 'error', message: expect.stringMatching(/"first" is not set up/) });
    expect(result.tryNext).toMatch(/Run `containerlings init`/);
    const notSetUp = { name: 'UserError', message: expect.stringMatching(/"first" is not set up/) };
    await expect(tutor.nextHint('first')).rejects.toMatchObject(notSetUp);
    await expect(tutor.giveUp('first')).rejects.toMatchObject(notSetUp);
    expect((await readProgress(dir)).exercises).toEqual({});
  });

  it('the CLI exits 2 with a message for a folder in place of progress.json', async () => {
    const dir = tempDir();
    await writeProgress(dir, newProgress());
    rmSync(progressPath(dir));
    mkdirSync(progressPath(dir));
    const run = await runCli(['hint', 'first-image', '--workspace', dir], { timeoutMs: 60_000 });
    expect(run.code).toBe(2);
    expect(run.stderr + run.stdout).toMatch(/progress\.json is a folder, not a file/);
    expect(run.stderr + run.stdout).not.toMatch(STACK_FRAME);
    expect(existsSync(progressPath(dir))).toBe(true);
    expect(readdirSync(progressPath(dir))).toEqual([]);
  }, 60_000);
});
