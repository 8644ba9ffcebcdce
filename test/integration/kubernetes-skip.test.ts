// Without a Kubernetes cluster the kubernetes lesson is marked unavailable by `list`, and `selftest` reports its
// exercise as skipped with the reason: green for "no cluster", red when a cluster is there but refuses kubectl.
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../support/cli.js';
import { requireEngine } from '../support/docker.js';
import { fakeKubectl } from '../support/kubectl.js';

// Only the kubernetes lesson, so that other lessons' work in progress cannot break these tests.
const content = tempDir('containerlings-k8s-content-');
for (const dir of ['sandbox', 'lessons/kubernetes', 'exercises/k8s-desired-count']) {
  mkdirSync(join(content, dir), { recursive: true });
  cpSync(join(ROOT, dir), join(content, dir), { recursive: true });
}
const env = (kubectl: string) => ({ CONTAINERLINGS_CONTENT: content, CONTAINERLINGS_KUBECTL: kubectl });

beforeAll(async () => {
  await requireEngine();
});

it('list marks the lesson unavailable with the reason, in text and JSON', async () => {
  const kubectl = fakeKubectl(undefined, { code: 0 });
  const json = await runCli(['list', '--json'], { env: env(kubectl) });
  expect(json.code, json.stderr).toBe(0);
  const lesson = JSON.parse(json.stdout).lessons.find((l: { id: string }) => l.id === 'kubernetes');
  expect(lesson.unavailable).toMatch(/^no cluster: kubectl has no current context/);
  const text = await runCli(['list'], { env: env(kubectl) });
  expect(text.stdout).toMatch(/\(kubernetes, unavailable: no cluster: kubectl has no current context/);

  const answering = await runCli(['list', '--json'], { env: env(fakeKubectl('kind-demo', { code: 0 })) });
  expect(
    JSON.parse(answering.stdout).lessons.find((l: { id: string }) => l.id === 'kubernetes').unavailable,
  ).toBeUndefined();
});

it('selftest skips the exercise out loud, green only when the reason is that there is no cluster', async () => {
  const refused = await runCli(['selftest', 'k8s-desired-count', '--json'], {
    env: env(fakeKubectl('kind-demo', { code: 1, stderr: 'The connection to the server 127.0.0.1:6443 was refused' })),
  });
  expect(refused.code, refused.stderr).toBe(0);
  const report = JSON.parse(refused.stdout);
  expect(report.ok).toBe(true);
  expect(report.attempts).toEqual([]);
  expect(report.skipped).toEqual([
    {
      exercise: 'k8s-desired-count',
      lesson: 'kubernetes',
      noCluster: true,
      reason: expect.stringMatching(/^no cluster: the context "kind-demo" does not answer/),
    },
  ]);

  const text = await runCli(['selftest', 'k8s-desired-count'], { env: env(fakeKubectl(undefined, { code: 0 })) });
  expect(text.code).toBe(0);
  expect(text.stdout).toMatch(/skip k8s-desired-count\s+no cluster: kubectl has no current context/);
  expect(text.stdout).toContain('1 exercises skipped');

  const unauthorized = await runCli(['selftest', 'k8s-desired-count', '--json'], {
    env: env(fakeKubectl('eks', { code: 1, stderr: 'error: You must be logged in to the server (Unauthorized)' })),
  });
  expect(unauthorized.code).toBe(1);
  expect(JSON.parse(unauthorized.stdout)).toMatchObject({
    ok: false,
    skipped: [{ exercise: 'k8s-desired-count', noCluster: false }],
  });
});
