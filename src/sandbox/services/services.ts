// The sandbox's long-running services: the local registry and the ECR endpoint in front of it. Started by
// `containerlings sandbox up` (and on demand by checks and the self-test), stopped by `sandbox down`; both
// run detached, keep their ports and data in the sandbox folder, and so survive restarts of containerlings.
// The ECR endpoint is a long-lived detached server that outlives this command: started here, not by sandbox/process.ts.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { UserError } from '../../errors.js';
import { currentAwsPassword, learnerPassword } from './registry/htpasswd.js';
import { RegistryApi } from './registry/registry-api.js';
import {
  readPid,
  registryImageAvailable,
  startBinary,
  startContainer,
  stopRegistry,
  waitForHttp,
} from './registry/registry-process.js';
import {
  newSecret,
  readSettings,
  sandboxFiles,
  withSandboxLock,
  writeSettings,
  type SandboxFiles,
} from './registry/sandbox-dir.js';
import { SANDBOX_LABEL } from '../engine/connection.js';
import { cliPath } from './cli-path.js';
import type { SandboxServices } from './model.js';

export type { SandboxServices } from './model.js';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/**
 * CONTAINERLINGS_REGISTRY=host:port: a registry the learner runs, used instead of starting one. The sandbox shell
 * exports the sandbox's own registry under that name too: that one (loopback, our port) is not the learner's.
 */
export function configuredRegistry(
  env = process.env,
  ownPort?: number,
): { hostname: string; port: number } | undefined {
  const value = env.CONTAINERLINGS_REGISTRY;
  if (!value) return undefined;
  const url = new URL(`http://${value.replace(/^https?:\/\//, '')}`);
  const hostname = url.hostname === 'localhost' ? '127.0.0.1' : url.hostname;
  const port = Number(url.port || 5000);
  return hostname === '127.0.0.1' && port === ownPort ? undefined : { hostname, port };
}

export async function ensureRegistry(files: SandboxFiles, log: (line: string) => void): Promise<void> {
  const settings = await readSettings(files);
  const external = configuredRegistry(process.env, settings.registryPort);
  if (external) {
    if (!(await waitForHttp(`http://${external.hostname}:${external.port}/v2/`, 3000)))
      throw new UserError(
        `The registry you configured (CONTAINERLINGS_REGISTRY=${process.env.CONTAINERLINGS_REGISTRY}) does not answer.`,
        'Start it, or unset CONTAINERLINGS_REGISTRY to use the sandbox registry.',
        'registry',
      );
    await writeSettings(files, { ...settings, registryKind: 'external', registryPort: external.port });
    return;
  }
  settings.registryPort ??= await freePort();
  settings.ecrPort ??= await freePort();
  settings.httpSecret ??= newSecret();
  await writeSettings(files, settings);
  await learnerPassword(files);
  await currentAwsPassword(files);
  const url = `http://127.0.0.1:${settings.registryPort}/v2/`;
  if (await waitForHttp(url, 300)) return;
  const kind = registryImageAvailable() ? 'container' : 'binary';
  log(
    `starting the registry (${kind === 'container' ? 'registry:2' : 'docker-registry'}) on 127.0.0.1:${settings.registryPort}`,
  );
  await writeSettings(files, { ...settings, registryKind: kind });
  if (kind === 'container') await startContainer(files, settings, `${SANDBOX_LABEL}=sandbox-registry`);
  else await startBinary(files, settings);
  if (!(await waitForHttp(url)))
    throw new UserError(
      `The registry did not start on 127.0.0.1:${settings.registryPort}.`,
      `Its log is ${files.registryLog}; is the port taken? Run \`containerlings sandbox down\`, then \`up\`.`,
      'registry',
    );
}

async function ensureEndpoint(files: SandboxFiles, log: (line: string) => void): Promise<void> {
  const { ecrPort } = await readSettings(files);
  const url = `http://127.0.0.1:${ecrPort}/`;
  const answers = (s: number) => s === 404;
  if ((await readPid(files.ecrPid)) && (await waitForHttp(url, 300, answers))) return;
  log(`starting the ECR endpoint on 127.0.0.1:${ecrPort}`);
  await mkdir(dirname(files.ecrLog), { recursive: true, mode: 0o700 });
  const out = openSync(files.ecrLog, 'a');
  const child = spawn(process.execPath, [cliPath(), 'sandbox', 'serve-ecr'], {
    detached: true,
    stdio: ['ignore', out, out],
    env: { ...process.env, CONTAINERLINGS_SANDBOX_DIR: files.dir },
  });
  closeSync(out);
  child.unref();
  await writeFile(files.ecrPid, String(child.pid));
  if (!(await waitForHttp(url, 15_000, answers)))
    throw new UserError(
      `The ECR endpoint did not start on 127.0.0.1:${ecrPort}.`,
      `Its log is ${files.ecrLog}.`,
      'registry',
    );
}

/** Starts whatever is not running yet (idempotent, and safe when two processes ask at once). */
export async function ensureServices(
  log: (line: string) => void = () => {},
  files = sandboxFiles(),
): Promise<SandboxServices> {
  await withSandboxLock(files, async () => {
    await ensureRegistry(files, log);
    await ensureEndpoint(files, log);
    const { wrapperDir } = await import('./aws-wrapper.js');
    await wrapperDir(await describeServices(files));
  });
  return describeServices(files);
}

export async function describeServices(files = sandboxFiles()): Promise<SandboxServices> {
  const s = await readSettings(files);
  const external = configuredRegistry(process.env, s.registryPort);
  return {
    registry:
      external && s.registryKind === 'external' ? process.env.CONTAINERLINGS_REGISTRY! : `localhost:${s.registryPort}`,
    ecrRegistry: `localhost:${s.ecrPort}`,
    ecrEndpoint: `http://localhost:${s.ecrPort}`,
    registryKind: s.registryKind ?? 'binary',
    started: s.registryPort !== undefined && s.ecrPort !== undefined,
    files,
  };
}

/** The registry's API with the learner's login, for checks and cleanup. */
export async function registryApi(files = sandboxFiles()): Promise<RegistryApi> {
  const s = await readSettings(files);
  const external = configuredRegistry(process.env, s.registryPort);
  const base = external ? `http://${external.hostname}:${external.port}` : `http://127.0.0.1:${s.registryPort}`;
  return RegistryApi.withLogin(base, 'learner', await learnerPassword(files));
}

/**
 * Stops both services; their data stays, so `sandbox up` brings back the same images. What runs is found from the
 * sandbox folder (the pid files, the container that mounts it), never from settings or the environment: a registry
 * the learner configured is never stopped, and ours always is.
 */
export async function stopServices(files = sandboxFiles()): Promise<string[]> {
  const stopped: string[] = [];
  const endpoint = await readPid(files.ecrPid);
  if (endpoint) {
    process.kill(endpoint, 'SIGTERM');
    stopped.push('ECR endpoint');
  }
  await rm(files.ecrPid, { force: true });
  if (await stopRegistry(files)) stopped.push('registry');
  return stopped;
}
