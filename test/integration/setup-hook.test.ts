// An exercise's setup.sh runs before the learner starts (init, reset) and before every self-test attempt.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../support/cli.js';
import { requireEngine } from '../support/docker.js';

const content = join(ROOT, 'test', 'fixtures', 'setup-course');
const env = { CONTAINERLINGS_CONTENT: content };

beforeAll(async () => {
  await requireEngine();
});

it('the self-test runs setup.sh before each attempt', async () => {
  const { code, stdout } = await runCli(['selftest', '--json'], { env });
  const report = JSON.parse(stdout);
  expect(report.attempts.map((a: { attempt: string; outcome: string }) => `${a.attempt}:${a.outcome}`)).toEqual(['starter:fail', 'solution:pass', 'wrong/nothing:fail', 'wrong/off-by-one:fail']);
  expect(code).toBe(0);
});

it('init runs setup.sh in the learner\'s folder, and reset runs it again', async () => {
  const ws = join(tempDir(), 'ws');
  expect((await runCli(['init', ws], { env })).code).toBe(0);
  const prepared = join(ws, 'prepared', 'prepared.txt');
  const { workspaceId } = JSON.parse(readFileSync(join(ws, '.containerlings', 'progress.json'), 'utf8'));
  expect(readFileSync(prepared, 'utf8').trim()).toBe(`ready for ${workspaceId}`);
  expect((await runCli(['reset', 'prepared', '--yes', '--workspace', ws], { env })).code).toBe(0);
  expect(existsSync(prepared)).toBe(true);
  // A check on a workspace whose setup never ran (say, the engine was down at init) runs it first.
  rmSync(prepared);
  const progressFile = join(ws, '.containerlings', 'progress.json');
  const progress = JSON.parse(readFileSync(progressFile, 'utf8'));
  progress.exercises.prepared.setupDone = false;
  (await import('node:fs')).writeFileSync(progressFile, JSON.stringify(progress));
  const check = await runCli(['check', 'prepared', '--json', '--workspace', ws], { env });
  expect(JSON.parse(check.stdout)).toMatchObject({ outcome: 'fail', message: 'The answer is missing.' });
  expect(existsSync(prepared)).toBe(true);
});
