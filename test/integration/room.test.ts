// Preparing the room: selftest --workshop (in parallel, with progress and a summary), sandbox pack/load, and
// doctor --workshop, against the real engine.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../support/cli.js';
import { requireEngine } from '../support/docker.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';

const dir = tempDir('containerlings-room-');
let registry: TestRegistry;

beforeAll(async () => {
  await requireEngine();
  registry = await startRegistry();
});
afterAll(() => registry?.stop());

it('selftest --workshop runs exercises that share nothing at the same time, and ends with a summary table', async () => {
  // A course with two independent exercises (copies of the setup fixture).
  const content = join(dir, 'course');
  cpSync(join(ROOT, 'test', 'fixtures', 'setup-course'), content, { recursive: true });
  cpSync(join(content, 'exercises', 'prepared'), join(content, 'exercises', 'prepared-two'), { recursive: true });
  const meta = join(content, 'exercises', 'prepared-two', 'exercise.yaml');
  writeFileSync(meta, readFileSync(meta, 'utf8').replace('id: prepared', 'id: prepared-two'));
  const lesson = join(content, 'lessons', 'basics', 'lesson.md');
  writeFileSync(
    lesson,
    readFileSync(lesson, 'utf8').replace('exercises: [prepared]', 'exercises: [prepared, prepared-two]'),
  );
  const workshop = join(dir, 'w.yaml');
  writeFileSync(workshop, 'version: 1\ntitle: Room test\nlessons: [basics]\n');
  const env = { CONTAINERLINGS_CONTENT: content, CONTAINERLINGS_SELFTEST_JOBS: '2' };
  const run = await runCli(['selftest', '--workshop', workshop], { env });
  expect(run.code, run.stdout + run.stderr).toBe(0);
  // Not a terminal, so the progress view prints a line per start: both began before any attempt finished.
  expect(run.stderr).toMatch(/\[0\/8\] 0m0\ds start prepared\n/);
  expect(run.stderr).toMatch(/\[0\/8\] 0m0\ds start prepared-two\n/);
  expect(run.stdout).toMatch(
    /exercise +attempts +ok +bad +seconds\nprepared +4 +4 +0 +[\d.]+s\nprepared-two +4 +4 +0 +[\d.]+s/,
  );
  expect(run.stdout).toMatch(/Room test: 8 attempts, 0 wrong verdicts, 2 at a time/);
  const json = JSON.parse((await runCli(['selftest', '--workshop', workshop, '--json'], { env })).stdout);
  expect(json).toMatchObject({ ok: true, jobs: 2, leftovers: { containers: 0, images: 0, networks: 0, volumes: 0 } });
  expect(json.attempts.map((a: { exercise: string }) => a.exercise)).toEqual([
    ...Array(4).fill('prepared'),
    ...Array(4).fill('prepared-two'),
  ]);
});

it('sandbox pack carries the base image and the registry data; sandbox load restores both', async () => {
  const from = join(dir, 'sandbox-from');
  mkdirSync(join(from, 'registry', 'data', 'docker'), { recursive: true });
  writeFileSync(join(from, 'registry', 'data', 'docker', 'marker'), 'blob');
  const pack = join(dir, 'room.tar');
  const packed = await runCli(['sandbox', 'pack', pack, 'base/busybox', '--json'], {
    env: { CONTAINERLINGS_SANDBOX_DIR: from },
  });
  expect(packed.code, packed.stderr).toBe(0);
  expect(JSON.parse(packed.stdout)).toMatchObject({
    images: { 'base/busybox': 'containerlings/busybox:latest' },
    registryData: true,
  });
  const to = join(dir, 'sandbox-to');
  const loaded = await runCli(['sandbox', 'load', pack, '--json'], { env: { CONTAINERLINGS_SANDBOX_DIR: to } });
  expect(loaded.code, loaded.stderr).toBe(0);
  expect(JSON.parse(loaded.stdout).loaded).toContain('containerlings/busybox:latest');
  expect(readFileSync(join(to, 'registry', 'data', 'docker', 'marker'), 'utf8')).toBe('blob');
  expect((await runCli(['sandbox', 'load', join(dir, 'missing.tar')])).code).toBe(2);
});

it('doctor --workshop prints one line per problem with its fix, and passes when the room is ready', async () => {
  const down = join(dir, 'down.yaml');
  writeFileSync(down, 'version: 1\ntitle: Down\nlessons: [dockerfiles-and-images]\nregistry: 127.0.0.1:9\n');
  const bad = await runCli(['doctor', '--workshop', down]);
  expect(bad.code).toBe(2);
  expect(bad.stdout.trim().split('\n')).toEqual([
    '✘ the class registry 127.0.0.1:9 does not answer (no connection)  → containerlings sandbox up',
  ]);
  const up = join(dir, 'up.yaml');
  writeFileSync(up, `version: 1\ntitle: Up\nlessons: [dockerfiles-and-images]\nregistry: ${registry.address}\n`);
  const good = await runCli(['doctor', '--workshop', up, '--json']);
  expect(good.code, good.stdout).toBe(0);
  expect(JSON.parse(good.stdout).checked).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^engine: Docker/),
      'image base/busybox',
      `registry ${registry.address}`,
    ]),
  );
  expect(existsSync(up)).toBe(true);
});
