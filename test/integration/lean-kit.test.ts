// The lean-images kit members and commands against the real engine: audit, throw-away builds, health, lint.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKit } from '../../src/checks/kit/kit.js';
import { listLabelled } from '../../src/sandbox/cleanup.js';
import type { Engine } from '../../src/sandbox/engine/connection.js';
import { onPath } from '../../src/checks/lint/hadolint.js';
import { runCli, tempDir } from '../support/cli.js';
import { docker, dockerOk, requireEngine } from '../support/docker.js';

let engine: Engine;
const workspaceId = `ws-lean${process.pid}`;
const label = `io.containerlings.sandbox=${workspaceId}`;
const dir = tempDir();
const kit = () =>
  createKit({
    engine,
    workspaceId,
    dir,
    startedAt: new Date(Date.now() - 60_000),
    signal: new AbortController().signal,
  });
const SUID_IMAGE = `containerlings/test-audit-suid:${process.pid}`;
const CONTAINER = `cl-test-lean-${process.pid}`;

beforeAll(async () => {
  engine = await requireEngine();
  const ctx = join(dir, 'suid');
  mkdirSync(ctx);
  writeFileSync(
    join(ctx, 'Dockerfile'),
    'FROM containerlings/busybox:latest\nRUN cp /bin/busybox /bin/escalate && chmod 4755 /bin/escalate\nUSER nobody\n',
  );
  docker('build', '-q', '--label', label, '-t', SUID_IMAGE, ctx);
});

afterAll(() => {
  dockerOk('rm', '-f', CONTAINER);
  dockerOk('rmi', SUID_IMAGE);
});

describe('kit.audit', () => {
  it('reads containerlings/busybox offline: a shell, busybox applets as package managers, no package database, root', async () => {
    const surface = await kit().audit('containerlings/busybox:latest');
    expect(surface).toMatchObject({
      packageDb: 'none',
      packages: 0,
      setuid: [],
      runsAsRoot: true,
      user: '',
    });
    // Every shell is listed, wherever it is: busybox's sh, and busybox itself.
    expect(surface.shells).toEqual(expect.arrayContaining(['/bin/sh', '/bin/busybox']));
    expect(surface.packageManagers).toContain('dpkg');
    expect((await listLabelled(engine, workspaceId)).containers).toEqual([]);
  });

  it('finds a setuid file and resolves USER nobody through /etc/passwd', async () => {
    const surface = await kit().audit(SUID_IMAGE);
    expect(surface.setuid).toEqual(['/bin/escalate']);
    expect(surface).toMatchObject({ user: 'nobody', uid: 65534, runsAsRoot: false });
  });
});

describe('kit.buildCopy', () => {
  it('builds a labelled copy, reports the context size, applies appended text, and removes the image', async () => {
    const ctx = join(dir, 'app');
    mkdirSync(ctx);
    writeFileSync(
      join(ctx, 'Dockerfile'),
      'FROM containerlings/busybox:latest\nCOPY note.txt /note.txt\nCMD ["cat", "/note.txt"]\n',
    );
    writeFileSync(join(ctx, 'note.txt'), 'original\n');
    let id = '';
    const printed = await kit().buildCopy('app', { append: { 'note.txt': 'appended\n' } }, async (build) => {
      expect(build.ok).toBe(true);
      expect(build.contextBytes).toBeGreaterThan(0);
      expect(build.contextBytes).toBeLessThan(10_000);
      id = build.id!;
      expect(docker('image', 'inspect', '-f', '{{index .Config.Labels "io.containerlings.sandbox"}}', id)).toBe(
        workspaceId,
      );
      return (await kit().run(id)).stdout;
    });
    expect(printed).toBe('original\nappended\n');
    expect(dockerOk('image', 'inspect', id)).toBe(false);
  });

  it('reports a failing build with its output', async () => {
    const ctx = join(dir, 'broken');
    mkdirSync(ctx);
    const marker = `cl-failed-step-${process.pid}`;
    writeFileSync(join(ctx, 'Dockerfile'), `FROM containerlings/busybox:latest\nRUN echo ${marker} && exit 3\n`);
    const build = await kit().buildCopy('broken', {}, async (b) => b);
    expect(build.ok).toBe(false);
    expect(build.output).toMatch(/returned a non-zero code: 3|exit code: 3/);
    // The failed step's container is gone too (the legacy builder keeps it unless told otherwise).
    const left = docker('ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Command}}');
    expect(left.split('\n').filter((l) => l.includes(marker))).toEqual([]);
  });
});

describe('kit.health', () => {
  it('says none for a container without HEALTHCHECK and missing for no container', async () => {
    docker('run', '-d', '--name', CONTAINER, '--label', label, 'containerlings/busybox:latest', 'sleep', '60');
    expect((await kit().health(CONTAINER, 5)).status).toBe('none');
    dockerOk('rm', '-f', CONTAINER);
    expect((await kit().health(CONTAINER, 5)).status).toBe('missing');
  });

  it('waits while starting and reports unhealthy with the probe output', async () => {
    docker(
      'run',
      '-d',
      '--name',
      CONTAINER,
      '--label',
      label,
      '--health-cmd',
      'echo probe-says-no; exit 1',
      '--health-interval',
      '1s',
      '--health-retries',
      '2',
      'containerlings/busybox:latest',
      'sleep',
      '60',
    );
    const health = await kit().health(CONTAINER, 30);
    expect(health).toMatchObject({ status: 'unhealthy', lastExitCode: 1 });
    expect(health.lastOutput).toContain('probe-says-no');
    dockerOk('rm', '-f', CONTAINER);
  });
});

describe('containerlings lint and audit', () => {
  it('lint exits 1 on an error, 0 on warnings only, 2 without a Dockerfile; --json lists findings', async () => {
    const ctx = join(dir, 'lint');
    mkdirSync(ctx);
    writeFileSync(join(ctx, 'Dockerfile'), 'FROM debian\nRUN true\n');
    const failing = await runCli(['lint', ctx, '--json']);
    expect(failing.code).toBe(1);
    const report = JSON.parse(failing.stdout);
    expect(report.findings.map((f: { rule: string }) => f.rule).sort()).toEqual(['base-tag', 'root-user']);
    expect(report.hadolintInstalled).toBe(Boolean(onPath('hadolint')));
    writeFileSync(join(ctx, 'Dockerfile'), 'FROM debian\nUSER 10001\n');
    expect((await runCli(['lint', join(ctx, 'Dockerfile')])).code).toBe(0);
    expect((await runCli(['lint', join(dir, 'nowhere')])).code).toBe(2);
  });

  it('audit --json reports the surface and, without a scanner, says it knows no CVEs', async () => {
    const result = await runCli(['audit', SUID_IMAGE, '--json'], { cwd: dir });
    const out = JSON.parse(result.stdout);
    expect(out.surface.setuid).toEqual(['/bin/escalate']);
    const scanner = ['grype', 'trivy'].some((s) => onPath(s));
    if (!scanner) {
      expect(result.code).toBe(0);
      expect(out).toMatchObject({ scan: null, knowsCves: false });
      expect(out.note).toContain('knows no CVEs');
    }
    expect((await runCli(['audit', 'containerlings/no-such-image:0'])).code).toBe(2);
  });

  it('audit never pulls: a name that is not on the engine is refused before any registry is asked', async () => {
    const asked: string[] = [];
    const registry = createServer((req, res) => {
      asked.push(`${req.method} ${req.url}`);
      res.writeHead(404).end();
    });
    await new Promise<void>((done) => registry.listen(0, '127.0.0.1', done));
    try {
      const port = (registry.address() as AddressInfo).port;
      const result = await runCli(['audit', `127.0.0.1:${port}/someone/else:1`]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/There is no image 127\.0\.0\.1:\d+\/someone\/else:1 on this engine/);
      expect(asked).toEqual([]);
    } finally {
      registry.close();
    }
  });
});
