// The check kit against the real engine: throw-away containers are labelled, limited and always removed.
import { describe, expect, it, beforeAll } from 'vitest';
import { createKit } from '../../src/checks/kit/kit.js';
import { listLabelled } from '../../src/sandbox/cleanup.js';
import type { Engine } from '../../src/sandbox/engine/connection.js';
import { tempDir } from '../support/cli.js';
import { docker, dockerOk, requireEngine } from '../support/docker.js';

let engine: Engine;
const workspaceId = `ws-kit${process.pid}`;
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
});

describe('kit.run', () => {
  it('returns stdout, stderr and the exit code, and removes the container', async () => {
    const result = await kit().run('containerlings/busybox', { cmd: ['sh', '-c', 'echo out; echo err >&2; exit 3'] });
    expect(result).toMatchObject({ exitCode: 3, stdout: 'out\n', stderr: 'err\n', timedOut: false });
    expect((await listLabelled(engine, workspaceId)).containers).toEqual([]);
  });

  it('applies the sandbox label and limits while the container runs', async () => {
    const k = kit();
    const running = k.run('containerlings/busybox', { cmd: ['sleep', '5'], timeout: 30 });
    let seen: string[] = [];
    for (let i = 0; i < 50 && seen.length === 0; i++) {
      seen = docker('ps', '-q', '--filter', `label=io.containerlings.sandbox=${workspaceId}`)
        .split('\n')
        .filter(Boolean);
      if (!seen.length) await new Promise((r) => setTimeout(r, 100));
    }
    expect(seen).toHaveLength(1);
    const [memory, pids, network] = docker(
      'inspect',
      '-f',
      '{{.HostConfig.Memory}} {{.HostConfig.PidsLimit}} {{.Config.NetworkDisabled}}',
      seen[0],
    ).split(' ');
    expect(Number(memory)).toBe(256 * 1024 * 1024);
    expect(Number(pids)).toBe(128);
    expect(network).toBe('true');
    await running;
    expect(dockerOk('inspect', seen[0])).toBe(false);
  });

  it('kills a container that outlives its timeout', async () => {
    const started = Date.now();
    const result = await kit().run('containerlings/busybox', { cmd: ['sleep', '60'], timeout: 1 });
    expect(result.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('reports an OOM kill under a small memory limit', async () => {
    const result = await kit().run('containerlings/busybox', {
      cmd: ['sh', '-c', 'head -c 100m /dev/zero | tail > /dev/null'],
      memoryMb: 8,
    });
    expect(result.oomKilled || result.exitCode === 137).toBe(true);
  });
});

describe('kit facts and guards', () => {
  it('reads image facts, and undefined for a missing image', async () => {
    const facts = await kit().image('containerlings/busybox');
    expect(facts).toMatchObject({ tags: expect.arrayContaining(['containerlings/busybox:latest']), cmd: ['sh'] });
    expect(facts!.sizeBytes).toBeGreaterThan(500_000);
    expect(await kit().image('containerlings/does-not-exist')).toBeUndefined();
    expect(await kit().container('cl-does-not-exist')).toBeUndefined();
  });

  it('refuses to send HTTP anywhere but loopback', async () => {
    await expect(kit().http('http://example.com/')).rejects.toThrow(/only send requests to loopback/);
    const closed = await createKit({
      engine,
      workspaceId,
      dir: tempDir(),
      startedAt: new Date(),
      signal: new AbortController().signal,
    }).http('http://127.0.0.1:9/');
    expect(closed.status).toBe(0);
  });

  it('judges time against the exercise start', () => {
    const k = createKit({
      engine,
      workspaceId,
      dir: tempDir(),
      startedAt: new Date('2026-01-01T00:00:10Z'),
      signal: new AbortController().signal,
    });
    expect(k.since(new Date('2026-01-01T00:00:09Z'))).toBe(true);
    expect(k.since(new Date('2026-01-01T00:00:05Z'))).toBe(false);
  });
});

describe('kit.logs and kit.exec', () => {
  it('reads what a running container printed, and runs commands in it', async () => {
    const name = `cl-kit-logs-${process.pid}`;
    docker(
      'run',
      '-d',
      '--name',
      name,
      '--label',
      `io.containerlings.sandbox=${workspaceId}`,
      'containerlings/busybox',
      'sh',
      '-c',
      'echo started; echo warn >&2; sleep 60',
    );
    try {
      const k = kit();
      let logs = '';
      for (let i = 0; i < 50 && !logs.includes('warn'); i++) {
        logs = await k.logs(name);
        if (!logs.includes('warn')) await new Promise((r) => setTimeout(r, 100));
      }
      expect(logs).toBe('started\nwarn');
      expect(await k.exec(name, ['sh', '-c', 'echo $((6*7))'])).toMatchObject({ exitCode: 0, stdout: '42\n' });
      expect(await k.logs('cl-no-such-container')).toBe('');
    } finally {
      dockerOk('rm', '-f', name);
    }
  });
});
