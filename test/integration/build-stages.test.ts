// The self-test removes the untagged build stages its attempts' multi-stage builds leave (the classic builder keeps
// each stage as an image), and only those: untagged images that were there before stay.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { danglingImages, removeNewDangling } from '../../src/sandbox/cleanup.js';
import { tempDir } from '../support/cli.js';
import { docker, dockerOk, requireEngine } from '../support/docker.js';

it('removes the stages a build left since the snapshot, and no untagged image from before', async () => {
  const engine = await requireEngine();
  const dir = tempDir('containerlings-stages-');
  const tag = `containerlings/stages-test:${process.pid}`;
  const build = (marker: string) => {
    writeFileSync(
      join(dir, 'Dockerfile'),
      `FROM containerlings/busybox:latest AS build\nRUN echo ${marker} > /stage.txt\n` +
        'FROM containerlings/busybox:latest\nCOPY --from=build /stage.txt /stage.txt\n',
    );
    execFileSync('docker', ['build', '--force-rm', '-q', '-t', tag, dir], {
      env: { ...process.env, DOCKER_BUILDKIT: '0' },
    });
  };
  const found = await danglingImages(engine);
  build(`older-${Date.now()}`);
  docker('rmi', tag); // the final image goes; its stage stays untagged, like the learner's or an earlier run's
  const before = await danglingImages(engine);
  const older = [...before].filter((id) => !found.has(id));
  expect(older.length).toBeGreaterThan(0);
  const began = Date.now();
  build(`attempt-${Date.now()}`);
  docker('rmi', tag);
  const left = [...(await danglingImages(engine))].filter((id) => !before.has(id));
  expect(left.length).toBeGreaterThan(0);

  const out = await removeNewDangling(engine, before, began);
  expect(out.removed.length).toBe(left.length);
  const now = await danglingImages(engine);
  for (const id of left) expect(now.has(id)).toBe(false);
  for (const id of before) expect(now.has(id)).toBe(true);
  // Leave nothing: the older stage was this test's own too (removed by id, never by a wider filter).
  for (const id of older) dockerOk('rmi', id);
}, 120_000);
