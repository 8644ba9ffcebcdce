// Reset, cleanup and the self-test remove only what containerlings labelled or an exercise declared:
// the learner's own containers and images survive all of them.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/cli.js';
import { docker, dockerOk, requireEngine } from '../support/docker.js';

const tag = randomBytes(3).toString('hex');
const mine = {
  container: `learner-own-${tag}`,
  // Looks like ours, but no exercise declares it and it carries no label.
  lookalike: `cl-adder-${tag}`,
  image: `learner/own:${tag}`,
  lookalikeImage: `containerlings/mine-${tag}`,
};
const ws = join(tempDir(), 'ws');

beforeAll(async () => {
  await requireEngine();
  expect((await runCli(['init', ws])).code).toBe(0);
  docker('tag', 'containerlings/busybox', mine.image);
  docker('tag', 'containerlings/busybox', mine.lookalikeImage);
  docker('run', '-d', '--name', mine.container, mine.image, 'sleep', '600');
  docker('run', '-d', '--name', mine.lookalike, mine.image, 'sleep', '600');
});

afterAll(() => {
  for (const c of [mine.container, mine.lookalike]) dockerOk('rm', '-f', c);
  for (const i of [mine.image, mine.lookalikeImage]) dockerOk('rmi', i);
});

function expectMineIntact() {
  for (const c of [mine.container, mine.lookalike])
    expect(docker('inspect', '-f', '{{.State.Running}}', c)).toBe('true');
  for (const i of [mine.image, mine.lookalikeImage]) expect(dockerOk('image', 'inspect', i)).toBe(true);
}

describe("the learner's own resources", () => {
  it('survive a reset of every exercise', async () => {
    const list = JSON.parse((await runCli(['list', '--json', '--workspace', ws])).stdout);
    for (const { id } of list.lessons[0].exercises) {
      const { code, stderr } = await runCli(['reset', id, '--yes', '--workspace', ws]);
      expect(code, stderr).toBe(0);
    }
    expectMineIntact();
  });

  it('survive the self-test, which leaves nothing labelled behind', async () => {
    const { code, stdout } = await runCli(['selftest', 'first-image', 'adder', '--json']);
    expect(code, stdout).toBe(0);
    expect(JSON.parse(stdout).leftovers).toEqual({ containers: 0, images: 0, networks: 0, volumes: 0 });
    expectMineIntact();
  });

  it('survive `sandbox clean`, which removes what is labelled for the workspace', async () => {
    // Something of ours to clean: a container labelled for this workspace.
    const { workspaceId } = JSON.parse(readFileSync(join(ws, '.containerlings', 'progress.json'), 'utf8'));
    docker(
      'run',
      '-d',
      '--label',
      `io.containerlings.sandbox=${workspaceId}`,
      '--name',
      `cl-labelled-${tag}`,
      mine.image,
      'sleep',
      '600',
    );
    const { code, stdout } = await runCli(['sandbox', 'clean', '--json', '--workspace', ws]);
    expect(code, stdout).toBe(0);
    expect(JSON.parse(stdout).removed).toContain(`container cl-labelled-${tag}`);
    expect(dockerOk('inspect', `cl-labelled-${tag}`)).toBe(false);
    expectMineIntact();
    expect(dockerOk('image', 'inspect', 'containerlings/busybox')).toBe(true);
  });
});
