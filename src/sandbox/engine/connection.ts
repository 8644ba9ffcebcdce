// The connection to the Docker engine: DOCKER_HOST, the current docker context, or the default socket.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { UserError } from '../../errors.js';

/** Every resource containerlings creates carries this label; its value is the workspace id. */
export const SANDBOX_LABEL = 'io.containerlings.sandbox';
/** Base images built or tagged by the image catalog carry this label; its value is the logical name. */
export const CATALOG_LABEL = 'io.containerlings.catalog';
/** On catalog images built locally: `offline-recipe` (a stand-in, not the upstream image). Pulled images lack it. */
export const SOURCE_LABEL = 'io.containerlings.source';

export interface Engine {
  readonly docker: Dockerode;
  /** Where the engine is, for messages: unix:///var/run/docker.sock, tcp://host:2376, ... */
  readonly endpoint: string;
}

/** The endpoint docker's CLI would use: DOCKER_HOST, else DOCKER_CONTEXT / the current context, else the socket. */
export async function resolveEndpoint(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.DOCKER_HOST) return env.DOCKER_HOST;
  const configDir = env.DOCKER_CONFIG ?? join(homedir(), '.docker');
  let context = env.DOCKER_CONTEXT;
  if (!context) {
    const config = await readJson<{ currentContext?: unknown }>(join(configDir, 'config.json'));
    context = typeof config?.currentContext === 'string' ? config.currentContext : undefined;
  }
  if (context && context !== 'default') {
    const digest = createHash('sha256').update(context).digest('hex');
    const meta = await readJson<ContextMeta>(join(configDir, 'contexts', 'meta', digest, 'meta.json'));
    const host = meta?.Endpoints?.docker?.Host;
    if (typeof host === 'string') return host;
    throw new UserError(
      `The docker context "${context}" has no engine address.`,
      'Pick another one with `docker context use default`, or set DOCKER_HOST.',
      'engine',
    );
  }
  return 'unix:///var/run/docker.sock';
}

/** The part of a docker context's meta.json read above; the file is not checked beyond that. */
interface ContextMeta {
  Endpoints?: { docker?: { Host?: unknown } };
}

async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** The engine address as a URL; anything else is the user's to fix (DOCKER_HOST=garbage gave "Invalid URL"). */
export function parseEndpoint(endpoint: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (!url || !['unix:', 'npipe:', 'ssh:', 'tcp:', 'http:', 'https:'].includes(url.protocol))
    throw new UserError(
      `The engine address "${endpoint}" is not one Docker understands.`,
      'Set DOCKER_HOST to unix:///var/run/docker.sock, tcp://host:2375 or ssh://user@host (or unset it).',
      'engine',
    );
  return url;
}

function dockerodeOptions(endpoint: string): Dockerode.DockerOptions {
  const url = parseEndpoint(endpoint);
  if (url.protocol === 'unix:') return { socketPath: url.pathname };
  if (url.protocol === 'npipe:') return { socketPath: endpoint.slice('npipe://'.length) };
  if (url.protocol === 'ssh:')
    return { protocol: 'ssh', host: url.hostname, port: Number(url.port || 22), username: url.username || undefined };
  const tls = process.env.DOCKER_TLS_VERIFY === '1' || url.port === '2376';
  return { protocol: tls ? 'https' : 'http', host: url.hostname, port: Number(url.port || (tls ? 2376 : 2375)) };
}

/** Connects (lazily importing dockerode) and checks the engine answers. */
export async function connect(): Promise<Engine> {
  const endpoint = await resolveEndpoint();
  const { default: Docker } = await import('dockerode');
  const engine = { docker: new Docker(dockerodeOptions(endpoint)), endpoint };
  return engine;
}

/** How long a first answer from the engine may take before it counts as not answering. */
const PING_TIMEOUT_MS = 10_000;

/**
 * Asks the engine's /_ping and insists on Docker's answer ("OK"). Something else listening at the address (a web
 * server answering 404) must give an error, not let a check judge "no such image" as the learner's fail; an address
 * that never answers gives up after PING_TIMEOUT_MS.
 */
export async function ensureDocker(engine: Engine): Promise<Engine> {
  const notDocker = (what: string) =>
    new UserError(
      `Something answers at ${engine.endpoint}, but it is not a Docker engine (${what}).`,
      'Point DOCKER_HOST at a Docker (or Podman) engine, or unset it. `containerlings doctor` shows what it finds.',
      'engine',
    );
  // The request itself is aborted at the deadline, so no socket is left open to keep the process alive.
  const deadline = AbortSignal.timeout(PING_TIMEOUT_MS);
  try {
    // dockerode takes an abortSignal here; its type declarations do not say so.
    const ping = engine.docker.ping as unknown as (opts: { abortSignal: AbortSignal }) => Promise<unknown>;
    const answer = await ping.call(engine.docker, { abortSignal: deadline });
    if (String(answer).trim() !== 'OK') throw notDocker(`its /_ping said "${String(answer).slice(0, 40)}"`);
    return engine;
  } catch (e) {
    if (e instanceof UserError) throw e;
    if (deadline.aborted)
      throw explainEngineError(Object.assign(new Error('no answer'), { code: 'ETIMEDOUT' }), engine.endpoint);
    const status = (e as { statusCode?: number }).statusCode;
    if (status !== undefined && status !== 500) throw notDocker(`HTTP ${status} for /_ping`);
    throw explainEngineError(e, engine.endpoint);
  }
}

/** Turns a failure to reach the engine into a message the learner can act on; other errors pass through. */
export function explainEngineError(e: unknown, endpoint: string): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (
    code === 'ENOENT' ||
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === 'EHOSTUNREACH' ||
    code === 'ETIMEDOUT'
  ) {
    return new UserError(
      `Docker is not running: nothing answers at ${endpoint}.`,
      'Start it (`sudo systemctl start docker`, or open Docker Desktop), check with `docker info`, ' +
        'then try again. `containerlings doctor` shows what is missing.',
      'engine',
    );
  }
  if (code === 'EACCES') {
    return new UserError(
      `You may not use the Docker engine at ${endpoint} (permission denied).`,
      'Add yourself to the docker group (`sudo usermod -aG docker $USER`, then log in again), or run as a user who can.',
      'engine',
    );
  }
  const status = (e as { statusCode?: number } | undefined)?.statusCode;
  const text = String((e as { json?: { message?: string } })?.json?.message ?? (e as Error)?.message ?? '');
  if (/no space left on device/i.test(text)) {
    return new UserError(
      'The Docker engine ran out of disk space.',
      'Free some space (`docker system df`, then `docker image prune`), and try again.',
      'disk',
    );
  }
  if (status === 500 && /Cannot connect|daemon/i.test(text)) {
    return new UserError(`The Docker engine at ${endpoint} failed: ${text}`, 'Check it with `docker info`.', 'engine');
  }
  return e;
}

/** Wraps an engine call so connection failures become UserErrors. */
export async function onEngine<T>(engine: Engine, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw explainEngineError(e, engine.endpoint);
  }
}

/** True when the engine's error means "no such object". */
export function isNotFound(e: unknown): boolean {
  return (e as { statusCode?: number } | undefined)?.statusCode === 404;
}
