// The Tutor is the TUI's one door: opening an exercise starts it (its setup.sh runs once per attempt, again after
// a reset), a read never runs setup, and the verdict the TUI shows is the one the Tutor recorded in progress.json.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/lessons/course.js';
import { readProgress } from '../../src/progress/store.js';
import { createActions } from '../../src/tutor/tui-actions.js';
import { Tutor } from '../../src/tutor/tutor.js';
import { ROOT, tempDir } from '../support/cli.js';
import { requireEngine } from '../support/docker.js';

const content = join(ROOT, 'test', 'fixtures', 'setup-course');

beforeAll(async () => {
  await requireEngine();
});

async function opened() {
  const tutor = await Tutor.open(join(tempDir(), 'ws'), { create: true, course: await loadCourse(content) });
  const actions = createActions(tutor, () => 80);
  return { tutor, actions, prepared: join(tutor.dir('prepared'), 'prepared.txt') };
}

describe('the Tutor starts an exercise explicitly', () => {
  it('a read never runs setup; start runs it once per attempt, and again after a reset', async () => {
    const { tutor, actions, prepared } = await opened();
    await actions.exercise('prepared');
    expect(existsSync(prepared)).toBe(false);

    await actions.start('prepared');
    expect(readFileSync(prepared, 'utf8').trim()).toBe(`ready for ${tutor.workspace.id}`);
    // Opening it again in the same attempt does not run setup again.
    rmSync(prepared);
    await actions.start('prepared');
    expect(existsSync(prepared)).toBe(false);

    await tutor.reset('prepared');
    expect(existsSync(prepared)).toBe(true);
  });

  it('records each verdict once, in progress.json; the view reads it there, and a reset clears it', async () => {
    const { tutor, actions } = await opened();
    expect((await actions.start('prepared')).lastResult).toBeUndefined();

    const failed = await actions.check('prepared', new AbortController().signal);
    expect(failed).toMatchObject({ outcome: 'fail', message: 'The answer is missing.' });
    expect((await readProgress(tutor.workspace.dir)).exercises.prepared.lastResult).toEqual(failed);
    expect((await actions.exercise('prepared')).lastResult).toEqual(failed);

    // A check from the CLI (or after the sandbox shell) is what a new TUI shows: there is no other store.
    writeFileSync(join(tutor.dir('prepared'), 'answer.txt'), '42\n');
    const passed = await tutor.check('prepared');
    const fresh = createActions(await Tutor.open(tutor.workspace.dir, { course: tutor.course }), () => 80);
    expect(await fresh.exercise('prepared')).toMatchObject({
      lastResult: passed,
      status: 'passed',
      solutionUnlocked: true,
    });

    await actions.reset('prepared', new AbortController().signal);
    expect((await actions.exercise('prepared')).lastResult).toBeUndefined();
  });
});
