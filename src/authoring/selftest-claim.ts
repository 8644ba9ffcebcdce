// One self-test per engine at a time. Its attempts create the names their exercises declare (cl-lean-svc, say),
// use the swarm and the sandbox registry, and remove the build stages that appear while they run: a second
// self-test on the same engine would take the first one's containers and images away, and both would give wrong
// verdicts (seen: beside another process's namespaces self-test, lean-nonroot-healthcheck found no cl-lean-svc).
// The claim is a network of a fixed name, which the engine lets exist only once, so it holds for every process and
// every machine that uses the engine. It is internal (no traffic), and no check lists networks unfiltered.
import { hostname } from 'node:os';
import { UserError } from '../errors.js';
import { isNotFound, onEngine, type Engine } from '../sandbox/engine/connection.js';

export const CLAIM_NETWORK = 'containerlings-selftest';
const CLAIM_LABEL = 'io.containerlings.selftest';

export interface Holder {
  readonly host: string;
  readonly pid: number;
  readonly started: string;
}

/** Whether a process of this machine is alive: signal 0 tests without sending. EPERM means it exists. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A claim is stale when its self-test is known to be gone: it ran on this machine and its process no longer exists
 * (killed, or the machine restarted). A claim from another machine, or one that cannot be read, is never guessed
 * stale: the message says how to remove it by hand.
 */
export function isStale(holder: Holder | undefined, here = hostname(), alive = processAlive): boolean {
  return holder !== undefined && holder.host === here && !alive(holder.pid);
}

export function readHolder(labels: Record<string, string> | undefined): Holder | undefined {
  try {
    const h = JSON.parse(labels?.[CLAIM_LABEL] ?? '') as Partial<Holder>;
    return typeof h.host === 'string' && Number.isInteger(h.pid) && typeof h.started === 'string'
      ? (h as Holder)
      : undefined;
  } catch {
    return undefined;
  }
}

export function busyMessage(holder: Holder | undefined, here = hostname()): UserError {
  const who = holder
    ? `process ${holder.pid} on ${holder.host === here ? 'this machine' : holder.host}, since ${holder.started}`
    : 'its owner could not be read';
  return new UserError(
    `Another self-test is running on this Docker engine (${who}). Two at once would remove each other's ` +
      'containers and images, and their verdicts could not be trusted.',
    `Wait for it to finish, then run this one again. If it is gone for good (its machine was switched off, say), ` +
      `remove its claim: \`docker network rm ${CLAIM_NETWORK}\`.`,
    'engine',
  );
}

/** The name is taken: Docker answers 409; Podman 4.3 answers 500, "network already exists". */
export function nameTaken(e: unknown): boolean {
  const err = e as { statusCode?: number; json?: { message?: string; cause?: string }; message?: string } | undefined;
  if (err?.statusCode === 409) return true;
  const text = `${err?.json?.cause ?? ''} ${err?.json?.message ?? ''} ${err?.message ?? ''}`;
  return err?.statusCode === 500 && /already exists|already used/i.test(text);
}

/**
 * Claims the engine for this process's self-test, taking over a stale claim; refuses with a UserError while another
 * self-test holds it. Returns the release, which removes the claim (and nothing else).
 */
export async function claimEngine(engine: Engine): Promise<() => Promise<void>> {
  const me: Holder = { host: hostname(), pid: process.pid, started: new Date().toISOString() };
  for (let tries = 0; tries < 3; tries++) {
    try {
      const network = await onEngine(engine, () =>
        engine.docker.createNetwork({
          Name: CLAIM_NETWORK,
          CheckDuplicate: true,
          Internal: true,
          Labels: { [CLAIM_LABEL]: JSON.stringify(me) },
        }),
      );
      return async () => {
        await network.remove().catch(() => undefined);
      };
    } catch (e) {
      if (!nameTaken(e)) throw e;
    }
    let found: { Id: string; Labels?: Record<string, string> };
    try {
      found = await engine.docker.getNetwork(CLAIM_NETWORK).inspect();
    } catch (e) {
      if (isNotFound(e)) continue; // released meanwhile: try again
      throw e;
    }
    const holder = readHolder(found.Labels);
    if (!isStale(holder)) throw busyMessage(holder);
    await engine.docker
      .getNetwork(found.Id)
      .remove()
      .catch((e) => {
        if (!isNotFound(e)) throw e;
      });
  }
  throw busyMessage(undefined);
}
