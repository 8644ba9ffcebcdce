// Ctrl-C during long work: the command stops, says so, exits 130, and leaves nothing behind.
import { spawn } from 'node:child_process';
import { beforeAll, expect, it } from 'vitest';
import { CLI, ROOT, STACK_FRAME } from '../support/cli.js';
import { docker, labelledContainers, newLabelledContainers, requireEngine } from '../support/docker.js';

beforeAll(async () => {
  await requireEngine();
});

it('a self-test interrupted with SIGINT cleans up what it made', async () => {
  const before = labelledContainers();
  const child = spawn(process.execPath, [CLI, 'selftest', 'layers', 'adder'], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  // Interrupt in the middle of an attempt: right after the solution of layers passed, the next attempt is running.
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (c) => {
      stdout += c;
      if (/layers\s+solution/.test(stdout)) resolve();
    });
  });
  await new Promise((r) => setTimeout(r, 300));
  child.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).toBe(130);
  expect(stderr).toMatch(/Cancelled\./);
  expect(stderr).not.toMatch(STACK_FRAME);
  expect(newLabelledContainers(before)).toEqual([]);
  expect(docker('images', '-q', 'containerlings/layers')).toBe('');
  expect(docker('images', '-q', 'containerlings/adder')).toBe('');
  // Its claim on the engine (one self-test at a time) went with it.
  expect(docker('network', 'ls', '-q', '--filter', 'name=^containerlings-selftest$')).toBe('');
}, 120_000);
