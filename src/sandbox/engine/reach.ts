// Whether this machine reaches what the engine publishes on its own 127.0.0.1, decided once per process by a real
// probe (a local engine: yes; tcp://, ssh:// or a VM usually not, but Docker Desktop forwards it, so the URL cannot
// tell); and whether it sees this machine's files (bind mounts of workspace folders).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../../errors.js';
import type { HttpResponse } from './types.js';
import { runThrowaway } from './containers.js';
import { httpGet, httpViaEngine, loopbackUrl, PROBE_IMAGE } from './http.js';
import { isNotFound, onEngine, SANDBOX_LABEL, type Engine } from './connection.js';
import { engineProfile, type EngineProfile } from './profile.js';
import { withDeadline } from './deadline.js';

export type LoopbackReach = 'reachable' | 'unreachable' | 'unknown';

export interface LoopbackProbe {
  /** reachable: a port the engine publishes on its 127.0.0.1 answers here. unknown: the probe itself could not run. */
  readonly loopback: LoopbackReach;
  /** When unreachable: true if a container on the engine's host network reaches it (kit.http then goes that way). */
  readonly viaEngine: boolean;
  /** What the probe saw, for doctor and error messages. */
  readonly detail: string;
  /** Whether the engine kept the probe's request (no host port: "pick one") apart from the port it picked. */
  readonly portRequests?: boolean;
}

const PROBE_PORT = 8080;
const MB = 1024 * 1024;
const probes = new Map<string, Promise<LoopbackProbe>>();

/** The probe's verdict for this engine, run at most once per process (the first caller's workspace labels it). */
export function probeLoopback(engine: Engine, workspaceId: string): Promise<LoopbackProbe> {
  let probe = probes.get(engine.endpoint);
  if (!probe) probes.set(engine.endpoint, (probe = runProbe(engine, workspaceId)));
  return probe;
}

async function runProbe(engine: Engine, workspaceId: string): Promise<LoopbackProbe> {
  const token = `containerlings-${process.pid}-${Date.now().toString(36)}`;
  let container;
  try {
    container = await onEngine(engine, () =>
      engine.docker.createContainer({
        Image: PROBE_IMAGE,
        Cmd: ['sh', '-c', `mkdir -p /w && echo ${token} > /w/t && exec httpd -f -p ${PROBE_PORT} -h /w`],
        Labels: { [SANDBOX_LABEL]: workspaceId },
        ExposedPorts: { [`${PROBE_PORT}/tcp`]: {} },
        HostConfig: {
          Memory: 32 * MB,
          MemorySwap: 32 * MB,
          PidsLimit: 16,
          PortBindings: { [`${PROBE_PORT}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: '' }] },
        },
      }),
    );
    await container.start();
    const facts = await container.inspect();
    const binding = facts.NetworkSettings.Ports?.[`${PROBE_PORT}/tcp`]?.[0];
    if (!binding?.HostPort)
      return { loopback: 'unknown', viaEngine: false, detail: 'the engine published the probe on no port' };
    const asked = facts.HostConfig.PortBindings?.[`${PROBE_PORT}/tcp`]?.[0]?.HostPort;
    const portRequests = asked === undefined ? undefined : asked === '' || asked === '0';
    const url = `http://127.0.0.1:${binding.HostPort}/t`;
    const here = await withDeadline(10_000, undefined, (signal) => httpGet(url, signal, 1500));
    if (here.status === 200 && here.body.trim() === token)
      return {
        loopback: 'reachable',
        viaEngine: false,
        portRequests,
        detail: `a port the engine published on 127.0.0.1 answered here (${url})`,
      };
    const there = await withDeadline(20_000, undefined, (signal) =>
      httpViaEngine(engine, workspaceId, url, signal, 3000),
    ).catch((e: Error) => ({ status: 0, body: e.message }));
    const viaEngine = there.status === 200 && there.body.trim() === token;
    return {
      loopback: 'unreachable',
      viaEngine,
      portRequests,
      detail:
        `127.0.0.1:${binding.HostPort} on the engine does not answer here ` +
        `(${here.status ? `another service answered, ${here.status}` : here.body}); ` +
        (viaEngine
          ? "a container on the engine's host network reaches it"
          : `nor from a container on the engine's host network (${there.body || there.status})`),
    };
  } catch (e) {
    return { loopback: 'unknown', viaEngine: false, detail: `the probe could not run: ${(e as Error).message}` };
  } finally {
    await container?.remove({ force: true, v: true }).catch((e: unknown) => {
      if (!isNotFound(e)) throw e;
    });
  }
}

/**
 * kit.http: a GET to a port the engine published on its loopback. Straight from here when that loopback is ours (no
 * container, as fast as a plain fetch once the probe has run), from the engine's host network when it is not, and a
 * UserError (the check's `error`, never a `fail`) when neither can reach it.
 */
export async function getOnEngineLoopback(
  engine: Engine,
  workspaceId: string,
  url: string,
  signal: AbortSignal,
): Promise<HttpResponse> {
  loopbackUrl(url);
  const probe = await probeLoopback(engine, workspaceId);
  if (probe.loopback === 'unreachable') {
    if (probe.viaEngine) return httpViaEngine(engine, workspaceId, url, signal);
    throw new UserError(
      `This machine cannot reach ports the engine (${engine.endpoint}) publishes on its 127.0.0.1: ${probe.detail}.`,
      'Run this exercise against a local engine (unset DOCKER_HOST), or on the machine the engine runs on.',
      'engine',
    );
  }
  const answer = await httpGet(url, signal);
  if (answer.status === 0 && probe.loopback === 'unknown') {
    throw new UserError(
      `Nothing answered at ${url}, and whether this machine reaches the engine's 127.0.0.1 is unknown: ${probe.detail}.`,
      'Check the engine with `containerlings doctor`, then try again.',
      'engine',
    );
  }
  return answer;
}

/**
 * Whether the engine sees this machine's files: a folder made in `dir` (e.g. the workspace) is bind-mounted into a
 * throw-away container, which reads the token in it. false on a truly remote engine (it mounts an empty folder of
 * its own); undefined when the probe itself could not run. Exercises that bind-mount workspace folders need true.
 */
export async function probeSharedFiles(
  engine: Engine,
  workspaceId: string,
  dir: string,
): Promise<{ shared: boolean | undefined; detail: string }> {
  const token = `containerlings-${process.pid}-${Date.now().toString(36)}`;
  const folder = await mkdtemp(join(dir, '.engine-probe-'));
  try {
    await writeFile(join(folder, 'token'), token);
    const run = await runThrowaway(
      engine,
      workspaceId,
      PROBE_IMAGE,
      { cmd: ['cat', '/probe/token'], memoryMb: 32 },
      undefined,
      { binds: [`${folder}:/probe:ro`] },
    );
    const shared = run.exitCode === 0 && run.stdout.trim() === token;
    return {
      shared,
      detail: shared
        ? `the engine sees ${folder}`
        : `the engine mounted ${folder} but does not see this machine's file in it (it runs on another machine or in a VM)`,
    };
  } catch (e) {
    return { shared: undefined, detail: `the probe could not run: ${(e as Error).message}` };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * Whether the engine reaches this machine's 127.0.0.1, where the sandbox registry and ECR endpoint listen: a token
 * served here is fetched from the engine's host network (where its `docker push localhost:<port>` goes). false on a
 * remote engine; the registry, ECR and continuous-delivery lessons need true.
 */
export async function probeOurLoopbackFromEngine(
  engine: Engine,
  workspaceId: string,
): Promise<{ reaches: boolean | undefined; detail: string }> {
  const { createServer } = await import('node:http');
  const token = `containerlings-${process.pid}-${Date.now().toString(36)}`;
  const server = createServer((_, res) => res.end(token));
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  try {
    const answer = await withDeadline(30_000, undefined, (signal) =>
      httpViaEngine(engine, workspaceId, `http://127.0.0.1:${port}/`, signal, 1000),
    );
    const reaches = answer.status === 200 && answer.body === token;
    return {
      reaches,
      detail: reaches
        ? "the engine reaches this machine's 127.0.0.1"
        : `the engine's 127.0.0.1:${port} is not this machine's ` +
          `(${answer.status ? `another service answered, ${answer.status}` : answer.body})`,
    };
  } catch (e) {
    return { reaches: undefined, detail: `the probe could not run: ${(e as Error).message}` };
  } finally {
    server.close();
  }
}

/**
 * Whether containers on a user-defined network find each other by name: a labelled network, a named container on
 * it, and a second one that resolves the first's name. undefined when the probe itself could not run.
 */
export async function probeContainerDns(
  engine: Engine,
  workspaceId: string,
): Promise<{ resolves: boolean | undefined; detail: string }> {
  const name = `containerlings-dns-probe-${process.pid}-${Date.now().toString(36)}`;
  let network;
  let target;
  try {
    network = await onEngine(engine, () =>
      engine.docker.createNetwork({ Name: name, Labels: { [SANDBOX_LABEL]: workspaceId } }),
    );
    target = await engine.docker.createContainer({
      Image: PROBE_IMAGE,
      name,
      Cmd: ['sleep', '30'],
      Labels: { [SANDBOX_LABEL]: workspaceId },
      HostConfig: { Memory: 32 * MB, MemorySwap: 32 * MB, PidsLimit: 16, NetworkMode: name },
    });
    await target.start();
    const run = await runThrowaway(engine, workspaceId, PROBE_IMAGE, {
      cmd: ['nslookup', name],
      memoryMb: 32,
      network: name,
    });
    const resolves = run.exitCode === 0 && /Address/.test(run.stdout.split(name).slice(1).join(''));
    return {
      resolves,
      detail: resolves
        ? 'containers on a user-defined network find each other by name'
        : `containers on a user-defined network do not find each other by name (${run.stdout.trim().split('\n').pop()})`,
    };
  } catch (e) {
    return { resolves: undefined, detail: `the name probe could not run: ${(e as Error).message}` };
  } finally {
    await target?.remove({ force: true, v: true }).catch(() => undefined);
    await network?.remove().catch(() => undefined);
  }
}

const answer = (probed: boolean | undefined, yes: string, no: string, otherwise: string) =>
  probed === undefined ? otherwise : probed ? yes : no;

/**
 * The engine profile with what only probes can tell (five throw-away containers, about a second each): for doctor
 * and the self-test. `dir` is where the file probe makes its folder: the workspace, or where attempts run.
 */
export async function probedProfile(
  engine: Engine,
  workspaceId: string,
  dir: string,
): Promise<EngineProfile & { readonly probes: readonly string[] }> {
  const [profile, loop, ours, files, dns] = await Promise.all([
    engineProfile(engine),
    probeLoopback(engine, workspaceId),
    probeOurLoopbackFromEngine(engine, workspaceId),
    probeSharedFiles(engine, workspaceId, dir),
    probeContainerDns(engine, workspaceId),
  ]);
  return {
    ...profile,
    loopback: loop.loopback === 'unknown' ? profile.loopback : loop.loopback,
    ourLoopback: answer(ours.reaches, 'reachable', 'unreachable', profile.ourLoopback) as EngineProfile['ourLoopback'],
    hostFiles: answer(files.shared, 'shared', 'unshared', profile.hostFiles) as EngineProfile['hostFiles'],
    ...(dns.resolves === undefined ? {} : { containerDns: dns.resolves }),
    ...(loop.portRequests === undefined ? {} : { portRequests: loop.portRequests }),
    probes: [loop.detail, ours.detail, files.detail, dns.detail],
  };
}
