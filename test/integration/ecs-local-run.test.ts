// An ECS task definition run locally on Swarm: it serves on 127.0.0.1 with its environment and its cpu/memory as
// limits, and cleanup removes everything it made and leaves swarm mode exactly as it was found.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { removeLabelled } from '../../src/sandbox/cleanup.js';
import { localNames, runTaskDefinitionLocally } from '../../src/sandbox/ecs/local-run.js';
import { checkTaskDefinition } from '../../src/sandbox/ecs/task-definition.js';
import { SANDBOX_LABEL, type Engine } from '../../src/sandbox/engine/connection.js';
import { serviceFacts } from '../../src/sandbox/engine/service-facts.js';
import { docker, dockerOk, requireEngine } from '../support/docker.js';

const tag = randomBytes(3).toString('hex');
const workspaceId = `ecs-test-${tag}`;
const family = `ecstest-${tag}`;
const names = localNames(family);
const swarmState = () => docker('info', '--format', '{{.Swarm.LocalNodeState}}');

// A web server from the base image alone: a CGI script that prints the GREETING the task definition sets.
const serve =
  'mkdir -p /www/cgi-bin && ' +
  'printf "#!/bin/sh\\nprintf \\"Content-Type: text/plain\\\\r\\\\n\\\\r\\\\n\\"\\necho \\"$GREETING\\"\\n" > /www/cgi-bin/greet && ' +
  'chmod +x /www/cgi-bin/greet && exec httpd -f -p 8080 -h /www';
const definition = {
  family,
  cpu: '256',
  memory: '128',
  containerDefinitions: [
    {
      name: 'web',
      image: 'containerlings/busybox',
      essential: true,
      command: ['sh', '-c', serve],
      portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
      environment: [{ name: 'GREETING', value: `hello from ${tag}` }],
      healthCheck: {
        command: ['CMD-SHELL', 'wget -qO- http://127.0.0.1:8080/cgi-bin/greet || exit 1'],
        interval: 5,
        timeout: 3,
        retries: 3,
      },
      logConfiguration: { logDriver: 'json-file', options: { 'max-size': '1m' } },
    },
  ],
};

let engine: Engine;
let foundState = '';
let hadGwbridge = false;
beforeAll(async () => {
  engine = await requireEngine();
  foundState = swarmState();
  hadGwbridge = dockerOk('network', 'inspect', 'docker_gwbridge');
  if (foundState === 'inactive') {
    // As an exercise's setup.sh does: a swarm we initialise carries our workspace label, so cleanup may leave it.
    docker('swarm', 'init', '--advertise-addr', '127.0.0.1');
    docker(
      'node',
      'update',
      '--label-add',
      `${SANDBOX_LABEL}=${workspaceId}`,
      docker('info', '--format', '{{.Swarm.NodeID}}'),
    );
  }
});

afterAll(async () => {
  await removeLabelled(engine, workspaceId).catch(() => undefined);
  if (foundState === 'inactive' && swarmState() !== 'inactive') dockerOk('swarm', 'leave', '--force');
  if (!hadGwbridge && swarmState() === 'inactive') dockerOk('network', 'rm', 'docker_gwbridge');
});

async function get(url: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return await res.text();
      if (Date.now() > deadline) return `HTTP ${res.status}`;
    } catch (e) {
      if (Date.now() > deadline) return `no answer: ${(e as Error).message}`;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

it('runs a task definition as a Swarm service that serves on 127.0.0.1 with its environment and limits', async () => {
  const checked = checkTaskDefinition(JSON.stringify(definition));
  expect(checked, JSON.stringify(checked)).toMatchObject({ ok: true });
  if (!checked.ok) return;

  const run = await runTaskDefinitionLocally(engine, workspaceId, checked.definition);
  expect(run.problem).toBeUndefined();
  expect(run.service).toBe(names.service);
  expect(run.urls).toHaveLength(1);
  expect(run.urls[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect((await get(`${run.urls[0]}/cgi-bin/greet`)).trim()).toBe(`hello from ${tag}`);

  const facts = await serviceFacts(engine, names.service);
  expect(facts?.limits).toEqual({ nanoCpus: 250_000_000, memoryBytes: 128 * 1024 * 1024 });
  expect(facts?.env.GREETING).toBe(`hello from ${tag}`);
  expect(facts?.labels[SANDBOX_LABEL]).toBe(workspaceId);
  // Published on loopback only: the forwarder's binding, never Swarm's every-interface ingress.
  expect(facts?.ports).toEqual([]);
  expect(docker('port', names.forwarder, '8080/tcp')).toMatch(/^127\.0\.0\.1:\d+$/);

  // Running it again replaces the service rather than failing on the existing name.
  const again = await runTaskDefinitionLocally(engine, workspaceId, checked.definition);
  expect(again.problem).toBeUndefined();
  expect((await get(`${again.urls[0]}/cgi-bin/greet`)).trim()).toBe(`hello from ${tag}`);
});

it('cleanup removes the service, forwarder and network, and leaves swarm mode as it was found', async () => {
  await removeLabelled(engine, workspaceId);
  const label = `label=${SANDBOX_LABEL}=${workspaceId}`;
  expect(docker('ps', '-aq', '--filter', label)).toBe('');
  expect(docker('network', 'ls', '-q', '--filter', label)).toBe('');
  expect(dockerOk('container', 'inspect', names.forwarder)).toBe(false);
  expect(docker('ps', '-aq', '--filter', `label=com.docker.swarm.service.name=${names.service}`)).toBe('');
  if (swarmState() === 'active') expect(dockerOk('service', 'inspect', names.service)).toBe(false);
  expect(swarmState()).toBe(foundState);
});
