// The course under BuildKit (Debian's docker client with DOCKER_BUILDKIT=1, the daemon's BuildKit). There, an image
// whose build adds no layer keeps its base image's Created, and a cached rebuild keeps the old one: the checks must
// still know the learner's build from an image that was there before the exercise began (issue 10).
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/sandbox/engine/connection.js';
import {
  BUILDKIT_DOCKER,
  buildkitEnv,
  buildkitMissing,
  claimedEngines,
  exercisesThatBuild,
} from '../support/buildkit.js';
import { ROOT, runCli, tempDir } from '../support/cli.js';
import { expectWholeCourseProven } from '../support/course-report.js';
import { dockerOk, requireEngine } from '../support/docker.js';
import { provenOnRemote, remoteRuns } from '../support/remote.js';

const missing = buildkitMissing();
const claimed = claimedEngines().includes('buildkit');
const IMAGE = 'containerlings/hello';

describe.skipIf(missing !== undefined && !claimed)(`under BuildKit${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let engine: Engine;

  beforeAll(async () => {
    if (missing) throw new Error(`CONTAINERLINGS_TEST_ENGINES claims buildkit, but ${missing}.`);
    engine = await requireEngine();
  });

  it('first-image: a BuildKit build of the solution passes; the same image from before the start does not', async () => {
    const root = tempDir('containerlings-buildkit-');
    const ws = join(root, 'ws');
    const folder = join(ws, 'first-image');
    const solution = join(ROOT, 'exercises', 'first-image', 'solution', 'Dockerfile');
    const build = (dir: string) => {
      const out = spawnSync(BUILDKIT_DOCKER, ['build', '--progress=plain', '-t', IMAGE, dir], {
        env: buildkitEnv(),
        encoding: 'utf8',
      });
      expect(out.status, out.stderr).toBe(0);
      expect(out.stderr).toMatch(/load build definition/); // BuildKit's progress, not the legacy builder's
    };
    const check = async () => {
      const run = await runCli(['check', 'first-image', '--json', '-w', ws], { env: buildkitEnv() });
      return JSON.parse(run.stdout) as { outcome: string; message: string };
    };
    const inspect = () =>
      engine.docker.getImage(IMAGE).inspect() as unknown as Promise<{
        Id: string;
        Created: string;
        Metadata: { LastTagTime: string };
      }>;
    const progress = () =>
      JSON.parse(readFileSync(join(ws, '.containerlings', 'progress.json'), 'utf8')).exercises['first-image'];
    try {
      dockerOk('rmi', IMAGE);
      // Given an image built before the exercise began (here: before the workspace exists)...
      build(join(ROOT, 'exercises', 'first-image', 'solution'));
      const old = await inspect();
      // ...and a start clearly after its tag (the rule allows 2 s of clock rounding):
      while (Date.now() < Date.parse(old.Metadata.LastTagTime) + 2500) await new Promise((r) => setTimeout(r, 100));
      expect((await runCli(['init', ws, '--json'])).code).toBe(0);
      expect(progress().images[IMAGE]).toBe(old.Id);
      // Then it is not the learner's work yet.
      const stale = await check();
      expect(stale.outcome).toBe('fail');
      expect(stale.message).toMatch(/built before you started/);

      // When the learner builds the reference solution in the exercise folder with BuildKit...
      cpSync(solution, join(folder, 'Dockerfile'));
      build(folder);
      const rebuilt = await inspect();
      // ...BuildKit hands back the same image, with its base image's Created: by Created alone it is "old".
      expect(rebuilt.Id).toBe(old.Id);
      expect(Date.parse(rebuilt.Created)).toBeLessThan(Date.parse(progress().startedAt));
      const passed = await check();
      expect(passed.outcome, passed.message).toBe('pass');

      // A reset removes the image and records that the name names nothing; the next BuildKit build passes.
      expect((await runCli(['reset', 'first-image', '--yes', '-w', ws])).code).toBe(0);
      expect(progress().images[IMAGE]).toBeNull();
      expect((await check()).outcome).toBe('fail');
      cpSync(solution, join(folder, 'Dockerfile'));
      build(folder);
      expect((await check()).outcome).toBe('pass');
    } finally {
      dockerOk('rmi', IMAGE);
      rmSync(root, { recursive: true, force: true });
    }
  }, 180_000);

  it('every exercise that builds: selftest --json under BuildKit is all green and leaves nothing labelled', async () => {
    // Only builds differ under BuildKit; the exercises that never build are proven by the legacy run (selftest.test).
    const all = exercisesThatBuild();
    for (const id of ['first-image', 'ecr-push', 'compose-app', 'lean-cache-order', 'cd-commit-tag'])
      expect(all).toContain(id);
    for (const id of ['ns-hostname', 'cg-oom', 'storage-kinds']) expect(all).not.toContain(id);
    // When the remote engine's test runs, it proves its lessons under BuildKit (engine-remote.test.ts): those
    // exercises are not built again here. Either way, every exercise that builds is proven under BuildKit.
    const remote = remoteRuns() ? provenOnRemote() : [];
    const ids = all.filter((id) => !remote.includes(id));
    if (remote.length)
      for (const id of ['ecr-push', 'cd-commit-tag', 'compose-config', 'desired-count']) expect(ids).toContain(id);
    const began = Date.now();
    const result = await runCli(['selftest', ...ids, '--json'], { env: buildkitEnv(), timeoutMs: 2_400_000 });
    const seconds = Math.round((Date.now() - began) / 1000);
    console.log(
      `selftest of ${ids.length} exercises that build, under BuildKit here (${all.length - ids.length} on the remote engine): ${seconds} s`,
    );
    expectWholeCourseProven(result, ids);
    // The attempts' builds went through BuildKit: its build cache was used during the run (the legacy builder has none).
    const df = (await engine.docker.df()) as { BuildCache?: { LastUsedAt?: string }[] };
    expect((df.BuildCache ?? []).some((r) => r.LastUsedAt && Date.parse(r.LastUsedAt) >= began)).toBe(true);
  }, 2_400_000);
});
