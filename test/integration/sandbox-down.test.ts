// `sandbox down` stops the services its sandbox folder started, whatever CONTAINERLINGS_REGISTRY says: the sandbox
// shell exports the sandbox's own registry under that name, and a `sandbox up` or `down` typed in that shell used to
// take it for a registry the learner runs, and leave it running. A registry the learner does run is never stopped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { isAlive, waitForHttp } from '../../src/sandbox/services/registry/registry-process.js';
import { runCli, tempDir } from '../support/cli.js';
import { requireEngine } from '../support/docker.js';

const ours = tempDir('containerlings-sandbox-down-');
const learners = tempDir('containerlings-sandbox-learner-');
// Offline: the registry is Debian's binary, a process of our own, so the test can see it end.
const envOf = (dir: string, extra: Record<string, string> = {}) => ({
  CONTAINERLINGS_SANDBOX_DIR: dir,
  CONTAINERLINGS_OFFLINE: '1',
  ...extra,
});
const settingsOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'sandbox.json'), 'utf8'));
const portOf = (dir: string) => settingsOf(dir).registryPort as number;
const pidOf = (dir: string) => Number(readFileSync(join(dir, 'registry', 'registry.pid'), 'utf8'));
const answers = (port: number) => waitForHttp(`http://127.0.0.1:${port}/v2/`, 1000);

afterAll(async () => {
  for (const dir of [ours, learners]) await runCli(['sandbox', 'down'], { env: envOf(dir) });
});

it('stops our registry and endpoint with CONTAINERLINGS_REGISTRY exported, and never the learner’s registry', async () => {
  await requireEngine();
  for (const dir of [ours, learners]) {
    const up = await runCli(['sandbox', 'up', '--json'], { env: envOf(dir) });
    expect(up.code, up.stderr).toBe(0);
  }
  const port = portOf(ours);
  const pid = pidOf(ours);
  const shell = envOf(ours, { CONTAINERLINGS_REGISTRY: `localhost:${port}` });
  // In the sandbox shell: `sandbox up` again finds the registry running, and it is still ours.
  const again = await runCli(['sandbox', 'up', '--json'], { env: shell });
  expect(again.code, again.stderr).toBe(0);
  expect(settingsOf(ours).registryKind).toBe('binary');

  const down = await runCli(['sandbox', 'down', '--json'], { env: shell });
  expect(down.code, down.stderr).toBe(0);
  expect(JSON.parse(down.stdout).stopped).toEqual(['ECR endpoint', 'registry']);
  for (let i = 0; i < 50 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  expect(isAlive(pid)).toBe(false);
  expect(await answers(port)).toBe(false);

  // A registry the learner configured (here: another sandbox's) is theirs: `down` stops our endpoint only.
  await runCli(['sandbox', 'up'], { env: envOf(ours) });
  const external = envOf(ours, { CONTAINERLINGS_REGISTRY: `localhost:${portOf(learners)}` });
  const downExternal = await runCli(['sandbox', 'down', '--json'], { env: external });
  expect(JSON.parse(downExternal.stdout).stopped).toEqual(['ECR endpoint', 'registry']);
  expect(await answers(portOf(learners))).toBe(true);
}, 120_000);
