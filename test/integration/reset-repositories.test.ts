// Reset removes the repositories an exercise declares from the sandbox registry, and only those, even while the
// registry is stopped (after a reboot or `sandbox down`): the tags used to come back with the next `sandbox up`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { RegistryApi } from '../../src/sandbox/services/registry/registry-api.js';
import { runCli, tempDir } from '../support/cli.js';
import { dockerOk, requireEngine } from '../support/docker.js';

const sandbox = tempDir('containerlings-reset-repos-');
const env = { CONTAINERLINGS_SANDBOX_DIR: sandbox, CONTAINERLINGS_OFFLINE: '1' };
const dockerEnv = { ...process.env, DOCKER_CONFIG: tempDir('containerlings-reset-docker-') };
const pushed: string[] = [];

afterAll(async () => {
  for (const ref of pushed) dockerOk('rmi', ref);
  await runCli(['sandbox', 'down'], { env });
});

it('reset push-to-registry removes cl-hello from a stopped registry, and leaves another repository', async () => {
  await requireEngine();
  expect((await runCli(['sandbox', 'up'], { env })).code).toBe(0);
  const port = JSON.parse(readFileSync(join(sandbox, 'sandbox.json'), 'utf8')).registryPort as number;
  const password = readFileSync(join(sandbox, 'registry', 'learner-password'), 'utf8').trim();
  const docker = (...args: string[]) => execFileSync('docker', args, { env: dockerEnv, input: password });
  docker('login', `localhost:${port}`, '-u', 'learner', '--password-stdin');
  for (const repo of ['cl-hello', 'cl-learners-own']) {
    const ref = `localhost:${port}/${repo}:v1`;
    docker('tag', 'containerlings/busybox:latest', ref);
    pushed.push(ref);
    docker('push', ref);
  }
  expect((await runCli(['sandbox', 'down'], { env })).code).toBe(0);

  const ws = join(tempDir(), 'ws');
  expect((await runCli(['init', ws], { env })).code).toBe(0);
  const reset = await runCli(['reset', 'push-to-registry', '--yes', '--json', '--workspace', ws], { env });
  expect(reset.code, reset.stderr).toBe(0);
  expect(JSON.parse(reset.stdout).removed).toContain('repository cl-hello');

  expect((await runCli(['sandbox', 'up'], { env })).code).toBe(0);
  const api = await RegistryApi.withLogin(`http://127.0.0.1:${port}`, 'learner', password);
  expect(await api.tags('cl-hello')).toEqual([]);
  expect(await api.tags('cl-learners-own')).toEqual(['v1']);
}, 180_000);
