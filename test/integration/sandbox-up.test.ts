// `sandbox up`'s image steps against the real engine: the first run builds what is missing, a second run
// finds every image present and only inspects (the CLI's timing is measured by hand, never asserted here).
import { beforeAll, expect, it } from 'vitest';
import { loadCatalog } from '../../src/sandbox/images/catalog.js';
import type { Engine } from '../../src/sandbox/engine/connection.js';
import { imageSteps, runSteps, type SandboxStep } from '../../src/sandbox/images/steps.js';
import { ROOT, runCli } from '../support/cli.js';
import { requireEngine } from '../support/docker.js';

let engine: Engine;
beforeAll(async () => {
  engine = await requireEngine();
});

it('builds every catalog image once, then finds them all present', async () => {
  const names = Object.keys(await loadCatalog(ROOT));
  const first = await runSteps(
    await imageSteps(engine, ROOT),
    () => {},
    () => {},
  );
  expect(first.map((s) => s.name)).toEqual(names);
  for (const s of first) expect(['present', 'pulled', 'built']).toContain(s.status);
  const heard: string[] = [];
  const second = await runSteps(
    await imageSteps(engine, ROOT),
    (i, step, done) => heard.push(`${i}:${step.name}:${done ? done.status : 'start'}`),
    () => {},
  );
  expect(second.map((s) => s.status)).toEqual(names.map(() => 'present'));
  expect(heard).toEqual(names.flatMap((n, i) => [`${i}:${n}:start`, `${i}:${n}:present`]));
}, 600_000);

it('stops at the first failing step and reports nothing after it', async () => {
  const ran: string[] = [];
  const step = (name: string, fail = false): SandboxStep => ({
    name,
    run: async () => {
      ran.push(name);
      if (fail) throw new Error(`${name} broke`);
      return { status: 'done' };
    },
  });
  await expect(
    runSteps(
      [step('a'), step('b', true), step('c')],
      () => {},
      () => {},
    ),
  ).rejects.toThrow('b broke');
  expect(ran).toEqual(['a', 'b']);
});

it('`containerlings sandbox prepare --json` lists every image as present on a second run', async () => {
  const result = await runCli(['sandbox', 'prepare', '--json']);
  expect(result.code, result.stderr).toBe(0);
  const report = JSON.parse(result.stdout) as {
    ok: boolean;
    images: Record<string, string>;
    steps: { name: string; seconds: number }[];
  };
  expect(report.ok).toBe(true);
  expect(Object.values(report.images).every((s) => s === 'present')).toBe(true);
  expect(report.steps.length).toBe(Object.keys(report.images).length);
});
