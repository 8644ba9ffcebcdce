// Two commands at once lose no update: real processes race on one workspace's progress under its lock; a lock left
// by a killed process expires; temp files of killed writers are swept.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STALE_MS } from '../../src/progress/lock.js';
import { newProgress, progressPath, readProgress, updateProgress, writeProgress } from '../../src/progress/store.js';
import { ROOT, tempDir } from '../support/cli.js';

const STORE = JSON.stringify(join(ROOT, 'src/progress/store.ts'));

/** A node process that loads the store, says "ready", and on a line from stdin runs `body` (dir and key in argv). */
function worker(body: string, dir: string, key: string): { child: ChildProcess; ready: Promise<void> } {
  const script = `
    import { updateProgress } from ${STORE};
    const [dir, key] = process.argv.slice(-2);
    process.stdout.write('ready\\n');
    process.stdin.once('data', async () => { ${body} });
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dir, key], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const ready = new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  return { child, ready };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

async function workspaceWith(keys: readonly string[]): Promise<string> {
  const dir = tempDir();
  const p = newProgress();
  for (const key of keys)
    p.exercises[key] = { startedAt: new Date().toISOString(), status: 'todo', hintsShown: 0, gaveUp: false, checks: 0 };
  await writeProgress(dir, p);
  return dir;
}

/**
 * Like `hint A` and `hint B` run together, `rounds` times: two processes get "go" at the same instant, each counts
 * once on its own key, and says "done"; the next round starts when both are done.
 */
async function race(dir: string, rounds: number): Promise<void> {
  const loop = `const step = async () => { await updateProgress(dir, (p) => { p.exercises[key].checks += 1; });
      process.stdout.write('done\\n'); process.stdin.once('data', step); }; await step();`;
  const pair = ['a', 'b'].map((key) => worker(loop, dir, key));
  await Promise.all(pair.map((w) => w.ready));
  try {
    for (let round = 0; round < rounds; round++) {
      const done = pair.map((w) => new Promise((resolve) => w.child.stdout!.once('data', resolve)));
      for (const w of pair) w.child.stdin!.write('go\n');
      await Promise.all(done);
    }
  } finally {
    for (const w of pair) w.child.kill();
  }
}

// 400 rounds, the count, as 4 workspaces of 100 rounds each (CONTAINERLINGS_PROGRESS_ROUNDS changes it).
const ROUNDS = Number(process.env.CONTAINERLINGS_PROGRESS_ROUNDS ?? 400);
const PARALLEL = 4;

describe('progress store under concurrent commands', () => {
  it(`loses no update in ${ROUNDS} rounds of two processes at once`, async () => {
    const dirs = await Promise.all(Array.from({ length: PARALLEL }, () => workspaceWith(['a', 'b'])));
    const each = Math.ceil(ROUNDS / PARALLEL);
    await Promise.all(dirs.map((dir) => race(dir, each)));
    let lost = 0;
    for (const dir of dirs) {
      const { exercises } = await readProgress(dir);
      lost += 2 * each - exercises.a.checks - exercises.b.checks;
    }
    expect(lost).toBe(0);
  }, 120_000);

  it('loses no update among concurrent updates in one process (any mix of keys)', async () => {
    const dir = await workspaceWith(['a', 'b', 'c']);
    const expected = { a: 0, b: 0, c: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 12 }), async (keys) => {
        for (const key of keys) expected[key] += 1;
        await Promise.all(keys.map((key) => updateProgress(dir, (p) => void (p.exercises[key].checks += 1))));
        const { exercises } = await readProgress(dir);
        expect({ a: exercises.a.checks, b: exercises.b.checks, c: exercises.c.checks }).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  }, 60_000);

  it('takes over the lock of a process killed with SIGKILL within the stale time', async () => {
    const dir = await workspaceWith(['a']);
    // Holds the lock forever (the interval keeps the process alive) until it is killed.
    const body = `await updateProgress(dir, () => { process.stdout.write('holding\\n'); setInterval(() => {}, 1000);
      return new Promise(() => {}); });`;
    const holder = worker(body, dir, 'a');
    await holder.ready;
    const holding = new Promise((resolve) => holder.child.stdout!.once('data', resolve));
    holder.child.stdin!.write('go\n');
    await holding;
    let finished = false;
    const waiting = updateProgress(dir, (p) => void (p.exercises.a.checks += 1)).then(() => (finished = true));
    await new Promise((r) => setTimeout(r, 1000));
    expect(finished).toBe(false); // the live holder's lock is respected
    const killedAt = Date.now();
    holder.child.kill('SIGKILL');
    await exited(holder.child);
    await waiting;
    expect(Date.now() - killedAt).toBeLessThan(STALE_MS + 2000);
    expect((await readProgress(dir)).exercises.a.checks).toBe(1);
  }, 30_000);

  it('says another command is working when a live holder keeps the lock past the wait', async () => {
    const dir = await workspaceWith(['a']);
    const body = `await updateProgress(dir, () => { process.stdout.write('holding\\n'); setInterval(() => {}, 1000);
      return new Promise(() => {}); });`;
    const holder = worker(body, dir, 'a');
    await holder.ready;
    const holding = new Promise((resolve) => holder.child.stdout!.once('data', resolve));
    holder.child.stdin!.write('go\n');
    await holding;
    try {
      await expect(updateProgress(dir, () => undefined)).rejects.toMatchObject({
        name: 'UserError',
        message: expect.stringMatching(/Another containerlings command is working on this workspace/),
        next: expect.stringMatching(/try again/),
      });
    } finally {
      holder.child.kill('SIGKILL');
    }
  }, 40_000);
});

describe('temp files of killed writers', () => {
  it('are removed on the next write when their process is gone or they are over a minute old', async () => {
    const dir = await workspaceWith([]);
    const folder = join(dir, '.containerlings');
    const gone = spawn(process.execPath, ['-e', '']);
    await exited(gone);
    const names = {
      dead: `progress.json.${gone.pid}.a1b2c3.tmp`,
      old: `progress.json.${process.pid}.d4e5f6.tmp`,
      fresh: `progress.json.${process.pid}.0a0b0c.tmp`,
      other: 'progress.json.notes.tmp',
    };
    for (const name of Object.values(names)) writeFileSync(join(folder, name), '{"half": ');
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    utimesSync(join(folder, names.old), twoMinutesAgo, twoMinutesAgo);
    await updateProgress(dir, () => undefined);
    const left = readdirSync(folder);
    expect(left).not.toContain(names.dead);
    expect(left).not.toContain(names.old);
    expect(left).toContain(names.fresh); // a live writer's (ours), under a minute old
    expect(left).toContain(names.other); // not a temp file of ours
    expect(existsSync(progressPath(dir))).toBe(true);
  });
});
