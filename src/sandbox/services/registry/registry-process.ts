// Runs the local registry (CNCF distribution) on 127.0.0.1: the registry:2 image when it is here or can be
// pulled, else Debian's docker-registry binary. Data, config and htpasswd live in the sandbox folder.
// Not through sandbox/process.ts: the registry is a long-lived detached server that must outlive this command, and the
// quick docker calls below are synchronous (their callers are), which process.ts does not offer.
import { spawn, spawnSync } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UserError } from '../../../errors.js';
import type { SandboxFiles, SandboxSettings } from './sandbox-dir.js';

export const REGISTRY_IMAGE = 'registry:2';
export const REGISTRY_CONTAINER = 'cl-sandbox-registry';

/** The config both ways of running share; paths differ (inside the container the folder is mounted at /sandbox). */
export function registryConfig(port: number, secret: string, root: string, htpasswd: string): string {
  return [
    'version: 0.1',
    'log:',
    '  level: warn',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${root}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: ${port === 5000 ? ':5000' : `127.0.0.1:${port}`}`,
    `  secret: ${secret}`,
    'auth:',
    '  htpasswd:',
    '    realm: containerlings-registry',
    `    path: ${htpasswd}`,
    '',
  ].join('\n');
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function readPid(file: string): Promise<number | undefined> {
  const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
  return pid > 0 && isAlive(pid) ? pid : undefined;
}

export function findBinary(): string | undefined {
  for (const candidate of ['/usr/bin/docker-registry', '/usr/local/bin/docker-registry', '/usr/bin/registry']) {
    if (spawnSync(candidate, ['--version'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  return undefined;
}

/** Starts the Debian binary in the background, detached, so it outlives this command (until `sandbox down`). */
export async function startBinary(files: SandboxFiles, settings: SandboxSettings): Promise<void> {
  const binary = findBinary();
  if (!binary) {
    throw new UserError(
      'There is no registry to run: registry:2 cannot be pulled and docker-registry is not installed.',
      'Install it (`sudo apt-get install docker-registry`), or get online so registry:2 can be pulled, ' +
        'then run `containerlings sandbox up`.',
      'registry',
    );
  }
  await mkdir(files.registryData, { recursive: true, mode: 0o700 });
  await writeFile(
    files.registryConfig,
    registryConfig(settings.registryPort!, settings.httpSecret!, files.registryData, files.htpasswd),
    { mode: 0o600 },
  );
  const log = openSync(files.registryLog, 'a');
  const child = spawn(binary, ['serve', files.registryConfig], { detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  child.unref();
  await writeFile(files.registryPid, String(child.pid));
}

/** Runs registry:2 with the sandbox folder mounted, published on 127.0.0.1 only, restarting with the engine. */
export async function startContainer(files: SandboxFiles, settings: SandboxSettings, label: string): Promise<void> {
  await mkdir(files.registryData, { recursive: true, mode: 0o700 });
  const dir = dirname(files.registryConfig);
  await writeFile(
    files.registryConfig,
    registryConfig(5000, settings.httpSecret!, '/sandbox/data', '/sandbox/htpasswd'),
    { mode: 0o600 },
  );
  spawnSync('docker', ['rm', '-f', REGISTRY_CONTAINER], { stdio: 'ignore' });
  const run = spawnSync(
    'docker',
    [
      'run',
      '-d',
      '--name',
      REGISTRY_CONTAINER,
      '--label',
      label,
      '--restart',
      'unless-stopped',
      '-p',
      `127.0.0.1:${settings.registryPort}:5000`,
      '-v',
      `${dir}:/sandbox`,
      REGISTRY_IMAGE,
      '/sandbox/config.yml',
    ],
    { encoding: 'utf8' },
  );
  if (run.status !== 0)
    throw new UserError(
      `The registry container did not start: ${run.stderr.trim()}`,
      'Run `containerlings doctor`.',
      'registry',
    );
}

/** Is registry:2 here, or can it be pulled quickly? Never when CONTAINERLINGS_OFFLINE is set. */
export function registryImageAvailable(env = process.env): boolean {
  if (spawnSync('docker', ['image', 'inspect', REGISTRY_IMAGE], { stdio: 'ignore' }).status === 0) return true;
  if (env.CONTAINERLINGS_OFFLINE) return false;
  return spawnSync('docker', ['pull', REGISTRY_IMAGE], { stdio: 'ignore', timeout: 60_000 }).status === 0;
}

/** Stops this sandbox folder's registry: the binary it started (pid file), or the container that mounts the folder. */
export async function stopRegistry(files: SandboxFiles): Promise<boolean> {
  let stopped = false;
  const mounts = spawnSync(
    'docker',
    ['inspect', '--format', '{{range .Mounts}}{{.Source}}\n{{end}}', REGISTRY_CONTAINER],
    {
      encoding: 'utf8',
    },
  );
  if (mounts.status === 0 && mounts.stdout.split('\n').includes(dirname(files.registryConfig)))
    stopped = spawnSync('docker', ['rm', '-f', REGISTRY_CONTAINER], { stdio: 'ignore' }).status === 0;
  const pid = await readPid(files.registryPid);
  await rm(files.registryPid, { force: true });
  if (!pid) return stopped;
  process.kill(pid, 'SIGTERM');
  return true;
}

/** Waits until the registry answers /v2/ (401 counts: it is up and asking for a login). */
export async function waitForHttp(
  url: string,
  timeoutMs = 15_000,
  isUp: (status: number) => boolean = (status) => status === 200 || status === 401,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await r.body?.cancel();
      if (isUp(r.status)) return true;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
