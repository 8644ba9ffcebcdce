// The kit's cgroup and namespace readings against the real engine (here cgroup v1; v2 is covered by fixtures
// in test/unit/cgroups.test.ts): limits read from inside a container, and processes with their namespaces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKit } from '../../src/checks/kit/kit.js';
import type { Engine } from '../../src/sandbox/engine/connection.js';
import { tempDir } from '../support/cli.js';
import { docker, dockerOk, requireEngine } from '../support/docker.js';

let engine: Engine;
const workspaceId = `ws-cgns${process.pid}`;
const label = `io.containerlings.sandbox=${workspaceId}`;
const limited = `cl-cgns-limited-${process.pid}`;
const open = `cl-cgns-open-${process.pid}`;
const sandbox = `cl-cgns-sandbox-${process.pid}`;
const kit = () =>
  createKit({
    engine,
    workspaceId,
    dir: tempDir(),
    startedAt: new Date(Date.now() - 60_000),
    signal: new AbortController().signal,
  });

beforeAll(async () => {
  engine = await requireEngine();
  docker(
    'run',
    '-dti',
    '--name',
    limited,
    '--label',
    label,
    '--memory',
    '48m',
    '--cpus',
    '0.25',
    '--pids-limit',
    '40',
    'containerlings/busybox',
  );
  docker('run', '-dti', '--name', open, '--label', label, 'containerlings/busybox');
  docker(
    'run',
    '-dti',
    '--name',
    sandbox,
    '--label',
    label,
    '--cap-add',
    'SYS_ADMIN',
    '--security-opt',
    'seccomp=unconfined',
    'containerlings/busybox',
  );
});

afterAll(() => {
  for (const name of [limited, open, sandbox]) if (dockerOk('inspect', name)) docker('rm', '-f', name);
});

describe('kit.cgroup', () => {
  it("reads --memory, --cpus and --pids-limit from the cgroup filesystem, in the engine's cgroup version", async () => {
    const version = Number(docker('info', '--format', '{{.CgroupVersion}}'));
    expect(await kit().cgroup(limited)).toMatchObject({
      version,
      memoryBytes: 48 * 1024 * 1024,
      cpus: 0.25,
      pidsMax: 40,
    });
  });

  it('reports no limits for a container started without them', async () => {
    expect(await kit().cgroup(open)).toMatchObject({ memoryBytes: undefined, cpus: undefined, pidsMax: undefined });
  });

  it('and HostConfig agrees, through the container facts', async () => {
    const facts = await kit().container(limited);
    expect(facts?.limits).toMatchObject({ memoryBytes: 48 * 1024 * 1024, nanoCpus: 250_000_000, pidsLimit: 40 });
    expect(facts?.isolation).toMatchObject({ privileged: false, pidMode: '' });
  });
});

describe('kit.processes and kit.run with pidMode', () => {
  it('finds a process that unshare made PID 1 of a new PID namespace', async () => {
    docker('exec', '-d', sandbox, 'unshare', '--pid', '--fork', '--mount-proc', 'sleep', '300');
    let found;
    for (let i = 0; i < 50 && !found; i++) {
      const all = await kit().processes(sandbox);
      const own = all.find((p) => p.pid === 1)?.namespaces.pid;
      found = all.find((p) => p.namespaces.pid !== own && p.command.startsWith('sleep 300'));
      if (!found) await new Promise((r) => setTimeout(r, 100));
    }
    expect(found?.nspid.at(-1)).toBe(1);
    expect(found?.nspid.length).toBe(2);
  });

  it('reads the host PID namespace from a --pid=host throw-away container, unlike a private one', async () => {
    const k = kit();
    const host = (
      await k.run('containerlings/busybox', { cmd: ['readlink', '/proc/self/ns/pid'], pidMode: 'host' })
    ).stdout.trim();
    const own = (await k.run('containerlings/busybox', { cmd: ['readlink', '/proc/self/ns/pid'] })).stdout.trim();
    expect(host).toMatch(/^pid:\[\d+\]$/);
    expect(own).toMatch(/^pid:\[\d+\]$/);
    expect(own).not.toBe(host);
  });
});
