// Swarm mode belongs to whoever created it: a swarm the learner already had survives reset, sandbox clean and
// the self-test with its services; a swarm containerlings initialised stays through a reset (the exercise needs
// it) and is left by sandbox clean. Every test leaves the engine's swarm state as it found it.
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Resources } from '../../src/lessons/schema.js';
import { removeDeclared } from '../../src/sandbox/cleanup.js';
import type { Engine } from '../../src/sandbox/engine/connection.js';
import { ROOT, runCli, tempDir } from '../support/cli.js';
import { docker, dockerOk, requireEngine } from '../support/docker.js';

const tag = randomBytes(3).toString('hex');
const learner = { service: `learner-web-${tag}`, network: `learner-net-${tag}` };
const swarmState = () => docker('info', '--format', '{{.Swarm.LocalNodeState}}');
const clusterId = () => docker('info', '--format', '{{.Swarm.Cluster.ID}}');
const nodeLabels = () =>
  JSON.parse(
    docker('node', 'inspect', '--format', '{{json .Spec.Labels}}', docker('info', '--format', '{{.Swarm.NodeID}}')),
  ) ?? {};

// Only the swarm lesson, so that other lessons' work in progress cannot break these tests.
const content = tempDir('containerlings-swarm-content-');
for (const dir of [
  'sandbox',
  'lessons/swarm',
  'exercises/desired-count',
  'exercises/swarm-rolling-update',
  'exercises/swarm-placement',
]) {
  mkdirSync(join(content, dir), { recursive: true });
  cpSync(join(ROOT, dir), join(content, dir), { recursive: true });
}
const env = { CONTAINERLINGS_CONTENT: content };
const workspaceIdOf = (ws: string) =>
  JSON.parse(readFileSync(join(ws, '.containerlings', 'progress.json'), 'utf8')).workspaceId as string;

let foundState = '';
let hadGwbridge = false;
let engine: Engine;
beforeAll(async () => {
  engine = await requireEngine();
  foundState = swarmState();
  hadGwbridge = dockerOk('network', 'inspect', 'docker_gwbridge');
});

/** Removes the learner's stand-ins and puts swarm mode back as found. */
function restoreEngine() {
  dockerOk('service', 'rm', learner.service);
  for (
    let i = 0;
    i < 50 && !dockerOk('network', 'rm', learner.network) && dockerOk('network', 'inspect', learner.network);
    i++
  )
    execSleep();
  if (foundState === 'inactive' && swarmState() !== 'inactive') dockerOk('swarm', 'leave', '--force');
  if (!hadGwbridge && swarmState() === 'inactive') dockerOk('network', 'rm', 'docker_gwbridge');
}

afterAll(() => {
  // The engine's swarm state must be exactly as found, whatever happened above.
  restoreEngine();
  expect(swarmState()).toBe(foundState);
});

function execSleep() {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
}

describe('a swarm the learner already had', () => {
  it('survives the self-test, reset and sandbox clean, with its services and networks', async () => {
    const weCreated = foundState === 'inactive';
    if (weCreated) docker('swarm', 'init', '--advertise-addr', '127.0.0.1'); // the learner's own swarm, unlabelled
    const cluster = clusterId();
    docker('network', 'create', '--driver', 'overlay', '--attachable', learner.network);
    docker(
      'service',
      'create',
      '--detach',
      '--quiet',
      '--name',
      learner.service,
      '--replicas',
      '2',
      '--network',
      learner.network,
      'containerlings/busybox',
      'sleep',
      '3600',
    );

    const selftest = await runCli(['selftest', 'desired-count', '--json'], { env });
    expect(selftest.code, selftest.stdout + selftest.stderr).toBe(0);
    const ws = join(tempDir(), 'ws');
    expect((await runCli(['init', ws], { env })).code).toBe(0);
    expect((await runCli(['check', 'desired-count', '--workspace', ws], { env })).code).toBe(1); // runs setup.sh: reuses the swarm
    const reset = await runCli(['reset', 'desired-count', '--yes', '--json', '--workspace', ws], { env });
    expect(reset.code, reset.stderr).toBe(0);
    expect(JSON.parse(reset.stdout).removed.join(' ')).not.toMatch(/swarm/);
    expect((await runCli(['sandbox', 'clean', '--workspace', ws], { env })).code).toBe(0);

    expect(swarmState()).toBe('active');
    expect(clusterId()).toBe(cluster);
    expect(docker('service', 'inspect', '--format', '{{.Spec.Mode.Replicated.Replicas}}', learner.service)).toBe('2');
    expect(dockerOk('network', 'inspect', learner.network)).toBe(true);
    expect(Object.keys(nodeLabels()).filter((k) => k.startsWith('io.containerlings'))).toEqual([]);
    expect(dockerOk('service', 'inspect', 'cl-hello')).toBe(false);
    restoreEngine();
    expect(swarmState()).toBe(foundState);
  }, 600_000); // a whole self-test of desired-count (six attempts, each waiting for Swarm to converge)
});

describe('a swarm containerlings initialised', () => {
  it('is labelled for the workspace, kept by reset, and left by sandbox clean', async (ctx) => {
    // Needs an engine outside swarm mode; an engine already in a swarm is covered by the test above.
    if (foundState !== 'inactive') ctx.skip();
    const ws = join(tempDir(), 'ws');
    expect((await runCli(['init', ws], { env })).code).toBe(0); // init runs setup.sh: swarm init, node labelled
    expect((await runCli(['check', 'desired-count', '--workspace', ws], { env })).code).toBe(1);
    expect(swarmState()).toBe('active');
    expect(nodeLabels()['io.containerlings.sandbox']).toBe(workspaceIdOf(ws));

    const first = clusterId();
    const reset = await runCli(['reset', 'desired-count', '--yes', '--json', '--workspace', ws], { env });
    expect(reset.code, reset.stderr).toBe(0);
    // Reset removes what the exercise declares and keeps swarm mode: the same swarm, still labelled as ours.
    expect(JSON.parse(reset.stdout).removed.join(' ')).not.toMatch(/swarm/);
    expect(clusterId()).toBe(first);
    expect(nodeLabels()['io.containerlings.sandbox']).toBe(workspaceIdOf(ws));
    const clean = await runCli(['sandbox', 'clean', '--json', '--workspace', ws], { env });
    expect(clean.code, clean.stderr).toBe(0);
    expect(swarmState()).toBe('inactive');
  });
});

describe('node labels an exercise declares (nodeLabels)', () => {
  // A key of the test's own, so that a zone label on a learner's real node is never at stake.
  const key = `cl-test-zone-${tag}`;
  const resources = Resources.parse({ nodeLabels: [key], swarm: true });
  const nodeId = () => docker('info', '--format', '{{.Swarm.NodeID}}');

  it('stay on a swarm the learner already had', async () => {
    if (foundState === 'inactive') docker('swarm', 'init', '--advertise-addr', '127.0.0.1'); // unlabelled: the learner's
    docker('node', 'update', '--label-add', `${key}=a`, nodeId());
    const out = await removeDeclared(engine, resources);
    expect(nodeLabels()[key]).toBe('a');
    expect(out.removed.join(' ')).not.toMatch(/node label|swarm/);
    docker('node', 'update', '--label-rm', key, nodeId());
    restoreEngine();
    expect(swarmState()).toBe(foundState);
  });

  it('are removed, and only they, from a swarm containerlings initialised, even for another workspace', async (ctx) => {
    if (foundState !== 'inactive') ctx.skip(); // needs a swarm of ours; the test above covers the learner's
    docker('swarm', 'init', '--advertise-addr', '127.0.0.1');
    docker(
      'node',
      'update',
      '--label-add',
      `io.containerlings.sandbox=ws-a-${tag}`,
      '--label-add',
      `${key}=a`,
      '--label-add',
      'cl-test-other=b',
      nodeId(),
    );
    // Any workspace's reset: the exercise's label goes; swarm mode and its ownership label stay.
    const other = await removeDeclared(engine, resources);
    expect(other.removed).toEqual([`node label ${key}`]);
    expect(nodeLabels()).toEqual({ 'io.containerlings.sandbox': `ws-a-${tag}`, 'cl-test-other': 'b' });
    expect(swarmState()).toBe('active');
    expect((await removeDeclared(engine, resources)).removed).toEqual([]);
    expect(swarmState()).toBe('active');
    restoreEngine();
  });
});
