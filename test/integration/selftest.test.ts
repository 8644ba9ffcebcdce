// Every check is proven on the real engine: starters fail, solutions pass, known-wrong attempts fail.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/cli.js';
import { docker, requireEngine } from '../support/docker.js';

beforeAll(async () => {
  await requireEngine();
});

it('selftest --json is all green and leaves nothing labelled', async () => {
  const { code, stdout, stderr } = await runCli(['selftest', '--json'], { timeoutMs: 2_400_000 });
  const report = JSON.parse(stdout);
  const bad = report.attempts.filter((a: { ok: boolean }) => !a.ok);
  expect(bad, stderr).toEqual([]);
  expect(code).toBe(0);
  expect(report.leftovers).toEqual({ containers: 0, images: 0, networks: 0, volumes: 0 });
  // Every exercise on disk was tried: its starter, its solution and each wrong attempt.
  // Exercises whose lesson this machine cannot do (no Kubernetes cluster) are skipped out loud, with the reason.
  const skipped = new Set((report.skipped ?? []).map((s: { exercise: string; noCluster: boolean }) => (expect(s.noCluster).toBe(true), s.exercise)));
  for (const id of readdirSync(join(ROOT, 'exercises'))) {
    if (skipped.has(id)) continue;
    const names = report.attempts.filter((a: { exercise: string }) => a.exercise === id).map((a: { attempt: string }) => a.attempt);
    const wrong = readdirSync(join(ROOT, 'exercises', id, 'wrong')).map((w) => `wrong/${w}`);
    expect(names.sort()).toEqual(['solution', 'starter', ...wrong].sort());
    expect(wrong.length).toBeGreaterThanOrEqual(2);
  }
  expect(docker('ps', '-aq', '--filter', 'label=io.containerlings.sandbox').split('\n').filter(Boolean)).toEqual([]);
}, 2_400_000);
