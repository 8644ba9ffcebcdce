// The engine's answers to /version and /info, kept on disk for a few minutes, so that `list` and the lesson list
// know the engine without loading dockerode and waiting for it (13–50 ms on Docker, about 1.5 s on Podman).
// An entry holds for one endpoint and, for a unix socket, one socket file (an engine that starts again makes a new
// one); it expires after PROFILE_TTL_MS, and every real answer (doctor, check, the self-test) replaces it.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** How long the engine's answers are trusted without asking it again. */
export const PROFILE_TTL_MS = 5 * 60 * 1000;
const FORMAT = 1;

/** What the engine said (profile.ts decides which parts of it are kept). */
export interface EngineAnswers<V extends object = object, I extends object = object> {
  readonly version: V;
  readonly info: I;
}

interface Entry extends EngineAnswers {
  readonly format: number;
  readonly endpoint: string;
  readonly identity: string;
  readonly savedAt: number;
}

export interface CacheOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: number;
}

/** $XDG_CACHE_HOME/containerlings/engines/<hash of the endpoint>.json, else under ~/.cache. */
export function profileCacheFile(endpoint: string, env: NodeJS.ProcessEnv = process.env): string {
  const digest = createHash('sha256').update(endpoint).digest('hex').slice(0, 16);
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'containerlings', 'engines', `${digest}.json`);
}

/**
 * What tells the engine behind an endpoint apart without asking it: for a unix socket, the socket file (device,
 * inode, change time); undefined when it is missing (no engine there: nothing cached may stand for one). Other
 * endpoints have only their address.
 */
export async function endpointIdentity(endpoint: string): Promise<string | undefined> {
  if (!endpoint.startsWith('unix://')) return endpoint;
  try {
    const s = await stat(new URL(endpoint).pathname);
    return `${s.dev}:${s.ino}:${s.ctimeMs}`;
  } catch {
    return undefined;
  }
}

/** The answers saved for this endpoint and socket within the last PROFILE_TTL_MS, else undefined. */
export async function cachedAnswers<V extends object, I extends object>(
  endpoint: string,
  options: CacheOptions = {},
): Promise<EngineAnswers<V, I> | undefined> {
  const now = options.now ?? Date.now();
  try {
    const entry = JSON.parse(await readFile(profileCacheFile(endpoint, options.env), 'utf8')) as Partial<Entry>;
    const identity = await endpointIdentity(endpoint);
    if (
      entry?.format !== FORMAT ||
      entry.endpoint !== endpoint ||
      identity === undefined ||
      entry.identity !== identity ||
      typeof entry.savedAt !== 'number' ||
      !(now - entry.savedAt >= 0 && now - entry.savedAt < PROFILE_TTL_MS) ||
      typeof entry.version !== 'object' ||
      typeof entry.info !== 'object' ||
      !entry.version ||
      !entry.info
    )
      return undefined;
    return { version: entry.version as V, info: entry.info as I };
  } catch {
    return undefined; // none yet, unreadable or corrupt: ask the engine
  }
}

/** Keeps the engine's answers (written whole, then renamed); a cache that cannot be written is no error. */
export async function saveAnswers(endpoint: string, answers: EngineAnswers, options: CacheOptions = {}): Promise<void> {
  const file = profileCacheFile(endpoint, options.env);
  try {
    const identity = await endpointIdentity(endpoint);
    if (identity === undefined) return;
    const entry: Entry = { format: FORMAT, endpoint, identity, savedAt: options.now ?? Date.now(), ...answers };
    await mkdir(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(entry) + '\n');
    await rename(tmp, file);
  } catch {
    // read-only home, full disk: the next view asks the engine again
  }
}
