// Whether this machine reaches what the engine publishes on its own 127.0.0.1, decided once per process by a real
// probe (a local engine: yes; tcp://, ssh:// or a VM usually not, but Docker Desktop forwards it, so the URL cannot
// tell); and the engine's profile with what this and the other probes (probes.ts) tell.
import { UserError } from '../../errors.js';
import type { HttpResponse } from './types.js';
import { httpGet, httpViaEngine, loopbackUrl, PROBE_IMAGE } from './http.js';
import { isNotFound, onEngine, SANDBOX_LABEL, type Engine } from './connection.js';
import { engineProfile, type EngineProfile } from './profile.js';
import { withDeadline } from './deadline.js';
import { probeContainerDns, probeOurLoopbackFromEngine, probeSharedFiles } from './probes.js';

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
