// The engine's answers kept on disk for the views (list, the lesson list): a hit for the same endpoint and socket
// within the lifetime; a miss for another endpoint, another socket file (an engine started again), after the
// lifetime, and for a corrupt file. What is kept gives the same profile as the engine's full answers.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cachedAnswers,
  endpointIdentity,
  PROFILE_TTL_MS,
  profileCacheFile,
  saveAnswers,
} from '../../src/sandbox/engine/profile-cache.js';
import { keptAnswers, profileFrom, type InfoJson, type VersionJson } from '../../src/sandbox/engine/profile.js';
import { tempDir } from '../support/cli.js';

const captured = (name: string): { version: VersionJson; info: InfoJson } =>
  JSON.parse(readFileSync(new URL(`../fixtures/engines/${name}.json`, import.meta.url), 'utf8'));

/** A private cache folder, and a file standing for the engine's socket (only its identity is read). */
function setup() {
  const dir = tempDir('containerlings-profile-cache-');
  const socket = join(dir, 'engine.sock');
  writeFileSync(socket, '');
  return { env: { XDG_CACHE_HOME: join(dir, 'cache') }, socket, endpoint: `unix://${socket}` };
}

describe('the engine profile cache', () => {
  const docker = captured('docker-20.10');
  const t0 = 1_800_000_000_000;

  it('a hit for the same endpoint and socket within the lifetime, with the same profile as the full answers', async () => {
    const { env, endpoint } = setup();
    expect(await cachedAnswers(endpoint, { env, now: t0 })).toBeUndefined();
    await saveAnswers(endpoint, keptAnswers(docker.version, docker.info), { env, now: t0 });
    const hit = await cachedAnswers<VersionJson, InfoJson>(endpoint, { env, now: t0 + PROFILE_TTL_MS - 1 });
    expect(hit).toBeDefined();
    expect(profileFrom(hit!.version, hit!.info, {}, endpoint)).toEqual(
      profileFrom(docker.version, docker.info, {}, endpoint),
    );
    // Only what the profile reads is kept: not the containers' and images' counts, nor the host's name.
    expect(JSON.stringify(hit)).not.toMatch(/"Containers"|"Images"|"Name":"[^"]*-host/);
  });

  it('what is kept from Podman and a rootless engine without swarm gives the same profile', () => {
    const podman = captured('podman-4.3');
    const kept = keptAnswers(podman.version, podman.info);
    expect(profileFrom(kept.version, kept.info, {})).toEqual(profileFrom(podman.version, podman.info, {}));
    const bare = { version: { Version: '25.0.0' }, info: { SecurityOptions: ['name=rootless'] } };
    const k = JSON.parse(JSON.stringify(keptAnswers(bare.version, bare.info)));
    expect(profileFrom(k.version, k.info, {})).toEqual(profileFrom(bare.version, bare.info, {}));
    expect(profileFrom(k.version, k.info, {}).swarm).toBe(false);
  });

  it('a miss on another endpoint, and on the same path after the engine made a new socket', async () => {
    const { env, endpoint, socket } = setup();
    await saveAnswers(endpoint, keptAnswers(docker.version, docker.info), { env, now: t0 });
    const other = setup();
    expect(await cachedAnswers(other.endpoint, { env, now: t0 })).toBeUndefined();
    expect(await cachedAnswers('tcp://127.0.0.1:2375', { env, now: t0 })).toBeUndefined();
    const before = await endpointIdentity(endpoint);
    rmSync(socket);
    expect(await cachedAnswers(endpoint, { env, now: t0 })).toBeUndefined(); // no socket: no engine there
    writeFileSync(socket, '');
    expect(await endpointIdentity(endpoint)).not.toBe(before);
    expect(await cachedAnswers(endpoint, { env, now: t0 })).toBeUndefined();
  });

  it('a miss after the lifetime, and for a time in the future', async () => {
    const { env, endpoint } = setup();
    await saveAnswers(endpoint, keptAnswers(docker.version, docker.info), { env, now: t0 });
    expect(await cachedAnswers(endpoint, { env, now: t0 + PROFILE_TTL_MS })).toBeUndefined();
    expect(await cachedAnswers(endpoint, { env, now: t0 - 1 })).toBeUndefined();
  });

  it('a new answer replaces the old one', async () => {
    const { env, endpoint } = setup();
    await saveAnswers(endpoint, keptAnswers(docker.version, docker.info), { env, now: t0 });
    const podman = captured('podman-4.3');
    await saveAnswers(endpoint, keptAnswers(podman.version, podman.info), { env, now: t0 + 1 });
    const hit = await cachedAnswers<VersionJson, InfoJson>(endpoint, { env, now: t0 + 2 });
    expect(profileFrom(hit!.version, hit!.info, {}).kind).toBe('podman');
  });

  it('a corrupt or foreign file is ignored, and a cache that cannot be written is no error', async () => {
    const { env, endpoint } = setup();
    await saveAnswers(endpoint, keptAnswers(docker.version, docker.info), { env, now: t0 });
    const file = profileCacheFile(endpoint, env);
    writeFileSync(file, '{"format":1,"endpoint":');
    expect(await cachedAnswers(endpoint, { env, now: t0 })).toBeUndefined();
    const entry = { format: 1, endpoint, identity: await endpointIdentity(endpoint), savedAt: t0 };
    writeFileSync(file, JSON.stringify({ ...entry, version: 'x', info: null }));
    expect(await cachedAnswers(endpoint, { env, now: t0 })).toBeUndefined();
    writeFileSync(file, JSON.stringify({ ...entry, format: 2, version: {}, info: {} }));
    expect(await cachedAnswers(endpoint, { env, now: t0 })).toBeUndefined();
    writeFileSync(file, JSON.stringify({ ...entry, endpoint: 'unix:///elsewhere', version: {}, info: {} }));
    expect(await cachedAnswers(endpoint, { env, now: t0 })).toBeUndefined();
    // The cache folder is a file: saving quietly does nothing.
    const blocked = { XDG_CACHE_HOME: file };
    await expect(saveAnswers(endpoint, { version: {}, info: {} }, { env: blocked })).resolves.toBeUndefined();
    expect(await cachedAnswers(endpoint, { env: blocked })).toBeUndefined();
  });
});
