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
  expect(report.attempts.map((a: { attempt: string; outcome: string }) => `${a.attempt}:${a.outcome}`)).toEqual([
    'starter:fail',
    'solution:pass',
    'wrong/nothing:fail',
    'wrong/off-by-one:fail',
  ]);
  expect(code).toBe(0);
});

it('setup.sh runs when the learner starts the exercise (first check), and again after a reset', async () => {
  const ws = join(tempDir(), 'ws');
  expect((await runCli(['init', ws], { env })).code).toBe(0);
  const prepared = join(ws, 'prepared', 'prepared.txt');
  // init only copies files: an exercise's setup (a swarm, a running container...) waits until it is started.
  expect(existsSync(prepared)).toBe(false);
  const check = await runCli(['check', 'prepared', '--json', '--workspace', ws], { env });
  expect(JSON.parse(check.stdout)).toMatchObject({ outcome: 'fail', message: 'The answer is missing.' });
  const { workspaceId } = JSON.parse(readFileSync(join(ws, '.containerlings', 'progress.json'), 'utf8'));
  expect(readFileSync(prepared, 'utf8').trim()).toBe(`ready for ${workspaceId}`);
  rmSync(prepared);
  expect((await runCli(['reset', 'prepared', '--yes', '--workspace', ws], { env })).code).toBe(0);
  expect(existsSync(prepared)).toBe(true);
});
